/*
 * object.c - the generic object protocol (repr, str, hash, compare, call,
 * iterate, index, attributes) and number semantics, plus the core types:
 * None, bool, int, float, range, function, builtin function, cell, type.
 *
 * Immediates (None, bool, int64, float) are handled inline; heap objects
 * dispatch through their type's slots. Error messages are CPython 3.11's
 * (Objects/abstract.c, Objects/object.c, Objects/longobject.c,
 * Objects/floatobject.c, Objects/rangeobject.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <math.h>
#include <stdio.h>

#include "pe_class.h"
#include "pe_vm.h"
#include "pe_dunder.h"
#include "pe_re.h"

const char *const pe_binop_symbols[PE_BO__COUNT] = {
#define PE_BO_SYM(n, s) s,
    PE_BINOPS(PE_BO_SYM)
#undef PE_BO_SYM
};

static const char *const cmp_symbols[] = {"<", "<=", "==", "!=", ">", ">="};

/* ------------------------------------------------------------------ */
/* Type of a value                                                     */
/* ------------------------------------------------------------------ */

const pe_type *pe_typeof(pe_val v) {
    switch (v.tag) {
    case PE_TNONE: return &pe_type_none;
    case PE_TBOOL: return &pe_type_bool;
    case PE_TINT: return &pe_type_int;
    case PE_TFLOAT: return &pe_type_float;
    case PE_TOBJ: return v.u.o->type;
    default: return &pe_type_none;
    }
}

/* Is v a number usable in arithmetic (bool counts as int)? */
static bool is_num(pe_val v) {
    return v.tag == PE_TINT || v.tag == PE_TFLOAT || v.tag == PE_TBOOL || pe_is_bigint(v);
}

/* bool -> int; other values unchanged (borrowed). */
static pe_val as_int(pe_val v) { return v.tag == PE_TBOOL ? pe_int(v.u.i) : v; }

/* ------------------------------------------------------------------ */
/* repr / str                                                          */
/* ------------------------------------------------------------------ */

int pe_repr(pe_state *S, pe_val v, pe_sb *sb) {
    switch (v.tag) {
    case PE_TNONE: return pe_sb_putn(sb, "None", 4);
    case PE_TBOOL: return v.u.i ? pe_sb_putn(sb, "True", 4) : pe_sb_putn(sb, "False", 5);
    case PE_TINT: {
        /* decimal digits written backwards; no printf on this hot path */
        char buf[24], *p = buf + sizeof buf;
        uint64_t u = v.u.i < 0 ? 0 - (uint64_t)v.u.i : (uint64_t)v.u.i;
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (v.u.i < 0) *--p = '-';
        return pe_sb_putn(sb, p, (size_t)(buf + sizeof buf - p));
    }
    case PE_TFLOAT: {
        char buf[40];
        size_t n = pe_fmt_double_repr(v.u.f, buf);
        return pe_sb_putn(sb, buf, n);
    }
    case PE_TOBJ: {
        const pe_type *t = v.u.o->type;
        if (t->repr) return t->repr(S, v, sb);
        return pe_sb_printf(sb, "<%s object at %p>", t->name, (void *)v.u.o);
    }
    default:
        return pe_sb_puts(sb, "<undefined>");
    }
}

int pe_tostr(pe_state *S, pe_val v, pe_sb *sb) {
    if (v.tag == PE_TOBJ) {
        const pe_type *t = v.u.o->type;
        if (t->kind == PE_K_STR) return pe_sb_putn(sb, PE_STR(v)->data, PE_STR(v)->len);
        if (t->str) return t->str(S, v, sb);
    }
    return pe_repr(S, v, sb);
}

int pe_text_val(pe_state *S, int (*fmt)(pe_state *, pe_val, pe_sb *), pe_val v, pe_val *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    return pe_sb_done_str(&sb, fmt(S, v, &sb), out);
}

int pe_repr_val(pe_state *S, pe_val v, pe_val *out) { return pe_text_val(S, pe_repr, v, out); }

int pe_str_val(pe_state *S, pe_val v, pe_val *out) {
    if (pe_is_str(v)) {
        pe_incref(v);
        *out = v;
        return 0;
    }
    return pe_text_val(S, pe_tostr, v, out);
}

/* ------------------------------------------------------------------ */
/* truth, hash, identity                                               */
/* ------------------------------------------------------------------ */

int pe_truth(pe_state *S, pe_val v) {
    switch (v.tag) {
    case PE_TNONE: return 0;
    case PE_TBOOL:
    case PE_TINT: return v.u.i != 0;
    case PE_TFLOAT: return v.u.f != 0.0;
    case PE_TOBJ: {
        const pe_type *t = v.u.o->type;
        if (t->truth) return t->truth(S, v);
        if (t->kind == PE_K_INT) return 1; /* bigints are never zero */
        if (t->len) {
            int64_t n;
            if (t->len(S, v, &n)) return -1;
            return n != 0;
        }
        return 1;
    }
    default: return 0;
    }
}

int pe_hash(pe_state *S, pe_val v, int64_t *out) {
    switch (v.tag) {
    case PE_TNONE: *out = 0x5f3759df; return 0; /* CPython: address based */
    case PE_TBOOL:
    case PE_TINT: *out = pe_small_int_hash(v.u.i); return 0;
    case PE_TFLOAT: *out = pe_float_hash(v.u.f); return 0;
    case PE_TOBJ: {
        const pe_type *t = v.u.o->type;
        if (t->kind == PE_K_INT) {
            *out = pe_int_hash(v);
            return 0;
        }
        if (t->hash) return t->hash(S, v, out);
        /* object.__hash__ (identity) where CPython has it: iterators (also
         * map/zip/enumerate/filter/reversed), dict_values (keys and items are
         * set-like and unhashable), functions, types, exceptions, modules */
        if (t->kind == PE_K_TYPE || t->kind == PE_K_FUNC || t->kind == PE_K_CFUNC ||
            t->kind == PE_K_EXC || t->kind == PE_K_MODULE || t->kind == PE_K_CODE ||
            t->kind == PE_K_ITER || t->kind == PE_K_HOST || t->kind == PE_K_CELL ||
            t == &pe_type_dict_values || t == &pe_type_ellipsis) {
            return pe_identity_hash(S, v, out);
        }
        return pe_raise(S, PE_EXC(TypeError), "unhashable type: '%s'", t->name);
    }
    default: *out = 0; return 0;
    }
}

bool pe_is(pe_val a, pe_val b) {
    if (a.tag != b.tag) return false;
    switch (a.tag) {
    case PE_TOBJ: return a.u.o == b.u.o;
    case PE_TFLOAT: return memcmp(&a.u.f, &b.u.f, sizeof(double)) == 0;
    default: return a.u.i == b.u.i;
    }
}

/* ------------------------------------------------------------------ */
/* Comparison                                                          */
/* ------------------------------------------------------------------ */

/* Numeric comparison of two numbers (exact for int vs float). */
static bool num_compare(pe_val a, pe_val b, int op) {
    a = as_int(a);
    b = as_int(b);
    if (a.tag == PE_TFLOAT && b.tag == PE_TFLOAT) return pe_cmp_double(a.u.f, b.u.f, op);
    if (a.tag == PE_TINT && b.tag == PE_TINT)
        return pe_cmp_order(a.u.i < b.u.i ? -1 : a.u.i > b.u.i, op);
    if (a.tag == PE_TFLOAT || b.tag == PE_TFLOAT) {
        bool swapped = a.tag == PE_TFLOAT;
        pe_val i = swapped ? b : a;
        double f = swapped ? a.u.f : b.u.f;
        int c = pe_int_cmp_double(i, f); /* sign of (int - float), 2 for nan */
        if (c == 2) return op == PE_NE;
        if (swapped) c = -c;
        return pe_cmp_order(c, op);
    }
    return pe_cmp_order(pe_int_cmp(a, b), op);
}

static const int swapped_op[] = {PE_GT, PE_GE, PE_EQ, PE_NE, PE_LT, PE_LE};

int pe_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if (is_num(a) && is_num(b)) {
        *out = pe_bool(num_compare(a, b, op));
        return 0;
    }
    if (PE_UNLIKELY(pe_du_heap(a) || pe_du_heap(b))) return pe_dunder_richcmp(S, a, b, op, out);
    const pe_type *ta = pe_typeof(a), *tb = pe_typeof(b);
    if (ta->richcmp) {
        int r = ta->richcmp(S, a, b, op, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (tb != ta && tb->richcmp) {
        int r = tb->richcmp(S, b, a, swapped_op[op], out);
        if (r != PE_NOTIMPL) return r;
    }
    return pe_richcmp_default(S, a, b, op, out);
}

int pe_richcmp_default(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if (op == PE_EQ || op == PE_NE) {
        bool same = pe_is(a, b);
        *out = pe_bool(op == PE_EQ ? same : !same);
        return 0;
    }
    return pe_raise(S, PE_EXC(TypeError), "'%s' not supported between instances of '%s' and '%s'",
                    cmp_symbols[op], pe_type_name(a), pe_type_name(b));
}

int pe_eq(pe_state *S, pe_val a, pe_val b) {
    if (pe_is(a, b) && !(a.tag == PE_TFLOAT && isnan(a.u.f))) return 1;
    if (is_num(a) && is_num(b)) return num_compare(a, b, PE_EQ);
    pe_val r;
    if (pe_richcmp(S, a, b, PE_EQ, &r)) return -1;
    int t = pe_truth(S, r);
    pe_decref(S, r);
    return t;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

/* Float operands of a mixed operation; OverflowError for huge ints. */
static int to_double(pe_state *S, pe_val v, double *out) {
    if (v.tag == PE_TFLOAT) {
        *out = v.u.f;
        return 0;
    }
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        *out = (double)v.u.i;
        return 0;
    }
    return pe_int_to_double(S, v, out);
}

static int int_truediv(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (a.tag == PE_TINT && b.tag == PE_TINT) {
        if (b.u.i == 0) return pe_raise(S, PE_EXC(ZeroDivisionError), "division by zero");
        const int64_t lim = (int64_t)1 << 53;
        if (a.u.i > -lim && a.u.i < lim && b.u.i > -lim && b.u.i < lim) {
            *out = pe_float((double)a.u.i / (double)b.u.i);
            return 0;
        }
    }
    double d;
    if (pe_int_truediv(S, a, b, &d)) return -1;
    *out = pe_float(d);
    return 0;
}

static int int_floordiv(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (a.tag == PE_TINT && b.tag == PE_TINT && b.u.i != 0 &&
        !(a.u.i == INT64_MIN && b.u.i == -1)) {
        int64_t q = a.u.i / b.u.i;
        if ((a.u.i % b.u.i != 0) && ((a.u.i < 0) != (b.u.i < 0))) q--;
        *out = pe_int(q);
        return 0;
    }
    return pe_int_floordiv(S, a, b, out);
}

static int int_mod(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (a.tag == PE_TINT && b.tag == PE_TINT && b.u.i != 0 && b.u.i != -1) {
        int64_t r = a.u.i % b.u.i;
        if (r != 0 && ((r < 0) != (b.u.i < 0))) r += b.u.i;
        *out = pe_int(r);
        return 0;
    }
    if (a.tag == PE_TINT && b.tag == PE_TINT && b.u.i == -1) {
        *out = pe_int(0);
        return 0;
    }
    return pe_int_mod(S, a, b, out);
}

/* int ** int: negative exponents go through float pow (CPython). */
static int int_pow(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (pe_int_sign(b) < 0) {
        double x, y, r;
        if (to_double(S, a, &x) || to_double(S, b, &y)) return -1;
        if (x == 0.0)
            return pe_raise(S, PE_EXC(ZeroDivisionError),
                            "0.0 cannot be raised to a negative power");
        if (pe_float_pow(S, x, y, &r)) return -1;
        *out = pe_float(r);
        return 0;
    }
    if (a.tag == PE_TINT && b.tag == PE_TINT && b.u.i < 64) {
        int64_t base = a.u.i, e = b.u.i, acc = 1;
        bool ok = true;
        while (e > 0 && ok) {
            if (e & 1) ok = !__builtin_mul_overflow(acc, base, &acc);
            e >>= 1;
            if (e && ok) ok = !__builtin_mul_overflow(base, base, &base);
        }
        if (ok) {
            *out = pe_int(acc);
            return 0;
        }
    }
    return pe_int_pow(S, a, b, pe_undef(), out);
}

static int int_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (a.tag == PE_TINT && b.tag == PE_TINT) {
        int64_t x = a.u.i, y = b.u.i, r;
        switch (op) {
        case PE_BO_ADD:
            if (!__builtin_add_overflow(x, y, &r)) { *out = pe_int(r); return 0; }
            break;
        case PE_BO_SUB:
            if (!__builtin_sub_overflow(x, y, &r)) { *out = pe_int(r); return 0; }
            break;
        case PE_BO_MUL:
            if (!__builtin_mul_overflow(x, y, &r)) { *out = pe_int(r); return 0; }
            break;
        case PE_BO_AND: *out = pe_int(x & y); return 0;
        case PE_BO_OR: *out = pe_int(x | y); return 0;
        case PE_BO_XOR: *out = pe_int(x ^ y); return 0;
        case PE_BO_RSHIFT:
            if (y >= 0) {
                *out = pe_int(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
                return 0;
            }
            break;
        case PE_BO_LSHIFT:
            if (y >= 0 && y < 63) {
                int64_t s = (int64_t)((uint64_t)x << y);
                if ((s >> y) == x) { *out = pe_int(s); return 0; }
            }
            break;
        default:
            break;
        }
    }
    switch (op) {
    case PE_BO_ADD: return pe_int_add(S, a, b, out);
    case PE_BO_SUB: return pe_int_sub(S, a, b, out);
    case PE_BO_MUL: return pe_int_mul(S, a, b, out);
    case PE_BO_TRUEDIV: return int_truediv(S, a, b, out);
    case PE_BO_FLOORDIV: return int_floordiv(S, a, b, out);
    case PE_BO_MOD: return int_mod(S, a, b, out);
    case PE_BO_POW: return int_pow(S, a, b, out);
    case PE_BO_LSHIFT: return pe_int_lshift(S, a, b, out);
    case PE_BO_RSHIFT: return pe_int_rshift(S, a, b, out);
    case PE_BO_AND: return pe_int_and(S, a, b, out);
    case PE_BO_OR: return pe_int_or(S, a, b, out);
    case PE_BO_XOR: return pe_int_xor(S, a, b, out);
    default: return PE_NOTIMPL;
    }
}

static int float_binop(pe_state *S, int op, double x, double y, pe_val *out) {
    double r;
    switch (op) {
    case PE_BO_ADD: r = x + y; break;
    case PE_BO_SUB: r = x - y; break;
    case PE_BO_MUL: r = x * y; break;
    case PE_BO_TRUEDIV:
        if (pe_float_div(S, x, y, &r)) return -1;
        break;
    case PE_BO_FLOORDIV:
        if (pe_float_floordiv(S, x, y, &r)) return -1;
        break;
    case PE_BO_MOD:
        if (pe_float_mod(S, x, y, &r)) return -1;
        break;
    case PE_BO_POW:
        if (pe_float_pow(S, x, y, &r)) return -1;
        break;
    default: return PE_NOTIMPL;
    }
    *out = pe_float(r);
    return 0;
}

int pe_number_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (!is_num(a) || !is_num(b)) return PE_NOTIMPL;
    if (a.tag == PE_TBOOL && b.tag == PE_TBOOL) { /* bool & | ^ bool stays bool */
        if (op == PE_BO_AND) return *out = pe_bool(a.u.i & b.u.i), 0;
        if (op == PE_BO_OR) return *out = pe_bool(a.u.i | b.u.i), 0;
        if (op == PE_BO_XOR) return *out = pe_bool(a.u.i ^ b.u.i), 0;
    }
    a = as_int(a);
    b = as_int(b);
    if (a.tag != PE_TFLOAT && b.tag != PE_TFLOAT) return int_binop(S, op, a, b, out);
    switch (op) {
    case PE_BO_ADD: case PE_BO_SUB: case PE_BO_MUL: case PE_BO_TRUEDIV:
    case PE_BO_FLOORDIV: case PE_BO_MOD: case PE_BO_POW:
        break;
    default:
        return PE_NOTIMPL;
    }
    double x, y;
    if (to_double(S, a, &x) || to_double(S, b, &y)) return -1;
    return float_binop(S, op, x, y, out);
}

int pe_binary_op(pe_state *S, int op, pe_val a, pe_val b, bool inplace, pe_val *out) {
    int r = pe_number_binop(S, op, a, b, out);
    if (r != PE_NOTIMPL) return r;
    if (PE_UNLIKELY(pe_du_heap(a) || pe_du_heap(b)))
        return pe_dunder_binop(S, op, a, b, inplace, out);
    const pe_type *ta = pe_typeof(a), *tb = pe_typeof(b);
    if (inplace && a.tag == PE_TOBJ &&
        (ta->kind == PE_K_LIST || ta->kind == PE_K_SET || ta->kind == PE_K_DICT)) {
        r = pe_container_inplace(S, op, a, b, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (inplace && ta->kind == PE_K_BYTEARRAY) {
        r = pe_bytearray_inplace(S, op, a, b, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (ta->binop) {
        r = ta->binop(S, op, a, b, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (tb != ta && tb->binop) {
        r = tb->binop(S, op, a, b, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (op == PE_BO_POW && !inplace)
        return pe_raise(S, PE_EXC(TypeError),
                        "unsupported operand type(s) for ** or pow(): '%s' and '%s'", ta->name,
                        tb->name);
    return pe_raise(S, PE_EXC(TypeError), "unsupported operand type(s) for %s%s: '%s' and '%s'",
                    pe_binop_symbols[op], inplace ? "=" : "", ta->name, tb->name);
}

/* The slow end of a unary operator: a's __neg__ & co, else CPython's
 * "bad operand type for unary -: 'str'". */
static int unary_dunder(pe_state *S, pe_val a, enum pe_dunder du, const char *sym,
                        pe_val *out) {
    if (pe_du_heap(a)) {
        int r = pe_du_call(S, a, du, 0, NULL, out);
        if (r) return r < 0 ? -1 : 0;
    }
    return pe_raise(S, PE_EXC(TypeError), "bad operand type for unary %s: '%s'", sym,
                    pe_type_name(a));
}

int pe_unary_neg(pe_state *S, pe_val a, pe_val *out) {
    a = as_int(a);
    if (a.tag == PE_TINT && a.u.i != INT64_MIN) {
        *out = pe_int(-a.u.i);
        return 0;
    }
    if (a.tag == PE_TFLOAT) {
        *out = pe_float(-a.u.f);
        return 0;
    }
    if (pe_is_intlike(a)) return pe_int_neg(S, a, out);
    return unary_dunder(S, a, PE_DU_neg, "-", out);
}

int pe_unary_pos(pe_state *S, pe_val a, pe_val *out) {
    if (is_num(a)) {
        *out = as_int(a);
        pe_incref(*out);
        return 0;
    }
    return unary_dunder(S, a, PE_DU_pos, "+", out);
}

int pe_unary_invert(pe_state *S, pe_val a, pe_val *out) {
    a = as_int(a);
    if (a.tag == PE_TINT) {
        *out = pe_int(~a.u.i);
        return 0;
    }
    if (pe_is_bigint(a)) return pe_int_invert(S, a, out);
    return unary_dunder(S, a, PE_DU_invert, "~", out);
}

/* ------------------------------------------------------------------ */
/* Containers and calls                                                */
/* ------------------------------------------------------------------ */

int pe_len(pe_state *S, pe_val v, int64_t *out) {
    const pe_type *t = pe_typeof(v);
    if (t->len) return t->len(S, v, out);
    pe_val n;
    int r = t->kind == PE_K_TYPE ? pe_class_meta(S, v, PE_META_LEN, pe_undef(), &n) : PE_NOTIMPL;
    if (r != PE_NOTIMPL) {
        if (r) return -1;
        r = pe_index_int64(S, n, PE_EXC(OverflowError), out);
        if (!r)
            pe_raise_not_index(S, n);
        pe_decref(S, n);
        return r == 1 ? 0 : -1;
    }
    return pe_raise(S, PE_EXC(TypeError), "object of type '%s' has no len()", t->name);
}

int pe_iter(pe_state *S, pe_val v, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    if (t->iter) return t->iter(S, v, out);
    if (t->kind == PE_K_TYPE) {
        int r = pe_class_meta(S, v, PE_META_ITER, pe_undef(), out);
        if (r != PE_NOTIMPL) return r;
    }
    return pe_raise(S, PE_EXC(TypeError), "'%s' object is not iterable", t->name);
}

/* Every native loop over an iterator (sum, sorted, list(), str.join,
 * math.prod, map chains...) comes through here: one unit of the time
 * budget per item keeps them under the run's timeout. */
int pe_next(pe_state *S, pe_val it, pe_val *out) {
    const pe_type *t = pe_typeof(it);
    if (PE_UNLIKELY(pe_work_fast(S, 1))) return -1;
    if (t->next) return t->next(S, it, out);
    return pe_raise(S, PE_EXC(TypeError), "'%s' object is not an iterator", t->name);
}

int pe_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    if (t->getitem) return t->getitem(S, v, key, out);
    if (t->kind == PE_K_TYPE) {
        const pe_type *vt = (const pe_type *)v.u.o;
        if (pe_is_heaptype(vt)) {
            pe_val f = PE_CLASS(vt)->special[PE_DU_class_getitem];
            if (f.tag != PE_TUNDEF) {
                pe_val b;
                if (pe_descr_get(S, f, pe_undef(), vt, &b)) return -1;
                int r = pe_call(S, b, 1, &key, NULL, out);
                pe_decref(S, b);
                return r;
            }
        } else if (vt == &pe_type_list || vt == &pe_type_dict || vt == &pe_type_tuple ||
                   vt == &pe_type_set || vt == &pe_type_frozenset || vt == &pe_type_type ||
                   vt == &pe_re_type_pattern || vt == &pe_re_type_match) {
            return pe_generic_alias_new(S, v, key, out);
        }
        return pe_raise(S, PE_EXC(TypeError), "type '%s' is not subscriptable", vt->name);
    }
    return pe_raise(S, PE_EXC(TypeError), "'%s' object is not subscriptable", t->name);
}

int pe_setitem(pe_state *S, pe_val v, pe_val key, pe_val val) {
    const pe_type *t = pe_typeof(v);
    if (t->setitem) return t->setitem(S, v, key, val);
    return pe_raise(S, PE_EXC(TypeError), "'%s' object does not support item assignment", t->name);
}

int pe_delitem(pe_state *S, pe_val v, pe_val key) {
    const pe_type *t = pe_typeof(v);
    if (t->setitem) return t->setitem(S, v, key, pe_undef());
    return pe_raise(S, PE_EXC(TypeError), "'%s' object doesn't support item deletion", t->name);
}

int pe_contains(pe_state *S, pe_val c, pe_val x) {
    const pe_type *t = pe_typeof(c);
    if (t->contains) return t->contains(S, c, x);
    pe_val res;
    int k = t->kind == PE_K_TYPE ? pe_class_meta(S, c, PE_META_CONTAINS, x, &res) : PE_NOTIMPL;
    if (k != PE_NOTIMPL) {
        if (k) return -1;
        k = pe_truth(S, res);
        pe_decref(S, res);
        return k;
    }
    if (!t->iter)
        return pe_raise(S, PE_EXC(TypeError), "argument of type '%s' is not iterable", t->name);
    pe_val it, item;
    if (pe_iter(S, c, &it)) return -1;
    int found = 0, r;
    while ((r = pe_next(S, it, &item)) == 1) {
        found = pe_eq(S, item, x);
        pe_decref(S, item);
        if (found) break;
    }
    pe_decref(S, it);
    if (r < 0 || found < 0) return -1;
    return found;
}

bool pe_builtin_classmethod(const char *name) {
    return !strcmp(name, "fromkeys") || !strcmp(name, "fromhex") || !strcmp(name, "from_bytes");
}

/* Looks name up in t's method tables (t and its bases). */
const pe_cfunc *pe_find_method(const pe_type *t, const pe_str *name) {
    for (; t; t = t->base) {
        if (!t->methods) continue;
        for (const pe_cfunc *m = t->methods; m->name; m++)
            if (!strcmp(m->name, name->data)) return m;
    }
    return NULL;
}

extern const pe_type pe_type_method_descriptor;

static void bmethod_clear(pe_state *S, pe_obj *o) {
    pe_cfunc *f = (pe_cfunc *)o;
    pe_val s = f->self;
    f->self = pe_none();
    pe_decref(S, s);
}

static int getattr_impl(pe_state *S, pe_val v, pe_obj *name, pe_val *out);

/* obj.name. An AttributeError leaving here gets CPython's "Did you mean"
 * hint from dir(obj) (Objects/object.c PyObject_GetAttr sets the error's
 * context for every AttributeError it passes on). */
int pe_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    int r = getattr_impl(S, v, name, out);
    if (r && pe_exc_matches(S, PE_EXC(AttributeError))) {
        const pe_type *t = pe_typeof(v);
        if (pe_is_heaptype(t) || (t->kind == PE_K_TYPE && pe_is_heaptype((const pe_type *)v.u.o)))
            pe_class_attr_suggest(S, v, (pe_str *)name);
        else
            pe_attr_error_suggest(S, v, (pe_str *)name);
    }
    return r;
}

static int getattr_impl(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    if (t->getattr) {
        int r = t->getattr(S, v, name, out);
        if (r != PE_NOTIMPL) return r;
    }
    const pe_cfunc *m = pe_find_method(t, (pe_str *)name);
    if (!m && t->kind != PE_K_TYPE && ((const pe_str *)name)->data[0] == '_')
        m = pe_slot_wrapper_find(t, (pe_str *)name); /* [].__len__, (1).__add__ */
    if (m) {
        pe_cfunc *b = (pe_cfunc *)pe_obj_new(S, &pe_type_builtin, sizeof(pe_cfunc));
        if (!b) return -1;
        b->ob.type = &pe_type_builtin;
        b->name = m->name;
        b->fn = m->fn;
        pe_incref(v);
        b->self = v;
        *out = pe_obj_val(&b->ob);
        return 0;
    }
    if (t->kind == PE_K_TYPE) {
        /* str.lower, dict.fromkeys: methods looked up on the type */
        const pe_type *vt = (const pe_type *)v.u.o;
        const pe_cfunc *um = pe_find_method(vt, (pe_str *)name);
        if (!um && ((const pe_str *)name)->data[0] == '_')
            um = pe_slot_wrapper_find(vt, (pe_str *)name); /* object.__eq__, list.__getitem__ */
        if (um) {
            bool classmethod = pe_builtin_classmethod(um->name) || !strcmp(um->name, "maketrans");
            pe_cfunc *b = (pe_cfunc *)pe_obj_new(
                S, classmethod ? &pe_type_builtin : &pe_type_method_descriptor, sizeof(pe_cfunc));
            if (!b) return -1;
            b->name = um->name;
            b->fn = um->fn;
            b->self = v; /* the type (immortal) */
            *out = pe_obj_val(&b->ob);
            return 0;
        }
        return pe_raise(S, PE_EXC(AttributeError), "type object '%s' has no attribute '%s'",
                        ((const pe_type *)v.u.o)->name, ((pe_str *)name)->data);
    }
    if (!strcmp(((pe_str *)name)->data, "__class__")) { /* "abc".__class__, None.__class__ */
        *out = pe_obj_val((pe_obj *)&t->ob);
        pe_incref(*out);
        return 0;
    }
    return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'", t->name,
                    ((pe_str *)name)->data);
}

int pe_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
            pe_val *out) {
    const pe_type *t = pe_typeof(callee);
    if (t->kind == PE_K_TYPE) {
        const pe_type *ct = (const pe_type *)callee.u.o;
        int k = ct->kind;
        if (ct->call && k != PE_K_FUNC && k != PE_K_CFUNC && k != PE_K_BMETHOD &&
            k != PE_K_HOST && k != PE_K_CELL && k != PE_K_CODE)
            return ct->call(S, callee, argc, argv, kwnames, out);
        return pe_raise(S, PE_EXC(TypeError), "cannot create '%s' instances", ct->name);
    }
    if (pe_is_heaptype(t)) {
        pe_val f = PE_CLASS(t)->special[PE_DU_call];
        if (f.tag != PE_TUNDEF) return pe_call_with_self(S, f, callee, argc, argv, kwnames, out);
        return pe_raise(S, PE_EXC(TypeError), "'%s' object is not callable", t->name);
    }
    if (t == &pe_type_staticmethod || t == &pe_type_generic_alias)
        return t->call(S, callee, argc, argv, kwnames, out);
    /* for other objects the call slot is the constructor of their type:
     * only function-like instances are callable */
    if (t->call && (t->kind == PE_K_FUNC || t->kind == PE_K_CFUNC || t->kind == PE_K_BMETHOD ||
                    t->kind == PE_K_HOST))
        return t->call(S, callee, argc, argv, kwnames, out);
    return pe_raise(S, PE_EXC(TypeError), "'%s' object is not callable", t->name);
}

int pe_arg_count_error(pe_state *S, const char *fname, int min, int max, int got) {
    if (min == max)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes exactly %s (%d given)", fname,
                        min == 0 ? "no arguments" : min == 1 ? "one argument" : "2 arguments",
                        got);
    if (got < min)
        return pe_raise(S, PE_EXC(TypeError), "%s expected at least %d argument%s, got %d", fname,
                        min, min == 1 ? "" : "s", got);
    return pe_raise(S, PE_EXC(TypeError), "%s expected at most %d argument%s, got %d", fname, max,
                    max == 1 ? "" : "s", got);
}

int pe_no_kwargs(pe_state *S, const char *fname, pe_obj *kwnames) {
    if (kwnames && ((pe_tuple *)kwnames)->n)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", fname);
    return 0;
}

/* ------------------------------------------------------------------ */
/* None, bool, int, float types                                        */
/* ------------------------------------------------------------------ */

static int none_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    (void)c;
    (void)argv;
    if (argc || (kw && ((pe_tuple *)kw)->n))
        return pe_raise(S, PE_EXC(TypeError), "NoneType takes no arguments");
    *out = pe_none();
    return 0;
}

const pe_type pe_type_none = PE_TYPE("NoneType", NONE,
    .call = none_call,
);

static int bool_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                     pe_val *out) {
    (void)c;
    if (pe_no_kwargs(S, "bool", kw)) return -1;
    if (argc > 1) return pe_raise(S, PE_EXC(TypeError), "bool expected at most 1 argument, got %d", argc);
    if (argc == 0) {
        *out = pe_bool(0);
        return 0;
    }
    int t = pe_truth(S, argv[0]);
    if (t < 0) return -1;
    *out = pe_bool(t);
    return 0;
}

static int int_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out);

const pe_type pe_type_bool = PE_TYPE("bool", BOOL,
    .base = &pe_type_int,
    .call = bool_call,
    .getattr = int_getattr,
);

/* int(x=0, base=10) */
static int int_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                    pe_val *out) {
    (void)c;
    size_t nkw = kw ? ((pe_tuple *)kw)->n : 0;
    int npos = argc - (int)nkw;
    pe_val x = pe_undef(), base = pe_undef();
    if (npos > 2) return pe_raise(S, PE_EXC(TypeError), "int() takes at most 2 arguments (%d given)", argc);
    if (npos >= 1) x = argv[0];
    if (npos >= 2) base = argv[1];
    for (size_t i = 0; i < nkw; i++) {
        pe_str *k = PE_STR(((pe_tuple *)kw)->items[i]);
        if (!strcmp(k->data, "base") && base.tag == PE_TUNDEF) base = argv[npos + (int)i];
        else
            return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for int()",
                            k->data);
    }
    if (x.tag == PE_TUNDEF) {
        if (base.tag != PE_TUNDEF) return pe_raise(S, PE_EXC(TypeError), "int() missing string argument");
        *out = pe_int(0);
        return 0;
    }
    if (base.tag != PE_TUNDEF) {
        if (pe_is_str(pe_unbox(x)) || pe_is_bytes(pe_unbox(x))) x = pe_unbox(x);
        if (!pe_is_str(x) && !pe_is_bytes(x) && !pe_is_bytearray(x))
            return pe_raise(S, PE_EXC(TypeError), "int() can't convert non-string with explicit base");
        if (base.tag != PE_TINT && base.tag != PE_TBOOL)
            return pe_raise_not_index(S, base);
        int64_t b = base.u.i;
        if (b != 0 && (b < 2 || b > 36))
            return pe_raise(S, PE_EXC(ValueError), "int() base must be >= 2 and <= 36, or 0");
        if (!pe_is_str(x)) return pe_bytes_to_int(S, x, (int)b, out);
        return pe_int_from_str(S, PE_STR(x)->data, PE_STR(x)->len, (int)b, out);
    }
    switch (x.tag) {
    case PE_TBOOL:
    case PE_TINT: *out = pe_int(x.u.i); return 0;
    case PE_TFLOAT:
        if (x.u.f > -9.2e18 && x.u.f < 9.2e18) {
            *out = pe_int((int64_t)x.u.f);
            return 0;
        }
        return pe_int_from_double(S, x.u.f, out);
    default:
        break;
    }
    if (pe_is_bigint(x)) {
        pe_incref(x);
        *out = x;
        return 0;
    }
    if (pe_is_str(x)) return pe_int_from_str(S, PE_STR(x)->data, PE_STR(x)->len, 10, out);
    if (pe_is_bytes(x) || pe_is_bytearray(x)) return pe_bytes_to_int(S, x, 10, out);
    int du = pe_dunder_int(S, x, out);
    if (du) return du < 0 ? -1 : 0;
    pe_val u = pe_unbox(x); /* str and bytes subclasses: parse their value */
    if (pe_is_str(u) || pe_is_bytes(u)) return int_call(S, c, 1, &u, NULL, out);
    return pe_raise(S, PE_EXC(TypeError),
                    "int() argument must be a string, a bytes-like object or a real number, "
                    "not '%s'",
                    pe_type_name(x));
}

static int int_repr(pe_state *S, pe_val v, pe_sb *sb) { return pe_int_to_str(S, v, 10, false, sb); }

/* The check of a method that takes no arguments: CPython's
 * "int.bit_length() takes no arguments (1 given)". */
static int no_args(pe_state *S, const char *what, int argc, pe_obj *kw) {
    if (!argc && !(kw && ((pe_tuple *)kw)->n)) return 0;
    return pe_raise(S, PE_EXC(TypeError), "%s() takes no arguments (%d given)", what, argc);
}

static int int_bit_length(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                          pe_val *out) {
    (void)argv;
    if (no_args(S, "int.bit_length", argc, kw)) return -1;
    *out = pe_int(pe_int_bit_length(as_int(self)));
    return 0;
}

/* int.bit_count(): the number of ones in the binary form of abs(self) */
static int int_bit_count(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                         pe_val *out) {
    (void)argv;
    if (no_args(S, "int.bit_count", argc, kw)) return -1;
    pe_val v = as_int(self);
    if (v.tag == PE_TINT) {
        uint64_t u = v.u.i < 0 ? 0 - (uint64_t)v.u.i : (uint64_t)v.u.i;
        *out = pe_int(__builtin_popcountll(u));
        return 0;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_int_to_str(S, v, 2, false, &sb)) {
        pe_sb_free(&sb);
        return -1;
    }
    int64_t n = 0;
    for (size_t i = 0; i < sb.len; i++) n += sb.p[i] == '1';
    pe_sb_free(&sb);
    *out = pe_int(n);
    return 0;
}

/* int.conjugate() / float.conjugate(): self as the exact int or float;
 * int.as_integer_ratio(): (self, 1) */
static int num_conjugate(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                         pe_val *out) {
    (void)argv;
    bool fl = self.tag == PE_TFLOAT;
    if (no_args(S, fl ? "float.conjugate" : "int.conjugate", argc, kw)) return -1;
    *out = fl ? self : as_int(self);
    pe_incref(*out);
    return 0;
}

static int int_as_integer_ratio(pe_state *S, pe_val self, int argc, const pe_val *argv,
                                pe_obj *kw, pe_val *out) {
    (void)argv;
    if (no_args(S, "int.as_integer_ratio", argc, kw)) return -1;
    pe_val nd[2] = {as_int(self), pe_int(1)};
    return pe_tuple_pack(S, 2, nd, out);
}

/* int.real / .imag / .numerator / .denominator */
static int int_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    (void)S;
    const char *n = ((pe_str *)name)->data;
    if (!strcmp(n, "real") || !strcmp(n, "numerator")) {
        *out = as_int(v);
        pe_incref(*out);
        return 0;
    }
    if (!strcmp(n, "imag")) return *out = pe_int(0), 0;
    if (!strcmp(n, "denominator")) return *out = pe_int(1), 0;
    return PE_NOTIMPL;
}

static const pe_cfunc int_methods[] = {
    PE_METHOD("bit_length", int_bit_length),
    PE_METHOD("bit_count", int_bit_count),
    PE_METHOD("conjugate", num_conjugate),
    PE_METHOD("as_integer_ratio", int_as_integer_ratio),
    PE_METHOD("to_bytes", pe_int_to_bytes_method),
    PE_METHOD("from_bytes", pe_int_from_bytes_method),
    PE_METHOD_END,
};

const pe_type pe_type_int = PE_TYPE("int", INT,
    .dealloc = pe_bigint_dealloc,
    .repr = int_repr,
    .call = int_call,
    .getattr = int_getattr,
    .methods = int_methods,
);

static int float_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                      pe_val *out) {
    (void)c;
    if (pe_no_kwargs(S, "float", kw)) return -1;
    if (argc > 1) return pe_raise(S, PE_EXC(TypeError), "float expected at most 1 argument, got %d", argc);
    if (argc == 0) {
        *out = pe_float(0.0);
        return 0;
    }
    pe_val x = argv[0];
    if (x.tag == PE_TFLOAT) {
        *out = x;
        return 0;
    }
    if (pe_is_intlike(x) || x.tag == PE_TBOOL) {
        double d;
        if (to_double(S, x, &d)) return -1;
        *out = pe_float(d);
        return 0;
    }
    if (pe_is_str(x)) {
        double d;
        if (pe_parse_double(PE_STR(x)->data, PE_STR(x)->len, &d) == 0) {
            *out = pe_float(d);
            return 0;
        }
        pe_sb sb;
        pe_sb_init(&sb, S);
        if (pe_sb_puts(&sb, "could not convert string to float: ") ||
            pe_str_repr(S, PE_STR(x), &sb)) {
            pe_sb_free(&sb);
            return -1;
        }
        pe_raise_str(S, PE_EXC(ValueError), sb.p, sb.len);
        pe_sb_free(&sb);
        return -1;
    }
    if (pe_is_bytes(x) || pe_is_bytearray(x)) return pe_bytes_to_float(S, x, out);
    double d;
    int du = pe_dunder_float(S, x, &d);
    if (du) {
        if (du < 0) return -1;
        *out = pe_float(d);
        return 0;
    }
    pe_val u = pe_unbox(x); /* str and bytes subclasses: parse their value */
    if (pe_is_str(u) || pe_is_bytes(u)) return float_call(S, c, 1, &u, NULL, out);
    return pe_raise(S, PE_EXC(TypeError),
                    "float() argument must be a string or a real number, not '%s'",
                    pe_type_name(x));
}

static int float_is_integer(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                            pe_val *out) {
    (void)argv;
    if (no_args(S, "float.is_integer", argc, kw)) return -1;
    double x = self.u.f;
    *out = pe_bool(isfinite(x) && floor(x) == x);
    return 0;
}

/* float.as_integer_ratio(): the exact value as a lowest-terms (n, d) */
static int float_as_integer_ratio(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                                  pe_val *out) {
    (void)argv;
    if (no_args(S, "float.as_integer_ratio", argc, kw)) return -1;
    double x = self.u.f;
    if (isnan(x)) return pe_raise(S, PE_EXC(ValueError), "cannot convert NaN to integer ratio");
    if (isinf(x)) return pe_raise(S, PE_EXC(OverflowError), "cannot convert Infinity to integer ratio");
    int e;
    double m = frexp(x, &e);
    for (int i = 0; i < 64 && m != floor(m); i++) { /* 53 doublings at most */
        m *= 2.0;
        e--;
    }
    /* m is an integer now (|m| < 2**53), odd unless x is one: (m << e, 1) or (m, 1 << -e) */
    pe_val nd[2] = {pe_int((int64_t)m), pe_int(1)}, shifted;
    if (pe_int_lshift(S, nd[e < 0], pe_int(e < 0 ? -e : e), &shifted)) return -1;
    nd[e < 0] = shifted;
    int r = pe_tuple_pack(S, 2, nd, out);
    pe_decref(S, shifted);
    return r;
}

/* float.hex(): CPython's float_hex layout ('0x1.8000000000000p+1';
 * subnormals keep the minimum exponent, -1022) */
static int float_hex(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                     pe_val *out) {
    (void)argv;
    if (no_args(S, "float.hex", argc, kw)) return -1;
    double x = self.u.f;
    char buf[64];
    if (isnan(x) || isinf(x)) {
        snprintf(buf, sizeof buf, "%s", isnan(x) ? "nan" : x < 0 ? "-inf" : "inf");
    } else if (x == 0.0) {
        snprintf(buf, sizeof buf, "%s0x0.0p+0", signbit(x) ? "-" : "");
    } else {
        int e;
        double m = frexp(fabs(x), &e);
        int shift = 1 - (-1021 - e > 0 ? -1021 - e : 0);
        m = ldexp(m, shift);
        e -= shift;
        char dig[16];
        static const char hx[] = "0123456789abcdef";
        dig[0] = hx[(int)m];
        m -= (int)m;
        for (int i = 0; i < 13; i++) {
            m *= 16.0;
            dig[1 + i] = hx[(int)m];
            m -= (int)m;
        }
        snprintf(buf, sizeof buf, "%s0x%c.%.13sp%c%d", x < 0 ? "-" : "", dig[0], dig + 1,
                 e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    return pe_str_from_cstr(S, buf, out);
}

/* float.fromhex(s): CPython's grammar ([sign] ['0x'] hex [. hex] [p exp],
 * or inf/infinity/nan, surrounding whitespace), rounded by strtod */
static int float_fromhex(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                         pe_val *out) {
    (void)self;
    if (kw && ((pe_tuple *)kw)->n) return pe_raise(S, PE_EXC(TypeError), "float.fromhex() takes no keyword arguments");
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "float.fromhex() takes exactly one argument (%d given)", argc);
    if (!pe_is_str(argv[0]))
        return pe_raise(S, PE_EXC(TypeError), "bad argument type for built-in operation");
    const pe_str *str = PE_STR(argv[0]);
    const char *p = str->data, *end = p + str->len;
    while (p < end && (*p == ' ' || (*p >= '\t' && *p <= '\r'))) p++;
    while (end > p && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r'))) end--;
    bool neg = p < end && *p == '-';
    if (p < end && (*p == '-' || *p == '+')) p++;
    size_t n = (size_t)(end - p);
    if ((n == 3 && !strncasecmp(p, "inf", 3)) || (n == 8 && !strncasecmp(p, "infinity", 8)) ||
        (n == 3 && !strncasecmp(p, "nan", 3))) {
        double v = (p[0] | 32) == 'n' ? NAN : INFINITY;
        *out = pe_float(neg ? -v : v);
        return 0;
    }
    if (n >= 2 && p[0] == '0' && (p[1] | 32) == 'x') p += 2;
    const char *q = p;
    size_t ndig = 0;
    while (q < end && isxdigit((unsigned char)*q)) q++, ndig++;
    if (q < end && *q == '.') {
        q++;
        while (q < end && isxdigit((unsigned char)*q)) q++, ndig++;
    }
    const char *mant_end = q;
    if (ndig && q < end && (*q | 32) == 'p') {
        q++;
        if (q < end && (*q == '-' || *q == '+')) q++;
        const char *d0 = q;
        while (q < end && *q >= '0' && *q <= '9') q++;
        if (q == d0) ndig = 0;
    }
    if (!ndig || q != end)
        return pe_raise(S, PE_EXC(ValueError), "invalid hexadecimal floating-point string");
    size_t len = (size_t)(end - p) + 8;
    char small[128], *buf = len <= sizeof small ? small : pe_mem_alloc(S, len);
    if (!buf) return -1;
    size_t k = 0;
    buf[k++] = '0';
    buf[k++] = 'x';
    memcpy(buf + k, p, (size_t)(end - p));
    k += (size_t)(end - p);
    if (mant_end == end) buf[k++] = 'p', buf[k++] = '0';
    buf[k] = 0;
    double v = strtod(buf, NULL);
    if (buf != small) pe_mem_free(S, buf, len);
    if (isinf(v))
        return pe_raise(S, PE_EXC(OverflowError), "hexadecimal value too large to represent as a float");
    *out = pe_float(neg ? -v : v);
    return 0;
}

/* float.real / .imag */
static int float_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    (void)S;
    const char *n = ((pe_str *)name)->data;
    if (!strcmp(n, "real")) return *out = pe_float(v.u.f), 0;
    if (!strcmp(n, "imag")) return *out = pe_float(0.0), 0;
    return PE_NOTIMPL;
}

static const pe_cfunc float_methods[] = {
    PE_METHOD("is_integer", float_is_integer),
    PE_METHOD("as_integer_ratio", float_as_integer_ratio),
    PE_METHOD("conjugate", num_conjugate),
    PE_METHOD("hex", float_hex),
    PE_METHOD("fromhex", float_fromhex),
    PE_METHOD_END,
};

const pe_type pe_type_float = PE_TYPE("float", FLOAT,
    .call = float_call,
    .getattr = float_getattr,
    .methods = float_methods,
);

/* ------------------------------------------------------------------ */
/* type                                                                */
/* ------------------------------------------------------------------ */

static int type_repr(pe_state *S, pe_val v, pe_sb *sb) {
    if (pe_is_heaptype((const pe_type *)v.u.o)) {
        pe_val r;
        int k = pe_class_meta(S, v, PE_META_REPR, pe_undef(), &r);
        if (k == PE_NOTIMPL) return pe_class_repr(S, (const pe_type *)v.u.o, sb);
        if (k) return -1;
        k = pe_tostr(S, r, sb);
        pe_decref(S, r);
        return k;
    }
    return pe_sb_printf(sb, "<class '%s'>", ((const pe_type *)v.u.o)->name);
}

static int type_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                     pe_val *out) {
    (void)c;
    int nk = kw ? (int)((pe_tuple *)kw)->n : 0, np = argc - nk;
    if (np == 3)
        return pe_class_new(S, argv[0], argv[1], argv[2], nk, argv + 3, nk ? kw : NULL, out);
    if (np != 1 || nk) return pe_raise(S, PE_EXC(TypeError), "type() takes 1 or 3 arguments");
    *out = pe_obj_val((pe_obj *)pe_typeof(argv[0]));
    pe_incref(*out);
    return 0;
}

static int type_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    const pe_type *t = (const pe_type *)v.u.o;
    if (pe_is_heaptype(t)) return pe_class_getattr(S, v, name, out);
    const char *n = ((pe_str *)name)->data;
    /* dotted C names ("sys.version_info"): CPython's tp_name split */
    const char *dot = strrchr(t->name, '.');
    if (!strcmp(n, "__name__") || !strcmp(n, "__qualname__"))
        return pe_str_from_cstr(S, dot ? dot + 1 : t->name, out);
    if (!strcmp(n, "__module__")) {
        if (!dot) return pe_str_from_cstr(S, "builtins", out);
        return pe_str_new(S, t->name, (size_t)(dot - t->name), out);
    }
    if (!strcmp(n, "__class__")) {
        *out = pe_obj_val((pe_obj *)&pe_type_type.ob);
        return 0;
    }
    /* the base chain of a built-in type, object last */
    bool base = !strcmp(n, "__base__"), bases = !strcmp(n, "__bases__"), mro = !strcmp(n, "__mro__");
    if (base || bases || mro) {
        const pe_type *b = t == &pe_type_object ? NULL : t->base && t->base != t ? t->base : &pe_type_object;
        if (base) {
            *out = b ? pe_obj_val((pe_obj *)&b->ob) : pe_none();
            return 0;
        }
        const pe_type *chain[64];
        size_t k = 0;
        if (mro) chain[k++] = t;
        for (const pe_type *x = b; x && k < 64; x = mro ? (x == &pe_type_object ? NULL : x->base && x->base != x ? x->base : &pe_type_object) : NULL)
            chain[k++] = x;
        if (pe_tuple_new(S, k, out)) return -1;
        for (size_t i = 0; i < k; i++) PE_TUPLE(*out)->items[i] = pe_obj_val((pe_obj *)&chain[i]->ob);
        return 0;
    }
    if (!strcmp(n, "__dict__")) {
        /* the type's own methods, as method descriptors */
        if (pe_dict_new(S, out)) return -1;
        for (const pe_cfunc *m = t->methods; m && m->name; m++) {
            pe_val key, d;
            if (pe_str_from_cstr(S, m->name, &key)) goto dict_fail;
            int r = getattr_impl(S, v, key.u.o, &d);
            if (!r) {
                r = pe_dict_set(S, PE_DICT(*out), key, d);
                pe_decref(S, d);
            }
            pe_decref(S, key);
            if (r) goto dict_fail;
        }
        return 0;
    dict_fail:
        pe_decref(S, *out);
        return -1;
    }
    return PE_NOTIMPL;
}

const pe_type pe_type_type = PE_TYPE("type", TYPE,
    .dealloc = pe_class_type_dealloc, /* heap types only: static ones are immortal */
    .clear = pe_class_type_clear,
    .repr = type_repr,
    .call = type_call,
    .getattr = type_getattr,
    .setattr = pe_type_setattr,
);

/* ------------------------------------------------------------------ */
/* range                                                               */
/* ------------------------------------------------------------------ */

/* Ranges whose bounds or length leave int64 keep them as ints in big[]
 * (start, stop, step, len); small ranges leave big[0] UNDEF. */
typedef struct pe_range {
    pe_obj ob;
    int64_t start, stop, step, len;
    pe_val big[4];
} pe_range;

typedef struct pe_bigrangeiter {
    pe_obj ob;
    pe_val cur, step, left;
} pe_bigrangeiter;

static const pe_type pe_type_longrange_iterator;

typedef struct pe_rangeiter {
    pe_obj ob;
    int64_t cur, step, left;
} pe_rangeiter;

static void range_clear(pe_state *S, pe_obj *o) {
    pe_range *r = (pe_range *)o;
    for (int i = 0; i < 4; i++) pe_drop(S, &r->big[i]);
}

static void bigrangeiter_clear(pe_state *S, pe_obj *o) {
    pe_bigrangeiter *it = (pe_bigrangeiter *)o;
    pe_val v[3] = {it->cur, it->step, it->left};
    it->cur = it->step = it->left = pe_undef();
    for (int i = 0; i < 3; i++) pe_decref(S, v[i]);
}

/* len of a big range: ((hi - lo - 1) // |step|) + 1 when non-empty. */
static int bigrange_len(pe_state *S, pe_val start, pe_val stop, pe_val step, pe_val *out) {
    int sg = pe_int_sign(step);
    pe_val lo = sg > 0 ? start : stop, hi = sg > 0 ? stop : start, d, d1, a, q;
    if (pe_int_cmp(lo, hi) >= 0) return *out = pe_int(0), 0;
    if (pe_int_sub(S, hi, lo, &d)) return -1;
    int r = pe_int_sub(S, d, pe_int(1), &d1);
    pe_decref(S, d);
    if (r) return -1;
    if (sg > 0) {
        a = step;
        pe_incref(a);
    } else if (pe_int_neg(S, step, &a)) {
        pe_decref(S, d1);
        return -1;
    }
    r = pe_int_floordiv(S, d1, a, &q);
    pe_decref(S, d1);
    pe_decref(S, a);
    if (r) return -1;
    r = pe_int_add(S, q, pe_int(1), out);
    pe_decref(S, q);
    return r;
}

static int make_bigrange(pe_state *S, pe_val start, pe_val stop, pe_val step, pe_val *out) {
    pe_val len;
    if (bigrange_len(S, start, stop, step, &len)) return -1;
    pe_range *r = (pe_range *)pe_obj_new(S, &pe_type_range, sizeof(pe_range));
    if (!r) {
        pe_decref(S, len);
        return -1;
    }
    pe_val v[3] = {start, stop, step};
    for (int i = 0; i < 3; i++) {
        pe_incref(v[i]);
        r->big[i] = v[i];
    }
    r->big[3] = len;
    r->start = r->stop = r->step = r->len = 0;
    *out = pe_obj_val(&r->ob);
    return 0;
}
/* Number of items of range(start, stop, step) without overflow. */
static int64_t range_len(int64_t start, int64_t stop, int64_t step) {
    if (step > 0 && start < stop)
        return (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1);
    if (step < 0 && start > stop)
        return (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1);
    return 0;
}

/* A range from int start, stop, step (borrowed; step != 0): the int64
 * representation when the bounds and the length fit, else the big one. */
static int range_from_ints(pe_state *S, pe_val start, pe_val stop, pe_val step, pe_val *out) {
    if (start.tag == PE_TINT && stop.tag == PE_TINT && step.tag == PE_TINT) {
        int64_t a = start.u.i, b = stop.u.i, c = step.u.i;
        int64_t lo = c > 0 ? a : b, hi = c > 0 ? b : a;
        if (!(lo < hi && (uint64_t)hi - (uint64_t)lo > (uint64_t)INT64_MAX)) {
            pe_range *r = (pe_range *)pe_obj_new(S, &pe_type_range, sizeof(pe_range));
            if (!r) return -1;
            for (int i = 0; i < 4; i++) r->big[i] = pe_undef();
            r->start = a;
            r->stop = b;
            r->step = c;
            r->len = range_len(a, b, c);
            *out = pe_obj_val(&r->ob);
            return 0;
        }
    }
    return make_bigrange(S, start, stop, step, out);
}

/* start, stop, step, len of either representation, as borrowed ints. */
static void range_fields(const pe_range *r, pe_val f[4]) {
    if (r->big[0].tag != PE_TUNDEF) {
        for (int i = 0; i < 4; i++) f[i] = r->big[i];
        return;
    }
    f[0] = pe_int(r->start);
    f[1] = pe_int(r->stop);
    f[2] = pe_int(r->step);
    f[3] = pe_int(r->len);
}

/* r.start + i * r.step (Objects/rangeobject.c compute_item). */
static int range_item_at(pe_state *S, const pe_val f[4], pe_val i, pe_val *out) {
    pe_val off;
    if (pe_int_mul(S, i, f[2], &off)) return -1;
    int rc = pe_int_add(S, f[0], off, out);
    pe_decref(S, off);
    return rc;
}

/* range[slice] (compute_slice): the slice's exact indices mapped through
 * the range, so range(10)[7:2:-2] is range(7, 2, -2). */
static int range_slice(pe_state *S, const pe_range *r, pe_val slice, pe_val *out);

/* range[a:b] with user objects as bounds: their __index__ values. */
static int range_slice_index(pe_state *S, const pe_range *r, pe_val slice, pe_val *out) {
    const pe_slice *sl = PE_SLICE(slice);
    pe_val in[3] = {sl->start, sl->stop, sl->step}, ix[3];
    int n = 0, rc = -1;
    for (; n < 3; n++) {
        int d = pe_du_heap(in[n]) ? pe_dunder_index(S, in[n], &ix[n]) : 0;
        if (d < 0) goto done;
        if (d == 0) {
            ix[n] = in[n];
            pe_incref(ix[n]);
        }
    }
    pe_val ns;
    if (pe_slice_new(S, ix[0], ix[1], ix[2], &ns)) goto done;
    rc = range_slice(S, r, ns, out);
    pe_decref(S, ns);
done:
    while (n-- > 0) pe_decref(S, ix[n]);
    return rc;
}

static int range_slice(pe_state *S, const pe_range *r, pe_val slice, pe_val *out) {
    const pe_slice *sl = PE_SLICE(slice);
    if (pe_du_heap(sl->start) || pe_du_heap(sl->stop) || pe_du_heap(sl->step))
        return range_slice_index(S, r, slice, out);
    pe_val f[4], i0, i1, st, v[3] = {pe_undef(), pe_undef(), pe_undef()};
    range_fields(r, f);
    if (pe_slice_long_indices(S, slice, f[3], &i0, &i1, &st)) return -1;
    int rc = -1;
    if (!range_item_at(S, f, i0, &v[0]) && !range_item_at(S, f, i1, &v[1]) &&
        !pe_int_mul(S, st, f[2], &v[2]))
        rc = range_from_ints(S, v[0], v[1], v[2], out);
    pe_val tmp[6] = {i0, i1, st, v[0], v[1], v[2]};
    for (int i = 0; i < 6; i++) pe_decref(S, tmp[i]);
    return rc;
}

static int range_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                      pe_val *out) {
    (void)c;
    if (pe_no_kwargs(S, "range", kw)) return -1;
    if (argc < 1 || argc > 3) return pe_arg_count_error(S, "range", 1, 3, argc);
    pe_val v[3] = {pe_int(0), pe_int(0), pe_int(1)};
    pe_val owned[3] = {pe_undef(), pe_undef(), pe_undef()}; /* from __index__ */
    int rc = -1;
    for (int i = 0; i < argc; i++) {
        pe_val a = argv[i].tag == PE_TBOOL ? pe_int(argv[i].u.i) : argv[i];
        if (!pe_is_intlike(a)) {
            int du = pe_dunder_index(S, a, &owned[i]);
            if (du < 0) goto done;
            if (du == 0) {
                pe_raise_not_index(S, a);
                goto done;
            }
            a = owned[i];
        }
        v[argc == 1 ? 1 : i] = a;
    }
    if (pe_int_sign(v[2]) == 0) pe_raise(S, PE_EXC(ValueError), "range() arg 3 must not be zero");
    else rc = range_from_ints(S, v[0], v[1], v[2], out);
done:
    for (int i = 0; i < 3; i++) pe_decref(S, owned[i]);
    return rc;
}

static int range_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_range *r = (pe_range *)v.u.o;
    if (r->big[0].tag != PE_TUNDEF) {
        if (pe_sb_puts(sb, "range(") || pe_repr(S, r->big[0], sb) || pe_sb_puts(sb, ", ") ||
            pe_repr(S, r->big[1], sb))
            return -1;
        if (!(r->big[2].tag == PE_TINT && r->big[2].u.i == 1))
            if (pe_sb_puts(sb, ", ") || pe_repr(S, r->big[2], sb)) return -1;
        return pe_sb_putc(sb, ')');
    }
    if (r->step == 1) return pe_sb_printf(sb, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    return pe_sb_printf(sb, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop,
                        (long long)r->step);
}

static int range_len_slot(pe_state *S, pe_val v, int64_t *out) {
    pe_range *r = (pe_range *)v.u.o;
    if (r->big[0].tag != PE_TUNDEF) {
        if (r->big[3].tag != PE_TINT)
            return pe_raise(S, PE_EXC(OverflowError), "Python int too large to convert to C ssize_t");
        *out = r->big[3].u.i;
        return 0;
    }
    *out = r->len;
    return 0;
}

int pe_range_iter_new(pe_state *S, int64_t start, int64_t step, int64_t len, pe_val *out) {
    pe_rangeiter *it = (pe_rangeiter *)pe_obj_new(S, &pe_type_range_iterator, sizeof(pe_rangeiter));
    if (!it) return -1;
    it->cur = start;
    it->step = step;
    it->left = len;
    *out = pe_obj_val(&it->ob);
    return 0;
}

static int range_iter(pe_state *S, pe_val v, pe_val *out) {
    pe_range *r = (pe_range *)v.u.o;
    if (r->big[0].tag != PE_TUNDEF) {
        pe_bigrangeiter *it =
            (pe_bigrangeiter *)pe_obj_new(S, &pe_type_longrange_iterator, sizeof(pe_bigrangeiter));
        if (!it) return -1;
        it->cur = r->big[0];
        it->step = r->big[2];
        it->left = r->big[3];
        pe_incref(it->cur);
        pe_incref(it->step);
        pe_incref(it->left);
        *out = pe_obj_val(&it->ob);
        return 0;
    }
    return pe_range_iter_new(S, r->start, r->step, r->len, out);
}

static int rangeiter_next(pe_state *S, pe_val v, pe_val *out) {
    (void)S;
    pe_rangeiter *it = (pe_rangeiter *)v.u.o;
    if (it->left <= 0) return 0;
    *out = pe_int(it->cur);
    it->left--;
    if (it->left) it->cur = (int64_t)((uint64_t)it->cur + (uint64_t)it->step);
    return 1;
}

static int bigrangeiter_next(pe_state *S, pe_val v, pe_val *out) {
    pe_bigrangeiter *it = (pe_bigrangeiter *)v.u.o;
    if (pe_int_sign(it->left) <= 0) return 0;
    pe_val ncur, nleft;
    if (pe_int_add(S, it->cur, it->step, &ncur)) return -1;
    if (pe_int_sub(S, it->left, pe_int(1), &nleft)) {
        pe_decref(S, ncur);
        return -1;
    }
    *out = it->cur;
    it->cur = ncur;
    pe_decref(S, it->left);
    it->left = nleft;
    return 1;
}

static int range_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    pe_range *r = (pe_range *)v.u.o;
    if (pe_is_slice(key)) return range_slice(S, r, key, out);
    if (pe_du_heap(key)) { /* an int subclass, a class with __index__ */
        pe_val k;
        int d = pe_dunder_index(S, key, &k);
        if (d < 0) return -1;
        if (d) {
            int rc = range_getitem(S, v, k, out);
            pe_decref(S, k);
            return rc;
        }
    }
    if (r->big[0].tag != PE_TUNDEF) {
        if (!pe_is_intlike(key) && key.tag != PE_TBOOL)
            return pe_raise(S, PE_EXC(TypeError), "range indices must be integers or slices, not %s",
                            pe_type_name(key));
        pe_val i = key.tag == PE_TBOOL ? pe_int(key.u.i) : key, idx, off;
        if (pe_int_sign(i) < 0) {
            if (pe_int_add(S, i, r->big[3], &idx)) return -1;
        } else {
            pe_incref(i);
            idx = i;
        }
        if (pe_int_sign(idx) < 0 || pe_int_cmp(idx, r->big[3]) >= 0) {
            pe_decref(S, idx);
            return pe_raise(S, PE_EXC(IndexError), "range object index out of range");
        }
        int rc = pe_int_mul(S, idx, r->big[2], &off);
        pe_decref(S, idx);
        if (rc) return -1;
        rc = pe_int_add(S, r->big[0], off, out);
        pe_decref(S, off);
        return rc;
    }
    if (key.tag != PE_TINT && key.tag != PE_TBOOL) {
        if (pe_is_bigint(key))
            return pe_raise(S, PE_EXC(IndexError), "range object index out of range");
        return pe_raise(S, PE_EXC(TypeError), "range indices must be integers or slices, not %s",
                        pe_type_name(key));
    }
    int64_t i = key.u.i;
    if (i < 0) i += r->len;
    if (i < 0 || i >= r->len) return pe_raise(S, PE_EXC(IndexError), "range object index out of range");
    *out = pe_int(r->start + i * r->step);
    return 0;
}

static int range_contains(pe_state *S, pe_val v, pe_val x) {
    pe_range *r = (pe_range *)v.u.o;
    if (r->big[0].tag != PE_TUNDEF) {
        if (!pe_is_intlike(x) && x.tag != PE_TBOOL) return 0;
        pe_val xi = x.tag == PE_TBOOL ? pe_int(x.u.i) : x, d, m;
        int sg = pe_int_sign(r->big[2]);
        int lo = pe_int_cmp(xi, r->big[0]), hi = pe_int_cmp(xi, r->big[1]);
        if (sg > 0 ? (lo < 0 || hi >= 0) : (lo > 0 || hi <= 0)) return 0;
        if (pe_int_sub(S, xi, r->big[0], &d)) return -1;
        int rc = pe_int_mod(S, d, r->big[2], &m);
        pe_decref(S, d);
        if (rc) return -1;
        int zero = pe_int_sign(m) == 0;
        pe_decref(S, m);
        return zero;
    }
    if (x.tag == PE_TINT || x.tag == PE_TBOOL) {
        int64_t i = x.u.i;
        if (r->len == 0) return 0;
        if (r->step > 0 ? (i < r->start || i >= r->stop) : (i > r->start || i <= r->stop)) return 0;
        return ((uint64_t)i - (uint64_t)r->start) % (uint64_t)(r->step > 0 ? r->step : -r->step) == 0 ? 1 : 0;
    }
    if (pe_is_bigint(x)) return 0;
    /* generic: compare with each element */
    for (int64_t k = 0; k < r->len; k++) {
        int e = pe_eq(S, pe_int(r->start + k * r->step), x);
        if (e) return e;
    }
    return 0;
}

/* range equality is by value (Objects/rangeobject.c range_equals): same
 * length, and when non-empty the same start, and when longer than one the
 * same step. */
static bool range_equals(const pe_range *x, const pe_range *y) {
    pe_val a[4], b[4];
    range_fields(x, a);
    range_fields(y, b);
    if (pe_int_cmp(a[3], b[3])) return false;
    if (pe_int_sign(a[3]) == 0) return true;
    if (pe_int_cmp(a[0], b[0])) return false;
    if (pe_int_cmp(a[3], pe_int(1)) == 0) return true;
    return pe_int_cmp(a[2], b[2]) == 0;
}

static int range_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    (void)S;
    if (!pe_is_kind(b, PE_K_RANGE) || (op != PE_EQ && op != PE_NE)) return PE_NOTIMPL;
    bool eq = range_equals((pe_range *)a.u.o, (pe_range *)b.u.o);
    *out = pe_bool(op == PE_EQ ? eq : !eq);
    return 0;
}

/* hash((len, None, None)), hash((len, start, None)) or hash((len, start,
 * step)) as in CPython, so equal ranges hash equal. */
static int range_hash(pe_state *S, pe_val v, int64_t *out) {
    pe_val f[4];
    range_fields((pe_range *)v.u.o, f);
    int n = pe_int_sign(f[3]) == 0 ? 0 : pe_int_cmp(f[3], pe_int(1)) == 0 ? 1 : 2;
    pe_val items[3] = {f[3], n >= 1 ? f[0] : pe_none(), n >= 2 ? f[2] : pe_none()}, t;
    if (pe_tuple_pack(S, 3, items, &t)) return -1;
    int rc = pe_hash(S, t, out);
    pe_decref(S, t);
    return rc;
}

static int range_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    (void)S;
    pe_range *r = (pe_range *)v.u.o;
    const char *n = ((pe_str *)name)->data;
    if (r->big[0].tag != PE_TUNDEF) {
        int k = !strcmp(n, "start") ? 0 : !strcmp(n, "stop") ? 1 : !strcmp(n, "step") ? 2 : -1;
        if (k < 0) return PE_NOTIMPL;
        *out = r->big[k];
        pe_incref(*out);
        return 0;
    }
    if (!strcmp(n, "start")) *out = pe_int(r->start);
    else if (!strcmp(n, "stop")) *out = pe_int(r->stop);
    else if (!strcmp(n, "step")) *out = pe_int(r->step);
    else return PE_NOTIMPL;
    return 0;
}

const pe_type pe_type_range = PE_TYPE("range", RANGE,
    PE_DEALLOC_CLEARED(pe_range),
    .clear = range_clear,
    .repr = range_repr,
    .len = range_len_slot,
    .iter = range_iter,
    .getitem = range_getitem,
    .contains = range_contains,
    .richcmp = range_richcmp,
    .hash = range_hash,
    .call = range_call,
    .getattr = range_getattr,
);

static const pe_type pe_type_longrange_iterator =
    PE_ITER_TYPE("longrange_iterator", pe_bigrangeiter, bigrangeiter_next, bigrangeiter_clear);
const pe_type pe_type_range_iterator =
    PE_ITER_TYPE("range_iterator", pe_rangeiter, rangeiter_next, NULL);

/* ------------------------------------------------------------------ */
/* Functions, builtins, cells                                          */
/* ------------------------------------------------------------------ */

static void func_clear(pe_state *S, pe_obj *o) {
    pe_func *f = (pe_func *)o;
    pe_val d = f->defaults, k = f->kwdefaults, c = f->closure, dict = f->dict;
    f->defaults = f->kwdefaults = f->closure = f->dict = pe_undef();
    pe_decref(S, dict);
    pe_decref(S, d);
    pe_decref(S, k);
    pe_decref(S, c);
}

static void func_dealloc(pe_state *S, pe_obj *o) {
    func_clear(S, o);
    pe_func *f = (pe_func *)o;
    if (f->code) pe_decref_obj(S, &f->code->ob);
    pe_obj_free(S, o, sizeof(pe_func));
}

static int func_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    pe_func *f = (pe_func *)v.u.o;
    return pe_sb_printf(sb, "<function %s at %p>", ((pe_str *)f->code->qualname)->data,
                        (void *)f);
}

static int func_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                     pe_val *out) {
    return pe_vm_call_function(S, (pe_func *)c.u.o, argc, argv, kw, out);
}

static int func_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    pe_func *f = (pe_func *)v.u.o;
    const char *n = ((pe_str *)name)->data;
    if (f->dict.tag != PE_TUNDEF) {
        pe_val x = pe_dict_get_str(PE_DICT(f->dict), (pe_str *)name);
        if (x.tag != PE_TUNDEF) {
            pe_incref(x);
            *out = x;
            return 0;
        }
    }
    if (!strcmp(n, "__doc__")) {
        *out = (f->code->flags & PE_CO_DOC) ? f->code->consts[0] : pe_none();
        pe_incref(*out);
        return 0;
    }
    if (!strcmp(n, "__dict__")) {
        if (f->dict.tag == PE_TUNDEF && pe_dict_new(S, &f->dict)) return -1;
        pe_incref(f->dict);
        *out = f->dict;
        return 0;
    }
    if (!strcmp(n, "__module__")) return pe_str_from_cstr(S, pe_fcode_module(f->code), out);
    if (!strcmp(n, "__defaults__") || !strcmp(n, "__kwdefaults__")) {
        pe_val d = n[2] == 'd' ? f->defaults : f->kwdefaults;
        *out = d.tag == PE_TUNDEF ? pe_none() : d;
        pe_incref(*out);
        return 0;
    }
    pe_obj *r = !strcmp(n, "__name__")       ? f->code->name
                : !strcmp(n, "__qualname__") ? f->code->qualname
                                             : NULL;
    if (!r) return PE_NOTIMPL;
    pe_incref_obj(r);
    *out = pe_obj_val(r);
    return 0;
}

/* f.attr = v / del f.attr: the function's __dict__. */
static int func_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val) {
    pe_func *f = (pe_func *)v.u.o;
    const char *n = ((pe_str *)name)->data;
    if ((!strcmp(n, "__name__") || !strcmp(n, "__qualname__")) && !pe_is_str(val))
        return pe_raise(S, PE_EXC(TypeError), "%s must be set to a string object", n);
    if (!strcmp(n, "__dict__"))
        return pe_raise(S, PE_EXC(NotImplementedError), "assigning a function's __dict__ is not supported by pyexpr");
    if (val.tag == PE_TUNDEF) {
        int r = f->dict.tag == PE_TUNDEF ? 0 : pe_dict_del(S, PE_DICT(f->dict), pe_obj_val(name));
        if (r < 0) return -1;
        if (r == 0)
            return pe_raise(S, PE_EXC(AttributeError), "'function' object has no attribute '%s'", n);
        return 0;
    }
    if (f->dict.tag == PE_TUNDEF && pe_dict_new(S, &f->dict)) return -1;
    return pe_dict_set(S, PE_DICT(f->dict), pe_obj_val(name), val);
}

const pe_type pe_type_function = PE_TYPE("function", FUNC,
    .dealloc = func_dealloc,
    .clear = func_clear,
    .repr = func_repr,
    .call = func_call,
    .getattr = func_getattr,
    .setattr = func_setattr,
);

static int cfunc_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_cfunc *f = (pe_cfunc *)v.u.o;
    if (f->self.tag == PE_TUNDEF) return pe_sb_printf(sb, "<built-in function %s>", f->name);
    if (pe_is_kind(f->self, PE_K_MODULE)) return pe_sb_printf(sb, "<built-in function %s>", f->name);
    (void)S;
    return pe_sb_printf(sb, "<built-in method %s of %s object at %p>", f->name,
                        pe_type_name(f->self), (void *)f->self.u.o);
}

/* __name__ and __qualname__ of a built-in function or method (CPython's
 * meth_get__qualname__: 'len', 'list.append'; a method descriptor's is
 * its type's name dotted with the method's). */
static int cfunc_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    const pe_cfunc *f = (const pe_cfunc *)v.u.o;
    const char *n = ((pe_str *)name)->data;
    if (!strcmp(n, "__name__")) return pe_str_from_cstr(S, f->name, out);
    if (strcmp(n, "__qualname__")) return PE_NOTIMPL;
    const char *tn = NULL;
    if (pe_typeof(v) == &pe_type_method_descriptor) tn = ((const pe_type *)f->self.u.o)->name;
    else if (f->self.tag != PE_TUNDEF && !pe_is_kind(f->self, PE_K_MODULE))
        tn = pe_is_kind(f->self, PE_K_TYPE) ? ((const pe_type *)f->self.u.o)->name : pe_type_name(f->self);
    if (!tn) return pe_str_from_cstr(S, f->name, out);
    const char *dot = strrchr(tn, '.');
    char buf[256];
    snprintf(buf, sizeof buf, "%s.%s", dot ? dot + 1 : tn, f->name);
    return pe_str_from_cstr(S, buf, out);
}

static int cfunc_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                      pe_val *out) {
    pe_cfunc *f = (pe_cfunc *)c.u.o;
    return f->fn(S, f->self, argc, argv, kw, out);
}

/* Unbound method from a type: the first argument becomes the receiver
 * (CPython's method_descriptor). self holds the defining type. */
static int mdescr_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    pe_cfunc *f = (pe_cfunc *)c.u.o;
    const pe_type *t = (const pe_type *)f->self.u.o;
    int nkw = kw ? (int)((pe_tuple *)kw)->n : 0;
    if (argc - nkw < 1)
        return pe_raise(S, PE_EXC(TypeError), "unbound method %s.%s() needs an argument", t->name,
                        f->name);
    if (t != &pe_type_object && !strcmp(f->name, "__new__")) {
        /* tuple.__new__(cls, ...): cls must be tuple or a subclass */
        if (!pe_is_kind(argv[0], PE_K_TYPE))
            return pe_raise(S, PE_EXC(TypeError), "%s.__new__(X): X is not a type object (%s)",
                            t->name, pe_type_name(argv[0]));
        const pe_type *cls = (const pe_type *)argv[0].u.o;
        if (!pe_type_is_subtype(cls, t))
            return pe_raise(S, PE_EXC(TypeError), "%s.__new__(%s): %s is not a subtype of %s",
                            t->name, cls->name, cls->name, t->name);
        return f->fn(S, argv[0], argc - 1, argv + 1, kw, out);
    }
    if (!pe_type_is_subtype(pe_typeof(argv[0]), t))
        return pe_raise(S, PE_EXC(TypeError),
                        "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", f->name,
                        t->name, pe_type_name(argv[0]));
    /* str.upper(MyStr('a')): the base value of a boxed instance */
    pe_val self = t == &pe_type_object ? argv[0] : pe_unbox(argv[0]);
    return f->fn(S, self, argc - 1, argv + 1, kw, out);
}

static int mdescr_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    pe_cfunc *f = (pe_cfunc *)v.u.o;
    return pe_sb_printf(sb, "<method '%s' of '%s' objects>", f->name,
                        ((const pe_type *)f->self.u.o)->name);
}

const pe_type pe_type_method_descriptor = PE_TYPE("method_descriptor", CFUNC,
    PE_DEALLOC_CLEARED(pe_cfunc),
    .clear = bmethod_clear,
    .repr = mdescr_repr,
    .call = mdescr_call,
    .getattr = cfunc_getattr,
);

/* Builtins and bound methods compare equal when they are the same C
 * function bound to the same object (Objects/methodobject.c
 * meth_richcompare), and hash alike: [].append is hashable, and
 * l.append == l.append. */
static bool cfunc_same(const pe_cfunc *a, const pe_cfunc *b) {
    if (a->fn != b->fn || strcmp(a->name, b->name)) return false;
    if (a->self.tag == PE_TUNDEF || b->self.tag == PE_TUNDEF) return a->self.tag == b->self.tag;
    return pe_is(a->self, b->self);
}

static int cfunc_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    (void)S;
    if (!pe_is_kind(b, PE_K_CFUNC) || pe_typeof(b) != &pe_type_builtin || (op != PE_EQ && op != PE_NE))
        return PE_NOTIMPL;
    bool eq = cfunc_same((const pe_cfunc *)a.u.o, (const pe_cfunc *)b.u.o);
    *out = pe_bool(op == PE_EQ ? eq : !eq);
    return 0;
}

int pe_identity_hash(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    int64_t h = (int64_t)pe_hash_pointer_raw(v.u.o);
    *out = h == -1 ? -2 : h;
    return 0;
}

static int cfunc_hash(pe_state *S, pe_val v, int64_t *out) {
    const pe_cfunc *f = (const pe_cfunc *)v.u.o;
    uint64_t h = 0;
    union {
        pe_cfunc_fn fn;
        void *p;
    } u = {.p = NULL};
    u.fn = f->fn;
    if (f->self.tag == PE_TOBJ) {
        h = pe_hash_pointer_raw(f->self.u.o);
    } else if (f->self.tag != PE_TUNDEF) {
        int64_t sh;
        if (pe_hash(S, f->self, &sh)) return -1;
        h = (uint64_t)sh;
    }
    h ^= pe_hash_pointer_raw(u.p);
    *out = (int64_t)h == -1 ? -2 : (int64_t)h;
    return 0;
}

const pe_type pe_type_builtin = PE_TYPE("builtin_function_or_method", CFUNC,
    PE_DEALLOC_CLEARED(pe_cfunc),
    .clear = bmethod_clear,
    .repr = cfunc_repr,
    .richcmp = cfunc_richcmp,
    .hash = cfunc_hash,
    .call = cfunc_call,
    .getattr = cfunc_getattr,
);

static void cell_clear(pe_state *S, pe_obj *o) { pe_drop(S, &((pe_cell *)o)->v); }

const pe_type pe_type_cell = PE_TYPE("cell", CELL,
    PE_DEALLOC_CLEARED(pe_cell),
    .clear = cell_clear,
);

int pe_cell_new(pe_state *S, pe_val v, pe_val *out) {
    pe_cell *c = (pe_cell *)pe_obj_new(S, &pe_type_cell, sizeof(pe_cell));
    if (!c) return -1;
    pe_incref(v);
    c->v = v;
    *out = pe_obj_val(&c->ob);
    return 0;
}
