/*
 * mod_unicodedata.c - `unicodedata` with CPython 3.11's results and
 * messages (Unicode 14.0.0): the character properties, decomposition(),
 * normalize()/is_normalized() (NFC, NFD, NFKC, NFKD), name()/lookup()
 * (aliases and named sequences included). Every fact comes from the
 * engine's one Unicode table (unicode.h). Not provided: ucd_3_2_0 / UCD.
 */
#include <stdio.h>
#include <string.h>

#include "pe_internal.h"
#include "pe_class.h"
#include "pe_module.h"
#include "pe_vm.h"
#include "str_impl.h"
#include "unicode.h"
#include "utf8.h"

/* ------------------------------------------------------------------ */
/* Arguments (Argument Clinic's positional-only checks and messages)   */
/* ------------------------------------------------------------------ */

/* fn takes min..max positional arguments and no keywords. */
static int ud_arity(pe_state *S, const char *fn, int argc, pe_obj *kw, int min, int max) {
    if (kw && ((pe_tuple *)kw)->n)
        return pe_raise(S, PE_EXC(TypeError), "unicodedata.%s() takes no keyword arguments", fn);
    if (min == 1 && max == 1 && argc != 1)
        return pe_raise(S, PE_EXC(TypeError),
                        "unicodedata.%s() takes exactly one argument (%d given)", fn, argc);
    if (argc < min || argc > max)
        return pe_raise(S, PE_EXC(TypeError), "%s expected %s%d argument%s, got %d", fn,
                        min == max ? "" : argc < min ? "at least " : "at most ",
                        argc < min ? min : max, (argc < min ? min : max) == 1 ? "" : "s", argc);
    return 0;
}

/* A one-character str argument: its code point. argno: "argument 1" or
 * "argument", as CPython words it per function. */
static int ud_char(pe_state *S, const char *fn, const char *argno, pe_val v, uint32_t *c) {
    v = pe_unbox(v);
    if (!pe_is_str(v) || PE_STR(v)->nchars != 1)
        return pe_raise(S, PE_EXC(TypeError), "%s() %s must be a unicode character, not %s", fn,
                        argno, pe_type_name(v));
    size_t n;
    *c = pe_utf8_decode(PE_STR(v)->data, &n);
    return 0;
}

/* A module function that is impl(S, "name", arg, ...) (one body, several
 * names). */
#define UD_FN(name, impl, arg)                                                                 \
    static int ud_##name(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,   \
                         pe_val *out) {                                                        \
        (void)self;                                                                            \
        return impl(S, #name, arg, argc, argv, kw, out);                                       \
    }

/* The one-character property functions: which property of the record. */
enum { UD_CATEGORY, UD_BIDI, UD_EAW, UD_COMBINING, UD_MIRRORED, UD_DECOMPOSITION };

static int ud_decomposition_str(pe_state *S, uint32_t c, pe_val *out) {
    const char *tag = "";
    uint32_t cps[PE_UNI_DECOMP_ONE_MAX];
    int n = pe_uni_decomposition(c, &tag, cps);
    char buf[32 + PE_UNI_DECOMP_MAX * 9];
    size_t len = (size_t)snprintf(buf, sizeof buf, "%s", tag);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%04X", len ? " " : "",
                                (unsigned)cps[i]);
    return pe_str_new(S, buf, len, out);
}

static int ud_prop(pe_state *S, const char *fn, int which, int argc, const pe_val *argv,
                   pe_obj *kw, pe_val *out) {
    uint32_t c;
    if (ud_arity(S, fn, argc, kw, 1, 1) || ud_char(S, fn, "argument", argv[0], &c)) return -1;
    const pe_uni_record *r = pe_uni_props(c);
    switch (which) {
    case UD_CATEGORY: return pe_str_from_cstr(S, pe_uni_category_name(r), out);
    case UD_BIDI: return pe_str_from_cstr(S, pe_uni_bidi_name(r), out);
    case UD_EAW: return pe_str_from_cstr(S, pe_uni_eaw_name(r), out);
    case UD_COMBINING: *out = pe_int(r->combining); return 0;
    case UD_MIRRORED: *out = pe_int(r->mirrored); return 0;
    default: return ud_decomposition_str(S, c, out);
    }
}

UD_FN(category, ud_prop, UD_CATEGORY)
UD_FN(bidirectional, ud_prop, UD_BIDI)
UD_FN(east_asian_width, ud_prop, UD_EAW)
UD_FN(combining, ud_prop, UD_COMBINING)
UD_FN(mirrored, ud_prop, UD_MIRRORED)
UD_FN(decomposition, ud_prop, UD_DECOMPOSITION)

/* ------------------------------------------------------------------ */
/* decimal / digit / numeric / name: (chr[, default])                  */
/* ------------------------------------------------------------------ */

/* Parses (chr[, default]) of fn. 1: *c set, go on; 0: *out is already the
 * result (never here); -1: raised. */
static int ud_char_default(pe_state *S, const char *fn, int argc, const pe_val *argv, pe_obj *kw,
                           uint32_t *c) {
    if (ud_arity(S, fn, argc, kw, 1, 2) || ud_char(S, fn, "argument 1", argv[0], c)) return -1;
    return 0;
}

/* No value: the default if given (a new reference), else ValueError(msg). */
static int ud_missing(pe_state *S, int argc, const pe_val *argv, const char *msg, pe_val *out) {
    if (argc < 2) return pe_raise(S, PE_EXC(ValueError), "%s", msg);
    pe_incref(argv[1]);
    *out = argv[1];
    return 0;
}

/* decimal() and digit(): which selects the record's field. */
static int ud_digit_value(pe_state *S, const char *fn, int decimal, int argc, const pe_val *argv,
                          pe_obj *kw, pe_val *out) {
    uint32_t c;
    if (ud_char_default(S, fn, argc, argv, kw, &c)) return -1;
    const pe_uni_record *r = pe_uni_props(c);
    int v = decimal ? r->decimal : r->digit;
    if (v < 0) return ud_missing(S, argc, argv, decimal ? "not a decimal" : "not a digit", out);
    *out = pe_int(v);
    return 0;
}

UD_FN(decimal, ud_digit_value, true)
UD_FN(digit, ud_digit_value, false)

static int ud_numeric(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                      pe_val *out) {
    uint32_t c;
    double v;
    (void)self;
    if (ud_char_default(S, "numeric", argc, argv, kw, &c)) return -1;
    if (!pe_uni_numeric_value(pe_uni_props(c), &v))
        return ud_missing(S, argc, argv, "not a numeric character", out);
    *out = pe_float(v);
    return 0;
}

static int ud_name(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                   pe_val *out) {
    uint32_t c;
    char buf[PE_UNI_NAME_MAX];
    (void)self;
    if (ud_char_default(S, "name", argc, argv, kw, &c)) return -1;
    size_t n = pe_uni_name(c, buf);
    if (!n) return ud_missing(S, argc, argv, "no such name", out);
    return pe_str_new(S, buf, n, out);
}

/* KeyError for an unknown name: CPython shows it as a C string (up to its
 * first NUL), decoded from UTF-8 with errors replaced. */
static int ud_undefined(pe_state *S, const unsigned char *p, size_t n) {
    pe_val name;
    if (pe_bytes_decode(S, p, strnlen((const char *)p, n), "utf-8", 5, "replace", &name))
        return -1;
    pe_raise(S, PE_EXC(KeyError), "undefined character name '%s'", PE_STR(name)->data);
    pe_decref(S, name);
    return -1;
}

/* CPython's NAME_MAXLEN: longer names are "name too long". */
#define UD_NAME_MAXLEN 256

static int ud_lookup(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                     pe_val *out) {
    const unsigned char *p;
    size_t n;
    uint32_t cps[PE_UNI_SEQ_MAX];
    (void)self;
    if (ud_arity(S, "lookup", argc, kw, 1, 1)) return -1;
    pe_val v = pe_unbox(argv[0]);
    if (pe_is_str(v)) {
        p = (const unsigned char *)PE_STR(v)->data;
        n = PE_STR(v)->len;
    } else if (pe_is_bytearray(v)) {
        return pe_raise(S, PE_EXC(TypeError),
                        "lookup() argument must be read-only bytes-like object, not %s",
                        pe_type_name(v));
    } else if (!pe_bytes_view(v, &p, &n)) {
        return pe_raise(S, PE_EXC(TypeError), "a bytes-like object is required, not '%s'",
                        pe_type_name(v));
    }
    if (n > UD_NAME_MAXLEN) return pe_raise(S, PE_EXC(KeyError), "name too long");
    int k = pe_uni_lookup((const char *)p, n, true, cps);
    if (!k) return ud_undefined(S, p, n);
    pe_sb sb;
    pe_sb_init(&sb, S);
    for (int i = 0; i < k; i++) pe_ps_sb_putcp(&sb, cps[i]);
    return pe_sb_to_str(&sb, out);
}

/* ------------------------------------------------------------------ */
/* Normalization                                                       */
/* ------------------------------------------------------------------ */

/* A growable code point buffer on the state's allocator. */
typedef struct ud_buf {
    pe_state *S;
    uint32_t *p;
    size_t n, cap;
} ud_buf;

static int ud_put(ud_buf *b, uint32_t c) {
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        uint32_t *p = pe_mem_realloc(b->S, b->p, b->cap * sizeof *p, cap * sizeof *p);
        if (!p) return -1;
        b->p = p;
        b->cap = cap;
    }
    b->p[b->n++] = c;
    return 0;
}

static void ud_buf_free(ud_buf *b) {
    pe_mem_free(b->S, b->p, b->cap * sizeof *b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

/* Appends the full canonical (compat: compatibility) decomposition of c.
 * Decompositions nest a few levels deep: an explicit stack, bounded by
 * the longest full decomposition (checked by the generator). */
static int ud_decompose_char(ud_buf *b, uint32_t c, bool compat) {
    uint32_t stack[PE_UNI_DECOMP_MAX + PE_UNI_DECOMP_ONE_MAX];
    int top = 0;
    stack[top++] = c;
    while (top) {
        uint32_t x = stack[--top], cps[PE_UNI_DECOMP_ONE_MAX];
        const char *tag = "";
        int n = x < PE_UNI_DECOMP_FIRST ? 0 : pe_uni_hangul_decompose(x, cps);
        if (!n && x >= PE_UNI_DECOMP_FIRST && (n = pe_uni_decomposition(x, &tag, cps)) && !compat &&
            *tag)
            n = 0;
        if (!n || top + n > (int)(sizeof stack / sizeof stack[0])) {
            if (ud_put(b, x)) return -1;
            continue;
        }
        for (int i = n - 1; i >= 0; i--) stack[top++] = cps[i];
    }
    return 0;
}

static unsigned ud_ccc(uint32_t c) { return c < 0x300 ? 0 : pe_uni_props(c)->combining; }

/* Canonical ordering: each run of non-starters stably sorted by combining
 * class (a counting sort: linear whatever the script feeds it). */
static int ud_reorder(pe_state *S, uint32_t *p, size_t n) {
    uint32_t *tmp = NULL;
    size_t tmpn = 0;
    for (size_t i = 0; i < n;) {
        if (!ud_ccc(p[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && ud_ccc(p[j])) j++;
        if (j - i > 1) {
            if (!tmp) {
                tmpn = n;
                if (!(tmp = pe_mem_alloc(S, tmpn * sizeof *tmp))) return -1;
            }
            size_t count[257] = {0};
            for (size_t k = i; k < j; k++) count[ud_ccc(p[k]) + 1]++;
            for (int k = 1; k < 257; k++) count[k] += count[k - 1];
            for (size_t k = i; k < j; k++) tmp[count[ud_ccc(p[k])]++] = p[k];
            memcpy(p + i, tmp, (j - i) * sizeof *p);
        }
        i = j;
    }
    if (tmp) pe_mem_free(S, tmp, tmpn * sizeof *tmp);
    return 0;
}

/* Canonical composition in place: each character that is not blocked from
 * the last starter and forms a primary composite with it is merged. */
static size_t ud_compose(uint32_t *p, size_t n) {
    size_t out = 0, starter = 0;
    bool have_starter = false;
    unsigned last_cc = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = p[i];
        unsigned cc = ud_ccc(c);
        if (have_starter && (out == starter + 1 || (last_cc != 0 && last_cc < cc))) {
            uint32_t comp = pe_uni_compose(p[starter], c);
            if (comp) {
                p[starter] = comp;
                continue;
            }
        }
        if (cc == 0) {
            have_starter = true;
            starter = out;
        }
        last_cc = cc;
        p[out++] = c;
    }
    return out;
}

enum { UD_NFC, UD_NFD, UD_NFKC, UD_NFKD };

/* The form argument: its index, or -1 with the error raised. */
static int ud_form(pe_state *S, const char *fn, int argc, const pe_val *argv, pe_obj *kw) {
    static const char *const forms[] = {"NFC", "NFD", "NFKC", "NFKD"};
    if (ud_arity(S, fn, argc, kw, 2, 2)) return -1;
    for (int i = 0; i < 2; i++) {
        pe_val v = pe_unbox(argv[i]);
        if (!pe_is_str(v))
            return pe_raise(S, PE_EXC(TypeError), "%s() argument %d must be str, not %s", fn,
                            i + 1, pe_type_name(v));
    }
    for (int i = 0; i < 4; i++)
        if (strcmp(PE_STR(pe_unbox(argv[0]))->data, forms[i]) == 0 &&
            PE_STR(pe_unbox(argv[0]))->len == strlen(forms[i]))
            return i;
    return pe_raise(S, PE_EXC(ValueError), "invalid normalization form");
}

/* The normalization of s (a pe_str) as code points in b. */
static int ud_normalize_cps(pe_state *S, const pe_str *s, int form, ud_buf *b) {
    bool compat = form == UD_NFKC || form == UD_NFKD;
    if (pe_work(S, s->len)) return -1;
    for (size_t off = 0, k; off < s->len; off += k)
        if (ud_decompose_char(b, pe_utf8_decode(s->data + off, &k), compat)) return -1;
    if (ud_reorder(S, b->p, b->n)) return -1;
    if (form == UD_NFC || form == UD_NFKC) b->n = ud_compose(b->p, b->n);
    return 0;
}

/* normalize() and is_normalized(): ASCII text is in every form. */
static int ud_normalize_as(pe_state *S, const char *fn, int check, int argc, const pe_val *argv,
                           pe_obj *kw, pe_val *out) {
    int form = ud_form(S, fn, argc, argv, kw);
    if (form < 0) return -1;
    pe_val sv = pe_unbox(argv[1]);
    const pe_str *s = PE_STR(sv);
    ud_buf b = {S, NULL, 0, 0};
    bool same = s->ascii;
    if (!same) {
        if (ud_normalize_cps(S, s, form, &b)) {
            ud_buf_free(&b);
            return -1;
        }
        same = b.n == s->nchars;
        for (size_t i = 0, off = 0, k; same && i < b.n; i++, off += k)
            same = pe_utf8_decode(s->data + off, &k) == b.p[i];
    }
    int r = 0;
    if (check) {
        *out = pe_bool(same);
    } else if (same) {
        r = pe_str_new(S, s->data, s->len, out);
    } else {
        pe_sb sb;
        pe_sb_init(&sb, S);
        if (!pe_sb_reserve(&sb, b.n * 4))
            for (size_t i = 0; i < b.n; i++) sb.len += pe_utf8_encode(b.p[i], sb.p + sb.len);
        r = pe_sb_to_str(&sb, out);
    }
    ud_buf_free(&b);
    return r;
}

UD_FN(normalize, ud_normalize_as, false)
UD_FN(is_normalized, ud_normalize_as, true)

static const pe_cfunc unicodedata_functions[] = {
    PE_METHOD("bidirectional", ud_bidirectional),
    PE_METHOD("category", ud_category),
    PE_METHOD("combining", ud_combining),
    PE_METHOD("decimal", ud_decimal),
    PE_METHOD("decomposition", ud_decomposition),
    PE_METHOD("digit", ud_digit),
    PE_METHOD("east_asian_width", ud_east_asian_width),
    PE_METHOD("is_normalized", ud_is_normalized),
    PE_METHOD("lookup", ud_lookup),
    PE_METHOD("mirrored", ud_mirrored),
    PE_METHOD("name", ud_name),
    PE_METHOD("normalize", ud_normalize),
    PE_METHOD("numeric", ud_numeric),
    PE_METHOD_END,
};

int pe_mod_unicodedata_init(pe_state *S, pe_val mod) {
    pe_val version;
    if (pe_module_add_functions(S, mod, unicodedata_functions) ||
        pe_str_from_cstr(S, PE_UNICODE_VERSION, &version))
        return -1;
    return pe_module_set(S, mod, "unidata_version", version);
}
