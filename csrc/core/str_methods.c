/*
 * str_methods.c - the methods of str (CPython 3.11 signatures, keyword
 * names and error messages; the argument checkers reproduce the wording
 * of METH_NOARGS, METH_O, Argument Clinic and PyArg_ParseTuple).
 *
 * All searching works on the UTF-8 bytes: a valid UTF-8 needle can only
 * match a valid UTF-8 haystack at code point boundaries, so byte results
 * are converted back to code point indices only at the API surface.
 */
#include <stdio.h>

#include "cont_internal.h"
#include "str_impl.h"
#include "pe_dunder.h"
#include "unicode_db.h"

#define SELF (PE_STR(self))

/* str.NAME(...): helper(S, "NAME", the method's arguments, extra..., out). */
#define VARIANT(fname, helper, ...)                                                             \
    static int str_##fname(pe_state *S, pe_val self, int argc, const pe_val *argv,            \
                           pe_obj *kwnames, pe_val *out) {                                    \
        return helper(S, #fname, self, argc, argv, kwnames, __VA_ARGS__, out);                \
    }

/* ------------------------------------------------------------------ */
/* Argument checking                                                   */
/* ------------------------------------------------------------------ */

static size_t nkw(pe_obj *kwnames) { return kwnames ? ((pe_tuple *)kwnames)->n : 0; }

static int no_kw(pe_state *S, const char *name, pe_obj *kwnames) {
    if (nkw(kwnames)) return pe_raise(S, PE_EXC(TypeError), "str.%s() takes no keyword arguments", name);
    return 0;
}

/* METH_NOARGS */
static int chk_noargs(pe_state *S, const char *name, int argc, pe_obj *kwnames) {
    if (no_kw(S, name, kwnames)) return -1;
    if (argc) return pe_raise(S, PE_EXC(TypeError), "str.%s() takes no arguments (%d given)", name, argc);
    return 0;
}

/* METH_O */
static int chk_onearg(pe_state *S, const char *name, int argc, pe_obj *kwnames) {
    if (no_kw(S, name, kwnames)) return -1;
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "str.%s() takes exactly one argument (%d given)", name,
                        argc);
    return 0;
}

/* Argument Clinic, positional only: "center expected at least 1 argument, got 0". */
static int chk_clinic(pe_state *S, const char *name, int argc, pe_obj *kwnames, int min, int max) {
    /* the common case without formatting the qualified name */
    if (!kwnames && argc >= min && argc <= max) return 0;
    char qualname[32];
    snprintf(qualname, sizeof qualname, "str.%s", name);
    return pe_cont_posargs(S, qualname, name, argc, kwnames, min, max);
}

/* PyArg_ParseTuple "O|OO:find": "find() takes at least 1 argument (0 given)". */
static int chk_tuple(pe_state *S, const char *name, int argc, pe_obj *kwnames, int min, int max) {
    if (no_kw(S, name, kwnames)) return -1;
    if (argc < min)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes at least %d argument%s (%d given)", name, min,
                        min == 1 ? "" : "s", argc);
    if (argc > max)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes at most %d argument%s (%d given)", name, max,
                        max == 1 ? "" : "s", argc);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static int ret_self(pe_val self, pe_val *out) {
    pe_incref(self);
    *out = self;
    return 0;
}

/* New str from bytes [a, b) of s. */
static int sub_bytes(pe_state *S, const pe_str *s, size_t a, size_t b, pe_val *out) {
    size_t n = s->ascii ? b - a : pe_utf8_count(s->data + a, b - a);
    return pe_ps_new_n(S, s->data + a, b - a, n, out);
}

/* Appends bytes [a, b) of s to list l as a new str. */
static int list_add_bytes(pe_state *S, pe_val l, const pe_str *s, size_t a, size_t b) {
    pe_val v;
    if (sub_bytes(S, s, a, b, &v)) return -1;
    return pe_list_append_steal(S, PE_LIST(l), v);
}

/* Last occurrence of n in h, or NULL. */
static const char *memrmem_(const char *h, size_t hl, const char *n, size_t nl) {
    if (nl == 0) return h + hl;
    if (nl > hl) return NULL;
    for (const char *p = h + hl - nl;; p--) {
        if (*p == *n && memcmp(p, n, nl) == 0) return p;
        if (p == h) return NULL;
    }
}

/* memmem over windows of ~64 KiB: each call looks at a bounded span, so
 * repeated searches (count, replace, split) stay linear even where memmem
 * itself checks the whole haystack first (sanitizer interceptors). A window
 * holds every match that starts in its first W bytes. */
static const char *memmem_(const char *h, size_t hl, const char *n, size_t nl) {
    if (nl == 0) return h;
    size_t W = nl > 16384 ? 4 * nl : 65536;
    while (hl >= nl) {
        size_t span = hl - (nl - 1) <= W ? hl : W + nl - 1;
        const char *m = memmem(h, span, n, nl);
        if (m || span == hl) return m;
        h += W;
        hl -= W;
    }
    return NULL;
}

static bool is_space_at(const char *p, size_t off, size_t *n) {
    unsigned char c = (unsigned char)p[off];
    if (c < 0x80) {
        *n = 1;
        return pe_uni_isspace(c);
    }
    return pe_uni_isspace(pe_utf8_decode(p + off, n));
}

static int need_str(pe_state *S, pe_val v) {
    if (!pe_is_str(v)) return pe_raise(S, PE_EXC(TypeError), "must be str, not %s", pe_type_name(v));
    return 0;
}

/* ------------------------------------------------------------------ */
/* Case conversion                                                     */
/* ------------------------------------------------------------------ */

static bool uni_has(uint32_t c, unsigned flag) { return (pe_ps_uni_flags(c) & flag) != 0; }

/* Is the U+03A3 at byte offset off (2 bytes) in the Final_Sigma context?
 * \p{cased}\p{case-ignorable}* SIGMA !(\p{case-ignorable}* \p{cased}) */
static bool final_sigma(const char *p, size_t len, size_t off) {
    size_t j = off, n;
    uint32_t c = 0;
    bool found = false;
    while (j > 0) {
        j = pe_utf8_prev(p, j);
        c = pe_utf8_decode(p + j, &n);
        if (!uni_has(c, PE_UF_CASE_IGNORABLE)) {
            found = true;
            break;
        }
    }
    if (!found || !uni_has(c, PE_UF_CASED)) return false;
    for (j = off + 2; j < len; j += n) {
        c = pe_utf8_decode(p + j, &n);
        if (!uni_has(c, PE_UF_CASE_IGNORABLE)) return !uni_has(c, PE_UF_CASED);
    }
    return true;
}

/* Appends the full mapping of the code point at byte off (kind PS_*);
 * lower case honours the final sigma rule. */
static int put_mapped(pe_sb *sb, const pe_str *s, size_t off, uint32_t c, int kind) {
    uint32_t m[3];
    int n;
    if (kind == PS_LOWER && c == 0x3a3) {
        m[0] = final_sigma(s->data, s->len, off) ? 0x3c2 : 0x3c3;
        n = 1;
    } else {
        n = pe_ps_uni_map(c, kind, m);
    }
    for (int i = 0; i < n; i++)
        if (pe_ps_sb_putcp(sb, m[i])) return -1;
    return 0;
}

enum { CM_UPPER, CM_LOWER, CM_FOLD, CM_SWAP, CM_TITLE, CM_CAPITALIZE };

static char ascii_map(char c, int mode, bool *prev_cased, bool first) {
    bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
    bool to_upper;
    switch (mode) {
    case CM_UPPER: to_upper = true; break;
    case CM_LOWER:
    case CM_FOLD: to_upper = false; break;
    case CM_SWAP: to_upper = lo; break;
    case CM_TITLE: to_upper = !*prev_cased; break;
    default: to_upper = first; break;
    }
    *prev_cased = up || lo;
    if (to_upper && lo) return (char)(c - 32);
    if (!to_upper && up) return (char)(c + 32);
    return c;
}

/* Mapping kind for code point c at position `first` under mode. */
static int cp_kind(uint32_t c, int mode, bool prev_cased, bool first) {
    switch (mode) {
    case CM_UPPER: return PS_UPPER;
    case CM_LOWER: return PS_LOWER;
    case CM_FOLD: return PS_FOLD;
    case CM_SWAP:
        if (uni_has(c, PE_UF_UPPER)) return PS_LOWER;
        return uni_has(c, PE_UF_LOWER) ? PS_UPPER : -1;
    case CM_TITLE: return prev_cased ? PS_LOWER : PS_TITLE;
    default: return first ? PS_TITLE : PS_LOWER;
    }
}

static int case_convert(pe_state *S, const pe_str *s, int mode, pe_val *out) {
    bool prev_cased = false;
    if (s->ascii) {
        pe_str *r = pe_str_alloc(S, s->len);
        if (!r) return -1;
        for (size_t i = 0; i < s->len; i++) r->data[i] = ascii_map(s->data[i], mode, &prev_cased, i == 0);
        *out = pe_obj_val(&r->ob);
        return 0;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t n;
    for (size_t off = 0; off < s->len && !sb.failed; off += n) {
        uint32_t c = pe_utf8_decode(s->data + off, &n);
        int kind = cp_kind(c, mode, prev_cased, off == 0);
        if (kind < 0) pe_sb_putn(&sb, s->data + off, n);
        else put_mapped(&sb, s, off, c, kind);
        prev_cased = uni_has(c, PE_UF_CASED);
    }
    return pe_sb_to_str(&sb, out);
}

#define CASE_METHOD(fname, mode)                                                               \
    static int str_##fname(pe_state *S, pe_val self, int argc, const pe_val *argv,            \
                           pe_obj *kwnames, pe_val *out) {                                    \
        (void)argv;                                                                           \
        if (chk_noargs(S, #fname, argc, kwnames)) return -1;                                  \
        return case_convert(S, SELF, mode, out);                                              \
    }
CASE_METHOD(upper, CM_UPPER)
CASE_METHOD(lower, CM_LOWER)
CASE_METHOD(casefold, CM_FOLD)
CASE_METHOD(swapcase, CM_SWAP)
CASE_METHOD(title, CM_TITLE)
CASE_METHOD(capitalize, CM_CAPITALIZE)

/* ------------------------------------------------------------------ */
/* Predicates                                                          */
/* ------------------------------------------------------------------ */

/* Every code point has one of `flags` (and the string is not empty). */
static bool all_have(const pe_str *s, unsigned flags) {
    if (s->len == 0) return false;
    size_t n;
    for (size_t off = 0; off < s->len; off += n)
        if (!(pe_ps_uni_flags(pe_utf8_decode(s->data + off, &n)) & flags)) return false;
    return true;
}

/* isupper (want_upper) / islower: no cased char of the other kind (or
 * title case), at least one of the wanted kind. */
static bool is_case(const pe_str *s, bool want_upper) {
    unsigned want = want_upper ? PE_UF_UPPER : PE_UF_LOWER;
    unsigned bad = (want_upper ? PE_UF_LOWER : PE_UF_UPPER) | PE_UF_TITLE;
    bool cased = false;
    size_t n;
    for (size_t off = 0; off < s->len; off += n) {
        unsigned f = pe_ps_uni_flags(pe_utf8_decode(s->data + off, &n));
        if (f & bad) return false;
        if (f & want) cased = true;
    }
    return cased;
}

static bool is_title(const pe_str *s) {
    bool cased = false, prev = false;
    size_t n;
    for (size_t off = 0; off < s->len; off += n) {
        unsigned f = pe_ps_uni_flags(pe_utf8_decode(s->data + off, &n));
        if (f & (PE_UF_UPPER | PE_UF_TITLE)) {
            if (prev) return false;
            prev = cased = true;
        } else if (f & PE_UF_LOWER) {
            if (!prev) return false;
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    return cased;
}

static bool is_identifier(const pe_str *s) {
    if (s->len == 0) return false;
    size_t n;
    uint32_t c = pe_utf8_decode(s->data, &n);
    if (c != '_' && !pe_uni_isidstart(c)) return false;
    for (size_t off = n; off < s->len; off += n)
        if (!pe_uni_isidcontinue(pe_utf8_decode(s->data + off, &n))) return false;
    return true;
}

static bool is_printable(const pe_str *s) {
    size_t n;
    for (size_t off = 0; off < s->len; off += n)
        if (!pe_uni_isprintable(pe_utf8_decode(s->data + off, &n))) return false;
    return true;
}

enum { IS_ALPHA, IS_ALNUM, IS_DECIMAL, IS_DIGIT, IS_NUMERIC, IS_SPACE, IS_UPPER, IS_LOWER,
       IS_TITLE, IS_IDENT, IS_PRINTABLE, IS_ASCII };

static bool predicate(const pe_str *s, int which) {
    switch (which) {
    case IS_ALPHA: return all_have(s, PE_UF_ALPHA);
    case IS_ALNUM: return all_have(s, PE_UF_ALPHA | PE_UF_DECIMAL | PE_UF_DIGIT | PE_UF_NUMERIC);
    case IS_DECIMAL: return all_have(s, PE_UF_DECIMAL);
    case IS_DIGIT: return all_have(s, PE_UF_DIGIT);
    case IS_NUMERIC: return all_have(s, PE_UF_NUMERIC);
    case IS_SPACE: return all_have(s, PE_UF_SPACE);
    case IS_UPPER: return is_case(s, true);
    case IS_LOWER: return is_case(s, false);
    case IS_TITLE: return is_title(s);
    case IS_IDENT: return is_identifier(s);
    case IS_PRINTABLE: return is_printable(s);
    default: return s->ascii != 0;
    }
}

#define PRED_METHOD(fname, which)                                                              \
    static int str_##fname(pe_state *S, pe_val self, int argc, const pe_val *argv,            \
                           pe_obj *kwnames, pe_val *out) {                                    \
        (void)argv;                                                                           \
        if (chk_noargs(S, #fname, argc, kwnames)) return -1;                                  \
        *out = pe_bool(predicate(SELF, which));                                               \
        return 0;                                                                             \
    }
PRED_METHOD(isalpha, IS_ALPHA)
PRED_METHOD(isalnum, IS_ALNUM)
PRED_METHOD(isdecimal, IS_DECIMAL)
PRED_METHOD(isdigit, IS_DIGIT)
PRED_METHOD(isnumeric, IS_NUMERIC)
PRED_METHOD(isspace, IS_SPACE)
PRED_METHOD(isupper, IS_UPPER)
PRED_METHOD(islower, IS_LOWER)
PRED_METHOD(istitle, IS_TITLE)
PRED_METHOD(isidentifier, IS_IDENT)
PRED_METHOD(isprintable, IS_PRINTABLE)
PRED_METHOD(isascii, IS_ASCII)

/* ------------------------------------------------------------------ */
/* Searching: find rfind index rindex count startswith endswith         */
/* ------------------------------------------------------------------ */

/* Parsed (sub, start, end) of find() & co, with byte bounds. */
typedef struct search_args {
    const pe_str *sub;
    int64_t start, end; /* code points, adjusted */
    size_t bstart, bend; /* byte offsets of start/end (valid when start <= end) */
} search_args;

static int parse_search(pe_state *S, const char *name, pe_val self, int argc, const pe_val *argv,
                        pe_obj *kwnames, search_args *a, bool need_sub_str) {
    if (chk_tuple(S, name, argc, kwnames, 1, 3)) return -1;
    pe_val sub = pe_unbox(argv[0]); /* str subclasses: their value */
    if (need_sub_str && need_str(S, sub)) return -1;
    a->sub = pe_is_str(sub) ? PE_STR(sub) : NULL;
    a->start = 0;
    a->end = INT64_MAX;
    if (argc > 1 && pe_args_slice_index(S, argv[1], &a->start)) return -1;
    if (argc > 2 && pe_args_slice_index(S, argv[2], &a->end)) return -1;
    pe_adjust_indices(&a->start, &a->end, (int64_t)SELF->nchars);
    if (a->start <= a->end) {
        a->bstart = ps_str_offset(SELF, (size_t)a->start);
        a->bend = ps_str_offset(SELF, (size_t)a->end);
    } else {
        a->bstart = a->bend = 0;
    }
    return 0;
}

/* Code point index of the match at byte pointer m. */
static int64_t cp_index(const pe_str *s, const search_args *a, const char *m) {
    size_t boff = (size_t)(m - s->data);
    if (s->ascii) return (int64_t)boff;
    return a->start + (int64_t)pe_utf8_count(s->data + a->bstart, boff - a->bstart);
}

/* find/rfind core: index or -1. */
static int64_t do_find(const pe_str *s, const search_args *a, bool reverse) {
    if (a->end - a->start < (int64_t)a->sub->nchars) return -1;
    const char *h = s->data + a->bstart;
    size_t hl = a->bend - a->bstart;
    const char *m = reverse ? memrmem_(h, hl, a->sub->data, a->sub->len)
                            : memmem_(h, hl, a->sub->data, a->sub->len);
    return m ? cp_index(s, a, m) : -1;
}

static int find_common(pe_state *S, const char *name, pe_val self, int argc, const pe_val *argv,
                       pe_obj *kwnames, bool reverse, bool raise, pe_val *out) {
    search_args a;
    if (parse_search(S, name, self, argc, argv, kwnames, &a, true)) return -1;
    int64_t r = do_find(SELF, &a, reverse);
    if (r < 0 && raise) return pe_raise(S, PE_EXC(ValueError), "substring not found");
    *out = pe_int(r);
    return 0;
}

VARIANT(find, find_common, false, false)
VARIANT(rfind, find_common, true, false)
VARIANT(index, find_common, false, true)
VARIANT(rindex, find_common, true, true)

static int str_count(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    search_args a;
    if (parse_search(S, "count", self, argc, argv, kwnames, &a, true)) return -1;
    int64_t n = 0;
    if (a.end - a.start < (int64_t)a.sub->nchars) {
        n = 0;
    } else if (a.sub->len == 0) {
        n = a.end - a.start + 1;
    } else {
        const char *h = SELF->data + a.bstart, *e = SELF->data + a.bend, *m;
        while ((m = memmem_(h, (size_t)(e - h), a.sub->data, a.sub->len))) {
            n++;
            h = m + a.sub->len;
        }
    }
    *out = pe_int(n);
    return 0;
}

/* tailmatch: does sub occur at the start (or end) of s[start:end]? */
static bool tailmatch(const pe_str *s, const pe_str *sub, const search_args *a, bool at_end) {
    if (a->end - (int64_t)sub->nchars < a->start) return false;
    if (sub->len == 0) return true;
    size_t hl = a->bend - a->bstart;
    if (sub->len > hl) return false;
    const char *p = s->data + (at_end ? a->bend - sub->len : a->bstart);
    return memcmp(p, sub->data, sub->len) == 0;
}

static int starts_ends(pe_state *S, const char *name, pe_val self, int argc, const pe_val *argv,
                       pe_obj *kwnames, bool at_end, pe_val *out) {
    search_args a;
    if (parse_search(S, name, self, argc, argv, kwnames, &a, false)) return -1;
    pe_val x = pe_unbox(argv[0]);
    if (pe_is_kind(x, PE_K_TUPLE)) {
        const pe_tuple *t = PE_TUPLE(x);
        for (size_t i = 0; i < t->n; i++) {
            pe_val item = pe_unbox(t->items[i]);
            if (!pe_is_str(item))
                return pe_raise(S, PE_EXC(TypeError), "tuple for %s must only contain str, not %s", name,
                                pe_type_name(item));
            if (tailmatch(SELF, PE_STR(item), &a, at_end)) {
                *out = pe_bool(1);
                return 0;
            }
        }
        *out = pe_bool(0);
        return 0;
    }
    if (!pe_is_str(x))
        return pe_raise(S, PE_EXC(TypeError), "%s first arg must be str or a tuple of str, not %s", name,
                        pe_type_name(x));
    *out = pe_bool(tailmatch(SELF, PE_STR(x), &a, at_end));
    return 0;
}

VARIANT(startswith, starts_ends, false)
VARIANT(endswith, starts_ends, true)

/* ------------------------------------------------------------------ */
/* split / rsplit / splitlines                                         */
/* ------------------------------------------------------------------ */

static int split_ws(pe_state *S, const pe_str *s, int64_t maxcount, pe_val l) {
    size_t i = 0, j, n = 0, len = s->len;
    const char *p = s->data;
    while (maxcount-- > 0) {
        while (i < len && is_space_at(p, i, &n)) i += n;
        if (i == len) return 0;
        j = i;
        while (i < len && !is_space_at(p, i, &n)) i += n;
        if (list_add_bytes(S, l, s, j, i)) return -1;
    }
    while (i < len && is_space_at(p, i, &n)) i += n;
    return i < len ? list_add_bytes(S, l, s, i, len) : 0;
}

/* Mirror of split_ws from the end; the list is built reversed. */
static int rsplit_ws(pe_state *S, const pe_str *s, int64_t maxcount, pe_val l) {
    size_t i = s->len, j, k, n;
    const char *p = s->data;
    while (maxcount-- > 0) {
        while (i > 0 && is_space_at(p, k = pe_utf8_prev(p, i), &n)) i = k;
        if (i == 0) return 0;
        j = i;
        while (i > 0 && !is_space_at(p, k = pe_utf8_prev(p, i), &n)) i = k;
        if (list_add_bytes(S, l, s, i, j)) return -1;
    }
    while (i > 0 && is_space_at(p, k = pe_utf8_prev(p, i), &n)) i = k;
    return i > 0 ? list_add_bytes(S, l, s, 0, i) : 0;
}

static int split_sep(pe_state *S, const pe_str *s, const pe_str *sep, int64_t maxcount, pe_val l) {
    size_t i = 0;
    const char *m;
    while (maxcount-- > 0 && (m = memmem_(s->data + i, s->len - i, sep->data, sep->len))) {
        size_t j = (size_t)(m - s->data);
        if (list_add_bytes(S, l, s, i, j)) return -1;
        i = j + sep->len;
    }
    return list_add_bytes(S, l, s, i, s->len);
}

static int rsplit_sep(pe_state *S, const pe_str *s, const pe_str *sep, int64_t maxcount, pe_val l) {
    size_t j = s->len;
    const char *m;
    while (maxcount-- > 0 && (m = memrmem_(s->data, j, sep->data, sep->len))) {
        size_t i = (size_t)(m - s->data);
        if (list_add_bytes(S, l, s, i + sep->len, j)) return -1;
        j = i;
    }
    return list_add_bytes(S, l, s, 0, j);
}

static int split_common(pe_state *S, const char *name, pe_val self, int argc, const pe_val *argv,
                        pe_obj *kwnames, bool reverse, pe_val *out) {
    static const char *const names[2] = {"sep", "maxsplit"};
    pe_val a[2];
    int64_t maxsplit = -1;
    if (pe_args_bind(S, name, argc, argv, kwnames, names, 2, 2, a)) return -1;
    bool has_sep = a[0].tag != PE_TUNDEF && a[0].tag != PE_TNONE;
    a[0] = pe_unbox(a[0]);
    if (has_sep && !pe_is_str(a[0]))
        return pe_raise(S, PE_EXC(TypeError), "must be str or None, not %s", pe_type_name(a[0]));
    if (a[1].tag != PE_TUNDEF && pe_ps_arg_ssize(S, a[1], &maxsplit)) return -1;
    if (maxsplit < 0) maxsplit = INT64_MAX;
    if (has_sep && PE_STR(a[0])->len == 0) return pe_raise(S, PE_EXC(ValueError), "empty separator");
    if (pe_list_new(S, 0, out)) return -1;
    int r;
    if (!has_sep) r = reverse ? rsplit_ws(S, SELF, maxsplit, *out) : split_ws(S, SELF, maxsplit, *out);
    else if (reverse) r = rsplit_sep(S, SELF, PE_STR(a[0]), maxsplit, *out);
    else r = split_sep(S, SELF, PE_STR(a[0]), maxsplit, *out);
    if (r) {
        pe_decref(S, *out);
        return -1;
    }
    if (reverse) pe_list_reverse(PE_LIST(*out));
    return 0;
}

VARIANT(split, split_common, false)
VARIANT(rsplit, split_common, true)

/* str.NAME's one optional int argument argname (*value keeps its default
 * when it is absent). */
static int opt_int_arg(pe_state *S, const char *name, const char *argname, int argc,
                       const pe_val *argv, pe_obj *kwnames, int *value) {
    const char *const names[1] = {argname};
    pe_val a[1];
    if (pe_args_bind(S, name, argc, argv, kwnames, names, 1, 1, a)) return -1;
    return a[0].tag != PE_TUNDEF && pe_ps_arg_int(S, a[0], value) ? -1 : 0;
}

/* Length in bytes of the line break at off, or 0 (\r\n is one break;
 * printable ASCII and continuation bytes never start one; the generated
 * table and its short list of non-ASCII breaks say for the rest). */
static size_t linebreak_at(const char *p, size_t len, size_t off) {
    unsigned char c = (unsigned char)p[off];
    if (c >= 0x20 && c < 0xc0) return 0;
    if (c == '\r') return off + 1 < len && p[off + 1] == '\n' ? 2 : 1;
    size_t n;
    uint32_t cp = pe_utf8_decode(p + off, &n);
    if (cp < 0x80) return uni_has(cp, PE_UF_LINEBREAK) ? n : 0;
    static const uint32_t breaks[] = {PE_UNI_NONASCII_LINEBREAKS};
    for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++)
        if (cp == breaks[i]) return n;
    return 0;
}

static int str_splitlines(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                          pe_val *out) {
    int keep = 0;
    if (opt_int_arg(S, "splitlines", "keepends", argc, argv, kwnames, &keep)) return -1;
    if (pe_list_new(S, 0, out)) return -1;
    const pe_str *s = SELF;
    size_t i = 0;
    while (i < s->len) {
        size_t j = i, br = 0;
        while (j < s->len && !(br = linebreak_at(s->data, s->len, j))) j++;
        if (list_add_bytes(S, *out, s, i, keep ? j + br : j)) {
            pe_decref(S, *out);
            return -1;
        }
        i = j + br;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* strip / lstrip / rstrip                                             */
/* ------------------------------------------------------------------ */

static bool in_chars(const pe_str *chars, uint32_t c, const char *p, size_t n) {
    if (!chars) return pe_uni_isspace(c);
    if (n == 1) return memchr(chars->data, p[0], chars->len) != NULL;
    return memmem_(chars->data, chars->len, p, n) != NULL;
}

/* mode: 1 left, 2 right, 3 both; chars NULL = whitespace. */
static int do_strip(pe_state *S, pe_val self, const pe_str *chars, int mode, pe_val *out) {
    const pe_str *s = SELF;
    size_t a = 0, b = s->len, n;
    if (mode & 1) {
        while (a < b) {
            uint32_t c = pe_utf8_decode(s->data + a, &n);
            if (!in_chars(chars, c, s->data + a, n)) break;
            a += n;
        }
    }
    if (mode & 2) {
        while (b > a) {
            size_t k = pe_utf8_prev(s->data, b);
            uint32_t c = pe_utf8_decode(s->data + k, &n);
            if (!in_chars(chars, c, s->data + k, n)) break;
            b = k;
        }
    }
    if (a == 0 && b == s->len) return ret_self(self, out);
    return sub_bytes(S, s, a, b, out);
}

static int strip_common(pe_state *S, const char *name, pe_val self, int argc, const pe_val *argv,
                        pe_obj *kwnames, int mode, pe_val *out) {
    if (chk_clinic(S, name, argc, kwnames, 0, 1)) return -1;
    const pe_str *chars = NULL;
    if (argc == 1 && argv[0].tag != PE_TNONE) {
        pe_val c = pe_unbox(argv[0]);
        if (!pe_is_str(c))
            return pe_raise(S, PE_EXC(TypeError), "%s arg must be None or str", name);
        chars = PE_STR(c);
    }
    return do_strip(S, self, chars, mode, out);
}

VARIANT(strip, strip_common, 3)
VARIANT(lstrip, strip_common, 1)
VARIANT(rstrip, strip_common, 2)

/* ------------------------------------------------------------------ */
/* join / replace                                                      */
/* ------------------------------------------------------------------ */


/* Collects any iterable into a new list ("can only join an iterable"). */
static int collect(pe_state *S, pe_val x, pe_val *list) {
    pe_val it, v;
    if (pe_iter(S, x, &it)) {
        if (!pe_exc_matches(S, PE_EXC(TypeError))) return -1;
        pe_exc_clear(S);
        return pe_raise(S, PE_EXC(TypeError), "can only join an iterable");
    }
    if (pe_list_new(S, 0, list)) {
        pe_decref(S, it);
        return -1;
    }
    int r;
    while ((r = pe_next(S, it, &v)) == 1) {
        r = pe_list_append_steal(S, PE_LIST(*list), v);
        if (r) break;
    }
    pe_decref(S, it);
    if (r < 0) {
        pe_decref(S, *list);
        return -1;
    }
    return 0;
}

static int str_join(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (chk_onearg(S, "join", argc, kwnames)) return -1;
    pe_val x = argv[0];
    if (pe_is_kind(x, PE_K_LIST)) return pe_str_join_sep(S, SELF, PE_LIST(x)->n, PE_LIST(x)->items, out);
    if (pe_is_kind(x, PE_K_TUPLE)) return pe_str_join_sep(S, SELF, PE_TUPLE(x)->n, PE_TUPLE(x)->items, out);
    pe_val l;
    if (collect(S, x, &l)) return -1;
    int r = pe_str_join_sep(S, SELF, PE_LIST(l)->n, PE_LIST(l)->items, out);
    pe_decref(S, l);
    return r;
}

/* replace with an empty `old`: `new` before every code point and at the
 * end, at most count times. */
static int replace_empty(pe_state *S, const pe_str *s, const pe_str *nw, int64_t count,
                         pe_val *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t off = 0, n;
    for (; off < s->len && count > 0 && !sb.failed; off += n, count--) {
        pe_sb_putn(&sb, nw->data, nw->len);
        n = s->ascii ? 1 : pe_utf8_seqlen((unsigned char)s->data[off]);
        pe_sb_putn(&sb, s->data + off, n);
    }
    if (count > 0) pe_sb_putn(&sb, nw->data, nw->len);
    pe_sb_putn(&sb, s->data + off, s->len - off);
    return pe_sb_to_str(&sb, out);
}

static int do_replace(pe_state *S, pe_val self, const pe_str *old, const pe_str *nw, int64_t count,
                      pe_val *out) {
    const pe_str *s = SELF;
    if (count < 0) count = INT64_MAX;
    if (old->len == 0) {
        if (count == 0) return ret_self(self, out);
        return replace_empty(S, s, nw, count, out);
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t i = 0;
    const char *m;
    while (count > 0 && (m = memmem_(s->data + i, s->len - i, old->data, old->len))) {
        size_t j = (size_t)(m - s->data);
        pe_sb_putn(&sb, s->data + i, j - i);
        pe_sb_putn(&sb, nw->data, nw->len);
        i = j + old->len;
        count--;
    }
    if (i == 0) {
        pe_sb_free(&sb);
        return ret_self(self, out);
    }
    pe_sb_putn(&sb, s->data + i, s->len - i);
    return pe_sb_to_str(&sb, out);
}

static int str_replace(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                       pe_val *out) {
    if (chk_clinic(S, "replace", argc, kwnames, 2, 3)) return -1;
    pe_val x[2] = {pe_unbox(argv[0]), pe_unbox(argv[1])};
    for (int i = 0; i < 2; i++)
        if (!pe_is_str(x[i]))
            return pe_raise(S, PE_EXC(TypeError), "replace() argument %d must be str, not %s", i + 1,
                            pe_type_name(argv[i]));
    int64_t count = -1;
    if (argc == 3 && pe_ps_arg_ssize(S, argv[2], &count)) return -1;
    return do_replace(S, self, PE_STR(x[0]), PE_STR(x[1]), count, out);
}

/* ------------------------------------------------------------------ */
/* Padding: center ljust rjust zfill expandtabs                        */
/* ------------------------------------------------------------------ */

/* left/right fill counts around s with fill code point (UTF-8 in f/fn). */
static int pad(pe_state *S, pe_val self, size_t left, size_t right, const char *f, size_t fn,
               pe_val *out) {
    const pe_str *s = SELF;
    if (left == 0 && right == 0) return ret_self(self, out);
    pe_str *r = pe_str_alloc(S, s->len + (left + right) * fn);
    if (!r) return -1;
    char *p = r->data;
    for (size_t i = 0; i < left; i++, p += fn) memcpy(p, f, fn);
    memcpy(p, s->data, s->len);
    p += s->len;
    for (size_t i = 0; i < right; i++, p += fn) memcpy(p, f, fn);
    r->nchars = s->nchars + left + right;
    r->ascii = r->nchars == r->len;
    *out = pe_obj_val(&r->ob);
    return 0;
}

/* mode: 0 center, 1 ljust, 2 rjust */
static int justify(pe_state *S, const char *name, pe_val self, int argc, const pe_val *argv,
                   pe_obj *kwnames, int mode, pe_val *out) {
    if (chk_clinic(S, name, argc, kwnames, 1, 2)) return -1;
    int64_t width;
    if (pe_ps_arg_ssize(S, argv[0], &width)) return -1;
    const char *f = " ";
    size_t fn = 1;
    if (argc == 2) {
        pe_val fc = pe_unbox(argv[1]);
        if (!pe_is_str(fc))
            return pe_raise(S, PE_EXC(TypeError),
                            "The fill character must be a unicode character, not %s",
                            pe_type_name(argv[1]));
        if (PE_STR(fc)->nchars != 1)
            return pe_raise(S, PE_EXC(TypeError), "The fill character must be exactly one character long");
        f = PE_STR(fc)->data;
        fn = PE_STR(fc)->len;
    }
    int64_t len = (int64_t)SELF->nchars;
    if (width <= len) return ret_self(self, out);
    size_t marg = (size_t)(width - len), left;
    if (mode == 0) left = marg / 2 + (marg & (size_t)width & 1);
    else left = mode == 1 ? 0 : marg;
    return pad(S, self, left, marg - left, f, fn, out);
}

VARIANT(center, justify, 0)
VARIANT(ljust, justify, 1)
VARIANT(rjust, justify, 2)

static int str_zfill(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    if (chk_onearg(S, "zfill", argc, kwnames)) return -1;
    int64_t width;
    if (pe_ps_arg_ssize(S, argv[0], &width)) return -1;
    int64_t len = (int64_t)SELF->nchars;
    if (width <= len) return ret_self(self, out);
    if (pad(S, self, (size_t)(width - len), 0, "0", 1, out)) return -1;
    pe_str *r = PE_STR(*out);
    size_t fill = (size_t)(width - len);
    if (r->data[fill] == '+' || r->data[fill] == '-') {
        r->data[0] = r->data[fill];
        r->data[fill] = '0';
    }
    return 0;
}

static int str_expandtabs(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                          pe_val *out) {
    int tabsize = 8;
    if (opt_int_arg(S, "expandtabs", "tabsize", argc, argv, kwnames, &tabsize)) return -1;
    const pe_str *s = SELF;
    if (!memchr(s->data, '\t', s->len)) return ret_self(self, out);
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t col = 0;
    for (size_t off = 0; off < s->len && !sb.failed; off++) {
        char c = s->data[off];
        if (c == '\t') {
            if (tabsize > 0) {
                size_t inc = (size_t)tabsize - col % (size_t)tabsize;
                col += inc;
                pe_sb_fill(&sb, ' ', inc);
            }
            continue;
        }
        pe_sb_putc(&sb, c);
        if (c == '\n' || c == '\r') col = 0;
        else if (!pe_utf8_is_cont((unsigned char)c)) col++;
    }
    return pe_sb_to_str(&sb, out);
}

/* ------------------------------------------------------------------ */
/* partition / rpartition / removeprefix / removesuffix                */
/* ------------------------------------------------------------------ */

static int make_triple(pe_state *S, pe_val a, pe_val b, pe_val c, pe_val *out) {
    if (pe_tuple_new(S, 3, out)) {
        pe_decref(S, a);
        pe_decref(S, b);
        pe_decref(S, c);
        return -1;
    }
    PE_TUPLE(*out)->items[0] = a;
    PE_TUPLE(*out)->items[1] = b;
    PE_TUPLE(*out)->items[2] = c;
    return 0;
}

static int partition_common(pe_state *S, const char *name, pe_val self, int argc,
                            const pe_val *argv, pe_obj *kwnames, bool reverse, pe_val *out) {
    if (chk_onearg(S, name, argc, kwnames)) return -1;
    if (need_str(S, argv[0])) return -1;
    const pe_str *s = SELF, *sep = PE_STR(argv[0]);
    if (sep->len == 0) return pe_raise(S, PE_EXC(ValueError), "empty separator");
    const char *m = reverse ? memrmem_(s->data, s->len, sep->data, sep->len)
                            : memmem_(s->data, s->len, sep->data, sep->len);
    if (!m) {
        pe_val e1, e2;
        if (pe_str_new(S, "", 0, &e1)) return -1;
        if (pe_str_new(S, "", 0, &e2)) {
            pe_decref(S, e1);
            return -1;
        }
        pe_incref(self);
        return reverse ? make_triple(S, e1, e2, self, out) : make_triple(S, self, e1, e2, out);
    }
    size_t i = (size_t)(m - s->data);
    pe_val a = pe_undef(), b = argv[0], c = pe_undef();
    pe_incref(b);
    if (sub_bytes(S, s, 0, i, &a) || sub_bytes(S, s, i + sep->len, s->len, &c)) {
        pe_decref(S, a);
        pe_decref(S, b);
        pe_decref(S, c);
        return -1;
    }
    return make_triple(S, a, b, c, out);
}

VARIANT(partition, partition_common, false)
VARIANT(rpartition, partition_common, true)

static int remove_affix(pe_state *S, const char *name, pe_val self, int argc, const pe_val *argv,
                        pe_obj *kwnames, bool suffix, pe_val *out) {
    if (chk_onearg(S, name, argc, kwnames)) return -1;
    pe_val affix = pe_unbox(argv[0]);
    if (!pe_is_str(affix))
        return pe_raise(S, PE_EXC(TypeError), "%s() argument must be str, not %s", name,
                        pe_type_name(argv[0]));
    const pe_str *s = SELF, *x = PE_STR(affix);
    if (x->len == 0 || x->len > s->len) return ret_self(self, out);
    size_t at = suffix ? s->len - x->len : 0;
    if (memcmp(s->data + at, x->data, x->len) != 0) return ret_self(self, out);
    return suffix ? sub_bytes(S, s, 0, at, out) : sub_bytes(S, s, x->len, s->len, out);
}

static int str_removeprefix(pe_state *S, pe_val self, int argc, const pe_val *argv,
                            pe_obj *kwnames, pe_val *out) {
    return remove_affix(S, "removeprefix", self, argc, argv, kwnames, false, out);
}
static int str_removesuffix(pe_state *S, pe_val self, int argc, const pe_val *argv,
                            pe_obj *kwnames, pe_val *out) {
    return remove_affix(S, "removesuffix", self, argc, argv, kwnames, true, out);
}

/* ------------------------------------------------------------------ */
/* translate                                                           */
/* ------------------------------------------------------------------ */

/* Appends the translation of c: table[c] missing (LookupError) keeps c,
 * None deletes it, int -> chr, str -> inserted. */
static int translate_one(pe_state *S, pe_val table, uint32_t c, pe_sb *sb) {
    pe_val v;
    if (pe_getitem(S, table, pe_int(c), &v)) {
        if (!pe_exc_matches(S, PE_EXC(LookupError))) return -1;
        pe_exc_clear(S);
        return pe_ps_sb_putcp(sb, c);
    }
    int r = 0;
    if (v.tag == PE_TNONE) {
        r = 0;
    } else if (v.tag == PE_TINT || v.tag == PE_TBOOL || pe_is_bigint(v)) {
        if (pe_is_bigint(v) || v.u.i < 0 || v.u.i >= 0x110000)
            r = pe_raise(S, PE_EXC(ValueError), "character mapping must be in range(0x110000)");
        else r = pe_ps_sb_putcp(sb, (uint32_t)v.u.i);
    } else if (pe_is_str(pe_unbox(v))) {
        r = ps_sb_putstr(sb, PE_STR(pe_unbox(v)));
    } else {
        r = pe_raise(S, PE_EXC(TypeError), "character mapping must return integer, None or str");
    }
    pe_decref(S, v);
    return r;
}

static int str_translate(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                         pe_val *out) {
    if (chk_onearg(S, "translate", argc, kwnames)) return -1;
    const pe_str *s = SELF;
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t n;
    for (size_t off = 0; off < s->len; off += n) {
        if (translate_one(S, argv[0], pe_utf8_decode(s->data + off, &n), &sb)) {
            pe_sb_free(&sb);
            return -1;
        }
    }
    return pe_sb_to_str(&sb, out);
}

/* str.maketrans(x[, y[, z]]), a static method: the table for translate:
 * a dict of ordinals (1 argument: a dict with 1-char str or int keys;
 * 2 or 3: x[i] -> y[i], then each char of z -> None). */
static int maketrans_put(pe_state *S, pe_val d, pe_val k, pe_val v) {
    const pe_str *ks = pe_is_str(k) ? PE_STR(k) : NULL;
    if (ks && ks->nchars != 1)
        return pe_raise(S, PE_EXC(ValueError), "string keys in translate table must be of length 1");
    if (!ks && !pe_is_intlike(k) && k.tag != PE_TBOOL)
        return pe_raise(S, PE_EXC(TypeError), "keys in translate table must be strings or integers");
    size_t n;
    pe_val key = ks ? pe_int(pe_utf8_decode(ks->data, &n)) : k;
    return pe_dict_set(S, PE_DICT(d), key, v);
}

static int str_maketrans(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                         pe_val *out) {
    (void)self;
    if (chk_clinic(S, "maketrans", argc, kwnames, 1, 3)) return -1;
    for (int i = 1; i < argc; i++)
        if (!pe_is_str(argv[i]))
            return pe_raise(S, PE_EXC(TypeError), "maketrans() argument %d must be str, not %s", i + 1,
                            pe_type_name(argv[i]));
    if (argc == 1 && !pe_is_dict(argv[0]))
        return pe_raise(S, PE_EXC(TypeError),
                        "if you give only one argument to maketrans it must be a dict");
    if (argc > 1 && !pe_is_str(argv[0]))
        return pe_raise(S, PE_EXC(TypeError),
                        "first maketrans argument must be a string if there is a second argument");
    if (argc > 1 && PE_STR(argv[0])->nchars != PE_STR(argv[1])->nchars)
        return pe_raise(S, PE_EXC(ValueError), "the first two maketrans arguments must have equal length");
    pe_val d;
    if (pe_dict_new(S, &d)) return -1;
    int r = 0;
    if (argc == 1) {
        size_t pos = 0;
        pe_val k, v;
        while (!r && pe_dict_next(PE_DICT(argv[0]), &pos, &k, &v)) r = maketrans_put(S, d, k, v);
    } else {
        const pe_str *x = PE_STR(argv[0]), *y = PE_STR(argv[1]);
        size_t i = 0, j = 0, n, m;
        while (!r && i < x->len) {
            uint32_t a = pe_utf8_decode(x->data + i, &n), b = pe_utf8_decode(y->data + j, &m);
            r = pe_dict_set(S, PE_DICT(d), pe_int(a), pe_int(b));
            i += n, j += m;
        }
        const pe_str *z = argc == 3 ? PE_STR(argv[2]) : NULL;
        for (i = 0; !r && z && i < z->len; i += n)
            r = pe_dict_set(S, PE_DICT(d), pe_int(pe_utf8_decode(z->data + i, &n)), pe_none());
    }
    if (r) {
        pe_decref(S, d);
        return -1;
    }
    *out = d;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The method table (format/format_map live in str_format.c)           */
/* ------------------------------------------------------------------ */

const pe_cfunc pe_ps_str_methods[] = {
    PE_METHOD("upper", str_upper),
    PE_METHOD("lower", str_lower),
    PE_METHOD("casefold", str_casefold),
    PE_METHOD("swapcase", str_swapcase),
    PE_METHOD("title", str_title),
    PE_METHOD("capitalize", str_capitalize),
    PE_METHOD("isalpha", str_isalpha),
    PE_METHOD("isalnum", str_isalnum),
    PE_METHOD("isdecimal", str_isdecimal),
    PE_METHOD("isdigit", str_isdigit),
    PE_METHOD("isnumeric", str_isnumeric),
    PE_METHOD("isspace", str_isspace),
    PE_METHOD("isupper", str_isupper),
    PE_METHOD("islower", str_islower),
    PE_METHOD("istitle", str_istitle),
    PE_METHOD("isidentifier", str_isidentifier),
    PE_METHOD("isprintable", str_isprintable),
    PE_METHOD("isascii", str_isascii),
    PE_METHOD("find", str_find),
    PE_METHOD("rfind", str_rfind),
    PE_METHOD("index", str_index),
    PE_METHOD("rindex", str_rindex),
    PE_METHOD("count", str_count),
    PE_METHOD("startswith", str_startswith),
    PE_METHOD("endswith", str_endswith),
    PE_METHOD("split", str_split),
    PE_METHOD("rsplit", str_rsplit),
    PE_METHOD("splitlines", str_splitlines),
    PE_METHOD("strip", str_strip),
    PE_METHOD("lstrip", str_lstrip),
    PE_METHOD("rstrip", str_rstrip),
    PE_METHOD("join", str_join),
    PE_METHOD("replace", str_replace),
    PE_METHOD("center", str_center),
    PE_METHOD("ljust", str_ljust),
    PE_METHOD("rjust", str_rjust),
    PE_METHOD("zfill", str_zfill),
    PE_METHOD("expandtabs", str_expandtabs),
    PE_METHOD("partition", str_partition),
    PE_METHOD("rpartition", str_rpartition),
    PE_METHOD("removeprefix", str_removeprefix),
    PE_METHOD("removesuffix", str_removesuffix),
    PE_METHOD("translate", str_translate),
    PE_METHOD("maketrans", str_maketrans),
    PE_METHOD("encode", pe_str_encode_method),
    PE_METHOD("format", pe_ps_str_format_method),
    PE_METHOD("format_map", pe_ps_str_format_map_method),
    PE_METHOD("__format__", pe_ps_str_dunder_format),
    PE_METHOD_END,
};
