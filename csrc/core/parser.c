/*
 * parser.c - recursive-descent parser from tokens to the AST in pe_ast.h.
 *
 * One token of lookahead. Assignment targets are parsed as expressions and
 * then checked (as CPython does). Recursion is bounded by P->depth so that
 * hostile nesting gives an error instead of exhausting the C stack.
 * Constants are created while parsing, on the current (code) heap.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pe_ast.h"

/* CPython 3.11's parser gives up with a bare MemoryError when its rule
 * stack exceeds 6000 levels (Parser/parser.c MAXSTACK). A nested unary
 * operator, `not`, conditional expression or `elif` costs CPython one level
 * and a lambda or `**` two; about 32 levels are in use when the expression
 * of a statement starts. P->depth counts the same units, so the same
 * programs fail (e.g. 5967 nested `-` parse, 5968 do not). Brackets are
 * limited to 200 by the lexer before this matters. */
#define PE_MAX_PARSE_DEPTH 5967
/* levels of CPython's parser in use at an `elif` beyond an expression's */
#define PE_ELIF_BASE_LEVELS 12

typedef struct parser {
    pe_state *S;
    pe_arena *A;
    pe_lexer L;
    pe_token tok;   /* current token */
    pe_token peek;  /* lookahead, valid if has_peek */
    bool has_peek;
    int depth;
    const char *filename;
    /* f-string sub-parsers: position of the expression text in the outer source */
    uint32_t line_offset;
    uint32_t col_offset;
    bool fsub;           /* this parses an f-string expression */
    uint32_t prev_end_line, prev_end_col; /* end of the token before tok */
    bool late_no_text;   /* CPython's compile-stage errors show no source line */
    bool eof_last_line;  /* a file/stdin program: errors at its end go on its
                          * last line, without a caret (not -c, not the REPL,
                          * which looks for them after the input) */
    char fs_msg[120];    /* pending f-string error, raised at the next token */
} parser;

/* ------------------------------------------------------------------ */
/* Arena                                                               */
/* ------------------------------------------------------------------ */

void *pe_arena_alloc(pe_arena *A, size_t n) {
    n = (n + 15) & ~(size_t)15;
    pe_arena_chunk *c = A->head;
    if (!c || c->used + n > c->size) {
        /* small first chunk (start-up cost), then larger ones; the state
         * keeps one first chunk for the next compile */
        size_t want = A->head ? 32768 : 4096;
        size_t sz = n > want ? n : want;
        if (sz == 4096 && A->S->arena_spare) {
            c = A->S->arena_spare;
            A->S->arena_spare = NULL;
            A->S->mem_used += sizeof(pe_arena_chunk) + sz;
        } else {
            c = pe_mem_alloc(A->S, sizeof(pe_arena_chunk) + sz);
            if (!c) return NULL;
        }
        c->size = sz;
        c->used = 0;
        c->next = A->head;
        A->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

void pe_arena_free(pe_arena *A) {
    pe_arena_chunk *c = A->head;
    while (c) {
        pe_arena_chunk *n = c->next;
        if (c->size == 4096 && !A->S->arena_spare && !A->S->no_cache) {
            A->S->arena_spare = c;
            A->S->mem_used -= sizeof(pe_arena_chunk) + c->size;
        } else {
            pe_mem_free(A->S, c, sizeof(pe_arena_chunk) + c->size);
        }
        c = n;
    }
    A->head = NULL;
}

/* ------------------------------------------------------------------ */
/* Token helpers                                                       */
/* ------------------------------------------------------------------ */

static int advance(parser *P) {
    P->prev_end_line = P->tok.end_line;
    P->prev_end_col = P->tok.end_col;
    if (P->has_peek) {
        P->tok = P->peek;
        P->has_peek = false;
        return 0;
    }
    return pe_lex_next(&P->L, &P->tok);
}

static int peek(parser *P, pe_token **out) {
    if (!P->has_peek) {
        if (pe_lex_next(&P->L, &P->peek)) return -1;
        P->has_peek = true;
    }
    *out = &P->peek;
    return 0;
}

#define CUR (P->tok.kind)

/* Raises SyntaxError at a position of this parser's own source (line and
 * 0-based columns of P->L). In an f-string expression's parser CPython 3.11
 * prefixes "f-string: ", shows the "(expr)" text and its column, and reports
 * the line in the file (the sub-lexer's line_base). */
static int err_local(parser *P, uint32_t line, uint32_t col, uint32_t end_col, const char *msg) {
    return pe_lex_error(&P->L, PE_EXC(SyntaxError), line, col, end_col, "%s%s",
                        P->fsub ? "f-string: " : "", msg);
}

static int err_at(parser *P, const pe_token *t, const char *fmt, ...) PE_PRINTF(3, 4);
static int err_at(parser *P, const pe_token *t, const char *fmt, ...) {
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    uint32_t ec = t->end_line == t->line && t->end_col > t->col ? t->end_col : t->col + 1;
    return err_local(P, t->line, t->col, ec, msg);
}

/* A node's position back in P->L's coordinates (nodes of an f-string
 * expression carry file positions). */
static uint32_t node_line(const parser *P, const pe_node *n) { return n->line - P->line_offset; }
static uint32_t node_col(const parser *P, uint32_t line, uint32_t col) {
    uint32_t off = line == 1 ? P->col_offset : 0;
    return col >= off ? col - off : 0;
}

static int err_node(parser *P, const pe_node *n, const char *fmt, ...) PE_PRINTF(3, 4);
static int err_node(parser *P, const pe_node *n, const char *fmt, ...) {
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    uint32_t ec = n->end_line == n->line && n->end_col > n->col ? n->end_col : n->col + 1;
    uint32_t l = node_line(P, n);
    return err_local(P, l, node_col(P, l, n->col), node_col(P, l, ec), msg);
}

/* An error CPython finds after parsing (symtable/compiler): for a program
 * from a string (-c) or stdin it has no source line to show. */
static int err_node_late(parser *P, const pe_node *n, const char *fmt, ...) PE_PRINTF(3, 4);
static int err_node_late(parser *P, const pe_node *n, const char *fmt, ...) {
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!P->late_no_text || P->fsub) return err_node(P, n, "%s", msg);
    uint32_t ec = n->end_line == n->line && n->end_col > n->col ? n->end_col : n->col + 1;
    return pe_raise_syntax(P->S, PE_EXC(SyntaxError), msg, P->filename, n->line, n->col, ec, NULL,
                           0);
}

/* SyntaxError spanning node a to node b (CPython's RAISE_SYNTAX_ERROR_KNOWN_RANGE);
 * a range over several lines shows one caret at a. */
static int err_range(parser *P, const pe_node *a, const pe_node *b, const char *msg) {
    uint32_t ec = b->end_line == a->line && b->end_col > a->col ? b->end_col : a->col + 1;
    uint32_t l = node_line(P, a);
    return err_local(P, l, node_col(P, l, a->col), node_col(P, l, ec), msg);
}

/* An error of the f-string itself (not of an expression in it): CPython
 * raises it once the strings are joined, at the token after the last
 * string; p_strings reports it (fs_raise). */
static int fs_error(parser *P, const char *fmt, ...) PE_PRINTF(2, 3);
static int fs_error(parser *P, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(P->fs_msg, sizeof P->fs_msg, fmt, ap);
    va_end(ap);
    return -1;
}

static int invalid_syntax(parser *P) {
    if (CUR == PE_TOK_INDENT) {
        /* offset = the indentation's width: no caret (left of the text) */
        return pe_lex_error(&P->L, PE_EXC(IndentationError), P->tok.line, P->tok.col - 1, 0,
                            "unexpected indent");
    }
    if (CUR == PE_TOK_DEDENT) {
        return pe_lex_error(&P->L, PE_EXC(IndentationError), P->tok.line, P->tok.col,
                            P->tok.col + 1, "unindent does not match any outer indentation level");
    }
    return err_at(P, &P->tok, "invalid syntax");
}

static int expect(parser *P, int kind) {
    if (CUR != kind) {
        if (kind == PE_TOK_COLON || kind == PE_TOK_RPAR || kind == PE_TOK_RSQB ||
            kind == PE_TOK_RBRACE || kind == PE_TOK_KW_in)
            return err_at(P, &P->tok, "expected '%s'", pe_tok_text[kind]);
        return invalid_syntax(P);
    }
    return advance(P);
}

static pe_node *new_node(parser *P, int kind, const pe_token *t) {
    pe_node *n = pe_arena_alloc(P->A, sizeof(pe_node));
    if (!n) return NULL;
    n->kind = (uint16_t)kind;
    n->line = t->line + P->line_offset;
    n->col = t->col + (t->line == 1 ? P->col_offset : 0);
    n->end_line = t->end_line + P->line_offset;
    n->end_col = t->end_col + (t->end_line == 1 ? P->col_offset : 0);
    n->v = pe_undef();
    return n;
}

/* Extends n's end position to the previous token consumed (approximated
 * by the token before the current one: we keep it via P->tok start). */
static void node_end(parser *P, pe_node *n, const pe_token *last) {
    (void)P;
    n->end_line = last->end_line + P->line_offset;
    n->end_col = last->end_col + (last->end_line == 1 ? P->col_offset : 0);
}

/* Growable node lists. The first 16 items live in the vector itself; a
 * longer list grows inside the parse arena (the outgrown arrays stay there
 * until the arena is freed, at most as much again as the final list). So no
 * error path can leak a vector: everything goes with the arena (issue F12).
 * vec_free only resets; it is kept for the callers' symmetry. */
typedef struct vec {
    pe_node *small[16];
    pe_node **v;
    uint32_t n, cap;
    pe_arena *A;
} vec;

static void vec_init(vec *V, pe_arena *A) {
    V->v = V->small;
    V->n = 0;
    V->cap = 16;
    V->A = A;
}

static int vec_push(vec *V, pe_node *x) {
    if (V->n == V->cap) {
        if (V->cap > UINT32_MAX / 2) return -1;
        uint32_t nc = V->cap * 2;
        pe_node **nv = pe_arena_alloc(V->A, (size_t)nc * sizeof *nv);
        if (!nv) return -1;
        memcpy(nv, V->v, V->n * sizeof *nv);
        V->v = nv;
        V->cap = nc;
    }
    V->v[V->n++] = x;
    return 0;
}

static void vec_free(vec *V) {
    V->v = V->small;
    V->n = 0;
    V->cap = 16;
}

/* Moves the vector into list *l (an arena array); resets the vector. */
static int vec_finish(parser *P, vec *V, pe_nodelist *l) {
    l->n = V->n;
    l->v = NULL;
    if (V->v != V->small) {
        l->v = V->v;
    } else if (V->n) {
        l->v = pe_arena_alloc(P->A, V->n * sizeof(pe_node *));
        if (!l->v) {
            vec_free(V);
            return -1;
        }
        memcpy(l->v, V->v, V->n * sizeof(pe_node *));
    }
    vec_free(V);
    return 0;
}

/* One more level of parser recursion; MemoryError (as CPython) beyond the
 * limit. Every recursive descent goes through here, so the C stack depth is
 * bounded by a small multiple of PE_MAX_PARSE_DEPTH. */
static int enter_n(parser *P, int n) {
    P->depth += n;
    if (P->depth > PE_MAX_PARSE_DEPTH) {
        P->depth -= n;
        return pe_raise_nomem(P->S);
    }
    return 0;
}
static int enter(parser *P) { return enter_n(P, 1); }

/* A set of identifiers (parameter and keyword names) for duplicate checks in
 * linear time: open addressing over arena strings, on the state's heap. */
typedef struct nameset {
    const char **slot;
    uint32_t n, cap;
    pe_state *S;
} nameset;

static uint32_t ns_hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void ns_free(nameset *N) {
    pe_mem_free(N->S, N->slot, N->cap * sizeof(const char *));
    N->slot = NULL;
    N->n = N->cap = 0;
}

/* Adds name; 1 if it was already there, 0 if added, -1 on error. */
static int ns_add(nameset *N, const char *name) {
    if ((N->n + 1) * 2 > N->cap) {
        uint32_t nc = N->cap ? N->cap * 2 : 32;
        const char **ns = pe_mem_alloc(N->S, nc * sizeof(const char *));
        if (!ns) return -1;
        memset(ns, 0, nc * sizeof(const char *));
        for (uint32_t i = 0; i < N->cap; i++) {
            if (!N->slot[i]) continue;
            uint32_t h = ns_hash(N->slot[i]) & (nc - 1);
            while (ns[h]) h = (h + 1) & (nc - 1);
            ns[h] = N->slot[i];
        }
        pe_mem_free(N->S, N->slot, N->cap * sizeof(const char *));
        N->slot = ns;
        N->cap = nc;
    }
    uint32_t h = ns_hash(name) & (N->cap - 1);
    for (; N->slot[h]; h = (h + 1) & (N->cap - 1))
        if (!strcmp(N->slot[h], name)) return 1;
    N->slot[h] = name;
    N->n++;
    return 0;
}
#define LEAVE() (P->depth--)

static char *arena_strdup(parser *P, const char *s, size_t n) {
    char *d = pe_arena_alloc(P->A, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* "<what> is/are not supported by pyexpr"; `what` ends with its verb. */
static pe_node *unsupported(parser *P, const pe_token *t, const char *what) {
    err_at(P, t, "%s not supported by pyexpr", what);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

/* A comprehension clause starts here (`async for` is refused by p_comp_fors). */
#define COMP_FOR_START() (CUR == PE_TOK_KW_for || CUR == PE_TOK_KW_async)

static pe_node *p_test(parser *P);
static pe_node *p_star_exprs(parser *P, bool allow_star);
static pe_node *p_expr(parser *P);

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions], with
 * CUR on 'yield'. Where it may stand is the grammar's: a statement, the
 * value of an assignment, a parenthesized expression. */
static pe_node *p_yield(parser *P) {
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    bool from = CUR == PE_TOK_KW_from;
    pe_node *n = new_node(P, from ? PE_N_YIELDFROM : PE_N_YIELD, &t);
    if (!n) return NULL;
    if (from) {
        if (advance(P)) return NULL;
        n->a = p_test(P);
    } else {
        switch (CUR) {
        case PE_TOK_RPAR: case PE_TOK_NEWLINE: case PE_TOK_SEMI: case PE_TOK_EQUAL:
        case PE_TOK_ENDMARKER: case PE_TOK_RSQB: case PE_TOK_RBRACE:
            return n;
        default:
            n->a = p_star_exprs(P, true);
        }
    }
    if (!n->a) return NULL;
    n->end_line = n->a->end_line;
    n->end_col = n->a->end_col;
    return n;
}
static pe_node *p_or_test(parser *P);
static pe_node *p_factor(parser *P);
static pe_node *p_power(parser *P);
static pe_node *p_comparison(parser *P);
static pe_node *p_atom(parser *P);
static pe_node *p_strings(parser *P);
static int p_comp_fors(parser *P, pe_nodelist *out);

static pe_node *make_const(parser *P, const pe_token *t, pe_val v) {
    pe_node *n = new_node(P, PE_N_CONST, t);
    if (!n) {
        pe_decref(P->S, v);
        return NULL;
    }
    n->v = v;
    return n;
}

static pe_node *p_number(parser *P) {
    pe_token t = P->tok;
    pe_val v;
    const char *s = t.start;
    size_t n = t.len;
    bool is_float = false;
    if (!(n > 1 && s[0] == '0' && strchr("xXoObB", s[1]))) {
        for (size_t i = 0; i < n; i++)
            if (s[i] == '.' || s[i] == 'e' || s[i] == 'E') is_float = true;
    }
    if (is_float) {
        double d;
        if (pe_parse_double(s, n, &d)) {
            err_at(P, &t, "invalid decimal literal");
            return NULL;
        }
        v = pe_float(d);
    } else {
        int64_t acc = 0;
        bool small = n <= 18 && !(n > 1 && s[0] == '0');
        for (size_t i = 0; small && i < n; i++) {
            if (s[i] == '_') continue;
            acc = acc * 10 + (s[i] - '0');
        }
        if (small) {
            v = pe_int(acc);
        } else if (pe_int_from_literal(P->S, s, n, &v)) {
            /* the digit limit is a SyntaxError at compile time (CPython) */
            if (pe_exc_matches(P->S, PE_EXC(ValueError))) {
                pe_sb sb;
                pe_sb_init(&sb, P->S);
                pe_exc_str(P->S, P->S->exc, &sb);
                pe_sb_puts(&sb, " - Consider hexadecimal for huge integer literals to avoid "
                                "decimal conversion limits.");
                pe_sb_putc(&sb, 0);
                if (!sb.failed) {
                    pe_exc_clear(P->S);
                    pe_lex_error(&P->L, PE_EXC(SyntaxError), t.line, 0, 0, "%s",
                                 sb.p);
                }
                pe_sb_free(&sb);
            }
            return NULL;
        }
    }
    if (advance(P)) {
        pe_decref(P->S, v);
        return NULL;
    }
    return make_const(P, &t, v);
}

static const char *expr_desc(const pe_node *n);

/* `x = 1` where a named expression is expected (if/while conditions,
 * display items): CPython's hints. Called with CUR == '='; returns -1 with
 * the error raised, or 0 to let the caller report its own error. */
static int named_eq_error(parser *P, pe_node *a) {
    switch (a->kind) {
    case PE_N_COMPARE: case PE_N_BOOLOP: case PE_N_IFEXP: case PE_N_LAMBDA:
    case PE_N_TUPLE: case PE_N_LIST: case PE_N_GENEXP: case PE_N_STARRED:
        return 0;
    case PE_N_UNARY:
        if (a->op == PE_UOP_NOT) return 0;
        break;
    case PE_N_CONST:
        if (a->v.tag == PE_TNONE || a->v.tag == PE_TBOOL) return 0;
        break;
    default:
        break;
    }
    if (a->kind != PE_N_NAME || (a->flags & 1)) {
        char msg[120];
        snprintf(msg, sizeof msg, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                 expr_desc(a));
        return err_range(P, a, a, msg);
    }
    if (advance(P)) return -1;
    pe_node *b = p_expr(P);
    if (!b) return -1;
    if (CUR == PE_TOK_EQUAL || CUR == PE_TOK_COLONEQUAL) return invalid_syntax(P);
    return err_range(P, a, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
}

/* What CPython calls an expression in "cannot use assignment expressions
 * with %s" (_PyPegen_get_expr_name: tuples and lists by name). */
static const char *walrus_desc(const pe_node *a) {
    if (a->kind == PE_N_TUPLE) return "tuple";
    if (a->kind == PE_N_LIST) return "list";
    return expr_desc(a);
}

/* `a := value` where a named expression may stand (CUR is ':='): a
 * NAMEDEXPR (a: the NAME target, b: the value) when a is a bare name,
 * otherwise CPython's "cannot use assignment expressions with ..." over a. */
static pe_node *p_walrus(parser *P, pe_node *a) {
    if (a->kind != PE_N_NAME || (a->flags & 1)) {
        err_node(P, a, "cannot use assignment expressions with %s", walrus_desc(a));
        return NULL;
    }
    pe_token t = P->tok;
    if (advance(P) || enter(P)) return NULL;
    pe_node *v = p_test(P);
    LEAVE();
    if (!v) return NULL;
    pe_node *n = new_node(P, PE_N_NAMEDEXPR, &t);
    if (!n) return NULL;
    n->a = a;
    n->b = v;
    n->line = a->line;
    n->col = a->col;
    n->end_line = v->end_line;
    n->end_col = v->end_col;
    return n;
}

/* named_expression: `NAME := expression` or an expression. */
static pe_node *p_named(parser *P) {
    pe_node *a = p_test(P);
    if (a && CUR == PE_TOK_COLONEQUAL) return p_walrus(P, a);
    return a;
}

/* '*' expr at the current token (a STAR): a STARRED node; NULL with an
 * error. */
static pe_node *p_star_expr(parser *P) {
    pe_token st = P->tok;
    if (advance(P)) return NULL;
    pe_node *x = p_expr(P);
    if (!x) return NULL;
    pe_node *e = new_node(P, PE_N_STARRED, &st);
    if (!e) return NULL;
    e->a = x;
    e->end_line = x->end_line;
    e->end_col = x->end_col;
    return e;
}

/* Comma-separated items up to a closing token; handles trailing comma. */
static pe_node *p_paren(parser *P) {
    pe_token open = P->tok;
    if (advance(P)) return NULL;
    if (CUR == PE_TOK_RPAR) {
        pe_node *n = new_node(P, PE_N_TUPLE, &open);
        if (!n || advance(P)) return NULL;
        return n;
    }
    if (CUR == PE_TOK_KW_yield) {
        pe_node *y = p_yield(P);
        if (!y || expect(P, PE_TOK_RPAR)) return NULL;
        y->flags |= 1; /* parenthesized */
        return y;
    }
    pe_node *first;
    if (CUR == PE_TOK_STAR) {
        first = p_star_expr(P);
        if (!first) return NULL;
    } else {
        first = p_named(P);
        if (first && CUR == PE_TOK_EQUAL && named_eq_error(P, first)) return NULL;
    }
    if (!first) return NULL;
    if (COMP_FOR_START()) {
        pe_node *g = new_node(P, PE_N_GENEXP, &open);
        if (!g) return NULL;
        g->a = first;
        if (p_comp_fors(P, &g->l[0])) return NULL;
        if (expect(P, PE_TOK_RPAR)) return NULL;
        return g;
    }
    if (CUR == PE_TOK_RPAR) {
        if (first->kind == PE_N_STARRED) {
            err_node(P, first, "cannot use starred expression here");
            return NULL;
        }
        if (advance(P)) return NULL;
        first->flags |= 1; /* parenthesized */
        return first;
    }
    vec V;
    vec_init(&V, P->A);
    if (vec_push(&V, first)) return NULL;
    while (CUR == PE_TOK_COMMA) {
        if (advance(P)) goto fail;
        if (CUR == PE_TOK_RPAR) break;
        pe_node *e;
        if (CUR == PE_TOK_STAR) {
            e = p_star_expr(P);
            if (!e) goto fail;
        } else {
            e = p_named(P);
            if (e && CUR == PE_TOK_EQUAL && named_eq_error(P, e)) goto fail;
        }
        if (!e || vec_push(&V, e)) goto fail;
    }
    if (CUR != PE_TOK_RPAR) {
        if (CUR == PE_TOK_KW_for) err_at(P, &P->tok, "invalid syntax");
        else invalid_syntax(P);
        goto fail;
    }
    pe_node *t = new_node(P, PE_N_TUPLE, &open);
    if (!t) goto fail;
    node_end(P, t, &P->tok);
    if (advance(P) || vec_finish(P, &V, &t->l[0])) return NULL;
    t->flags |= 1;
    return t;
fail:
    vec_free(&V);
    return NULL;
}

/* Item of a list/set display: test or *expr. */
static pe_node *p_display_item(parser *P) {
    if (CUR == PE_TOK_STAR) return p_star_expr(P);
    pe_node *e = p_named(P);
    if (e && CUR == PE_TOK_EQUAL && P->L.paren_depth > 0) {
        if (named_eq_error(P, e)) return NULL;
    }
    return e;
}

static pe_node *p_list(parser *P) {
    pe_token open = P->tok;
    if (advance(P)) return NULL;
    pe_node *n = new_node(P, PE_N_LIST, &open);
    if (!n) return NULL;
    if (CUR == PE_TOK_RSQB) return advance(P) ? NULL : n;
    pe_node *first = p_display_item(P);
    if (!first) return NULL;
    if (COMP_FOR_START()) {
        n->kind = PE_N_LISTCOMP;
        n->a = first;
        if (p_comp_fors(P, &n->l[0]) || expect(P, PE_TOK_RSQB)) return NULL;
        return n;
    }
    vec V;
    vec_init(&V, P->A);
    if (vec_push(&V, first)) return NULL;
    while (CUR == PE_TOK_COMMA) {
        pe_token comma = P->tok;
        if (advance(P)) goto fail;
        if (CUR == PE_TOK_RSQB) break;
        if (COMP_FOR_START()) {
            /* `[a, for ...]`: CPython's range is a and the comma */
            if (V.n > 1) {
                err_range(P, V.v[0], V.v[V.n - 1],
                          "did you forget parentheses around the comprehension target?");
            } else {
                pe_node c = *V.v[0];
                c.end_line = comma.end_line + P->line_offset;
                c.end_col = comma.end_col + (comma.end_line == 1 ? P->col_offset : 0);
                err_range(P, V.v[0], &c,
                          "did you forget parentheses around the comprehension target?");
            }
            goto fail;
        }
        pe_node *e = p_display_item(P);
        if (!e || vec_push(&V, e)) goto fail;
    }
    if (CUR != PE_TOK_RSQB) {
        if (CUR == PE_TOK_KW_for && V.n > 1)
            err_range(P, V.v[0], V.v[V.n - 1],
                      "did you forget parentheses around the comprehension target?");
        else
            invalid_syntax(P);
        goto fail;
    }
    node_end(P, n, &P->tok);
    if (advance(P) || vec_finish(P, &V, &n->l[0])) return NULL;
    return n;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_dict_or_set(parser *P) {
    pe_token open = P->tok;
    if (advance(P)) return NULL;
    pe_node *n = new_node(P, PE_N_DICT, &open);
    if (!n) return NULL;
    if (CUR == PE_TOK_RBRACE) return advance(P) ? NULL : n;
    vec K, Vv;
    vec_init(&K, P->A);
    vec_init(&Vv, P->A);
    bool is_dict;
    /* first item decides */
    if (CUR == PE_TOK_DOUBLESTAR) {
        pe_token ds = P->tok;
        if (advance(P)) goto fail;
        pe_node *v = p_expr(P);
        if (!v) goto fail;
        if (COMP_FOR_START()) {
            err_at(P, &ds, "dict unpacking cannot be used in dict comprehension");
            goto fail;
        }
        if (vec_push(&K, NULL) || vec_push(&Vv, v)) goto fail;
        is_dict = true;
    } else {
        pe_node *k = p_display_item(P);
        if (!k) goto fail;
        if (CUR == PE_TOK_COLON && k->kind == PE_N_NAMEDEXPR) {
            invalid_syntax(P); /* {x := 1: 2} */
            goto fail;
        }
        if (CUR == PE_TOK_COLON && k->kind != PE_N_STARRED) {
            pe_token colon = P->tok;
            if (advance(P)) goto fail;
            if (CUR == PE_TOK_RBRACE || CUR == PE_TOK_COMMA) {
                err_at(P, &colon, "expression expected after dictionary key and ':'");
                goto fail;
            }
            pe_node *v = p_test(P);
            if (!v) goto fail;
            if (COMP_FOR_START()) {
                n->kind = PE_N_DICTCOMP;
                n->a = k;
                n->b = v;
                if (p_comp_fors(P, &n->l[0]) || expect(P, PE_TOK_RBRACE)) goto fail;
                return n;
            }
            if (vec_push(&K, k) || vec_push(&Vv, v)) goto fail;
            is_dict = true;
        } else {
            if (COMP_FOR_START()) {
                n->kind = PE_N_SETCOMP;
                n->a = k;
                if (p_comp_fors(P, &n->l[0]) || expect(P, PE_TOK_RBRACE)) goto fail;
                return n;
            }
            if (vec_push(&K, k)) goto fail;
            is_dict = false;
        }
    }
    while (CUR == PE_TOK_COMMA) {
        if (advance(P)) goto fail;
        if (CUR == PE_TOK_RBRACE) break;
        if (is_dict) {
            if (CUR == PE_TOK_DOUBLESTAR) {
                if (advance(P)) goto fail;
                pe_node *v = p_expr(P);
                if (!v || vec_push(&K, NULL) || vec_push(&Vv, v)) goto fail;
                continue;
            }
            pe_node *k = p_test(P);
            if (!k) goto fail;
            if (CUR != PE_TOK_COLON) {
                err_at(P, &P->tok, "':' expected after dictionary key");
                goto fail;
            }
            pe_token colon = P->tok;
            if (advance(P)) goto fail;
            if (CUR == PE_TOK_RBRACE || CUR == PE_TOK_COMMA) {
                err_at(P, &colon, "expression expected after dictionary key and ':'");
                goto fail;
            }
            pe_node *v = p_test(P);
            if (!v || vec_push(&K, k) || vec_push(&Vv, v)) goto fail;
        } else {
            pe_node *k = p_display_item(P);
            if (!k || vec_push(&K, k)) goto fail;
        }
    }
    if (CUR != PE_TOK_RBRACE) {
        if (CUR == PE_TOK_KW_for && !is_dict && K.n > 1)
            err_range(P, K.v[0], K.v[K.n - 1],
                      "did you forget parentheses around the comprehension target?");
        else
            invalid_syntax(P);
        goto fail;
    }
    if (advance(P)) goto fail;
    if (!is_dict) n->kind = PE_N_SET;
    if (vec_finish(P, &K, &n->l[0])) {
        vec_free(&Vv);
        return NULL;
    }
    if (vec_finish(P, &Vv, &n->l[1])) return NULL;
    return n;
fail:
    vec_free(&K);
    vec_free(&Vv);
    return NULL;
}

static pe_node *p_atom(parser *P) {
    pe_token t = P->tok;
    switch (CUR) {
    case PE_TOK_NAME: {
        pe_node *n = new_node(P, PE_N_NAME, &t);
        if (!n) return NULL;
        n->name = arena_strdup(P, t.start, t.len);
        n->namelen = (uint32_t)t.len;
        if (!n->name || advance(P)) return NULL;
        return n;
    }
    case PE_TOK_NUMBER:
        return p_number(P);
    case PE_TOK_STRING:
        return p_strings(P);
    case PE_TOK_KW_None:
        if (advance(P)) return NULL;
        return make_const(P, &t, pe_none());
    case PE_TOK_KW_True:
        if (advance(P)) return NULL;
        return make_const(P, &t, pe_bool(1));
    case PE_TOK_KW_False:
        if (advance(P)) return NULL;
        return make_const(P, &t, pe_bool(0));
    case PE_TOK_LPAR: {
        if (enter(P)) return NULL;
        pe_node *n = p_paren(P);
        LEAVE();
        return n;
    }
    case PE_TOK_LSQB: {
        if (enter(P)) return NULL;
        pe_node *n = p_list(P);
        LEAVE();
        return n;
    }
    case PE_TOK_LBRACE: {
        if (enter(P)) return NULL;
        pe_node *n = p_dict_or_set(P);
        LEAVE();
        return n;
    }
    case PE_TOK_ELLIPSIS:
        if (advance(P)) return NULL;
        return make_const(P, &t, pe_obj_val((pe_obj *)&pe_ellipsis_obj));
    default:
        invalid_syntax(P);
        return NULL;
    }
}

/* One argument list for a call; the '(' is current. */
static int p_call_args(parser *P, pe_node *call) {
    vec A, K;
    vec_init(&A, P->A);
    vec_init(&K, P->A);
    nameset kwnames = {NULL, 0, 0, P->S};
    if (advance(P)) return -1;
    bool seen_kw = false, seen_kwunpack = false;
    while (CUR != PE_TOK_RPAR) {
        pe_token t = P->tok;
        if (CUR == PE_TOK_STAR) {
            if (advance(P)) goto fail;
            pe_node *x = p_test(P);
            if (!x) goto fail;
            if (seen_kwunpack) {
                err_at(P, &t, "iterable argument unpacking follows keyword argument unpacking");
                goto fail;
            }
            pe_node *s = new_node(P, PE_N_STARRED, &t);
            if (!s) goto fail;
            s->a = x;
            s->end_line = x->end_line;
            s->end_col = x->end_col;
            if (vec_push(&A, s)) goto fail;
        } else if (CUR == PE_TOK_DOUBLESTAR) {
            if (advance(P)) goto fail;
            pe_node *x = p_test(P);
            if (!x) goto fail;
            pe_node *k = new_node(P, PE_N_KEYWORD, &t);
            if (!k) goto fail;
            k->a = x;
            seen_kwunpack = true;
            if (vec_push(&K, k)) goto fail;
        } else {
            pe_token *pk = NULL;
            if (CUR == PE_TOK_NAME) {
                if (peek(P, &pk)) goto fail;
                if (pk->kind == PE_TOK_EQUAL) {
                    pe_node *k = new_node(P, PE_N_KEYWORD, &t);
                    if (!k) goto fail;
                    k->name = arena_strdup(P, t.start, t.len);
                    k->namelen = (uint32_t)t.len;
                    if (!k->name || advance(P) || advance(P)) goto fail;
                    k->a = p_test(P);
                    if (!k->a) goto fail;
                    int dup = ns_add(&kwnames, k->name);
                    if (dup < 0) goto fail;
                    if (dup) {
                        k->end_line = k->a->end_line; /* name=value, as CPython */
                        k->end_col = k->a->end_col;
                        err_node_late(P, k, "keyword argument repeated: %s", k->name);
                        goto fail;
                    }
                    seen_kw = true;
                    if (vec_push(&K, k)) goto fail;
                    goto next;
                }
            }
            bool named = CUR == PE_TOK_NAME && pk->kind == PE_TOK_COLONEQUAL;
            pe_node *x = p_test(P);
            if (!x) goto fail;
            if (CUR == PE_TOK_COLONEQUAL) {
                /* only a bare name may be the target in an argument */
                if (!named) {
                    invalid_syntax(P);
                    goto fail;
                }
                x = p_walrus(P, x);
                if (!x) goto fail;
            }
            if (CUR == PE_TOK_EQUAL) {
                err_node(P, x, "expression cannot contain assignment, perhaps you meant \"==\"?");
                goto fail;
            }
            if (COMP_FOR_START()) {
                pe_node *g = new_node(P, PE_N_GENEXP, &t);
                if (!g) goto fail;
                g->a = x;
                if (p_comp_fors(P, &g->l[0])) goto fail;
                if (A.n || K.n || CUR != PE_TOK_RPAR) {
                    /* CPython's range: the element to the last clause */
                    g->col = x->col;
                    g->end_line = P->prev_end_line + P->line_offset;
                    g->end_col = P->prev_end_col + (P->prev_end_line == 1 ? P->col_offset : 0);
                    err_node(P, g, "Generator expression must be parenthesized");
                    goto fail;
                }
                x = g;
            }
            /* CPython: at the token after the argument */
            if (seen_kwunpack) {
                err_at(P, &P->tok, "positional argument follows keyword argument unpacking");
                goto fail;
            }
            if (seen_kw) {
                err_at(P, &P->tok, "positional argument follows keyword argument");
                goto fail;
            }
            if (vec_push(&A, x)) goto fail;
        }
    next:
        if (CUR == PE_TOK_COMMA) {
            if (advance(P)) goto fail;
        } else if (CUR != PE_TOK_RPAR) {
            if (CUR == PE_TOK_KW_for)
                err_at(P, &P->tok, "Generator expression must be parenthesized");
            else
                err_at(P, &P->tok, "invalid syntax. Perhaps you forgot a comma?");
            goto fail;
        }
    }
    ns_free(&kwnames);
    node_end(P, call, &P->tok);
    if (advance(P)) goto fail;
    if (vec_finish(P, &A, &call->l[0])) {
        vec_free(&K);
        return -1;
    }
    return vec_finish(P, &K, &call->l[1]);
fail:
    ns_free(&kwnames);
    vec_free(&A);
    vec_free(&K);
    return -1;
}

static pe_node *p_slice_item(parser *P) {
    pe_token t = P->tok;
    pe_node *lo = NULL, *hi = NULL, *st = NULL;
    if (CUR != PE_TOK_COLON) {
        lo = p_named(P);
        if (!lo) return NULL;
        if (CUR != PE_TOK_COLON) return lo;
        if (lo->kind == PE_N_NAMEDEXPR) {
            invalid_syntax(P); /* a[x := 1:2] */
            return NULL;
        }
    }
    pe_node *s = new_node(P, PE_N_SLICE, &t);
    if (!s || advance(P)) return NULL;
    if (CUR != PE_TOK_COLON && CUR != PE_TOK_RSQB && CUR != PE_TOK_COMMA) {
        hi = p_test(P);
        if (!hi) return NULL;
    }
    if (CUR == PE_TOK_COLON) {
        if (advance(P)) return NULL;
        if (CUR != PE_TOK_RSQB && CUR != PE_TOK_COMMA) {
            st = p_test(P);
            if (!st) return NULL;
        }
    }
    s->a = lo;
    s->b = hi;
    s->c = st;
    return s;
}

static pe_node *p_subscript(parser *P) {
    pe_token t = P->tok;
    pe_node *first = p_slice_item(P);
    if (!first) return NULL;
    if (CUR != PE_TOK_COMMA) return first;
    vec V;
    vec_init(&V, P->A);
    if (vec_push(&V, first)) return NULL;
    while (CUR == PE_TOK_COMMA) {
        if (advance(P)) goto fail;
        if (CUR == PE_TOK_RSQB) break;
        pe_node *e = p_slice_item(P);
        if (!e || vec_push(&V, e)) goto fail;
    }
    pe_node *tup = new_node(P, PE_N_TUPLE, &t);
    if (!tup || vec_finish(P, &V, &tup->l[0])) return NULL;
    return tup;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_primary(parser *P) {
    pe_node *e = p_atom(P);
    if (!e) return NULL;
    for (;;) {
        pe_token t = P->tok;
        if (CUR == PE_TOK_LPAR) {
            pe_node *c = new_node(P, PE_N_CALL, &t);
            if (!c) return NULL;
            c->line = e->line;
            c->col = e->col;
            c->a = e;
            if (enter(P)) return NULL;
            int r = p_call_args(P, c);
            LEAVE();
            if (r) return NULL;
            e = c;
        } else if (CUR == PE_TOK_LSQB) {
            pe_node *s = new_node(P, PE_N_SUBSCR, &t);
            if (!s || enter(P)) return NULL;
            s->line = e->line;
            s->col = e->col;
            if (advance(P)) return NULL;
            s->a = e;
            s->b = p_subscript(P);
            LEAVE();
            if (!s->b) return NULL;
            node_end(P, s, &P->tok);
            if (expect(P, PE_TOK_RSQB)) return NULL;
            e = s;
        } else if (CUR == PE_TOK_DOT) {
            if (advance(P)) return NULL;
            if (CUR != PE_TOK_NAME) {
                invalid_syntax(P);
                return NULL;
            }
            pe_node *a = new_node(P, PE_N_ATTR, &P->tok);
            if (!a) return NULL;
            a->line = e->line;
            a->col = e->col;
            a->a = e;
            a->name = arena_strdup(P, P->tok.start, P->tok.len);
            a->namelen = (uint32_t)P->tok.len;
            if (!a->name || advance(P)) return NULL;
            e = a;
        } else {
            break;
        }
    }
    return e;
}

/* A BINOP node spanning lhs .. rhs. */
static pe_node *make_binop(parser *P, const pe_token *t, int op, pe_node *lhs, pe_node *rhs) {
    pe_node *n = new_node(P, PE_N_BINOP, t);
    if (!n) return NULL;
    n->op = (uint16_t)op;
    n->a = lhs;
    n->b = rhs;
    n->line = lhs->line;
    n->col = lhs->col;
    n->end_line = rhs->end_line;
    n->end_col = rhs->end_col;
    return n;
}

static int unary_op(int tok);
static pe_node *apply_prefix(parser *P, pe_node *n, pe_node *x);

/* power: primary ['**' factor], right-associative. A chain
 * `a ** -b ** c ...` is read in a loop into V as [base, POW, prefix ops...,
 * base, POW, ...] (operator nodes with no operands yet), then assembled
 * from the right, so its length costs no C stack. Each `**` costs CPython's
 * parser two levels, each prefix operator one. */
/* ['await'] primary */
static pe_node *p_await_primary(parser *P) {
    if (CUR != PE_TOK_KW_await) return p_primary(P);
    pe_node *n = new_node(P, PE_N_AWAIT, &P->tok);
    if (!n || advance(P) || enter(P)) return NULL;
    n->a = p_primary(P);
    LEAVE();
    if (!n->a) return NULL;
    n->end_line = n->a->end_line;
    n->end_col = n->a->end_col;
    return n;
}

static pe_node *p_power(parser *P) {
    pe_node *base = p_await_primary(P);
    if (!base || CUR != PE_TOK_DOUBLESTAR) return base;
    int saved = P->depth;
    vec V;
    vec_init(&V, P->A);
    if (vec_push(&V, base)) goto fail;
    while (CUR == PE_TOK_DOUBLESTAR) {
        pe_node *pw = new_node(P, PE_N_BINOP, &P->tok);
        if (!pw || vec_push(&V, pw) || advance(P) || enter_n(P, 2)) goto fail;
        pw->op = PE_BO_POW;
        for (int u; (u = unary_op(CUR)) >= 0;) {
            pe_node *n = new_node(P, PE_N_UNARY, &P->tok);
            if (!n || vec_push(&V, n) || advance(P) || enter(P)) goto fail;
            n->op = (uint16_t)u;
        }
        pe_node *b = p_await_primary(P);
        if (!b || vec_push(&V, b)) goto fail;
    }
    P->depth = saved;
    pe_node *x = V.v[V.n - 1];
    for (uint32_t i = V.n - 1; i > 0 && x;) {
        pe_node *n = V.v[--i];
        if (n->kind == PE_N_UNARY) {
            x = apply_prefix(P, n, x);
        } else { /* a pending POW: its left operand precedes it */
            pe_node *lhs = V.v[--i];
            n->a = lhs;
            n->b = x;
            n->line = lhs->line;
            n->col = lhs->col;
            n->end_line = x->end_line;
            n->end_col = x->end_col;
            x = n;
        }
    }
    vec_free(&V);
    return x;
fail:
    P->depth = saved;
    vec_free(&V);
    return NULL;
}

static int unary_op(int tok) {
    switch (tok) {
    case PE_TOK_MINUS: return PE_UOP_NEG;
    case PE_TOK_PLUS: return PE_UOP_POS;
    case PE_TOK_TILDE: return PE_UOP_INVERT;
    default: return -1;
    }
}

/* Applies the prefix operator node n (operand not yet set) to x.
 * -<number> becomes a constant (CPython's AST optimizer folds it too). */
static pe_node *apply_prefix(parser *P, pe_node *n, pe_node *x) {
    if (n->op == PE_UOP_NEG && x->kind == PE_N_CONST &&
        (x->v.tag == PE_TINT || x->v.tag == PE_TFLOAT || pe_is_bigint(x->v))) {
        pe_val nv;
        if (pe_unary_neg(P->S, x->v, &nv)) return NULL;
        pe_decref(P->S, x->v);
        x->v = nv;
        x->op++; /* CONST: how many minus signs were folded (compiler depth) */
        x->line = n->line;
        x->col = n->col;
        return x;
    }
    n->a = x;
    n->end_line = x->end_line;
    n->end_col = x->end_col;
    return n;
}

/* Wraps x in the prefix operators of V (outermost first), innermost first. */
static pe_node *wrap_prefix_ops(parser *P, vec *V, pe_node *x) {
    for (uint32_t i = V->n; i-- > 0 && x;) x = apply_prefix(P, V->v[i], x);
    return x;
}

/* Prefix operators (- + ~ or `not`) are collected in a loop, not by
 * recursion; each costs one parser level (as in CPython). */
static pe_node *p_prefixed(parser *P, bool is_not) {
    vec V;
    vec_init(&V, P->A);
    for (;;) {
        int op = is_not ? (CUR == PE_TOK_KW_not ? PE_UOP_NOT : -1) : unary_op(CUR);
        if (op < 0) break;
        pe_node *n = new_node(P, PE_N_UNARY, &P->tok);
        if (!n) goto fail;
        n->op = (uint16_t)op;
        if (vec_push(&V, n) || advance(P)) goto fail;
    }
    if (enter_n(P, (int)V.n)) goto fail;
    pe_node *x = is_not ? p_comparison(P) : p_power(P);
    P->depth -= (int)V.n;
    if (!x) goto fail;
    x = wrap_prefix_ops(P, &V, x);
    vec_free(&V);
    return x;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_factor(parser *P) {
    if (unary_op(CUR) < 0) return p_power(P);
    return p_prefixed(P, false);
}

/* Binary operator precedence for precedence climbing (0 = not binary). */
static int binop_prec(int tok, int *op) {
    switch (tok) {
    case PE_TOK_VBAR: *op = PE_BO_OR; return 1;
    case PE_TOK_CIRCUMFLEX: *op = PE_BO_XOR; return 2;
    case PE_TOK_AMPER: *op = PE_BO_AND; return 3;
    case PE_TOK_LEFTSHIFT: *op = PE_BO_LSHIFT; return 4;
    case PE_TOK_RIGHTSHIFT: *op = PE_BO_RSHIFT; return 4;
    case PE_TOK_PLUS: *op = PE_BO_ADD; return 5;
    case PE_TOK_MINUS: *op = PE_BO_SUB; return 5;
    case PE_TOK_STAR: *op = PE_BO_MUL; return 6;
    case PE_TOK_SLASH: *op = PE_BO_TRUEDIV; return 6;
    case PE_TOK_DOUBLESLASH: *op = PE_BO_FLOORDIV; return 6;
    case PE_TOK_PERCENT: *op = PE_BO_MOD; return 6;
    case PE_TOK_AT: *op = PE_BO_MATMUL; return 6;
    default: return 0;
    }
}

/* Left-associative binary operators at precedence >= minprec. */
static pe_node *p_binary(parser *P, int minprec) {
    pe_node *lhs = p_factor(P);
    if (!lhs) return NULL;
    int op, prec;
    while ((prec = binop_prec(CUR, &op)) >= minprec && prec) {
        pe_token t = P->tok;
        if (advance(P)) return NULL;
        if (enter(P)) return NULL;
        pe_node *rhs = p_binary(P, prec + 1);
        LEAVE();
        if (!rhs) return NULL;
        lhs = make_binop(P, &t, op, lhs, rhs);
        if (!lhs) return NULL;
    }
    return lhs;
}

static pe_node *p_expr(parser *P) { return p_binary(P, 1); }

/* Comparison operator at the current token; consumes it. -1 if none. */
static int p_compop(parser *P, int *op) {
    pe_token *pk;
    switch (CUR) {
    case PE_TOK_LESS: *op = PE_LT; break;
    case PE_TOK_LESSEQUAL: *op = PE_LE; break;
    case PE_TOK_EQEQUAL: *op = PE_EQ; break;
    case PE_TOK_NOTEQUAL: *op = PE_NE; break;
    case PE_TOK_GREATER: *op = PE_GT; break;
    case PE_TOK_GREATEREQUAL: *op = PE_GE; break;
    case PE_TOK_KW_in: *op = PE_CMP_IN; break;
    case PE_TOK_KW_is:
        if (peek(P, &pk)) return -2;
        if (pk->kind == PE_TOK_KW_not) {
            if (advance(P)) return -2;
            *op = PE_CMP_ISNOT;
        } else {
            *op = PE_CMP_IS;
        }
        break;
    case PE_TOK_KW_not:
        if (peek(P, &pk)) return -2;
        if (pk->kind != PE_TOK_KW_in) return -1;
        if (advance(P)) return -2;
        *op = PE_CMP_NOTIN;
        break;
    default:
        return -1;
    }
    return advance(P) ? -2 : 0;
}

static pe_node *p_comparison(parser *P) {
    pe_node *lhs = p_expr(P);
    if (!lhs) return NULL;
    int op;
    int r = p_compop(P, &op);
    if (r == -2) return NULL;
    if (r == -1) return lhs;
    pe_node *n = new_node(P, PE_N_COMPARE, &P->tok);
    if (!n) return NULL;
    n->line = lhs->line;
    n->col = lhs->col;
    n->a = lhs;
    vec V;
    vec_init(&V, P->A);
    uint8_t opsbuf[64], *ops = opsbuf;
    uint32_t nops = 0, opscap = 64;
    do {
        pe_node *rhs = p_expr(P);
        if (!rhs || vec_push(&V, rhs)) goto fail;
        if (nops == opscap) {
            uint8_t *no = pe_arena_alloc(P->A, opscap * 2);
            if (!no) goto fail;
            memcpy(no, ops, nops);
            ops = no;
            opscap *= 2;
        }
        ops[nops++] = (uint8_t)op;
        n->end_line = rhs->end_line;
        n->end_col = rhs->end_col;
        r = p_compop(P, &op);
        if (r == -2) goto fail;
    } while (r == 0);
    n->ops = pe_arena_alloc(P->A, nops);
    if (!n->ops) goto fail;
    memcpy(n->ops, ops, nops);
    if (vec_finish(P, &V, &n->l[0])) return NULL;
    return n;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_not_test(parser *P) {
    if (CUR != PE_TOK_KW_not) return p_comparison(P);
    return p_prefixed(P, true);
}

/* and/or chains become one BOOLOP node with all operands. */
static pe_node *p_boolop(parser *P, int which) {
    pe_node *first = which == PE_BOOL_OR ? p_boolop(P, PE_BOOL_AND) : p_not_test(P);
    int tk = which == PE_BOOL_OR ? PE_TOK_KW_or : PE_TOK_KW_and;
    if (!first || CUR != tk) return first;
    pe_node *n = new_node(P, PE_N_BOOLOP, &P->tok);
    if (!n) return NULL;
    n->op = (uint16_t)which;
    n->line = first->line;
    n->col = first->col;
    vec V;
    vec_init(&V, P->A);
    if (vec_push(&V, first)) return NULL;
    while (CUR == tk) {
        if (advance(P)) goto fail;
        pe_node *x = which == PE_BOOL_OR ? p_boolop(P, PE_BOOL_AND) : p_not_test(P);
        if (!x || vec_push(&V, x)) goto fail;
        n->end_line = x->end_line;
        n->end_col = x->end_col;
    }
    if (vec_finish(P, &V, &n->l[0])) return NULL;
    return n;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_or_test(parser *P) { return p_boolop(P, PE_BOOL_OR); }

static int p_params(parser *P, pe_nodelist *out, int closer);

static pe_node *p_lambda(parser *P) {
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    pe_node *n = new_node(P, PE_N_LAMBDA, &t);
    if (!n) return NULL;
    if (p_params(P, &n->l[0], PE_TOK_COLON)) return NULL;
    if (expect(P, PE_TOK_COLON)) return NULL;
    if (enter_n(P, 2)) return NULL;
    n->a = p_test(P);
    P->depth -= 2;
    if (!n->a) return NULL;
    n->end_line = n->a->end_line;
    n->end_col = n->a->end_col;
    return n;
}

/* Can the current token start an expression but not continue one? */
static bool starts_expression_only(int kind) {
    switch (kind) {
    case PE_TOK_NAME: case PE_TOK_NUMBER: case PE_TOK_STRING: case PE_TOK_LBRACE:
    case PE_TOK_KW_None: case PE_TOK_KW_True: case PE_TOK_KW_False: case PE_TOK_KW_lambda:
    case PE_TOK_KW_not: case PE_TOK_TILDE:
        return true;
    default:
        return false;
    }
}

static bool is_name(const pe_node *n, const char *s) {
    return n->kind == PE_N_NAME && !strcmp(n->name, s);
}

/* Two expressions side by side inside brackets: CPython's "Perhaps you
 * forgot a comma?" over both (or, after print/exec, the legacy statement
 * hint). Called with CUR after the first one; returns NULL. */
static pe_node *forgot_comma(parser *P, pe_node *a) {
    bool legacy = is_name(a, "print") || is_name(a, "exec");
    pe_node *b = legacy ? p_star_exprs(P, true) : p_test(P);
    if (!b) return NULL;
    if (legacy) {
        char msg[80];
        snprintf(msg, sizeof msg, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                 a->name, a->name);
        err_range(P, a, b, msg);
    } else {
        err_range(P, a, b, "invalid syntax. Perhaps you forgot a comma?");
    }
    return NULL;
}

static pe_node *p_test(parser *P) {
    if (CUR == PE_TOK_KW_lambda) return p_lambda(P);
    pe_node *body = p_or_test(P);
    if (body && P->L.paren_depth > 0 && starts_expression_only(CUR) &&
        !(body->kind == PE_N_NAME && CUR == PE_TOK_STRING && !is_name(body, "print") &&
          !is_name(body, "exec")) &&
        !is_name(body, "match") && !is_name(body, "case") && !is_name(body, "_"))
        return forgot_comma(P, body);
    if (!body || CUR != PE_TOK_KW_if) return body;
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    pe_node *test = p_or_test(P);
    if (!test) return NULL;
    if (CUR != PE_TOK_KW_else) {
        err_range(P, body, test, "expected 'else' after 'if' expression");
        return NULL;
    }
    if (advance(P) || enter(P)) return NULL;
    pe_node *orelse = p_test(P);
    LEAVE();
    if (!orelse) return NULL;
    pe_node *n = new_node(P, PE_N_IFEXP, &t);
    if (!n) return NULL;
    n->a = test;
    n->b = body;
    n->c = orelse;
    n->line = body->line;
    n->col = body->col;
    n->end_line = orelse->end_line;
    n->end_col = orelse->end_col;
    return n;
}

/* Target list of a comprehension `for` (no conditional expressions). */
static pe_node *p_target_list(parser *P, int stop1, int stop2);

static int p_comp_fors(parser *P, pe_nodelist *out) {
    vec V;
    vec_init(&V, P->A);
    while (CUR == PE_TOK_KW_for || CUR == PE_TOK_KW_async) {
        pe_node *f = new_node(P, PE_N_COMPFOR, &P->tok);
        if (!f) goto fail;
        if (CUR == PE_TOK_KW_async) {
            f->flags |= PE_NF_ASYNC;
            if (advance(P)) goto fail;
            if (CUR != PE_TOK_KW_for) {
                invalid_syntax(P);
                goto fail;
            }
        }
        if (advance(P)) goto fail;
        f->a = p_target_list(P, PE_TOK_KW_in, -1);
        if (!f->a) goto fail;
        if (expect(P, PE_TOK_KW_in)) goto fail;
        f->b = p_or_test(P);
        if (!f->b) goto fail;
        vec ifs;
        vec_init(&ifs, P->A);
        while (CUR == PE_TOK_KW_if) {
            if (advance(P)) {
                vec_free(&ifs);
                goto fail;
            }
            pe_node *c = p_or_test(P);
            if (!c || vec_push(&ifs, c)) {
                vec_free(&ifs);
                goto fail;
            }
        }
        if (vec_finish(P, &ifs, &f->l[0]) || vec_push(&V, f)) goto fail;
    }
    if (CUR == PE_TOK_COLONEQUAL) {
        invalid_syntax(P); /* [x for x in y if z := 1] */
        goto fail;
    }
    return vec_finish(P, &V, out);
fail:
    vec_free(&V);
    return -1;
}

/* Comma-separated star_expressions; a tuple if there is a comma. */
static pe_node *p_star_exprs(parser *P, bool allow_star) {
    pe_token t = P->tok;
    vec V;
    vec_init(&V, P->A);
    bool comma = false;
    for (;;) {
        pe_node *e;
        if (CUR == PE_TOK_STAR && allow_star) {
            e = p_star_expr(P);
            if (!e) goto fail;
        } else {
            e = p_test(P);
        }
        if (!e || vec_push(&V, e)) goto fail;
        if (CUR != PE_TOK_COMMA) break;
        comma = true;
        if (advance(P)) goto fail;
        /* tuple may end with a trailing comma */
        switch (CUR) {
        case PE_TOK_NEWLINE: case PE_TOK_EQUAL: case PE_TOK_RPAR: case PE_TOK_SEMI:
        case PE_TOK_COLON: case PE_TOK_ENDMARKER: case PE_TOK_RSQB: case PE_TOK_RBRACE:
        case PE_TOK_PLUSEQUAL: case PE_TOK_MINEQUAL:
            goto done;
        default:
            break;
        }
    }
done:
    if (!comma) {
        pe_node *only = V.v[0];
        vec_free(&V);
        return only;
    }
    pe_node *tup = new_node(P, PE_N_TUPLE, &t);
    if (!tup) goto fail;
    tup->line = V.v[0]->line;
    tup->col = V.v[0]->col;
    tup->end_line = V.v[V.n - 1]->end_line;
    tup->end_col = V.v[V.n - 1]->end_col;
    if (vec_finish(P, &V, &tup->l[0])) return NULL;
    return tup;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_target_list(parser *P, int stop1, int stop2) {
    pe_token t = P->tok;
    vec V;
    vec_init(&V, P->A);
    bool comma = false;
    for (;;) {
        pe_node *e;
        if (CUR == PE_TOK_STAR) {
            e = p_star_expr(P);
            if (!e) goto fail;
        } else {
            e = p_expr(P);
        }
        if (!e || vec_push(&V, e)) goto fail;
        if (CUR != PE_TOK_COMMA) break;
        comma = true;
        if (advance(P)) goto fail;
        if (CUR == stop1 || CUR == stop2) break;
    }
    if (!comma) {
        pe_node *only = V.v[0];
        vec_free(&V);
        return only;
    }
    pe_node *tup = new_node(P, PE_N_TUPLE, &t);
    if (!tup || vec_finish(P, &V, &tup->l[0])) return NULL;
    return tup;
fail:
    vec_free(&V);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Strings and f-strings                                               */
/* ------------------------------------------------------------------ */

typedef struct strpart {
    pe_sb lit;       /* pending literal text */
    vec parts;       /* JOINEDSTR parts when an f-string is involved */
    bool fstring;
} strpart;

static pe_node *parse_fstring_expr(parser *P, const pe_token *t, const char *s, size_t n,
                                   uint32_t line, uint32_t col);

/* Flushes pending literal text as a CONST part. */
static int flush_lit(parser *P, strpart *sp, const pe_token *t) {
    if (sp->lit.len == 0) return 0;
    pe_val v;
    pe_sb copy = sp->lit;
    (void)copy;
    if (pe_str_new(P->S, sp->lit.p, sp->lit.len, &v)) return -1;
    sp->lit.len = 0;
    pe_node *c = make_const(P, t, v);
    if (!c || vec_push(&sp->parts, c)) return -1;
    return 0;
}

/* Decodes a (non-f) literal body and appends it to sp->lit. */
static int add_literal(parser *P, strpart *sp, const pe_token *t, const char *body, size_t n,
                       bool raw) {
    pe_val v;
    const char *errmsg = NULL;
    size_t erroff = 0;
    if (pe_str_decode_literal(P->S, body, n, raw, &v, &errmsg, &erroff)) {
        if (errmsg) err_at(P, t, "%s", errmsg);
        return -1;
    }
    int r = pe_sb_putn(&sp->lit, PE_STR(v)->data, PE_STR(v)->len);
    pe_decref(P->S, v);
    return r;
}

/* A bytes literal: its bytes appended to sp->lit. Bad \x escapes are
 * reported at the token after the strings (as CPython), non-ASCII
 * characters at the literal. */
static int add_bytes_literal(parser *P, strpart *sp, const pe_token *t, const char *body, size_t n,
                             bool raw) {
    pe_val v;
    const char *errmsg = NULL;
    size_t erroff = 0;
    if (pe_bytes_decode_literal(P->S, body, n, raw, &v, &errmsg, &erroff)) {
        if (errmsg) {
            if (!strncmp(errmsg, "bytes can only", 14)) err_at(P, t, "%s", errmsg);
            else fs_error(P, "%s", errmsg);
            pe_decref(P->S, v);
        }
        return -1;
    }
    int r = pe_sb_putn(&sp->lit, (const char *)PE_BYTES(v)->data, PE_BYTES(v)->len);
    pe_decref(P->S, v);
    return r;
}

/* Finds the end of a replacement field's expression: the first top-level
 * '!', ':', '=' or '}' (not part of !=, ==, <=, >=) outside brackets and
 * strings. Checks what CPython 3.11's f-string scanner checks, with its
 * messages (a backslash or '#' anywhere, bracket nesting and matching,
 * unterminated strings). Returns n with the message in P->fs_msg on error. */
#define PE_FSTRING_MAXLEVEL 200
static size_t fstring_expr_end(parser *P, const char *s, size_t n, size_t i) {
    char stack[PE_FSTRING_MAXLEVEL];
    int depth = 0;
    char q = 0;
    size_t ql = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '\\') {
            fs_error(P, "f-string expression part cannot include a backslash");
            return n;
        }
        if (q) {
            if (c == q && (ql == 1 || (i + 2 < n && s[i + 1] == q && s[i + 2] == q))) {
                i += ql - 1;
                q = 0;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            q = c;
            ql = (i + 2 < n && s[i + 1] == c && s[i + 2] == c) ? 3 : 1;
            i += ql - 1;
        } else if (c == '(' || c == '[' || c == '{') {
            if (depth >= PE_FSTRING_MAXLEVEL) {
                fs_error(P, "f-string: too many nested parenthesis");
                return n;
            }
            stack[depth++] = c;
        } else if (c == '#') {
            fs_error(P, "f-string expression part cannot include '#'");
            return n;
        } else if (depth == 0 && strchr("!:}=<>", c)) {
            if (i + 1 < n && s[i + 1] == '=' && strchr("!=<>", c)) {
                i++;
                continue;
            }
            if (c == '<' || c == '>') continue;
            return i;
        } else if (c == ')' || c == ']' || c == '}') {
            if (!depth) {
                fs_error(P, "f-string: unmatched '%c'", c);
                return n;
            }
            char o = stack[--depth];
            if (!((o == '(' && c == ')') || (o == '[' && c == ']') || (o == '{' && c == '}'))) {
                fs_error(P, "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'",
                         c, o);
                return n;
            }
        }
    }
    if (q) fs_error(P, "f-string: unterminated string");
    else if (depth) fs_error(P, "f-string: unmatched '%c'", stack[depth - 1]);
    else fs_error(P, "f-string: expecting '}'");
    return n;
}

static int fstring_body(parser *P, strpart *sp, const pe_token *t, const char *s, size_t n,
                        bool raw, int nest);

/* Parses one replacement field starting after '{' at s[i]; returns the
 * index after the closing '}' via *pos. */
static int fstring_field(parser *P, strpart *sp, const pe_token *t, const char *s, size_t n,
                         size_t *pos, bool raw, int nest) {
    size_t i = *pos;
    size_t e = fstring_expr_end(P, s, n, i);
    if (e >= n) return -1;
    size_t k = i;
    while (k < e && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\f')) k++;
    if (k == e) {
        if (s[e] == '!' || s[e] == ':' || s[e] == '=')
            return fs_error(P, "f-string: expression required before '%c'", s[e]);
        return fs_error(P, "f-string: empty expression not allowed");
    }
    /* CPython reports the expression's errors on its line in the file */
    uint32_t line = t->line;
    for (const char *c = t->start; c < s + i; c++) line += *c == '\n';
    pe_node *expr = parse_fstring_expr(P, t, s + i, e - i, line, t->col);
    if (!expr) return -1;
    pe_node *f = new_node(P, PE_N_FORMATTED, t);
    if (!f) return -1;
    f->a = expr;
    size_t j = e;
    bool debug = false;
    if (s[j] == '=') {
        debug = true;
        /* the expression text (with '=') is emitted literally */
        if (pe_sb_putn(&sp->lit, s + i, j + 1 - i)) return -1;
        j++;
        while (j < n && s[j] == ' ') {
            if (pe_sb_putc(&sp->lit, ' ')) return -1;
            j++;
        }
    }
    if (flush_lit(P, sp, t)) return -1;
    if (j < n && s[j] == '!') {
        if (j + 1 >= n) return fs_error(P, "f-string: expecting '}'");
        if (!strchr("sra", s[j + 1]))
            return fs_error(P, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        f->op = (uint16_t)s[j + 1];
        j += 2;
    } else if (debug) {
        f->op = 'r';
    }
    if (j < n && s[j] == ':') {
        j++;
        strpart inner;
        pe_sb_init(&inner.lit, P->S);
        vec_init(&inner.parts, P->A);
        inner.fstring = true;
        /* spec runs to the matching '}' */
        size_t start = j;
        int depth = 0;
        char q = 0; /* quotes inside a nested field's expression */
        while (j < n && !(s[j] == '}' && depth == 0 && !q)) {
            if (q) {
                if (s[j] == q) q = 0;
            } else if (depth > 0 && (s[j] == '\'' || s[j] == '"')) {
                q = s[j];
            } else if (s[j] == '{') {
                depth++;
            } else if (s[j] == '}') {
                depth--;
            }
            j++;
        }
        if (j >= n) {
            pe_sb_free(&inner.lit);
            vec_free(&inner.parts);
            return fs_error(P, "f-string: expecting '}'");
        }
        if (debug && !f->op) f->op = 0;
        int r = fstring_body(P, &inner, t, s + start, j - start, raw, nest + 1);
        if (!r) r = flush_lit(P, &inner, t);
        pe_sb_free(&inner.lit);
        if (r) {
            vec_free(&inner.parts);
            return -1;
        }
        pe_node *spec = new_node(P, PE_N_JOINEDSTR, t);
        if (!spec || vec_finish(P, &inner.parts, &spec->l[0])) return -1;
        f->b = spec;
        if (debug && f->op == 'r' && s[e + 1] != '!') f->op = 0;
    }
    if (j >= n || s[j] != '}') return fs_error(P, "f-string: expecting '}'");
    *pos = j + 1;
    return vec_push(&sp->parts, f);
}

/* Walks an f-string body: literal text with {{ }} escapes and fields. */
static int fstring_body(parser *P, strpart *sp, const pe_token *t, const char *s, size_t n,
                        bool raw, int nest) {
    size_t i = 0, lit_start = 0;
    while (i < n) {
        char c = s[i];
        if (c == '{' || c == '}') {
            if (i > lit_start && add_literal(P, sp, t, s + lit_start, i - lit_start, raw))
                return -1;
            if (i + 1 < n && s[i + 1] == c) {
                if (pe_sb_putc(&sp->lit, c)) return -1;
                i += 2;
            } else if (c == '}') {
                return fs_error(P, "f-string: single '}' is not allowed");
            } else {
                /* a field in the format spec of a field in a format spec */
                if (nest >= 2) return fs_error(P, "f-string: expressions nested too deeply");
                i++;
                if (fstring_field(P, sp, t, s, n, &i, raw, nest)) return -1;
            }
            lit_start = i;
        } else if (c == '\\' && !raw && i + 1 < n) {
            i += 2;
            if (s[i - 1] == 'N' && i < n && s[i] == '{') { /* \N{NAME}: no field */
                while (i < n && s[i] != '}') i++;
                i += i < n;
            }
        } else {
            i++;
        }
    }
    if (n > lit_start && add_literal(P, sp, t, s + lit_start, n - lit_start, raw)) return -1;
    return 0;
}

/* One or more adjacent string literals; f-strings make a JOINEDSTR. */
static pe_node *p_strings(parser *P) {
    pe_token first = P->tok;
    strpart sp;
    pe_sb_init(&sp.lit, P->S);
    vec_init(&sp.parts, P->A);
    sp.fstring = false;
    int bytesmode = -1; /* of the first literal: 1 bytes, 0 str */
    while (CUR == PE_TOK_STRING) {
        pe_token t = P->tok;
        const char *s = t.start;
        size_t plen = 0;
        bool raw = false, fs = false, bs = false;
        while (s[plen] != '\'' && s[plen] != '"') {
            char c = (char)(s[plen] | 32);
            if (c == 'r') raw = true;
            if (c == 'f') fs = true;
            if (c == 'b') bs = true;
            plen++;
        }
        char q = s[plen];
        size_t ql = (t.len - plen >= 6 && s[plen + 1] == q && s[plen + 2] == q) ? 3 : 1;
        const char *body = s + plen + ql;
        size_t blen = t.len - plen - 2 * ql;
        if (bs) {
            if (add_bytes_literal(P, &sp, &t, body, blen, raw)) goto fail;
        } else if (bytesmode == 1) {
            /* CPython decodes each literal before it checks the mix */
            if (fs ? fstring_body(P, &sp, &t, body, blen, raw, 0)
                   : add_literal(P, &sp, &t, body, blen, raw))
                goto fail;
        }
        if (bytesmode >= 0 && bytesmode != (int)bs) {
            fs_error(P, "cannot mix bytes and nonbytes literals");
            goto fail;
        }
        bytesmode = bs;
        if (bs) {
            /* done above */
        } else if (fs) {
            sp.fstring = true;
            if (fstring_body(P, &sp, &t, body, blen, raw, 0)) goto fail;
        } else if (add_literal(P, &sp, &t, body, blen, raw)) {
            goto fail;
        }
        if (advance(P)) goto fail;
    }
    if (bytesmode == 1) {
        pe_val v;
        if (pe_sb_to_bytes(&sp.lit, &pe_type_bytes, &v)) {
            vec_free(&sp.parts);
            return NULL;
        }
        vec_free(&sp.parts);
        return make_const(P, &first, v);
    }
    if (!sp.fstring) {
        pe_val v;
        if (pe_sb_to_str(&sp.lit, &v)) {
            vec_free(&sp.parts);
            return NULL;
        }
        vec_free(&sp.parts);
        return make_const(P, &first, v);
    }
    if (flush_lit(P, &sp, &first)) goto fail;
    pe_sb_free(&sp.lit);
    pe_node *j = new_node(P, PE_N_JOINEDSTR, &first);
    if (!j || vec_finish(P, &sp.parts, &j->l[0])) return NULL;
    return j;
fail:
    pe_sb_free(&sp.lit);
    vec_free(&sp.parts);
    if (P->fs_msg[0]) {
        /* at the token after the strings, as CPython (in an f-string
         * expression with a second "f-string: " prefix, as CPython) */
        char msg[sizeof P->fs_msg];
        memcpy(msg, P->fs_msg, sizeof msg);
        P->fs_msg[0] = 0;
        do {
            if (advance(P)) return NULL;
        } while (CUR == PE_TOK_STRING);
        uint32_t ec = P->tok.end_line == P->tok.line && P->tok.end_col > P->tok.col ? P->tok.end_col
                                                                                   : P->tok.col + 1;
        err_local(P, P->tok.line, P->tok.col, ec, msg);
    }
    return NULL;
}

static pe_node *parse_fstring_expr(parser *P, const pe_token *t, const char *s, size_t n,
                                   uint32_t line, uint32_t col) {
    (void)t;
    if (P->depth > PE_MAX_PARSE_DEPTH - 10) {
        fs_error(P, "f-string: expressions nested too deeply");
        return NULL;
    }
    /* the expression is parsed as if parenthesized */
    char *buf = pe_arena_alloc(P->A, n + 3);
    if (!buf) return NULL;
    buf[0] = '(';
    memcpy(buf + 1, s, n);
    buf[n + 1] = ')';
    buf[n + 2] = 0;
    parser sub;
    memset(&sub.tok, 0, sizeof sub.tok);
    sub.has_peek = false;
    sub.S = P->S;
    sub.A = P->A;
    sub.filename = P->filename;
    sub.depth = P->depth + 1;
    sub.line_offset = line - 1;
    sub.col_offset = col;
    sub.fsub = true;
    sub.fs_msg[0] = 0;
    sub.late_no_text = sub.eof_last_line = false;
    pe_lex_init(&sub.L, P->S, buf, n + 2, P->filename);
    sub.L.line_base = line - 1;
    sub.L.at_line_start = false;
    sub.L.quiet = true;
    if (advance(&sub)) return NULL;
    pe_node *e = p_star_exprs(&sub, true);
    if (!e) return NULL;
    if (sub.tok.kind == PE_TOK_NEWLINE && advance(&sub)) return NULL;
    if (sub.tok.kind != PE_TOK_ENDMARKER) {
        err_at(&sub, &sub.tok, "invalid syntax");
        return NULL;
    }
    return e;
}

/* ------------------------------------------------------------------ */
/* Targets                                                             */
/* ------------------------------------------------------------------ */

static const char *expr_desc(const pe_node *n) {
    switch (n->kind) {
    case PE_N_CONST:
        if (n->v.tag == PE_TNONE || n->v.tag == PE_TBOOL) return n->v.tag == PE_TNONE ? "None" : n->v.u.i ? "True" : "False";
        return "literal";
    case PE_N_CALL: return "function call";
    case PE_N_ATTR: return "attribute";
    case PE_N_SUBSCR: return "subscript";
    case PE_N_NAME: return "name";
    case PE_N_BINOP: case PE_N_UNARY: return "expression";
    case PE_N_BOOLOP: return "expression";
    case PE_N_COMPARE: return "comparison";
    case PE_N_IFEXP: return "conditional expression";
    case PE_N_LAMBDA: return "lambda";
    case PE_N_LISTCOMP: return "list comprehension";
    case PE_N_SETCOMP: return "set comprehension";
    case PE_N_DICTCOMP: return "dict comprehension";
    case PE_N_GENEXP: return "generator expression";
    case PE_N_DICT: return "dict literal";
    case PE_N_SET: return "set display";
    case PE_N_JOINEDSTR: return "f-string expression";
    case PE_N_STARRED: return "starred";
    case PE_N_YIELD: case PE_N_YIELDFROM: return "yield expression";
    default: return "expression";
    }
}

/* Checks that n is a valid target: del (is_del) or store. */
static int check_target(parser *P, pe_node *n, bool is_del, bool top, const char *suffix) {
    switch (n->kind) {
    case PE_N_NAME:
    case PE_N_ATTR:
    case PE_N_SUBSCR:
        return 0;
    case PE_N_TUPLE:
    case PE_N_LIST: {
        int stars = 0;
        for (uint32_t i = 0; i < n->l[0].n; i++) {
            pe_node *c = n->l[0].v[i];
            if (c->kind == PE_N_STARRED) {
                if (is_del) return err_node(P, c, "cannot delete starred");
                if (++stars > 1) return err_node(P, c, "multiple starred expressions in assignment");
                if (check_target(P, c->a, is_del, false, "")) return -1;
                continue;
            }
            if (check_target(P, c, is_del, false, "")) return -1;
        }
        return 0;
    }
    case PE_N_STARRED:
        if (is_del) return err_node(P, n, "cannot delete starred");
        if (top) return err_node_late(P, n, "starred assignment target must be in a list or tuple");
        return check_target(P, n->a, is_del, false, "");
    default:
        if (n->kind == PE_N_CONST && n->v.tag == PE_TOBJ && 0) return 0;
        return err_node(P, n, "cannot %s %s%s", is_del ? "delete" : "assign to", expr_desc(n),
                        is_del ? "" : suffix);
    }
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static int p_block(parser *P, pe_nodelist *out, const char *what, uint32_t line);
static pe_node *p_statement(parser *P, vec *out);
static int p_simple_stmts(parser *P, vec *out);

static pe_node *p_def(parser *P) {
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    if (CUR != PE_TOK_NAME) {
        invalid_syntax(P);
        return NULL;
    }
    pe_node *n = new_node(P, PE_N_DEF, &t);
    if (!n) return NULL;
    n->name = arena_strdup(P, P->tok.start, P->tok.len);
    n->namelen = (uint32_t)P->tok.len;
    if (!n->name || advance(P)) return NULL;
    if (CUR != PE_TOK_LPAR) {
        err_at(P, &P->tok, "expected '('");
        return NULL;
    }
    if (advance(P)) return NULL;
    if (p_params(P, &n->l[0], PE_TOK_RPAR)) return NULL;
    if (expect(P, PE_TOK_RPAR)) return NULL;
    if (CUR == PE_TOK_RARROW) {
        if (advance(P) || !p_test(P)) return NULL; /* annotation ignored */
    }
    if (expect(P, PE_TOK_COLON)) return NULL;
    if (p_block(P, &n->l[1], "function definition", t.line)) return NULL;
    return n;
}

/* class NAME ['(' arguments ')'] ':' block */
static pe_node *p_class(parser *P) {
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    if (CUR != PE_TOK_NAME) {
        invalid_syntax(P);
        return NULL;
    }
    pe_node *n = new_node(P, PE_N_CLASS, &t);
    if (!n) return NULL;
    n->name = arena_strdup(P, P->tok.start, P->tok.len);
    n->namelen = (uint32_t)P->tok.len;
    if (!n->name || advance(P)) return NULL;
    if (CUR == PE_TOK_LPAR) {
        pe_node *call = new_node(P, PE_N_CALL, &P->tok);
        if (!call || enter(P)) return NULL;
        int r = p_call_args(P, call);
        LEAVE();
        if (r) return NULL;
        n->l[0] = call->l[0];
        n->l[3] = call->l[1];
    }
    if (expect(P, PE_TOK_COLON)) return NULL;
    if (p_block(P, &n->l[1], "class definition", t.line)) return NULL;
    return n;
}

/* 'async' ('def' | 'for' | 'with'): the statement, flagged, located at
 * the 'async' token as CPython's AsyncFunctionDef/AsyncFor/AsyncWith. */
static pe_node *p_for(parser *P);
static pe_node *p_with(parser *P);
static pe_node *p_async(parser *P) {
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    pe_node *n;
    switch (CUR) {
    case PE_TOK_KW_def: n = p_def(P); break;
    case PE_TOK_KW_for: n = p_for(P); break;
    case PE_TOK_KW_with: n = p_with(P); break;
    default: invalid_syntax(P); return NULL;
    }
    if (!n) return NULL;
    n->flags |= PE_NF_ASYNC;
    n->line = t.line + P->line_offset;
    n->col = t.col + (t.line == 1 ? P->col_offset : 0);
    return n;
}

/* '@' namedexpr NEWLINE ... then the def or class they decorate. */
static pe_node *p_decorated(parser *P) {
    vec D;
    vec_init(&D, P->A);
    while (CUR == PE_TOK_AT) {
        if (advance(P)) goto fail;
        pe_node *e = p_test(P);
        if (!e || vec_push(&D, e)) goto fail;
        if (CUR != PE_TOK_NEWLINE) {
            invalid_syntax(P);
            goto fail;
        }
        if (advance(P)) goto fail;
    }
    pe_node *n;
    if (CUR == PE_TOK_KW_def) {
        n = p_def(P);
    } else if (CUR == PE_TOK_KW_class) {
        n = p_class(P);
    } else if (CUR == PE_TOK_KW_async) {
        n = p_async(P);
        if (n && n->kind != PE_N_DEF) {
            invalid_syntax(P);
            goto fail;
        }
    } else {
        invalid_syntax(P);
        goto fail;
    }
    if (!n) goto fail;
    if (vec_finish(P, &D, &n->l[2])) return NULL;
    return n;
fail:
    vec_free(&D);
    return NULL;
}

/* Parameter list of def/lambda up to `closer`. */
static int p_params(parser *P, pe_nodelist *out, int closer) {
    vec V;
    vec_init(&V, P->A);
    nameset names = {NULL, 0, 0, P->S};
    int kind = 0; /* 0 positional, 1 keyword-only */
    bool seen_default = false, seen_kwargs = false, seen_star = false;
    while (CUR != closer) {
        pe_token t = P->tok;
        int k = kind;
        if (seen_kwargs) {
            err_at(P, &t, "arguments cannot follow var-keyword argument");
            goto fail;
        }
        if (CUR == PE_TOK_SLASH) {
            if (seen_star || V.n == 0) {
                err_at(P, &t, "invalid syntax");
                goto fail;
            }
            for (uint32_t i = 0; i < V.n; i++) V.v[i]->flags |= 1; /* positional-only */
            if (advance(P)) goto fail;
            goto sep;
        }
        if (CUR == PE_TOK_STAR) {
            if (seen_star) {
                err_at(P, &t, "* argument may appear only once");
                goto fail;
            }
            seen_star = true;
            if (advance(P)) goto fail;
            kind = 1;
            if (CUR == PE_TOK_COMMA || CUR == closer) {
                if (CUR == closer) {
                    err_at(P, &t, "named arguments must follow bare *");
                    goto fail;
                }
                goto sep;
            }
            k = 2;
        } else if (CUR == PE_TOK_DOUBLESTAR) {
            if (advance(P)) goto fail;
            k = 3;
            seen_kwargs = true;
        }
        if (CUR != PE_TOK_NAME) {
            invalid_syntax(P);
            goto fail;
        }
        pe_node *a = new_node(P, PE_N_ARG, &P->tok);
        if (!a) goto fail;
        a->op = (uint16_t)k;
        a->name = arena_strdup(P, P->tok.start, P->tok.len);
        a->namelen = (uint32_t)P->tok.len;
        if (!a->name || advance(P)) goto fail;
        int dup = ns_add(&names, a->name);
        if (dup < 0) goto fail;
        if (dup) {
            err_node_late(P, a, "duplicate argument '%s' in function definition", a->name);
            goto fail;
        }
        if (CUR == PE_TOK_COLON && closer == PE_TOK_RPAR) {
            if (advance(P) || !p_test(P)) goto fail; /* annotation ignored */
        }
        if (CUR == PE_TOK_EQUAL) {
            if (k >= 2) {
                err_at(P, &P->tok, k == 2 ? "var-positional argument cannot have default value"
                                          : "var-keyword argument cannot have default value");
                goto fail;
            }
            if (advance(P)) goto fail;
            a->a = p_test(P);
            if (!a->a) goto fail;
            if (k == 0) seen_default = true;
        } else if (k == 0 && seen_default) {
            err_node(P, a, "non-default argument follows default argument");
            goto fail;
        }
        if (vec_push(&V, a)) goto fail;
    sep:
        if (CUR == PE_TOK_COMMA) {
            if (advance(P)) goto fail;
        } else if (CUR != closer) {
            if (CUR == PE_TOK_COLONEQUAL) invalid_syntax(P); /* def f(a := 1) */
            else if (closer == PE_TOK_RPAR) err_at(P, &P->tok, "expected ')'");
            else invalid_syntax(P);
            goto fail;
        }
    }
    ns_free(&names);
    return vec_finish(P, &V, out);
fail:
    ns_free(&names);
    vec_free(&V);
    return -1;
}

/* if/elif/else. An elif chain is built iteratively (each `elif` is an IF
 * node alone in the orelse of the previous one), so its length costs no C
 * stack; CPython's parser does recurse per elif, which the level count
 * reproduces (MemoryError for ~6000 elifs). */
static pe_node *p_if(parser *P) {
    pe_node *first = NULL, *prev = NULL;
    const char *what = "'if' statement";
    int levels = 0;
    for (;;) {
        pe_token t = P->tok;
        if (advance(P)) return NULL;
        pe_node *n = new_node(P, PE_N_IF, &t);
        if (!n) return NULL;
        if (prev) {
            prev->l[1].v = pe_arena_alloc(P->A, sizeof(pe_node *));
            if (!prev->l[1].v) return NULL;
            prev->l[1].v[0] = n;
            prev->l[1].n = 1;
        } else {
            first = n;
        }
        n->a = p_named(P);
        if (!n->a) return NULL;
        if (CUR == PE_TOK_EQUAL && named_eq_error(P, n->a)) return NULL;
        if (expect(P, PE_TOK_COLON)) return NULL;
        if (p_block(P, &n->l[0], what, t.line)) return NULL;
        prev = n;
        if (CUR != PE_TOK_KW_elif) break;
        what = "'elif' statement";
        if (levels == 0) levels = PE_ELIF_BASE_LEVELS;
        if (P->depth + ++levels > PE_MAX_PARSE_DEPTH) {
            pe_raise_nomem(P->S);
            return NULL;
        }
    }
    if (CUR == PE_TOK_KW_else) {
        uint32_t line = P->tok.line;
        if (advance(P) || expect(P, PE_TOK_COLON)) return NULL;
        if (p_block(P, &prev->l[1], "'else' statement", line)) return NULL;
    }
    return first;
}

static int p_else(parser *P, pe_nodelist *out) {
    if (CUR != PE_TOK_KW_else) return 0;
    uint32_t line = P->tok.line;
    if (advance(P) || expect(P, PE_TOK_COLON)) return -1;
    return p_block(P, out, "'else' statement", line);
}

static pe_node *p_while(parser *P) {
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    pe_node *n = new_node(P, PE_N_WHILE, &t);
    if (!n) return NULL;
    n->a = p_named(P);
    if (!n->a) return NULL;
    if (CUR == PE_TOK_EQUAL && named_eq_error(P, n->a)) return NULL;
    if (expect(P, PE_TOK_COLON)) return NULL;
    if (p_block(P, &n->l[0], "'while' statement", t.line)) return NULL;
    if (p_else(P, &n->l[1])) return NULL;
    return n;
}

static pe_node *p_for(parser *P) {
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    pe_node *n = new_node(P, PE_N_FOR, &t);
    if (!n) return NULL;
    n->a = p_target_list(P, PE_TOK_KW_in, -1);
    if (!n->a) return NULL;
    if (check_target(P, n->a, false, true, "")) return NULL;
    if (expect(P, PE_TOK_KW_in)) return NULL;
    n->b = p_star_exprs(P, true);
    if (!n->b || expect(P, PE_TOK_COLON)) return NULL;
    if (p_block(P, &n->l[0], "'for' statement", t.line)) return NULL;
    if (p_else(P, &n->l[1])) return NULL;
    return n;
}

static pe_node *p_try(parser *P) {
    pe_token t = P->tok;
    if (advance(P) || expect(P, PE_TOK_COLON)) return NULL;
    pe_node *n = new_node(P, PE_N_TRY, &t);
    if (!n) return NULL;
    if (p_block(P, &n->l[0], "'try' statement", t.line)) return NULL;
    vec H;
    vec_init(&H, P->A);
    bool bare_seen = false;
    pe_token bare_tok = {0};
    while (CUR == PE_TOK_KW_except) {
        pe_token et = P->tok;
        pe_node *h = new_node(P, PE_N_EXCEPT, &et);
        if (!h || advance(P)) goto fail;
        if (CUR == PE_TOK_STAR) {
            unsupported(P, &P->tok, "'except*' is");
            goto fail;
        }
        if (bare_seen) {
            /* CPython points at the bare handler, not at the one after it */
            err_at(P, &bare_tok, "default 'except:' must be last");
            goto fail;
        }
        if (CUR != PE_TOK_COLON) {
            h->a = p_test(P);
            if (!h->a) goto fail;
            if (CUR == PE_TOK_COMMA) {
                err_at(P, &P->tok, "multiple exception types must be parenthesized");
                goto fail;
            }
            if (CUR == PE_TOK_KW_as) {
                if (advance(P)) goto fail;
                if (CUR != PE_TOK_NAME) {
                    invalid_syntax(P);
                    goto fail;
                }
                h->name = arena_strdup(P, P->tok.start, P->tok.len);
                h->namelen = (uint32_t)P->tok.len;
                if (!h->name || advance(P)) goto fail;
            }
        } else {
            bare_seen = true;
            bare_tok = et;
        }
        if (expect(P, PE_TOK_COLON)) goto fail;
        if (p_block(P, &h->l[0], "'except' statement", et.line) || vec_push(&H, h)) goto fail;
    }
    if (vec_finish(P, &H, &n->l[1])) return NULL;
    if (n->l[1].n && p_else(P, &n->l[2])) return NULL;
    if (CUR == PE_TOK_KW_finally) {
        uint32_t line = P->tok.line;
        if (advance(P) || expect(P, PE_TOK_COLON)) return NULL;
        if (p_block(P, &n->l[3], "'finally' statement", line)) return NULL;
    }
    if (!n->l[1].n && !n->l[3].n) {
        if (CUR == PE_TOK_ENDMARKER && P->eof_last_line) {
            /* at the end of a file/stdin: CPython's last line, no caret */
            bool nl = P->L.end > P->L.src && P->L.end[-1] == '\n';
            pe_lex_error(&P->L, PE_EXC(SyntaxError), P->tok.line - (nl && P->tok.line > 1), 0, 0,
                         "expected 'except' or 'finally' block");
        } else {
            err_at(P, &P->tok, "expected 'except' or 'finally' block");
        }
        return NULL;
    }
    return n;
fail:
    vec_free(&H);
    return NULL;
}

/* One with_item: expression ['as' star_target]. */
static pe_node *p_with_item(parser *P) {
    pe_node *it = new_node(P, PE_N_WITHITEM, &P->tok);
    if (!it) return NULL;
    it->a = p_test(P);
    if (!it->a) return NULL;
    if (CUR == PE_TOK_KW_as) {
        if (advance(P)) return NULL;
        it->b = CUR == PE_TOK_STAR ? p_target_list(P, PE_TOK_COLON, PE_TOK_RPAR) : p_expr(P);
        if (!it->b) return NULL;
        if (CUR != PE_TOK_COMMA && CUR != PE_TOK_RPAR && CUR != PE_TOK_COLON) {
            if (CUR == PE_TOK_NEWLINE) err_at(P, &P->tok, "expected ':'");
            else invalid_syntax(P);
            return NULL;
        }
        if (check_target(P, it->b, false, true, "")) return NULL;
    }
    return it;
}

/* Does the '(' at the current token close before a ':' (CPython 3.9's
 * parenthesized with items, `with (a as b, c):`)? Decided on a copy of
 * the lexer, as looks_like_match does. */
static bool with_parenthesized(parser *P) {
    pe_lexer L2 = P->L;
    L2.quiet = true;
    pe_token t;
    int depth = 1;
    if (P->has_peek) {
        t = P->peek;
    } else if (pe_lex_next(&L2, &t)) {
        goto no;
    }
    for (;;) {
        if (t.kind == PE_TOK_ENDMARKER || t.kind == PE_TOK_NEWLINE) return false;
        if (t.kind == PE_TOK_LPAR || t.kind == PE_TOK_LSQB || t.kind == PE_TOK_LBRACE) depth++;
        if (t.kind == PE_TOK_RPAR || t.kind == PE_TOK_RSQB || t.kind == PE_TOK_RBRACE) {
            if (--depth == 0) break;
        }
        if (pe_lex_next(&L2, &t)) goto no;
    }
    if (pe_lex_next(&L2, &t)) goto no;
    return t.kind == PE_TOK_COLON;
no:
    pe_exc_clear(P->S);
    return false;
}

static pe_node *p_with(parser *P) {
    pe_token t = P->tok;
    if (advance(P)) return NULL;
    pe_node *n = new_node(P, PE_N_WITH, &t);
    if (!n) return NULL;
    bool paren = CUR == PE_TOK_LPAR && with_parenthesized(P);
    if (paren && advance(P)) return NULL;
    vec V;
    vec_init(&V, P->A);
    for (;;) {
        pe_node *it = p_with_item(P);
        if (!it || vec_push(&V, it)) goto fail;
        if (CUR != PE_TOK_COMMA) break;
        if (advance(P)) goto fail;
        if (paren && CUR == PE_TOK_RPAR) break;
    }
    if (paren && expect(P, PE_TOK_RPAR)) goto fail;
    if (vec_finish(P, &V, &n->l[0])) return NULL;
    if (expect(P, PE_TOK_COLON)) return NULL;
    if (p_block(P, &n->l[1], "'with' statement", t.line)) return NULL;
    return n;
fail:
    vec_free(&V);
    return NULL;
}

/* A suite: NEWLINE INDENT stmts DEDENT, or simple statements on the line. */
static int p_block(parser *P, pe_nodelist *out, const char *what, uint32_t line) {
    vec V;
    vec_init(&V, P->A);
    if (enter(P)) return -1;
    if (CUR != PE_TOK_NEWLINE) {
        int r = p_simple_stmts(P, &V);
        LEAVE();
        if (r) {
            vec_free(&V);
            return -1;
        }
        return vec_finish(P, &V, out);
    }
    pe_token nl = P->tok;
    if (advance(P)) goto fail;
    if (CUR != PE_TOK_INDENT) {
        if (CUR == PE_TOK_ENDMARKER && P->eof_last_line) {
            /* at the end of a file (or stdin) CPython reports the header's
             * line without a caret; a string (-c) gets the end marker's */
            pe_lex_error(&P->L, PE_EXC(IndentationError), nl.line, 0, 0,
                         "expected an indented block after %s on line %u", what, line);
        } else {
            pe_lex_error(&P->L, PE_EXC(IndentationError), P->tok.line, P->tok.col,
                         P->tok.col + 1, "expected an indented block after %s on line %u", what,
                         line);
        }
        goto fail;
    }
    if (advance(P)) goto fail;
    while (CUR != PE_TOK_DEDENT && CUR != PE_TOK_ENDMARKER) {
        if (!p_statement(P, &V) && P->S->exc.tag != PE_TUNDEF) goto fail;
    }
    if (CUR == PE_TOK_DEDENT && advance(P)) goto fail;
    LEAVE();
    return vec_finish(P, &V, out);
fail:
    LEAVE();
    vec_free(&V);
    return -1;
}

static int name_list(parser *P, pe_node *n) {
    vec V;
    vec_init(&V, P->A);
    do {
        if (advance(P)) goto fail;
        if (CUR != PE_TOK_NAME) {
            invalid_syntax(P);
            goto fail;
        }
        pe_node *x = new_node(P, PE_N_NAME, &P->tok);
        if (!x) goto fail;
        x->name = arena_strdup(P, P->tok.start, P->tok.len);
        x->namelen = (uint32_t)P->tok.len;
        if (!x->name || vec_push(&V, x) || advance(P)) goto fail;
    } while (CUR == PE_TOK_COMMA);
    return vec_finish(P, &V, &n->l[0]);
fail:
    vec_free(&V);
    return -1;
}

/* import a.b as c, d  |  from a import b as c, d */
static pe_node *p_import(parser *P) {
    pe_token t = P->tok;
    bool from = CUR == PE_TOK_KW_from;
    pe_node *n = new_node(P, PE_N_IMPORT, &t);
    if (!n || advance(P)) return NULL;
    vec V;
    vec_init(&V, P->A);
    pe_node *mod = NULL;
    if (from) {
        if (CUR == PE_TOK_DOT) {
            unsupported(P, &P->tok, "relative imports are");
            goto fail;
        }
    }
    bool paren = false;
    for (;;) {
        if (CUR != PE_TOK_NAME) {
            if (from && mod && CUR == PE_TOK_STAR && V.n == 0 && !paren) {
                /* from m import *: one item named "*" */
                pe_node *x = new_node(P, PE_N_NAME, &P->tok);
                if (!x || !(x->name = arena_strdup(P, "*", 1)) || advance(P)) goto fail;
                x->namelen = 1;
                if (vec_push(&V, x)) goto fail;
                break;
            }
            invalid_syntax(P);
            goto fail;
        }
        pe_token nt = P->tok;
        const char *start = P->tok.start;
        const char *end = P->tok.start + P->tok.len;
        if (advance(P)) goto fail;
        while (!(from && mod) && CUR == PE_TOK_DOT) {
            if (advance(P)) goto fail;
            if (CUR != PE_TOK_NAME) {
                invalid_syntax(P);
                goto fail;
            }
            end = P->tok.start + P->tok.len;
            if (advance(P)) goto fail;
        }
        pe_node *x = new_node(P, PE_N_NAME, &nt);
        if (!x) goto fail;
        x->name = arena_strdup(P, start, (size_t)(end - start));
        x->namelen = (uint32_t)(end - start);
        if (!x->name) goto fail;
        if (from && !mod) {
            mod = x;
            if (CUR != PE_TOK_KW_import) {
                err_at(P, &P->tok, "invalid syntax");
                goto fail;
            }
            if (advance(P)) goto fail;
            if (CUR == PE_TOK_LPAR) {
                paren = true;
                if (advance(P)) goto fail;
            }
            continue;
        }
        if (CUR == PE_TOK_KW_as) {
            if (advance(P)) goto fail;
            if (CUR != PE_TOK_NAME) {
                invalid_syntax(P);
                goto fail;
            }
            pe_node *as = new_node(P, PE_N_NAME, &P->tok);
            if (!as) goto fail;
            as->name = arena_strdup(P, P->tok.start, P->tok.len);
            as->namelen = (uint32_t)P->tok.len;
            if (!as->name || advance(P)) goto fail;
            x->a = as;
        }
        if (vec_push(&V, x)) goto fail;
        if (CUR != PE_TOK_COMMA) break;
        if (advance(P)) goto fail;
        if (paren && CUR == PE_TOK_RPAR) break;
        if (from && !paren && CUR == PE_TOK_NEWLINE) {
            err_at(P, &P->tok, "trailing comma not allowed without surrounding parentheses");
            goto fail;
        }
    }
    if (paren) {
        if (CUR != PE_TOK_RPAR) {
            invalid_syntax(P);
            goto fail;
        }
        if (advance(P)) goto fail;
    }
    n->a = mod; /* NULL for plain import */
    if (vec_finish(P, &V, &n->l[0])) return NULL;
    return n;
fail:
    vec_free(&V);
    return NULL;
}

static int aug_op(int tok) {
    switch (tok) {
    case PE_TOK_PLUSEQUAL: return PE_BO_ADD;
    case PE_TOK_MINEQUAL: return PE_BO_SUB;
    case PE_TOK_STAREQUAL: return PE_BO_MUL;
    case PE_TOK_SLASHEQUAL: return PE_BO_TRUEDIV;
    case PE_TOK_DOUBLESLASHEQUAL: return PE_BO_FLOORDIV;
    case PE_TOK_PERCENTEQUAL: return PE_BO_MOD;
    case PE_TOK_DOUBLESTAREQUAL: return PE_BO_POW;
    case PE_TOK_LEFTSHIFTEQUAL: return PE_BO_LSHIFT;
    case PE_TOK_RIGHTSHIFTEQUAL: return PE_BO_RSHIFT;
    case PE_TOK_AMPEREQUAL: return PE_BO_AND;
    case PE_TOK_VBAREQUAL: return PE_BO_OR;
    case PE_TOK_CIRCUMFLEXEQUAL: return PE_BO_XOR;
    case PE_TOK_ATEQUAL: return PE_BO_MATMUL;
    default: return -1;
    }
}

/* Expression statement, assignment or augmented assignment. */
static pe_node *p_expr_stmt(parser *P) {
    pe_token t = P->tok;
    pe_node *first = p_star_exprs(P, true);
    if (!first) return NULL;
    if (CUR == PE_TOK_COLONEQUAL) {
        /* `x := 1` is no statement; `a.b := 1` gets CPython's hint */
        if (first->kind == PE_N_NAME || (first->kind == PE_N_TUPLE && !(first->flags & 1)) ||
            first->kind == PE_N_STARRED)
            invalid_syntax(P);
        else
            err_node(P, first, "cannot use assignment expressions with %s", walrus_desc(first));
        return NULL;
    }
    int aop = aug_op(CUR);
    if (aop >= 0) {
        if (first->kind != PE_N_NAME && first->kind != PE_N_ATTR && first->kind != PE_N_SUBSCR) {
            const char *d = first->kind == PE_N_TUPLE ? "tuple" : first->kind == PE_N_LIST ? "list" : expr_desc(first);
            err_node(P, first, "'%s' is an illegal expression for augmented assignment", d);
            return NULL;
        }
        pe_node *n = new_node(P, PE_N_AUGASSIGN, &t);
        if (!n || advance(P)) return NULL;
        n->op = (uint16_t)aop;
        n->a = first;
        n->b = CUR == PE_TOK_KW_yield ? p_yield(P) : p_star_exprs(P, true);
        if (!n->b) return NULL;
        return n;
    }
    if (CUR == PE_TOK_COLON) {
        /* annotated assignment: x: int = 1 */
        if (first->kind != PE_N_NAME && first->kind != PE_N_ATTR && first->kind != PE_N_SUBSCR) {
            err_node(P, first, "only single target (not %s) can be annotated",
                     first->kind == PE_N_TUPLE ? "tuple" : "list");
            return NULL;
        }
        pe_node *n = new_node(P, PE_N_ANNASSIGN, &t);
        if (!n || advance(P)) return NULL;
        n->a = first;
        n->b = p_test(P);
        if (!n->b) return NULL;
        if (CUR == PE_TOK_EQUAL) {
            if (advance(P)) return NULL;
            n->c = CUR == PE_TOK_KW_yield ? p_yield(P) : p_star_exprs(P, true);
            if (!n->c) return NULL;
        }
        pe_node *last = n->c ? n->c : n->b;
        n->end_line = last->end_line;
        n->end_col = last->end_col;
        return n;
    }
    if (CUR != PE_TOK_EQUAL) {
        if (first->kind == PE_N_STARRED) {
            err_node(P, first, "can't use starred expression here");
            return NULL;
        }
        pe_node *n = new_node(P, PE_N_EXPR, &t);
        if (!n) return NULL;
        n->a = first;
        return n;
    }
    vec V;
    vec_init(&V, P->A);
    pe_node *value = first;
    while (CUR == PE_TOK_EQUAL) {
        if (check_target(P, value, false, true, "")) {
            /* CPython adds "here. Maybe you meant '=='..." only for a first
             * target that is not None/True/False, with no second '=' */
            bool single = value->kind == PE_N_CONST &&
                          (value->v.tag == PE_TNONE || value->v.tag == PE_TBOOL);
            if (V.n || single || !pe_exc_matches(P->S, PE_EXC(SyntaxError))) goto fail;
            pe_exc_clear(P->S);
            if (advance(P)) goto fail;
            pe_node *next = p_star_exprs(P, true);
            if (!next) goto fail;
            check_target(P, value, false, true,
                         CUR == PE_TOK_EQUAL ? "" : " here. Maybe you meant '==' instead of '='?");
            goto fail;
        }
        if (vec_push(&V, value) || advance(P)) goto fail;
        value = CUR == PE_TOK_KW_yield ? p_yield(P) : p_star_exprs(P, true);
        if (!value) goto fail;
    }
    if (value->kind == PE_N_STARRED) {
        err_node_late(P, value, "can't use starred expression here");
        goto fail;
    }
    pe_node *n = new_node(P, PE_N_ASSIGN, &t);
    if (!n) goto fail;
    n->a = value;
    if (vec_finish(P, &V, &n->l[0])) return NULL;
    return n;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_small_stmt(parser *P) {
    pe_token t = P->tok;
    pe_node *n;
    switch (CUR) {
    case PE_TOK_KW_pass:
    case PE_TOK_KW_break:
    case PE_TOK_KW_continue:
        n = new_node(P, CUR == PE_TOK_KW_pass ? PE_N_PASS : CUR == PE_TOK_KW_break ? PE_N_BREAK : PE_N_CONTINUE, &t);
        if (!n || advance(P)) return NULL;
        return n;
    case PE_TOK_KW_return:
        n = new_node(P, PE_N_RETURN, &t);
        if (!n || advance(P)) return NULL;
        if (CUR != PE_TOK_NEWLINE && CUR != PE_TOK_SEMI && CUR != PE_TOK_ENDMARKER) {
            n->a = p_star_exprs(P, true);
            if (!n->a) return NULL;
            n->end_line = n->a->end_line; /* the statement's range, as CPython */
            n->end_col = n->a->end_col;
        }
        return n;
    case PE_TOK_KW_raise:
        n = new_node(P, PE_N_RAISE, &t);
        if (!n || advance(P)) return NULL;
        if (CUR != PE_TOK_NEWLINE && CUR != PE_TOK_SEMI && CUR != PE_TOK_ENDMARKER) {
            n->a = p_test(P);
            if (!n->a) return NULL;
            if (CUR == PE_TOK_KW_from) {
                if (advance(P)) return NULL;
                n->b = p_test(P);
                if (!n->b) return NULL;
            }
        }
        return n;
    case PE_TOK_KW_global:
    case PE_TOK_KW_nonlocal:
        n = new_node(P, CUR == PE_TOK_KW_global ? PE_N_GLOBAL : PE_N_NONLOCAL, &t);
        if (!n || name_list(P, n)) return NULL;
        if (n->l[0].n) {
            pe_node *last = n->l[0].v[n->l[0].n - 1];
            n->end_line = last->end_line;
            n->end_col = last->end_col;
        }
        return n;
    case PE_TOK_KW_del: {
        n = new_node(P, PE_N_DEL, &t);
        if (!n || advance(P)) return NULL;
        pe_node *x = p_target_list(P, PE_TOK_NEWLINE, PE_TOK_SEMI);
        if (!x) return NULL;
        if (x->kind == PE_N_TUPLE && !(x->flags & 1)) {
            n->l[0] = x->l[0];
        } else {
            n->l[0].v = pe_arena_alloc(P->A, sizeof(pe_node *));
            if (!n->l[0].v) return NULL;
            n->l[0].v[0] = x;
            n->l[0].n = 1;
        }
        for (uint32_t i = 0; i < n->l[0].n; i++)
            if (check_target(P, n->l[0].v[i], true, true, "")) return NULL;
        return n;
    }
    case PE_TOK_KW_assert:
        n = new_node(P, PE_N_ASSERT, &t);
        if (!n || advance(P)) return NULL;
        n->a = p_test(P);
        if (!n->a) return NULL;
        if (CUR == PE_TOK_COMMA) {
            if (advance(P)) return NULL;
            n->b = p_test(P);
            if (!n->b) return NULL;
        }
        return n;
    case PE_TOK_KW_import:
    case PE_TOK_KW_from:
        return p_import(P);
    case PE_TOK_KW_yield:
        n = new_node(P, PE_N_EXPR, &t);
        if (!n || !(n->a = p_yield(P))) return NULL;
        n->end_line = n->a->end_line;
        n->end_col = n->a->end_col;
        return n;
    case PE_TOK_KW_class:
        invalid_syntax(P);
        return NULL;
    case PE_TOK_KW_async:
        return p_async(P);
    case PE_TOK_AT:
        invalid_syntax(P);
        return NULL;
    default:
        return p_expr_stmt(P);
    }
}

static int p_simple_stmts(parser *P, vec *out) {
    for (;;) {
        pe_node *s = p_small_stmt(P);
        if (!s || vec_push(out, s)) return -1;
        if (CUR == PE_TOK_SEMI) {
            if (advance(P)) return -1;
            if (CUR == PE_TOK_NEWLINE) break;
            continue;
        }
        break;
    }
    if (CUR != PE_TOK_NEWLINE) {
        if (CUR == PE_TOK_NAME || CUR == PE_TOK_NUMBER || CUR == PE_TOK_STRING) {
            pe_node *last = out->v[out->n - 1];
            if (last->kind == PE_N_EXPR && last->a->kind == PE_N_NAME &&
                (!strcmp(last->a->name, "print") || !strcmp(last->a->name, "exec"))) {
                /* CPython's range: the name to the end of what follows */
                pe_node *b = p_star_exprs(P, true);
                if (!b) return -1;
                char msg[80];
                snprintf(msg, sizeof msg, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                         last->a->name, last->a->name);
                return err_range(P, last->a, b, msg);
            }
        }
        return invalid_syntax(P);
    }
    return advance(P);
}

/* Is the current NAME `match` the soft keyword of a match statement? As in
 * CPython's grammar: `match <subject> :` NEWLINE INDENT `case`. Decided on
 * a copy of the lexer (one logical line and two tokens of lookahead);
 * otherwise `match` is an ordinary name. */
static bool looks_like_match(parser *P) {
    if (CUR != PE_TOK_NAME || P->tok.len != 5 || memcmp(P->tok.start, "match", 5)) return false;
    pe_lexer L2 = P->L;
    L2.quiet = true;
    pe_token t, prev;
    int ntok = 0;
    prev.kind = PE_TOK_NAME;
    if (P->has_peek) {
        t = P->peek;
    } else if (pe_lex_next(&L2, &t)) {
        goto no;
    }
    while (t.kind != PE_TOK_NEWLINE && t.kind != PE_TOK_ENDMARKER) {
        prev = t;
        ntok++;
        if (pe_lex_next(&L2, &t)) goto no;
    }
    if (t.kind != PE_TOK_NEWLINE || prev.kind != PE_TOK_COLON || ntok < 2) return false;
    if (pe_lex_next(&L2, &t)) goto no;
    /* `match x:` at the end of the input: CPython's "expected an indented
     * block after 'match' statement" (the prompt then asks for more) */
    if (t.kind == PE_TOK_ENDMARKER) return true;
    if (t.kind != PE_TOK_INDENT) return false;
    if (pe_lex_next(&L2, &t)) goto no;
    return t.kind == PE_TOK_NAME && t.len == 4 && !memcmp(t.start, "case", 4);
no:
    pe_exc_clear(P->S);
    return false;
}

/* ------------------------------------------------------------------ */
/* match statements (PEP 634)                                          */
/* ------------------------------------------------------------------ */

static pe_node *p_pattern(parser *P);

static bool tok_is(const pe_token *t, const char *s) {
    size_t n = strlen(s);
    return t->kind == PE_TOK_NAME && t->len == n && !memcmp(t->start, s, n);
}

static pe_node *name_node(parser *P) {
    pe_node *x = new_node(P, PE_N_NAME, &P->tok);
    if (!x) return NULL;
    x->name = arena_strdup(P, P->tok.start, P->tok.len);
    x->namelen = (uint32_t)P->tok.len;
    if (!x->name || advance(P)) return NULL;
    return x;
}

/* NAME ('.' NAME)*: a NAME node or an ATTR chain. */
static pe_node *p_name_or_attr(parser *P) {
    pe_node *e = name_node(P);
    while (e && CUR == PE_TOK_DOT) {
        if (advance(P)) return NULL;
        if (CUR != PE_TOK_NAME) {
            invalid_syntax(P);
            return NULL;
        }
        pe_node *a = new_node(P, PE_N_ATTR, &P->tok);
        if (!a) return NULL;
        a->line = e->line;
        a->col = e->col;
        a->a = e;
        a->name = arena_strdup(P, P->tok.start, P->tok.len);
        a->namelen = (uint32_t)P->tok.len;
        if (!a->name || advance(P)) return NULL;
        e = a;
    }
    return e;
}

/* A literal of a pattern (number with an optional '-', string, None, True,
 * False) as an expression; NULL with an error. */
static pe_node *p_pattern_literal(parser *P) {
    pe_token t = P->tok;
    switch (CUR) {
    case PE_TOK_MINUS: {
        if (advance(P)) return NULL;
        if (CUR != PE_TOK_NUMBER) {
            invalid_syntax(P);
            return NULL;
        }
        pe_node *x = p_number(P);
        if (!x) return NULL;
        pe_node *n = new_node(P, PE_N_UNARY, &t);
        if (!n) return NULL;
        n->op = PE_UOP_NEG;
        n->a = x;
        n->end_line = x->end_line;
        n->end_col = x->end_col;
        x = n;
        if (CUR == PE_TOK_PLUS || CUR == PE_TOK_MINUS) goto complex;
        return x;
    }
    case PE_TOK_NUMBER: {
        pe_node *x = p_number(P);
        if (x && (CUR == PE_TOK_PLUS || CUR == PE_TOK_MINUS)) goto complex;
        return x;
    }
    case PE_TOK_STRING: {
        pe_node *x = p_strings(P);
        if (x && x->kind == PE_N_JOINEDSTR) {
            err_node_late(P, x, "patterns may only match literals and attribute lookups");
            return NULL;
        }
        return x;
    }
    default:
        invalid_syntax(P);
        return NULL;
    }
complex:
    if (advance(P)) return NULL;
    if (CUR == PE_TOK_NUMBER) {
        pe_token nt = P->tok;
        bool imag = nt.len && (nt.start[nt.len - 1] == 'j' || nt.start[nt.len - 1] == 'J');
        if (!imag) {
            err_at(P, &nt, "imaginary number required in complex literal");
            return NULL;
        }
        return unsupported(P, &nt, "complex literals are");
    }
    invalid_syntax(P);
    return NULL;
}

static pe_node *pattern_node(parser *P, int kind, const pe_token *t) {
    return new_node(P, kind, t);
}

/* A sequence pattern's item: '*' NAME or a pattern. */
static pe_node *p_maybe_star_pattern(parser *P) {
    if (CUR != PE_TOK_STAR) return p_pattern(P);
    pe_token st = P->tok;
    if (advance(P)) return NULL;
    if (CUR != PE_TOK_NAME) {
        invalid_syntax(P);
        return NULL;
    }
    pe_node *n = pattern_node(P, PE_N_PSTAR, &st);
    if (!n) return NULL;
    if (!tok_is(&P->tok, "_")) {
        n->name = arena_strdup(P, P->tok.start, P->tok.len);
        n->namelen = (uint32_t)P->tok.len;
        if (!n->name) return NULL;
    }
    node_end(P, n, &P->tok);
    if (advance(P)) return NULL;
    return n;
}

/* Items of a sequence pattern up to `closer` (the opener consumed; the
 * first item may be given). */
static pe_node *p_seq_pattern(parser *P, const pe_token *open, int closer, pe_node *first) {
    pe_node *n = pattern_node(P, PE_N_PSEQ, open);
    if (!n) return NULL;
    vec V;
    vec_init(&V, P->A);
    if (first && vec_push(&V, first)) goto fail;
    if (first) {
        if (CUR == PE_TOK_COMMA && advance(P)) goto fail;
    }
    while (CUR != closer) {
        pe_node *x = p_maybe_star_pattern(P);
        if (!x || vec_push(&V, x)) goto fail;
        if (CUR != PE_TOK_COMMA) break;
        if (advance(P)) goto fail;
    }
    node_end(P, n, &P->tok);
    if (expect(P, closer)) goto fail;
    if (vec_finish(P, &V, &n->l[0])) return NULL;
    return n;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_mapping_pattern(parser *P) {
    pe_token open = P->tok;
    if (advance(P)) return NULL;
    pe_node *n = pattern_node(P, PE_N_PMAP, &open);
    if (!n) return NULL;
    vec K, V;
    vec_init(&K, P->A);
    vec_init(&V, P->A);
    while (CUR != PE_TOK_RBRACE) {
        if (n->name) {
            invalid_syntax(P); /* nothing may follow **rest */
            goto fail;
        }
        if (CUR == PE_TOK_DOUBLESTAR) {
            if (advance(P)) goto fail;
            if (CUR != PE_TOK_NAME || tok_is(&P->tok, "_")) {
                invalid_syntax(P);
                goto fail;
            }
            n->name = arena_strdup(P, P->tok.start, P->tok.len);
            n->namelen = (uint32_t)P->tok.len;
            if (!n->name || advance(P)) goto fail;
        } else {
            pe_node *k;
            if (CUR == PE_TOK_NAME) {
                k = p_name_or_attr(P);
                if (k && k->kind == PE_N_NAME) {
                    invalid_syntax(P);
                    goto fail;
                }
            } else if (CUR == PE_TOK_KW_None || CUR == PE_TOK_KW_True || CUR == PE_TOK_KW_False) {
                pe_token t = P->tok;
                pe_val v = CUR == PE_TOK_KW_None ? pe_none() : pe_bool(CUR == PE_TOK_KW_True);
                if (advance(P)) goto fail;
                k = make_const(P, &t, v);
            } else {
                k = p_pattern_literal(P);
            }
            if (!k || expect(P, PE_TOK_COLON)) goto fail;
            pe_node *v = p_pattern(P);
            if (!v || vec_push(&K, k) || vec_push(&V, v)) goto fail;
        }
        if (CUR != PE_TOK_COMMA) break;
        if (advance(P)) goto fail;
    }
    node_end(P, n, &P->tok);
    if (expect(P, PE_TOK_RBRACE)) goto fail;
    if (vec_finish(P, &K, &n->l[0])) {
        vec_free(&V);
        return NULL;
    }
    if (vec_finish(P, &V, &n->l[1])) return NULL;
    return n;
fail:
    vec_free(&K);
    vec_free(&V);
    return NULL;
}

/* cls '(' positional patterns, keyword patterns ')' (the '(' is current). */
static pe_node *p_class_pattern(parser *P, pe_node *cls) {
    pe_node *n = pattern_node(P, PE_N_PCLASS, &P->tok);
    if (!n || advance(P)) return NULL;
    n->a = cls;
    n->line = cls->line;
    n->col = cls->col;
    vec A, K;
    vec_init(&A, P->A);
    vec_init(&K, P->A);
    while (CUR != PE_TOK_RPAR) {
        pe_token *pk;
        if (CUR == PE_TOK_NAME) {
            if (peek(P, &pk)) goto fail;
            if (pk->kind == PE_TOK_EQUAL) {
                pe_node *kw = pattern_node(P, PE_N_KEYWORD, &P->tok);
                if (!kw) goto fail;
                kw->name = arena_strdup(P, P->tok.start, P->tok.len);
                kw->namelen = (uint32_t)P->tok.len;
                if (!kw->name || advance(P) || advance(P)) goto fail;
                kw->a = p_pattern(P);
                if (!kw->a || vec_push(&K, kw)) goto fail;
                goto next;
            }
        }
        pe_node *x = p_pattern(P);
        if (!x) goto fail;
        if (K.n) {
            err_node(P, x, "positional patterns follow keyword patterns");
            goto fail;
        }
        if (vec_push(&A, x)) goto fail;
    next:
        if (CUR != PE_TOK_COMMA) break;
        if (advance(P)) goto fail;
    }
    node_end(P, n, &P->tok);
    if (expect(P, PE_TOK_RPAR)) goto fail;
    if (vec_finish(P, &A, &n->l[0])) {
        vec_free(&K);
        return NULL;
    }
    if (vec_finish(P, &K, &n->l[1])) return NULL;
    return n;
fail:
    vec_free(&A);
    vec_free(&K);
    return NULL;
}

static pe_node *p_closed_pattern(parser *P) {
    pe_token t = P->tok;
    switch (CUR) {
    case PE_TOK_KW_None:
    case PE_TOK_KW_True:
    case PE_TOK_KW_False: {
        pe_node *n = pattern_node(P, PE_N_PSINGLE, &t);
        if (!n) return NULL;
        n->v = CUR == PE_TOK_KW_None ? pe_none() : pe_bool(CUR == PE_TOK_KW_True);
        if (advance(P)) return NULL;
        return n;
    }
    case PE_TOK_NAME: {
        if (tok_is(&P->tok, "_")) {
            pe_token *pk;
            if (peek(P, &pk)) return NULL;
            if (pk->kind != PE_TOK_DOT && pk->kind != PE_TOK_LPAR) {
                pe_node *n = pattern_node(P, PE_N_PAS, &t);
                if (!n || advance(P)) return NULL;
                return n;
            }
        }
        pe_node *e = p_name_or_attr(P);
        if (!e) return NULL;
        if (CUR == PE_TOK_LPAR) return p_class_pattern(P, e);
        pe_node *n = pattern_node(P, e->kind == PE_N_NAME ? PE_N_PAS : PE_N_PVALUE, &t);
        if (!n) return NULL;
        n->end_line = e->end_line;
        n->end_col = e->end_col;
        if (e->kind == PE_N_NAME) {
            n->name = e->name;
            n->namelen = e->namelen;
        } else {
            n->a = e;
        }
        return n;
    }
    case PE_TOK_LPAR: {
        if (advance(P)) return NULL;
        if (CUR == PE_TOK_RPAR) return p_seq_pattern(P, &t, PE_TOK_RPAR, NULL);
        pe_node *first = p_maybe_star_pattern(P);
        if (!first) return NULL;
        if (CUR == PE_TOK_COMMA || first->kind == PE_N_PSTAR)
            return p_seq_pattern(P, &t, PE_TOK_RPAR, first);
        if (expect(P, PE_TOK_RPAR)) return NULL;
        return first; /* a group */
    }
    case PE_TOK_LSQB:
        if (advance(P)) return NULL;
        return p_seq_pattern(P, &t, PE_TOK_RSQB, NULL);
    case PE_TOK_LBRACE:
        return p_mapping_pattern(P);
    case PE_TOK_MINUS:
    case PE_TOK_NUMBER:
    case PE_TOK_STRING: {
        pe_node *x = p_pattern_literal(P);
        if (!x) return NULL;
        pe_node *n = pattern_node(P, PE_N_PVALUE, &t);
        if (!n) return NULL;
        n->a = x;
        n->end_line = x->end_line;
        n->end_col = x->end_col;
        return n;
    }
    default:
        invalid_syntax(P);
        return NULL;
    }
}

/* or_pattern ['as' NAME] */
static pe_node *p_pattern(parser *P) {
    if (enter(P)) return NULL;
    pe_token t = P->tok;
    pe_node *first = p_closed_pattern(P);
    pe_node *n = first;
    if (n && CUR == PE_TOK_VBAR) {
        vec V;
        vec_init(&V, P->A);
        if (vec_push(&V, first)) n = NULL;
        while (n && CUR == PE_TOK_VBAR) {
            pe_node *x = advance(P) ? NULL : p_closed_pattern(P);
            if (!x || vec_push(&V, x)) n = NULL;
        }
        if (n) {
            n = pattern_node(P, PE_N_POR, &t);
            if (n) {
                n->end_line = V.v[V.n - 1]->end_line;
                n->end_col = V.v[V.n - 1]->end_col;
            }
            if (n && vec_finish(P, &V, &n->l[0])) n = NULL;
        } else {
            vec_free(&V);
        }
    }
    if (n && CUR == PE_TOK_KW_as) {
        pe_node *as = pattern_node(P, PE_N_PAS, &t);
        if (!as || advance(P)) {
            n = NULL;
        } else if (CUR == PE_TOK_NAME && !tok_is(&P->tok, "_")) {
            pe_token *pk;
            if (peek(P, &pk)) {
                n = NULL;
            } else if (pk->kind == PE_TOK_DOT || pk->kind == PE_TOK_LPAR ||
                       pk->kind == PE_TOK_LSQB) {
                pe_node *e = p_expr(P);
                if (e) err_node(P, e, "invalid pattern target");
                n = NULL;
            } else {
                as->a = n;
                as->name = arena_strdup(P, P->tok.start, P->tok.len);
                as->namelen = (uint32_t)P->tok.len;
                node_end(P, as, &P->tok);
                n = !as->name || advance(P) ? NULL : as;
            }
        } else if (tok_is(&P->tok, "_")) {
            err_at(P, &P->tok, "cannot use '_' as a target");
            n = NULL;
        } else {
            pe_node *e = p_expr(P);
            if (e) err_node(P, e, "invalid pattern target");
            n = NULL;
        }
    }
    LEAVE();
    return n;
}

/* The pattern of a case: an open sequence (`case a, *b:`) or a pattern. */
static pe_node *p_case_pattern(parser *P) {
    pe_token t = P->tok;
    pe_node *first = p_maybe_star_pattern(P);
    if (!first) return NULL;
    if (CUR != PE_TOK_COMMA && first->kind != PE_N_PSTAR) return first;
    pe_node *n = pattern_node(P, PE_N_PSEQ, &t);
    if (!n) return NULL;
    vec V;
    vec_init(&V, P->A);
    if (vec_push(&V, first)) return NULL;
    while (CUR == PE_TOK_COMMA) {
        if (advance(P)) goto fail;
        if (CUR == PE_TOK_COLON || CUR == PE_TOK_KW_if) break;
        pe_node *x = p_maybe_star_pattern(P);
        if (!x || vec_push(&V, x)) goto fail;
    }
    n->end_line = V.v[V.n - 1]->end_line;
    n->end_col = V.v[V.n - 1]->end_col;
    if (vec_finish(P, &V, &n->l[0])) return NULL;
    return n;
fail:
    vec_free(&V);
    return NULL;
}

static pe_node *p_match(parser *P) {
    pe_token t = P->tok;
    pe_node *n = new_node(P, PE_N_MATCH, &t);
    if (!n || advance(P)) return NULL;
    /* subject: named_expression, or star_named_expressions with a comma */
    pe_token st = P->tok;
    vec S0;
    vec_init(&S0, P->A);
    bool comma = false;
    for (;;) {
        pe_node *e;
        if (CUR == PE_TOK_STAR) {
            e = p_star_expr(P);
            if (!e) goto fail;
        } else {
            e = p_named(P);
        }
        if (!e || vec_push(&S0, e)) goto fail;
        if (CUR != PE_TOK_COMMA) break;
        comma = true;
        if (advance(P)) goto fail;
        if (CUR == PE_TOK_COLON) break;
    }
    if (!comma && S0.v[0]->kind == PE_N_STARRED) {
        err_node(P, S0.v[0], "can't use starred expression here");
        goto fail;
    }
    if (comma) {
        pe_node *tup = new_node(P, PE_N_TUPLE, &st);
        if (!tup || vec_finish(P, &S0, &tup->l[0])) return NULL;
        n->a = tup;
    } else {
        n->a = S0.v[0];
        vec_free(&S0);
    }
    if (expect(P, PE_TOK_COLON)) return NULL;
    if (CUR != PE_TOK_NEWLINE) {
        invalid_syntax(P);
        return NULL;
    }
    pe_token nl = P->tok;
    if (advance(P)) return NULL;
    if (CUR != PE_TOK_INDENT) {
        if (CUR == PE_TOK_ENDMARKER && P->eof_last_line)
            pe_lex_error(&P->L, PE_EXC(IndentationError), nl.line, 0, 0,
                         "expected an indented block after 'match' statement on line %u", t.line);
        else
            pe_lex_error(&P->L, PE_EXC(IndentationError), P->tok.line, P->tok.col,
                         P->tok.col + 1,
                         "expected an indented block after 'match' statement on line %u", t.line);
        return NULL;
    }
    if (advance(P) || enter(P)) return NULL;
    vec C0;
    vec_init(&C0, P->A);
    while (CUR != PE_TOK_DEDENT && CUR != PE_TOK_ENDMARKER) {
        if (!tok_is(&P->tok, "case")) {
            invalid_syntax(P);
            goto cfail;
        }
        pe_token ct = P->tok;
        pe_node *c = new_node(P, PE_N_CASE, &ct);
        if (!c || advance(P)) goto cfail;
        c->a = p_case_pattern(P);
        if (!c->a) goto cfail;
        if (CUR == PE_TOK_KW_if) {
            if (advance(P)) goto cfail;
            c->b = p_named(P);
            if (!c->b) goto cfail;
        }
        if (CUR != PE_TOK_COLON && CUR != PE_TOK_NEWLINE) {
            invalid_syntax(P);
            goto cfail;
        }
        if (expect(P, PE_TOK_COLON)) goto cfail;
        if (p_block(P, &c->l[0], "'case' statement", ct.line) || vec_push(&C0, c)) goto cfail;
    }
    if (CUR == PE_TOK_DEDENT && advance(P)) goto cfail;
    LEAVE();
    if (vec_finish(P, &C0, &n->l[0])) return NULL;
    return n;
cfail:
    LEAVE();
    vec_free(&C0);
    return NULL;
fail:
    vec_free(&S0);
    return NULL;
}

/* One statement (compound or a line of simple ones) appended to out.
 * Returns a non-NULL dummy on success. */
static pe_node *p_statement(parser *P, vec *out) {
    pe_node *n = NULL;
    switch (CUR) {
    case PE_TOK_KW_if: n = p_if(P); break;
    case PE_TOK_KW_while: n = p_while(P); break;
    case PE_TOK_KW_for: n = p_for(P); break;
    case PE_TOK_KW_def: n = p_def(P); break;
    case PE_TOK_KW_try: n = p_try(P); break;
    case PE_TOK_KW_class: n = p_class(P); break;
    case PE_TOK_KW_with: n = p_with(P); break;
    case PE_TOK_KW_async: n = p_async(P); break;
    case PE_TOK_AT: n = p_decorated(P); break;
    case PE_TOK_INDENT:
        invalid_syntax(P);
        return NULL;
    case PE_TOK_KW_else: case PE_TOK_KW_elif: case PE_TOK_KW_except: case PE_TOK_KW_finally:
        invalid_syntax(P);
        return NULL;
    case PE_TOK_NAME:
        if (looks_like_match(P)) {
            n = p_match(P);
            break;
        }
        if (p_simple_stmts(P, out)) return NULL;
        return (pe_node *)out;
    default:
        if (p_simple_stmts(P, out)) return NULL;
        return (pe_node *)out;
    }
    if (!n || vec_push(out, n)) return NULL;
    return n;
}

/* After a syntax error found by the parser, CPython tokenizes the rest of
 * the source: a tokenizer error there (an unterminated string, an invalid
 * character, ...) replaces the parser's error, and so does an unclosed
 * bracket at the end when the parser had read past the bracket's line.
 * Indentation errors of the tokenizer do not. */
static void check_rest_of_source(parser *P) {
    pe_state *S = P->S;
    if (P->L.failed || !pe_exc_matches(S, PE_EXC(SyntaxError))) return;
    uint32_t err_line = P->has_peek ? P->peek.line : P->tok.line;
    pe_val saved = S->exc;
    S->exc = pe_undef();
    pe_token t;
    for (;;) {
        if (pe_lex_next(&P->L, &t)) break;
        if (t.kind == PE_TOK_ENDMARKER) break;
    }
    bool keep_new = false;
    if (S->exc.tag != PE_TUNDEF) {
        if (P->L.eof_unclosed) {
            int d = P->L.paren_depth - 1;
            keep_new = d >= 0 && err_line > P->L.paren_line[d];
        } else {
            keep_new = !P->L.bad_token && !pe_exc_matches(S, PE_EXC(IndentationError)) &&
                       !pe_exc_matches(S, PE_EXC(LimitError));
        }
    }
    if (keep_new) {
        pe_decref(S, saved);
    } else {
        pe_exc_clear(S);
        S->exc = saved;
    }
}

pe_node *pe_parse(pe_state *S, pe_arena *A, const char *src, size_t len, const char *filename,
                  int mode) {
    parser P0, *P = &P0;
    /* not memset: the lexer's indentation and bracket stacks are large and
     * written before they are read (pe_lex_init sets the rest) */
    memset(&P->tok, 0, sizeof P->tok);
    P->has_peek = false;
    P->depth = 0;
    P->line_offset = P->col_offset = 0;
    P->fsub = false;
    P->eof_last_line = mode != PE_MODE_SINGLE && !(filename && !strcmp(filename, "<string>"));
    P->late_no_text = mode != PE_MODE_SINGLE && filename &&
                      (!strcmp(filename, "<string>") || !strcmp(filename, "<stdin>"));
    P->fs_msg[0] = 0;
    P->S = S;
    P->A = A;
    P->filename = filename;
    pe_lex_init(&P->L, S, src, len, filename);
    if (advance(P)) return NULL;
    pe_node *mod = new_node(P, PE_N_MODULE, &P->tok);
    if (!mod) return NULL;
    vec V;
    vec_init(&V, A);
    if (mode == PE_MODE_EVAL) {
        while (CUR == PE_TOK_NEWLINE) if (advance(P)) goto fail;
        pe_node *e = p_star_exprs(P, false);
        if (!e) goto fail;
        while (CUR == PE_TOK_NEWLINE) if (advance(P)) goto fail;
        if (CUR != PE_TOK_ENDMARKER) {
            invalid_syntax(P);
            goto fail;
        }
        pe_node *st = new_node(P, PE_N_EXPR, &P->tok);
        if (!st) goto fail;
        st->a = e;
        st->line = e->line;
        if (vec_push(&V, st)) goto fail;
    } else {
        while (CUR != PE_TOK_ENDMARKER) {
            if (CUR == PE_TOK_NEWLINE) {
                if (advance(P)) goto fail;
                continue;
            }
            if (!p_statement(P, &V)) goto fail;
        }
    }
    if (vec_finish(P, &V, &mod->l[0])) return NULL;
    return mod;
fail:
    vec_free(&V);
    check_rest_of_source(P);
    return NULL;
}
