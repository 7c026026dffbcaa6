/*
 * capi_value.c - the public value API (pyexpr.h "Values"): immediates,
 * constructors, mutators of containers being built, inspection, repr/str
 * and dir. A pe_value is a pe_val (capi.h); these are thin wrappers over
 * the engine's own object functions.
 */
#include <stdlib.h>

#include "capi.h"
#include "str_impl.h"

/* ------------------------------------------------------------------ */
/* Type, reference counts, identity                                    */
/* ------------------------------------------------------------------ */

pe_type_id pe_value_type(pe_value pv) {
    pe_val v = pe_val_of(pv);
    switch (v.tag) {
    case PE_TNONE: return PE_TYPE_NONE;
    case PE_TBOOL: return PE_TYPE_BOOL;
    case PE_TINT: return PE_TYPE_INT;
    case PE_TFLOAT: return PE_TYPE_FLOAT;
    case PE_TOBJ: break;
    default: return PE_TYPE_OTHER;
    }
    switch (v.u.o->type->kind) {
    case PE_K_NONE: return PE_TYPE_NONE;
    case PE_K_BOOL: return PE_TYPE_BOOL;
    case PE_K_INT: return PE_TYPE_INT;
    case PE_K_FLOAT: return PE_TYPE_FLOAT;
    case PE_K_STR: return PE_TYPE_STR;
    case PE_K_BYTES: return PE_TYPE_BYTES;
    case PE_K_BYTEARRAY: return PE_TYPE_BYTEARRAY;
    case PE_K_TUPLE: return PE_TYPE_TUPLE;
    case PE_K_LIST: return PE_TYPE_LIST;
    case PE_K_DICT: return PE_TYPE_DICT;
    case PE_K_SET: return PE_TYPE_SET;
    case PE_K_FROZENSET: return PE_TYPE_FROZENSET;
    case PE_K_EXC: return PE_TYPE_EXCEPTION;
    case PE_K_HOST: return PE_TYPE_HOST;
    case PE_K_FUNC:
    case PE_K_CFUNC:
    case PE_K_BMETHOD:
    case PE_K_TYPE: return PE_TYPE_CALLABLE;
    default: return PE_TYPE_OTHER;
    }
}

const char *pe_value_type_name(pe_value v) { return pe_type_name(pe_val_of(v)); }

void pe_value_retain(pe_value v) { pe_incref(pe_val_of(v)); }

void pe_value_release(pe_state *S, pe_value v) { pe_decref(S, pe_val_of(v)); }

uintptr_t pe_value_id(pe_value pv) {
    pe_val v = pe_val_of(pv);
    return v.tag == PE_TOBJ ? (uintptr_t)v.u.o : 0;
}

pe_value pe_value_none(void) { return pe_value_of(pe_none()); }
pe_value pe_value_bool(int b) { return pe_value_of(pe_bool(b)); }
pe_value pe_value_int(int64_t i) { return pe_value_of(pe_int(i)); }
pe_value pe_value_float(double d) { return pe_value_of(pe_float(d)); }

/* ------------------------------------------------------------------ */
/* str                                                                 */
/* ------------------------------------------------------------------ */

/* The part of pe_make_str past the ASCII prefix p[0..i): validates (strict
 * UTF-8 as CPython's codec, plus whole 3-byte lone surrogates:
 * "surrogatepass"; the error is the strict decoder's) and counts the code
 * points. Kept apart so the ASCII path stays small. */
static PE_NOINLINE int make_str_check(pe_state *S, const char *utf8, size_t len, size_t i,
                                      size_t *nchars) {
    const unsigned char *p = (const unsigned char *)utf8;
    size_t n = i;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            n++;
            continue;
        }
        uint32_t cp;
        size_t k = pe_utf8_check(utf8 + i, len - i, true, &cp);
        if (!k) {
            size_t bad = 1;
            const char *reason = "invalid start byte";
            pe_utf8_find_error(utf8 + i, len - i, false, &bad, &reason);
            if (bad == 1)
                return pe_raise(S, PE_EXC(UnicodeDecodeError),
                                "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", p[i],
                                i, reason);
            return pe_raise(S, PE_EXC(UnicodeDecodeError),
                            "'utf-8' codec can't decode bytes in position %zu-%zu: %s", i,
                            i + bad - 1, reason);
        }
        i += k;
        n++;
    }
    *nchars = n;
    return 0;
}

int pe_make_str(pe_state *S, const char *utf8, size_t len, pe_value *out) {
    if (PE_UNLIKELY(!utf8)) {
        if (len) return pe_raise(S, PE_EXC(TypeError), "pe_make_str: NULL text");
        utf8 = "";
    }
    /* the ASCII prefix, 8 bytes at a time */
    const unsigned char *p = (const unsigned char *)utf8;
    size_t i = 0, nchars = len;
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) break;
    }
    while (i < len && p[i] < 0x80) i++;
    if (i < len && make_str_check(S, utf8, len, i, &nchars)) return -1;
    pe_val v;
    if (pe_ps_new_n(S, utf8, len, nchars, &v)) return -1;
    /* rebuilt from the pointer: copying v whole would reload its two
     * 8-byte halves as one 16-byte value (a store-forwarding stall) */
    *out = pe_value_of(pe_obj_val(v.u.o));
    return 0;
}

/* ------------------------------------------------------------------ */
/* int                                                                 */
/* ------------------------------------------------------------------ */

/* A normalised int from a magnitude of nb little-endian bytes (modified). */
static int int_from_mag(pe_state *S, unsigned char *mag, size_t nb, bool neg, pe_val *out) {
    while (nb && !mag[nb - 1]) nb--;
    if (nb <= 8) {
        uint64_t m = 0;
        for (size_t i = nb; i-- > 0;) m = (m << 8) | mag[i];
        if (!neg && m <= (uint64_t)INT64_MAX) {
            *out = pe_int((int64_t)m);
            return 0;
        }
        if (neg && m <= (uint64_t)INT64_MAX + 1) {
            *out = pe_int(m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m);
            return 0;
        }
    }
    size_t nd = (nb + 3) / 4;
    if (nd > UINT32_MAX / 2) return pe_raise_nomem(S);
    pe_bigint *b = (pe_bigint *)pe_obj_new(S, &pe_type_int, pe_bigint_size((uint32_t)nd));
    if (!b) return -1;
    b->sign = neg ? -1 : 1;
    b->n = (uint32_t)nd;
    for (size_t d = 0; d < nd; d++) {
        pe_digit x = 0;
        for (size_t k = 4; k-- > 0;) {
            size_t i = d * 4 + k;
            x = (x << 8) | (i < nb ? mag[i] : 0);
        }
        b->d[d] = x;
    }
    *out = pe_obj_val(&b->ob);
    return 0;
}

int pe_make_int_bytes(pe_state *S, const unsigned char *bytes, size_t n, int little_endian,
                      int is_signed, pe_value *out) {
    if (n == 0) {
        *out = pe_value_of(pe_int(0));
        return 0;
    }
    if (pe_mem_check(S, n)) return -1;
    unsigned char small[16];
    unsigned char *mag = n <= sizeof small ? small : pe_mem_alloc(S, n);
    if (!mag) return -1;
    for (size_t i = 0; i < n; i++) mag[i] = little_endian ? bytes[i] : bytes[n - 1 - i];
    bool neg = is_signed && (mag[n - 1] & 0x80);
    if (neg) { /* magnitude of a negative two's complement number: invert, add 1 */
        unsigned carry = 1;
        for (size_t i = 0; i < n; i++) {
            unsigned x = (unsigned)(unsigned char)~mag[i] + carry;
            mag[i] = (unsigned char)x;
            carry = x >> 8;
        }
    }
    pe_val v = pe_undef();
    int r = int_from_mag(S, mag, n, neg, &v);
    if (mag != small) pe_mem_free(S, mag, n);
    if (r) return -1;
    *out = pe_value_of(v);
    return 0;
}

int pe_make_int_text(pe_state *S, const char *text, size_t len, int base, pe_value *out) {
    if (base != 0 && (base < 2 || base > 36))
        return pe_raise(S, PE_EXC(ValueError), "int() base must be >= 2 and <= 36, or 0");
    /* the text must be a str for the error message (its repr) */
    pe_value s;
    if (pe_make_str(S, text, len, &s)) return -1;
    pe_val v;
    int r = pe_int_from_str(S, PE_STR(pe_val_of(s))->data, len, base, &v);
    pe_decref(S, pe_val_of(s));
    if (r) return -1;
    *out = pe_value_of(v);
    return 0;
}

int pe_value_to_int64(pe_state *S, pe_value pv, int64_t *out) {
    pe_val v = pe_val_of(pv);
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        *out = v.u.i;
        return 0;
    }
    if (pe_is_bigint(v)) return pe_raise(S, PE_EXC(OverflowError), "int too big to convert");
    return pe_raise_not_index(S, v);
}

int pe_value_int_to_bytes(pe_state *S, pe_value pv, unsigned char *buf, size_t cap,
                          size_t *needed) {
    pe_val v = pe_val_of(pv);
    const uint32_t *d;
    uint32_t nd;
    uint32_t tmp[2];
    bool neg;
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        neg = v.u.i < 0;
        uint64_t m = neg ? (uint64_t)0 - (uint64_t)v.u.i : (uint64_t)v.u.i;
        tmp[0] = (uint32_t)m;
        tmp[1] = (uint32_t)(m >> 32);
        d = tmp;
        nd = tmp[1] ? 2 : tmp[0] ? 1 : 0;
    } else if (pe_is_bigint(v)) {
        const pe_bigint *b = (const pe_bigint *)v.u.o;
        neg = b->sign < 0;
        d = b->d;
        nd = b->n;
    } else {
        return pe_raise_not_index(S, v);
    }
    /* bits of |v| (of |v| - 1 for a negative power of two, which needs no
     * extra sign bit), plus the sign bit */
    uint64_t bits = nd ? (uint64_t)(nd - 1) * 32 + (32 - (unsigned)__builtin_clz(d[nd - 1])) : 0;
    if (neg) {
        bool pow2 = (d[nd - 1] & (d[nd - 1] - 1)) == 0;
        for (uint32_t i = 0; pow2 && i + 1 < nd; i++) pow2 = d[i] == 0;
        if (pow2) bits--;
    }
    size_t need = (size_t)((bits + 1 + 7) / 8);
    *needed = need;
    if (need > cap || !buf) return 0;
    for (size_t i = 0; i < need; i++) {
        size_t di = i / 4;
        buf[i] = di < nd ? (unsigned char)(d[di] >> (8 * (i % 4))) : 0;
    }
    if (neg) {
        unsigned carry = 1;
        for (size_t i = 0; i < need; i++) {
            unsigned x = (unsigned)(unsigned char)~buf[i] + carry;
            buf[i] = (unsigned char)x;
            carry = x >> 8;
        }
    }
    return 0;
}

int pe_value_to_double(pe_state *S, pe_value pv, double *out) {
    pe_val v = pe_val_of(pv);
    switch (v.tag) {
    case PE_TFLOAT: *out = v.u.f; return 0;
    case PE_TINT:
    case PE_TBOOL: *out = (double)v.u.i; return 0;
    default: break;
    }
    if (pe_is_bigint(v)) return pe_int_to_double(S, v, out);
    return pe_raise(S, PE_EXC(TypeError), "must be real number, not %s", pe_type_name(v));
}

/* ------------------------------------------------------------------ */
/* Containers                                                          */
/* ------------------------------------------------------------------ */

static int wrong_type(pe_state *S, const char *fn, const char *want, pe_val v) {
    return pe_raise(S, PE_EXC(TypeError), "%s: expected %s, not %s", fn, want, pe_type_name(v));
}

int pe_make_tuple(pe_state *S, size_t n, const pe_value *items, pe_value *out) {
    pe_val v;
    if (pe_tuple_pack(S, n, n ? pe_vals_of(items) : NULL, &v)) return -1;
    *out = pe_value_of(v);
    return 0;
}

int pe_make_list(pe_state *S, size_t n, const pe_value *items, pe_value *out) {
    pe_val v;
    if (pe_list_new(S, n, &v)) return -1;
    for (size_t i = 0; i < n; i++) {
        if (pe_list_append(S, PE_LIST(v), pe_val_of(items[i]))) {
            pe_decref(S, v);
            return -1;
        }
    }
    *out = pe_value_of(v);
    return 0;
}

int pe_make_dict(pe_state *S, pe_value *out) {
    pe_val v;
    if (pe_dict_new(S, &v)) return -1;
    *out = pe_value_of(v);
    return 0;
}

int pe_make_set(pe_state *S, int frozen, pe_value *out) {
    pe_val v;
    if (pe_set_new(S, frozen ? &pe_type_frozenset : &pe_type_set, &v)) return -1;
    *out = pe_value_of(v);
    return 0;
}

int pe_value_list_append(pe_state *S, pe_value list, pe_value item) {
    pe_val l = pe_val_of(list);
    if (!pe_is_list(l)) return wrong_type(S, "pe_value_list_append", "list", l);
    return pe_list_append(S, PE_LIST(l), pe_val_of(item));
}

int pe_value_dict_set(pe_state *S, pe_value dict, pe_value key, pe_value val) {
    pe_val d = pe_val_of(dict);
    if (!pe_is_dict(d)) return wrong_type(S, "pe_value_dict_set", "dict", d);
    return pe_dict_set(S, PE_DICT(d), pe_val_of(key), pe_val_of(val));
}

int pe_value_set_add(pe_state *S, pe_value set, pe_value item) {
    pe_val s = pe_val_of(set);
    if (!pe_is_anyset(s)) return wrong_type(S, "pe_value_set_add", "set or frozenset", s);
    if (pe_set_add(S, s.u.o, pe_val_of(item))) return -1;
    PE_SET(s)->hash = -1; /* a frozenset being built: no stale hash */
    return 0;
}

/* ------------------------------------------------------------------ */
/* Inspection                                                          */
/* ------------------------------------------------------------------ */

int pe_value_is_true(pe_value pv) {
    pe_val v = pe_val_of(pv);
    switch (v.tag) {
    case PE_TNONE: return 0;
    case PE_TBOOL:
    case PE_TINT: return v.u.i != 0;
    case PE_TFLOAT: return v.u.f != 0.0;
    default: return pe_is_bigint(v) ? 1 : -1;
    }
}

const char *pe_value_utf8(pe_value pv, size_t *len) {
    pe_val v = pe_val_of(pv);
    if (!pe_is_str(v)) return NULL;
    if (len) *len = PE_STR(v)->len;
    return PE_STR(v)->data;
}

/* ------------------------------------------------------------------ */
/* bytes and bytearray                                                 */
/* ------------------------------------------------------------------ */

int pe_make_bytes(pe_state *S, const void *data, size_t len, int is_bytearray, pe_value *out) {
    if (PE_UNLIKELY(!data)) {
        if (len) return pe_raise(S, PE_EXC(TypeError), "pe_make_bytes: NULL data");
        data = "";
    }
    pe_val v;
    if (pe_bytes_new_as(S, is_bytearray ? &pe_type_bytearray : &pe_type_bytes, data, len, &v))
        return -1;
    *out = pe_value_of(v);
    return 0;
}

const unsigned char *pe_value_bytes(pe_value pv, size_t *len) {
    const unsigned char *p;
    size_t n;
    if (!pe_bytes_view(pe_val_of(pv), &p, &n)) return NULL;
    if (len) *len = n;
    return p;
}

size_t pe_value_len(pe_value pv) {
    pe_val v = pe_val_of(pv);
    if (v.tag != PE_TOBJ) return 0;
    switch (v.u.o->type->kind) {
    case PE_K_TUPLE: return PE_TUPLE(v)->n;
    case PE_K_LIST: return PE_LIST(v)->n;
    case PE_K_DICT: return PE_DICT(v)->used;
    case PE_K_SET:
    case PE_K_FROZENSET: return PE_SET(v)->used;
    case PE_K_STR: return PE_STR(v)->nchars;
    case PE_K_BYTES: return PE_BYTES(v)->len;
    case PE_K_BYTEARRAY: return PE_BYTEARRAY(v)->len;
    default: return 0;
    }
}

pe_value pe_value_item(pe_value seq, size_t i) {
    pe_val v = pe_val_of(seq);
    if (pe_is_tuple(v) && i < PE_TUPLE(v)->n) return pe_value_of(PE_TUPLE(v)->items[i]);
    if (pe_is_list(v) && i < PE_LIST(v)->n) return pe_value_of(PE_LIST(v)->items[i]);
    return pe_value_of(pe_none());
}

int pe_value_dict_next(pe_value dict, size_t *pos, pe_value *key, pe_value *val) {
    pe_val d = pe_val_of(dict), k, v;
    if (!pe_is_dict(d) || !pe_dict_next(PE_DICT(d), pos, &k, &v)) return 0;
    if (key) *key = pe_value_of(k);
    if (val) *val = pe_value_of(v);
    return 1;
}

int pe_value_set_next(pe_value set, size_t *pos, pe_value *item) {
    pe_val s = pe_val_of(set), k;
    if (!pe_is_anyset(s) || !pe_set_next(PE_SET(s), pos, &k)) return 0;
    if (item) *item = pe_value_of(k);
    return 1;
}

int pe_value_dict_get(pe_state *S, pe_value dict, pe_value key, pe_value *out) {
    pe_val d = pe_val_of(dict), v;
    if (!pe_is_dict(d)) return wrong_type(S, "pe_value_dict_get", "dict", d);
    int r = pe_dict_get(S, PE_DICT(d), pe_val_of(key), &v);
    if (r == 1) {
        pe_incref(v);
        *out = pe_value_of(v);
    }
    return r;
}

/* ------------------------------------------------------------------ */
/* repr, str, dir                                                      */
/* ------------------------------------------------------------------ */

int pe_capi_sb_export(pe_state *S, pe_sb *sb, char **out, size_t *len) {
    if (sb->failed) {
        pe_sb_free(sb);
        return -1;
    }
    char *s = malloc(sb->len + 1);
    if (!s) {
        pe_sb_free(sb);
        return pe_raise_nomem(S);
    }
    memcpy(s, sb->p, sb->len);
    s[sb->len] = 0;
    if (len) *len = sb->len;
    *out = s;
    pe_sb_free(sb);
    return 0;
}

/* repr(v) or str(v) as a malloc'd C string. */
static int export_text(pe_state *S, int (*fmt)(pe_state *, pe_val, pe_sb *), pe_value v, char **out,
                       size_t *len) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (fmt(S, pe_val_of(v), &sb)) {
        pe_sb_free(&sb);
        return -1;
    }
    return pe_capi_sb_export(S, &sb, out, len);
}

int pe_value_repr(pe_state *S, pe_value v, char **out, size_t *len) {
    return export_text(S, pe_repr, v, out, len);
}

int pe_value_str(pe_state *S, pe_value v, char **out, size_t *len) {
    return export_text(S, pe_tostr, v, out, len);
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The method names a script can call on v (the type's table and its
 * bases'; for a type object, its own), sorted, without duplicates. */
int pe_value_dir(pe_state *S, pe_value pv, pe_value *out) {
    pe_val v = pe_val_of(pv);
    const pe_type *t0 = pe_typeof(v);
    if (t0 == &pe_type_type && v.tag == PE_TOBJ) t0 = (const pe_type *)v.u.o;
    size_t n = 0;
    for (const pe_type *t = t0; t; t = t->base)
        if (t->methods)
            for (const pe_cfunc *m = t->methods; m->name; m++) n++;
    const char **names = NULL;
    if (n) {
        names = pe_mem_alloc(S, n * sizeof *names);
        if (!names) return -1;
    }
    size_t k = 0;
    for (const pe_type *t = t0; t; t = t->base)
        if (t->methods)
            for (const pe_cfunc *m = t->methods; m->name; m++) names[k++] = m->name;
    if (n) qsort(names, n, sizeof *names, cmp_names);
    pe_val list = pe_undef();
    int r = pe_list_new(S, n, &list);
    for (size_t i = 0; r == 0 && i < n; i++) {
        if (i && !strcmp(names[i], names[i - 1])) continue;
        pe_val s;
        r = pe_str_from_cstr(S, names[i], &s);
        if (r == 0) {
            r = pe_list_append(S, PE_LIST(list), s);
            pe_decref(S, s);
        }
    }
    if (n) pe_mem_free(S, names, n * sizeof *names);
    if (r) {
        if (list.tag == PE_TOBJ) pe_decref(S, list);
        return -1;
    }
    *out = pe_value_of(list);
    return 0;
}
