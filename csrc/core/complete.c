/*
 * complete.c - interactive input as CPython's prompt reads it, line by
 * line:
 *   pe_source_is_complete  does the input gathered so far run now, or does
 *                          the prompt ask for more ("... ")?
 *   pe_single_check        the prompt's one-statement rule, applied by
 *                          pe_compile in PE_MODE_SINGLE: after a compound
 *                          statement, a new statement back at column 0
 *                          (not else/elif/except/finally) is "invalid
 *                          syntax" at its first token.
 *
 * The rules, as CPython's prompt applies them: a simple statement runs as
 * soon as it is complete; a compound statement (if, for, def, @decorator,
 * ...) waits for an empty line; open brackets, triple-quoted strings and
 * backslash continuations always ask for more, an empty line included; a
 * missing block after a header at the end of the input asks for more.
 * Incompleteness is read from the SyntaxError a trial compile raises.
 */
#include <string.h>

#include "pe_ast.h"

static bool is_blank(const char *l, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (l[i] != ' ' && l[i] != '\t' && l[i] != '\f' && l[i] != '\r') return false;
    return true;
}

/* The first line of buf that holds code (not blank, not only a comment),
 * or NULL; *n its length from its first non-blank byte. */
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
    /* the soft keyword: `match x:` (not `match = 1`, `match(x)`) */
    static const char *const soft[] = {"match"};
    size_t e = n;
    while (e > 0 && (l[e - 1] == ' ' || l[e - 1] == '\t' || l[e - 1] == '\r')) e--;
    if (e > 0 && l[e - 1] == ':' && starts_with_keyword(l, n, soft, 1)) return true;
    return starts_with_keyword(l, n, kw, sizeof kw / sizeof kw[0]);
}

/* Does the line start with a clause that continues a compound statement? */
static bool is_clause(const char *l, size_t n) {
    static const char *const kw[] = {"else", "elif", "except", "finally"};
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

/* A trial compile in PE_MODE_SINGLE without the one-statement rule and
 * without SyntaxWarnings (the real compile shows them): 0 compiled, -1
 * failed (exception pending). */
static int trial_compile(pe_state *S, const char *src, size_t len, const char *filename) {
    pe_write_fn err = S->err;
    S->err = NULL;
    pe_code *code = pe_compile_timed(S, src, len, filename, PE_MODE_SINGLE, NULL, NULL);
    S->err = err;
    if (!code) return -1;
    pe_code_release_in(S, code);
    return 0;
}

/* Is the line `l` (n bytes, starting at src + off) the start of a second
 * statement after the compound statement before it? (The part before it
 * compiles: otherwise it is inside brackets, a string, or a block that is
 * still missing.) Clears what the trial compile raised. */
static bool second_statement(pe_state *S, const char *src, size_t off, const char *l, size_t n,
                             const char *filename) {
    if (!off || !n || l[0] == ' ' || l[0] == '\t' || l[0] == '\f' || l[0] == '#' ||
        l[0] == '\r' || is_clause(l, n) || !waits_for_blank(src, off))
        return false;
    if (trial_compile(S, src, off, filename)) {
        pe_exc_clear(S);
        return false;
    }
    return true;
}

/* "invalid syntax" at the first token of line `lineno` (text l, n bytes),
 * unless that token is itself a lexical error that does not ask for more
 * input (e.g. an unterminated '...' string): then that error, as CPython's
 * tokenizer reports it before its parser sees the token. */
static int second_statement_error(pe_state *S, const char *src, size_t len, const char *filename,
                                  uint32_t lineno, const char *l, size_t n) {
    int64_t tend = 2;
    pe_lexer L;
    pe_token tok;
    pe_lex_init(&L, S, src, len, filename);
    for (;;) {
        if (pe_lex_next(&L, &tok)) {
            if (L.line >= lineno && !incomplete_kind(S, count_lines(src, len))) return -1;
            break;
        }
        if (tok.kind == PE_TOK_ENDMARKER) break;
        if (tok.line < lineno || tok.kind == PE_TOK_NEWLINE || tok.kind == PE_TOK_INDENT ||
            tok.kind == PE_TOK_DEDENT)
            continue;
        if (tok.line == lineno && tok.end_line == lineno && tok.end_col > tok.col)
            tend = tok.end_col;
        break;
    }
    pe_exc_clear(S);
    return pe_raise_syntax(S, PE_EXC(SyntaxError), "invalid syntax", filename, lineno, 1, tend, l,
                           n);
}

int pe_single_check(pe_state *S, const char *src, size_t len, const char *filename) {
    if (!src || !waits_for_blank(src, len)) return 0;
    if (!filename) filename = "<string>";
    size_t fn;
    const char *first = first_code_line(src, len, &fn), *end = src + len;
    const char *p = memchr(first, '\n', (size_t)(end - first));
    uint32_t lineno = count_lines(src, (size_t)(first - src)) + 1;
    while (p && ++p < end) {
        lineno++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        if (second_statement(S, src, (size_t)(p - src), p, n, filename))
            return second_statement_error(S, src, len, filename, lineno, p, n);
        p = nl;
    }
    return 0;
}

int pe_source_is_complete(pe_state *S, const char *src, size_t len) {
    if (!src || !len) return 1;
    /* what is pending stays pending; nothing is raised */
    pe_val saved = S->exc;
    S->exc = pe_undef();
    /* the newest line: [last, len), its newline not counted */
    size_t body = src[len - 1] == '\n' ? len - 1 : len, last = body;
    while (last > 0 && src[last - 1] != '\n') last--;
    const char *l = src + last;
    size_t n = body - last;
    int complete;
    if (last > 0 && is_blank(l, n)) {
        /* an empty line ends the statement, unless inside brackets or a
         * string: then it is part of it */
        complete = trial_compile(S, src, last, "<stdin>") == 0 ||
                   incomplete_kind(S, count_lines(src, last)) != 1;
    } else if (second_statement(S, src, last, l, n, "<stdin>")) {
        complete = 1; /* compiling it raises the error */
    } else if (trial_compile(S, src, len, "<stdin>") == 0) {
        complete = !waits_for_blank(src, len);
    } else {
        complete = !incomplete_kind(S, count_lines(src, len));
    }
    pe_exc_clear(S);
    S->exc = saved;
    return complete;
}
