/*
 * lexer.c - UTF-8 source to tokens, with INDENT/DEDENT and CPython's
 * tokenizer error messages.
 *
 * The lexer is pulled by the parser one token at a time. Columns are
 * 1-based code points; they are tracked incrementally so a megabyte-long
 * line costs linear time.
 */
#include <stdio.h>

#include "pe_ast.h"

const char *const pe_tok_text[PE_TOK__COUNT] = {
#define PE_TOK_TEXT(n, s) s,
    PE_TOKENS(PE_TOK_TEXT)
#undef PE_TOK_TEXT
};

void pe_lex_init(pe_lexer *L, pe_state *S, const char *src, size_t len, const char *filename) {
    /* only the scalar fields: the indentation/bracket stacks are written
     * before they are read (keeps a tiny compile cheap) */
    L->S = S;
    L->src = L->p = L->line_start = src;
    L->end = src + len;
    L->filename = filename;
    L->line = 1;
    L->line_base = 0;
    L->indents[0] = L->altindents[0] = 0;
    L->nindent = 1;
    L->pending_dedents = L->pending_indent = 0;
    L->at_line_start = true;
    L->eof_newline_done = false;
    L->last_kind = 0;
    L->paren_depth = 0;
    L->cc_line = L->cc_p = NULL;
    L->cc_col = 0;
    L->tick = 0;
    L->quiet = L->failed = L->eof_unclosed = L->bad_token = false;
    L->comment = NULL;
    /* a UTF-8 byte order mark is skipped */
    if (len >= 3 && (unsigned char)src[0] == 0xEF && (unsigned char)src[1] == 0xBB &&
        (unsigned char)src[2] == 0xBF)
        L->p = L->line_start = src + 3;
}

/* Code-point column (1-based) of p on the current line. */
static uint32_t col_of(pe_lexer *L, const char *p) {
    const char *q = L->line_start;
    uint32_t c = 1;
    if (L->cc_line == L->line_start && L->cc_p && L->cc_p <= p) {
        q = L->cc_p;
        c = L->cc_col;
    }
    for (; q < p; q++)
        c += !pe_utf8_is_cont((unsigned char)*q);
    L->cc_line = L->line_start;
    L->cc_p = p;
    L->cc_col = c;
    return c;
}

/* Returns the text of line `line` (1-based) for error display. */
static const char *line_text(pe_lexer *L, uint32_t line, size_t *n) {
    const char *p = L->src;
    for (uint32_t l = 1; l < line && p < L->end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(L->end - p));
        if (!nl) break;
        p = nl + 1;
    }
    const char *e = memchr(p, '\n', (size_t)(L->end - p));
    if (!e) e = L->end;
    *n = (size_t)(e - p);
    return p;
}

int pe_lex_error(pe_lexer *L, const pe_type *t, uint32_t line, uint32_t col, uint32_t end_col,
                 const char *fmt, ...) {
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = 0;
    const char *text = line ? line_text(L, line, &n) : NULL;
    if (n > 10000) n = 10000; /* keep the error small for huge lines */
    return pe_raise_syntax(L->S, t, msg, L->filename, line ? line + L->line_base : 0, col,
                           end_col ? end_col : col + 1, text, n);
}

static bool is_id_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
static bool is_id_char(unsigned char c) { return is_id_start(c) || (c >= '0' && c <= '9'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Keyword lookup: keywords are 2..8 lowercase letters (plus False, None,
 * True); a length/first-letter filter makes most names one comparison. */
static int keyword_kind(const char *s, size_t n) {
    if (n < 2 || n > 8) return PE_TOK_NAME;
    char c = s[0];
    if (!((c >= 'a' && c <= 'y') || c == 'F' || c == 'N' || c == 'T')) return PE_TOK_NAME;
    /* binary search: the keywords are in byte order in PE_TOKENS */
    int lo = PE_TOK_KW_False, hi = PE_TOK__COUNT - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const unsigned char *t = (const unsigned char *)pe_tok_text[mid];
        size_t i = 0;
        while (i < n && t[i] == (unsigned char)s[i]) i++; /* stops at t's NUL too */
        int d = i == n ? (t[n] ? -1 : 0) : (int)(unsigned char)s[i] - (int)t[i];
        if (d == 0) return mid;
        if (d < 0) hi = mid - 1;
        else lo = mid + 1;
    }
    return PE_TOK_NAME;
}

/* ------------------------------------------------------------------ */
/* Indentation                                                         */
/* ------------------------------------------------------------------ */

/* Measures the indentation at the start of a logical line; returns 1 if the
 * line is blank or a comment (no tokens), 0 otherwise, -1 on error. */
static int measure_indent(pe_lexer *L, int *col, int *altcol) {
    const char *p = L->p;
    int c = 0, alt = 0;
    for (; p < L->end; p++) {
        if (*p == ' ') c++, alt++;
        else if (*p == '\t') c = (c / 8 + 1) * 8, alt++;
        else if (*p == '\f') c = alt = 0;
        else break;
    }
    L->p = p;
    *col = c;
    *altcol = alt;
    if (p >= L->end) return 1;
    if (*p == '#' || *p == '\n' || *p == '\r') return 1;
    if (*p == '\\' && p + 1 < L->end && (p[1] == '\n' || p[1] == '\r')) return 0;
    return 0;
}

/* Returns 1 for a blank/comment-only line, 0 after handling the
 * indentation of a real line, -1 on error. */
static int handle_indent(pe_lexer *L) {
    int col, alt;
    int blank = measure_indent(L, &col, &alt);
    if (blank) return 1;
    int top = L->indents[L->nindent - 1];
    if (col == top) {
        if (alt != L->altindents[L->nindent - 1])
            return pe_lex_error(L, PE_EXC(TabError), L->line, 0, 0,
                                "inconsistent use of tabs and spaces in indentation");
    } else if (col > top) {
        if (L->nindent >= 100)
            return pe_lex_error(L, PE_EXC(IndentationError), L->line, 0, 0,
                                "too many levels of indentation");
        if (alt <= L->altindents[L->nindent - 1])
            return pe_lex_error(L, PE_EXC(TabError), L->line, 0, 0,
                                "inconsistent use of tabs and spaces in indentation");
        L->indents[L->nindent] = col;
        L->altindents[L->nindent] = alt;
        L->nindent++;
        L->pending_indent = 1;
    } else {
        while (L->nindent > 1 && col < L->indents[L->nindent - 1]) {
            L->nindent--;
            L->pending_dedents++;
        }
        if (col != L->indents[L->nindent - 1]) {
            /* CPython's tokenizer reports the end of the line */
            const char *e = L->p;
            while (e < L->end && *e != '\n' && *e != '\r') e++;
            uint32_t c = col_of(L, e);
            return pe_lex_error(L, PE_EXC(IndentationError), L->line, c, 0,
                                "unindent does not match any outer indentation level");
        }
        if (alt != L->altindents[L->nindent - 1])
            return pe_lex_error(L, PE_EXC(TabError), L->line, 0, 0,
                                "inconsistent use of tabs and spaces in indentation");
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Numbers and strings                                                 */
/* ------------------------------------------------------------------ */

/* Digits with single underscores between them; returns false on a bad
 * underscore. pred selects the digit class. */
static bool scan_digits(const char **pp, const char *end, int base) {
    const char *p = *pp;
    bool last_us = false;
    while (p < end) {
        char c = *p;
        bool ok = base == 16   ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                                (c >= 'A' && c <= 'F'))
                  : base == 8  ? (c >= '0' && c <= '7')
                  : base == 2  ? (c == '0' || c == '1')
                               : is_digit(c);
        if (ok) last_us = false;
        else if (c == '_' && !last_us && p > *pp) last_us = true;
        else break;
        p++;
    }
    *pp = p;
    return !last_us;
}

/* Is a keyword that may follow a number in valid code (and, else, for, if,
 * in, is, not, or) starting at p? CPython 3.11 ends the number there (with a
 * SyntaxWarning): `1if x else 2`, `1or 2`, `0x1for x in y`. The test is
 * CPython's: the first letters only. */
static bool keyword_follows(const char *p, const char *end) {
    size_t n = (size_t)(end - p);
    switch (*p) {
    case 'a': return n >= 3 && p[1] == 'n' && p[2] == 'd';
    case 'e': return n >= 4 && p[1] == 'l' && p[2] == 's' && p[3] == 'e';
    case 'f': return n >= 3 && p[1] == 'o' && p[2] == 'r';
    case 'i': return n >= 2 && (p[1] == 'f' || p[1] == 'n' || p[1] == 's');
    case 'o': return n >= 2 && p[1] == 'r';
    case 'n': return n >= 3 && p[1] == 'o' && p[2] == 't';
    default: return false;
    }
}

/* Does an ASCII identifier character at p make the number before it
 * invalid? (Non-ASCII characters after a number start the next token.) */
static bool bad_number_end(const char *p, const char *end) {
    return p < end && (unsigned char)*p < 0x80 && is_id_char((unsigned char)*p) &&
           !keyword_follows(p, end);
}

void pe_syntax_warning(pe_state *S, const char *filename, uint32_t line, const char *msg,
                       const char *text, size_t textlen) {
    if (!S->err) return;
    char head[512];
    int n = snprintf(head, sizeof head, "%s:%u: SyntaxWarning: %s\n", filename ? filename : "",
                     (unsigned)line, msg);
    if (n <= 0) return;
    S->err(S->err_ud, head, (size_t)n < sizeof head ? (size_t)n : sizeof head - 1);
    if (!filename || filename[0] == '<' || !text) return;
    const char *a = text, *e = text + textlen;
    while (a < e && (*a == ' ' || *a == '\t' || *a == '\f')) a++;
    while (e > a && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\f')) e--;
    S->err(S->err_ud, "  ", 2);
    S->err(S->err_ud, a, (size_t)(e - a));
    S->err(S->err_ud, "\n", 1);
}

/* CPython's SyntaxWarning for a number directly followed by a keyword.
 * Sub-lexers (f-string expressions) stay quiet. */
static void number_warning(pe_lexer *L, const char *kind) {
    if (L->quiet) return;
    char msg[64];
    snprintf(msg, sizeof msg, "invalid %s literal", kind);
    const char *e = L->line_start;
    while (e < L->end && *e != '\n') e++;
    pe_syntax_warning(L->S, L->filename, L->line, msg, L->line_start,
                      (size_t)(e - L->line_start));
}

static int number_error(pe_lexer *L, const char *at, const char *what) {
    uint32_t c = col_of(L, at);
    if (c > 1) c--;
    return pe_lex_error(L, PE_EXC(SyntaxError), L->line, c, c + 1, "%s", what);
}

static int lex_number(pe_lexer *L, pe_token *tok) {
    const char *s = L->p, *p = s, *end = L->end;
    if (*p == '0' && p + 1 < end && strchr("xXoObB", p[1]) && p[1]) {
        int base = (p[1] | 32) == 'x' ? 16 : (p[1] | 32) == 'o' ? 8 : 2;
        p += 2;
        if (p < end && *p == '_') p++;
        const char *d = p;
        if (!scan_digits(&p, end, base) || p == d) {
            const char *kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
            char msg[64];
            if (base != 16 && p == d && p < end && is_digit(*p)) {
                snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", *p, kind);
                return number_error(L, p + 1, msg);
            }
            snprintf(msg, sizeof msg, "invalid %s literal", kind);
            return number_error(L, p, msg);
        }
        if (bad_number_end(p, end)) {
            const char *kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
            char msg[64];
            if (base != 16 && is_digit(*p)) {
                snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", *p, kind);
                return number_error(L, p + 1, msg);
            }
            snprintf(msg, sizeof msg, "invalid %s literal", kind);
            return number_error(L, p, msg);
        }
        if (p < end && keyword_follows(p, end))
            number_warning(L, base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
        tok->kind = PE_TOK_NUMBER;
        L->p = p;
        return 0;
    }
    bool is_float = false;
    if (*p != '.' && !scan_digits(&p, end, 10)) return number_error(L, p, "invalid decimal literal");
    if (p < end && *p == '.') {
        is_float = true;
        p++;
        if (p < end && is_digit(*p) && !scan_digits(&p, end, 10))
            return number_error(L, p, "invalid decimal literal");
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < end && (*q == '+' || *q == '-')) q++;
        if (q > p + 1 && !(q < end && is_digit(*q)))
            return number_error(L, q, "invalid decimal literal"); /* 1e+ */
        if (q < end && is_digit(*q)) {
            p = q;
            if (!scan_digits(&p, end, 10)) return number_error(L, p, "invalid decimal literal");
            is_float = true;
        } else if (q < end && !is_id_char((unsigned char)*q) && q == p + 1 &&
                   !keyword_follows(p, end)) {
            return number_error(L, p, "invalid decimal literal");
        }
    }
    if (p < end && (*p == 'j' || *p == 'J')) {
        L->p = p + 1;
        uint32_t c = col_of(L, s);
        return pe_lex_error(L, PE_EXC(SyntaxError), L->line, c, col_of(L, p + 1),
                            "complex literals are not supported by pyexpr");
    }
    if (bad_number_end(p, end)) return number_error(L, p, "invalid decimal literal");
    if (!is_float && *s == '0') {
        for (const char *q = s; q < p; q++)
            if (*q != '0' && *q != '_') {
                /* carets under the leading zeros (and underscores) */
                uint32_t c = col_of(L, s), e = col_of(L, q);
                return pe_lex_error(L, PE_EXC(SyntaxError), L->line, c, e,
                                    "leading zeros in decimal integer literals are not "
                                    "permitted; use an 0o prefix for octal integers");
            }
    }
    if (p < end && keyword_follows(p, end)) number_warning(L, "decimal");
    tok->kind = PE_TOK_NUMBER;
    L->p = p;
    return 0;
}

/* Is there a string prefix (r, b, u, f, rb, fr, ...) at p of length n? */
static bool string_prefix(const char *p, size_t n) {
    char a[3] = {0};
    if (n > 2) return false;
    for (size_t i = 0; i < n; i++) a[i] = (char)(p[i] | 32);
    if (n == 1) return strchr("rbuf", a[0]) != NULL;
    return (a[0] == 'r' && (a[1] == 'b' || a[1] == 'f')) ||
           (a[1] == 'r' && (a[0] == 'b' || a[0] == 'f'));
}

/* Scans a string literal starting at its opening quote q (prefix before). */
static int lex_string(pe_lexer *L, const char *start, const char *q, pe_token *tok) {
    char quote = *q;
    bool triple = q + 2 < L->end && q[1] == quote && q[2] == quote;
    const char *p = q + (triple ? 3 : 1);
    uint32_t line0 = L->line, col0 = col_of(L, start);
    const char *line_start0 = L->line_start;
    while (1) {
        if (p >= L->end) {
            L->line_start = line_start0;
            if (triple)
                return pe_lex_error(L, PE_EXC(SyntaxError), line0, col0, col0 + 1,
                                    "unterminated triple-quoted string literal (detected at "
                                    "line %u)",
                                    /* CPython's line count at the end: a last
                                     * newline starts no line */
                                    L->line - (L->end > L->src && L->end[-1] == '\n' &&
                                               L->line > line0 && L->filename &&
                                               strcmp(L->filename, "<string>")));
            return pe_lex_error(L, PE_EXC(SyntaxError), line0, col0, col0 + 1,
                                "unterminated string literal (detected at line %u)", L->line);
        }
        char c = *p;
        if (c == '\\') {
            if (p + 1 < L->end && p[1] == '\n') {
                L->line++;
                L->line_start = p + 2;
            }
            p += 2;
            continue;
        }
        if (c == '\n') {
            if (!triple) {
                L->line_start = line_start0;
                return pe_lex_error(L, PE_EXC(SyntaxError), line0, col0, col0 + 1,
                                    "unterminated string literal (detected at line %u)",
                                    line0);
            }
            L->line++;
            L->line_start = p + 1;
        }
        if (c == quote) {
            if (!triple) {
                p++;
                break;
            }
            if (p + 2 < L->end && p[1] == quote && p[2] == quote) {
                p += 3;
                break;
            }
        }
        p++;
    }
    if (p > L->end) p = L->end;
    tok->kind = PE_TOK_STRING;
    L->p = p;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Operators                                                           */
/* ------------------------------------------------------------------ */

/* Operator at p: the longest match, by a switch on the first character. */
static int op3(const char *p, const char *end, int *len) {
    char c1 = p + 1 < end ? p[1] : 0, c2 = p + 2 < end ? p[2] : 0;
    *len = 1;
#define TWO(ch, k2) if (c1 == (ch)) { *len = 2; return (k2); }
/* c, c=, cc, cc= for the c at p (* / < >) */
#define DOUBLED(k, keq, kk, kkeq)                   \
    if (c1 == *p) {                                 \
        *len = c2 == '=' ? 3 : 2;                   \
        return c2 == '=' ? (kkeq) : (kk);           \
    }                                               \
    TWO('=', keq) return (k);
    switch (*p) {
    case '(': return PE_TOK_LPAR;
    case ')': return PE_TOK_RPAR;
    case '[': return PE_TOK_LSQB;
    case ']': return PE_TOK_RSQB;
    case '{': return PE_TOK_LBRACE;
    case '}': return PE_TOK_RBRACE;
    case ',': return PE_TOK_COMMA;
    case ';': return PE_TOK_SEMI;
    case '~': return PE_TOK_TILDE;
    case ':': TWO('=', PE_TOK_COLONEQUAL) return PE_TOK_COLON;
    case '+': TWO('=', PE_TOK_PLUSEQUAL) return PE_TOK_PLUS;
    case '-': TWO('=', PE_TOK_MINEQUAL) TWO('>', PE_TOK_RARROW) return PE_TOK_MINUS;
    case '%': TWO('=', PE_TOK_PERCENTEQUAL) return PE_TOK_PERCENT;
    case '&': TWO('=', PE_TOK_AMPEREQUAL) return PE_TOK_AMPER;
    case '|': TWO('=', PE_TOK_VBAREQUAL) return PE_TOK_VBAR;
    case '^': TWO('=', PE_TOK_CIRCUMFLEXEQUAL) return PE_TOK_CIRCUMFLEX;
    case '@': TWO('=', PE_TOK_ATEQUAL) return PE_TOK_AT;
    case '=': TWO('=', PE_TOK_EQEQUAL) return PE_TOK_EQUAL;
    case '!': TWO('=', PE_TOK_NOTEQUAL) return PE_TOK_EXCLAMATION;
    case '.':
        if (c1 == '.' && c2 == '.') { *len = 3; return PE_TOK_ELLIPSIS; }
        return PE_TOK_DOT;
    case '*': DOUBLED(PE_TOK_STAR, PE_TOK_STAREQUAL, PE_TOK_DOUBLESTAR, PE_TOK_DOUBLESTAREQUAL)
    case '/': DOUBLED(PE_TOK_SLASH, PE_TOK_SLASHEQUAL, PE_TOK_DOUBLESLASH, PE_TOK_DOUBLESLASHEQUAL)
    case '<': DOUBLED(PE_TOK_LESS, PE_TOK_LESSEQUAL, PE_TOK_LEFTSHIFT, PE_TOK_LEFTSHIFTEQUAL)
    case '>': DOUBLED(PE_TOK_GREATER, PE_TOK_GREATEREQUAL, PE_TOK_RIGHTSHIFT, PE_TOK_RIGHTSHIFTEQUAL)
    default:
        return -1;
    }
#undef DOUBLED
#undef TWO
}

static int bracket_push(pe_lexer *L, char c, pe_token *tok) {
    if (L->paren_depth >= 200)
        return pe_lex_error(L, PE_EXC(SyntaxError), tok->line, tok->col, tok->col + 1,
                            "too many nested parentheses");
    L->parens[L->paren_depth] = c;
    L->paren_line[L->paren_depth] = tok->line;
    L->paren_col[L->paren_depth] = tok->col;
    L->paren_depth++;
    return 0;
}

static int bracket_pop(pe_lexer *L, char c, pe_token *tok) {
    if (L->paren_depth == 0)
        return pe_lex_error(L, PE_EXC(SyntaxError), tok->line, tok->col, tok->col + 1,
                            "unmatched '%c'", c);
    char open = L->parens[--L->paren_depth];
    char want = open == '(' ? ')' : open == '[' ? ']' : '}';
    if (c != want) {
        if (L->paren_line[L->paren_depth] != tok->line)
            return pe_lex_error(L, PE_EXC(SyntaxError), tok->line, tok->col, tok->col + 1,
                                "closing parenthesis '%c' does not match opening "
                                "parenthesis '%c' on line %u",
                                c, open, L->paren_line[L->paren_depth]);
        return pe_lex_error(L, PE_EXC(SyntaxError), tok->line, tok->col, tok->col + 1,
                            "closing parenthesis '%c' does not match opening parenthesis '%c'",
                            c, open);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Main entry                                                          */
/* ------------------------------------------------------------------ */

static void set_end(pe_lexer *L, pe_token *tok) {
    tok->len = (size_t)(L->p - tok->start);
    tok->end_line = L->line;
    tok->end_col = col_of(L, L->p);
}

/* CPython's error for a character that cannot appear in the source. */
static int bad_char_error(pe_lexer *L, const char *at, uint32_t ch) {
    uint32_t c = col_of(L, at);
    if (!pe_uni_isprintable(ch))
        return pe_lex_error(L, PE_EXC(SyntaxError), L->line, c, c + 1,
                            "invalid non-printable character U+%04X", (unsigned)ch);
    char u[5] = {0};
    pe_utf8_encode(ch, u);
    return pe_lex_error(L, PE_EXC(SyntaxError), L->line, c, c + 1,
                        "invalid character '%s' (U+%04X)", u, (unsigned)ch);
}

/* An identifier with non-ASCII characters must be XID_Start XID_Continue*
 * (the lexer collects every byte >= 0x80 first, as CPython's tokenizer
 * does); the first character that is not gets CPython's error. */
static int check_identifier(pe_lexer *L, const char *s, const char *e) {
    const char *p = s;
    while (p < e && (unsigned char)*p < 0x80) p++;
    if (p == e) return 0;
    for (; p < e;) {
        size_t n;
        uint32_t ch = pe_utf8_decode(p, &n);
        bool ok = ch < 0x80 || (p == s ? pe_uni_isidstart(ch) : pe_uni_isidcontinue(ch));
        if (!ok) return bad_char_error(L, p, ch);
        p += n;
    }
    return 0;
}

/* Skips spaces, comments and backslash continuations inside a line.
 * Returns -1 on a stray backslash. */
static int skip_space(pe_lexer *L) {
    L->comment = NULL;
    while (L->p < L->end) {
        char c = *L->p;
        if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
            L->p++;
        } else if (c == '#') {
            L->comment = L->p;
            while (L->p < L->end && *L->p != '\n') L->p++;
        } else if (c == '\\') {
            const char *q = L->p + 1;
            if (q < L->end && *q == '\r') q++;
            if (q < L->end && *q == '\n') {
                L->p = q + 1;
                L->line++;
                L->line_start = L->p;
                if (L->p >= L->end)
                    return pe_lex_error(L, PE_EXC(SyntaxError), L->line, 1, 2,
                                        "unexpected EOF while parsing");
            } else if (q >= L->end) {
                return pe_lex_error(L, PE_EXC(SyntaxError), L->line, col_of(L, L->p) + 1, 0,
                                    "unexpected EOF while parsing");
            } else {
                uint32_t c0 = col_of(L, L->p) + 1;
                return pe_lex_error(L, PE_EXC(SyntaxError), L->line, c0, c0 + 1,
                                    "unexpected character after line continuation character");
            }
        } else {
            break;
        }
    }
    return 0;
}

static int lex_next(pe_lexer *L, pe_token *tok) {
again:
    if (L->pending_dedents || L->pending_indent) { /* an empty token at p */
        tok->kind = L->pending_dedents ? PE_TOK_DEDENT : PE_TOK_INDENT;
        if (L->pending_dedents) L->pending_dedents--;
        else L->pending_indent = 0;
        tok->start = L->p;
        tok->len = 0;
        tok->line = tok->end_line = L->line;
        tok->col = tok->end_col = col_of(L, L->p);
        return 0;
    }
    if (L->at_line_start && L->paren_depth == 0) {
        L->at_line_start = false;
        int r = handle_indent(L);
        if (r < 0) return -1;
        if (r == 1) {
            /* blank or comment-only line: no tokens at all */
            while (L->p < L->end && *L->p != '\n') L->p++;
            if (L->p < L->end) {
                L->p++;
                L->line++;
                L->line_start = L->p;
                L->at_line_start = true;
                goto again;
            }
        }
        if (L->pending_dedents || L->pending_indent) goto again;
    }
    if (skip_space(L)) return -1;
    tok->start = L->p;
    tok->line = L->line;
    tok->col = col_of(L, L->p);
    if (L->p >= L->end) {
        if (L->paren_depth > 0) {
            int d = L->paren_depth - 1;
            L->eof_unclosed = true;
            return pe_lex_error(L, PE_EXC(SyntaxError), L->paren_line[d], L->paren_col[d],
                                L->paren_col[d] + 1, "'%c' was never closed", L->parens[d]);
        }
        if (!L->eof_newline_done && L->last_kind != PE_TOK_NEWLINE &&
            L->last_kind != PE_TOK_DEDENT && L->last_kind != PE_TOK_INDENT &&
            L->last_kind != 0) {
            L->eof_newline_done = true;
            L->last_kind = PE_TOK_NEWLINE;
            tok->kind = PE_TOK_NEWLINE;
            set_end(L, tok);
            if (L->comment) tok->col = col_of(L, L->comment);
            return 0;
        }
        if (L->nindent > 1) {
            L->nindent--;
            tok->kind = PE_TOK_DEDENT;
            set_end(L, tok);
            return 0;
        }
        tok->kind = PE_TOK_ENDMARKER;
        set_end(L, tok);
        return 0;
    }
    unsigned char c = (unsigned char)*L->p;
    if (c == '\n') {
        /* CPython's NEWLINE token after a comment spans the comment */
        uint32_t cstart = L->comment ? col_of(L, L->comment) : tok->col;
        uint32_t cend = tok->col;
        L->p++;
        L->line++;
        L->line_start = L->p;
        if (L->paren_depth > 0) goto again; /* implicit continuation */
        L->at_line_start = true;
        tok->kind = PE_TOK_NEWLINE;
        tok->len = 1;
        tok->end_line = tok->line;
        tok->end_col = L->comment ? cend : tok->col + 1;
        tok->col = cstart;
        return 0;
    }
    if (is_id_start(c)) {
        const char *p = L->p;
        while (p < L->end && is_id_char((unsigned char)*p)) p++;
        size_t n = (size_t)(p - L->p);
        if (p < L->end && (*p == '\'' || *p == '"') && string_prefix(L->p, n)) {
            if (lex_string(L, L->p, p, tok)) return -1;
            set_end(L, tok);
            return 0;
        }
        if (check_identifier(L, L->p, p)) return -1;
        L->p = p;
        tok->kind = keyword_kind(tok->start, n);
        set_end(L, tok);
        return 0;
    }
    if (is_digit((char)c) || (c == '.' && L->p + 1 < L->end && is_digit(L->p[1]))) {
        if (lex_number(L, tok)) return -1;
        set_end(L, tok);
        return 0;
    }
    if (c == '\'' || c == '"') {
        if (lex_string(L, L->p, L->p, tok)) return -1;
        set_end(L, tok);
        return 0;
    }
    int len;
    int k = op3(L->p, L->end, &len);
    if (k < 0) {
        uint32_t cc = tok->col;
        if (c == '$' || c == '?' || c == '`') {
            L->bad_token = true;
            /* the parser's error in CPython: prefixed in an f-string expression
             * (the only quiet lexers) */
            return pe_lex_error(L, PE_EXC(SyntaxError), L->line, cc, cc + 1, "%sinvalid syntax",
                                L->quiet ? "f-string: " : "");
        }
        return bad_char_error(L, L->p, c);
    }
    L->p += len;
    tok->kind = k;
    set_end(L, tok);
    if (k == PE_TOK_LPAR || k == PE_TOK_LSQB || k == PE_TOK_LBRACE) {
        if (bracket_push(L, (char)c, tok)) return -1;
    } else if (k == PE_TOK_RPAR || k == PE_TOK_RSQB || k == PE_TOK_RBRACE) {
        if (bracket_pop(L, (char)c, tok)) return -1;
    }
    return 0;
}

int pe_compile_check_time(pe_state *S) { return pe_check_interrupt_and_time(S); }

int pe_lex_next(pe_lexer *L, pe_token *tok) {
    if (PE_UNLIKELY(++L->tick >= 1024)) {
        L->tick = 0;
        if (pe_compile_check_time(L->S)) {
            L->failed = true;
            return -1;
        }
    }
    int r = lex_next(L, tok);
    if (r == 0) L->last_kind = tok->kind;
    else L->failed = true;
    return r;
}
