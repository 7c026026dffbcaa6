/*
 * re_compile.c - the `re` pattern parser and compiler.
 *
 * The parser follows the syntax of CPython 3.11's `re` (the documented
 * grammar plus the behaviour the error messages reveal): the same
 * one-token lookahead, so every re.error carries CPython's message and
 * position. It builds a small tree (rnode) which the compiler turns into
 * the program of re_impl.h. Nesting is bounded (RE_MAX_DEPTH, where
 * CPython's own recursive parser fails with RecursionError), so the
 * recursion of both passes is bounded.
 *
 * Case-insensitive matching follows sre: a cased literal matches a
 * character whose simple lower case equals the literal's; a few
 * characters are also equivalent to others (re_case_fixes, the table of
 * re._casefix, from the oracle by tools/gen_re_case.py); sets compare the
 * lowered character against the lowered members.
 */
#include <stdio.h>
#include <stdlib.h>

#include "re_impl.h"
#include "str_impl.h"
#include "unicode.h"

/* parse_sub/parse_seq nesting: 2 per parenthesis, so 495 nested groups
 * parse (CPython 3.11 run from a script gives up at 496). */
#define RE_MAX_DEPTH 991

/* ------------------------------------------------------------------ */
/* Unicode helpers                                                     */
/* ------------------------------------------------------------------ */

/* Characters equivalent under IGNORECASE beyond simple lower case
 * (re._casefix._EXTRA_CASES in CPython 3.11): each row is a class. */
static const uint32_t re_case_fixes[][4] = {
    {0x69, 0x131, 0},         {0x73, 0x17f, 0},         {0xb5, 0x3bc, 0},
    {0x345, 0x3b9, 0x1fbe},   {0x390, 0x1fd3, 0},       {0x3b0, 0x1fe3, 0},
    {0x3b2, 0x3d0, 0},        {0x3b5, 0x3f5, 0},        {0x3b8, 0x3d1, 0},
    {0x3ba, 0x3f0, 0},        {0x3c0, 0x3d6, 0},        {0x3c1, 0x3f1, 0},
    {0x3c2, 0x3c3, 0},        {0x3c6, 0x3d5, 0},        {0x432, 0x1c80, 0},
    {0x434, 0x1c81, 0},       {0x43e, 0x1c82, 0},       {0x441, 0x1c83, 0},
    {0x442, 0x1c84, 0x1c85},  {0x44a, 0x1c86, 0},       {0x463, 0x1c87, 0},
    {0x1c88, 0xa64b, 0},      {0x1e61, 0x1e9b, 0},      {0xfb05, 0xfb06, 0},
};
#define RE_NFIXES (sizeof re_case_fixes / sizeof re_case_fixes[0])

/* The row of re_case_fixes holding c, or -1. */
static int re_fix_row(uint32_t c) {
    for (size_t i = 0; i < RE_NFIXES; i++)
        for (int j = 0; j < 3 && re_case_fixes[i][j]; j++)
            if (re_case_fixes[i][j] == c) return (int)i;
    return -1;
}

uint32_t pe_re_lower(uint32_t c) {
    uint32_t out[3];
    if (c < 128) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c == 0x130) return 'i'; /* the one full mapping of more than one character */
    return pe_ps_uni_map(c, PS_LOWER, out) == 1 ? out[0] : c;
}

/* Simple upper case: the full mapping when it is one character, else the
 * title case when that is (the Greek letters with ypogegrammeni). */
uint32_t pe_re_upper(uint32_t c) {
    uint32_t out[3];
    if (c < 128) return c >= 'a' && c <= 'z' ? c - 32 : c;
    if (pe_ps_uni_map(c, PS_UPPER, out) == 1) return out[0];
    if (pe_ps_uni_map(c, PS_TITLE, out) == 1) return out[0];
    return c;
}

/* _sre.unicode_iscased: lower(c) != c or c.upper() != c. */
static bool re_iscased(uint32_t c) {
    uint32_t out[3];
    if (pe_re_lower(c) != c) return true;
    int n = pe_ps_uni_map(c, PS_UPPER, out);
    return n != 1 || out[0] != c;
}

static uint32_t re_lower_a(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static bool re_iscased_a(uint32_t c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

bool pe_re_isword(uint32_t c, bool ascii) {
    if (c < 128) return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (ascii) return false;
    return (pe_ps_uni_flags(c) &
            (PE_UF_ALPHA | PE_UF_DECIMAL | PE_UF_DIGIT | PE_UF_NUMERIC)) != 0;
}

bool pe_re_cat_test(int cat, uint32_t ch) {
    switch (cat) {
    case RC_DIGIT: return pe_uni_decimal(ch) >= 0;
    case RC_NOT_DIGIT: return pe_uni_decimal(ch) < 0;
    case RC_SPACE: return pe_uni_isspace(ch);
    case RC_NOT_SPACE: return !pe_uni_isspace(ch);
    case RC_WORD: return pe_re_isword(ch, false);
    case RC_NOT_WORD: return !pe_re_isword(ch, false);
    case RC_A_DIGIT: return ch >= '0' && ch <= '9';
    case RC_A_NOT_DIGIT: return !(ch >= '0' && ch <= '9');
    case RC_A_SPACE: return ch == ' ' || (ch >= 9 && ch <= 13);
    case RC_A_NOT_SPACE: return !(ch == ' ' || (ch >= 9 && ch <= 13));
    case RC_A_WORD: return pe_re_isword(ch, true);
    default: return !pe_re_isword(ch, true);
    }
}

/* The full test of a set (the `low` bitmap caches it below 256). */
static bool re_set_eval(const pe_re_prog *p, const re_set *s, uint32_t ch) {
    if (s->mode == RS_LOWER_A) ch = re_lower_a(ch);
    else if (s->mode == RS_LOWER_U) ch = pe_re_lower(ch);
    bool ok = false;
    const uint32_t *r = p->ranges + s->roff;
    size_t lo = 0, hi = s->nr;
    while (lo < hi) { /* first range with r.hi >= ch */
        size_t mid = lo + (hi - lo) / 2;
        if (r[2 * mid + 1] < ch) lo = mid + 1;
        else hi = mid;
    }
    if (lo < s->nr && r[2 * lo] <= ch) ok = true;
    for (int c = 0; !ok && s->cats >> c; c++)
        if ((s->cats >> c & 1) && pe_re_cat_test(c, ch)) ok = true;
    if (!ok && s->nu) {
        uint32_t up = pe_re_upper(ch);
        const uint32_t *u = p->ranges + s->uoff;
        for (uint32_t i = 0; i < s->nu && !ok; i++)
            ok = (u[2 * i] <= ch && ch <= u[2 * i + 1]) || (u[2 * i] <= up && up <= u[2 * i + 1]);
    }
    return ok != (s->negate != 0);
}

bool pe_re_set_test(const pe_re_prog *p, const re_set *s, uint32_t ch) {
    if (ch < 256) return s->low[ch >> 3] >> (ch & 7) & 1;
    return re_set_eval(p, s, ch);
}

/* ------------------------------------------------------------------ */
/* The tree                                                            */
/* ------------------------------------------------------------------ */

enum {
    N_LIT, N_NOTLIT, N_ANY, N_SET, N_AT, N_SEQ, N_ALT, N_REP, N_GROUP, N_FLAGS, N_LOOK,
    N_ATOMIC, N_REF, N_COND
};
enum { SI_LIT, SI_RANGE, SI_CAT }; /* set items; SI_CAT lo: RC_DIGIT..RC_NOT_WORD */

typedef struct rnode {
    uint8_t op;
    uint8_t mode;   /* N_REP: 0 lazy, 1 greedy, 2 possessive; N_LOOK: neg; N_SET: negate */
    uint8_t behind; /* N_LOOK */
    uint8_t plain;  /* N_SEQ of a (?:...) group: unpacked into its parent */
    uint32_t flags; /* effective flags where the node was parsed */
    uint32_t a, b;  /* LIT: ch; SET: items off, count; AT: kind; REF/GROUP/COND: group; REP: min, max */
    int32_t kid, kid2; /* bodies; SEQ/ALT: first child */
    int32_t next, last;
    uint32_t nkids;
} rnode;

typedef struct rsitem {
    uint32_t kind, lo, hi;
} rsitem;

typedef struct rp {
    pe_state *S;
    pe_re_err *err;
    const uint32_t *p;
    size_t n;
    size_t index, nstart; /* tokenizer: next token at nstart, nlen units (0: end) */
    int nlen;
    bool is_bytes;
    uint32_t flags; /* state.flags */
    int depth;
    bool failed;    /* an error is set (err or exception) */
    /* groups: widths of closed groups (lo, hi; closed flag) */
    uint32_t ngroups; /* state.groups (group 0 counted) */
    uint64_t *gw;     /* 3 per group: width lo, hi, closed */
    uint32_t gcap;
    int64_t lookbehindgroups; /* -1: None */
    /* condition references to groups maybe defined later: group, pos */
    int64_t *grefpos;
    uint32_t ngrefpos, grefcap;
    /* names: group, offset, length into p */
    uint32_t *names;
    uint32_t nnames, namecap;
    rnode *nodes;
    uint32_t nnodes, nodecap;
    rsitem *items;
    uint32_t nitems, itemcap;
} rp;

/* Grows *arr (elements of size sz) to hold at least need. */
static int rp_grow(rp *P, void **arr, uint32_t *cap, uint32_t need, size_t sz) {
    if (need <= *cap) return 0;
    uint32_t nc = *cap ? *cap : 8;
    while (nc < need) nc *= 2;
    void *np = pe_mem_realloc(P->S, *arr, (size_t)*cap * sz, (size_t)nc * sz);
    if (!np) {
        P->failed = true;
        return -1;
    }
    *arr = np;
    *cap = nc;
    return 0;
}

static int32_t rp_node(rp *P, int op) {
    if (rp_grow(P, (void **)&P->nodes, &P->nodecap, P->nnodes + 1, sizeof(rnode))) return -1;
    rnode *nd = &P->nodes[P->nnodes];
    memset(nd, 0, sizeof *nd);
    nd->op = (uint8_t)op;
    nd->flags = P->flags;
    nd->kid = nd->kid2 = nd->next = nd->last = -1;
    return (int32_t)P->nnodes++;
}

static void rp_append(rp *P, int32_t seq, int32_t kid) {
    rnode *s = &P->nodes[seq];
    if (s->last < 0) s->kid = kid;
    else P->nodes[s->last].next = kid;
    s->last = kid;
    s->nkids++;
}

/* re.error at tell() - offset. Always -1. */
static int rp_error(rp *P, int64_t offset, const char *fmt, ...) PE_PRINTF(3, 4);
static int rp_verror_at(rp *P, int kind, int64_t pos, const char *fmt, va_list ap) {
    char buf[256];
    vsnprintf(buf, sizeof buf, fmt, ap);
    P->err->kind = kind;
    P->err->pos = pos;
    pe_sb_puts(&P->err->msg, buf);
    P->failed = true;
    return -1;
}
static size_t rp_tell(const rp *P) { return P->nstart; }
static int rp_error(rp *P, int64_t offset, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    rp_verror_at(P, 0, (int64_t)rp_tell(P) - offset, fmt, ap);
    va_end(ap);
    return -1;
}
static int rp_error_kind(rp *P, int kind, int64_t pos, const char *fmt, ...) PE_PRINTF(4, 5);
static int rp_error_kind(rp *P, int kind, int64_t pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    rp_verror_at(P, kind, pos, fmt, ap);
    va_end(ap);
    return -1;
}

/* Appends the pattern text p[off..off+len) to the message as UTF-8 (or
 * its repr when quoted). */
static void rp_put_text(rp *P, pe_sb *sb, size_t off, size_t len, bool quoted) {
    pe_sb tmp;
    pe_sb_init(&tmp, P->S);
    for (size_t i = 0; i < len; i++) {
        char b[4];
        uint32_t c = P->p[off + i];
        pe_sb_putn(&tmp, b, pe_utf8_encode(c, b));
    }
    if (quoted) pe_text_repr(sb, tmp.p, tmp.len);
    else pe_sb_putn(sb, tmp.p, tmp.len);
    pe_sb_free(&tmp);
}

/* re.error "<prefix><text><suffix>" at tell() - offset; the text is the
 * pattern slice [off, off+len), repr()'d when quoted. */
static int rp_error_text(rp *P, int64_t offset, const char *prefix, size_t off, size_t len,
                         bool quoted, const char *suffix) {
    P->err->kind = 0;
    P->err->pos = (int64_t)rp_tell(P) - offset;
    pe_sb_puts(&P->err->msg, prefix);
    rp_put_text(P, &P->err->msg, off, len, quoted);
    pe_sb_puts(&P->err->msg, suffix);
    P->failed = true;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Tokenizer                                                           */
/* ------------------------------------------------------------------ */

static int tk_advance(rp *P) {
    size_t i = P->index;
    if (i >= P->n) {
        P->nlen = 0;
        P->nstart = i;
        return 0;
    }
    int len = 1;
    if (P->p[i] == '\\') {
        if (i + 1 >= P->n)
            return rp_error_kind(P, 0, (int64_t)P->n - 1, "bad escape (end of pattern)");
        len = 2;
    }
    P->nstart = i;
    P->nlen = len;
    P->index = i + (size_t)len;
    return 0;
}

/* The next token's first unit (what `source.next == c` compares for a
 * one-character token), or -1 at the end / for an escape. */
static int64_t tk_peekc(const rp *P) { return P->nlen == 1 ? (int64_t)P->p[P->nstart] : -1; }
static bool tk_end(const rp *P) { return P->nlen == 0; }

/* source.match(c) */
static int tk_match(rp *P, uint32_t c) {
    if (tk_peekc(P) != (int64_t)c) return 0;
    return tk_advance(P) ? -1 : 1;
}

/* source.get(): start/len of the token (len 0: None). */
static int tk_get(rp *P, size_t *start, int *len) {
    *start = P->nstart;
    *len = P->nlen;
    return tk_advance(P);
}

static void tk_seek(rp *P, size_t index) {
    P->index = index;
    (void)tk_advance(P); /* cannot fail: it was read before */
}

static bool is_digit(int64_t c) { return c >= '0' && c <= '9'; }
static bool is_oct(int64_t c) { return c >= '0' && c <= '7'; }
static bool is_hex(int64_t c) {
    return is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f');
}
static bool is_ascii_letter(uint32_t c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static uint32_t hexval(uint32_t c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

/* source.getuntil(terminator, name): off/len of the text before it. */
static int tk_getuntil(rp *P, uint32_t term, const char *name, size_t *off, size_t *len) {
    size_t start = P->nstart, n = 0;
    for (;;) {
        size_t s;
        int l;
        if (tk_get(P, &s, &l)) return -1;
        if (l == 0) {
            if (!n) return rp_error(P, 0, "missing %s", name);
            return rp_error(P, (int64_t)n, "missing %c, unterminated name", (char)term);
        }
        if (l == 1 && P->p[s] == term) {
            if (!n) return rp_error(P, 1, "missing %s", name);
            break;
        }
        n += (size_t)l;
    }
    *off = start;
    *len = n;
    return 0;
}

static bool rp_isidentifier(const rp *P, size_t off, size_t len) {
    if (!len) return false;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = P->p[off + i];
        if (c == '_') continue;
        if (i == 0 ? !pe_uni_isidstart(c) : !pe_uni_isidcontinue(c)) return false;
    }
    return true;
}

static int rp_checkgroupname(rp *P, size_t off, size_t len, int64_t offset) {
    if (!rp_isidentifier(P, off, len))
        return rp_error_text(P, (int64_t)len + offset, "bad character in group name ", off, len,
                             true, "");
    return 0;
}

/* ------------------------------------------------------------------ */
/* Groups                                                              */
/* ------------------------------------------------------------------ */

static int64_t rp_name_lookup(const rp *P, size_t off, size_t len) {
    for (uint32_t i = 0; i < P->nnames; i++) {
        const uint32_t *e = &P->names[3 * i];
        if (e[2] == len && !memcmp(P->p + e[1], P->p + off, len * sizeof(uint32_t)))
            return e[0];
    }
    return -1;
}

static bool rp_checkgroup(const rp *P, uint32_t g) { return g < P->ngroups && P->gw[3 * g + 2]; }

static int rp_checklookbehindgroup(rp *P, uint32_t g) {
    if (P->lookbehindgroups >= 0) {
        if (!rp_checkgroup(P, g)) return rp_error(P, 0, "cannot refer to an open group");
        if ((int64_t)g >= P->lookbehindgroups)
            return rp_error(P, 0, "cannot refer to group defined in the same lookbehind subpattern");
    }
    return 0;
}

/* state.opengroup(name): the new group number, or -1. */
static int64_t rp_opengroup(rp *P, bool named, size_t off, size_t len) {
    uint32_t gid = P->ngroups;
    if (rp_grow(P, (void **)&P->gw, &P->gcap, gid + 1, 3 * sizeof(uint64_t))) return -1;
    P->gw[3 * gid] = P->gw[3 * gid + 1] = P->gw[3 * gid + 2] = 0;
    P->ngroups++;
    if (named) {
        int64_t og = rp_name_lookup(P, off, len);
        if (og >= 0) {
            rp_error_text(P, (int64_t)len + 1, "redefinition of group name ", off, len, true, "");
            pe_sb_printf(&P->err->msg, " as group %u; was group %d", gid, (int)og);
            return -1;
        }
        if (rp_grow(P, (void **)&P->names, &P->namecap, 3 * (P->nnames + 1), sizeof(uint32_t)))
            return -1;
        uint32_t *e = &P->names[3 * P->nnames++];
        e[0] = gid;
        e[1] = (uint32_t)off;
        e[2] = (uint32_t)len;
    }
    return gid;
}

/* ------------------------------------------------------------------ */
/* Escapes                                                             */
/* ------------------------------------------------------------------ */

static int esc_simple(uint32_t c) {
    switch (c) {
    case 'a': return 7;
    case 'b': return 8;
    case 'f': return 12;
    case 'n': return 10;
    case 'r': return 13;
    case 't': return 9;
    case 'v': return 11;
    case '\\': return 92;
    default: return -1;
    }
}

static int esc_category(uint32_t c) {
    switch (c) {
    case 'd': return RC_DIGIT;
    case 'D': return RC_NOT_DIGIT;
    case 's': return RC_SPACE;
    case 'S': return RC_NOT_SPACE;
    case 'w': return RC_WORD;
    case 'W': return RC_NOT_WORD;
    default: return -1;
    }
}

/* Result of an escape: a literal, a category, an anchor or a group
 * reference. */
enum { E_LIT, E_CAT, E_AT, E_REF };

/* \x \u \U \N and octal escapes shared by both contexts; *done = false when
 * the escape is none of these. esc: position of the backslash. */
static int esc_numeric(rp *P, size_t esc, bool in_class, uint32_t *out, bool *done) {
    uint32_t c = P->p[esc + 1];
    *done = true;
    int ndig = c == 'x' ? 2 : c == 'u' && !P->is_bytes ? 4 : c == 'U' && !P->is_bytes ? 8 : 0;
    if (ndig) {
        uint32_t v = 0;
        int got = 0;
        while (got < ndig && is_hex(tk_peekc(P))) {
            v = v * 16 + hexval((uint32_t)tk_peekc(P));
            got++;
            if (tk_advance(P)) return -1;
        }
        if (got != ndig)
            return rp_error_text(P, got + 2, "incomplete escape ", esc, (size_t)got + 2, false, "");
        if (v > 0x10FFFF)
            return rp_error_text(P, 10, "bad escape ", esc, 10, false, "");
        *out = v;
        return 0;
    }
    if (c == 'N' && !P->is_bytes) {
        if (tk_peekc(P) != '{') return rp_error(P, 0, "missing {");
        size_t off, len;
        if (tk_advance(P) || tk_getuntil(P, '}', "character name", &off, &len)) return -1;
        /* unicodedata.lookup(name) of one character (unicode.h) */
        char name[PE_UNI_NAME_MAX + 4];
        size_t bl = 0, k = 0;
        for (; k < len && bl + 4 <= PE_UNI_NAME_MAX; k++)
            bl += (size_t)pe_utf8_encode(P->p[off + k], name + bl);
        uint32_t cps[PE_UNI_SEQ_MAX];
        if (k == len && pe_uni_lookup(name, bl, true, cps) == 1) {
            *out = cps[0];
            return 0;
        }
        return rp_error_text(P, (int64_t)len + 4, "undefined character name ", off, len, true, "");
    }
    if (in_class && is_oct(c)) {
        uint32_t v = c - '0';
        int got = 1;
        while (got < 3 && is_oct(tk_peekc(P))) {
            v = v * 8 + (uint32_t)(tk_peekc(P) - '0');
            got++;
            if (tk_advance(P)) return -1;
        }
        if (v > 0377)
            return rp_error_text(P, got + 1, "octal escape value ", esc, (size_t)got + 1, false,
                                 " outside of range 0-0o377");
        *out = v;
        return 0;
    }
    *done = false;
    return 0;
}

/* The escapes that stand for one fixed thing: categories, anchors (not
 * in sets: there \b is a backspace) and the simple ones. 1 if c is one. */
static int esc_fixed(uint32_t c, bool in_class, int *kind, uint32_t *val) {
    int v = esc_category(c);
    *kind = E_CAT;
    if (v < 0 && !in_class) {
        *kind = E_AT;
        v = c == 'A' ? RA_BEGIN : c == 'Z' ? RA_END : c == 'b' ? RA_BOUND : c == 'B' ? RA_NBOUND : -1;
    }
    if (v < 0) {
        *kind = E_LIT;
        v = esc_simple(c);
    }
    *val = (uint32_t)v;
    return v >= 0;
}

/* _class_escape: the escape at esc (already consumed) inside a set. */
static int class_escape(rp *P, size_t esc, int *kind, uint32_t *val) {
    uint32_t c = P->p[esc + 1];
    if (esc_fixed(c, true, kind, val)) return 0;
    bool done;
    if (esc_numeric(P, esc, true, val, &done)) return -1;
    *kind = E_LIT;
    if (done) return 0;
    if (is_digit(c) || is_ascii_letter(c)) return rp_error_text(P, 2, "bad escape ", esc, 2, false, "");
    *val = c;
    return 0;
}

/* _escape: an escape outside sets. */
static int expr_escape(rp *P, size_t esc, int *kind, uint32_t *val) {
    uint32_t c = P->p[esc + 1];
    if (esc_fixed(c, false, kind, val)) return 0;
    *kind = E_LIT;
    if (c == '0') {
        uint32_t o = 0;
        for (int i = 0; i < 2 && is_oct(tk_peekc(P)); i++) {
            o = o * 8 + (uint32_t)(tk_peekc(P) - '0');
            if (tk_advance(P)) return -1;
        }
        *val = o;
        return 0;
    }
    if (is_digit(c)) {
        size_t len = 2;
        if (is_digit(tk_peekc(P))) {
            uint32_t d2 = (uint32_t)tk_peekc(P);
            if (tk_advance(P)) return -1;
            len = 3;
            if (is_oct(c) && is_oct(d2) && is_oct(tk_peekc(P))) {
                uint32_t d3 = (uint32_t)tk_peekc(P);
                if (tk_advance(P)) return -1;
                uint32_t o = (c - '0') * 64 + (d2 - '0') * 8 + (d3 - '0');
                if (o > 0377)
                    return rp_error_text(P, 4, "octal escape value ", esc, 4, false,
                                         " outside of range 0-0o377");
                *val = o;
                return 0;
            }
        }
        uint32_t g = c - '0';
        if (len == 3) g = g * 10 + (P->p[esc + 2] - '0');
        if (g < P->ngroups) {
            if (!rp_checkgroup(P, g)) return rp_error(P, (int64_t)len, "cannot refer to an open group");
            if (rp_checklookbehindgroup(P, g)) return -1;
            *kind = E_REF;
            *val = g;
            return 0;
        }
        return rp_error(P, (int64_t)len - 1, "invalid group reference %u", g);
    }
    bool done;
    if (esc_numeric(P, esc, false, val, &done)) return -1;
    if (done) return 0;
    if (is_ascii_letter(c)) return rp_error_text(P, 2, "bad escape ", esc, 2, false, "");
    *val = c;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Parser                                                              */
/* ------------------------------------------------------------------ */

static int32_t parse_sub(rp *P, bool verbose, int nested);
static int parse_seq(rp *P, int32_t seq, bool verbose, int nested, bool first);

static int rp_item(rp *P, uint32_t kind, uint32_t lo, uint32_t hi) {
    if (rp_grow(P, (void **)&P->items, &P->itemcap, P->nitems + 1, sizeof(rsitem))) return -1;
    P->items[P->nitems++] = (rsitem){kind, lo, hi};
    return 0;
}

/* A set node over the items from `first` to the end of P->items. */
static int32_t rp_set_node(rp *P, uint32_t first, bool negate) {
    int32_t nd = rp_node(P, N_SET);
    if (nd < 0) return -1;
    P->nodes[nd].a = first;
    P->nodes[nd].b = P->nitems - first;
    P->nodes[nd].mode = negate;
    return nd;
}

/* The next token of a set ("[" at here): error at the end of the pattern. */
static int set_token(rp *P, size_t here, size_t *ts, int *tl) {
    if (tk_get(P, ts, tl)) return -1;
    if (*tl == 0) return rp_error(P, (int64_t)(rp_tell(P) - here), "unterminated character set");
    return 0;
}

/* What a set member token stands for: a literal or a category. */
static int set_value(rp *P, size_t ts, int tl, int *kind, uint32_t *val) {
    *kind = E_LIT;
    if (tl == 2) return class_escape(P, ts, kind, val);
    *val = P->p[ts];
    return 0;
}

/* "[...]" after the '['; here = position of the '['. */
static int32_t parse_set(rp *P, size_t here) {
    uint32_t first = P->nitems;
    int m = tk_match(P, '^');
    if (m < 0) return -1;
    bool negate = m == 1;
    for (;;) {
        size_t ts;
        int tl, k1;
        uint32_t v1;
        if (set_token(P, here, &ts, &tl)) return -1;
        if (tl == 1 && P->p[ts] == ']' && P->nitems > first) break;
        if (set_value(P, ts, tl, &k1, &v1)) return -1;
        int r = tk_match(P, '-');
        if (r < 0) return -1;
        if (r) {
            size_t us;
            int ul, k2;
            uint32_t v2;
            if (set_token(P, here, &us, &ul)) return -1;
            if (ul == 1 && P->p[us] == ']') {
                if (rp_item(P, k1 == E_CAT ? SI_CAT : SI_LIT, v1, v1)) return -1;
                if (rp_item(P, SI_LIT, '-', '-')) return -1;
                break;
            }
            if (set_value(P, us, ul, &k2, &v2)) return -1;
            if (k1 != E_LIT || k2 != E_LIT || v2 < v1) {
                rp_error_text(P, tl + 1 + ul, "bad character range ", ts, (size_t)tl, false, "-");
                rp_put_text(P, &P->err->msg, us, (size_t)ul, false);
                return -1;
            }
            if (rp_item(P, SI_RANGE, v1, v2)) return -1;
        } else {
            if (rp_item(P, k1 == E_CAT ? SI_CAT : SI_LIT, v1, v1)) return -1;
        }
    }
    if (P->nitems - first == 1 && P->items[first].kind == SI_LIT) {
        int32_t nd = rp_node(P, negate ? N_NOTLIT : N_LIT);
        if (nd < 0) return -1;
        P->nodes[nd].a = P->items[first].lo;
        P->nitems = first;
        return nd;
    }
    return rp_set_node(P, first, negate);
}

/* _parse_flags after "(?" and its first character c (a flag or '-').
 * Returns 1 for global flags "(?i)", 0 for scoped (add/del set). */
static int parse_flags(rp *P, uint32_t c, uint32_t *add, uint32_t *del) {
    *add = *del = 0;
    static const char fl[] = "iLmsxatu";
    static const uint32_t fv[] = {PE_RE_IGNORECASE, PE_RE_LOCALE, PE_RE_MULTILINE, PE_RE_DOTALL,
                                  PE_RE_VERBOSE, PE_RE_ASCII, PE_RE_TEMPLATE, PE_RE_UNICODE};
    const uint32_t type_flags = PE_RE_ASCII | PE_RE_LOCALE | PE_RE_UNICODE;
#define FLAGIDX(ch) ((ch) < 128 && (ch) && strchr(fl, (int)(ch)) ? (int)(strchr(fl, (int)(ch)) - fl) : -1)
    size_t ts;
    int tl;
    if (c != '-') {
        for (;;) {
            uint32_t f = fv[FLAGIDX(c)];
            if (!P->is_bytes && c == 'L')
                return rp_error(P, 0, "bad inline flags: cannot use 'L' flag with a str pattern");
            if (P->is_bytes && c == 'u')
                return rp_error(P, 0, "bad inline flags: cannot use 'u' flag with a bytes pattern");
            *add |= f;
            if ((f & type_flags) && (*add & type_flags) != f)
                return rp_error(P, 0, "bad inline flags: flags 'a', 'u' and 'L' are incompatible");
            if (tk_get(P, &ts, &tl)) return -1;
            if (tl == 0) return rp_error(P, 0, "missing -, : or )");
            c = P->p[ts];
            if (tl == 1 && (c == ')' || c == '-' || c == ':')) break;
            if (tl != 1 || FLAGIDX(c) < 0) {
                bool alpha = tl == 1 && pe_uni_isalpha(c);
                return rp_error(P, tl, alpha ? "unknown flag" : "missing -, : or )");
            }
        }
    }
    if (c == ')') {
        P->flags |= *add;
        return 1;
    }
    if (*add & PE_RE_TEMPLATE) return rp_error(P, 1, "bad inline flags: cannot turn on global flag");
    if (c == '-') {
        if (tk_get(P, &ts, &tl)) return -1;
        if (tl == 0) return rp_error(P, 0, "missing flag");
        c = P->p[ts];
        if (tl != 1 || FLAGIDX(c) < 0) {
            bool alpha = tl == 1 && pe_uni_isalpha(c);
            return rp_error(P, tl, alpha ? "unknown flag" : "missing flag");
        }
        for (;;) {
            uint32_t f = fv[FLAGIDX(c)];
            if (f & type_flags)
                return rp_error(P, 0, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
            *del |= f;
            if (tk_get(P, &ts, &tl)) return -1;
            if (tl == 0) return rp_error(P, 0, "missing :");
            c = P->p[ts];
            if (tl == 1 && c == ':') break;
            if (tl != 1 || FLAGIDX(c) < 0) {
                bool alpha = tl == 1 && pe_uni_isalpha(c);
                return rp_error(P, tl, alpha ? "unknown flag" : "missing :");
            }
        }
    }
#undef FLAGIDX
    if (*del & PE_RE_TEMPLATE) return rp_error(P, 1, "bad inline flags: cannot turn off global flag");
    if (*add & *del) return rp_error(P, 1, "bad inline flags: flag turned on and off");
    return 0;
}

/* Width (lo, hi) of a node, saturating at UINT64_MAX (CPython's MAXWIDTH). */
static uint64_t sat_add(uint64_t a, uint64_t b) { return a + b < a ? UINT64_MAX : a + b; }
static uint64_t sat_mul(uint64_t a, uint64_t b) {
    if (a && b > UINT64_MAX / a) return UINT64_MAX;
    return a * b;
}
static void node_width(const rp *P, int32_t i, uint64_t *lo, uint64_t *hi) {
    const rnode *nd = &P->nodes[i];
    uint64_t l = 0, h = 0, a, b;
    switch (nd->op) {
    case N_LIT: case N_NOTLIT: case N_ANY: case N_SET: l = h = 1; break;
    case N_SEQ:
        for (int32_t k = nd->kid; k >= 0; k = P->nodes[k].next) {
            node_width(P, k, &a, &b);
            l = sat_add(l, a);
            h = sat_add(h, b);
        }
        break;
    case N_ALT:
        l = UINT64_MAX;
        for (int32_t k = nd->kid; k >= 0; k = P->nodes[k].next) {
            node_width(P, k, &a, &b);
            if (a < l) l = a;
            if (b > h) h = b;
        }
        break;
    case N_REP:
        node_width(P, nd->kid, &a, &b);
        l = sat_mul(a, nd->a);
        h = nd->b == PE_RE_MAXREPEAT && b ? UINT64_MAX : sat_mul(b, nd->b);
        break;
    case N_GROUP: case N_FLAGS: case N_ATOMIC: node_width(P, nd->kid, &l, &h); break;
    case N_REF:
        l = P->gw[3 * nd->a];
        h = P->gw[3 * nd->a + 1];
        break;
    case N_COND:
        node_width(P, nd->kid, &l, &h);
        if (nd->kid2 >= 0) {
            node_width(P, nd->kid2, &a, &b);
            if (a < l) l = a;
            if (b > h) h = b;
        } else {
            l = 0;
        }
        break;
    default: break; /* N_AT, N_LOOK: zero width */
    }
    *lo = l;
    *hi = h;
}

/* "(" already consumed; start = its position. Appends to seq, or returns 1
 * when nothing is appended (comments, global flags). */
static int parse_group(rp *P, int32_t seq, size_t start, bool *verbose, int nested, bool first) {
    bool capture = true, atomic = false, named = false;
    size_t noff = 0, nlen = 0;
    uint32_t add = 0, del = 0;
    int m = tk_match(P, '?');
    if (m < 0) return -1;
    if (m) {
        size_t cs;
        int cl;
        if (tk_get(P, &cs, &cl)) return -1;
        if (cl == 0) return rp_error(P, 0, "unexpected end of pattern");
        uint32_t c = P->p[cs];
        if (cl == 2) c = 0x110000; /* an escape: never a known extension */
        if (c == 'P') {
            if ((m = tk_match(P, '<')) < 0) return -1;
            if (m) {
                if (tk_getuntil(P, '>', "group name", &noff, &nlen)) return -1;
                if (rp_checkgroupname(P, noff, nlen, 1)) return -1;
                named = true;
            } else if ((m = tk_match(P, '=')) != 0) {
                if (m < 0) return -1;
                if (tk_getuntil(P, ')', "group name", &noff, &nlen)) return -1;
                if (rp_checkgroupname(P, noff, nlen, 1)) return -1;
                int64_t gid = rp_name_lookup(P, noff, nlen);
                if (gid < 0)
                    return rp_error_text(P, (int64_t)nlen + 1, "unknown group name ", noff, nlen,
                                         true, "");
                if (!rp_checkgroup(P, (uint32_t)gid))
                    return rp_error(P, (int64_t)nlen + 1, "cannot refer to an open group");
                if (rp_checklookbehindgroup(P, (uint32_t)gid)) return -1;
                int32_t nd = rp_node(P, N_REF);
                if (nd < 0) return -1;
                P->nodes[nd].a = (uint32_t)gid;
                rp_append(P, seq, nd);
                return 0;
            } else {
                if (tk_get(P, &cs, &cl)) return -1;
                if (cl == 0) return rp_error(P, 0, "unexpected end of pattern");
                return rp_error_text(P, cl + 2, "unknown extension ?P", cs, (size_t)cl, false, "");
            }
        } else if (c == ':') {
            capture = false;
        } else if (c == '#') {
            for (;;) {
                if (tk_end(P))
                    return rp_error(P, (int64_t)(rp_tell(P) - start), "missing ), unterminated comment");
                size_t s;
                int l;
                if (tk_get(P, &s, &l)) return -1;
                if (l == 1 && P->p[s] == ')') break;
            }
            return 1;
        } else if (c == '=' || c == '!' || c == '<') {
            bool behind = false;
            int64_t saved_lbg = P->lookbehindgroups;
            if (c == '<') {
                if (tk_get(P, &cs, &cl)) return -1;
                if (cl == 0) return rp_error(P, 0, "unexpected end of pattern");
                c = cl == 2 ? 0x110000 : P->p[cs];
                if (c != '=' && c != '!')
                    return rp_error_text(P, cl + 2, "unknown extension ?<", cs, (size_t)cl, false, "");
                behind = true;
                if (P->lookbehindgroups < 0) P->lookbehindgroups = P->ngroups;
            }
            int32_t body = parse_sub(P, *verbose, nested + 1);
            if (body < 0) return -1;
            if (behind && saved_lbg < 0) P->lookbehindgroups = -1;
            if ((m = tk_match(P, ')')) < 0) return -1;
            if (!m) return rp_error(P, (int64_t)(rp_tell(P) - start), "missing ), unterminated subpattern");
            int32_t nd = rp_node(P, N_LOOK);
            if (nd < 0) return -1;
            P->nodes[nd].kid = body;
            P->nodes[nd].mode = c == '!';
            P->nodes[nd].behind = behind;
            rp_append(P, seq, nd);
            return 0;
        } else if (c == '(') {
            if (tk_getuntil(P, ')', "group name", &noff, &nlen)) return -1;
            uint32_t cg = 0;
            if (rp_isidentifier(P, noff, nlen)) {
                int64_t g = rp_name_lookup(P, noff, nlen);
                if (g < 0)
                    return rp_error_text(P, (int64_t)nlen + 1, "unknown group name ", noff, nlen,
                                         true, "");
                cg = (uint32_t)g;
            } else {
                uint64_t v = 0;
                for (size_t i = 0; i < nlen; i++) {
                    uint32_t d = P->p[noff + i];
                    if (!is_digit(d))
                        return rp_error_text(P, (int64_t)nlen + 1, "bad character in group name ",
                                             noff, nlen, true, "");
                    if (v < 1000000000u) v = v * 10 + (d - '0');
                }
                if (!v) return rp_error(P, (int64_t)nlen + 1, "bad group number");
                if (v >= 1073741823u)
                    return rp_error(P, (int64_t)nlen + 1, "invalid group reference %llu",
                                    (unsigned long long)v);
                cg = (uint32_t)v;
                bool seen = false;
                for (uint32_t i = 0; i < P->ngrefpos; i++) seen |= P->grefpos[2 * i] == (int64_t)cg;
                if (!seen) {
                    if (rp_grow(P, (void **)&P->grefpos, &P->grefcap, 2 * (P->ngrefpos + 1),
                                sizeof(int64_t)))
                        return -1;
                    P->grefpos[2 * P->ngrefpos] = cg;
                    P->grefpos[2 * P->ngrefpos + 1] = (int64_t)(rp_tell(P) - nlen - 1);
                    P->ngrefpos++;
                }
            }
            if (rp_checklookbehindgroup(P, cg)) return -1;
            int32_t yes = -1, no = -1;
            int32_t ys = rp_node(P, N_SEQ);
            if (ys < 0) return -1;
            if (parse_seq(P, ys, *verbose, nested + 1, false)) return -1;
            yes = ys;
            if ((m = tk_match(P, '|')) < 0) return -1;
            if (m) {
                no = rp_node(P, N_SEQ);
                if (no < 0 || parse_seq(P, no, *verbose, nested + 1, false)) return -1;
                if (tk_peekc(P) == '|')
                    return rp_error(P, 0, "conditional backref with more than two branches");
            }
            if ((m = tk_match(P, ')')) < 0) return -1;
            if (!m) return rp_error(P, (int64_t)(rp_tell(P) - start), "missing ), unterminated subpattern");
            int32_t nd = rp_node(P, N_COND);
            if (nd < 0) return -1;
            P->nodes[nd].a = cg;
            P->nodes[nd].kid = yes;
            P->nodes[nd].kid2 = no;
            rp_append(P, seq, nd);
            return 0;
        } else if (c == '>') {
            capture = false;
            atomic = true;
        } else if (c == '-' || (c < 128 && strchr("iLmsxatu", (int)c) && c)) {
            int g = parse_flags(P, c, &add, &del);
            if (g < 0) return -1;
            if (g == 1) {
                if (!first || P->nodes[seq].nkids)
                    return rp_error(P, (int64_t)(rp_tell(P) - start),
                                    "global flags not at the start of the expression");
                *verbose = (P->flags & PE_RE_VERBOSE) != 0;
                return 1;
            }
            capture = false;
        } else {
            return rp_error_text(P, cl + 1, "unknown extension ?", cs, (size_t)cl, false, "");
        }
    }
    int64_t gid = -1;
    if (capture) {
        gid = rp_opengroup(P, named, noff, nlen);
        if (gid < 0) return -1;
    }
    bool sub_verbose = (*verbose || (add & PE_RE_VERBOSE)) && !(del & PE_RE_VERBOSE);
    uint32_t saved_flags = P->flags;
    uint32_t nf = P->flags;
    if (add & (PE_RE_ASCII | PE_RE_LOCALE | PE_RE_UNICODE))
        nf &= ~(uint32_t)(PE_RE_ASCII | PE_RE_LOCALE | PE_RE_UNICODE);
    P->flags = (nf | add) & ~del;
    int32_t body = parse_sub(P, sub_verbose, nested + 1);
    P->flags = saved_flags;
    if (body < 0) return -1;
    if ((m = tk_match(P, ')')) < 0) return -1;
    if (!m) return rp_error(P, (int64_t)(rp_tell(P) - start), "missing ), unterminated subpattern");
    int32_t nd;
    if (gid >= 0) {
        node_width(P, body, &P->gw[3 * gid], &P->gw[3 * gid + 1]);
        P->gw[3 * gid + 2] = 1;
        nd = rp_node(P, N_GROUP);
        if (nd < 0) return -1;
        P->nodes[nd].a = (uint32_t)gid;
    } else if (atomic) {
        nd = rp_node(P, N_ATOMIC);
    } else if (add || del) {
        nd = rp_node(P, N_FLAGS);
    } else {
        /* a plain (?:...) group: the body itself, unpacked into seq later */
        if (P->nodes[body].op == N_SEQ) {
            P->nodes[body].plain = 1;
            rp_append(P, seq, body);
            return 0;
        }
        nd = rp_node(P, N_SEQ);
        if (nd < 0) return -1;
        P->nodes[nd].plain = 1;
        rp_append(P, nd, body);
        rp_append(P, seq, nd);
        return 0;
    }
    if (nd < 0) return -1;
    P->nodes[nd].kid = body;
    rp_append(P, seq, nd);
    return 0;
}

static bool is_repeat_node(const rnode *nd) { return nd->op == N_REP; }

/* A quantifier token at tell()-1 (its char c). Returns 1 when '{' was a
 * literal. */
static int parse_repeat(rp *P, int32_t seq, uint32_t c) {
    size_t here = rp_tell(P);
    uint32_t min = 0, max = PE_RE_MAXREPEAT;
    if (c == '?') max = 1;
    else if (c == '+') min = 1;
    else if (c == '{') {
        if (tk_peekc(P) == '}') return 1;
        uint64_t lo = 0, hi = 0;
        bool has_lo = false, has_hi = false, big_lo = false, big_hi = false;
        while (is_digit(tk_peekc(P))) {
            lo = lo * 10 + (uint64_t)(tk_peekc(P) - '0');
            if (lo >= PE_RE_MAXREPEAT) { big_lo = true; lo = PE_RE_MAXREPEAT; }
            has_lo = true;
            if (tk_advance(P)) return -1;
        }
        int m = tk_match(P, ',');
        if (m < 0) return -1;
        if (m) {
            while (is_digit(tk_peekc(P))) {
                hi = hi * 10 + (uint64_t)(tk_peekc(P) - '0');
                if (hi >= PE_RE_MAXREPEAT) { big_hi = true; hi = PE_RE_MAXREPEAT; }
                has_hi = true;
                if (tk_advance(P)) return -1;
            }
        } else {
            hi = lo;
            has_hi = has_lo;
            big_hi = big_lo;
        }
        if ((m = tk_match(P, '}')) < 0) return -1;
        if (!m) {
            tk_seek(P, here);
            return 1;
        }
        if (has_lo) {
            if (big_lo) return rp_error_kind(P, 1, -1, "the repetition number is too large");
            min = (uint32_t)lo;
        }
        if (has_hi) {
            if (big_hi) return rp_error_kind(P, 1, -1, "the repetition number is too large");
            max = (uint32_t)hi;
            if (max < min)
                return rp_error(P, (int64_t)(rp_tell(P) - here), "min repeat greater than max repeat");
        }
    }
    rnode *s = &P->nodes[seq];
    int64_t back = (int64_t)(rp_tell(P) - here) + 1;
    if (s->last < 0 || P->nodes[s->last].op == N_AT) return rp_error(P, back, "nothing to repeat");
    if (is_repeat_node(&P->nodes[s->last])) return rp_error(P, back, "multiple repeat");
    int mode = 1;
    int m = tk_match(P, '?');
    if (m < 0) return -1;
    if (m) mode = 0;
    else {
        if ((m = tk_match(P, '+')) < 0) return -1;
        if (m) mode = 2;
    }
    int32_t item = s->last;
    int32_t nd = rp_node(P, N_REP);
    if (nd < 0) return -1;
    s = &P->nodes[seq];
    rnode *r = &P->nodes[nd];
    r->a = min;
    r->b = max;
    r->mode = (uint8_t)mode;
    r->kid = item;
    /* replace the last child of seq by the repeat */
    if (s->kid == item) s->kid = nd;
    else {
        int32_t k = s->kid;
        while (P->nodes[k].next != item) k = P->nodes[k].next;
        P->nodes[k].next = nd;
    }
    s->last = nd;
    P->nodes[item].next = -1;
    return 0;
}

/* _parse: items until '|', ')' or the end, appended to seq. */
static int parse_seq(rp *P, int32_t seq, bool verbose, int nested, bool first) {
    if (nested > RE_MAX_DEPTH) return rp_error_kind(P, 3, -1, "maximum recursion depth exceeded");
    for (;;) {
        if (tk_end(P)) break;
        int64_t pc = tk_peekc(P);
        if (pc == '|' || pc == ')') break;
        size_t ts;
        int tl;
        if (tk_get(P, &ts, &tl)) return -1;
        uint32_t c = P->p[ts];
        if (verbose && tl == 1) {
            if (c == ' ' || (c >= 9 && c <= 13)) continue;
            if (c == '#') {
                for (;;) {
                    size_t s;
                    int l;
                    if (tk_get(P, &s, &l)) return -1;
                    if (l == 0 || (l == 1 && P->p[s] == '\n')) break;
                }
                continue;
            }
        }
        int32_t nd = -1;
        if (tl == 2) {
            int kind;
            uint32_t v;
            if (expr_escape(P, ts, &kind, &v)) return -1;
            if (kind == E_LIT) {
                nd = rp_node(P, N_LIT);
                if (nd >= 0) P->nodes[nd].a = v;
            } else if (kind == E_CAT) {
                uint32_t first_item = P->nitems;
                if (rp_item(P, SI_CAT, v, v)) return -1;
                nd = rp_set_node(P, first_item, false);
            } else if (kind == E_AT) {
                nd = rp_node(P, N_AT);
                if (nd >= 0) P->nodes[nd].a = v;
            } else {
                nd = rp_node(P, N_REF);
                if (nd >= 0) P->nodes[nd].a = v;
            }
            if (nd < 0) return -1;
            rp_append(P, seq, nd);
            continue;
        }
        switch (c) {
        case '[':
            nd = parse_set(P, rp_tell(P) - 1);
            break;
        case '*': case '+': case '?': case '{': {
            int r = parse_repeat(P, seq, c);
            if (r < 0) return -1;
            if (r == 0) continue;
            nd = rp_node(P, N_LIT); /* '{' as a literal */
            if (nd >= 0) P->nodes[nd].a = '{';
            break;
        }
        case '.': nd = rp_node(P, N_ANY); break;
        case '(': {
            int r = parse_group(P, seq, ts, &verbose, nested, first);
            if (r < 0) return -1;
            continue;
        }
        case '^':
        case '$':
            nd = rp_node(P, N_AT);
            if (nd >= 0) P->nodes[nd].a = c == '^' ? RA_BEGIN_LINE : RA_END_LINE; /* resolved by flags */
            if (nd >= 0) P->nodes[nd].b = 1; /* marks ^/$ */
            break;
        default:
            nd = rp_node(P, N_LIT);
            if (nd >= 0) P->nodes[nd].a = c;
            break;
        }
        if (nd < 0) return -1;
        rp_append(P, seq, nd);
    }
    /* unpack plain (?:...) groups */
    rnode *s = &P->nodes[seq];
    int32_t prev = -1, k = s->kid;
    while (k >= 0) {
        rnode *kn = &P->nodes[k];
        int32_t nx = kn->next;
        if (kn->op == N_SEQ && kn->plain && kn->kid >= 0) {
            int32_t f = kn->kid, l = kn->last;
            if (prev < 0) P->nodes[seq].kid = f;
            else P->nodes[prev].next = f;
            P->nodes[l].next = nx;
            P->nodes[seq].nkids += kn->nkids - 1;
            if (P->nodes[seq].last == k) P->nodes[seq].last = l;
            prev = l;
        } else if (kn->op == N_SEQ && kn->plain) { /* empty: drop */
            if (prev < 0) P->nodes[seq].kid = nx;
            else P->nodes[prev].next = nx;
            P->nodes[seq].nkids--;
            if (P->nodes[seq].last == k) P->nodes[seq].last = prev;
        } else {
            prev = k;
        }
        k = nx;
    }
    return 0;
}

/* Are two items equal as sre's parser compares them (op and argument;
 * items holding a sub-pattern never are)? */
static bool node_same(const rp *P, const rnode *x, const rnode *y) {
    if (x->op != y->op || x->a != y->a || x->b != y->b || x->mode != y->mode) return false;
    switch (x->op) {
    case N_LIT: case N_NOTLIT: case N_ANY: case N_AT: case N_REF: return true;
    case N_SET:
        for (uint32_t i = 0; i < x->b; i++) {
            const rsitem *p = &P->items[x->a + i], *q = &P->items[y->a + i];
            if (p->kind != q->kind || p->lo != q->lo || p->hi != q->hi) return false;
        }
        return true;
    default: return false;
    }
}

/* Do all alternatives of alt start with the same item? */
static bool alt_common_first(const rp *P, int32_t alt) {
    const rnode *first = NULL;
    for (int32_t k = P->nodes[alt].kid; k >= 0; k = P->nodes[k].next) {
        const rnode *s = &P->nodes[k];
        if (s->kid < 0) return false;
        if (!first) first = &P->nodes[s->kid];
        else if (!node_same(P, first, &P->nodes[s->kid])) return false;
    }
    return first != NULL;
}

/* _parse_sub: alternatives. Returns a node (N_SEQ or N_ALT), -1 on error. */
static int32_t parse_sub(rp *P, bool verbose, int nested) {
    if (nested > RE_MAX_DEPTH) {
        rp_error_kind(P, 3, -1, "maximum recursion depth exceeded");
        return -1;
    }
    int32_t alt = -1, first_seq = -1;
    for (;;) {
        int32_t seq = rp_node(P, N_SEQ);
        if (seq < 0) return -1;
        if (parse_seq(P, seq, verbose, nested + 1, !nested && first_seq < 0)) return -1;
        if (first_seq < 0) first_seq = seq;
        else {
            if (alt < 0) {
                alt = rp_node(P, N_ALT);
                if (alt < 0) return -1;
                rp_append(P, alt, first_seq);
            }
            rp_append(P, alt, seq);
        }
        int m = tk_match(P, '|');
        if (m < 0) return -1;
        if (!m) break;
        if (!nested) verbose = (P->flags & PE_RE_VERBOSE) != 0;
    }
    if (alt < 0) return first_seq;
    /* the items every alternative starts with move before the branch, and a
     * branch of single literals / non-negated sets becomes a set (sre's
     * parser does both, and IGNORECASE sets differ from literals) */
    int32_t out = rp_node(P, N_SEQ);
    if (out < 0) return -1;
    while (alt_common_first(P, alt)) {
        int32_t keep = -1;
        for (int32_t k = P->nodes[alt].kid; k >= 0; k = P->nodes[k].next) {
            rnode *s = &P->nodes[k];
            int32_t f = s->kid;
            s->kid = P->nodes[f].next;
            if (s->last == f) s->last = -1;
            s->nkids--;
            if (keep < 0) keep = f;
        }
        P->nodes[keep].next = -1;
        rp_append(P, out, keep);
    }
    for (int32_t k = P->nodes[alt].kid; k >= 0; k = P->nodes[k].next) {
        const rnode *s = &P->nodes[k];
        const rnode *it = s->nkids == 1 ? &P->nodes[s->kid] : NULL;
        if (!it || !(it->op == N_LIT || (it->op == N_SET && !it->mode))) {
            rp_append(P, out, alt);
            return out;
        }
    }
    uint32_t first = P->nitems;
    for (int32_t k = P->nodes[alt].kid; k >= 0; k = P->nodes[k].next) {
        const rnode it = P->nodes[P->nodes[k].kid];
        if (it.op == N_LIT) {
            if (rp_item(P, SI_LIT, it.a, it.a)) return -1;
        } else {
            for (uint32_t j = 0; j < it.b; j++) {
                rsitem x = P->items[it.a + j];
                if (rp_item(P, x.kind, x.lo, x.hi)) return -1;
            }
        }
    }
    int32_t set = rp_set_node(P, first, false);
    if (set < 0) return -1;
    P->nodes[set].flags = P->nodes[P->nodes[P->nodes[alt].kid].kid].flags;
    rp_append(P, out, set);
    return out;
}

/* ------------------------------------------------------------------ */
/* Compiler                                                            */
/* ------------------------------------------------------------------ */

typedef struct rc {
    rp *P;
    pe_re_prog *prog;
    uint32_t *code;
    uint32_t ncode, codecap;
    re_set *sets;
    uint32_t nsets, setcap;
    uint32_t *ranges;
    uint32_t nranges, rangecap;
    uint32_t nregs;
} rc;

static int rc_emit(rc *C, uint32_t w) {
    if (rp_grow(C->P, (void **)&C->code, &C->codecap, C->ncode + 1, sizeof(uint32_t))) return -1;
    C->code[C->ncode++] = w;
    return 0;
}
static int rc_emit2(rc *C, uint32_t a, uint32_t b) { return rc_emit(C, a) || rc_emit(C, b); }

/* Range list under construction: pairs, sorted and merged at the end. */
typedef struct rlist {
    uint32_t *r;
    uint32_t n, cap; /* words */
} rlist;

static int rl_add(rc *C, rlist *l, uint32_t lo, uint32_t hi) {
    if (l->n >= 2 && l->r[l->n - 1] + 1 >= lo && l->r[l->n - 2] <= lo) { /* extend the last */
        if (hi > l->r[l->n - 1]) l->r[l->n - 1] = hi;
        return 0;
    }
    if (rp_grow(C->P, (void **)&l->r, &l->cap, l->n + 2, sizeof(uint32_t))) return -1;
    l->r[l->n++] = lo;
    l->r[l->n++] = hi;
    return 0;
}

static int cmp_range(const void *a, const void *b) {
    const uint32_t *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* Sorts and merges l, appends it to the program's ranges; off/n. */
static int rl_commit(rc *C, rlist *l, uint32_t *off, uint32_t *n) {
    if (l->n) qsort(l->r, l->n / 2, 2 * sizeof(uint32_t), cmp_range);
    uint32_t w = 0;
    for (uint32_t i = 0; i < l->n; i += 2) {
        if (w && (uint64_t)l->r[w - 1] + 1 >= l->r[i]) {
            if (l->r[i + 1] > l->r[w - 1]) l->r[w - 1] = l->r[i + 1];
        } else {
            l->r[w++] = l->r[i];
            l->r[w++] = l->r[i + 1];
        }
    }
    *off = C->nranges;
    *n = w / 2;
    if (rp_grow(C->P, (void **)&C->ranges, &C->rangecap, C->nranges + w + 1, sizeof(uint32_t)))
        return -1;
    if (w) memcpy(C->ranges + C->nranges, l->r, w * sizeof(uint32_t));
    C->nranges += w;
    return 0;
}

/* Adds c and its extra case equivalents (the fixes) to l. */
static int rl_add_fixed(rc *C, rlist *l, uint32_t lo_c) {
    if (rl_add(C, l, lo_c, lo_c)) return -1;
    int row = re_fix_row(lo_c);
    if (row >= 0)
        for (int j = 0; j < 3 && re_case_fixes[row][j]; j++)
            if (rl_add(C, l, re_case_fixes[row][j], re_case_fixes[row][j])) return -1;
    return 0;
}

static int cat_for_flags(uint32_t cat, uint32_t flags) {
    return (int)cat + ((flags & PE_RE_ASCII) ? RC_A_DIGIT : 0);
}

/* Builds set number *out from items[first..first+count) under flags. */
static int rc_set(rc *C, const rsitem *items, uint32_t count, bool negate, uint32_t flags,
                  uint32_t *out) {
    rlist l = {0}, u = {0};
    re_set s;
    memset(&s, 0, sizeof s);
    s.negate = negate;
    bool icase = (flags & PE_RE_IGNORECASE) != 0, ascii = (flags & PE_RE_ASCII) != 0;
    bool hascased = false;
    int rc_ = -1;
    for (uint32_t i = 0; i < count; i++) {
        const rsitem *it = &items[i];
        if (it->kind == SI_CAT) {
            s.cats |= 1u << cat_for_flags(it->lo, flags);
            continue;
        }
        if (!icase) {
            if (rl_add(C, &l, it->lo, it->hi)) goto done;
            continue;
        }
        for (uint64_t c = it->lo; c <= it->hi; c++) {
            if (c > 0xFFFF) {
                /* beyond the BMP: sre keeps the item as it is */
                hascased = true;
                if (it->kind == SI_RANGE) {
                    if (rl_add(C, &u, it->lo, it->hi)) goto done;
                } else if (rl_add(C, &l, it->lo, it->lo)) goto done;
                break;
            }
            uint32_t ch = (uint32_t)c;
            if (ascii) {
                if (rl_add(C, &l, re_lower_a(ch), re_lower_a(ch))) goto done;
                hascased |= re_iscased_a(ch);
            } else {
                if (rl_add_fixed(C, &l, pe_re_lower(ch))) goto done;
                hascased |= re_iscased(ch);
            }
        }
        if (pe_work(C->P->S, it->hi - it->lo + 1)) goto done;
    }
    if (icase && !hascased) { /* nothing cased: test the character as it is */
        l.n = 0;
        u.n = 0;
        for (uint32_t i = 0; i < count; i++)
            if (items[i].kind != SI_CAT && rl_add(C, &l, items[i].lo, items[i].hi)) goto done;
    } else if (icase) {
        s.mode = ascii ? RS_LOWER_A : RS_LOWER_U;
    }
    if (rl_commit(C, &l, &s.roff, &s.nr) || rl_commit(C, &u, &s.uoff, &s.nu)) goto done;
    if (rp_grow(C->P, (void **)&C->sets, &C->setcap, C->nsets + 1, sizeof(re_set))) goto done;
    *out = C->nsets;
    C->sets[C->nsets++] = s;
    rc_ = 0;
done:
    if (l.r) pe_mem_free(C->P->S, l.r, l.cap * sizeof(uint32_t));
    if (u.r) pe_mem_free(C->P->S, u.r, u.cap * sizeof(uint32_t));
    return rc_;
}

/* A literal (or its negation) under flags: one single-char instruction. */
static int rc_literal(rc *C, uint32_t ch, bool neg, uint32_t flags) {
    if (!(flags & PE_RE_IGNORECASE)) return rc_emit2(C, neg ? RO_NOTCHAR : RO_CHAR, ch);
    if (flags & PE_RE_ASCII) {
        if (!re_iscased_a(ch)) return rc_emit2(C, neg ? RO_NOTCHAR : RO_CHAR, ch);
        return rc_emit2(C, neg ? RO_NOTCHAR_AI : RO_CHAR_AI, re_lower_a(ch));
    }
    if (!re_iscased(ch)) return rc_emit2(C, neg ? RO_NOTCHAR : RO_CHAR, ch);
    uint32_t lo = pe_re_lower(ch);
    if (re_fix_row(lo) < 0) return rc_emit2(C, neg ? RO_NOTCHAR_I : RO_CHAR_I, lo);
    rsitem it = {SI_LIT, ch, ch};
    uint32_t idx;
    if (rc_set(C, &it, 1, neg, flags, &idx)) return -1;
    return rc_emit2(C, RO_SET, idx);
}

/* Is node i one character wide and a single instruction (RO_STAR body)? */
static bool rc_single(const rp *P, int32_t i) {
    const rnode *nd = &P->nodes[i];
    if (nd->op == N_SEQ && nd->nkids == 1) return rc_single(P, nd->kid);
    return nd->op == N_LIT || nd->op == N_NOTLIT || nd->op == N_ANY || nd->op == N_SET;
}

static int rc_node(rc *C, int32_t i, uint32_t flags, int depth);

static int rc_patch_here(rc *C, uint32_t at) {
    C->code[at] = C->ncode;
    return 0;
}

static int rc_repeat(rc *C, const rnode *nd, uint32_t flags, int depth) {
    rp *P = C->P;
    if (nd->mode == 2) { /* possessive: an atomic group around the greedy repeat */
        if (rc_emit2(C, RO_ATOMIC, 0)) return -1;
        uint32_t patch = C->ncode - 1;
        rnode g = *nd;
        g.mode = 1;
        if (rc_repeat(C, &g, flags, depth)) return -1;
        if (rc_emit(C, RO_ATOMICEND)) return -1;
        return rc_patch_here(C, patch);
    }
    if (rc_single(P, nd->kid)) {
        if (rc_emit(C, RO_STAR) || rc_emit(C, nd->a) || rc_emit(C, nd->b) || rc_emit(C, nd->mode))
            return -1;
        return rc_node(C, nd->kid, flags, depth + 1);
    }
    uint32_t reg = C->nregs++;
    if (rc_emit2(C, RO_RINIT, reg) || rc_emit2(C, RO_JMP, 0)) return -1;
    uint32_t jmp = C->ncode - 1, body = C->ncode;
    if (rc_node(C, nd->kid, flags, depth + 1)) return -1;
    rc_patch_here(C, jmp);
    if (rc_emit(C, RO_UNTIL) || rc_emit(C, reg) || rc_emit(C, nd->a) || rc_emit(C, nd->b) ||
        rc_emit(C, nd->mode) || rc_emit(C, body))
        return -1;
    return 0;
}

static int rc_node(rc *C, int32_t i, uint32_t flags, int depth) {
    rp *P = C->P;
    if (depth > 3 * RE_MAX_DEPTH) return rp_error_kind(P, 3, -1, "maximum recursion depth exceeded");
    const rnode *nd = &P->nodes[i];
    uint32_t f = nd->flags | (P->is_bytes ? (uint32_t)PE_RE_ASCII : 0u);
    (void)flags;
    switch (nd->op) {
    case N_LIT: return rc_literal(C, nd->a, false, f);
    case N_NOTLIT: return rc_literal(C, nd->a, true, f);
    case N_ANY: return rc_emit2(C, (f & PE_RE_DOTALL) ? RO_ANYALL : RO_ANY, 0);
    case N_SET: {
        uint32_t idx;
        if (rc_set(C, P->items + nd->a, nd->b, nd->mode, f, &idx)) return -1;
        return rc_emit2(C, RO_SET, idx);
    }
    case N_AT: {
        uint32_t k = nd->a;
        if (nd->b) { /* ^ or $ */
            if (k == RA_BEGIN_LINE && !(f & PE_RE_MULTILINE)) k = RA_BEGIN;
            if (k == RA_END_LINE && !(f & PE_RE_MULTILINE)) k = RA_END_DOLLAR;
        } else if ((k == RA_BOUND || k == RA_NBOUND) && (f & PE_RE_ASCII)) {
            k = k == RA_BOUND ? RA_BOUND_A : RA_NBOUND_A;
        }
        return rc_emit2(C, RO_AT, k);
    }
    case N_SEQ:
        for (int32_t k = nd->kid; k >= 0; k = P->nodes[k].next)
            if (rc_node(C, k, f, depth + 1)) return -1;
        return 0;
    case N_ALT: {
        /* SPLIT a b; a: alt1; JMP end; b: SPLIT ... last alt */
        uint32_t npatch = 0, *patches = NULL, pcap = 0;
        int r = -1;
        for (int32_t k = nd->kid; k >= 0; k = P->nodes[k].next) {
            uint32_t split = 0;
            bool last = P->nodes[k].next < 0;
            if (!last) {
                if (rc_emit(C, RO_SPLIT) || rc_emit(C, C->ncode + 2) || rc_emit(C, 0)) goto alt_done;
                split = C->ncode - 1;
            }
            if (rc_node(C, k, f, depth + 1)) goto alt_done;
            if (!last) {
                if (rc_emit2(C, RO_JMP, 0)) goto alt_done;
                if (rp_grow(P, (void **)&patches, &pcap, npatch + 1, sizeof(uint32_t))) goto alt_done;
                patches[npatch++] = C->ncode - 1;
                rc_patch_here(C, split);
            }
        }
        for (uint32_t j = 0; j < npatch; j++) rc_patch_here(C, patches[j]);
        r = 0;
    alt_done:
        if (patches) pe_mem_free(P->S, patches, pcap * sizeof(uint32_t));
        return r;
    }
    case N_REP: return rc_repeat(C, nd, f, depth);
    case N_GROUP:
        if (rc_emit2(C, RO_SAVE, 2 * nd->a)) return -1;
        if (rc_node(C, nd->kid, f, depth + 1)) return -1;
        return rc_emit2(C, RO_SAVE, 2 * nd->a + 1);
    case N_FLAGS: return rc_node(C, nd->kid, f, depth + 1); /* flags were applied while parsing */
    case N_ATOMIC: {
        if (rc_emit2(C, RO_ATOMIC, 0)) return -1;
        uint32_t patch = C->ncode - 1;
        if (rc_node(C, nd->kid, f, depth + 1) || rc_emit(C, RO_ATOMICEND)) return -1;
        return rc_patch_here(C, patch);
    }
    case N_LOOK: {
        uint64_t lo = 0, hi = 0;
        if (nd->behind) {
            node_width(P, nd->kid, &lo, &hi);
            if (lo != hi) return rp_error_kind(P, 0, -1, "look-behind requires fixed-width pattern");
            if (lo > 0xFFFFFFFEu) return rp_error_kind(P, 0, -1, "looks too much behind");
        }
        if (rc_emit(C, RO_LOOK) || rc_emit(C, nd->mode) || rc_emit(C, nd->behind) ||
            rc_emit(C, (uint32_t)lo) || rc_emit(C, 0))
            return -1;
        uint32_t patch = C->ncode - 1;
        if (rc_node(C, nd->kid, f, depth + 1) || rc_emit(C, RO_LOOKEND)) return -1;
        return rc_patch_here(C, patch);
    }
    case N_REF: {
        uint32_t op = RO_REF;
        if (f & PE_RE_IGNORECASE) op = (f & PE_RE_ASCII) ? RO_REF_AI : RO_REF_I;
        return rc_emit2(C, op, nd->a);
    }
    case N_COND: {
        if (rc_emit(C, RO_COND) || rc_emit(C, nd->a) || rc_emit(C, 0)) return -1;
        uint32_t patch = C->ncode - 1;
        if (rc_node(C, nd->kid, f, depth + 1)) return -1;
        if (nd->kid2 >= 0) {
            if (rc_emit2(C, RO_JMP, 0)) return -1;
            uint32_t j = C->ncode - 1;
            rc_patch_here(C, patch);
            if (rc_node(C, nd->kid2, f, depth + 1)) return -1;
            return rc_patch_here(C, j);
        }
        return rc_patch_here(C, patch);
    }
    default: return 0;
    }
}

static void rp_free(rp *P) {
    pe_state *S = P->S;
    if (P->gw) pe_mem_free(S, P->gw, P->gcap * 3 * sizeof(uint64_t));
    if (P->grefpos) pe_mem_free(S, P->grefpos, P->grefcap * sizeof(int64_t));
    if (P->names) pe_mem_free(S, P->names, P->namecap * sizeof(uint32_t));
    if (P->nodes) pe_mem_free(S, P->nodes, P->nodecap * sizeof(rnode));
    if (P->items) pe_mem_free(S, P->items, P->itemcap * sizeof(rsitem));
}

void pe_re_free(pe_state *S, pe_re_prog *p) {
    if (!p) return;
    if (p->code) pe_mem_free(S, p->code, p->ncode * sizeof(uint32_t));
    if (p->sets) pe_mem_free(S, p->sets, p->nsets * sizeof(re_set));
    if (p->ranges) pe_mem_free(S, p->ranges, p->nranges * sizeof(uint32_t));
    if (p->namebuf) pe_mem_free(S, p->namebuf, p->namebuf_words * sizeof(uint32_t));
    pe_mem_free(S, p, sizeof *p);
}

const pe_re_info *pe_re_prog_info(const pe_re_prog *p) { return &p->info; }

/* Moves a grown buffer into an exactly sized one owned by the program. */
static void *shrink(pe_state *S, void *buf, size_t cap, size_t n, size_t sz) {
    if (!buf) return NULL;
    void *r = pe_mem_realloc(S, buf, cap * sz, (n ? n : 1) * sz);
    return r;
}

/* Program-level facts for the search loop: anchored at \A, first literal. */
static void rc_facts(pe_re_prog *p) {
    p->first = p->firstpc = -1;
    const uint32_t *c = p->code;
    size_t pc = 0;
    while (pc < p->ncode && c[pc] == RO_SAVE) pc += 2;
    if (pc >= p->ncode) return;
    if (c[pc] == RO_AT && c[pc + 1] == RA_BEGIN) p->anchored = true;
    if (c[pc] == RO_STAR && c[pc + 1] > 0) pc += 4;
    if (c[pc] == RO_CHAR) p->first = c[pc + 1];
    else if (c[pc] < RO__SINGLE_END) p->firstpc = (int64_t)pc;
}

int pe_re_compile(pe_state *S, const uint32_t *pat, size_t n, uint32_t flags, bool is_bytes,
                  pe_re_prog **out, pe_re_err *err) {
    rp P;
    memset(&P, 0, sizeof P);
    P.S = S;
    P.err = err;
    P.p = pat;
    P.n = n;
    P.is_bytes = is_bytes;
    P.flags = flags;
    P.lookbehindgroups = -1;
    err->kind = 0;
    err->pos = -1;
    *out = NULL;
    rc C;
    memset(&C, 0, sizeof C);
    C.P = &P;
    pe_re_prog *prog = NULL;
    int32_t root = -1;
    /* group 0 */
    if (rp_grow(&P, (void **)&P.gw, &P.gcap, 1, 3 * sizeof(uint64_t))) goto fail;
    P.gw[0] = P.gw[1] = P.gw[2] = 0;
    P.ngroups = 1;
    if (tk_advance(&P)) goto fail;
    root = parse_sub(&P, (flags & PE_RE_VERBOSE) != 0, 0);
    if (root < 0) goto fail;
    /* fix_flags */
    uint32_t fl = P.flags;
    if (!is_bytes) {
        if (fl & PE_RE_LOCALE) {
            rp_error_kind(&P, 2, -1, "cannot use LOCALE flag with a str pattern");
            goto fail;
        }
        if (!(fl & PE_RE_ASCII)) fl |= PE_RE_UNICODE;
        else if (fl & PE_RE_UNICODE) {
            rp_error_kind(&P, 2, -1, "ASCII and UNICODE flags are incompatible");
            goto fail;
        }
    } else {
        if (fl & PE_RE_UNICODE) {
            rp_error_kind(&P, 2, -1, "cannot use UNICODE flag with a bytes pattern");
            goto fail;
        }
        if ((fl & PE_RE_LOCALE) && (fl & PE_RE_ASCII)) {
            rp_error_kind(&P, 2, -1, "ASCII and LOCALE flags are incompatible");
            goto fail;
        }
        fl |= PE_RE_ASCII; /* bytes: ASCII semantics (no LOCALE support) */
    }
    if (!tk_end(&P)) {
        rp_error(&P, 0, "unbalanced parenthesis");
        goto fail;
    }
    for (uint32_t i = 0; i < P.ngrefpos; i++)
        if (P.grefpos[2 * i] >= (int64_t)P.ngroups) {
            rp_error_kind(&P, 0, P.grefpos[2 * i + 1], "invalid group reference %d",
                          (int)P.grefpos[2 * i]);
            goto fail;
        }
    if (is_bytes && (fl & PE_RE_LOCALE)) {
        rp_error_kind(&P, 4, -1, "re.LOCALE is not supported");
        goto fail;
    }
    /* compile */
    if (rc_emit2(&C, RO_SAVE, 0) || rc_node(&C, root, P.nodes[root].flags, 0) ||
        rc_emit2(&C, RO_SAVE, 1) || rc_emit(&C, RO_MATCH))
        goto fail;
    prog = pe_mem_alloc(S, sizeof *prog);
    if (!prog) goto fail;
    memset(prog, 0, sizeof *prog);
    prog->code = shrink(S, C.code, C.codecap, C.ncode, sizeof(uint32_t));
    prog->ncode = C.ncode;
    C.code = NULL;
    prog->sets = C.sets;
    prog->nsets = C.setcap;
    C.sets = NULL;
    prog->ranges = C.ranges;
    prog->nranges = C.rangecap;
    C.ranges = NULL;
    prog->nregs = C.nregs;
    if (!prog->code) goto fail;
    prog->ncode = C.ncode ? C.ncode : 1;
    /* precompute the low bitmaps of the sets */
    for (uint32_t si = 0; si < C.nsets; si++) {
        re_set *s = &prog->sets[si];
        for (uint32_t ch = 0; ch < 256; ch++)
            if (re_set_eval(prog, s, ch)) s->low[ch >> 3] |= (uint8_t)(1u << (ch & 7));
    }
    /* names */
    size_t namechars = 0;
    for (uint32_t i = 0; i < P.nnames; i++) namechars += P.names[3 * i + 2];
    prog->namebuf_words = 3 * (size_t)P.nnames + namechars + 1;
    prog->namebuf = pe_mem_alloc(S, prog->namebuf_words * sizeof(uint32_t));
    if (!prog->namebuf) goto fail;
    {
        uint32_t *ng = prog->namebuf, *no = ng + P.nnames, *nl = no + P.nnames, *nc = nl + P.nnames;
        uint32_t off = 0;
        for (uint32_t i = 0; i < P.nnames; i++) {
            ng[i] = P.names[3 * i];
            no[i] = off;
            nl[i] = P.names[3 * i + 2];
            memcpy(nc + off, P.p + P.names[3 * i + 1], nl[i] * sizeof(uint32_t));
            off += nl[i];
        }
        prog->info.name_group = ng;
        prog->info.name_off = no;
        prog->info.name_len = nl;
        prog->info.names = nc;
    }
    prog->info.ngroups = P.ngroups - 1;
    prog->info.nnames = P.nnames;
    prog->info.flags = fl & ~(is_bytes ? (uint32_t)PE_RE_ASCII & ~flags & ~P.flags : 0u);
    rc_facts(prog);
    rp_free(&P);
    *out = prog;
    return 0;
fail:
    if (C.code) pe_mem_free(S, C.code, C.codecap * sizeof(uint32_t));
    if (C.sets) pe_mem_free(S, C.sets, C.setcap * sizeof(re_set));
    if (C.ranges) pe_mem_free(S, C.ranges, C.rangecap * sizeof(uint32_t));
    if (prog) pe_re_free(S, prog);
    rp_free(&P);
    if (S->exc.tag != PE_TUNDEF) return -1;
    return 1;
}
