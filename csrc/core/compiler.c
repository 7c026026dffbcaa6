/*
 * compiler.c - AST to bytecode.
 *
 * Two passes: (1) a symbol table pass that builds one scope per module,
 * function, lambda and comprehension and resolves every name to a local,
 * cell, free, or global slot; (2) code generation into pe_fcode objects,
 * and exception-table entries for try blocks; (3) a flow pass over each
 * finished code object that computes its maximum stack depth from the
 * opcode table (pe_vm.h), checking every path agrees. Globals are resolved to program-wide slots at
 * compile time (there is no dynamic namespace access in the subset).
 */
#include <stdio.h>
#include <stdlib.h>

#include "pe_ast.h"

/* CPython 3.11's symtable and AST optimizer raise RecursionError
 * "maximum recursion depth exceeded during compilation" when statements and
 * expressions nest deeper than 3 * the recursion limit (1000). The symbol
 * pass counts one level per statement and expression node (a module-level
 * statement is level 1) and gives the same error beyond this, which also
 * bounds every later recursion over the tree (code generation). */
#define MAX_AST_DEPTH 3000
#define MAX_BLOCKS 20 /* statically nested loops/try blocks (CPython's CO_MAXBLOCKS) */

/* ------------------------------------------------------------------ */
/* Symbol tables                                                       */
/* ------------------------------------------------------------------ */

enum {
    SF_ASSIGNED = 1 << 0,
    SF_PARAM = 1 << 1,
    SF_GLOBAL_DECL = 1 << 2,
    SF_NONLOCAL_DECL = 1 << 3,
    SF_USED = 1 << 4,
    SF_CELL = 1 << 5,  /* local captured by an inner scope */
    SF_FREE = 1 << 6,  /* resolved: comes from an enclosing scope */
    SF_GLOBAL = 1 << 7, /* resolved: global slot */
    SF_COMP_ITER = 1 << 8, /* a comprehension's iteration variable */
    SF_WALRUS = 1 << 9,    /* bound by `:=` inside this comprehension */
    SF_IMPORTED = 1 << 10, /* bound by import only (no "assigned before global") */
    SF_ANNOTATED = 1 << 11, /* `x: T` in this scope */
    SF_CLASSCELL = 1 << 12, /* a class scope's implicit __class__ (a cell if a method uses it) */
    /* a class body's own name that a nested scope reads from an enclosing
     * function (CPython's DEF_FREE_CLASS): the body keeps its name in the
     * namespace dict and also passes the outer cell on (a free slot) */
    SF_FREECLASS = 1 << 13
};

/* SC_CLASS: a class body. Its names live in the namespace dict (local 0,
 * LOAD_NAME/STORE_NAME/DELETE_NAME); scopes nested in it do not see them
 * (resolve_free skips class scopes), except the implicit __class__ cell
 * that methods using super() or __class__ close over. */
enum { SC_MODULE, SC_FUNCTION, SC_COMPREHENSION, SC_CLASS };

/* A class body's own name (stored in the namespace dict). */
#define IS_CLASSNAME(sc, y)                                                                  \
    ((sc)->kind == SC_CLASS && ((y)->flags & SF_ASSIGNED) &&                                  \
     !((y)->flags & (SF_PARAM | SF_GLOBAL | SF_GLOBAL_DECL | SF_NONLOCAL_DECL | SF_FREE | SF_CELL)))

typedef struct sym {
    const char *name;
    uint32_t flags;
    int32_t index; /* local index, cell index, free index or global slot */
    uint32_t decl_line;
    pe_node *decl; /* the global/nonlocal statement that declared it */
} sym;

typedef struct scope {
    int kind;
    struct scope *parent;
    pe_node *node;
    sym *syms;
    uint32_t nsyms, cap;
    uint32_t *table; /* hash -> sym index + 1 */
    uint32_t tcap;
    uint32_t nlocals, ncells, nfree;
    int comp_iter_expr; /* > 0: collecting a comprehension's iterable (no `:=`) */
    bool in_loop_decl;
    bool generator; /* a function or lambda holding yield, or a genexpr */
    bool coroutine; /* an async def (or a module compiled with top-level await) */
    bool annotations; /* module/class body with `name: T`: __annotations__ is set up */
} scope;
/* Does the scope's code return a generator or coroutine at its start? */
#define SC_GEN(sc) ((sc)->generator || (sc)->coroutine)

/* The exception handler that covers the instructions being emitted: a
 * label and the stack depth the unwinder pops down to (label NO_REGION:
 * none). Every instruction is covered by exactly one region (or none), so
 * the exception table is a list of disjoint ranges and an instruction that
 * leaves a block (break/continue/return unwinding, a handler's final
 * RERAISE) is never covered by the handler of the block it left. */
#define NO_REGION UINT32_MAX
typedef struct region {
    uint32_t label, depth;
} region;

/* A statically nested block. `outer` is the region in force outside the
 * block's protected code: unwinding through the block switches to it. */
typedef struct fblock {
    int kind;
    uint32_t cont_label, break_label;
    pe_node *finalbody; /* for FB_TRY_FINALLY */
    const char *handler_name;
    region outer;
} fblock;

/* FB_WITH: inside a with body ([.. exit] on the stack; finalbody: the WITH node);
 * FB_HANDLER: inside an except body ([.. prev] on the stack);
 * FB_TRY_FINALLY: inside the protected part of try/finally;
 * FB_FINALLY_END: inside a finally body run for an exception ([.. prev exc]);
 * FB_POP_VALUE: a return value saved while a finally body runs inline. */
enum { FB_WHILE, FB_FOR, FB_TRY_FINALLY, FB_HANDLER, FB_FINALLY_END, FB_POP_VALUE, FB_WITH };

typedef struct jfix {
    uint32_t at, label;
} jfix;

/* Code being generated for one scope. */
typedef struct unit {
    scope *sc;
    uint32_t *code;
    uint32_t *lines;
    uint16_t *cols;
    uint32_t lines_cap, cols_cap; /* their own capacities (a failed growth leaves them behind cap) */
    uint32_t n, cap;
    uint32_t *labels; /* label -> instruction index (UINT32_MAX unbound) */
    uint32_t nlabels, labcap;
    jfix *fix;
    uint32_t nfix, fixcap;
    pe_val *consts;
    uint32_t nconsts, constcap;
    pe_obj **names;
    uint32_t nnames, namecap;
    uint32_t *ntable; /* hash of names[] (index + 1), when there are many */
    uint32_t ntcap;
    pe_exc_entry *exc;
    uint32_t nexc, exccap;
    region cur;          /* the handler covering new instructions */
    uint32_t cur_start;  /* first instruction of the current region's run */
    uint32_t line, col;
    int nfb;
    fblock fb[MAX_BLOCKS]; /* keep last: not cleared on set-up */
} unit;

typedef struct compiler {
    pe_state *S;
    pe_arena *A;
    const char *filename;
    const char *src;
    size_t srclen;
    int mode;
    scope *module;
    /* all scopes, to free their tables */
    scope **scopes;
    uint32_t nscopes, scopecap;
    /* global slots */
    const char **gnames;
    uint32_t nglobals, gcap;
    uint32_t *gtable;
    uint32_t gtcap;
    pe_code *code;
    int depth; /* AST nesting in the symbol pass (MAX_AST_DEPTH) */
    uint32_t tick; /* nodes since the last time-limit check */
    pe_node *last_pat; /* the pattern compiled last (CPython's error location) */
    uint32_t warn_line; /* source cursor for warnings: warn_p starts line warn_line */
    const char *warn_p;
    /* attribute/keyword names shared by all code objects of the program
     * (one str per name, so instance dict keys stored by one method are
     * pointer-equal to the names another method looks up): open addressing,
     * references owned (dropped in compiler_free; the code objects hold
     * their own) */
    pe_obj **itab;
    uint32_t icap, icount;
    bool top_await;     /* PE_MODE_TOP_AWAIT: the module may await */
    bool module_awaits; /* ... and it does (await, async for/with at top level) */
} compiler;

/* Every 1024 nodes visited: the time limit (pe_compile_check_time). */
#define TICK(C) (PE_UNLIKELY(++(C)->tick >= 1024) && tick_check(C))
static PE_NOINLINE int tick_check(compiler *C) {
    C->tick = 0;
    return pe_compile_check_time(C->S);
}

static uint32_t name_hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int syntax_error(compiler *C, const pe_node *n, const char *fmt, ...) PE_PRINTF(3, 4);
static int syntax_error(compiler *C, const pe_node *n, const char *fmt, ...) {
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *line = NULL;
    size_t len = 0;
    /* CPython's compiler errors show the line only for a file (not -c or
     * stdin; the interactive prompt keeps it) */
    bool no_text = C->filename && C->mode != PE_MODE_SINGLE &&
                   (!strcmp(C->filename, "<stdin>") || !strcmp(C->filename, "<string>"));
    if (n && C->src && !no_text) {
        const char *p = C->src, *end = C->src + C->srclen;
        for (uint32_t l = 1; l < n->line && p < end; l++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) break;
            p = nl + 1;
        }
        const char *e = memchr(p, '\n', (size_t)(end - p));
        line = p;
        len = (size_t)((e ? e : end) - p);
        if (len > 10000) len = 10000;
    }
    uint32_t ec = n && n->end_line == n->line && n->end_col > n->col ? n->end_col : (n ? n->col + 1 : 0);
    return pe_raise_syntax(C->S, PE_EXC(SyntaxError), msg, C->filename, n ? n->line : 0,
                           n ? n->col : 0, ec, line, len);
}

/* A SyntaxError on a compound statement: CPython's carets run from the
 * statement's start to the end of its first line. */
static int syntax_error_stmt(compiler *C, const pe_node *n, const char *msg) {
    pe_node m = *n;
    const char *p = C->src, *end = C->src + C->srclen;
    for (uint32_t l = 1; p && l < n->line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    uint32_t cols = 0;
    for (; p && p < end && *p != '\n' && *p != '\r'; p++) cols += ((unsigned char)*p & 0xc0) != 0x80;
    m.end_line = m.line;
    m.end_col = cols + 1 > m.col ? cols + 1 : m.col + 1;
    return syntax_error(C, &m, "%s", msg);
}

static scope *scope_new(compiler *C, int kind, scope *parent, pe_node *node) {
    scope *s = pe_arena_alloc(C->A, sizeof(scope));
    if (!s) return NULL;
    s->kind = kind;
    s->parent = parent;
    s->node = node;
    /* a lambda or comprehension inside a comprehension's iterable: still no `:=` */
    s->comp_iter_expr = parent && parent->comp_iter_expr > 0;
    if (node) node->scope = s;
    if (C->nscopes == C->scopecap) {
        uint32_t nc = C->scopecap ? C->scopecap * 2 : 16;
        scope **ns = pe_mem_realloc(C->S, C->scopes, C->scopecap * sizeof *ns, nc * sizeof *ns);
        if (!ns) return NULL;
        C->scopes = ns;
        C->scopecap = nc;
    }
    C->scopes[C->nscopes++] = s;
    return s;
}

static void scope_free(compiler *C, scope *s) {
    pe_mem_free(C->S, s->syms, s->cap * sizeof(sym));
    pe_mem_free(C->S, s->table, s->tcap * sizeof(uint32_t));
}

static sym *sym_find(scope *s, const char *name) {
    if (!s->tcap) return NULL;
    uint32_t m = s->tcap - 1, i = name_hash(name) & m;
    while (s->table[i]) {
        sym *y = &s->syms[s->table[i] - 1];
        if (!strcmp(y->name, name)) return y;
        i = (i + 1) & m;
    }
    return NULL;
}

static int scope_rehash(compiler *C, scope *s, uint32_t ncap) {
    uint32_t *t = pe_mem_alloc(C->S, ncap * sizeof(uint32_t));
    if (!t) return -1;
    memset(t, 0, ncap * sizeof(uint32_t));
    for (uint32_t k = 0; k < s->nsyms; k++) {
        uint32_t i = name_hash(s->syms[k].name) & (ncap - 1);
        while (t[i]) i = (i + 1) & (ncap - 1);
        t[i] = k + 1;
    }
    pe_mem_free(C->S, s->table, s->tcap * sizeof(uint32_t));
    s->table = t;
    s->tcap = ncap;
    return 0;
}

/* Finds or adds name in s and ors in flags. */
static sym *sym_add(compiler *C, scope *s, const char *name, uint32_t flags) {
    sym *y = sym_find(s, name);
    if (y) {
        /* SF_IMPORTED stays only while every binding is an import */
        if ((flags & SF_ASSIGNED) && !(flags & SF_IMPORTED)) y->flags &= ~(uint32_t)SF_IMPORTED;
        if ((flags & SF_IMPORTED) && (y->flags & SF_ASSIGNED)) flags &= ~(uint32_t)SF_IMPORTED;
        y->flags |= flags;
        return y;
    }
    if (s->nsyms == s->cap) {
        uint32_t nc = s->cap ? s->cap * 2 : 8;
        sym *ns = pe_mem_realloc(C->S, s->syms, s->cap * sizeof(sym), nc * sizeof(sym));
        if (!ns) return NULL;
        s->syms = ns;
        s->cap = nc;
    }
    if ((s->nsyms + 1) * 2 > s->tcap && scope_rehash(C, s, s->tcap ? s->tcap * 2 : 16))
        return NULL;
    y = &s->syms[s->nsyms++];
    y->name = name;
    y->flags = flags;
    y->index = -1;
    y->decl_line = 0;
    y->decl = NULL;
    uint32_t i = name_hash(name) & (s->tcap - 1);
    while (s->table[i]) i = (i + 1) & (s->tcap - 1);
    s->table[i] = s->nsyms;
    return y;
}

/* ---- pass 1: collect ---- */

static int collect_expr(compiler *C, scope *s, pe_node *n);
static int collect_stmts(compiler *C, scope *s, pe_nodelist *l);

static int collect_list(compiler *C, scope *s, pe_nodelist *l) {
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i] && collect_expr(C, s, l->v[i])) return -1;
    return 0;
}

static int collect_expr_node(compiler *C, scope *s, pe_node *n);

/* One level deeper in the tree: RecursionError past MAX_AST_DEPTH. A
 * constant folded from `-...-<number>` by the parser stands for that many
 * UnaryOp nodes in CPython's tree. */
static int depth_enter(compiler *C, const pe_node *n) {
    if (TICK(C)) return -1;
    int add = 1 + (n->kind == PE_N_CONST ? n->op : 0);
    C->depth += add;
    if (C->depth > MAX_AST_DEPTH) {
        C->depth -= add;
        return pe_raise(C->S, PE_EXC(RecursionError),
                        "maximum recursion depth exceeded during compilation");
    }
    return 0;
}
static void depth_leave(compiler *C, const pe_node *n) {
    C->depth -= 1 + (n->kind == PE_N_CONST ? n->op : 0);
}

static int collect_target_node(compiler *C, scope *s, pe_node *t);
static int collect_target(compiler *C, scope *s, pe_node *t) {
    if (depth_enter(C, t)) return -1;
    int r = collect_target_node(C, s, t);
    depth_leave(C, t);
    return r;
}

static int collect_target_node(compiler *C, scope *s, pe_node *t) {
    switch (t->kind) {
    case PE_N_NAME: {
        sym *y = sym_add(C, s, t->name, SF_ASSIGNED);
        if (!y) return -1;
        if (!y->decl_line) y->decl_line = t->line;
        return 0;
    }
    case PE_N_TUPLE:
    case PE_N_LIST:
        for (uint32_t i = 0; i < t->l[0].n; i++)
            if (collect_target(C, s, t->l[0].v[i])) return -1;
        return 0;
    case PE_N_STARRED:
        return collect_target(C, s, t->a);
    default:
        return collect_expr_node(C, s, t);
    }
}

static int collect_params(compiler *C, scope *fs, scope *outer, pe_nodelist *params) {
    for (uint32_t i = 0; i < params->n; i++) {
        pe_node *a = params->v[i];
        if (a->a && collect_expr(C, outer, a->a)) return -1; /* defaults: outer scope */
        if (!sym_add(C, fs, a->name, SF_PARAM | SF_ASSIGNED)) return -1;
    }
    return 0;
}

/* Comprehension: first iterable in the enclosing scope, rest inside. */
/* Marks the names of a comprehension's `for` target as iteration
 * variables; a name an earlier `:=` of the comprehension bound is
 * CPython's "inner loop cannot rebind" error. */
static int mark_comp_iter(compiler *C, scope *cs, pe_node *t) {
    switch (t->kind) {
    case PE_N_NAME: {
        sym *y = sym_find(cs, t->name);
        if (y && (y->flags & SF_WALRUS))
            return syntax_error(C, t,
                                "comprehension inner loop cannot rebind assignment expression "
                                "target '%s'",
                                t->name);
        if (y) y->flags |= SF_COMP_ITER;
        return 0;
    }
    case PE_N_TUPLE:
    case PE_N_LIST:
        for (uint32_t i = 0; i < t->l[0].n; i++)
            if (mark_comp_iter(C, cs, t->l[0].v[i])) return -1;
        return 0;
    case PE_N_STARRED:
        return mark_comp_iter(C, cs, t->a);
    default:
        return 0;
    }
}

/* A comprehension's iterable: `:=` is not allowed in it (at any depth of
 * this scope; a lambda inside opens a scope of its own). */
static int collect_comp_iter(compiler *C, scope *s, pe_node *e) {
    s->comp_iter_expr++;
    int r = collect_expr(C, s, e);
    s->comp_iter_expr--;
    return r;
}

static int collect_comp(compiler *C, scope *s, pe_node *n) {
    pe_nodelist *fors = &n->l[0];
    if (collect_comp_iter(C, s, fors->v[0]->b)) return -1;
    scope *cs = scope_new(C, SC_COMPREHENSION, s, n);
    if (!cs || !sym_add(C, cs, ".0", SF_PARAM | SF_ASSIGNED)) return -1;
    cs->generator = n->kind == PE_N_GENEXP;
    for (uint32_t i = 0; i < fors->n; i++) {
        pe_node *f = fors->v[i];
        if (f->flags & PE_NF_ASYNC) cs->coroutine = true;
        if (i > 0 && collect_comp_iter(C, cs, f->b)) return -1;
        if (collect_target(C, cs, f->a) || mark_comp_iter(C, cs, f->a)) return -1;
        if (collect_list(C, cs, &f->l[0])) return -1;
    }
    if (collect_expr(C, cs, n->a)) return -1;
    if (n->b && collect_expr(C, cs, n->b)) return -1;
    /* an asynchronous comprehension is awaited where it stands (an async
     * generator expression is not: it may stand anywhere) */
    if (cs->coroutine && n->kind != PE_N_GENEXP) {
        if (!s->coroutine)
            return syntax_error(C, n, "asynchronous comprehension outside of an asynchronous "
                                      "function");
        if (s->kind == SC_MODULE) C->module_awaits = true;
    }
    return 0;
}

/* The target of `name := value` (PEP 572): in a comprehension it binds in
 * the nearest enclosing function (as if `nonlocal`) or module (as if
 * `global`) scope. */
static int collect_walrus(compiler *C, scope *s, pe_node *n) {
    const char *nm = n->a->name;
    if (s->comp_iter_expr > 0)
        return syntax_error(C, n,
                            "assignment expression cannot be used in a comprehension iterable "
                            "expression");
    if (s->kind != SC_COMPREHENSION) return collect_target(C, s, n->a);
    scope *t = s;
    for (; t->kind == SC_COMPREHENSION; t = t->parent) {
        sym *y = sym_find(t, nm);
        if (y && (y->flags & SF_COMP_ITER))
            return syntax_error(C, n->a,
                                "assignment expression cannot rebind comprehension iteration "
                                "variable '%s'",
                                nm);
    }
    if (t->kind == SC_CLASS)
        return syntax_error(C, n->a,
                            "assignment expression within a comprehension cannot be used in a "
                            "class body");
    sym *ty = sym_find(t, nm);
    bool glob = t->kind == SC_MODULE || (ty && (ty->flags & SF_GLOBAL_DECL));
    ty = sym_add(C, t, nm, SF_ASSIGNED);
    if (!ty) return -1;
    if (!ty->decl_line) ty->decl_line = n->line;
    for (scope *q = s; q != t; q = q->parent) {
        sym *z = sym_add(C, q, nm, (glob ? SF_GLOBAL_DECL : SF_NONLOCAL_DECL) | SF_WALRUS);
        if (!z) return -1;
        if (!z->decl_line) z->decl_line = n->line;
    }
    return 0;
}

static int collect_expr(compiler *C, scope *s, pe_node *n) {
    if (!n) return 0;
    if (depth_enter(C, n)) return -1;
    int r = collect_expr_node(C, s, n);
    depth_leave(C, n);
    return r;
}

static int collect_expr_node(compiler *C, scope *s, pe_node *n) {
    switch (n->kind) {
    case PE_N_NAME:
        /* super() finds its class in the __class__ cell */
        if (s->kind == SC_FUNCTION && !strcmp(n->name, "super") &&
            !sym_add(C, s, "__class__", SF_USED))
            return -1;
        return sym_add(C, s, n->name, SF_USED) ? 0 : -1;
    case PE_N_CONST:
        return 0;
    case PE_N_LAMBDA: {
        scope *fs = scope_new(C, SC_FUNCTION, s, n);
        if (!fs || collect_params(C, fs, s, &n->l[0]) || collect_expr(C, fs, n->a)) return -1;
        return 0;
    }
    case PE_N_LISTCOMP:
    case PE_N_SETCOMP:
    case PE_N_DICTCOMP:
    case PE_N_GENEXP:
        return collect_comp(C, s, n);
    case PE_N_NAMEDEXPR:
        if (collect_expr(C, s, n->b)) return -1;
        return collect_walrus(C, s, n);
    case PE_N_AWAIT: {
        scope *t = s;
        while (t->kind == SC_COMPREHENSION) t = t->parent;
        if (t->coroutine && s->kind == SC_COMPREHENSION) s->coroutine = true; /* async comp */
        if (!t->coroutine)
            return syntax_error(C, n, t->kind == SC_FUNCTION ? "'await' outside async function"
                                                             : "'await' outside function");
        if (t->kind == SC_MODULE) C->module_awaits = true;
        break;
    }
    case PE_N_YIELD:
    case PE_N_YIELDFROM:
        /* CPython's symtable messages, at the yield */
        if (s->kind == SC_MODULE || s->kind == SC_CLASS)
            return syntax_error(C, n, "'yield' outside function");
        if (s->coroutine && n->kind == PE_N_YIELDFROM)
            return syntax_error(C, n, "'yield from' inside async function");
        if (s->kind == SC_COMPREHENSION) {
            int k = s->node->kind;
            return syntax_error(C, n, "'yield' inside %s",
                                k == PE_N_LISTCOMP  ? "list comprehension"
                                : k == PE_N_SETCOMP ? "set comprehension"
                                : k == PE_N_DICTCOMP ? "dict comprehension"
                                                     : "generator expression");
        }
        s->generator = true;
        break;
    default:
        break;
    }
    if (n->a && collect_expr(C, s, n->a)) return -1;
    if (n->b && collect_expr(C, s, n->b)) return -1;
    if (n->c && collect_expr(C, s, n->c)) return -1;
    for (int k = 0; k < 4; k++)
        if (collect_list(C, s, &n->l[k])) return -1;
    return 0;
}

/* The names a pattern binds, and the expressions in it. */
static int collect_pattern(compiler *C, scope *s, pe_node *p) {
    if (!p) return 0;
    if (depth_enter(C, p)) return -1;
    int r = 0;
    if ((p->kind == PE_N_PAS || p->kind == PE_N_PSTAR || p->kind == PE_N_PMAP) && p->name) {
        sym *y = sym_add(C, s, p->name, SF_ASSIGNED);
        if (!y) r = -1;
        else if (!y->decl_line) y->decl_line = p->line;
    }
    switch (p->kind) {
    case PE_N_PVALUE:
        if (!r) r = collect_expr(C, s, p->a);
        break;
    case PE_N_PAS:
        if (!r) r = collect_pattern(C, s, p->a);
        break;
    case PE_N_PSEQ:
    case PE_N_POR:
        for (uint32_t i = 0; !r && i < p->l[0].n; i++) r = collect_pattern(C, s, p->l[0].v[i]);
        break;
    case PE_N_PMAP:
        for (uint32_t i = 0; !r && i < p->l[0].n; i++) {
            r = collect_expr(C, s, p->l[0].v[i]);
            if (!r) r = collect_pattern(C, s, p->l[1].v[i]);
        }
        break;
    case PE_N_PCLASS:
        if (!r) r = collect_expr(C, s, p->a);
        for (uint32_t i = 0; !r && i < p->l[0].n; i++) r = collect_pattern(C, s, p->l[0].v[i]);
        for (uint32_t i = 0; !r && i < p->l[1].n; i++) r = collect_pattern(C, s, p->l[1].v[i]->a);
        break;
    default:
        break;
    }
    depth_leave(C, p);
    return r;
}

static int collect_stmt_node(compiler *C, scope *s, pe_node *n);
static int collect_stmt(compiler *C, scope *s, pe_node *n) {
    if (depth_enter(C, n)) return -1;
    int r = collect_stmt_node(C, s, n);
    depth_leave(C, n);
    return r;
}

static int collect_stmt_node(compiler *C, scope *s, pe_node *n) {
    switch (n->kind) {
    case PE_N_ASSIGN:
        for (uint32_t i = 0; i < n->l[0].n; i++)
            if (collect_target(C, s, n->l[0].v[i])) return -1;
        return collect_expr(C, s, n->a);
    case PE_N_AUGASSIGN:
        /* a name target counts as assigned only (CPython: Store context) */
        if (n->a->kind == PE_N_NAME) {
            sym *y = sym_add(C, s, n->a->name, SF_ASSIGNED);
            if (!y) return -1;
            if (!y->decl_line) y->decl_line = n->a->line;
        } else if (collect_expr(C, s, n->a)) {
            return -1;
        }
        return collect_expr(C, s, n->b);
    case PE_N_ANNASSIGN:
        /* a simple name (even without a value) is bound in its scope; the
         * annotation is evaluated only at module level (see c_stmt) */
        if (n->a->kind == PE_N_NAME && !(n->a->flags & 1)) {
            sym *y = sym_find(s, n->a->name);
            if (y && (y->flags & (SF_GLOBAL_DECL | SF_NONLOCAL_DECL)) && s->kind != SC_MODULE)
                return syntax_error(C, n, "annotated name '%s' can't be %s", n->a->name,
                                    (y->flags & SF_GLOBAL_DECL) ? "global" : "nonlocal");
            if (!sym_add(C, s, n->a->name, SF_ANNOTATED)) return -1;
            if (s->kind == SC_MODULE || s->kind == SC_CLASS) {
                /* CPython's SETUP_ANNOTATIONS: the body fills __annotations__ */
                s->annotations = true;
                if (!sym_add(C, s, "__annotations__", SF_ASSIGNED)) return -1;
            }
        }
        if ((n->c || n->a->kind != PE_N_NAME || !(n->a->flags & 1)) &&
            collect_target(C, s, n->a))
            return -1;
        if ((s->kind == SC_MODULE || s->kind == SC_CLASS) && collect_expr(C, s, n->b)) return -1;
        return collect_expr(C, s, n->c);
    case PE_N_FOR:
        if ((n->flags & PE_NF_ASYNC) && !s->coroutine)
            return syntax_error_stmt(C, n, "'async for' outside async function");
        if ((n->flags & PE_NF_ASYNC) && s->kind == SC_MODULE) C->module_awaits = true;
        if (collect_target(C, s, n->a) || collect_expr(C, s, n->b)) return -1;
        return collect_stmts(C, s, &n->l[0]) || collect_stmts(C, s, &n->l[1]) ? -1 : 0;
    case PE_N_DEL:
        for (uint32_t i = 0; i < n->l[0].n; i++)
            if (collect_target(C, s, n->l[0].v[i])) return -1;
        return 0;
    case PE_N_CLASS: {
        if (collect_list(C, s, &n->l[2]) || collect_list(C, s, &n->l[0]) ||
            collect_list(C, s, &n->l[3]))
            return -1;
        sym *y = sym_add(C, s, n->name, SF_ASSIGNED);
        if (!y) return -1;
        if (!y->decl_line) y->decl_line = n->line;
        scope *cs = scope_new(C, SC_CLASS, s, n);
        if (!cs || !sym_add(C, cs, ".ns", SF_PARAM | SF_ASSIGNED) ||
            !sym_add(C, cs, "__class__", SF_CLASSCELL) ||
            !sym_add(C, cs, "__module__", SF_ASSIGNED) ||
            !sym_add(C, cs, "__qualname__", SF_ASSIGNED))
            return -1;
        return collect_stmts(C, cs, &n->l[1]);
    }
    case PE_N_DEF: {
        if (collect_list(C, s, &n->l[2])) return -1;
        sym *y = sym_add(C, s, n->name, SF_ASSIGNED);
        if (!y) return -1;
        if (!y->decl_line) y->decl_line = n->line;
        scope *fs = scope_new(C, SC_FUNCTION, s, n);
        if (!fs) return -1;
        fs->coroutine = (n->flags & PE_NF_ASYNC) != 0;
        if (collect_params(C, fs, s, &n->l[0]) || collect_stmts(C, fs, &n->l[1])) return -1;
        return 0;
    }
    case PE_N_GLOBAL:
    case PE_N_NONLOCAL: {
        bool glob = n->kind == PE_N_GLOBAL;
        /* CPython's symtable checks, in its order: parameter, use,
         * annotation, assignment (an import alone does not count); a name
         * both global and nonlocal is reported at its first declaration */
        const char *what = glob ? "global" : "nonlocal";
        for (uint32_t i = 0; i < n->l[0].n; i++) {
            const char *nm = n->l[0].v[i]->name;
            sym *y = sym_find(s, nm);
            bool decl = y && (y->flags & (SF_GLOBAL_DECL | SF_NONLOCAL_DECL));
            if (y && (y->flags & SF_PARAM))
                return syntax_error(C, n, "name '%s' is parameter and %s", nm, what);
            if (y && !decl && (y->flags & SF_USED))
                return syntax_error(C, n, "name '%s' is used prior to %s declaration", nm, what);
            if (y && (y->flags & SF_ANNOTATED))
                return syntax_error(C, n, "annotated name '%s' can't be %s", nm, what);
            if (y && !decl && (y->flags & SF_ASSIGNED) && !(y->flags & SF_IMPORTED))
                return syntax_error(C, n, "name '%s' is assigned to before %s declaration", nm,
                                    what);
            if (y && (y->flags & (glob ? SF_NONLOCAL_DECL : SF_GLOBAL_DECL)))
                return syntax_error(C, y->decl ? y->decl : n, "name '%s' is nonlocal and global",
                                    nm);
            if (!glob && s->kind == SC_MODULE)
                return syntax_error(C, n, "nonlocal declaration not allowed at module level");
            y = sym_add(C, s, nm, glob ? SF_GLOBAL_DECL : SF_NONLOCAL_DECL);
            if (!y) return -1;
            y->decl_line = n->line;
            if (!y->decl) y->decl = n;
        }
        return 0;
    }
    case PE_N_IMPORT:
        for (uint32_t i = 0; i < n->l[0].n; i++) {
            pe_node *x = n->l[0].v[i];
            if (n->a && !strcmp(x->name, "*")) {
                if (s->kind != SC_MODULE)
                    return syntax_error(C, x, "import * only allowed at module level");
                continue;
            }
            const char *bound = x->a ? x->a->name : x->name;
            char *dot = strchr(bound, '.');
            if (dot) {
                /* `import a.b` binds `a` */
                size_t k = (size_t)(dot - bound);
                char *nm = pe_arena_alloc(C->A, k + 1);
                if (!nm) return -1;
                memcpy(nm, bound, k);
                nm[k] = 0;
                bound = nm;
            }
            if (!sym_add(C, s, bound, SF_ASSIGNED | SF_IMPORTED)) return -1;
        }
        return 0;
    case PE_N_TRY:
        for (int k = 0; k < 4; k++)
            if (collect_stmts(C, s, &n->l[k])) return -1;
        return 0;
    case PE_N_MATCH:
        if (collect_expr(C, s, n->a)) return -1;
        for (uint32_t i = 0; i < n->l[0].n; i++) {
            pe_node *c = n->l[0].v[i];
            if (collect_pattern(C, s, c->a) || collect_expr(C, s, c->b) ||
                collect_stmts(C, s, &c->l[0]))
                return -1;
        }
        return 0;
    case PE_N_WITH:
        if ((n->flags & PE_NF_ASYNC) && !s->coroutine)
            return syntax_error_stmt(C, n, "'async with' outside async function");
        if ((n->flags & PE_NF_ASYNC) && s->kind == SC_MODULE) C->module_awaits = true;
        for (uint32_t i = 0; i < n->l[0].n; i++) {
            pe_node *it = n->l[0].v[i];
            if (collect_expr(C, s, it->a)) return -1;
            if (it->b && collect_target(C, s, it->b)) return -1;
        }
        return collect_stmts(C, s, &n->l[1]);
    case PE_N_EXCEPT:
        if (n->name && !sym_add(C, s, n->name, SF_ASSIGNED)) return -1;
        if (collect_expr(C, s, n->a)) return -1;
        return collect_stmts(C, s, &n->l[0]);
    case PE_N_IF:
    case PE_N_WHILE:
        if (collect_expr(C, s, n->a)) return -1;
        return collect_stmts(C, s, &n->l[0]) || collect_stmts(C, s, &n->l[1]) ? -1 : 0;
    default:
        if (n->a && collect_expr(C, s, n->a)) return -1;
        if (n->b && collect_expr(C, s, n->b)) return -1;
        if (n->c && collect_expr(C, s, n->c)) return -1;
        return 0;
    }
}

static int collect_stmts(compiler *C, scope *s, pe_nodelist *l) {
    for (uint32_t i = 0; i < l->n; i++) {
        pe_node *n = l->v[i];
        if (n->kind == PE_N_EXCEPT) {
            if (collect_stmt(C, s, n)) return -1;
        } else if (collect_stmt(C, s, n)) {
            return -1;
        }
    }
    return 0;
}

/* ---- resolution ---- */

static int global_slot(compiler *C, const char *name) {
    if (C->gtcap == 0 || (C->nglobals + 1) * 2 > C->gtcap) {
        uint32_t nc = C->gtcap ? C->gtcap * 2 : 64;
        uint32_t *t = pe_mem_alloc(C->S, nc * sizeof(uint32_t));
        if (!t) return -1;
        memset(t, 0, nc * sizeof(uint32_t));
        for (uint32_t k = 0; k < C->nglobals; k++) {
            uint32_t i = name_hash(C->gnames[k]) & (nc - 1);
            while (t[i]) i = (i + 1) & (nc - 1);
            t[i] = k + 1;
        }
        pe_mem_free(C->S, C->gtable, C->gtcap * sizeof(uint32_t));
        C->gtable = t;
        C->gtcap = nc;
    }
    uint32_t m = C->gtcap - 1, i = name_hash(name) & m;
    while (C->gtable[i]) {
        if (!strcmp(C->gnames[C->gtable[i] - 1], name)) return (int)C->gtable[i] - 1;
        i = (i + 1) & m;
    }
    if (C->nglobals == C->gcap) {
        uint32_t nc = C->gcap ? C->gcap * 2 : 32;
        const char **ng = pe_mem_realloc(C->S, C->gnames, C->gcap * sizeof *ng, nc * sizeof *ng);
        if (!ng) return -1;
        C->gnames = ng;
        C->gcap = nc;
    }
    C->gnames[C->nglobals] = name;
    C->gtable[i] = ++C->nglobals;
    return (int)C->nglobals - 1;
}

/* Finds name as a local/cell of an enclosing function scope, marking the
 * definer's symbol CELL and every scope in between FREE. */
static int resolve_free(compiler *C, scope *s, const char *name, bool *found) {
    *found = false;
    for (scope *p = s->parent; p && p->kind != SC_MODULE; p = p->parent) {
        sym *y = sym_find(p, name);
        if (!y) continue;
        if (p->kind == SC_CLASS) {
            /* class names are invisible to nested scopes; __class__ is
             * the class's cell */
            if (!(y->flags & SF_CLASSCELL)) continue;
            y->flags |= SF_CELL;
            for (scope *q = s->parent; q != p; q = q->parent) {
                sym *z = sym_add(C, q, name, 0);
                if (!z) return -1;
                if (!(z->flags & (SF_ASSIGNED | SF_PARAM))) z->flags |= SF_FREE;
                else if (q->kind == SC_CLASS && !(z->flags & SF_FREE)) z->flags |= SF_FREECLASS;
            }
            *found = true;
            return 0;
        }
        if (y->flags & (SF_GLOBAL_DECL)) return 0;
        if (y->flags & (SF_ASSIGNED | SF_PARAM | SF_NONLOCAL_DECL)) {
            if (!(y->flags & SF_NONLOCAL_DECL)) y->flags |= SF_CELL;
            /* pass-through scopes between s and p get a FREE entry */
            for (scope *q = s->parent; q != p; q = q->parent) {
                sym *z = sym_add(C, q, name, 0);
                if (!z) return -1;
                if (!(z->flags & (SF_ASSIGNED | SF_PARAM))) z->flags |= SF_FREE;
                else if (q->kind == SC_CLASS && !(z->flags & SF_FREE)) z->flags |= SF_FREECLASS;
            }
            *found = true;
            return 0;
        }
    }
    return 0;
}

/* Decides the kind of every symbol; called parents first. */
static int resolve_scope(compiler *C, scope *s) {
    for (uint32_t i = 0; i < s->nsyms; i++) {
        sym *y = &s->syms[i];
        if (s->kind == SC_MODULE || (y->flags & SF_GLOBAL_DECL)) {
            y->flags |= SF_GLOBAL;
            continue;
        }
        if (y->flags & SF_NONLOCAL_DECL) {
            bool found;
            if (resolve_free(C, s, y->name, &found)) return -1;
            if (!found) {
                pe_node fake = {0};
                fake.line = y->decl_line;
                return syntax_error(C, y->decl ? y->decl : &fake,
                                    "no binding for nonlocal '%s' found", y->name);
            }
            y->flags |= SF_FREE;
            continue;
        }
        if (y->flags & (SF_ASSIGNED | SF_PARAM)) continue; /* local (maybe CELL later) */
        if (y->flags & (SF_FREE | SF_CLASSCELL)) continue;
        bool found;
        if (resolve_free(C, s, y->name, &found)) return -1;
        if (found) y->flags |= SF_FREE;
        else y->flags |= SF_GLOBAL;
    }
    return 0;
}

/* Assigns indexes after all scopes are resolved (CELL marks are final). */
static int index_scope(compiler *C, scope *s) {
    s->nlocals = s->ncells = s->nfree = 0;
    /* parameters first, in declaration order (they were added first) */
    for (uint32_t i = 0; i < s->nsyms; i++) {
        sym *y = &s->syms[i];
        if (y->flags & SF_GLOBAL) {
            int g = global_slot(C, y->name);
            if (g < 0) return -1;
            y->index = g;
        } else if (y->flags & SF_FREE && !(y->flags & (SF_ASSIGNED | SF_PARAM))) {
            /* indexed below */
        } else if (s->kind != SC_MODULE &&
                   (y->flags & (s->kind == SC_CLASS ? SF_PARAM : (SF_ASSIGNED | SF_PARAM)))) {
            y->index = (int32_t)s->nlocals++;
        }
    }
    for (uint32_t i = 0; i < s->nsyms; i++) {
        sym *y = &s->syms[i];
        if ((y->flags & SF_CELL) && !(y->flags & SF_GLOBAL) && !(y->flags & SF_FREE))
            s->ncells++;
    }
    uint32_t c = 0, f = 0;
    for (uint32_t i = 0; i < s->nsyms; i++) {
        sym *y = &s->syms[i];
        if (y->flags & SF_GLOBAL) continue;
        if ((y->flags & SF_CELL) && !(y->flags & SF_FREE)) {
            /* keep the local index in decl_line's place: cell index separate */
            y->decl_line = (uint32_t)y->index; /* local slot (for parameters) */
            y->index = (int32_t)(s->nlocals + c++);
        } else if (y->flags & (SF_FREE | SF_FREECLASS)) {
            y->index = (int32_t)(s->nlocals + s->ncells + f++);
        }
    }
    s->nfree = f;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Code generation helpers                                             */
/* ------------------------------------------------------------------ */

static int grow(pe_state *S, void **p, uint32_t *cap, uint32_t n, size_t elem) {
    if (n < *cap) return 0;
    uint32_t nc = *cap ? *cap * 2 : 16;
    void *np = pe_mem_realloc(S, *p, (size_t)*cap * elem, (size_t)nc * elem);
    if (!np) return -1;
    *p = np;
    *cap = nc;
    return 0;
}

static int emit(compiler *C, unit *u, int op, uint32_t arg) {
    if (arg > PE_ARG_MAX) {
        pe_raise(C->S, PE_EXC(SyntaxError), "program too large (argument overflow)");
        return -1;
    }
    if (grow(C->S, (void **)&u->code, &u->cap, u->n, sizeof(uint32_t))) return -1;
    uint32_t oldcap = u->cap;
    (void)oldcap;
    if (u->n == 0 || !u->lines) {
        /* lines/cols grow in step with code */
    }
    u->code[u->n] = PE_INSTR(op, arg);
    u->n++;
    return 0;
}

/* Lines are kept in a parallel array sized like code. */
static int emit_l(compiler *C, unit *u, int op, uint32_t arg) {
    if (emit(C, u, op, arg)) return -1;
    if (u->lines_cap < u->cap) {
        uint32_t *nl = pe_mem_realloc(C->S, u->lines, u->lines_cap * sizeof(uint32_t),
                                      u->cap * sizeof(uint32_t));
        if (!nl) return -1;
        u->lines = nl;
        u->lines_cap = u->cap;
    }
    if (u->cols_cap < u->cap) {
        uint16_t *nc = pe_mem_realloc(C->S, u->cols, u->cols_cap * sizeof(uint16_t),
                                      u->cap * sizeof(uint16_t));
        if (!nc) return -1;
        u->cols = nc;
        u->cols_cap = u->cap;
    }
    u->lines[u->n - 1] = u->line;
    u->cols[u->n - 1] = (uint16_t)(u->col > 65535 ? 0 : u->col);
    return 0;
}

#define EMIT(op, arg)                                     \
    do {                                                  \
        if (emit_l(C, u, PE_OP_##op, (uint32_t)(arg))) return -1; \
    } while (0)

static int new_label(compiler *C, unit *u, uint32_t *out) {
    if (grow(C->S, (void **)&u->labels, &u->labcap, u->nlabels, sizeof(uint32_t))) return -1;
    u->labels[u->nlabels] = UINT32_MAX;
    *out = u->nlabels++;
    return 0;
}

static void bind_label(unit *u, uint32_t label) { u->labels[label] = u->n; }

static int emit_jump(compiler *C, unit *u, int op, uint32_t label) {
    if (grow(C->S, (void **)&u->fix, &u->fixcap, u->nfix, sizeof(jfix))) return -1;
    u->fix[u->nfix++] = (jfix){u->n, label};
    return emit_l(C, u, op, 0);
}

#define JUMP(op, label)                                        \
    do {                                                       \
        if (emit_jump(C, u, PE_OP_##op, (label))) return -1;   \
    } while (0)
#define LABEL(var)                                    \
    uint32_t var;                                     \
    if (new_label(C, u, &var)) return -1

static int add_const(compiler *C, unit *u, pe_val v, uint32_t *idx) {
    /* reuse identical immediates and identical str objects */
    for (uint32_t i = 0; i < u->nconsts && i < 256; i++) {
        pe_val c = u->consts[i];
        if (c.tag != v.tag) continue;
        if (v.tag == PE_TOBJ ? c.u.o == v.u.o
                             : (v.tag == PE_TFLOAT ? !memcmp(&c.u.f, &v.u.f, sizeof(double))
                                                   : c.u.i == v.u.i)) {
            *idx = i;
            return 0;
        }
    }
    if (grow(C->S, (void **)&u->consts, &u->constcap, u->nconsts, sizeof(pe_val))) return -1;
    pe_incref(v);
    u->consts[u->nconsts] = v;
    *idx = u->nconsts++;
    return 0;
}

static int emit_const(compiler *C, unit *u, pe_val v) {
    switch (v.tag) {
    case PE_TNONE: EMIT(LOAD_NONE, 0); return 0;
    case PE_TBOOL:
        if (v.u.i) EMIT(LOAD_TRUE, 0);
        else EMIT(LOAD_FALSE, 0);
        return 0;
    case PE_TINT:
        if (v.u.i >= PE_LOAD_INT_MIN && v.u.i <= PE_LOAD_INT_MAX) {
            EMIT(LOAD_INT, (uint32_t)(v.u.i & 0xffffff));
            return 0;
        }
        break;
    default:
        break;
    }
    uint32_t k;
    if (add_const(C, u, v, &k)) return -1;
    EMIT(LOAD_CONST, k);
    return 0;
}

/* Interned str for a name table entry. */
/* Rebuilds the names[] hash index with ncap slots (a power of two). */
static int names_rehash(compiler *C, unit *u, uint32_t ncap) {
    uint32_t *t = pe_mem_alloc(C->S, ncap * sizeof(uint32_t));
    if (!t) return -1;
    memset(t, 0, ncap * sizeof(uint32_t));
    for (uint32_t i = 0; i < u->nnames; i++) {
        uint32_t h = name_hash(((pe_str *)u->names[i])->data) & (ncap - 1);
        while (t[h]) h = (h + 1) & (ncap - 1);
        t[h] = i + 1;
    }
    pe_mem_free(C->S, u->ntable, u->ntcap * sizeof(uint32_t));
    u->ntable = t;
    u->ntcap = ncap;
    return 0;
}

/* Index of name in the unit's name table, added if new. A linear scan
 * while the table is small, a hash index beyond (linear time overall). */
/* The program's one str for name (new reference). */
static int intern_name(compiler *C, const char *name, pe_val *out) {
    if ((C->icount + 1) * 2 > C->icap) {
        uint32_t nc = C->icap ? C->icap * 2 : 64;
        pe_obj **t = pe_mem_alloc(C->S, nc * sizeof(pe_obj *));
        if (!t) return -1;
        memset(t, 0, nc * sizeof(pe_obj *));
        for (uint32_t k = 0; k < C->icap; k++) {
            pe_obj *o = C->itab[k];
            if (!o) continue;
            uint32_t i = name_hash(((pe_str *)o)->data) & (nc - 1);
            while (t[i]) i = (i + 1) & (nc - 1);
            t[i] = o;
        }
        pe_mem_free(C->S, C->itab, C->icap * sizeof(pe_obj *));
        C->itab = t;
        C->icap = nc;
    }
    uint32_t i = name_hash(name) & (C->icap - 1);
    for (; C->itab[i]; i = (i + 1) & (C->icap - 1))
        if (!strcmp(((pe_str *)C->itab[i])->data, name)) {
            pe_incref_obj(C->itab[i]);
            *out = pe_obj_val(C->itab[i]);
            return 0;
        }
    if (pe_str_from_cstr(C->S, name, out)) return -1;
    pe_incref(*out);
    C->itab[i] = out->u.o;
    C->icount++;
    return 0;
}

static int add_name(compiler *C, unit *u, const char *name, uint32_t *idx) {
    uint32_t slot = 0;
    if (u->nnames < 16) {
        for (uint32_t i = 0; i < u->nnames; i++)
            if (!strcmp(((pe_str *)u->names[i])->data, name)) {
                *idx = i;
                return 0;
            }
    } else {
        if ((u->nnames + 1) * 2 > u->ntcap && names_rehash(C, u, u->ntcap ? u->ntcap * 2 : 64))
            return -1;
        slot = name_hash(name) & (u->ntcap - 1);
        for (; u->ntable[slot]; slot = (slot + 1) & (u->ntcap - 1)) {
            uint32_t i = u->ntable[slot] - 1;
            if (!strcmp(((pe_str *)u->names[i])->data, name)) {
                *idx = i;
                return 0;
            }
        }
    }
    pe_val s;
    if (intern_name(C, name, &s)) return -1;
    if (grow(C->S, (void **)&u->names, &u->namecap, u->nnames, sizeof(pe_obj *))) {
        pe_decref(C->S, s);
        return -1;
    }
    u->names[u->nnames] = s.u.o;
    if (u->ntable) u->ntable[slot] = u->nnames + 1;
    *idx = u->nnames++;
    return 0;
}

static void set_loc(unit *u, const pe_node *n) {
    u->line = n->line;
    u->col = n->col;
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

static int c_expr(compiler *C, unit *u, pe_node *n);
static int c_stmts(compiler *C, unit *u, pe_nodelist *l);
static int c_function(compiler *C, unit *outer, pe_node *n, scope *sc, pe_nodelist *params,
                      pe_nodelist *body, pe_node *expr_body, const char *name);

static int c_load_name(compiler *C, unit *u, const char *name) {
    sym *y = sym_find(u->sc, name);
    if (y && IS_CLASSNAME(u->sc, y)) {
        /* the namespace, else the global (CPython's LOAD_NAME) */
        uint32_t k;
        int g = global_slot(C, name);
        if (g < 0 || add_name(C, u, name, &k)) return -1;
        LABEL(done);
        EMIT(LOAD_NAME, k);
        JUMP(JUMP_IF_BOUND, done);
        EMIT(LOAD_GLOBAL, g);
        bind_label(u, done);
        return 0;
    }
    if (!y || (y->flags & SF_GLOBAL)) {
        int g = y ? y->index : global_slot(C, name);
        if (g < 0) return -1;
        EMIT(LOAD_GLOBAL, g);
    } else if ((y->flags & (SF_CELL | SF_FREE))) {
        EMIT(LOAD_DEREF, y->index);
    } else {
        EMIT(LOAD_FAST, y->index);
    }
    return 0;
}

static int c_store_name(compiler *C, unit *u, const char *name, int op_fast, int op_deref,
                        int op_global) {
    sym *y = sym_find(u->sc, name);
    if (y && IS_CLASSNAME(u->sc, y)) {
        uint32_t k;
        if (add_name(C, u, name, &k)) return -1;
        return emit_l(C, u, op_fast == PE_OP_DELETE_FAST ? PE_OP_DELETE_NAME : PE_OP_STORE_NAME, k);
    }
    if (!y || (y->flags & SF_GLOBAL)) {
        int g = y ? y->index : global_slot(C, name);
        if (g < 0) return -1;
        return emit_l(C, u, op_global, (uint32_t)g);
    }
    if (y->flags & (SF_CELL | SF_FREE)) return emit_l(C, u, op_deref, (uint32_t)y->index);
    return emit_l(C, u, op_fast, (uint32_t)y->index);
}

static int c_store(compiler *C, unit *u, pe_node *t);

static int c_unpack_target(compiler *C, unit *u, pe_node *t) {
    pe_nodelist *l = &t->l[0];
    int star = -1;
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i]->kind == PE_N_STARRED) star = (int)i;
    if (star < 0) {
        EMIT(UNPACK_SEQUENCE, l->n);
    } else {
        uint32_t before = (uint32_t)star, after = l->n - (uint32_t)star - 1;
        if (before > 255 || after > 255) {
            return syntax_error(C, t, "too many expressions in star-unpacking assignment");
        }
        EMIT(UNPACK_EX, before | (after << 8));
    }
    for (uint32_t i = 0; i < l->n; i++) {
        pe_node *x = l->v[i];
        if (c_store(C, u, x->kind == PE_N_STARRED ? x->a : x)) return -1;
    }
    return 0;
}

/* Stores TOS into target t. */
static int c_store(compiler *C, unit *u, pe_node *t) {
    set_loc(u, t);
    switch (t->kind) {
    case PE_N_NAME:
        return c_store_name(C, u, t->name, PE_OP_STORE_FAST, PE_OP_STORE_DEREF,
                            PE_OP_STORE_GLOBAL);
    case PE_N_ATTR: {
        uint32_t k;
        if (c_expr(C, u, t->a) || add_name(C, u, t->name, &k)) return -1;
        EMIT(STORE_ATTR, k);
        return 0;
    }
    case PE_N_SUBSCR:
        if (c_expr(C, u, t->a) || c_expr(C, u, t->b)) return -1;
        EMIT(STORE_SUBSCR, 0);
        return 0;
    case PE_N_TUPLE:
    case PE_N_LIST:
        return c_unpack_target(C, u, t);
    default:
        return syntax_error(C, t, "cannot assign to expression");
    }
}

static int c_delete(compiler *C, unit *u, pe_node *t) {
    set_loc(u, t);
    switch (t->kind) {
    case PE_N_NAME:
        return c_store_name(C, u, t->name, PE_OP_DELETE_FAST, PE_OP_DELETE_DEREF,
                            PE_OP_DELETE_GLOBAL);
    case PE_N_SUBSCR:
        if (c_expr(C, u, t->a) || c_expr(C, u, t->b)) return -1;
        EMIT(DELETE_SUBSCR, 0);
        return 0;
    case PE_N_TUPLE:
    case PE_N_LIST:
        for (uint32_t i = 0; i < t->l[0].n; i++)
            if (c_delete(C, u, t->l[0].v[i])) return -1;
        return 0;
    case PE_N_ATTR: {
        uint32_t k;
        if (c_expr(C, u, t->a) || add_name(C, u, t->name, &k)) return -1;
        set_loc(u, t);
        EMIT(DELETE_ATTR, k);
        return 0;
    }
    default:
        return syntax_error(C, t, "cannot delete expression");
    }
}

static bool has_starred(pe_nodelist *l) {
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i]->kind == PE_N_STARRED) return true;
    return false;
}

/* Builds a list from items that may contain *x; leaves it on the stack. */
static int c_starred_list(compiler *C, unit *u, pe_nodelist *l) {
    EMIT(BUILD_LIST, 0);
    for (uint32_t i = 0; i < l->n; i++) {
        pe_node *x = l->v[i];
        if (x->kind == PE_N_STARRED) {
            if (c_expr(C, u, x->a)) return -1;
            EMIT(LIST_EXTEND, 1);
        } else {
            if (c_expr(C, u, x)) return -1;
            EMIT(LIST_APPEND, 1);
        }
    }
    return 0;
}

/* A set display of immediate constants as BUILD_SET + a frozenset constant.
 * Returns 1 if the display does not qualify. Not inlined, and the items
 * live on the heap: c_seq recurses once per nesting level. */
static PE_NOINLINE int c_const_set(compiler *C, unit *u, pe_nodelist *l) {
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i]->kind != PE_N_CONST || l->v[i]->v.tag == PE_TOBJ) return 1;
    pe_val *items = pe_mem_alloc(C->S, l->n * sizeof(pe_val)), fs;
    if (!items) return -1;
    for (uint32_t i = 0; i < l->n; i++) items[i] = l->v[i]->v;
    int r = pe_set_const_frozenset(C->S, items, l->n, &fs);
    pe_mem_free(C->S, items, l->n * sizeof(pe_val));
    if (r) {
        pe_exc_clear(C->S);
        return 1;
    }
    r = 0;
    if (emit_l(C, u, PE_OP_BUILD_SET, 0) || emit_const(C, u, fs) ||
        emit_l(C, u, PE_OP_SET_UPDATE, 1))
        r = -1;
    pe_decref(C->S, fs);
    return r;
}

static int c_seq(compiler *C, unit *u, pe_node *n) {
    pe_nodelist *l = &n->l[0];
    if (has_starred(l)) {
        if (n->kind == PE_N_SET) {
            EMIT(BUILD_SET, 0);
            for (uint32_t i = 0; i < l->n; i++) {
                pe_node *x = l->v[i];
                if (c_expr(C, u, x->kind == PE_N_STARRED ? x->a : x)) return -1;
                if (x->kind == PE_N_STARRED) EMIT(SET_UPDATE, 1);
                else EMIT(SET_ADD, 1);
            }
            return 0;
        }
        if (c_starred_list(C, u, l)) return -1;
        if (n->kind == PE_N_TUPLE) EMIT(LIST_TO_TUPLE, 0);
        return 0;
    }
    /* {c1, c2, c3, ...} of constants: a frozenset constant copied into a new
     * set (CPython does the same, and it decides the element order) */
    if (n->kind == PE_N_SET && l->n >= 3 && l->n <= 4096) {
        int r = c_const_set(C, u, l);
        if (r <= 0) return r;
    }
    /* all-constant tuples become one constant */
    if (n->kind == PE_N_TUPLE && l->n > 0 && l->n <= 256) {
        bool allc = true;
        for (uint32_t i = 0; i < l->n && allc; i++) allc = l->v[i]->kind == PE_N_CONST;
        if (allc) {
            pe_val t;
            if (pe_tuple_new(C->S, l->n, &t)) return -1;
            for (uint32_t i = 0; i < l->n; i++) {
                pe_incref(l->v[i]->v);
                PE_TUPLE(t)->items[i] = l->v[i]->v;
            }
            int r = emit_const(C, u, t);
            pe_decref(C->S, t);
            return r;
        }
    }
    for (uint32_t i = 0; i < l->n; i++)
        if (c_expr(C, u, l->v[i])) return -1;
    set_loc(u, n);
    switch (n->kind) {
    case PE_N_TUPLE: EMIT(BUILD_TUPLE, l->n); break;
    case PE_N_LIST: EMIT(BUILD_LIST, l->n); break;
    default: EMIT(BUILD_SET, l->n); break;
    }
    return 0;
}

static int c_dict(compiler *C, unit *u, pe_node *n) {
    pe_nodelist *K = &n->l[0], *V = &n->l[1];
    uint32_t pending = 0;
    bool built = false;
    for (uint32_t i = 0; i < K->n; i++) {
        if (!K->v[i]) {
            if (!built) {
                EMIT(BUILD_MAP, pending);
                built = true;
            } else if (pending) {
                EMIT(BUILD_MAP, pending);
                EMIT(DICT_UPDATE, 1);
            }
            pending = 0;
            if (c_expr(C, u, V->v[i])) return -1;
            EMIT(DICT_UPDATE, 1);
            continue;
        }
        if (c_expr(C, u, K->v[i]) || c_expr(C, u, V->v[i])) return -1;
        pending++;
        if (pending >= 0xffff) {
            EMIT(BUILD_MAP, pending);
            if (built) EMIT(DICT_UPDATE, 1);
            built = true;
            pending = 0;
        }
    }
    if (!built) EMIT(BUILD_MAP, pending);
    else if (pending) {
        EMIT(BUILD_MAP, pending);
        EMIT(DICT_UPDATE, 1);
    }
    return 0;
}

/* Constant folding for numbers: fold iff the operation succeeds and the
 * result is an immediate (ints in int64 and floats). */
static bool try_fold_binop(compiler *C, pe_node *n, pe_val *out) {
    pe_val a = n->a->v, b = n->b->v;
    if (n->a->kind != PE_N_CONST || n->b->kind != PE_N_CONST) return false;
    if (!(a.tag == PE_TINT || a.tag == PE_TFLOAT) || !(b.tag == PE_TINT || b.tag == PE_TFLOAT))
        return false;
    if (n->op == PE_BO_POW && b.tag == PE_TINT && (b.u.i > 128 || b.u.i < -128)) return false;
    if (n->op == PE_BO_LSHIFT && (b.tag != PE_TINT || b.u.i > 64)) return false;
    if (n->op == PE_BO_MATMUL) return false;
    if (pe_number_binop(C->S, n->op, a, b, out) != 0) {
        pe_exc_clear(C->S);
        return false;
    }
    if (out->tag == PE_TOBJ) {
        pe_decref(C->S, *out);
        return false;
    }
    return true;
}

static int c_boolop(compiler *C, unit *u, pe_node *n) {
    LABEL(end);
    pe_nodelist *l = &n->l[0];
    for (uint32_t i = 0; i < l->n; i++) {
        if (c_expr(C, u, l->v[i])) return -1;
        if (i + 1 < l->n) {
            if (n->op == PE_BOOL_AND) JUMP(JUMP_IF_FALSE_OR_POP, end);
            else JUMP(JUMP_IF_TRUE_OR_POP, end);
        }
    }
    bind_label(u, end);
    return 0;
}

static int c_cmpop(compiler *C, unit *u, int op) {
    switch (op) {
    case PE_CMP_IS: EMIT(IS_OP, 0); break;
    case PE_CMP_ISNOT: EMIT(IS_OP, 1); break;
    case PE_CMP_IN: EMIT(CONTAINS_OP, 0); break;
    case PE_CMP_NOTIN: EMIT(CONTAINS_OP, 1); break;
    default: EMIT(COMPARE_OP, op); break;
    }
    return 0;
}

/* Is e a constant other than None/True/False/... (a constant tuple counts,
 * as CPython's AST optimizer makes it one)? */
static bool is_literal_const(const pe_node *e, bool top) {
    if (e->kind == PE_N_CONST)
        return !top || !(e->v.tag == PE_TNONE || e->v.tag == PE_TBOOL ||
                         (e->v.tag == PE_TOBJ && e->v.u.o == &pe_ellipsis_obj));
    if (e->kind != PE_N_TUPLE) return false;
    for (uint32_t i = 0; i < e->l[0].n; i++)
        if (!is_literal_const(e->l[0].v[i], false)) return false;
    return true;
}

/* A compile-time SyntaxWarning at n's line, as CPython's compiler_warn. */
static void warn_at(compiler *C, const pe_node *n, const char *msg) {
    uint32_t line = n->line;
    if (!C->warn_p || line < C->warn_line) {
        C->warn_p = C->src;
        C->warn_line = 1;
    }
    const char *end = C->src + C->srclen, *p = C->warn_p;
    while (C->warn_line < line && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) break;
        p = nl + 1;
        C->warn_line++;
    }
    C->warn_p = p;
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (!e) e = end;
    pe_syntax_warning(C->S, C->filename, line, msg, p, (size_t)(e - p));
}

/* CPython's compile-time SyntaxWarning for `x is 1` / `x is not 'a'`. */
static void warn_is_literal(compiler *C, const pe_node *n, int op) {
    warn_at(C, n,
            op == PE_CMP_IS ? "\"is\" with a literal. Did you mean \"==\"?"
                            : "\"is not\" with a literal. Did you mean \"!=\"?");
}

/* The type an expression certainly has (CPython's infer_type), or NULL. */
static const char *infer_type(const pe_node *e) {
    switch (e->kind) {
    case PE_N_TUPLE: return "tuple";
    case PE_N_LIST: case PE_N_LISTCOMP: return "list";
    case PE_N_DICT: case PE_N_DICTCOMP: return "dict";
    case PE_N_SET: case PE_N_SETCOMP: return "set";
    case PE_N_GENEXP: return "generator";
    case PE_N_LAMBDA: return "function";
    case PE_N_JOINEDSTR: case PE_N_FORMATTED: return "str";
    case PE_N_CONST: return pe_type_name(e->v);
    default: return NULL;
    }
}

static bool name_in(const char *s, const char *const *set) {
    for (; *set; set++)
        if (!strcmp(s, *set)) return true;
    return false;
}

/* CPython's check_caller: calling a display or literal. */
static void warn_caller(compiler *C, const pe_node *call) {
    const pe_node *e = call->a;
    switch (e->kind) {
    case PE_N_CONST: case PE_N_TUPLE: case PE_N_LIST: case PE_N_LISTCOMP: case PE_N_DICT:
    case PE_N_DICTCOMP: case PE_N_SET: case PE_N_SETCOMP: case PE_N_GENEXP: case PE_N_JOINEDSTR:
    case PE_N_FORMATTED: {
        char msg[160];
        snprintf(msg, sizeof msg, "'%s' object is not callable; perhaps you missed a comma?",
                 infer_type(e));
        warn_at(C, call, msg);
        break;
    }
    default: break;
    }
}

/* CPython's check_subscripter and check_index for a load `e[i]`. */
static void warn_subscript(compiler *C, const pe_node *n) {
    const pe_node *e = n->a, *i = n->b;
    char msg[200];
    static const char *const not_subscr_ok[] = {"NoneType", "ellipsis", "int", "bool", "float",
                                                "complex", "set", "frozenset", NULL};
    switch (e->kind) {
    case PE_N_CONST:
        if (!name_in(pe_type_name(e->v), not_subscr_ok)) break;
        /* fall through */
    case PE_N_SET: case PE_N_SETCOMP: case PE_N_GENEXP: case PE_N_LAMBDA:
        snprintf(msg, sizeof msg, "'%s' object is not subscriptable; perhaps you missed a comma?",
                 infer_type(e));
        warn_at(C, n, msg);
        return;
    default: break;
    }
    const char *it = i ? infer_type(i) : NULL;
    if (!it || !strcmp(it, "int") || !strcmp(it, "bool")) return;
    static const char *const seq_consts[] = {"str", "bytes", "tuple", NULL};
    switch (e->kind) {
    case PE_N_CONST:
        if (!name_in(pe_type_name(e->v), seq_consts)) return;
        /* fall through */
    case PE_N_TUPLE: case PE_N_LIST: case PE_N_LISTCOMP: case PE_N_JOINEDSTR:
    case PE_N_FORMATTED:
        snprintf(msg, sizeof msg,
                 "%s indices must be integers or slices, not %s; perhaps you missed a comma?",
                 infer_type(e), it);
        warn_at(C, n, msg);
        return;
    default: return;
    }
}

static int c_compare(compiler *C, unit *u, pe_node *n) {
    for (uint32_t i = 0; i < n->l[0].n; i++) {
        int op = n->ops[i];
        if (op != PE_CMP_IS && op != PE_CMP_ISNOT) continue;
        const pe_node *left = i ? n->l[0].v[i - 1] : n->a;
        if (is_literal_const(left, true) || is_literal_const(n->l[0].v[i], true)) {
            warn_is_literal(C, n, op);
            break; /* CPython warns once per comparison */
        }
    }
    pe_nodelist *l = &n->l[0];
    if (c_expr(C, u, n->a)) return -1;
    if (l->n == 1) {
        if (c_expr(C, u, l->v[0])) return -1;
        set_loc(u, n);
        return c_cmpop(C, u, n->ops[0]);
    }
    /* a < b < c: DUP the middle operand, short-circuit on false */
    LABEL(cleanup);
    LABEL(end);
    for (uint32_t i = 0; i + 1 < l->n; i++) {
        if (c_expr(C, u, l->v[i])) return -1;
        EMIT(DUP_TOP, 0);
        EMIT(ROT_THREE, 0);
        set_loc(u, n);
        if (c_cmpop(C, u, n->ops[i])) return -1;
        JUMP(JUMP_IF_FALSE_OR_POP, cleanup);
    }
    if (c_expr(C, u, l->v[l->n - 1])) return -1;
    if (c_cmpop(C, u, n->ops[l->n - 1])) return -1;
    JUMP(JUMP, end);
    bind_label(u, cleanup); /* the jump arrives with [middle, result] */
    EMIT(ROT_TWO, 0);
    EMIT(POP_TOP, 0);
    bind_label(u, end);
    return 0;
}

/* Calls: positional-only fast forms, keywords, and * / ** unpacking. */
static int c_call(compiler *C, unit *u, pe_node *n) {
    pe_nodelist *args = &n->l[0], *kws = &n->l[1];
    bool star = has_starred(args), dstar = false;
    for (uint32_t i = 0; i < kws->n; i++)
        if (!kws->v[i]->name) dstar = true;
    if (!star && !dstar && n->a->kind == PE_N_ATTR && kws->n == 0 && args->n < 255) {
        uint32_t k;
        if (c_expr(C, u, n->a->a) || add_name(C, u, n->a->name, &k)) return -1;
        set_loc(u, n->a);
        EMIT(LOAD_METHOD, k);
        for (uint32_t i = 0; i < args->n; i++)
            if (c_expr(C, u, args->v[i])) return -1;
        set_loc(u, n);
        EMIT(CALL_METHOD, args->n);
        return 0;
    }
    if (c_expr(C, u, n->a)) return -1;
    if (star || dstar) {
        if (args->n == 1 && args->v[0]->kind == PE_N_STARRED) {
            /* f(*x): CALL_EX makes the tuple (and names f in its error) */
            if (c_expr(C, u, args->v[0]->a)) return -1;
        } else {
            if (c_starred_list(C, u, args)) return -1;
            EMIT(LIST_TO_TUPLE, 0);
        }
        if (kws->n) {
            EMIT(BUILD_MAP, 0);
            for (uint32_t i = 0; i < kws->n; i++) {
                pe_node *k = kws->v[i];
                if (k->name) {
                    pe_val s;
                    if (pe_str_from_cstr(C->S, k->name, &s)) return -1;
                    int r = emit_const(C, u, s);
                    pe_decref(C->S, s);
                    if (r || c_expr(C, u, k->a)) return -1;
                    EMIT(BUILD_MAP, 1);
                    EMIT(DICT_MERGE, 1);
                } else {
                    if (c_expr(C, u, k->a)) return -1;
                    EMIT(DICT_MERGE, 1);
                }
            }
        }
        set_loc(u, n);
        EMIT(CALL_EX, kws->n ? 1 : 0);
        return 0;
    }
    for (uint32_t i = 0; i < args->n; i++)
        if (c_expr(C, u, args->v[i])) return -1;
    if (kws->n == 0) {
        set_loc(u, n);
        EMIT(CALL, args->n);
        return 0;
    }
    pe_val names;
    if (pe_tuple_new(C->S, kws->n, &names)) return -1;
    for (uint32_t i = 0; i < kws->n; i++) {
        pe_val s;
        if (pe_str_from_cstr(C->S, kws->v[i]->name, &s)) {
            pe_decref(C->S, names);
            return -1;
        }
        PE_TUPLE(names)->items[i] = s;
        if (c_expr(C, u, kws->v[i]->a)) {
            pe_decref(C->S, names);
            return -1;
        }
    }
    uint32_t k;
    int r = add_const(C, u, names, &k);
    pe_decref(C->S, names);
    if (r) return -1;
    EMIT(LOAD_CONST, k);
    set_loc(u, n);
    EMIT(CALL_KW, args->n + kws->n);
    return 0;
}

static int c_joined(compiler *C, unit *u, pe_node *n) {
    pe_nodelist *l = &n->l[0];
    if (l->n == 0) {
        pe_val s;
        if (pe_str_new(C->S, "", 0, &s)) return -1;
        int r = emit_const(C, u, s);
        pe_decref(C->S, s);
        return r;
    }
    for (uint32_t i = 0; i < l->n; i++) {
        pe_node *p = l->v[i];
        if (p->kind == PE_N_CONST) {
            if (emit_const(C, u, p->v)) return -1;
            continue;
        }
        if (c_expr(C, u, p->a)) return -1;
        uint32_t flags = p->op == 's' ? 1 : p->op == 'r' ? 2 : p->op == 'a' ? 3 : 0;
        if (p->b) {
            if (c_joined(C, u, p->b)) return -1;
            flags |= 4;
        }
        set_loc(u, p);
        EMIT(FORMAT_VALUE, flags);
    }
    if (l->n > 1) EMIT(BUILD_STRING, l->n);
    return 0;
}

/* The stack depth at the start of a statement: what the enclosing blocks
 * keep on the stack (statements leave nothing behind). The handler regions
 * of a try statement are relative to it; the flow pass (stack_depth)
 * checks the result. */
static int stmt_depth(const unit *u) {
    int d = 0;
    for (int i = 0; i < u->nfb; i++) {
        switch (u->fb[i].kind) {
        case FB_FOR: d += 1; break;          /* the iterator */
        case FB_HANDLER: d += 1; break;      /* the previously handled exception */
        case FB_FINALLY_END: d += 2; break;  /* previous exception, the exception */
        case FB_POP_VALUE: d += 1; break;    /* the return value */
        case FB_WITH: d += 1; break;         /* the bound __exit__ */
        default: break;                      /* FB_WHILE, FB_TRY_FINALLY: nothing */
        }
    }
    return d;
}

static int push_fb(compiler *C, unit *u, const pe_node *n, fblock fb) {
    if (u->nfb >= MAX_BLOCKS) return syntax_error(C, n, "too many statically nested blocks");
    u->fb[u->nfb++] = fb;
    return 0;
}

static int add_exc_entry(compiler *C, unit *u, uint32_t start, uint32_t end, uint32_t target_label,
                         uint32_t depth) {
    if (start == end) return 0;
    if (u->nexc) {
        /* a run continuing the previous one with the same handler */
        pe_exc_entry *last = &u->exc[u->nexc - 1];
        if (last->end == start && last->target == target_label && last->depth == depth) {
            last->end = end;
            return 0;
        }
    }
    if (grow(C->S, (void **)&u->exc, &u->exccap, u->nexc, sizeof(pe_exc_entry))) return -1;
    /* target is a label for now; resolved in finish_unit */
    u->exc[u->nexc++] = (pe_exc_entry){start, end, target_label, depth};
    return 0;
}

/* Makes `r` the handler region of the instructions emitted from now on,
 * closing the current run into an exception-table entry. Entries come out
 * ordered by address and disjoint. */
static int set_region(compiler *C, unit *u, region r) {
    if (r.label == u->cur.label && r.depth == u->cur.depth) return 0;
    if (u->cur.label != NO_REGION &&
        add_exc_entry(C, u, u->cur_start, u->n, u->cur.label, u->cur.depth))
        return -1;
    u->cur = r;
    u->cur_start = u->n;
    return 0;
}

#define REGION(lbl, d) ((region){(lbl), (uint32_t)(d)})
#define SET_REGION(r)                                 \
    do {                                              \
        if (set_region(C, u, (r))) return -1;         \
    } while (0)

static int c_await_top(compiler *C, unit *u, uint32_t where);

/* Comprehension body: nested loops; the innermost appends. */
static int c_comp_loop(compiler *C, unit *u, pe_node *n, uint32_t gen, int kind) {
    pe_node *f = n->l[0].v[gen];
    LABEL(start);
    LABEL(next);
    LABEL(end);
    bool afor = f->flags & PE_NF_ASYNC;
    LABEL(handler);
    if (gen == 0) EMIT(LOAD_FAST, 0); /* .0: the outer iterator */
    else {
        if (c_expr(C, u, f->b)) return -1;
        if (emit_l(C, u, afor ? PE_OP_GET_AITER : PE_OP_GET_ITER, 0)) return -1;
    }
    bind_label(u, start);
    if (afor) { /* as c_for's async loop; the iterators (and container) below */
        region outer = u->cur;
        SET_REGION(REGION(handler, gen + (kind == PE_N_GENEXP ? 1 : 2)));
        EMIT(GET_ANEXT, 0);
        if (c_await_top(C, u, 0)) return -1;
        SET_REGION(outer);
    } else {
        JUMP(FOR_ITER, end);
    }
    if (c_store(C, u, f->a)) return -1;
    /* a filtered-out item goes on through the back-edge's limit check,
     * or `[x for x in range(10**12) if 0]` would escape max_steps */
    for (uint32_t i = 0; i < f->l[0].n; i++) {
        if (c_expr(C, u, f->l[0].v[i])) return -1;
        JUMP(POP_JUMP_IF_FALSE, next);
    }
    if (gen + 1 < n->l[0].n) {
        if (c_comp_loop(C, u, n, gen + 1, kind)) return -1;
    } else {
        uint32_t depth = gen + 2; /* iterators below the result container */
        if (kind == PE_N_DICTCOMP) {
            if (c_expr(C, u, n->a) || c_expr(C, u, n->b)) return -1;
            EMIT(MAP_ADD, depth);
        } else {
            if (c_expr(C, u, n->a)) return -1;
            if (kind == PE_N_GENEXP) {
                if (u->sc->coroutine) EMIT(ASYNC_GEN_WRAP, 0);
                EMIT(YIELD_VALUE, 0);
                EMIT(POP_TOP, 0);
            } else if (kind == PE_N_SETCOMP) EMIT(SET_ADD, depth);
            else EMIT(LIST_APPEND, depth);
        }
    }
    bind_label(u, next);
    EMIT(CHECK_STEPS, 0);
    JUMP(JUMP, start);
    if (afor) {
        bind_label(u, handler);
        JUMP(END_ASYNC_FOR, end);
        EMIT(RERAISE, 0);
    }
    bind_label(u, end); /* FOR_ITER / END_ASYNC_FOR popped the iterator on exit */
    return 0;
}

static int c_comprehension(compiler *C, unit *u, pe_node *n) {
    const char *name = n->kind == PE_N_LISTCOMP ? "<listcomp>"
                       : n->kind == PE_N_SETCOMP ? "<setcomp>"
                       : n->kind == PE_N_DICTCOMP ? "<dictcomp>"
                                                  : "<genexpr>";
    if (c_function(C, u, n, n->scope, NULL, NULL, NULL, name)) return -1;
    if (c_expr(C, u, n->l[0].v[0]->b)) return -1;
    bool afor = n->l[0].v[0]->flags & PE_NF_ASYNC;
    if (emit_l(C, u, afor ? PE_OP_GET_AITER : PE_OP_GET_ITER, 0)) return -1;
    set_loc(u, n);
    EMIT(CALL, 1);
    if (((scope *)n->scope)->coroutine && n->kind != PE_N_GENEXP) return c_await_top(C, u, 0);
    return 0;
}

/* yield from X: the SEND loop (CPython 3.11's shape). SEND resumes the
 * receiver with the value on top; a yielded value is yielded on (arg 1
 * marks the yield as a yield from's, for throw/close delegation); the
 * receiver's return value is the expression's value. The back-edge pays
 * the limit check like any loop. */
/* The SEND loop over the iterator on top (yield from, await). */
static int c_send_loop(compiler *C, unit *u) {
    LABEL(start);
    LABEL(end);
    EMIT(LOAD_NONE, 0);
    bind_label(u, start);
    JUMP(SEND, end);
    EMIT(YIELD_VALUE, 1);
    EMIT(CHECK_STEPS, 0);
    JUMP(JUMP, start);
    bind_label(u, end);
    return 0;
}

static int c_yield_from(compiler *C, unit *u, pe_node *n) {
    if (c_expr(C, u, n->a)) return -1;
    set_loc(u, n);
    EMIT(GET_YIELD_FROM_ITER, 0);
    return c_send_loop(C, u);
}

/* await X: a yield from over X's awaitable iterator (where: 0 an await,
 * 1/2 the result of __aenter__/__aexit__, for GET_AWAITABLE's messages). */
static int c_await_top(compiler *C, unit *u, uint32_t where) {
    EMIT(GET_AWAITABLE, where);
    return c_send_loop(C, u);
}

/* Recursion is bounded: the symbol pass rejected trees deeper than
 * MAX_AST_DEPTH. */
static int c_expr(compiler *C, unit *u, pe_node *n) {
    if (TICK(C)) return -1;
    int r = 0;
    set_loc(u, n);
    switch (n->kind) {
    case PE_N_CONST:
        r = emit_const(C, u, n->v);
        break;
    case PE_N_NAME:
        r = c_load_name(C, u, n->name);
        break;
    case PE_N_BINOP: {
        pe_val folded;
        if (try_fold_binop(C, n, &folded)) {
            r = emit_const(C, u, folded);
            break;
        }
        if (c_expr(C, u, n->a) || c_expr(C, u, n->b)) {
            r = -1;
            break;
        }
        set_loc(u, n);
        switch (n->op) {
        case PE_BO_ADD: r = emit_l(C, u, PE_OP_ADD, 0); break;
        case PE_BO_SUB: r = emit_l(C, u, PE_OP_SUB, 0); break;
        case PE_BO_MUL: r = emit_l(C, u, PE_OP_MUL, 0); break;
        case PE_BO_TRUEDIV: r = emit_l(C, u, PE_OP_TRUEDIV, 0); break;
        case PE_BO_FLOORDIV: r = emit_l(C, u, PE_OP_FLOORDIV, 0); break;
        case PE_BO_MOD: r = emit_l(C, u, PE_OP_MOD, 0); break;
        default: r = emit_l(C, u, PE_OP_BINARY_OP, n->op); break;
        }
        break;
    }
    case PE_N_UNARY:
        if (n->op == PE_UOP_NEG && n->a->kind == PE_N_CONST &&
            ((n->a->v.tag == PE_TINT && n->a->v.u.i != INT64_MIN) || n->a->v.tag == PE_TFLOAT)) {
            pe_val v = n->a->v.tag == PE_TINT ? pe_int(-n->a->v.u.i) : pe_float(-n->a->v.u.f);
            r = emit_const(C, u, v);
            break;
        }
        if (c_expr(C, u, n->a)) {
            r = -1;
            break;
        }
        set_loc(u, n);
        r = emit_l(C, u,
                   n->op == PE_UOP_NEG      ? PE_OP_UNARY_NEG
                   : n->op == PE_UOP_POS    ? PE_OP_UNARY_POS
                   : n->op == PE_UOP_INVERT ? PE_OP_UNARY_INVERT
                                            : PE_OP_UNARY_NOT,
                   0);
        break;
    case PE_N_BOOLOP:
        r = c_boolop(C, u, n);
        break;
    case PE_N_COMPARE:
        r = c_compare(C, u, n);
        break;
    case PE_N_NAMEDEXPR:
        if (c_expr(C, u, n->b) || emit_l(C, u, PE_OP_DUP_TOP, 0) ||
            c_store_name(C, u, n->a->name, PE_OP_STORE_FAST, PE_OP_STORE_DEREF,
                         PE_OP_STORE_GLOBAL))
            r = -1;
        break;
    case PE_N_IFEXP: {
        uint32_t orelse, end;
        if (new_label(C, u, &orelse) || new_label(C, u, &end) || c_expr(C, u, n->a) ||
            emit_jump(C, u, PE_OP_POP_JUMP_IF_FALSE, orelse) || c_expr(C, u, n->b) ||
            emit_jump(C, u, PE_OP_JUMP, end)) {
            r = -1;
            break;
        }
        bind_label(u, orelse);
        if (c_expr(C, u, n->c)) r = -1;
        bind_label(u, end);
        break;
    }
    case PE_N_CALL:
        warn_caller(C, n);
        r = c_call(C, u, n);
        break;
    case PE_N_ATTR: {
        uint32_t k;
        if (c_expr(C, u, n->a) || add_name(C, u, n->name, &k)) {
            r = -1;
            break;
        }
        set_loc(u, n);
        r = emit_l(C, u, PE_OP_LOAD_ATTR, k);
        break;
    }
    case PE_N_SUBSCR:
        warn_subscript(C, n);
        if (c_expr(C, u, n->a) || c_expr(C, u, n->b)) {
            r = -1;
            break;
        }
        set_loc(u, n);
        r = emit_l(C, u, PE_OP_BINARY_SUBSCR, 0);
        break;
    case PE_N_SLICE: {
        pe_node *parts[3] = {n->a, n->b, n->c};
        uint32_t cnt = n->c ? 3 : 2;
        for (uint32_t i = 0; i < cnt && !r; i++)
            r = parts[i] ? c_expr(C, u, parts[i]) : emit_l(C, u, PE_OP_LOAD_NONE, 0);
        if (!r) r = emit_l(C, u, PE_OP_BUILD_SLICE, cnt);
        break;
    }
    case PE_N_TUPLE:
    case PE_N_LIST:
    case PE_N_SET:
        r = c_seq(C, u, n);
        break;
    case PE_N_DICT:
        r = c_dict(C, u, n);
        break;
    case PE_N_LAMBDA:
        r = c_function(C, u, n, n->scope, &n->l[0], NULL, n->a, "<lambda>");
        break;
    case PE_N_LISTCOMP:
    case PE_N_SETCOMP:
    case PE_N_DICTCOMP:
    case PE_N_GENEXP:
        r = c_comprehension(C, u, n);
        break;
    case PE_N_JOINEDSTR:
        r = c_joined(C, u, n);
        break;
    case PE_N_YIELD:
        r = n->a ? c_expr(C, u, n->a) : emit_l(C, u, PE_OP_LOAD_NONE, 0);
        set_loc(u, n);
        if (!r && u->sc->coroutine) r = emit_l(C, u, PE_OP_ASYNC_GEN_WRAP, 0);
        if (!r) r = emit_l(C, u, PE_OP_YIELD_VALUE, 0);
        break;
    case PE_N_YIELDFROM:
        r = c_yield_from(C, u, n);
        break;
    case PE_N_AWAIT:
        r = c_expr(C, u, n->a);
        set_loc(u, n);
        if (!r) r = c_await_top(C, u, 0);
        break;
    case PE_N_STARRED:
        r = syntax_error(C, n, "can't use starred expression here");
        break;
    default:
        r = syntax_error(C, n, "invalid syntax");
        break;
    }
    return r;
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */


static int c_finally_inline(compiler *C, unit *u, fblock *fb, bool preserve_tos);

static int c_await_top(compiler *C, unit *u, uint32_t where);

/* [.. exit] -> [..]: exit(None, None, None) (awaited in an async with),
 * its result dropped. */
static int c_with_exit_none(compiler *C, unit *u, const pe_node *with) {
    EMIT(LOAD_NONE, 0);
    EMIT(LOAD_NONE, 0);
    EMIT(LOAD_NONE, 0);
    EMIT(CALL, 3);
    if ((with->flags & PE_NF_ASYNC) && c_await_top(C, u, 2)) return -1;
    EMIT(POP_TOP, 0);
    return 0;
}

/* `name = None; del name`: an `except ... as name` handler unbinds its
 * name whichever way it is left (CPython does the same). */
static int c_unbind_handler_name(compiler *C, unit *u, const char *name) {
    EMIT(LOAD_NONE, 0);
    if (c_store_name(C, u, name, PE_OP_STORE_FAST, PE_OP_STORE_DEREF, PE_OP_STORE_GLOBAL)) return -1;
    return c_store_name(C, u, name, PE_OP_DELETE_FAST, PE_OP_DELETE_DEREF, PE_OP_DELETE_GLOBAL);
}

/* Emits the code that leaves one block on a break/continue/return path.
 * u->nfb is the block's own index (the block is popped), so a finally body
 * compiled here sees only the blocks around it. */
static int c_unwind_one(compiler *C, unit *u, fblock *fb, bool preserve_tos) {
    switch (fb->kind) {
    case FB_FOR:
        /* the for-iterator: popped outside every handler region opened
         * inside the loop (their depth counts the iterator) */
        SET_REGION(fb->outer);
        if (preserve_tos) EMIT(ROT_TWO, 0);
        EMIT(POP_TOP, 0);
        return 0;
    case FB_POP_VALUE:
        /* a return value kept across a finally body: popped outside the
         * handler regions opened in that body (their depth counts it) */
        SET_REGION(fb->outer);
        if (preserve_tos) EMIT(ROT_TWO, 0);
        EMIT(POP_TOP, 0);
        return 0;
    case FB_HANDLER:
        /* [.. prev (v)]: leave the handler's cleanup region first */
        SET_REGION(fb->outer);
        if (preserve_tos) EMIT(ROT_TWO, 0);
        EMIT(POP_EXCEPT, 0);
        if (fb->handler_name) {
            if (c_unbind_handler_name(C, u, fb->handler_name)) return -1;
        }
        return 0;
    case FB_TRY_FINALLY:
        /* the finally body runs outside the protected range */
        SET_REGION(fb->outer);
        return c_finally_inline(C, u, fb, preserve_tos);
    case FB_WITH: {
        /* [.. exit (v)]: exit(None, None, None), outside the with's handler */
        uint32_t line = u->line, col = u->col;
        SET_REGION(fb->outer);
        set_loc(u, fb->finalbody);
        if (preserve_tos) EMIT(ROT_TWO, 0);
        if (c_with_exit_none(C, u, fb->finalbody)) return -1;
        u->line = line;
        u->col = col;
        return 0;
    }
    case FB_FINALLY_END:
        /* leaving a finally body that runs for an exception: the exception
         * is dropped, the previous one restored: [.. prev exc (v)] -> [.. (v)] */
        SET_REGION(fb->outer);
        if (preserve_tos) EMIT(ROT_THREE, 0);
        EMIT(POP_TOP, 0);
        EMIT(POP_EXCEPT, 0);
        return 0;
    default:
        return 0;
    }
}

/* Unwinds blocks down to (not including) index `to` for break/continue/
 * return: pops for-iterators, restores handled exceptions, runs finally
 * bodies. preserve_tos: a return value is on the stack. The blocks are
 * popped one at a time (a finally body compiled inline may push blocks of
 * its own over the popped slots) and restored afterwards. The caller
 * restores the handler region after its jump. */
static int c_unwind(compiler *C, unit *u, int to, bool preserve_tos) {
    int n0 = u->nfb;
    fblock saved[MAX_BLOCKS];
    memcpy(saved, u->fb, (size_t)n0 * sizeof(fblock));
    int r = 0;
    for (int i = n0 - 1; i > to && !r; i--) {
        u->nfb = i;
        r = c_unwind_one(C, u, &saved[i], preserve_tos);
    }
    memcpy(u->fb, saved, (size_t)n0 * sizeof(fblock));
    u->nfb = n0;
    return r;
}

static int find_loop(unit *u) {
    for (int i = u->nfb - 1; i >= 0; i--)
        if (u->fb[i].kind == FB_WHILE || u->fb[i].kind == FB_FOR) return i;
    return -1;
}

static int c_if(compiler *C, unit *u, pe_node *n) {
    LABEL(orelse);
    LABEL(end);
    if (c_expr(C, u, n->a)) return -1;
    JUMP(POP_JUMP_IF_FALSE, orelse);
    if (c_stmts(C, u, &n->l[0])) return -1;
    if (n->l[1].n) JUMP(JUMP, end);
    bind_label(u, orelse);
    if (c_stmts(C, u, &n->l[1])) return -1;
    bind_label(u, end);
    return 0;
}

static int c_while(compiler *C, unit *u, pe_node *n) {
    LABEL(top);
    LABEL(orelse);
    LABEL(end);
    bind_label(u, top);
    if (c_expr(C, u, n->a)) return -1;
    JUMP(POP_JUMP_IF_FALSE, orelse);
    if (push_fb(C, u, n, (fblock){FB_WHILE, top, end, NULL, NULL, u->cur})) return -1;
    if (c_stmts(C, u, &n->l[0])) return -1;
    u->nfb--;
    set_loc(u, n);
    EMIT(CHECK_STEPS, 0);
    JUMP(JUMP, top);
    bind_label(u, orelse);
    if (c_stmts(C, u, &n->l[1])) return -1;
    bind_label(u, end);
    return 0;
}

/* for / async for. An async for awaits __anext__() inside a handler that
 * ends the loop on StopAsyncIteration:
 *
 *                         <iter>; GET_AITER              [.. aiter]
 *   top: [handler@d+1]    GET_ANEXT; await               [.. aiter item]
 *   [outer]               store target; body; JUMP top
 *   handler:              END_ASYNC_FOR orelse; RERAISE  [.. aiter exc]
 *   orelse:               else body
 */
static int c_for(compiler *C, unit *u, pe_node *n) {
    bool async_ = n->flags & PE_NF_ASYNC;
    LABEL(top);
    LABEL(orelse);
    LABEL(end);
    LABEL(handler);
    if (c_expr(C, u, n->b)) return -1;
    set_loc(u, n);
    if (emit_l(C, u, async_ ? PE_OP_GET_AITER : PE_OP_GET_ITER, 0)) return -1;
    region outer = u->cur;
    bind_label(u, top);
    set_loc(u, n);
    if (async_) {
        SET_REGION(REGION(handler, stmt_depth(u) + 1));
        EMIT(GET_ANEXT, 0);
        if (c_await_top(C, u, 0)) return -1;
        SET_REGION(outer);
    } else {
        JUMP(FOR_ITER, orelse);
    }
    if (c_store(C, u, n->a)) return -1;
    if (push_fb(C, u, n, (fblock){FB_FOR, top, end, NULL, NULL, u->cur})) return -1;
    if (c_stmts(C, u, &n->l[0])) return -1;
    u->nfb--;
    EMIT(CHECK_STEPS, 0);
    JUMP(JUMP, top);
    if (async_) {
        bind_label(u, handler);
        set_loc(u, n);
        JUMP(END_ASYNC_FOR, orelse);
        EMIT(RERAISE, 0);
    }
    bind_label(u, orelse); /* iterator popped by FOR_ITER / END_ASYNC_FOR */
    if (c_stmts(C, u, &n->l[1])) return -1;
    bind_label(u, end);
    return 0;
}

/* Emits a finally body on a non-exceptional path (normal exit, break,
 * continue or return). A return value on the stack is popped by any
 * break/continue/return inside the body. */
static int c_finally_inline(compiler *C, unit *u, fblock *fb, bool preserve_tos) {
    if (preserve_tos &&
        push_fb(C, u, fb->finalbody, (fblock){FB_POP_VALUE, 0, 0, NULL, NULL, u->cur}))
        return -1;
    if (c_stmts(C, u, &fb->finalbody->l[3])) return -1;
    if (preserve_tos) u->nfb--;
    return 0;
}

/* try/except/else: handlers match in order; unmatched re-raises.
 *
 *   [region handler@d]   body
 *   [outer]              JUMP orelse
 *   handler:             PUSH_EXC_INFO                  [.. prev exc]
 *   [region cleanup@d+1] match clauses; STORE name     [.. prev]
 *   [region cend@d+1]    handler body                   (named handlers)
 *   [outer]              POP_EXCEPT; name = None; del name; JUMP end
 *   cend: [cleanup@d+1]  name = None; del name; RERAISE
 *   [cleanup@d+1]        RERAISE                        (nothing matched)
 *   cleanup: [outer]     ROT_TWO; POP_EXCEPT; RERAISE   [.. prev exc2]
 *   orelse: [outer]      else body
 */
static int c_try_except(compiler *C, unit *u, pe_node *n) {
    LABEL(handler);
    LABEL(cleanup);
    LABEL(orelse);
    LABEL(end);
    int depth0 = stmt_depth(u);
    region outer = u->cur;
    region rcleanup = REGION(cleanup, depth0 + 1);
    SET_REGION(REGION(handler, depth0));
    if (c_stmts(C, u, &n->l[0])) return -1;
    SET_REGION(outer);
    JUMP(JUMP, orelse);
    /* handler: stack is [.. exc] */
    bind_label(u, handler);
    EMIT(PUSH_EXC_INFO, 0); /* [.. prev_handled exc] */
    SET_REGION(rcleanup);
    pe_nodelist *H = &n->l[1];
    for (uint32_t i = 0; i < H->n; i++) {
        pe_node *h = H->v[i];
        set_loc(u, h);
        LABEL(next);
        LABEL(cend);
        if (h->a) {
            /* [.. prev exc type] -> CHECK_EXC_MATCH -> [.. prev exc bool] */
            if (c_expr(C, u, h->a)) return -1;
            EMIT(CHECK_EXC_MATCH, 0);
            JUMP(POP_JUMP_IF_FALSE, next);
        }
        if (h->name) {
            if (c_store_name(C, u, h->name, PE_OP_STORE_FAST, PE_OP_STORE_DEREF,
                             PE_OP_STORE_GLOBAL))
                return -1;
            SET_REGION(REGION(cend, depth0 + 1));
        } else {
            EMIT(POP_TOP, 0);
        }
        if (push_fb(C, u, h, (fblock){FB_HANDLER, 0, 0, NULL, h->name, outer})) return -1;
        if (c_stmts(C, u, &h->l[0])) return -1;
        u->nfb--;
        SET_REGION(outer);
        EMIT(POP_EXCEPT, 0);
        if (h->name) {
            if (c_unbind_handler_name(C, u, h->name)) return -1;
        }
        JUMP(JUMP, end);
        SET_REGION(rcleanup);
        if (h->name) {
            /* the handler body raised: [.. prev exc2]; unbind the name */
            bind_label(u, cend);
            if (c_unbind_handler_name(C, u, h->name)) return -1;
            EMIT(RERAISE, 0);
        }
        bind_label(u, next);
    }
    EMIT(RERAISE, 0); /* no handler matched: [.. prev exc] */
    SET_REGION(outer);
    /* cleanup: an exception inside a handler: [.. prev exc2] */
    bind_label(u, cleanup);
    EMIT(ROT_TWO, 0);
    EMIT(POP_EXCEPT, 0);
    EMIT(RERAISE, 0);
    bind_label(u, orelse);
    if (c_stmts(C, u, &n->l[2])) return -1;
    bind_label(u, end);
    return 0;
}

/* try/finally (wrapping an optional try/except):
 *
 *   [region handler@d]   body (or the whole try/except/else)
 *   [outer]              finally body; JUMP end
 *   handler:             PUSH_EXC_INFO                  [.. prev exc]
 *   [region cleanup@d+1] finally body; RERAISE
 *   cleanup: [outer]     ROT_TWO; POP_EXCEPT; RERAISE   [.. prev exc2]
 *
 * The final RERAISE lies inside the cleanup region, which restores the
 * previously handled exception whichever way the exception leaves. */
static int c_try(compiler *C, unit *u, pe_node *n) {
    if (!n->l[3].n) return c_try_except(C, u, n);
    LABEL(handler);
    LABEL(cleanup);
    LABEL(end);
    int depth0 = stmt_depth(u);
    region outer = u->cur;
    if (push_fb(C, u, n, (fblock){FB_TRY_FINALLY, 0, 0, n, NULL, outer})) return -1;
    SET_REGION(REGION(handler, depth0));
    if (n->l[1].n) {
        if (c_try_except(C, u, n)) return -1;
    } else if (c_stmts(C, u, &n->l[0])) {
        return -1;
    }
    SET_REGION(outer);
    u->nfb--;
    if (c_stmts(C, u, &n->l[3])) return -1; /* normal path */
    JUMP(JUMP, end);
    bind_label(u, handler);
    EMIT(PUSH_EXC_INFO, 0); /* [.. prev exc] */
    SET_REGION(REGION(cleanup, depth0 + 1));
    if (push_fb(C, u, n, (fblock){FB_FINALLY_END, 0, 0, NULL, NULL, outer})) return -1;
    /* exception path: run the body with [prev exc] below, then re-raise */
    if (c_stmts(C, u, &n->l[3])) return -1;
    u->nfb--;
    EMIT(RERAISE, 0);
    SET_REGION(outer);
    bind_label(u, cleanup);
    EMIT(ROT_TWO, 0);
    EMIT(POP_EXCEPT, 0);
    EMIT(RERAISE, 0);
    bind_label(u, end);
    return 0;
}

/* with item i of n (and the items after it, nested), then the body:
 *
 *                        <context expr>; BEFORE_WITH    [.. exit res]
 *   [region handler@d+1] store target (or POP_TOP); body
 *   [outer]              exit(None, None, None); POP_TOP; JUMP end
 *   handler:             PUSH_EXC_INFO                  [.. exit prev exc]
 *   [region cleanup@d+2] WITH_EXCEPT_START              [.. exit prev exc res]
 *                        POP_JUMP_IF_TRUE suppress; RERAISE
 *   suppress: [outer]    POP_TOP; POP_EXCEPT; POP_TOP; JUMP end
 *   cleanup:             ROT_TWO; POP_EXCEPT; RERAISE   [.. exit prev exc2]
 *
 * break/continue/return inside call exit(None, None, None) (FB_WITH in
 * c_unwind_one), so every way out calls __exit__ exactly once. */
static int c_with(compiler *C, unit *u, pe_node *n, uint32_t i) {
    pe_node *item = n->l[0].v[i];
    LABEL(handler);
    LABEL(cleanup);
    LABEL(suppress);
    LABEL(end);
    bool async_ = n->flags & PE_NF_ASYNC;
    if (c_expr(C, u, item->a)) return -1;
    set_loc(u, item->a);
    if (async_) {
        EMIT(BEFORE_ASYNC_WITH, 0);
        if (c_await_top(C, u, 1)) return -1;
    } else {
        EMIT(BEFORE_WITH, 0);
    }
    int depth0 = stmt_depth(u);
    region outer = u->cur;
    if (push_fb(C, u, n, (fblock){FB_WITH, 0, 0, n, NULL, outer})) return -1;
    SET_REGION(REGION(handler, depth0 + 1));
    if (item->b) {
        if (c_store(C, u, item->b)) return -1;
    } else {
        EMIT(POP_TOP, 0);
    }
    if (i + 1 < n->l[0].n) {
        if (c_with(C, u, n, i + 1)) return -1;
    } else if (c_stmts(C, u, &n->l[1])) {
        return -1;
    }
    SET_REGION(outer);
    u->nfb--;
    set_loc(u, n);
    if (c_with_exit_none(C, u, n)) return -1;
    JUMP(JUMP, end);
    bind_label(u, handler);
    EMIT(PUSH_EXC_INFO, 0);
    SET_REGION(REGION(cleanup, depth0 + 2));
    EMIT(WITH_EXCEPT_START, 0);
    if (async_ && c_await_top(C, u, 2)) return -1;
    JUMP(POP_JUMP_IF_TRUE, suppress);
    EMIT(RERAISE, 0);
    SET_REGION(outer);
    bind_label(u, suppress);
    EMIT(POP_TOP, 0);
    EMIT(POP_EXCEPT, 0);
    EMIT(POP_TOP, 0);
    JUMP(JUMP, end);
    bind_label(u, cleanup);
    EMIT(ROT_TWO, 0);
    EMIT(POP_EXCEPT, 0);
    EMIT(RERAISE, 0);
    bind_label(u, end);
    return 0;
}

/* ---- match (PEP 634) ---- */

/* Pattern compilation state. The value being matched is on top of the
 * stack; on_top counts the values above the case's base (the subject copy
 * included). A failing test jumps to fail[k], which pops k values and
 * continues with the next case or alternative. */
typedef struct pctx {
    uint32_t *fail;
    uint32_t nfail, failcap;
    int on_top;
    bool allow_irrefutable;
    const char **names; /* names bound so far by this pattern (duplicates are errors) */
    uint32_t nnames, namecap;
    uint32_t base; /* names[base..] are captured values kept on the stack (CPython
                      binds them only once the whole pattern matched); the
                      newest is the deepest, names[base] right under the values
                      counted by on_top */
} pctx;

#define PC_STORES(pc) ((int)((pc)->nnames - (pc)->base))

static void pctx_free(compiler *C, pctx *pc) {
    pe_mem_free(C->S, pc->fail, pc->failcap * sizeof(uint32_t));
    pe_mem_free(C->S, pc->names, pc->namecap * sizeof(char *));
}

/* Jumps to the failure label that pops pc->on_top values and the captures
 * kept so far: the test's own operand is already consumed by op. */
static int pat_jump_fail(compiler *C, unit *u, pctx *pc, int op) {
    uint32_t k = (uint32_t)(pc->on_top + PC_STORES(pc));
    while (pc->nfail <= k) {
        if (grow(C->S, (void **)&pc->fail, &pc->failcap, pc->nfail, sizeof(uint32_t))) return -1;
        if (new_label(C, u, &pc->fail[pc->nfail])) return -1;
        pc->nfail++;
    }
    return emit_jump(C, u, op, pc->fail[k]);
}

/* Binds every failure label: fail[k] pops one value and falls into
 * fail[k-1]; fail[0] is where the stack is back at the base. */
static int pat_emit_fail_pops(compiler *C, unit *u, pctx *pc) {
    for (uint32_t k = pc->nfail; k-- > 0;) {
        bind_label(u, pc->fail[k]);
        if (k) EMIT(POP_TOP, 0);
    }
    return 0;
}

static int pat_add_name(compiler *C, pctx *pc, pe_node *p, const char *name) {
    for (uint32_t i = 0; i < pc->nnames; i++)
        if (!strcmp(pc->names[i], name))
            return syntax_error(C, p->kind == PE_N_PMAP && C->last_pat ? C->last_pat : p,
                                "multiple assignments to name '%s' in pattern", name);
    if (grow(C->S, (void **)&pc->names, &pc->namecap, pc->nnames, sizeof(char *))) return -1;
    pc->names[pc->nnames++] = name;
    return 0;
}

/* A capture: the value on top (no longer counted by on_top) goes under the
 * values still in use and the captures before it. */
static int pat_bind(compiler *C, unit *u, pctx *pc, pe_node *p, const char *name) {
    int rot = pc->on_top + PC_STORES(pc) + 1;
    if (pat_add_name(C, pc, p, name)) return -1;
    if (rot > 1) EMIT(ROT_N, (uint32_t)rot);
    return 0;
}

/* The whole pattern matched: bind the kept captures (newest deepest). */
static int pat_store_all(compiler *C, unit *u, pctx *pc) {
    for (uint32_t i = pc->base; i < pc->nnames; i++)
        if (c_store_name(C, u, pc->names[i], PE_OP_STORE_FAST, PE_OP_STORE_DEREF,
                         PE_OP_STORE_GLOBAL))
            return -1;
    pc->base = pc->nnames;
    return 0;
}

static int c_pattern(compiler *C, unit *u, pe_node *p, pctx *pc);

/* A sub-pattern of a sequence, mapping or class pattern: irrefutable ones
 * are always allowed there. */
static int c_subpattern(compiler *C, unit *u, pe_node *p, pctx *pc) {
    bool allow = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    int r = c_pattern(C, u, p, pc);
    pc->allow_irrefutable = allow;
    return r;
}

/* [.. v] -> test v is not None, failing with v popped. */
static int pat_fail_if_none(compiler *C, unit *u, pctx *pc) {
    EMIT(COPY, 1);
    EMIT(LOAD_NONE, 0);
    EMIT(IS_OP, 1);
    return pat_jump_fail(C, u, pc, PE_OP_POP_JUMP_IF_FALSE);
}

static int c_pattern_seq(compiler *C, unit *u, pe_node *p, pctx *pc) {
    pe_nodelist *l = &p->l[0];
    int star = -1;
    for (uint32_t i = 0; i < l->n; i++) {
        if (l->v[i]->kind != PE_N_PSTAR) continue;
        if (star >= 0) return syntax_error(C, p, "multiple starred names in sequence pattern");
        star = (int)i;
    }
    EMIT(MATCH_SEQUENCE, 0);
    if (pat_jump_fail(C, u, pc, PE_OP_POP_JUMP_IF_FALSE)) return -1;
    uint32_t need = star >= 0 ? l->n - 1 : l->n;
    if (!(star >= 0 && need == 0)) {
        EMIT(GET_LEN, 0);
        if (emit_const(C, u, pe_int(need))) return -1;
        EMIT(COMPARE_OP, star >= 0 ? PE_GE : PE_EQ);
        if (pat_jump_fail(C, u, pc, PE_OP_POP_JUMP_IF_FALSE)) return -1;
    }
    if (l->n == 0) {
        EMIT(POP_TOP, 0);
        pc->on_top--;
        return 0;
    }
    if (star < 0) {
        EMIT(UNPACK_SEQUENCE, l->n);
    } else {
        uint32_t before = (uint32_t)star, after = l->n - (uint32_t)star - 1;
        if (before > 255 || after > 255)
            return syntax_error(C, p, "too many expressions in star-unpacking assignment");
        EMIT(UNPACK_EX, before | (after << 8));
    }
    pc->on_top += (int)l->n - 1;
    for (uint32_t i = 0; i < l->n; i++) {
        pe_node *x = l->v[i];
        if (x->kind == PE_N_PSTAR) {
            set_loc(u, x);
            C->last_pat = x;
            pc->on_top--;
            if (x->name) {
                if (pat_bind(C, u, pc, x, x->name)) return -1;
            } else {
                EMIT(POP_TOP, 0);
            }
        } else if (c_subpattern(C, u, x, pc)) {
            return -1;
        }
    }
    return 0;
}

static int c_pattern_map(compiler *C, unit *u, pe_node *p, pctx *pc) {
    uint32_t nk = p->l[0].n;
    EMIT(MATCH_MAPPING, 0);
    if (pat_jump_fail(C, u, pc, PE_OP_POP_JUMP_IF_FALSE)) return -1;
    if (nk == 0 && !p->name) {
        EMIT(POP_TOP, 0);
        pc->on_top--;
        return 0;
    }
    if (nk) {
        EMIT(GET_LEN, 0);
        if (emit_const(C, u, pe_int(nk))) return -1;
        EMIT(COMPARE_OP, PE_GE);
        if (pat_jump_fail(C, u, pc, PE_OP_POP_JUMP_IF_FALSE)) return -1;
    }
    for (uint32_t i = 0; i < nk; i++) {
        pe_node *k = p->l[0].v[i];
        if (k->kind == PE_N_CONST) {
            for (uint32_t j = 0; j < i; j++) {
                pe_node *k2 = p->l[0].v[j];
                if (k2->kind != PE_N_CONST) continue;
                int eq = pe_eq(C->S, k->v, k2->v);
                if (eq < 0) return -1;
                if (eq) {
                    pe_sb sb;
                    pe_sb_init(&sb, C->S);
                    int r = pe_repr(C->S, k->v, &sb);
                    if (!r)
                        r = syntax_error(C, p, "mapping pattern checks duplicate key (%.*s)",
                                         (int)sb.len, sb.p);
                    pe_sb_free(&sb);
                    return -1;
                }
            }
        }
        if (c_expr(C, u, k)) return -1;
    }
    set_loc(u, p);
    EMIT(BUILD_TUPLE, nk);
    pc->on_top++;
    if (nk) {
        EMIT(MATCH_KEYS, 0);
        pc->on_top++;
        if (pat_fail_if_none(C, u, pc)) return -1;
        EMIT(UNPACK_SEQUENCE, nk);
        pc->on_top += (int)nk - 1;
        for (uint32_t i = 0; i < nk; i++)
            if (c_subpattern(C, u, p->l[1].v[i], pc)) return -1;
    }
    set_loc(u, p);
    if (p->name) {
        EMIT(MATCH_STAR_DICT, 0);
        pc->on_top -= 2;
        return pat_bind(C, u, pc, p, p->name);
    }
    EMIT(POP_TOP, 0);
    EMIT(POP_TOP, 0);
    pc->on_top -= 2;
    return 0;
}

static int c_pattern_class(compiler *C, unit *u, pe_node *p, pctx *pc) {
    uint32_t npos = p->l[0].n, nkw = p->l[1].n;
    for (uint32_t i = 0; i < nkw; i++)
        for (uint32_t j = 0; j < i; j++)
            if (!strcmp(p->l[1].v[i]->name, p->l[1].v[j]->name))
                return syntax_error(C, p->l[1].v[i]->a,
                                    "attribute name repeated in class pattern: %s",
                                    p->l[1].v[i]->name);
    if (c_expr(C, u, p->a)) return -1;
    pc->on_top++;
    for (uint32_t i = 0; i < nkw; i++) {
        pe_val sv;
        if (pe_str_from_cstr(C->S, p->l[1].v[i]->name, &sv)) return -1;
        int r = emit_const(C, u, sv);
        pe_decref(C->S, sv);
        if (r) return -1;
    }
    set_loc(u, p);
    EMIT(BUILD_TUPLE, nkw);
    EMIT(MATCH_CLASS, npos);
    pc->on_top--;
    if (pat_fail_if_none(C, u, pc)) return -1;
    if (npos + nkw == 0) {
        EMIT(POP_TOP, 0);
        pc->on_top--;
        return 0;
    }
    EMIT(UNPACK_SEQUENCE, npos + nkw);
    pc->on_top += (int)(npos + nkw) - 1;
    for (uint32_t i = 0; i < npos; i++)
        if (c_subpattern(C, u, p->l[0].v[i], pc)) return -1;
    for (uint32_t i = 0; i < nkw; i++)
        if (c_subpattern(C, u, p->l[1].v[i]->a, pc)) return -1;
    return 0;
}

static int name_index(const char *const *v, uint32_t n, const char *name) {
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(v[i], name)) return (int)i;
    return -1;
}

/* Swaps the values at depths a and b (1 = TOS) through TOS. */
static int emit_swap_depths(compiler *C, unit *u, uint32_t a, uint32_t b) {
    if (a == 1) {
        EMIT(SWAP, b);
        return 0;
    }
    EMIT(SWAP, a);
    EMIT(SWAP, b);
    EMIT(SWAP, a);
    return 0;
}

/* p1 | p2 | ...: each alternative tries a copy of the value; all must bind
 * the same names. An alternative's captures are reordered on the stack to
 * the first one's order, then kept as the enclosing pattern's captures. */
static int c_pattern_or(compiler *C, unit *u, pe_node *p, pctx *pc) {
    LABEL(success);
    uint32_t n0 = pc->nnames;
    const char **control = NULL;
    uint32_t ncontrol = 0, controlcap = 0;
    int r = -1;
    for (uint32_t i = 0; i < p->l[0].n; i++) {
        pe_node *alt = p->l[0].v[i];
        pctx sub = {NULL, 0, 0, 1, i + 1 == p->l[0].n ? pc->allow_irrefutable : false,
                    NULL, 0, 0, n0};
        /* the alternative sees the names bound before it (duplicates) */
        for (uint32_t k = 0; k < n0; k++) {
            if (grow(C->S, (void **)&sub.names, &sub.namecap, sub.nnames, sizeof(char *)))
                goto fail_sub;
            sub.names[sub.nnames++] = pc->names[k];
        }
        set_loc(u, alt);
        if (emit_l(C, u, PE_OP_COPY, 1) || c_pattern(C, u, alt, &sub)) goto fail_sub;
        uint32_t nb = sub.nnames - n0;
        const char **cur = nb ? sub.names + n0 : NULL; /* cur[k] is at depth k + 1 */
        if (i == 0) {
            for (uint32_t k = 0; k < nb; k++) {
                if (grow(C->S, (void **)&control, &controlcap, ncontrol, sizeof(char *)))
                    goto fail_sub;
                control[ncontrol++] = cur[k];
            }
        } else {
            bool same = nb == ncontrol;
            for (uint32_t k = 0; same && k < nb; k++) same = name_index(control, ncontrol, cur[k]) >= 0;
            if (!same) {
                syntax_error(C, C->last_pat ? C->last_pat : alt,
                             "alternative patterns bind different names");
                goto fail_sub;
            }
            for (uint32_t pos = 0; pos < nb; pos++) {
                int j = name_index(cur, nb, control[pos]);
                if (j == (int)pos) continue;
                if (emit_swap_depths(C, u, pos + 1, (uint32_t)j + 1)) goto fail_sub;
                const char *t = cur[pos];
                cur[pos] = cur[j];
                cur[j] = t;
            }
        }
        if (emit_jump(C, u, PE_OP_JUMP, success) || pat_emit_fail_pops(C, u, &sub)) goto fail_sub;
        pctx_free(C, &sub);
        continue;
    fail_sub:
        pctx_free(C, &sub);
        goto done;
    }
    /* every alternative failed: [.. v] */
    if (pat_jump_fail(C, u, pc, PE_OP_JUMP)) goto done;
    /* [captures][values in use][v][control[0] .. control[m-1] deeper]: each
     * goes under everything, in order, then v is dropped */
    bind_label(u, success);
    {
        uint32_t nrots = (uint32_t)(PC_STORES(pc) + pc->on_top) + ncontrol;
        for (uint32_t k = 0; k < ncontrol; k++) {
            if (nrots > 1 && emit_l(C, u, PE_OP_ROT_N, nrots)) goto done;
            if (pat_add_name(C, pc, p, control[k])) goto done;
        }
    }
    if (emit_l(C, u, PE_OP_POP_TOP, 0)) goto done;
    pc->on_top--;
    r = 0;
done:
    pe_mem_free(C->S, control, controlcap * sizeof(char *));
    return r;
}

/* Matches the value on top of the stack against p, consuming it. */
static int c_pattern(compiler *C, unit *u, pe_node *p, pctx *pc) {
    if (TICK(C)) return -1;
    set_loc(u, p);
    C->last_pat = p;
    switch (p->kind) {
    case PE_N_PAS:
        if (!p->a) {
            if (!pc->allow_irrefutable) {
                if (p->name)
                    return syntax_error(C, p, "name capture '%s' makes remaining patterns unreachable",
                                        p->name);
                return syntax_error(C, p, "wildcard makes remaining patterns unreachable");
            }
            pc->on_top--;
            if (p->name) return pat_bind(C, u, pc, p, p->name);
            EMIT(POP_TOP, 0);
            return 0;
        }
        EMIT(COPY, 1);
        pc->on_top++;
        if (c_pattern(C, u, p->a, pc)) return -1;
        set_loc(u, p);
        pc->on_top--;
        return pat_bind(C, u, pc, p, p->name);
    case PE_N_PVALUE:
        if (c_expr(C, u, p->a)) return -1;
        set_loc(u, p);
        EMIT(COMPARE_OP, PE_EQ);
        pc->on_top--;
        return pat_jump_fail(C, u, pc, PE_OP_POP_JUMP_IF_FALSE);
    case PE_N_PSINGLE:
        if (emit_const(C, u, p->v)) return -1;
        EMIT(IS_OP, 0);
        pc->on_top--;
        return pat_jump_fail(C, u, pc, PE_OP_POP_JUMP_IF_FALSE);
    case PE_N_PSEQ:
        return c_pattern_seq(C, u, p, pc);
    case PE_N_PMAP:
        return c_pattern_map(C, u, p, pc);
    case PE_N_PCLASS:
        return c_pattern_class(C, u, p, pc);
    case PE_N_POR:
        return c_pattern_or(C, u, p, pc);
    default:
        return syntax_error(C, p, "invalid pattern");
    }
}

/* match subject: case ...: the subject stays on the stack while the cases
 * are tried (a copy each, the last case consumes it). The captured values
 * stay on the stack until the whole pattern matched, then are bound (as
 * CPython: a failed case binds nothing), before the guard runs. */
static int c_match(compiler *C, unit *u, pe_node *n) {
    LABEL(end);
    if (c_expr(C, u, n->a)) return -1;
    uint32_t nc = n->l[0].n;
    for (uint32_t i = 0; i < nc; i++) {
        pe_node *c = n->l[0].v[i];
        bool last = i + 1 == nc;
        pctx pc = {NULL, 0, 0, 1, c->b != NULL || last, NULL, 0, 0, 0};
        set_loc(u, c->a);
        int r = last ? 0 : emit_l(C, u, PE_OP_COPY, 1);
        if (!r) r = c_pattern(C, u, c->a, &pc);
        if (!r) r = pat_store_all(C, u, &pc);
        if (!r && c->b) {
            r = c_expr(C, u, c->b);
            if (!r) r = pat_jump_fail(C, u, &pc, PE_OP_POP_JUMP_IF_FALSE);
        }
        if (!r && !last) r = emit_l(C, u, PE_OP_POP_TOP, 0);
        if (!r) r = c_stmts(C, u, &c->l[0]);
        if (!r) r = emit_jump(C, u, PE_OP_JUMP, end);
        if (!r) r = pat_emit_fail_pops(C, u, &pc);
        pctx_free(C, &pc);
        if (r) return -1;
    }
    bind_label(u, end);
    return 0;
}

static int c_import(compiler *C, unit *u, pe_node *n) {
    pe_nodelist *l = &n->l[0];
    if (n->a) { /* from mod import a as b, ... */
        uint32_t k;
        if (add_name(C, u, n->a->name, &k)) return -1;
        EMIT(IMPORT_NAME, k);
        if (l->n == 1 && !strcmp(l->v[0]->name, "*")) {
            EMIT(IMPORT_STAR, 0);
            return 0;
        }
        for (uint32_t i = 0; i < l->n; i++) {
            pe_node *x = l->v[i];
            uint32_t an;
            if (add_name(C, u, x->name, &an)) return -1;
            EMIT(IMPORT_FROM, an);
            const char *bound = x->a ? x->a->name : x->name;
            if (c_store_name(C, u, bound, PE_OP_STORE_FAST, PE_OP_STORE_DEREF,
                             PE_OP_STORE_GLOBAL))
                return -1;
        }
        EMIT(POP_TOP, 0);
        return 0;
    }
    for (uint32_t i = 0; i < l->n; i++) {
        pe_node *x = l->v[i];
        uint32_t k;
        if (add_name(C, u, x->name, &k)) return -1;
        EMIT(IMPORT_NAME, k);
        const char *bound = x->a ? x->a->name : x->name;
        char buf[256];
        const char *dot = strchr(bound, '.');
        if (dot && !x->a) {
            /* `import a.b` imports a.b, then binds the package a */
            size_t m = (size_t)(dot - bound);
            if (m >= sizeof buf) m = sizeof buf - 1;
            memcpy(buf, bound, m);
            buf[m] = 0;
            /* find the arena copy made by the collector */
            sym *y = sym_find(u->sc, buf);
            bound = y ? y->name : bound;
            EMIT(POP_TOP, 0);
            if (add_name(C, u, bound, &k)) return -1;
            EMIT(IMPORT_NAME, k);
        }
        if (c_store_name(C, u, bound, PE_OP_STORE_FAST, PE_OP_STORE_DEREF, PE_OP_STORE_GLOBAL))
            return -1;
    }
    return 0;
}

/* class NAME(bases, kw=...): decorators, the body function, the name,
 * the bases and keywords, BUILD_CLASS, the decorator calls, the store. */
static int c_class(compiler *C, unit *u, pe_node *n) {
    pe_nodelist *bases = &n->l[0], *kws = &n->l[3], *decos = &n->l[2];
    for (uint32_t i = 0; i < decos->n; i++)
        if (c_expr(C, u, decos->v[i])) return -1;
    if (c_function(C, u, n, n->scope, NULL, &n->l[1], NULL, n->name)) return -1;
    pe_val s;
    if (pe_str_from_cstr(C->S, n->name, &s)) return -1;
    int r = emit_const(C, u, s);
    pe_decref(C->S, s);
    if (r) return -1;
    if (bases->n > 0xfff || kws->n > 0xfff) return syntax_error(C, n, "too many base classes");
    for (uint32_t i = 0; i < bases->n; i++) {
        if (bases->v[i]->kind == PE_N_STARRED) {
            pe_raise(C->S, PE_EXC(NotImplementedError),
                     "unpacking (*) in a class's bases is not supported by pyexpr");
            return -1;
        }
        if (c_expr(C, u, bases->v[i])) return -1;
    }
    if (kws->n) {
        pe_val names;
        if (pe_tuple_new(C->S, kws->n, &names)) return -1;
        for (uint32_t i = 0; i < kws->n; i++) PE_TUPLE(names)->items[i] = pe_none();
        for (uint32_t i = 0; i < kws->n; i++) {
            pe_node *k = kws->v[i];
            if (!k->name || !strcmp(k->name, "metaclass")) {
                pe_decref(C->S, names);
                pe_raise(C->S, PE_EXC(NotImplementedError),
                         k->name ? "metaclasses (metaclass=) are not supported by pyexpr"
                                 : "unpacking (**) in a class's keywords is not supported by pyexpr");
                return -1;
            }
            pe_val ks;
            if (pe_str_from_cstr(C->S, k->name, &ks)) {
                pe_decref(C->S, names);
                return -1;
            }
            PE_TUPLE(names)->items[i] = ks;
            if (c_expr(C, u, k->a)) {
                pe_decref(C->S, names);
                return -1;
            }
        }
        uint32_t k;
        r = add_const(C, u, names, &k);
        pe_decref(C->S, names);
        if (r) return -1;
        EMIT(LOAD_CONST, k);
    }
    set_loc(u, n);
    EMIT(BUILD_CLASS, bases->n | (kws->n << 12));
    for (uint32_t i = decos->n; i-- > 0;) {
        set_loc(u, decos->v[i]);
        EMIT(CALL, 1);
    }
    set_loc(u, n);
    return c_store_name(C, u, n->name, PE_OP_STORE_FAST, PE_OP_STORE_DEREF, PE_OP_STORE_GLOBAL);
}

static int c_stmt(compiler *C, unit *u, pe_node *n, bool last) {
    if (TICK(C)) return -1;
    set_loc(u, n);
    switch (n->kind) {
    case PE_N_EXPR:
        if (last && (C->mode == PE_MODE_CALC || C->mode == PE_MODE_EVAL) &&
            u->sc->kind == SC_MODULE) {
            if (c_expr(C, u, n->a)) return -1;
            return emit_l(C, u, SC_GEN(u->sc) ? PE_OP_GEN_RETURN : PE_OP_RETURN_VALUE, 0);
        }
        if (C->mode == PE_MODE_SINGLE && u->sc->kind == SC_MODULE) {
            if (c_expr(C, u, n->a)) return -1;
            EMIT(PRINT_EXPR, 0);
            return 0;
        }
        if (n->a->kind == PE_N_CONST) return 0; /* docstrings and bare constants */
        if (c_expr(C, u, n->a)) return -1;
        EMIT(POP_TOP, 0);
        return 0;
    case PE_N_ASSIGN: {
        if (c_expr(C, u, n->a)) return -1;
        pe_nodelist *t = &n->l[0];
        for (uint32_t i = 0; i < t->n; i++) {
            if (i + 1 < t->n) EMIT(DUP_TOP, 0);
            if (c_store(C, u, t->v[i])) return -1;
        }
        return 0;
    }
    case PE_N_ANNASSIGN: {
        /* CPython: the value is assigned first; without a value, the
         * object (and index) of an attribute/subscript target are still
         * evaluated; the annotation is evaluated last, and only at module
         * level (never inside a function) */
        pe_node *t = n->a;
        if (n->c) {
            if (c_expr(C, u, n->c) || c_store(C, u, t)) return -1;
        } else if (t->kind == PE_N_ATTR || t->kind == PE_N_SUBSCR) {
            if (c_expr(C, u, t->a)) return -1;
            EMIT(POP_TOP, 0);
            if (t->kind == PE_N_SUBSCR) {
                if (c_expr(C, u, t->b)) return -1;
                EMIT(POP_TOP, 0);
            }
        }
        if (u->sc->kind == SC_MODULE || u->sc->kind == SC_CLASS) {
            /* __annotations__['x'] = T for a simple name; evaluated only
             * for other targets */
            if (c_expr(C, u, n->b)) return -1;
            if (t->kind != PE_N_NAME || (t->flags & 1)) {
                EMIT(POP_TOP, 0);
                return 0;
            }
            pe_val key;
            if (c_load_name(C, u, "__annotations__") || pe_str_from_cstr(C->S, t->name, &key))
                return -1;
            int r = emit_const(C, u, key);
            pe_decref(C->S, key);
            if (r) return -1;
            EMIT(STORE_SUBSCR, 0);
        }
        return 0;
    }
    case PE_N_AUGASSIGN: {
        pe_node *t = n->a;
        if (t->kind == PE_N_NAME) {
            if (c_expr(C, u, t)) return -1;
        } else if (t->kind == PE_N_ATTR) {
            uint32_t k;
            if (c_expr(C, u, t->a) || add_name(C, u, t->name, &k)) return -1;
            EMIT(DUP_TOP, 0);
            EMIT(LOAD_ATTR, k);
        } else {
            if (c_expr(C, u, t->a) || c_expr(C, u, t->b)) return -1;
            EMIT(DUP_TOP_TWO, 0);
            EMIT(BINARY_SUBSCR, 0);
        }
        if (c_expr(C, u, n->b)) return -1;
        set_loc(u, n);
        switch (n->op) {
        case PE_BO_ADD: EMIT(ADD, 1); break;
        case PE_BO_SUB: EMIT(SUB, 1); break;
        case PE_BO_MUL: EMIT(MUL, 1); break;
        case PE_BO_TRUEDIV: EMIT(TRUEDIV, 1); break;
        case PE_BO_FLOORDIV: EMIT(FLOORDIV, 1); break;
        case PE_BO_MOD: EMIT(MOD, 1); break;
        default: EMIT(BINARY_OP, n->op | 0x100); break;
        }
        if (t->kind == PE_N_NAME) return c_store(C, u, t);
        if (t->kind == PE_N_ATTR) {
            uint32_t k;
            if (add_name(C, u, t->name, &k)) return -1;
            EMIT(ROT_TWO, 0);
            EMIT(STORE_ATTR, k);
            return 0;
        }
        EMIT(ROT_THREE, 0);
        EMIT(STORE_SUBSCR, 0);
        return 0;
    }
    case PE_N_IF:
        return c_if(C, u, n);
    case PE_N_WHILE:
        return c_while(C, u, n);
    case PE_N_FOR:
        return c_for(C, u, n);
    case PE_N_BREAK:
    case PE_N_CONTINUE: {
        int li = find_loop(u);
        if (li < 0)
            return syntax_error(C, n, n->kind == PE_N_BREAK ? "'break' outside loop"
                                                            : "'continue' not properly in loop");
        /* the unwinding code changes the handler region only on this
         * jump's path: the statements after it continue in the original */
        region rsaved = u->cur;
        if (c_unwind(C, u, li, false)) return -1;
        fblock *fb = &u->fb[li];
        if (n->kind == PE_N_BREAK && fb->kind == FB_FOR) {
            /* the iterator goes outside the regions opened in the loop */
            SET_REGION(fb->outer);
            EMIT(POP_TOP, 0);
        }
        /* `continue` is a back-edge: it pays the limit check, or a loop
         * that always continues would escape max_steps and timeout */
        if (n->kind == PE_N_CONTINUE) EMIT(CHECK_STEPS, 0);
        JUMP(JUMP, n->kind == PE_N_BREAK ? fb->break_label : fb->cont_label);
        SET_REGION(rsaved);
        return 0;
    }
    case PE_N_PASS:
        return 0;
    case PE_N_RETURN:
        if (u->sc->kind == SC_MODULE || u->sc->kind == SC_CLASS)
            return syntax_error(C, n, "'return' outside function");
        if (n->a && u->sc->coroutine && u->sc->generator)
            return syntax_error(C, n, "'return' with value in async generator");
        region rsaved = u->cur;
        if (n->a) {
            if (c_expr(C, u, n->a)) return -1;
        } else {
            EMIT(LOAD_NONE, 0);
        }
        if (c_unwind(C, u, -1, true)) return -1;
        set_loc(u, n);
        if (emit_l(C, u, SC_GEN(u->sc) ? PE_OP_GEN_RETURN : PE_OP_RETURN_VALUE, 0)) return -1;
        SET_REGION(rsaved);
        return 0;
    case PE_N_DEF:
        for (uint32_t i = 0; i < n->l[2].n; i++)
            if (c_expr(C, u, n->l[2].v[i])) return -1;
        if (c_function(C, u, n, n->scope, &n->l[0], &n->l[1], NULL, n->name)) return -1;
        for (uint32_t i = n->l[2].n; i-- > 0;) {
            set_loc(u, n->l[2].v[i]);
            EMIT(CALL, 1);
        }
        set_loc(u, n);
        return c_store_name(C, u, n->name, PE_OP_STORE_FAST, PE_OP_STORE_DEREF,
                            PE_OP_STORE_GLOBAL);
    case PE_N_CLASS:
        return c_class(C, u, n);
    case PE_N_GLOBAL:
    case PE_N_NONLOCAL:
        return 0;
    case PE_N_DEL:
        for (uint32_t i = 0; i < n->l[0].n; i++)
            if (c_delete(C, u, n->l[0].v[i])) return -1;
        return 0;
    case PE_N_ASSERT: {
        LABEL(ok);
        if (n->a->kind == PE_N_TUPLE && n->a->l[0].n)
            warn_at(C, n, "assertion is always true, perhaps remove parentheses?");
        if (c_expr(C, u, n->a)) return -1;
        JUMP(POP_JUMP_IF_TRUE, ok);
        set_loc(u, n);
        EMIT(LOAD_BUILD_EXC, PE_EXC_AssertionError);
        if (n->b) {
            if (c_expr(C, u, n->b)) return -1;
            EMIT(CALL, 1);
        }
        EMIT(RAISE_VARARGS, 1);
        bind_label(u, ok);
        return 0;
    }
    case PE_N_RAISE:
        if (n->a && c_expr(C, u, n->a)) return -1;
        if (n->b && c_expr(C, u, n->b)) return -1;
        set_loc(u, n);
        EMIT(RAISE_VARARGS, n->b ? 2 : n->a ? 1 : 0);
        return 0;
    case PE_N_TRY:
        return c_try(C, u, n);
    case PE_N_WITH:
        return c_with(C, u, n, 0);
    case PE_N_MATCH:
        return c_match(C, u, n);
    case PE_N_IMPORT:
        return c_import(C, u, n);
    default:
        return syntax_error(C, n, "invalid syntax");
    }
}

static int c_stmts(compiler *C, unit *u, pe_nodelist *l) {
    for (uint32_t i = 0; i < l->n; i++)
        if (c_stmt(C, u, l->v[i], false)) return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Units -> code objects                                               */
/* ------------------------------------------------------------------ */

static void fcode_dealloc(pe_state *S, pe_obj *o);
static void fcode_clear(pe_state *S, pe_obj *o);

static void unit_free(compiler *C, unit *u) {
    pe_state *S = C->S;
    pe_mem_free(S, u->code, u->cap * sizeof(uint32_t));
    pe_mem_free(S, u->lines, u->lines_cap * sizeof(uint32_t));
    pe_mem_free(S, u->cols, u->cols_cap * sizeof(uint16_t));
    pe_mem_free(S, u->labels, u->labcap * sizeof(uint32_t));
    pe_mem_free(S, u->fix, u->fixcap * sizeof(jfix));
    for (uint32_t i = 0; i < u->nconsts; i++) pe_decref(S, u->consts[i]);
    pe_mem_free(S, u->consts, u->constcap * sizeof(pe_val));
    for (uint32_t i = 0; i < u->nnames; i++) pe_decref_obj(S, u->names[i]);
    pe_mem_free(S, u->names, u->namecap * sizeof(pe_obj *));
    pe_mem_free(S, u->ntable, u->ntcap * sizeof(uint32_t));
    pe_mem_free(S, u->exc, u->exccap * sizeof(pe_exc_entry));
}

/* Names of code objects that are not functions: static immortal strs, so
 * compiling `2 + 3` allocates no name. */
static const pe_static_str code_names[] = {
    PE_STATIC_STR("<module>"),  PE_STATIC_STR("<lambda>"),  PE_STATIC_STR("<listcomp>"),
    PE_STATIC_STR("<setcomp>"), PE_STATIC_STR("<dictcomp>"), PE_STATIC_STR("<genexpr>"),
};

static int code_name(pe_state *S, const char *name, pe_obj **out) {
    if (name[0] == '<')
        for (size_t i = 0; i < sizeof code_names / sizeof code_names[0]; i++)
            if (!strcmp(code_names[i].data, name)) {
                *out = (pe_obj *)&code_names[i].ob;
                return 0;
            }
    pe_val v;
    if (pe_str_from_cstr(S, name, &v)) return -1;
    *out = v.u.o;
    return 0;
}

/* A scope's code name: the def's name, <lambda>, <listcomp>, ... */
static const char *scope_code_name(const scope *s) {
    switch (s->node->kind) {
    case PE_N_DEF: case PE_N_CLASS: return s->node->name;
    case PE_N_LAMBDA: return "<lambda>";
    case PE_N_LISTCOMP: return "<listcomp>";
    case PE_N_SETCOMP: return "<setcomp>";
    case PE_N_DICTCOMP: return "<dictcomp>";
    default: return "<genexpr>";
    }
}

/* True when a scope's __qualname__ is its bare name: its parent is the
 * module, or it is a def whose name the parent declares global. */
static bool qualname_is_bare(const scope *s) {
    scope *p = s->parent;
    if (!p || p->kind == SC_MODULE) return true;
    if (s->node->kind != PE_N_DEF && s->node->kind != PE_N_CLASS) return false;
    sym *y = sym_find(p, s->node->name);
    return y && (y->flags & SF_GLOBAL_DECL);
}

/* CPython's __qualname__ (Python/compile.c compiler_set_qualname): the
 * enclosing scopes' names joined with ".<locals>." (after a function or
 * lambda) or "." (after a comprehension). The chain is at most
 * MAX_NEST long, so the quadratic walk is cheap. New reference in *out. */
static int code_qualname(pe_state *S, const scope *s, pe_obj *name, pe_obj **out) {
    if (qualname_is_bare(s)) {
        pe_incref_obj(name);
        *out = name;
        return 0;
    }
    uint32_t k = 0;
    for (const scope *p = s; !qualname_is_bare(p); p = p->parent) k++;
    pe_sb sb;
    pe_sb_init(&sb, S);
    for (uint32_t i = k + 1; i-- > 0;) {
        const scope *p = s;
        for (uint32_t j = 0; j < i; j++) p = p->parent;
        pe_sb_puts(&sb, scope_code_name(p));
        if (i) pe_sb_puts(&sb, p->kind == SC_COMPREHENSION || p->kind == SC_CLASS ? "." : ".<locals>.");
    }
    pe_val v;
    if (pe_sb_to_str(&sb, &v)) return -1;
    *out = v.u.o;
    return 0;
}

/* An engine bug found while compiling: SystemError (an internal error),
 * and an assertion failure in debug builds. */
/* A broken invariant of the flow pass: in the compiler's own output
 * (untrusted false) a compiler bug, SystemError; in loaded bytecode
 * (marshal.c) bad data, ValueError. */
static int flow_error(pe_state *S, bool untrusted, const char *what, uint32_t at) {
    if (untrusted)
        return pe_raise(S, PE_EXC(ValueError), "bad marshal data (%s at instruction %u)", what,
                        (unsigned)at);
    PE_ASSERT(!"compiler invariant violated");
    return pe_raise(S, PE_EXC(SystemError), "internal compiler error: %s at instruction %u", what,
                    (unsigned)at);
}

/* The flow pass: the stack depth before every instruction along every
 * path (from the first instruction and from each exception handler, which
 * starts with its region's depth plus the exception), from the opcode
 * table's pops/pushes. Every path to an instruction must arrive with the
 * same depth, no instruction may take more than the stack holds, and every
 * instruction a handler protects must lie at or above the handler's depth
 * (the unwinder cuts the stack down to it). *max receives the largest depth
 * reached, which sizes the frame. Unreachable instructions are skipped.
 * untrusted (bytecode loaded by marshal.c): errors are ValueErrors, and a
 * backward jump that is not right after CHECK_STEPS is one (a loop must pay
 * the limits). */
int pe_code_stack_depth(pe_state *S, const uint32_t *code, uint32_t n, const pe_exc_entry *exc,
                        uint32_t nexc, uint32_t *max, bool untrusted) {
    *max = 0;
    if (!n) return 0;
    size_t bytes = (size_t)n * sizeof(int32_t) * 2;
    int32_t *depth = pe_mem_alloc(S, bytes);
    if (!depth) return -1;
    uint32_t *work = (uint32_t *)(depth + n); /* each instruction enters once */
    uint32_t nwork = 0;
    int r = 0;
    for (uint32_t i = 0; i < n; i++) depth[i] = -1;
#define REACH(target, d)                                                             \
    do {                                                                             \
        uint32_t t_ = (target);                                                      \
        int32_t d_ = (d);                                                            \
        if (t_ >= n) { r = flow_error(S, untrusted, "jump out of the code", at); goto done; } \
        if (depth[t_] < 0) {                                                         \
            depth[t_] = d_;                                                          \
            work[nwork++] = t_;                                                      \
            if ((uint32_t)d_ > *max) *max = (uint32_t)d_;                            \
        } else if (depth[t_] != d_) {                                                \
            r = flow_error(S, untrusted, "inconsistent stack depth", t_);                   \
            goto done;                                                               \
        }                                                                            \
    } while (0)
    uint32_t at = 0;
    REACH(0, 0);
    for (uint32_t i = 0; i < nexc; i++) REACH(exc[i].target, (int32_t)exc[i].depth + 1);
    while (nwork) {
        at = work[--nwork];
        uint32_t w = code[at];
        if (PE_OPOF(w) >= PE_OP__COUNT) {
            r = flow_error(S, untrusted, "unknown opcode", at);
            goto done;
        }
        const pe_opinfo *o = &pe_opinfo_table[PE_OPOF(w)];
        int pops, pushes, jpushes;
        pe_op_stack(w, &pops, &pushes, &jpushes);
        int32_t d = depth[at] - pops;
        if (d < 0) {
            r = flow_error(S, untrusted, "stack underflow", at);
            goto done;
        }
        /* every loop pays the limit check: a back-edge is CHECK_STEPS; JUMP */
        PE_ASSERT(untrusted || !(o->flags & PE_OPF_JUMP) || PE_ARGOF(w) > at ||
                  ((o->flags & PE_OPF_BACK) && at > 0 &&
                   PE_OPOF(code[at - 1]) == PE_OP_CHECK_STEPS));
        if (untrusted && (o->flags & PE_OPF_JUMP) && PE_ARGOF(w) <= at &&
            !((o->flags & PE_OPF_BACK) && at > 0 && PE_OPOF(code[at - 1]) == PE_OP_CHECK_STEPS)) {
            r = flow_error(S, untrusted, "backward jump without a step check", at);
            goto done;
        }
        if (o->flags & PE_OPF_JUMP) REACH(PE_ARGOF(w), d + jpushes);
        if (!(o->flags & PE_OPF_NOFALL)) {
            if (at + 1 >= n) {
                r = flow_error(S, untrusted, "code falls off its end", at);
                goto done;
            }
            REACH(at + 1, d + pushes);
        }
    }
#undef REACH
    for (uint32_t i = 0; i < nexc; i++)
        for (uint32_t k = exc[i].start; k < exc[i].end && k < n; k++)
            if (depth[k] >= 0 && (uint32_t)depth[k] < exc[i].depth) {
                r = flow_error(S, untrusted, "handler depth above the stack", k);
                goto done;
            }
done:
    pe_mem_free(S, depth, bytes);
    return r;
}

/* PE_CODE_BOUNDED (pyexpr.h): the module code is straight-line (forward
 * jumps only), every instruction is PE_OPF_BOUNDED (no loops, function
 * definitions, comprehensions, method calls; no `**` or `<<`), and it does
 * not both call something and reach a callable that is not bounded: a
 * non-bounded builtin (builtins table) or anything found on an object or
 * module (PE_OPF_REACH). Nested code is not looked at: building a function
 * (MAKE_FUNCTION) is not bounded. Read from the opcode and builtins tables. */
#define BOUNDED_SMALL_EXP 64    /* x ** c, x << c: |c| at most this */
#define BOUNDED_TARGET_WORDS 64 /* jump targets tracked (64 * 64 instructions) */

/* `x ** c` / `x << c` at instruction i with c a constant pushed right
 * before it (no jump lands on i, no handler: c is its right operand):
 * with |c| <= BOUNDED_SMALL_EXP the result is at most that many times its
 * operand's size, so it costs no more than as many multiplications. */
static bool small_const_rhs(const pe_fcode *fc, uint32_t i, bool pow, const uint64_t *targets) {
    if (i == 0 || fc->nexctab || i >= 64 * BOUNDED_TARGET_WORDS ||
        (targets[i / 64] >> (i % 64) & 1))
        return false;
    uint32_t w = fc->code[i - 1], arg = PE_ARGOF(w);
    int64_t v;
    if (PE_OPOF(w) == PE_OP_LOAD_INT) {
        v = (int64_t)arg;
        if (v & 0x800000) v -= 0x1000000;
    } else if (PE_OPOF(w) == PE_OP_LOAD_CONST && arg < fc->nconsts) {
        pe_val c = fc->consts[arg];
        if (c.tag == PE_TFLOAT) return pow; /* int ** float is a float */
        if (c.tag != PE_TINT) return false;
        v = c.u.i;
    } else {
        return false;
    }
    return v <= BOUNDED_SMALL_EXP && v >= (pow ? -BOUNDED_SMALL_EXP : 0);
}

uint32_t pe_code_compute_flags(const pe_code *code) {
    const pe_fcode *fc = code->module;
    bool calls = false, reach = false;
    uint64_t targets[BOUNDED_TARGET_WORDS] = {0}; /* forward jumps seen so far */
    for (uint32_t i = 0; i < fc->ncode; i++) {
        uint32_t w = fc->code[i], arg = PE_ARGOF(w);
        if (PE_OPOF(w) >= PE_OP__COUNT) return 0;
        const pe_opinfo *o = &pe_opinfo_table[PE_OPOF(w)];
        if (!(o->flags & PE_OPF_BOUNDED)) return 0;
        if ((o->flags & PE_OPF_JUMP) && arg <= i) return 0; /* a loop */
        if ((o->flags & PE_OPF_JUMP) && arg < 64 * BOUNDED_TARGET_WORDS)
            targets[arg / 64] |= (uint64_t)1 << (arg % 64);
        if (o->kind == PE_ARGK_BINOP && pe_binop_unbounded(arg) &&
            !small_const_rhs(fc, i, (arg & 0xffu) == PE_BO_POW, targets))
            return 0;
        if ((o->flags & PE_OPF_BUILTIN) && arg < code->nglobals && code->gbuiltin[arg] >= 0 &&
            !pe_builtin_bounded(code->gbuiltin[arg]))
            reach = true;
        if (o->flags & PE_OPF_REACH) reach = true;
        if (o->flags & PE_OPF_CALL) calls = true;
    }
    return calls && reach ? 0 : PE_CODE_BOUNDED;
}

/* Rounds up to a multiple of 8 (block layout). */
static size_t al8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Gives f its arrays, in one exact-size block: ncode instructions (code,
 * lines, cols uninitialised), nconsts consts and nnames names (unset: the
 * caller fills every entry), nl local names (NULL), ncells cell2arg (-1),
 * nexc exception entries (unset). The caller sets the counts. */
int pe_fcode_arrays(pe_state *S, pe_fcode *f, uint32_t ncode, uint32_t nconsts, uint32_t nnames,
                    uint32_t nl, uint32_t ncells, uint32_t nexc) {
    size_t o_consts = 0, o_names = o_consts + al8(nconsts * sizeof(pe_val));
    size_t o_local = o_names + al8(nnames * sizeof(pe_obj *));
    size_t o_exc = o_local + al8(nl * sizeof(pe_obj *));
    size_t o_code = o_exc + al8(nexc * sizeof(pe_exc_entry));
    size_t o_lines = o_code + al8(ncode * sizeof(uint32_t));
    size_t o_cell = o_lines + al8(ncode * sizeof(uint32_t));
    size_t o_cols = o_cell + al8(ncells * sizeof(int32_t));
    size_t total = o_cols + al8(ncode * sizeof(uint16_t));
    char *blk = pe_mem_alloc(S, total ? total : 8);
    if (!blk) return -1;
    f->arrays = blk;
    f->arrays_size = total ? total : 8;
    f->consts = nconsts ? (pe_val *)(blk + o_consts) : NULL;
    f->names = nnames ? (pe_obj **)(blk + o_names) : NULL;
    f->exctab = nexc ? (pe_exc_entry *)(blk + o_exc) : NULL;
    f->code = (uint32_t *)(blk + o_code);
    f->lines = (uint32_t *)(blk + o_lines);
    f->cols = (uint16_t *)(blk + o_cols);
    if (nl) {
        f->localnames = (pe_obj **)(blk + o_local);
        memset(f->localnames, 0, nl * sizeof(pe_obj *));
    }
    if (ncells) {
        f->cell2arg = (int32_t *)(blk + o_cell);
        for (uint32_t i = 0; i < ncells; i++) f->cell2arg[i] = -1;
    }
    return 0;
}

/* The superinstructions pass (issue 17; pe_opcodes.h): instruction A
 * becomes A_B where B follows, for the pairs a dynamic pair profile of the
 * throughput group found hottest (tools/oppairs.py). Left to right, each
 * decision reads the plain opcode of the next instruction, which is still
 * unrewritten; runs after the flow pass (the table rows are A's anyway). */
static uint32_t super_of(uint32_t a, uint32_t b) {
    switch (a) {
    case PE_OP_LOAD_FAST:
        return b == PE_OP_LOAD_FAST ? PE_OP_LOAD_FAST_LOAD_FAST
               : b == PE_OP_LOAD_INT ? PE_OP_LOAD_FAST_LOAD_INT
                                     : a;
    case PE_OP_STORE_FAST: return b == PE_OP_LOAD_FAST ? PE_OP_STORE_FAST_LOAD_FAST : a;
    case PE_OP_FOR_ITER: return b == PE_OP_STORE_FAST ? PE_OP_FOR_ITER_STORE_FAST : a;
    case PE_OP_ADD: return b == PE_OP_STORE_FAST ? PE_OP_ADD_STORE_FAST : a;
    case PE_OP_LOAD_INT:
        return b == PE_OP_ADD ? PE_OP_LOAD_INT_ADD
               : b == PE_OP_MOD ? PE_OP_LOAD_INT_MOD
               : b == PE_OP_BINARY_SUBSCR ? PE_OP_LOAD_INT_BINARY_SUBSCR
                                          : a;
    default: return a;
    }
}

static void superinstructions(uint32_t *code, uint32_t n) {
    for (uint32_t i = 0; i + 1 < n; i++) {
        uint32_t a = PE_OPOF(code[i]), s = super_of(a, PE_OPOF(code[i + 1]));
        if (s != a) code[i] = PE_INSTR(s, PE_ARGOF(code[i]));
    }
}

/* Builds the pe_fcode from a finished unit: every array is copied into one
 * exact-size block owned by the code; constants and names move over. */
static pe_fcode *finish_unit(compiler *C, unit *u, const char *name, uint32_t nargs,
                             uint32_t nkwonly, uint32_t flags, int firstline) {
    pe_state *S = C->S;
    for (uint32_t i = 0; i < u->nfix; i++) {
        uint32_t target = u->labels[u->fix[i].label];
        uint32_t w = u->code[u->fix[i].at];
        u->code[u->fix[i].at] = PE_INSTR(PE_OPOF(w), target);
    }
    PE_ASSERT(u->cur.label == NO_REGION); /* every region was closed */
    for (uint32_t i = 0; i < u->nexc; i++) u->exc[i].target = u->labels[u->exc[i].target];
    uint32_t stacksize;
    if (pe_code_stack_depth(S, u->code, u->n, u->exc, u->nexc, &stacksize, false)) return NULL;
    pe_fcode *f = (pe_fcode *)pe_obj_new(S, &pe_type_code, sizeof(pe_fcode));
    if (!f) return NULL;
    memset((char *)f + sizeof(pe_obj), 0, sizeof(pe_fcode) - sizeof(pe_obj));
    if (code_name(S, name, &f->name)) {
        pe_decref_obj(S, &f->ob);
        return NULL;
    }
    if (code_qualname(S, u->sc, f->name, &f->qualname)) {
        pe_decref_obj(S, &f->ob);
        return NULL;
    }
    scope *sc0 = u->sc;
    uint32_t nlocals = sc0->kind == SC_MODULE ? 0 : sc0->nlocals;
    uint32_t nl = nlocals + sc0->ncells + sc0->nfree;
    if (pe_fcode_arrays(S, f, u->n, u->nconsts, u->nnames, nl, sc0->ncells, u->nexc)) {
        pe_decref_obj(S, &f->ob);
        return NULL;
    }
    if (u->n) {
        memcpy(f->code, u->code, u->n * sizeof(uint32_t));
        superinstructions(f->code, u->n);
        memcpy(f->lines, u->lines, u->n * sizeof(uint32_t));
        memcpy(f->cols, u->cols, u->n * sizeof(uint16_t));
    }
    f->ncode = u->n;
    if (u->nconsts) memcpy(f->consts, u->consts, u->nconsts * sizeof(pe_val));
    f->nconsts = u->nconsts;
    u->nconsts = 0; /* the references moved to the code */
    if (u->nnames) memcpy(f->names, u->names, u->nnames * sizeof(pe_obj *));
    f->nnames = u->nnames;
    u->nnames = 0;
    if (u->nexc) memcpy(f->exctab, u->exc, u->nexc * sizeof(pe_exc_entry));
    f->nexctab = u->nexc;
    scope *sc = u->sc;
    f->nlocals = nlocals;
    f->ncells = sc->ncells;
    f->nfree = sc->nfree;
    f->nargs = nargs;
    f->nkwonly = nkwonly;
    f->flags = flags;
    f->stacksize = stacksize;
    f->firstline = firstline;
    /* local names (for messages) and the cell -> argument map */

    for (uint32_t i = 0; i < sc->nsyms; i++) {
        sym *y = &sc->syms[i];
        if (y->flags & SF_GLOBAL || y->index < 0) continue;
        pe_val s;
        if (pe_str_from_cstr(S, y->name, &s)) goto fail;
        if ((uint32_t)y->index < nl && !f->localnames[y->index]) f->localnames[y->index] = s.u.o;
        else pe_decref(S, s);
        if ((y->flags & SF_CELL) && !(y->flags & SF_FREE)) {
            uint32_t ci = (uint32_t)y->index - f->nlocals;
            if (y->flags & SF_PARAM) {
                f->cell2arg[ci] = (int32_t)y->decl_line; /* local slot of the parameter */
                pe_val s2;
                if (pe_str_from_cstr(S, y->name, &s2)) goto fail;
                if (!f->localnames[y->decl_line]) f->localnames[y->decl_line] = s2.u.o;
                else pe_decref(S, s2);
            }
        }
    }
    return f;
fail:
    pe_decref_obj(S, &f->ob);
    return NULL;
}

static void fcode_clear(pe_state *S, pe_obj *o) {
    pe_fcode *f = (pe_fcode *)o;
    for (uint32_t i = 0; i < f->nconsts; i++) {
        pe_val v = f->consts[i];
        f->consts[i] = pe_none();
        pe_decref(S, v);
    }
    for (uint32_t i = 0; i < f->nnames; i++) {
        pe_obj *x = f->names[i];
        f->names[i] = NULL;
        if (x) pe_decref_obj(S, x);
    }
    uint32_t nl = f->nlocals + f->ncells + f->nfree;
    for (uint32_t i = 0; f->localnames && i < nl; i++) {
        pe_obj *x = f->localnames[i];
        f->localnames[i] = NULL;
        if (x) pe_decref_obj(S, x);
    }
    pe_obj *a = f->name, *b = f->qualname;
    f->name = f->qualname = NULL;
    if (a) pe_decref_obj(S, a);
    if (b) pe_decref_obj(S, b);
}

static void fcode_dealloc(pe_state *S, pe_obj *o) {
    pe_fcode *f = (pe_fcode *)o;
    fcode_clear(S, o);
    pe_mem_free(S, f->arrays, f->arrays_size);
    pe_obj_free(S, o, sizeof(pe_fcode));
}

static int code_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    pe_fcode *f = (pe_fcode *)v.u.o;
    return pe_sb_printf(sb, "<code object %s>", f->name ? ((pe_str *)f->name)->data : "?");
}

const pe_type pe_type_code = PE_TYPE("code", CODE,
    .dealloc = fcode_dealloc,
    .clear = fcode_clear,
    .repr = code_repr,
);

/* A class body: the docstring as __doc__, the statements, then the
 * __class__ cell (for BUILD_CLASS to fill) or None. */
/* SETUP_ANNOTATIONS: __annotations__ = {} at the start of a module or
 * class body that annotates names. */
static int c_setup_annotations(compiler *C, unit *u) {
    EMIT(BUILD_MAP, 0);
    return c_store_name(C, u, "__annotations__", PE_OP_STORE_FAST, PE_OP_STORE_DEREF,
                        PE_OP_STORE_GLOBAL);
}

static int c_class_body(compiler *C, unit *u, pe_node *n, pe_nodelist *body) {
    if (u->sc->annotations && c_setup_annotations(C, u)) return -1;
    if (body->n && body->v[0]->kind == PE_N_EXPR && body->v[0]->a->kind == PE_N_CONST &&
        pe_is_str(body->v[0]->a->v)) {
        uint32_t k;
        set_loc(u, body->v[0]);
        if (emit_const(C, u, body->v[0]->a->v) || add_name(C, u, "__doc__", &k)) return -1;
        EMIT(STORE_NAME, k);
    }
    if (c_stmts(C, u, body)) return -1;
    u->line = u->n ? u->lines[u->n - 1] : n->line;
    sym *y = sym_find(u->sc, "__class__");
    if (y && (y->flags & SF_CLASSCELL) && (y->flags & SF_CELL)) {
        EMIT(LOAD_CLOSURE, y->index);
    } else {
        EMIT(LOAD_NONE, 0);
    }
    EMIT(RETURN_VALUE, 0);
    return 0;
}

/* Compiles a function/lambda/comprehension body into a code constant and
 * emits MAKE_FUNCTION (with defaults and closure) in the outer unit. */
static int c_function(compiler *C, unit *outer, pe_node *n, scope *sc, pe_nodelist *params,
                      pe_nodelist *body, pe_node *expr_body, const char *name) {
    unit *u = outer;
    /* defaults, evaluated now in the outer scope */
    uint32_t mflags = 0, nargs = 0, nkwonly = 0, cflags = 0, nposonly = 0;
    uint32_t ndef = 0, nkwdef = 0;
    if (params) {
        for (uint32_t i = 0; i < params->n; i++) {
            pe_node *a = params->v[i];
            if (a->op == 0 && (a->flags & 1)) nposonly = nargs + 1;
            if (a->op == 0) nargs++;
            else if (a->op == 1) nkwonly++;
            else if (a->op == 2) cflags |= PE_CO_VARARGS;
            else cflags |= PE_CO_VARKW;
            if (a->a && a->op == 0) ndef++;
            if (a->a && a->op == 1) nkwdef++;
        }
        if (ndef) {
            for (uint32_t i = 0; i < params->n; i++)
                if (params->v[i]->a && params->v[i]->op == 0 && c_expr(C, u, params->v[i]->a))
                    return -1;
            EMIT(BUILD_TUPLE, ndef);
            mflags |= 1;
        }
        if (nkwdef) {
            for (uint32_t i = 0; i < params->n; i++) {
                pe_node *a = params->v[i];
                if (!a->a || a->op != 1) continue;
                pe_val s;
                if (pe_str_from_cstr(C->S, a->name, &s)) return -1;
                int r = emit_const(C, u, s);
                pe_decref(C->S, s);
                if (r || c_expr(C, u, a->a)) return -1;
            }
            EMIT(BUILD_MAP, nkwdef);
            mflags |= 2;
        }
    } else {
        nargs = 1; /* comprehension: the iterator */
    }
    /* the body, in its own unit */
    unit *fu = pe_mem_alloc(C->S, sizeof(unit));
    if (!fu) return -1;
    memset(fu, 0, offsetof(unit, fb));
    fu->cur.label = NO_REGION;
    fu->sc = sc;
    fu->line = n->line;
    pe_fcode *f = NULL;
    int r = -1;
    if (params) {
        /* parameters must occupy locals 0..n-1 in order: positional, kw-only,
         * *args, **kwargs (index_scope numbered them in declaration order,
         * which the parser produces in that order except *args before kw-only) */
    }
    /* a generator's code starts by returning the generator (with the
     * arguments bound); its first resumption pushes the sent None */
    int ret_op = SC_GEN(sc) ? PE_OP_GEN_RETURN : PE_OP_RETURN_VALUE;
    if (SC_GEN(sc) && (emit_l(C, fu, PE_OP_RETURN_GENERATOR,
                              sc->coroutine ? (sc->generator ? 2 : 1) : 0) ||
                       emit_l(C, fu, PE_OP_POP_TOP, 0)))
        goto done;
    if (expr_body) {
        if (c_expr(C, fu, expr_body) || emit_l(C, fu, ret_op, 0)) goto done;
    } else if (body && n->kind == PE_N_CLASS) {
        if (c_class_body(C, fu, n, body)) goto done;
    } else if (body) {
        if (n->kind == PE_N_DEF && body->n && body->v[0]->kind == PE_N_EXPR &&
            body->v[0]->a->kind == PE_N_CONST && pe_is_str(body->v[0]->a->v)) {
            uint32_t k; /* the docstring is consts[0] */
            if (add_const(C, fu, body->v[0]->a->v, &k)) goto done;
            cflags |= PE_CO_DOC;
        }
        if (c_stmts(C, fu, body)) goto done;
        fu->line = fu->n ? fu->lines[fu->n - 1] : n->line;
        if (emit_l(C, fu, PE_OP_LOAD_NONE, 0) || emit_l(C, fu, ret_op, 0)) goto done;
    } else if (n->kind == PE_N_GENEXP) {
        if (c_comp_loop(C, fu, n, 0, n->kind) || emit_l(C, fu, PE_OP_LOAD_NONE, 0) ||
            emit_l(C, fu, ret_op, 0))
            goto done;
    } else {
        int kind = n->kind;
        int op = kind == PE_N_DICTCOMP ? PE_OP_BUILD_MAP
                 : kind == PE_N_SETCOMP ? PE_OP_BUILD_SET
                                        : PE_OP_BUILD_LIST;
        if (emit_l(C, fu, op, 0) || c_comp_loop(C, fu, n, 0, kind) || emit_l(C, fu, ret_op, 0))
            goto done;
    }
    f = finish_unit(C, fu, name, nargs, nkwonly, cflags, (int)n->line);
    if (!f) goto done;
    f->nposonly = nposonly;
    r = 0;
done:
    unit_free(C, fu);
    pe_mem_free(C->S, fu, sizeof(unit));
    if (r) return -1;
    /* closure: cells of the outer scope (or its free vars) in our free order */
    if (sc->nfree) {
        pe_obj **fnames = f->localnames + f->nlocals + f->ncells;
        for (uint32_t i = 0; i < sc->nfree; i++) {
            sym *y = sym_find(outer->sc, ((pe_str *)fnames[i])->data);
            if (!y || y->index < 0) {
                pe_decref_obj(C->S, &f->ob);
                return syntax_error(C, n, "internal error: closure variable not found");
            }
            if (emit_l(C, u, PE_OP_LOAD_CLOSURE, (uint32_t)y->index)) {
                pe_decref_obj(C->S, &f->ob);
                return -1;
            }
        }
        if (emit_l(C, u, PE_OP_BUILD_TUPLE, sc->nfree)) {
            pe_decref_obj(C->S, &f->ob);
            return -1;
        }
        mflags |= 8;
    }
    uint32_t k;
    r = add_const(C, u, pe_obj_val(&f->ob), &k);
    pe_decref_obj(C->S, &f->ob);
    if (r) return -1;
    set_loc(u, n);
    EMIT(LOAD_CONST, k);
    EMIT(MAKE_FUNCTION, mflags);
    return 0;
}

/* A zeroed unit for scope sc, or NULL. */
static unit *unit_new(compiler *C, scope *sc) {
    unit *u = pe_mem_alloc(C->S, sizeof(unit));
    if (!u) return NULL;
    memset(u, 0, offsetof(unit, fb));
    u->cur.label = NO_REGION;
    u->sc = sc;
    u->line = 1;
    return u;
}

/* The module's statements as the code of unit u (a coroutine's when the
 * module awaits at top level). */
static pe_fcode *c_module_body(compiler *C, unit *u, pe_node *mod) {
    pe_nodelist *body = &mod->l[0];
    bool coro = C->module->coroutine;
    if (coro && (emit_l(C, u, PE_OP_RETURN_GENERATOR, 1) || emit_l(C, u, PE_OP_POP_TOP, 0)))
        return NULL;
    /* a module that annotates names or reads __annotations__ */
    if ((C->module->annotations || sym_find(C->module, "__annotations__")) &&
        c_setup_annotations(C, u))
        return NULL;
    for (uint32_t i = 0; i < body->n; i++) {
        if (c_stmt(C, u, body->v[i], i + 1 == body->n)) return NULL;
    }
    bool returns = body->n && body->v[body->n - 1]->kind == PE_N_EXPR &&
                   (C->mode == PE_MODE_CALC || C->mode == PE_MODE_EVAL);
    if (!returns) {
        if (emit_l(C, u, PE_OP_LOAD_NONE, 0) ||
            emit_l(C, u, coro ? PE_OP_GEN_RETURN : PE_OP_RETURN_VALUE, 0))
            return NULL;
    }
    return finish_unit(C, u, "<module>", 0, 0, 0, 1);
}

/* The module code of a program compiled with PE_MODE_TOP_AWAIT (body: its
 * coroutine body's code, the reference taken):
 *   asyncio._run_toplevel(<body>(), __pyexpr_host_wait__)
 * and in exec mode, the result replaced by asyncio._namespace(globals()). */
static pe_fcode *c_toplevel_runner(compiler *C, unit *u, pe_fcode *body) {
    uint32_t k, a, n;
    int r = add_const(C, u, pe_obj_val(&body->ob), &k);
    pe_decref_obj(C->S, &body->ob);
    int slot = global_slot(C, "__pyexpr_host_wait__");
    if (r || slot < 0 || add_name(C, u, "asyncio", &a) || emit_l(C, u, PE_OP_IMPORT_NAME, a))
        return NULL;
    /* `asyncio` is predefined, as in CPython's asyncio REPL */
    int am = sym_find(C->module, "asyncio") ? global_slot(C, "asyncio") : -1;
    if (am >= 0 && (emit_l(C, u, PE_OP_DUP_TOP, 0) || emit_l(C, u, PE_OP_STORE_GLOBAL, (uint32_t)am)))
        return NULL;
    if (add_name(C, u, "_run_toplevel", &n) || emit_l(C, u, PE_OP_LOAD_ATTR, n) ||
        emit_l(C, u, PE_OP_LOAD_CONST, k) || emit_l(C, u, PE_OP_MAKE_FUNCTION, 0) ||
        emit_l(C, u, PE_OP_CALL, 0) || emit_l(C, u, PE_OP_LOAD_GLOBAL, (uint32_t)slot) ||
        emit_l(C, u, PE_OP_CALL, 2))
        return NULL;
    if (C->mode != PE_MODE_EVAL) {
        int gl = global_slot(C, "globals");
        if (gl < 0 || emit_l(C, u, PE_OP_POP_TOP, 0) || emit_l(C, u, PE_OP_IMPORT_NAME, a) ||
            add_name(C, u, "_namespace", &n) || emit_l(C, u, PE_OP_LOAD_ATTR, n) ||
            emit_l(C, u, PE_OP_LOAD_GLOBAL, (uint32_t)gl) || emit_l(C, u, PE_OP_CALL, 0) ||
            emit_l(C, u, PE_OP_CALL, 1))
            return NULL;
    }
    if (emit_l(C, u, PE_OP_RETURN_VALUE, 0)) return NULL;
    return finish_unit(C, u, "<module>", 0, 0, 0, 1);
}

/* Parameters must be the first locals in call order: positional, then
 * keyword-only, then *args, then **kwargs. The collector added them in
 * source order, where *args precedes keyword-only ones: fix the indexes. */
/* Local slot of a symbol: a cell that is also a local keeps its local slot
 * in decl_line (see index_scope). */
static bool sym_is_local(const sym *z) {
    return !(z->flags & SF_GLOBAL) &&
           !(z->flags & SF_FREE && !(z->flags & (SF_ASSIGNED | SF_PARAM)));
}
static uint32_t sym_slot(const sym *z) {
    return (z->flags & SF_CELL) && !(z->flags & SF_FREE) ? z->decl_line : (uint32_t)z->index;
}
static void sym_set_slot(sym *z, uint32_t slot) {
    if ((z->flags & SF_CELL) && !(z->flags & SF_FREE)) z->decl_line = slot;
    else z->index = (int32_t)slot;
}

/* Gives the parameters the first local slots in CPython's order (positional,
 * keyword-only, *args, **kwargs), swapping with whatever held each slot.
 * Linear: holder[] maps a local slot to the symbol in it. */
static int order_params(compiler *C, scope *s, pe_nodelist *params) {
    if (!params || !params->n || !s->nlocals) return 0;
    sym **holder = pe_mem_alloc(C->S, s->nlocals * sizeof(sym *));
    if (!holder) return -1;
    memset(holder, 0, s->nlocals * sizeof(sym *));
    for (uint32_t j = s->nsyms; j-- > 0;) {
        sym *z = &s->syms[j];
        uint32_t zs = sym_slot(z);
        if (sym_is_local(z) && zs < s->nlocals) holder[zs] = z; /* first one wins */
    }
    uint32_t idx = 0;
    for (int pass = 0; pass < 4; pass++) {
        for (uint32_t i = 0; i < params->n && idx < s->nlocals; i++) {
            pe_node *a = params->v[i];
            if (a->op != pass) continue;
            sym *y = sym_find(s, a->name);
            if (!y) continue;
            uint32_t yslot = sym_slot(y);
            sym *z = holder[idx];
            if (z && z != y) {
                sym_set_slot(z, yslot);
                if (yslot < s->nlocals) holder[yslot] = z;
            }
            sym_set_slot(y, idx);
            holder[idx] = y;
            idx++;
        }
    }
    pe_mem_free(C->S, holder, s->nlocals * sizeof(sym *));
    return 0;
}

static int fix_param_order(compiler *C) {
    for (uint32_t i = 0; i < C->nscopes; i++) {
        scope *s = C->scopes[i];
        if (s->node && (s->node->kind == PE_N_DEF || s->node->kind == PE_N_LAMBDA))
            if (order_params(C, s, &s->node->l[0])) return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

static void compiler_free(compiler *C) {
    for (uint32_t i = 0; i < C->icap; i++)
        if (C->itab[i]) pe_decref_obj(C->S, C->itab[i]);
    pe_mem_free(C->S, C->itab, C->icap * sizeof(pe_obj *));
    for (uint32_t i = 0; i < C->nscopes; i++) scope_free(C, C->scopes[i]);
    pe_mem_free(C->S, C->scopes, C->scopecap * sizeof(scope *));
    pe_mem_free(C->S, C->gtable, C->gtcap * sizeof(uint32_t));
    pe_mem_free(C->S, C->gnames, C->gcap * sizeof(const char *));
}

/* Resolves all scopes (parents first: scopes[] is in creation order, which
 * is pre-order) and assigns indexes. */
static int resolve_all(compiler *C) {
    for (uint32_t i = 0; i < C->nscopes; i++)
        if (resolve_scope(C, C->scopes[i])) return -1;
    /* resolution may add FREE pass-through entries to already resolved
     * scopes; a second pass is idempotent for those */
    for (uint32_t i = 0; i < C->nscopes; i++)
        if (resolve_scope(C, C->scopes[i])) return -1;
    for (uint32_t i = 0; i < C->nscopes; i++)
        if (index_scope(C, C->scopes[i])) return -1;
    return fix_param_order(C);
}

/* One block: the pe_code, its global tables (nglobals entries, unset),
 * filename and a copy of the source. Counted against max_memory like every
 * other compile allocation (it comes from the state's system allocator,
 * uncached: it outlives the state, and records the allocator that frees
 * it). NULL with MemoryError / the memory LimitError. */
pe_code *pe_code_block_new(pe_state *S, uint32_t nglobals, const char *filename, const char *src,
                           size_t len) {
    size_t ng = nglobals, fnlen = strlen(filename);
    size_t total = sizeof(pe_code) + ng * (sizeof(pe_obj *) + sizeof(int32_t)) + fnlen + 1 + len + 1;
    size_t lim = S->mem_limit;
    if (len > SIZE_MAX / 4 ||
        (lim && (S->mem_used + total > lim || S->mem_used + total < S->mem_used))) {
        pe_raise_memory_limit(S);
        return NULL;
    }
    pe_code *code = pe_sys_alloc(S, total);
    if (!code) {
        pe_raise_nomem(S);
        return NULL;
    }
    memset(code, 0, total);
    code->alloc = S->alloc;
    code->alloc_ud = S->alloc_ud;
    code->block_size = total;
    char *p = (char *)code + sizeof(pe_code);
    code->gnames = ng ? (pe_obj **)p : NULL;
    p += ng * sizeof(pe_obj *);
    code->gbuiltin = ng ? (int32_t *)p : NULL;
    p += ng * sizeof(int32_t);
    code->nglobals = nglobals;
    code->filename = p;
    memcpy(p, filename, fnlen + 1);
    p += fnlen + 1;
    code->source = p;
    if (len) memcpy(p, src, len);
    p[len] = 0;
    code->source_len = len;
    return code;
}

pe_code *pe_compile_ast(pe_state *S, struct pe_ast *ast, const char *src, size_t len,
                        const char *filename, int mode) {
    pe_node *mod = (pe_node *)ast;
    compiler C0, *C = &C0;
    memset(C, 0, sizeof *C);
    C->S = S;
    C->filename = filename;
    C->src = src;
    C->srclen = len;
    pe_arena A = {S, NULL};
    C->A = &A;
    pe_code *code = NULL;
    unit *u = NULL;
    C->top_await = (mode & PE_MODE_TOP_AWAIT) != 0;
    mode &= ~PE_MODE_TOP_AWAIT;
    C->mode = mode;
    if (pe_ast_mangle(S, &A, mod, src, len)) goto fail; /* private names: mangle.c */
    C->module = scope_new(C, SC_MODULE, NULL, NULL);
    if (!C->module) goto fail;
    C->module->coroutine = C->top_await;
    if (collect_stmts(C, C->module, &mod->l[0])) goto fail;
    if (resolve_all(C)) goto fail;
    u = unit_new(C, C->module);
    if (!u) goto fail;
    pe_fcode *f = c_module_body(C, u, mod);
    if (f && C->top_await) {
        /* top-level await: the body is a coroutine, run by
         * asyncio._run_toplevel(body(), __pyexpr_host_wait__) */
        unit *outer = unit_new(C, C->module);
        if (!outer) {
            pe_decref_obj(S, &f->ob);
            goto fail;
        }
        unit_free(C, u);
        pe_mem_free(S, u, sizeof(unit));
        u = outer;
        f = c_toplevel_runner(C, u, f);
    }
    if (!f) goto fail;
    code = pe_code_block_new(S, C->nglobals, filename, src, len);
    if (!code) {
        pe_decref_obj(S, &f->ob);
        goto fail;
    }
    code->module = f;
    code->mode = mode;
    for (uint32_t i = 0; i < C->nglobals; i++) {
        pe_val s;
        if (pe_str_from_cstr(S, C->gnames[i], &s)) goto fail_code;
        code->gnames[i] = s.u.o;
        code->gbuiltin[i] = pe_builtin_lookup(C->gnames[i], strlen(C->gnames[i]));
    }
    code->flags = pe_code_compute_flags(code);
    unit_free(C, u);
    pe_mem_free(S, u, sizeof(unit));
    compiler_free(C);
    pe_arena_free(&A);
    return code;
fail_code:
    /* the caller sweeps the code heap; free only the block */
    pe_sys_free(S, code, code->block_size);
    code = NULL;
fail:
    if (u) {
        unit_free(C, u);
        pe_mem_free(S, u, sizeof(unit));
    }
    compiler_free(C);
    pe_arena_free(&A);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Disassembly (pyexpr --dis): one line per instruction                */
/* ------------------------------------------------------------------ */

/* The argument of instruction w, read by its kind (pe_vm.h). */
static void dump_arg(pe_state *S, const pe_code *code, const pe_fcode *f, uint32_t w, pe_sb *sb) {
    static const char *const cmp[] = {"<", "<=", "==", "!=", ">", ">="};
    uint32_t arg = PE_ARGOF(w);
    switch (pe_opinfo_table[PE_OPOF(w)].kind) {
    case PE_ARGK_CONST:
        pe_sb_puts(sb, "  (");
        if (arg < f->nconsts) pe_repr(S, f->consts[arg], sb);
        pe_sb_putc(sb, ')');
        break;
    case PE_ARGK_SIGNED:
        pe_sb_printf(sb, "  (%ld)", (long)((arg & 0x800000u) ? (int32_t)arg - 0x1000000 : (int32_t)arg));
        break;
    case PE_ARGK_LOCAL:
    case PE_ARGK_CELL:
        if (f->localnames && arg < f->nlocals + f->ncells + f->nfree && f->localnames[arg])
            pe_sb_printf(sb, "  (%s)", ((pe_str *)f->localnames[arg])->data);
        break;
    case PE_ARGK_GLOBAL:
        if (arg < code->nglobals) pe_sb_printf(sb, "  (%s)", ((pe_str *)code->gnames[arg])->data);
        break;
    case PE_ARGK_NAME:
        if (arg < f->nnames) pe_sb_printf(sb, "  (%s)", ((pe_str *)f->names[arg])->data);
        break;
    case PE_ARGK_INPLACE:
        if (arg) pe_sb_puts(sb, "  (inplace)");
        break;
    case PE_ARGK_BINOP:
        if ((arg & 0xffu) < PE_BO__COUNT)
            pe_sb_printf(sb, "  (%s%s)", pe_binop_symbols[arg & 0xffu], arg >> 8 ? "=" : "");
        break;
    case PE_ARGK_CMP:
        if (arg < sizeof cmp / sizeof cmp[0]) pe_sb_printf(sb, "  (%s)", cmp[arg]);
        break;
    case PE_ARGK_INVERT:
        if (PE_OPOF(w) == PE_OP_IS_OP) pe_sb_puts(sb, arg ? "  (is not)" : "  (is)");
        else pe_sb_puts(sb, arg ? "  (not in)" : "  (in)");
        break;
    case PE_ARGK_JUMP:
        pe_sb_printf(sb, "  (to %u)", arg);
        break;
    case PE_ARGK_EXC:
        if (arg < PE_EXC__COUNT) pe_sb_printf(sb, "  (%s)", pe_exc_types[arg].name);
        break;
    default:
        break;
    }
}

static void dump_fcode(pe_state *S, const pe_code *code, const pe_fcode *f, pe_sb *sb,
                       int depth) {
    pe_sb_printf(sb, "%*scode %s: nargs=%u nlocals=%u ncells=%u nfree=%u stack=%u\n", depth * 2,
                 "", ((pe_str *)f->name)->data, f->nargs, f->nlocals, f->ncells, f->nfree,
                 f->stacksize);
    for (uint32_t i = 0; i < f->nexctab; i++)
        pe_sb_printf(sb, "%*s  handler [%u, %u) -> %u depth %u\n", depth * 2, "",
                     f->exctab[i].start, f->exctab[i].end, f->exctab[i].target,
                     f->exctab[i].depth);
    for (uint32_t i = 0; i < f->ncode; i++) {
        uint32_t w = f->code[i];
        const char *name =
            PE_OPOF(w) < PE_OP__COUNT ? pe_opinfo_table[PE_OPOF(w)].name : "<unknown>";
        pe_sb_printf(sb, "%*s%5u %4u  %-22s %u", depth * 2, "", i, f->lines[i], name,
                     PE_ARGOF(w));
        if (PE_OPOF(w) < PE_OP__COUNT) dump_arg(S, code, f, w, sb);
        pe_sb_putc(sb, '\n');
    }
    for (uint32_t i = 0; i < f->nconsts; i++)
        if (pe_is_kind(f->consts[i], PE_K_CODE))
            dump_fcode(S, code, (const pe_fcode *)f->consts[i].u.o, sb, depth + 1);
}

void pe_code_dump(pe_state *S, const pe_code *code, pe_sb *sb) {
    for (uint32_t i = 0; i < code->nglobals; i++)
        pe_sb_printf(sb, "global %u: %s%s\n", i, ((pe_str *)code->gnames[i])->data,
                     code->gbuiltin[i] >= 0 ? " (builtin)" : "");
    dump_fcode(S, code, code->module, sb, 0);
}
