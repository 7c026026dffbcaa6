/*
 * mod_struct.c - `_struct`, the engine half of the `struct` module
 * (csrc/lib/struct.py adds Struct, iter_unpack and struct.error).
 *
 * Formats as CPython 3.11 reads them on a little-endian 64-bit host: '@'
 * (default: native sizes and alignment), '=' and '<' (standard sizes,
 * little-endian), '>' and '!' (standard sizes, big-endian); codes x c b B ?
 * h H i I l L q Q n N e f d s p P with repeat counts and whitespace between
 * items. Range errors carry CPython's messages, which depend on how CPython
 * packs each (order, code) pair: see int_kind.
 *
 * Every loop here is bounded by the format's length or the buffer's size
 * (pack/unpack of a huge repeat count is refused before any work by the
 * memory limit on the result).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pe_internal.h"
#include "pe_bytes.h"
#include "pe_dunder.h"
#include "pe_module.h"

/* ------------------------------------------------------------------ */
/* Formats                                                             */
/* ------------------------------------------------------------------ */

enum { ORD_NATIVE, ORD_LITTLE, ORD_BIG };

typedef struct fmt_iter {
    const char *p, *end;
    int order;         /* ORD_* */
    size_t off;        /* offset of the next item */
    char code;         /* current item */
    size_t count;      /* its repeat count (s, p: the length) */
    size_t size;       /* bytes of one value (s, p: 1) */
} fmt_iter;

/* Size of one value of code c, 0 for a bad code. */
static size_t code_size(char c, int order) {
    switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': return order == ORD_NATIVE ? 8 : 4;
    case 'q': case 'Q': case 'd': return 8;
    case 'n': case 'N': case 'P': return order == ORD_NATIVE ? 8 : 0;
    default: return 0;
    }
}

/* raise struct.error(msg) (the class lives in csrc/lib/struct.py) */
#define struct_error(S, ...) pe_module_raise(S, "struct", "error", __VA_ARGS__)

static int fmt_begin(pe_state *S, pe_val fmt, fmt_iter *it) {
    const unsigned char *b;
    size_t n;
    if (pe_is_str(fmt)) {
        it->p = PE_STR(fmt)->data;
        n = PE_STR(fmt)->len;
    } else if (pe_bytes_view(fmt, &b, &n) && pe_is_bytes(fmt)) {
        it->p = (const char *)b;
    } else {
        return pe_raise(S, PE_EXC(TypeError),
                        "Struct() argument 1 must be a str or bytes object, not %s",
                        pe_type_name(fmt));
    }
    it->end = it->p + n;
    it->order = ORD_NATIVE;
    if (it->p < it->end) {
        switch (*it->p) {
        case '@': it->p++; break;
        case '=': case '<': it->order = ORD_LITTLE; it->p++; break;
        case '>': case '!': it->order = ORD_BIG; it->p++; break;
        default: break;
        }
    }
    it->off = 0;
    return 0;
}

/* The next item: 1 found, 0 at the end, -1 error. */
static int fmt_next(pe_state *S, fmt_iter *it) {
    while (it->p < it->end && (*it->p == ' ' || (*it->p >= '\t' && *it->p <= '\r'))) it->p++;
    if (it->p >= it->end) return 0;
    size_t count = 1;
    if (*it->p >= '0' && *it->p <= '9') {
        count = 0;
        while (it->p < it->end && *it->p >= '0' && *it->p <= '9') {
            if (count > (SIZE_MAX / 2 - 9) / 10) return struct_error(S, "total struct size too long");
            count = count * 10 + (size_t)(*it->p++ - '0');
        }
        if (it->p >= it->end) return struct_error(S, "repeat count given without format specifier");
    }
    char c = *it->p++;
    size_t sz = code_size(c, it->order);
    if (!sz) return struct_error(S, "bad char in struct format");
    if (it->order == ORD_NATIVE && sz > 1) it->off = (it->off + sz - 1) / sz * sz;
    it->code = c;
    it->count = count;
    it->size = sz;
    return 1;
}

/* After the current item. */
static int fmt_advance(pe_state *S, fmt_iter *it) {
    size_t add = it->count * it->size;
    if ((it->size && add / it->size != it->count) || it->off + add < it->off || it->off + add > SIZE_MAX / 2)
        return struct_error(S, "total struct size too long");
    it->off += add;
    return 0;
}

/* Total size and number of values of a format. */
static int fmt_measure(pe_state *S, pe_val fmt, size_t *size, size_t *nvals) {
    fmt_iter it;
    if (fmt_begin(S, fmt, &it)) return -1;
    size_t n = 0;
    int r;
    while ((r = fmt_next(S, &it)) == 1) {
        if (it.code == 's' || it.code == 'p') n++;
        else if (it.code != 'x') n += it.count;
        if (fmt_advance(S, &it)) return -1;
    }
    if (r < 0) return -1;
    *size = it.off;
    *nvals = n;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Integers                                                            */
/* ------------------------------------------------------------------ */

/* How CPython packs an integer code in a byte order (the message of a
 * range error follows from it). */
enum {
    K_SMALL,  /* byte/ubyte/short/ushort: "byte format requires ..." */
    K_SINT,   /* "'i' format requires MIN <= number <= MAX" */
    K_UINT,   /* negative: "argument out of range"; too big: "'I' format requires ..." */
    K_N8,     /* 8-byte native: "argument out of range" */
    K_B8,     /* 8-byte big-endian: "int too large to convert" */
};

static int int_kind(char c, int order) {
    switch (c) {
    case 'b': case 'B': return K_SMALL;
    case 'h': case 'H': return order == ORD_BIG ? (c == 'h' ? K_SINT : K_UINT) : K_SMALL;
    case 'i': return K_SINT;
    case 'I': return K_UINT;
    case 'l': return order == ORD_NATIVE ? K_N8 : K_SINT;
    case 'L': return order == ORD_NATIVE ? K_N8 : K_UINT;
    case 'q': case 'Q': return order == ORD_BIG ? K_B8 : K_N8;
    default: return K_N8; /* n N P */
    }
}

static bool is_unsigned(char c) {
    return c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P';
}

/* v as an int (its __index__ for instances): 0, or -1 with struct.error. */
static int get_int(pe_state *S, pe_val v, pe_val *out) {
    if (v.tag == PE_TBOOL || v.tag == PE_TINT) {
        *out = pe_int(v.u.i);
        return 0;
    }
    if (pe_is_intlike(v)) {
        pe_incref(v);
        *out = v;
        return 0;
    }
    int r = pe_dunder_index(S, v, out);
    if (r < 0) return -1;
    if (r == 0) return struct_error(S, "required argument is not an integer");
    return 0;
}

/* An int that fits 64 bits: *neg and magnitude; false if it does not fit
 * in [-2**63, 2**64). */
static bool int_u64(pe_val v, bool *neg, uint64_t *mag) {
    if (v.tag != PE_TOBJ) {
        *neg = v.u.i < 0;
        *mag = *neg ? 0 - (uint64_t)v.u.i : (uint64_t)v.u.i;
        return true;
    }
    const pe_bigint *b = (const pe_bigint *)v.u.o;
    if (b->n > 2) return false;
    *neg = b->sign < 0;
    *mag = b->d[0] | (b->n > 1 ? (uint64_t)b->d[1] << 32 : 0);
    return !*neg || *mag <= (uint64_t)1 << 63;
}

/* The two's complement bits to store for integer v under code c. */
static int pack_int(pe_state *S, char c, int order, size_t size, pe_val v, uint64_t *bits) {
    static const char *const small_names[] = {"byte", "ubyte", "short", "ushort"};
    pe_val x;
    if (get_int(S, v, &x)) return -1;
    bool neg;
    uint64_t mag;
    bool fits = int_u64(x, &neg, &mag);
    pe_decref(S, x);
    int kind = int_kind(c, order);
    bool uns = is_unsigned(c);
    /* C long / unsigned long ranges (what CPython converts to first) */
    bool in_slong = fits && (neg ? mag <= (uint64_t)1 << 63 : mag < (uint64_t)1 << 63);
    bool in_ulong = fits && !neg;
    bool in_c = (kind == K_SMALL || kind == K_SINT || !uns) ? in_slong : in_ulong;
    if (kind == K_UINT) in_c = in_ulong;
    if (!in_c) return struct_error(S, kind == K_B8 ? "int too large to convert" : "argument out of range");
    if (kind == K_SMALL || kind == K_SINT || kind == K_UINT) {
        unsigned bitsz = (unsigned)size * 8;
        if (uns) {
            uint64_t max = ((uint64_t)1 << bitsz) - 1;
            if (neg || mag > max) {
                if (kind == K_SMALL)
                    return struct_error(S, "%s format requires 0 <= number <= %llu",
                                        small_names[size == 1 ? 1 : 3], (unsigned long long)max);
                return struct_error(S, "'%c' format requires 0 <= number <= %llu", c,
                                    (unsigned long long)max);
            }
        } else {
            int64_t sv = neg ? (int64_t)(0 - mag) : (int64_t)mag;
            int64_t lo = -((int64_t)1 << (bitsz - 1)), hi = ((int64_t)1 << (bitsz - 1)) - 1;
            if (sv < lo || sv > hi) {
                if (kind == K_SMALL)
                    return struct_error(S, "%s format requires %lld <= number <= %lld",
                                        small_names[size == 1 ? 0 : 2], (long long)lo, (long long)hi);
                return struct_error(S, "'%c' format requires %lld <= number <= %lld", c,
                                    (long long)lo, (long long)hi);
            }
        }
    }
    *bits = neg ? 0 - mag : mag;
    return 0;
}

static void put_bits(unsigned char *p, uint64_t bits, size_t size, int order) {
    for (size_t i = 0; i < size; i++) {
        unsigned char byte = (unsigned char)(bits >> (8 * i));
        p[order == ORD_BIG ? size - 1 - i : i] = byte;
    }
}

static uint64_t get_bits(const unsigned char *p, size_t size, int order) {
    uint64_t bits = 0;
    for (size_t i = 0; i < size; i++) bits |= (uint64_t)p[order == ORD_BIG ? size - 1 - i : i] << (8 * i);
    return bits;
}

static int unpack_int(pe_state *S, char c, size_t size, uint64_t bits, pe_val *out) {
    if (is_unsigned(c)) return pe_int_from_i128(S, (__int128)bits, out);
    if (size < 8 && (bits >> (size * 8 - 1)) & 1) bits |= ~(uint64_t)0 << (size * 8);
    *out = pe_int((int64_t)bits);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Floats                                                              */
/* ------------------------------------------------------------------ */

static int get_double(pe_state *S, pe_val v, double *out) {
    switch (v.tag) {
    case PE_TFLOAT: *out = v.u.f; return 0;
    case PE_TBOOL: case PE_TINT: *out = (double)v.u.i; return 0;
    default: break;
    }
    if (pe_is_intlike(v)) return pe_int_to_double(S, v, out);
    int r = pe_dunder_float(S, v, out);
    if (r < 0) return -1;
    if (r == 0) return struct_error(S, "required argument is not a float");
    return 0;
}

/* IEEE 754 binary16 bits of x, rounded to nearest even; -1 on overflow. */
static int half_bits(double x, uint16_t *out) {
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    if (x == 0.0) {
        *out = sign;
        return 0;
    }
    if (isinf(x)) {
        *out = sign | 0x7c00;
        return 0;
    }
    if (isnan(x)) {
        *out = sign | 0x7e00;
        return 0;
    }
    int e;
    double f = frexp(fabs(x), &e) * 2.0; /* [1, 2) */
    e -= 1;
    if (e >= 16) return -1;
    if (e < -25) {
        f = 0.0;
        e = 0;
    } else if (e < -14) { /* subnormal */
        f = ldexp(f, 14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    unsigned m = (unsigned)f;
    double rest = f - (double)m;
    if (rest > 0.5 || (rest == 0.5 && (m & 1))) {
        if (++m == 1024) {
            m = 0;
            if (++e == 31) return -1;
        }
    }
    *out = (uint16_t)(sign | (unsigned)e << 10 | m);
    return 0;
}

static double half_value(uint16_t h) {
    int e = (h >> 10) & 0x1f;
    unsigned m = h & 0x3ff;
    double v;
    if (e == 0) v = ldexp((double)m, -24);
    else if (e == 31) v = m ? NAN : INFINITY;
    else v = ldexp((double)(m | 0x400), e - 25);
    return (h & 0x8000) ? -v : v;
}

static int pack_float(pe_state *S, char c, int order, pe_val v, unsigned char *p) {
    double x;
    if (get_double(S, v, &x)) return -1;
    uint64_t bits;
    if (c == 'd') {
        memcpy(&bits, &x, 8);
        put_bits(p, bits, 8, order);
    } else if (c == 'f') {
        float y = (float)x;
        if (isinf(y) && !isinf(x))
            return pe_raise(S, PE_EXC(OverflowError), "float too large to pack with f format");
        uint32_t b32;
        memcpy(&b32, &y, 4);
        put_bits(p, b32, 4, order);
    } else {
        uint16_t h;
        if (half_bits(x, &h))
            return pe_raise(S, PE_EXC(OverflowError), "float too large to pack with e format");
        put_bits(p, h, 2, order);
    }
    return 0;
}

static pe_val unpack_float(char c, int order, const unsigned char *p) {
    if (c == 'd') {
        uint64_t bits = get_bits(p, 8, order);
        double x;
        memcpy(&x, &bits, 8);
        return pe_float(x);
    }
    if (c == 'f') {
        uint32_t b32 = (uint32_t)get_bits(p, 4, order);
        float y;
        memcpy(&y, &b32, 4);
        return pe_float((double)y);
    }
    return pe_float(half_value((uint16_t)get_bits(p, 2, order)));
}

/* ------------------------------------------------------------------ */
/* pack / unpack                                                        */
/* ------------------------------------------------------------------ */

/* Packs argv (as many values as fmt takes) by fmt into buf (zeroed). */
static int pack_values(pe_state *S, pe_val fmt, unsigned char *buf, const pe_val *argv) {
    fmt_iter it;
    if (fmt_begin(S, fmt, &it)) return -1;
    int k = 0, r;
    while ((r = fmt_next(S, &it)) == 1) {
        unsigned char *p = buf + it.off;
        char c = it.code;
        if (c == 's' || c == 'p') {
            const unsigned char *d;
            size_t dn;
            if (!pe_bytes_view(argv[k], &d, &dn))
                return struct_error(S, "argument for '%c' must be a bytes object", c);
            k++;
            if (c == 's') {
                memcpy(p, d, dn < it.count ? dn : it.count);
            } else if (it.count) {
                size_t m = dn < it.count - 1 ? dn : it.count - 1;
                if (m > 255) m = 255;
                memcpy(p + 1, d, m);
                p[0] = (unsigned char)m;
            }
        } else if (c != 'x') {
            for (size_t j = 0; j < it.count; j++, k++, p += it.size) {
                pe_val v = argv[k];
                if (c == 'c') {
                    if (!pe_is_bytes(v) || PE_BYTES(v)->len != 1)
                        return struct_error(S, "char format requires a bytes object of length 1");
                    p[0] = PE_BYTES(v)->data[0];
                } else if (c == '?') {
                    int t = pe_truth(S, v);
                    if (t < 0) return -1;
                    p[0] = (unsigned char)t;
                } else if (c == 'e' || c == 'f' || c == 'd') {
                    if (pack_float(S, c, it.order, v, p)) return -1;
                } else {
                    uint64_t bits = 0;
                    if (pack_int(S, c, it.order, it.size, v, &bits)) return -1;
                    put_bits(p, bits, it.size, it.order);
                }
                pe_work(S, 1);
            }
        }
        if (fmt_advance(S, &it)) return -1;
    }
    return r < 0 ? -1 : 0;
}

/* Unpacks buf (exactly the format's size) into a new tuple. */
static int unpack_values(pe_state *S, pe_val fmt, const unsigned char *buf, size_t nvals, pe_val *out) {
    pe_val t;
    if (pe_tuple_new(S, nvals, &t)) return -1;
    pe_tuple *tp = PE_TUPLE(t);
    for (size_t i = 0; i < nvals; i++) tp->items[i] = pe_none();
    fmt_iter it;
    if (fmt_begin(S, fmt, &it)) goto fail;
    size_t k = 0;
    int r;
    while ((r = fmt_next(S, &it)) == 1) {
        const unsigned char *p = buf + it.off;
        char c = it.code;
        pe_val v;
        if (c == 's' || c == 'p') {
            size_t len = it.count, start = 0;
            if (c == 'p' && it.count) {
                start = 1;
                len = p[0] < it.count - 1 ? p[0] : it.count - 1;
            } else if (c == 'p') {
                len = 0;
            }
            if (pe_make_bytes(S, p + start, len, 0, (pe_value *)&v)) goto fail;
            tp->items[k++] = v;
        } else if (c != 'x') {
            for (size_t j = 0; j < it.count; j++, p += it.size) {
                if (c == 'c') {
                    if (pe_make_bytes(S, p, 1, 0, (pe_value *)&v)) goto fail;
                } else if (c == '?') {
                    v = pe_bool(p[0] != 0);
                } else if (c == 'e' || c == 'f' || c == 'd') {
                    v = unpack_float(c, it.order, p);
                } else if (unpack_int(S, c, it.size, get_bits(p, it.size, it.order), &v)) {
                    goto fail;
                }
                tp->items[k++] = v;
                pe_work(S, 1);
            }
        }
        if (fmt_advance(S, &it)) goto fail;
    }
    if (r < 0) goto fail;
    *out = t;
    return 0;
fail:
    pe_decref(S, t);
    return -1;
}

/* ------------------------------------------------------------------ */
/* The module functions                                                */
/* ------------------------------------------------------------------ */

#define SFN(name) PE_MODFN(name)

static int args_at_least(pe_state *S, const char *fn, int argc, pe_obj *kw, int n) {
    if (pe_no_kwargs(S, fn, kw)) return -1;
    if (argc < n)
        return pe_raise(S, PE_EXC(TypeError), "%s expected %d argument%s, got %d", fn, n,
                        n == 1 ? "" : "s", argc);
    return 0;
}

SFN(s_calcsize) {
    size_t size, n;
    if (args_at_least(S, "calcsize", argc, kw, 1) || fmt_measure(S, argv[0], &size, &n)) return -1;
    *out = pe_int((int64_t)size);
    return 0;
}

SFN(s_pack) {
    size_t size, n;
    if (args_at_least(S, "pack", argc, kw, 1) || fmt_measure(S, argv[0], &size, &n)) return -1;
    if ((size_t)(argc - 1) != n)
        return struct_error(S, "pack expected %zu items for packing (got %d)", n, argc - 1);
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_sb_fill(&sb, 0, size)) {
        pe_sb_free(&sb);
        return -1;
    }
    if (pack_values(S, argv[0], (unsigned char *)sb.p, argv + 1)) {
        pe_sb_free(&sb);
        return -1;
    }
    return pe_sb_to_bytes(&sb, &pe_type_bytes, out);
}

/* offset as CPython checks it for pack_into/unpack_from */
static int get_offset(pe_state *S, pe_val v, size_t buflen, size_t need, const char *what,
                      size_t *off) {
    int64_t o;
    int ir = pe_index_int64(S, v, PE_EXC(OverflowError), &o);
    if (ir < 0) return -1;
    if (ir == 0)
        return pe_raise_not_index(S, v);
    bool packing = what[0] == 'p';
    if (o < 0) { /* from the end: the data must end before it, the offset stay inside */
        if (o + (int64_t)need > 0)
            return struct_error(S, packing ? "no space to pack %zu bytes at offset %lld"
                                           : "not enough data to unpack %zu bytes at offset %lld",
                                need, (long long)o);
        if (o + (int64_t)buflen < 0)
            return struct_error(S, "offset %lld out of range for %zu-byte buffer", (long long)o, buflen);
        o += (int64_t)buflen;
    }
    if ((int64_t)buflen - o < (int64_t)need)
        return struct_error(S,
                            "%s requires a buffer of at least %zu bytes for %s %zu bytes at offset %lld "
                            "(actual buffer size is %zu)",
                            what, need + (size_t)o, packing ? "packing" : "unpacking", need, (long long)o,
                            buflen);
    *off = (size_t)o;
    return 0;
}

SFN(s_pack_into) {
    size_t size, n, off;
    if (args_at_least(S, "pack_into", argc, kw, 3) || fmt_measure(S, argv[0], &size, &n)) return -1;
    if ((size_t)(argc - 3) != n)
        return struct_error(S, "pack_into expected %zu items for packing (got %d)", n, argc - 3);
    if (!pe_is_bytearray(argv[1]))
        return pe_raise(S, PE_EXC(TypeError), "argument must be read-write bytes-like object, not %s",
                        pe_type_name(argv[1]));
    pe_bytearray *ba = PE_BYTEARRAY(argv[1]);
    if (get_offset(S, argv[2], ba->len, size, "pack_into", &off)) return -1;
    unsigned char *tmp = pe_mem_alloc(S, size ? size : 1);
    if (!tmp) return -1;
    memset(tmp, 0, size);
    int r = pack_values(S, argv[0], tmp, argv + 3);
    if (r == 0 && ba->len >= off + size) memcpy(ba->data + off, tmp, size);
    pe_mem_free(S, tmp, size ? size : 1);
    if (r) return -1;
    *out = pe_none();
    return 0;
}

static int buffer_of(pe_state *S, pe_val v, const unsigned char **p, size_t *n) {
    if (pe_bytes_view(v, p, n)) return 0;
    return pe_raise(S, PE_EXC(TypeError), "a bytes-like object is required, not '%s'", pe_type_name(v));
}

SFN(s_unpack) {
    size_t size, n;
    const unsigned char *p;
    size_t len;
    if (args_at_least(S, "unpack", argc, kw, 2) || fmt_measure(S, argv[0], &size, &n)) return -1;
    if (buffer_of(S, argv[1], &p, &len)) return -1;
    if (len != size) return struct_error(S, "unpack requires a buffer of %zu bytes", size);
    return unpack_values(S, argv[0], p, n, out);
}

SFN(s_unpack_from) {
    size_t size, n, off = 0;
    const unsigned char *p;
    size_t len;
    if (args_at_least(S, "unpack_from", argc, kw, 2) || fmt_measure(S, argv[0], &size, &n)) return -1;
    if (buffer_of(S, argv[1], &p, &len)) return -1;
    if (argc > 2 && get_offset(S, argv[2], len, size, "unpack_from", &off)) return -1;
    if (argc <= 2 && len < size)
        return struct_error(S,
                            "unpack_from requires a buffer of at least %zu bytes for unpacking %zu "
                            "bytes at offset 0 (actual buffer size is %zu)",
                            size, size, len);
    return unpack_values(S, argv[0], p + off, n, out);
}

static const pe_cfunc struct_functions[] = {
    PE_METHOD("calcsize", s_calcsize), PE_METHOD("pack", s_pack),
    PE_METHOD("pack_into", s_pack_into), PE_METHOD("unpack", s_unpack),
    PE_METHOD("unpack_from", s_unpack_from), PE_METHOD_END,
};

int pe_mod_struct_init(pe_state *S, pe_val mod) { return pe_module_add_functions(S, mod, struct_functions); }
