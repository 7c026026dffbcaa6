/*
 * repl.c - the interactive prompt of the `pyexpr` binary (python3's `>>>`).
 *
 * Input is gathered line by line as CPython's prompt does: a simple
 * statement runs as soon as it is complete; a compound statement (if, for,
 * def, ...) or a comment-only line waits for an empty line; open brackets,
 * triple-quoted strings and backslash continuations always ask for more
 * ("... "); a line holding only a comment gives a fresh prompt. Each
 * finished input is compiled as its own program named
 * "<stdin>" (so tracebacks count lines from the input's first line, as
 * CPython's do) in PE_MODE_SINGLE and run at once: its errors are printed
 * before the next prompt, and every expression statement outside functions
 * echoes its value's repr() (not None) and binds it to `_`.
 *
 * When an input is complete is the engine's call (pe_source_is_complete),
 * as is the rule that an input holds one statement (pe_compile in
 * PE_MODE_SINGLE). Globals persist across inputs in a pe_session: functions
 * defined in one input and called from another read and write the same
 * variables.
 *
 * Written against pyexpr.h alone, as an embedder would write it.
 *
 * Ctrl-C while a statement runs calls pe_interrupt, which raises
 * KeyboardInterrupt at the program's next loop back-edge or call.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pe_repl.h"

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
 * session's pe_state only through a static. Set while an input runs (at
 * the prompt, the line editor sees Ctrl-C itself). */
static pe_state *volatile repl_sig_state;

static void on_sigint(int sig) {
    (void)sig;
    pe_state *S = repl_sig_state;
    if (S) pe_interrupt(S);
}

/* ------------------------------------------------------------------ */
/* The session                                                          */
/* ------------------------------------------------------------------ */

typedef struct session {
    pe_state *S;
    pe_session *globals; /* the variables every input shares */
    pe_value last;       /* what the echo last stored in `_` (compared only) */
    bool has_last;
    repl_out out;
    pe_ledit *le;
    char *buf;           /* the input being gathered */
    size_t len, cap_buf;
} session;

/* Same value: the same object, or equal immediates of the same type. */
static bool same_value(pe_state *S, pe_value a, pe_value b) {
    pe_type_id t = pe_value_type(a);
    if (t != pe_value_type(b)) return false;
    if (pe_value_id(a) || pe_value_id(b)) return pe_value_id(a) == pe_value_id(b);
    int64_t i, j;
    double x, y;
    switch (t) {
    case PE_TYPE_NONE:
        return true;
    case PE_TYPE_BOOL:
        return pe_value_is_true(a) == pe_value_is_true(b);
    case PE_TYPE_INT:
        return pe_value_to_int64(S, a, &i) == 0 && pe_value_to_int64(S, b, &j) == 0 && i == j;
    case PE_TYPE_FLOAT:
        return pe_value_to_double(S, a, &x) == 0 && pe_value_to_double(S, b, &y) == 0 &&
               !memcmp(&x, &y, sizeof x);
    default:
        return false;
    }
}

static void session_free(session *s) {
    pe_set_display_hook(s->S, NULL, NULL);
    pe_session_free(s->S, s->globals); /* ends with pe_reset */
    free(s->buf);
}

static void show_exception(session *s) {
    out_flush(&s->out);
    pe_print_exception(s->S);
}

/* PRINT_EXPR's hook: repr on stdout, then `_` = the value (CPython's
 * sys.displayhook binds builtins._; here it is a session global, left alone
 * once the user has bound `_` to something else). */
static int display(pe_state *S, pe_value v, void *ud) {
    session *s = ud;
    char *text;
    size_t n;
    if (pe_value_repr(S, v, &text, &n)) return -1;
    out_write(&s->out, text, n);
    out_write(&s->out, "\n", 1);
    free(text);
    /* a `_` the user assigned shadows it, as a global shadows builtins._
     * in CPython */
    pe_value cur;
    int bound = pe_session_get(S, s->globals, "_", 1, 0, &cur);
    if (bound < 0) return -1;
    bool mine = !bound || (s->has_last && same_value(S, cur, s->last));
    if (bound) pe_value_release(S, cur);
    if (mine) {
        if (pe_session_set(S, s->globals, "_", 1, &v)) return -1;
        s->last = v; /* compared only, never used as a value */
        s->has_last = true;
    }
    return 0;
}

static void run_input(session *s, pe_code *code) {
    pe_state *S = s->S;
    repl_sig_state = S;
    int r = pe_session_run(S, s->globals, code, NULL);
    repl_sig_state = NULL;
    pe_code_release_in(S, code); /* the session keeps its own reference */
    if (r) show_exception(s);
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

/* Compiles buf[0..len) (the input: "<stdin>", interactive mode) and runs
 * it, or shows why it does not compile; the input is over. */
static void run_buffer(session *s, size_t len) {
    pe_code *code = pe_compile(s->S, s->buf, len, "<stdin>", PE_MODE_SINGLE);
    input_reset(s);
    if (code) run_input(s, code);
    else show_exception(s);
}

static int append_line(session *s, const char *line, size_t n) {
    if (s->len + n + 2 > s->cap_buf) {
        size_t nc = (s->len + n + 2) * 2;
        char *nb = realloc(s->buf, nc);
        if (!nb) {
            input_reset(s);
            out_flush(&s->out);
            fd_write_all(2, "MemoryError\n", 12);
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
    bool blank = is_blank(line, n);
    if (s->len == 0 && blank) return 0;
    if (s->len == 0 && is_exit_call(line, n)) {
        pe_le_history_add(s->le, line, n);
        return 1;
    }
    size_t before = s->len;
    if (append_line(s, line, n)) return 0;
    if (!pe_source_is_complete(s->S, s->buf, s->len)) return 0;
    /* an empty line that ends a statement is not part of it (error lines
     * are counted as CPython counts them) */
    run_buffer(s, blank ? before : s->len);
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

/* "(" for what callable() calls callable. */
static const char *callable_suffix(pe_value v) {
    pe_type_id t = pe_value_type(v);
    return t == PE_TYPE_CALLABLE || t == PE_TYPE_HOST ? "(" : "";
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
    size_t pos = 0, nn;
    const char *name;
    pe_value v;
    while (pe_session_next(s->globals, &pos, &name, &nn, &v))
        cand_add(out, name, nn, p, pn, callable_suffix(v));
    /* builtins (a global of the same name was listed above, as
     * rlcompleter's namespace comes before its builtins) */
    for (int i = 0;; i++) {
        const char *b = pe_builtin_name(i);
        if (!b) break;
        size_t bn = strlen(b);
        if (!bn || bn < pn || memcmp(b, p, pn)) continue;
        if (pe_session_get(s->S, s->globals, b, bn, 1, &v) == 1) {
            cand_add(out, b, bn, p, pn, callable_suffix(v));
            pe_value_release(s->S, v);
        }
        pe_exception_clear(s->S);
    }
}

/* Method names of the global or builtin `obj` (a dotted path is not
 * evaluated: only a plain name before the dot), each with "(":
 * pe_value_dir lists the methods of its type (of the class itself for a
 * class, e.g. int.<Tab>). */
static void complete_attrs(session *s, const char *obj, size_t on, const char *p, size_t pn,
                           pe_le_cands *out) {
    pe_state *S = s->S;
    pe_value v, names;
    if (pe_session_get(S, s->globals, obj, on, 1, &v) != 1) {
        pe_exception_clear(S);
        return;
    }
    if (pe_value_dir(S, v, &names)) {
        pe_exception_clear(S);
        pe_value_release(S, v);
        return;
    }
    char pre[160];
    for (size_t i = 0, n = pe_value_len(names); i < n; i++) {
        size_t mn;
        const char *m = pe_value_utf8(pe_value_item(names, i), &mn);
        if (!m || on + 1 + mn >= sizeof pre) continue;
        if (mn < pn || memcmp(m, p, pn)) continue;
        if (pn == 0 && m[0] == '_') continue;
        memcpy(pre, obj, on);
        pre[on] = '.';
        memcpy(pre + on + 1, m, mn);
        cand_add(out, pre, on + 1 + mn, pre, on + 1 + mn, "(");
    }
    pe_value_release(S, names);
    pe_value_release(S, v);
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
    pe_set_output(S, out_write, &s.out, err_write, &s.out);
    s.globals = pe_session_new(S);
    /* the slot of `_` exists before any run (unbound until the first echo):
     * a run cannot add names */
    if (!s.globals || pe_session_set(S, s.globals, "_", 1, NULL)) {
        pe_print_exception(S);
        session_free(&s);
        return 1;
    }
    pe_set_display_hook(S, display, &s);
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
            run_buffer(&s, s.len); /* as CPython: EOF ends the pending statement */
            continue;
        }
        if (r == PE_LE_INTR) {
            free(line);
            input_reset(&s);
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
    out_flush(&s.out);
    pe_le_free(s.le);
    session_free(&s);
    return 0;
}
