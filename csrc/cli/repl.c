/*
 * repl.c - the interactive prompt of the `pyexpr` binary (python3's `>>>`).
 *
 * Input is gathered line by line as CPython's prompt does: a simple
 * statement runs as soon as it is complete; a compound statement (if, for,
 * def, ...) or a comment-only line waits for an empty line; open brackets,
 * triple-quoted strings and backslash continuations always ask for more
 * ("... "); a line holding only a comment gives a fresh prompt. Each finished input is compiled as its own program named
 * "<stdin>" (so tracebacks count lines from the input's first line, as
 * CPython's do) in PE_MODE_SINGLE and run at once: its errors are printed
 * before the next prompt, and every expression statement outside functions
 * echoes its value's repr() (not None) and binds it to `_`.
 *
 * Globals persist across inputs through one session slot table: every
 * compiled input's global slots are renumbered to session slots (the
 * LOAD/STORE/DELETE_GLOBAL arguments are rewritten in the REPL's private,
 * uncached copy of the code), and S->code points at a view whose gnames and
 * gbuiltin cover every session slot, so functions defined in one input and
 * called from another read and write the same variables. Compiled inputs
 * stay alive for the session (objects made by a run may point into them).
 *
 * Ctrl-C while a statement runs sets S->interrupted (the flag the VM polls
 * at loop back-edges and calls), which raises KeyboardInterrupt there.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pe_ast.h"
#include "pe_repl.h"
#include "pe_vm.h"


/* ------------------------------------------------------------------ */
/* Output: stdout line-buffered like CPython's on a terminal; stderr    */
/* unbuffered (stdout is flushed first so the two interleave in order) */
/* ------------------------------------------------------------------ */

typedef struct repl_out {
    int fd;
    size_t len;
    size_t col; /* columns written since the last newline (stdout or stderr) */
    char buf[4096];
} repl_out;

static void track_column(repl_out *o, const char *s, size_t n) {
    const char *nl = memrchr(s, '\n', n);
    if (nl) o->col = pe_le_width(nl + 1, (size_t)(s + n - nl - 1));
    else o->col += pe_le_width(s, n);
}

static void fd_write_all(int fd, const char *s, size_t n) {
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

static void out_flush(repl_out *o) {
    fd_write_all(o->fd, o->buf, o->len);
    o->len = 0;
}

static size_t out_write(void *ud, const char *s, size_t n) {
    repl_out *o = ud;
    track_column(o, s, n);
    if (n > sizeof o->buf - o->len) {
        out_flush(o);
        if (n > sizeof o->buf) {
            fd_write_all(o->fd, s, n);
            return n;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    if (memchr(s, '\n', n)) out_flush(o);
    return n;
}

static size_t err_write(void *ud, const char *s, size_t n) {
    out_flush(ud); /* ud: the stdout buffer */
    track_column(ud, s, n);
    fd_write_all(2, s, n);
    return n;
}

/* ------------------------------------------------------------------ */
/* Ctrl-C                                                              */
/* ------------------------------------------------------------------ */

/* The one piece of process-wide state: a signal handler can reach the
 * session's pe_state only through a static. Set while the prompt runs. */
static pe_state *volatile repl_sig_state;

static void on_sigint(int sig) {
    (void)sig;
    pe_state *S = repl_sig_state;
    if (S) S->interrupted = 1;
}

/* ------------------------------------------------------------------ */
/* The session: slot table shared by every input                        */
/* ------------------------------------------------------------------ */

typedef struct session {
    pe_state *S;
    pe_code view;       /* S->code during the session: names of all slots */
    pe_obj **gnames;    /* str objects owned by the codes below */
    int32_t *gbuiltin;
    pe_val *g;          /* S->globals */
    uint32_t n, cap;
    pe_val index;       /* dict: name -> slot */
    uint32_t underscore; /* slot of `_`: the last value echoed */
    pe_val last;         /* what the echo last stored in `_` (identity only) */
    pe_code **codes;    /* every compiled input, released at exit */
    size_t ncodes, codes_cap;
    repl_out out;
    pe_ledit *le;
    char *buf;          /* the input being gathered */
    size_t len, cap_buf;
} session;

/* Grows the slot arrays to hold `need` slots. The value array is moved to
 * a new block: functions made by earlier inputs point at it, so their
 * pointers are redirected (no frame is live between inputs). */
static int session_reserve(session *s, uint32_t need) {
    if (need <= s->cap) return 0;
    if (need > PE_ARG_MAX) return pe_raise_nomem(s->S);
    uint32_t cap = s->cap ? s->cap : 64;
    while (cap < need) cap *= 2;
    pe_obj **gn = realloc(s->gnames, cap * sizeof *gn);
    if (!gn) return pe_raise_nomem(s->S);
    s->gnames = gn;
    int32_t *gb = realloc(s->gbuiltin, cap * sizeof *gb);
    if (!gb) return pe_raise_nomem(s->S);
    s->gbuiltin = gb;
    pe_val *g = malloc(cap * sizeof *g);
    if (!g) return pe_raise_nomem(s->S);
    if (s->n) memcpy(g, s->g, s->n * sizeof *g);
    pe_heap *h = &s->S->heap;
    for (pe_obj *o = h->head.gc_next; o != &h->head; o = o->gc_next)
        if (o->type == &pe_type_function && ((pe_func *)o)->globals == s->g)
            ((pe_func *)o)->globals = g;
    free(s->g);
    s->g = g;
    s->cap = cap;
    s->S->globals = g;
    return 0;
}

/* The session slot of a global name, created (builtin value or unbound)
 * on first use. Returns the slot or -1 (exception pending). */
static int64_t session_slot(session *s, pe_obj *name, int32_t builtin) {
    pe_val v;
    int r = pe_dict_get(s->S, PE_DICT(s->index), pe_obj_val(name), &v);
    if (r < 0) return -1;
    if (r == 1) return v.u.i;
    if (session_reserve(s, s->n + 1)) return -1;
    uint32_t k = s->n;
    if (pe_dict_set(s->S, PE_DICT(s->index), pe_obj_val(name), pe_int(k))) return -1;
    s->gnames[k] = name;
    s->gbuiltin[k] = builtin;
    s->g[k] = builtin >= 0 ? pe_builtin_value(builtin) : pe_undef();
    s->n++;
    return k;
}

/* Renumbers code's global slots to session slots (the REPL owns this code:
 * it was compiled here and is not shared through a cache). */
static int session_adopt(session *s, pe_code *code) {
    if (s->ncodes == s->codes_cap) {
        size_t nc = s->codes_cap ? s->codes_cap * 2 : 16;
        pe_code **cs = realloc(s->codes, nc * sizeof *cs);
        if (!cs) {
            pe_code_release_in(s->S, code);
            return pe_raise_nomem(s->S);
        }
        s->codes = cs;
        s->codes_cap = nc;
    }
    s->codes[s->ncodes++] = code; /* from now on released at exit */
    uint32_t *map = malloc((code->nglobals ? code->nglobals : 1) * sizeof *map);
    if (!map) return pe_raise_nomem(s->S);
    for (uint32_t i = 0; i < code->nglobals; i++) {
        int64_t k = session_slot(s, code->gnames[i], code->gbuiltin[i]);
        if (k < 0) {
            free(map);
            return -1;
        }
        map[i] = (uint32_t)k;
    }
    for (pe_obj *o = code->heap.head.gc_next; o != &code->heap.head; o = o->gc_next) {
        if (o->type != &pe_type_code) continue;
        pe_fcode *fc = (pe_fcode *)o;
        for (uint32_t k = 0; k < fc->ncode; k++) {
            uint32_t w = fc->code[k], op = PE_OPOF(w);
            if (op == PE_OP_LOAD_GLOBAL || op == PE_OP_STORE_GLOBAL || op == PE_OP_DELETE_GLOBAL)
                fc->code[k] = PE_INSTR(op, map[PE_ARGOF(w)]);
        }
    }
    free(map);
    s->view.gnames = s->gnames;
    s->view.gbuiltin = s->gbuiltin;
    s->view.nglobals = s->n;
    s->S->code = &s->view;
    s->S->globals = s->g;
    s->S->nglobals = s->n;
    return 0;
}

/* Creates the session slot of `_` (before any run: the slot table must
 * not grow while a program runs). */
static int session_underscore(session *s) {
    pe_val key;
    if (pe_str_new(s->S, "_", 1, &key)) return -1;
    int64_t k = session_slot(s, key.u.o, -1); /* the slot keeps the reference */
    if (k < 0) {
        pe_decref(s->S, key);
        return -1;
    }
    s->underscore = (uint32_t)k;
    s->view.gnames = s->gnames;
    s->view.gbuiltin = s->gbuiltin;
    s->view.nglobals = s->n;
    s->S->globals = s->g;
    s->S->nglobals = s->n;
    return 0;
}

static void session_free(session *s) {
    pe_state *S = s->S;
    for (uint32_t i = 0; i < s->n; i++) pe_decref(S, s->g[i]);
    S->globals = NULL;
    S->nglobals = 0;
    S->code = NULL;
    S->displayhook = NULL;
    pe_decref(S, s->index);
    /* the `_` slot name lives on the run heap */
    pe_reset(S);
    for (size_t i = 0; i < s->ncodes; i++) pe_code_release_in(S, s->codes[i]);
    free(s->codes);
    free(s->g);
    free(s->gnames);
    free(s->gbuiltin);
    free(s->buf);
}

/* ------------------------------------------------------------------ */
/* Running one input                                                    */
/* ------------------------------------------------------------------ */

static void show_exception(session *s) {
    out_flush(&s->out);
    pe_print_exception(s->S);
}

/* PRINT_EXPR's hook: repr on stdout, then `_` = the value (CPython's
 * sys.displayhook binds builtins._; here it is a session global, left alone
 * once the user has bound `_` to something else). */
static int display(pe_state *S, pe_val v, void *ud) {
    session *s = ud;
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pe_repr(S, v, &sb);
    if (r == 0 && sb.failed) r = pe_raise_nomem(S);
    if (r == 0) {
        out_write(&s->out, sb.p, sb.len);
        out_write(&s->out, "\n", 1);
        /* a `_` the user assigned shadows it, as a global shadows
         * builtins._ in CPython */
        pe_val *u = &s->g[s->underscore];
        if (u->tag == PE_TUNDEF || (u->tag == s->last.tag && u->u.i == s->last.u.i)) {
            pe_incref(v);
            pe_decref(S, *u);
            *u = v;
            s->last = v; /* compared only, never dereferenced */
        }
    }
    pe_sb_free(&sb);
    return r;
}

static void run_input(session *s, pe_code *code) {
    pe_state *S = s->S;
    if (session_adopt(s, code)) {
        show_exception(s);
        return;
    }
    pe_val result = pe_none();
    if (pe_run_value(S, code, &result)) show_exception(s);
    else pe_decref(S, result);
    out_flush(&s->out);
}

/* ------------------------------------------------------------------ */
/* Gathering input                                                      */
/* ------------------------------------------------------------------ */

static bool is_blank(const char *l, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (l[i] != ' ' && l[i] != '\t' && l[i] != '\f' && l[i] != '\r') return false;
    return true;
}

/* The first line of buf that holds code (not blank, not only a comment),
 * or NULL. */
static const char *first_code_line(const char *buf, size_t len, size_t *n) {
    const char *p = buf, *end = buf + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *q = p;
        while (q < le && (*q == ' ' || *q == '\t' || *q == '\f')) q++;
        if (q < le && *q != '#' && *q != '\r') {
            *n = (size_t)(le - q);
            return q;
        }
        p = le + 1;
    }
    return NULL;
}

/* Does the line (n bytes) start with one of the keywords, as a whole word? */
static bool starts_with_keyword(const char *l, size_t n, const char *const *kw, size_t nkw) {
    for (size_t i = 0; i < nkw; i++) {
        size_t k = strlen(kw[i]);
        if (n >= k && !memcmp(l, kw[i], k) &&
            (n == k || !(l[k] == '_' || (l[k] >= 'a' && l[k] <= 'z') ||
                         (l[k] >= 'A' && l[k] <= 'Z') || (l[k] >= '0' && l[k] <= '9') ||
                         (unsigned char)l[k] >= 0x80)))
            return true;
    }
    return false;
}

/* Does the input start a compound statement (which ends with an empty
 * line)? */
static bool waits_for_blank(const char *buf, size_t len) {
    size_t n;
    const char *l = first_code_line(buf, len, &n);
    if (!l) return false;
    static const char *const kw[] = {"if", "while", "for", "try", "with", "def", "class", "async"};
    if (l[0] == '@') return true;
    return starts_with_keyword(l, n, kw, sizeof kw / sizeof kw[0]);
}

static uint32_t count_lines(const char *buf, size_t len) {
    uint32_t n = 0;
    for (size_t i = 0; i < len; i++) n += buf[i] == '\n';
    return n;
}

/* The pending SyntaxError says the input stopped too early: inside
 * brackets, a triple-quoted string or after a backslash (1: open), or at
 * its end, before a block or clause it announced (2: block). nlines: the
 * lines of the input compiled. */
static int incomplete_kind(pe_state *S, uint32_t nlines) {
    if (S->exc.tag != PE_TOBJ) return 0;
    pe_exc *e = PE_EXCOBJ(S->exc);
    if (!pe_type_is_subtype(e->ob.type, PE_EXC(SyntaxError))) return 0;
    if (e->args.tag != PE_TOBJ || PE_TUPLE(e->args)->n == 0) return 0;
    pe_val m = PE_TUPLE(e->args)->items[0];
    if (!pe_is_str(m)) return 0;
    const char *t = PE_STR(m)->data;
    if (strstr(t, "was never closed") || strstr(t, "unterminated triple-quoted") ||
        strstr(t, "unexpected EOF while parsing"))
        return 1;
    if ((strstr(t, "expected an indented block") || strstr(t, "expected 'except' or 'finally'")) &&
        e->lineno > (int64_t)nlines)
        return 2;
    return 0;
}

/* Does the line start with a clause that continues a compound statement? */
static bool is_clause(const char *l, size_t n) {
    static const char *const kw[] = {"else", "elif", "except", "finally"};
    return starts_with_keyword(l, n, kw, sizeof kw / sizeof kw[0]);
}

/* CPython's prompt takes one statement per input: a line back at column 0
 * after a complete block (that is not else/elif/except/finally) is
 * "invalid syntax" at its first token. Raises it and returns true. */
static bool second_statement(session *s, const char *line, size_t n) {
    pe_state *S = s->S;
    if (!s->len || !n || line[0] == ' ' || line[0] == '\t' || line[0] == '\f' || line[0] == '#' ||
        line[0] == '\r' || is_clause(line, n) || !waits_for_blank(s->buf, s->len))
        return false;
    pe_code *before = pe_compile(S, s->buf, s->len, "<stdin>", PE_MODE_SINGLE);
    if (!before) { /* unfinished (open brackets, missing block): not this rule */
        pe_exc_clear(S);
        return false;
    }
    pe_code_release_in(S, before);
    int64_t end = 2;
    pe_lexer L;
    pe_token tok;
    pe_lex_init(&L, S, line, n, "<stdin>");
    if (pe_lex_next(&L, &tok) == 0 && tok.line == 1 && tok.end_line == 1 && tok.end_col > tok.col)
        end = tok.end_col;
    pe_exc_clear(S);
    pe_raise_syntax(S, PE_EXC(SyntaxError), "invalid syntax", "<stdin>",
                    count_lines(s->buf, s->len) + 1, 1, end, line, n);
    return true;
}

static bool is_exit_call(const char *l, size_t n) {
    while (n && (*l == ' ' || *l == '\t')) l++, n--;
    while (n && (l[n - 1] == ' ' || l[n - 1] == '\t' || l[n - 1] == '\r')) n--;
    return (n == 6 && !memcmp(l, "exit()", 6)) || (n == 6 && !memcmp(l, "quit()", 6));
}

static void input_reset(session *s) {
    if (s->len && s->le) {
        size_t n = s->len;
        while (n && s->buf[n - 1] == '\n') n--;
        if (n && !is_blank(s->buf, n)) pe_le_history_add(s->le, s->buf, n);
    }
    s->len = 0;
}

/* End of input inside a statement (an empty line after a block, or EOF):
 * it is complete now or an error. */
static void end_input(session *s) {
    pe_code *code = pe_compile(s->S, s->buf, s->len, "<stdin>", PE_MODE_SINGLE);
    input_reset(s);
    if (code) run_input(s, code);
    else show_exception(s);
}

static int append_line(session *s, const char *line, size_t n) {
    if (s->len + n + 2 > s->cap_buf) {
        size_t nc = (s->len + n + 2) * 2;
        char *nb = realloc(s->buf, nc);
        if (!nb) {
            pe_raise_nomem(s->S);
            input_reset(s);
            show_exception(s);
            return -1;
        }
        s->buf = nb;
        s->cap_buf = nc;
    }
    memcpy(s->buf + s->len, line, n);
    s->len += n;
    s->buf[s->len++] = '\n';
    s->buf[s->len] = 0;
    return 0;
}

/* Feeds one line (no newline). Returns 1 when the user asked to exit. */
static int feed_line(session *s, const char *line, size_t n) {
    pe_state *S = s->S;
    bool blank = is_blank(line, n);
    if (s->len == 0 && blank) return 0;
    if (s->len == 0 && is_exit_call(line, n)) {
        pe_le_history_add(s->le, line, n);
        return 1;
    }
    if (blank) {
        /* ends the statement, unless inside brackets or a string: then it
         * is part of it (the input is compiled without it first, so error
         * lines are counted as CPython counts them) */
        pe_code *code = pe_compile(S, s->buf, s->len, "<stdin>", PE_MODE_SINGLE);
        if (!code && incomplete_kind(S, count_lines(s->buf, s->len)) == 1) {
            pe_exc_clear(S);
            append_line(s, line, n);
            return 0;
        }
        input_reset(s);
        if (code) run_input(s, code);
        else show_exception(s);
        return 0;
    }
    if (second_statement(s, line, n)) {
        if (append_line(s, line, n) == 0) input_reset(s);
        show_exception(s);
        return 0;
    }
    if (append_line(s, line, n)) return 0;
    pe_code *code = pe_compile(S, s->buf, s->len, "<stdin>", PE_MODE_SINGLE);
    if (code) {
        if (waits_for_blank(s->buf, s->len)) {
            pe_code_release_in(S, code);
            return 0;
        }
        input_reset(s);
        run_input(s, code);
        return 0;
    }
    if (incomplete_kind(S, count_lines(s->buf, s->len))) {
        pe_exc_clear(S);
        return 0;
    }
    input_reset(s);
    show_exception(s);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Tab completion: globals, builtins, keywords; attributes after "x."  */
/* ------------------------------------------------------------------ */

static bool ident_byte(unsigned char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

/* CPython's rlcompleter: keywords get a space (or ':'), callables "(". */
static void cand_add(pe_le_cands *c, const char *name, size_t n, const char *prefix, size_t pn,
                     const char *suffix) {
    if (n < pn || memcmp(name, prefix, pn)) return;
    if (pn == 0 && name[0] == '_') return; /* rlcompleter hides _names without a prefix */
    char tmp[256];
    size_t sl = strlen(suffix);
    if (n + sl >= sizeof tmp) return;
    memcpy(tmp, name, n);
    memcpy(tmp + n, suffix, sl);
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->v[i]) == n + sl && !memcmp(c->v[i], tmp, n + sl)) return;
    pe_le_cands_add(c, tmp, n + sl);
}

/* "(" for what callable() calls callable (builtins.c's test). */
static const char *callable_suffix(pe_val v) {
    int k = pe_typeof(v)->kind;
    return k == PE_K_TYPE || k == PE_K_FUNC || k == PE_K_CFUNC || k == PE_K_BMETHOD ||
                   k == PE_K_HOST
               ? "("
               : "";
}

static const char *const py_keywords[] = {
    "False", "None",   "True",    "and",      "as",     "assert", "async", "await",
    "break", "class",  "continue", "def",     "del",    "elif",   "else",  "except",
    "finally", "for",  "from",    "global",   "if",     "import", "in",    "is",
    "lambda", "nonlocal", "not",  "or",       "pass",   "raise",  "return", "try",
    "while", "with",   "yield"};

static void complete_names(session *s, const char *p, size_t pn, pe_le_cands *out) {
    for (size_t i = 0; i < sizeof py_keywords / sizeof py_keywords[0]; i++) {
        const char *k = py_keywords[i];
        const char *suf = !strcmp(k, "finally") || !strcmp(k, "try") ? ":"
                          : !strcmp(k, "False") || !strcmp(k, "None") || !strcmp(k, "True") ||
                                  !strcmp(k, "break") || !strcmp(k, "continue") ||
                                  !strcmp(k, "pass") || !strcmp(k, "else")
                              ? ""
                              : " ";
        cand_add(out, k, strlen(k), p, pn, suf);
    }
    for (uint32_t i = 0; i < s->n; i++) {
        if (s->g[i].tag == PE_TUNDEF) continue;
        const pe_str *nm = (const pe_str *)s->gnames[i];
        cand_add(out, nm->data, nm->len, p, pn, callable_suffix(s->g[i]));
    }
    for (int i = 0;; i++) {
        const char *b = pe_builtin_name(i);
        if (!b) break;
        if (!*b) continue;
        cand_add(out, b, strlen(b), p, pn, callable_suffix(pe_builtin_value(i)));
    }
}

/* Attribute names of the global `obj` (a dotted path is not evaluated:
 * only a plain name before the dot). */
static void complete_attrs(session *s, const char *obj, size_t on, const char *p, size_t pn,
                           pe_le_cands *out) {
    pe_val v = pe_undef();
    for (uint32_t i = 0; i < s->n; i++) {
        const pe_str *nm = (const pe_str *)s->gnames[i];
        if (nm->len == on && !memcmp(nm->data, obj, on)) v = s->g[i];
    }
    if (v.tag == PE_TUNDEF) {
        char name[128];
        if (on >= sizeof name) return;
        memcpy(name, obj, on);
        name[on] = 0;
        int b = pe_builtin_lookup(name, on);
        if (b < 0) return;
        v = pe_builtin_value(b);
    }
    const pe_type *t = pe_typeof(v);
    if (t == &pe_type_type) t = (const pe_type *)v.u.o; /* int.<Tab>: its methods */
    char pre[160];
    for (; t; t = t->base) {
        if (!t->methods) continue;
        for (const pe_cfunc *m = t->methods; m->name; m++) {
            size_t mn = strlen(m->name);
            if (on + 1 + mn >= sizeof pre) continue;
            if (mn < pn || memcmp(m->name, p, pn)) continue;
            if (pn == 0 && m->name[0] == '_') continue;
            memcpy(pre, obj, on);
            pre[on] = '.';
            memcpy(pre + on + 1, m->name, mn);
            cand_add(out, pre, on + 1 + mn, pre, on + 1 + mn, "(");
        }
    }
}

static void repl_complete(void *ud, const char *buf, size_t len, size_t cursor, size_t *start,
                          pe_le_cands *out) {
    session *s = ud;
    (void)len;
    size_t b = cursor;
    while (b > 0 && (ident_byte((unsigned char)buf[b - 1]) || buf[b - 1] == '.')) b--;
    *start = b;
    const char *w = buf + b;
    size_t wn = cursor - b;
    const char *dot = memchr(w, '.', wn);
    if (!dot) {
        complete_names(s, w, wn, out);
        return;
    }
    const char *last = w + wn;
    while (last > w && last[-1] != '.') last--;
    if (dot != last - 1 || dot == w || (w[0] >= '0' && w[0] <= '9')) return; /* x.y.z: no */
    complete_attrs(s, w, (size_t)(dot - w), last, (size_t)(w + wn - last), out);
}

/* ------------------------------------------------------------------ */
/* History file                                                         */
/* ------------------------------------------------------------------ */

/* PYEXPR_HISTFILE: a path, or empty to keep no history file; else
 * $XDG_STATE_HOME/pyexpr/history, else ~/.local/state/pyexpr/history. */
static char *history_path(void) {
    const char *e = getenv("PYEXPR_HISTFILE");
    if (e) return *e ? strdup(e) : NULL;
    const char *x = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char *p = NULL;
    size_t n;
    if (x && x[0] == '/') {
        n = strlen(x) + sizeof "/pyexpr/history";
        if ((p = malloc(n))) snprintf(p, n, "%s/pyexpr/history", x);
    } else if (home && home[0]) {
        n = strlen(home) + sizeof "/.local/state/pyexpr/history";
        if ((p = malloc(n))) snprintf(p, n, "%s/.local/state/pyexpr/history", home);
    }
    return p;
}

/* ------------------------------------------------------------------ */
/* The loop                                                             */
/* ------------------------------------------------------------------ */

int pe_repl_main(pe_state *S) {
    session s;
    memset(&s, 0, sizeof s);
    s.S = S;
    s.out.fd = 1;
    s.view.filename = "<stdin>";
    s.view.mode = PE_MODE_SINGLE;
    pe_set_output(S, out_write, &s.out, err_write, &s.out);
    if (pe_dict_new(S, &s.index)) {
        pe_print_exception(S);
        return 1;
    }
    S->code = &s.view;
    S->displayhook = display;
    S->displayhook_ud = &s;
    if (session_underscore(&s)) {
        pe_print_exception(S);
        session_free(&s);
        return 1;
    }
    s.le = pe_le_new(0, 1, 2);
    if (!s.le) {
        fd_write_all(2, "pyexpr: out of memory\n", 22);
        session_free(&s);
        return 1;
    }
    if (pe_le_is_terminal(s.le)) {
        char *hp = history_path();
        if (hp) pe_le_history_file(s.le, hp);
        free(hp);
    }
    pe_le_set_completer(s.le, repl_complete, &s);

    struct sigaction sa, old_sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns EINTR */
    repl_sig_state = S;
    sigaction(SIGINT, &sa, &old_sa);

    fd_write_all(2, "pyexpr " PYEXPR_VERSION " (a Python 3.11 subset)\n"
                    "Type Ctrl-D (i.e. EOF) or exit() to exit.\n",
                 strlen("pyexpr " PYEXPR_VERSION " (a Python 3.11 subset)\n"
                        "Type Ctrl-D (i.e. EOF) or exit() to exit.\n"));
    for (;;) {
        char *line = NULL;
        size_t n = 0;
        out_flush(&s.out);
        pe_le_set_column(s.le, s.out.col);
        s.out.col = 0;
        int r = pe_le_read(s.le, s.len ? "... " : ">>> ", "... ", &line, &n);
        if (r == PE_LE_EOF) { /* banner, prompts and this newline: stderr, as CPython */
            fd_write_all(2, "\n", 1);
            if (!s.len) break;
            end_input(&s); /* as CPython: EOF ends the pending statement */
            continue;
        }
        if (r == PE_LE_INTR) {
            free(line);
            input_reset(&s);
            S->interrupted = 0;
            /* the editor has ended the line; a plain terminal shows ^C */
            if (!pe_le_is_terminal(s.le)) fd_write_all(2, "\n", 1);
            fd_write_all(2, "KeyboardInterrupt\n", 18);
            continue;
        }
        if (r != PE_LE_LINE) break;
        /* a recalled block arrives as several lines: fed one by one */
        const char *p = line, *end = line + n;
        int quit = 0;
        for (;;) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            quit = feed_line(&s, p, nl ? (size_t)(nl - p) : (size_t)(end - p));
            if (quit || !nl) break;
            p = nl + 1;
        }
        free(line);
        if (quit) break;
    }
    input_reset(&s);
    sigaction(SIGINT, &old_sa, NULL);
    repl_sig_state = NULL;
    out_flush(&s.out);
    pe_le_free(s.le);
    session_free(&s);
    return 0;
}
