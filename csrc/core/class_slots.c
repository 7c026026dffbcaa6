/*
 * class_slots.c - the special methods of user classes, dispatched wherever
 * the built-in types use their slots.
 *
 *  - pe_class_install_slots (the hook class.c calls after creating a class
 *    and after every class attribute set/del): for each tp slot, either the
 *    dispatcher below (when the class's MRO defines the dunder: cls->special)
 *    or the solid base's own slot (so a list subclass without __getitem__
 *    indexes like a list).
 *  - The operators with two operands (binary, in-place, comparison) are not
 *    slots of one type: object.c calls pe_dunder_binop / pe_dunder_richcmp
 *    when either operand is a heap instance, which follow CPython's
 *    binary_op1 / binary_iop1 / do_richcompare (Objects/abstract.c,
 *    Objects/object.c, Objects/typeobject.c SLOT1BINFULL): the right
 *    operand's reflected method first when its type is a proper subclass
 *    that overrides it, NotImplemented declines, the default __ne__ inverts
 *    __eq__.
 *  - Messages are CPython 3.11's (Objects/typeobject.c slot_tp_*,
 *    Objects/abstract.c, Objects/object.c).
 *
 * Python code is reached only through pe_du_call -> pe_call_with_self ->
 * the VM, whose frame limit bounds the recursion of a __repr__ calling
 * repr(self) (no C recursion without a Python frame in between).
 */
#include "pe_dunder.h"
#include <math.h>

/* ------------------------------------------------------------------ */
/* NotImplemented                                                      */
/* ------------------------------------------------------------------ */

static int notimpl_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    (void)v;
    return pe_sb_puts(sb, "NotImplemented");
}

static int notimpl_truth(pe_state *S, pe_val v) {
    (void)S;
    (void)v;
    /* 3.11: DeprecationWarning (not shown outside -W), still true */
    return 1;
}

const pe_type pe_type_notimplemented = PE_TYPE("NotImplementedType", OTHER,
    .repr = notimpl_repr,
    .truth = notimpl_truth,
    .hash = pe_identity_hash,
);

const pe_obj pe_notimplemented_obj = PE_STATIC_HEAD(&pe_type_notimplemented);

/* ------------------------------------------------------------------ */
/* Calling a special method                                            */
/* ------------------------------------------------------------------ */

int pe_du_call(pe_state *S, pe_val v, enum pe_dunder d, int argc, const pe_val *argv,
               pe_val *out) {
    pe_val f = pe_type_special(pe_typeof(v), d);
    if (f.tag == PE_TUNDEF) return pe_is_boxed(v) ? pe_boxed_unary(S, v, d, argc, out) : 0;
    if (S->max_depth && S->nframes >= S->max_depth)
        return pe_raise(S, PE_EXC(RecursionError),
                        "maximum recursion depth exceeded while calling a Python object");
    /* a special method that is a built-in (`__repr__ = repr`) recurses in C
     * without Python frames: the native depth guard bounds it */
    if (pe_recursion_enter(S, " while calling a Python object")) return -1;
    /* the call may rebind the class attribute: keep f alive across it */
    pe_incref(f);
    int r = pe_call_with_self(S, f, v, argc, argv, NULL, out);
    pe_decref(S, f);
    pe_recursion_leave(S);
    return r ? -1 : 1;
}

static const pe_type *solid_of(const pe_type *t) {
    return pe_is_heaptype(t) ? pe_class_slot_base((const pe_class *)t) : t;
}

static bool defined(const pe_type *t, enum pe_dunder d) {
    return pe_type_special(t, d).tag != PE_TUNDEF;
}

static bool is_none(pe_val v) { return v.tag == PE_TNONE; }

/* self.d(other) of a heap type: 0 = *out, PE_NOTIMPL (undefined or
 * NotImplemented returned), -1 error. */
static int call_binary(pe_state *S, pe_val self, enum pe_dunder d, pe_val other, pe_val *out) {
    int r = pe_du_call(S, self, d, 1, &other, out);
    if (r < 0) return -1;
    if (r == 0) return PE_NOTIMPL;
    if (pe_is_notimplemented(*out)) {
        pe_decref(S, *out);
        return PE_NOTIMPL;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* repr, str, format                                                   */
/* ------------------------------------------------------------------ */

static int put_str_result(pe_state *S, pe_val r, const char *what, pe_sb *sb) {
    if (!pe_is_str(r)) {
        pe_raise(S, PE_EXC(TypeError), "%s returned non-string (type %s)", what, pe_type_name(r));
        pe_decref(S, r);
        return -1;
    }
    int rc = pe_sb_putn(sb, PE_STR(r)->data, PE_STR(r)->len);
    pe_decref(S, r);
    return rc;
}

static int slot_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_val r;
    int rc = pe_du_call(S, v, PE_DU_repr, 0, NULL, &r);
    if (rc < 0) return -1;
    if (rc == 0) return pe_sb_printf(sb, "<%s object at %p>", pe_type_name(v), (void *)v.u.o);
    return put_str_result(S, r, "__repr__", sb);
}

static int slot_str(pe_state *S, pe_val v, pe_sb *sb) {
    pe_val r;
    int rc = pe_du_call(S, v, PE_DU_str, 0, NULL, &r);
    if (rc < 0) return -1;
    if (rc == 0) return pe_repr(S, v, sb);
    return put_str_result(S, r, "__str__", sb);
}

int pe_dunder_format(pe_state *S, pe_val v, const char *spec, size_t speclen, pe_sb *sb) {
    const pe_type *t = pe_typeof(v);
    if (defined(t, PE_DU_format)) {
        pe_val s, r;
        if (pe_str_new(S, spec, speclen, &s)) return -1;
        int rc = pe_du_call(S, v, PE_DU_format, 1, &s, &r);
        pe_decref(S, s);
        if (rc < 0) return -1;
        if (!pe_is_str(r)) {
            pe_raise(S, PE_EXC(TypeError), "__format__ must return a str, not %s", pe_type_name(r));
            pe_decref(S, r);
            return -1;
        }
        rc = pe_sb_putn(sb, PE_STR(r)->data, PE_STR(r)->len);
        pe_decref(S, r);
        return rc;
    }
    /* object.__format__: only the empty spec, which is str(self) */
    if (speclen == 0) return pe_tostr(S, v, sb);
    if (pe_is_boxed(v)) return pe_format(S, pe_unbox(v), spec, speclen, sb);
    if (solid_of(t) == &pe_type_object || solid_of(t)->kind == PE_K_EXC ||
        solid_of(t)->kind == PE_K_LIST || solid_of(t)->kind == PE_K_DICT ||
        solid_of(t)->kind == PE_K_SET || solid_of(t)->kind == PE_K_FROZENSET)
        return pe_raise(S, PE_EXC(TypeError), "unsupported format string passed to %s.__format__",
                        t->name);
    return pe_raise(S, PE_EXC(TypeError), "unsupported format string passed to %s.__format__",
                    solid_of(t)->name);
}

/* ------------------------------------------------------------------ */
/* hash, truth, len                                                    */
/* ------------------------------------------------------------------ */

static int slot_unhashable(pe_state *S, pe_val v, int64_t *out) {
    (void)out;
    return pe_raise(S, PE_EXC(TypeError), "unhashable type: '%s'", pe_type_name(v));
}

static int slot_hash(pe_state *S, pe_val v, int64_t *out) {
    pe_val r;
    int rc = pe_du_call(S, v, PE_DU_hash, 0, NULL, &r);
    if (rc < 0) return -1;
    if (rc == 0) return pe_identity_hash(S, v, out);
    if (r.tag == PE_TBOOL) r.tag = PE_TINT;
    if (!pe_is_intlike(r)) {
        pe_decref(S, r);
        return pe_raise(S, PE_EXC(TypeError), "__hash__ method should return an integer");
    }
    /* CPython: the value if it fits a Py_ssize_t (-1 -> -2), else the
     * int's own hash; both are hash(int) for every value that fits */
    if (r.tag == PE_TINT) *out = r.u.i == -1 ? -2 : r.u.i;
    else *out = pe_int_hash(r);
    pe_decref(S, r);
    return 0;
}

/* An int result of __len__/__index__-like protocol as a non-negative
 * Py_ssize_t; what names the method for the negative-value message. */
static int len_result(pe_state *S, pe_val r, int64_t *out) {
    if (r.tag == PE_TBOOL || r.tag == PE_TINT) {
        *out = r.u.i;
    } else if (pe_is_bigint(r)) {
        pe_decref(S, r);
        return pe_raise(S, PE_EXC(OverflowError), "cannot fit 'int' into an index-sized integer");
    } else {
        pe_val i;
        int rc = pe_dunder_index(S, r, &i);
        if (rc <= 0) {
            if (rc == 0)
                pe_raise_not_index(S, r);
            pe_decref(S, r);
            return -1;
        }
        pe_decref(S, r);
        return len_result(S, i, out);
    }
    if (*out < 0) return pe_raise(S, PE_EXC(ValueError), "__len__() should return >= 0");
    return 0;
}

static int slot_len(pe_state *S, pe_val v, int64_t *out) {
    pe_val r;
    int rc = pe_du_call(S, v, PE_DU_len, 0, NULL, &r);
    if (rc < 0) return -1;
    if (rc == 0)
        return pe_raise(S, PE_EXC(TypeError), "object of type '%s' has no len()", pe_type_name(v));
    return len_result(S, r, out);
}

static int slot_truth(pe_state *S, pe_val v) {
    pe_val r;
    int rc = pe_du_call(S, v, PE_DU_bool, 0, NULL, &r);
    if (rc < 0) return -1;
    if (rc == 1) {
        if (r.tag != PE_TBOOL) {
            pe_raise(S, PE_EXC(TypeError), "__bool__ should return bool, returned %s",
                     pe_type_name(r));
            pe_decref(S, r);
            return -1;
        }
        return (int)r.u.i;
    }
    const pe_type *t = pe_typeof(v);
    if (defined(t, PE_DU_len)) {
        int64_t n;
        if (slot_len(S, v, &n)) return -1;
        return n != 0;
    }
    const pe_type *s = solid_of(t);
    if (s->truth) return s->truth(S, v);
    if (s->len) {
        int64_t n;
        if (s->len(S, v, &n)) return -1;
        return n != 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Iteration                                                           */
/* ------------------------------------------------------------------ */

/* The iterator of an object with __getitem__ and no __iter__ (CPython's
 * iterator type): seq[0], seq[1], ... until IndexError or StopIteration. */
typedef struct pe_seqiter {
    pe_obj ob;
    pe_val seq; /* UNDEF once exhausted */
    int64_t i;
} pe_seqiter;

static void seqiter_clear(pe_state *S, pe_obj *o) {
    pe_seqiter *it = (pe_seqiter *)o;
    pe_val s = it->seq;
    it->seq = pe_undef();
    pe_decref(S, s);
}

static void seqiter_dealloc(pe_state *S, pe_obj *o) {
    seqiter_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_seqiter));
}

static int seqiter_iter(pe_state *S, pe_val v, pe_val *out) {
    (void)S;
    pe_incref(v);
    *out = v;
    return 0;
}

static int seqiter_next(pe_state *S, pe_val v, pe_val *out) {
    pe_seqiter *it = (pe_seqiter *)v.u.o;
    if (it->seq.tag == PE_TUNDEF) return 0;
    if (pe_getitem(S, it->seq, pe_int(it->i), out)) {
        if (pe_exc_matches(S, PE_EXC(IndexError)) || pe_exc_matches(S, PE_EXC(StopIteration))) {
            pe_exc_clear(S);
            seqiter_clear(S, &it->ob);
            return 0;
        }
        return -1;
    }
    it->i++;
    return 1;
}

static const pe_type pe_type_seqiter = PE_TYPE("iterator", ITER,
    .dealloc = seqiter_dealloc,
    .clear = seqiter_clear,
    .iter = seqiter_iter,
    .next = seqiter_next,
);

static int seqiter_new(pe_state *S, pe_val seq, pe_val *out) {
    pe_seqiter *it = (pe_seqiter *)pe_obj_new(S, &pe_type_seqiter, sizeof(pe_seqiter));
    if (!it) return -1;
    pe_incref(seq);
    it->seq = seq;
    it->i = 0;
    *out = pe_obj_val(&it->ob);
    return 0;
}

static int slot_iter(pe_state *S, pe_val v, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    pe_val f = pe_type_special(t, PE_DU_iter);
    if (f.tag == PE_TUNDEF) {
        if (defined(t, PE_DU_getitem)) return seqiter_new(S, v, out);
        return pe_raise(S, PE_EXC(TypeError), "'%s' object is not iterable", t->name);
    }
    if (is_none(f)) return pe_raise(S, PE_EXC(TypeError), "'%s' object is not iterable", t->name);
    if (pe_du_call(S, v, PE_DU_iter, 0, NULL, out) < 0) return -1;
    if (!pe_typeof(*out)->next) {
        pe_raise(S, PE_EXC(TypeError), "iter() returned non-iterator of type '%s'",
                 pe_type_name(*out));
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

static int slot_next(pe_state *S, pe_val v, pe_val *out) {
    int rc = pe_du_call(S, v, PE_DU_next, 0, NULL, out);
    if (rc < 0) {
        if (pe_exc_matches(S, PE_EXC(StopIteration))) {
            pe_exc_clear(S);
            return 0;
        }
        return -1;
    }
    if (rc == 0)
        return pe_raise(S, PE_EXC(TypeError), "'%s' object is not an iterator", pe_type_name(v));
    return 1;
}

int pe_dunder_reversed(pe_state *S, pe_val v, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    pe_val f = pe_type_special(t, PE_DU_reversed);
    if (f.tag == PE_TUNDEF) return 0;
    if (is_none(f)) return pe_raise(S, PE_EXC(TypeError), "'%s' object is not reversible", t->name);
    return pe_du_call(S, v, PE_DU_reversed, 0, NULL, out) < 0 ? -1 : 1;
}

/* ------------------------------------------------------------------ */
/* Items                                                               */
/* ------------------------------------------------------------------ */

static int slot_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    int rc = pe_du_call(S, v, PE_DU_getitem, 1, &key, out);
    if (rc < 0) return -1;
    if (rc == 0)
        return pe_raise(S, PE_EXC(TypeError), "'%s' object is not subscriptable", pe_type_name(v));
    return 0;
}

/* dict subclass with __missing__ and no __getitem__ (dict_subscript). */
static int slot_dict_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    int r = pe_dict_get(S, PE_DICT(v), key, out);
    if (r < 0) return -1;
    if (r == 1) {
        pe_incref(*out);
        return 0;
    }
    r = pe_du_call(S, v, PE_DU_missing, 1, &key, out);
    if (r < 0) return -1;
    if (r == 0) return pe_raise_with_arg(S, PE_EXC(KeyError), key);
    return 0;
}

static int slot_setitem(pe_state *S, pe_val v, pe_val key, pe_val val) {
    const pe_type *s = solid_of(pe_typeof(v));
    pe_val r;
    int rc;
    if (val.tag == PE_TUNDEF) {
        rc = pe_du_call(S, v, PE_DU_delitem, 1, &key, &r);
        if (rc == 0) {
            if (s->setitem) return s->setitem(S, v, key, val);
            return pe_raise(S, PE_EXC(TypeError), "'%s' object doesn't support item deletion",
                            pe_type_name(v));
        }
    } else {
        pe_val args[2] = {key, val};
        rc = pe_du_call(S, v, PE_DU_setitem, 2, args, &r);
        if (rc == 0) {
            if (s->setitem) return s->setitem(S, v, key, val);
            return pe_raise(S, PE_EXC(TypeError), "'%s' object does not support item assignment",
                            pe_type_name(v));
        }
    }
    if (rc < 0) return -1;
    pe_decref(S, r);
    return 0;
}

static int slot_contains(pe_state *S, pe_val v, pe_val x) {
    pe_val r;
    int rc = pe_du_call(S, v, PE_DU_contains, 1, &x, &r);
    if (rc < 0) return -1;
    if (rc == 0) {
        const pe_type *s = solid_of(pe_typeof(v));
        if (s->contains) return s->contains(S, v, x);
        return pe_raise(S, PE_EXC(TypeError), "argument of type '%s' is not iterable",
                        pe_type_name(v));
    }
    int t = pe_truth(S, r);
    pe_decref(S, r);
    return t;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

/* int.__index__ / int.__int__ / float.__int__ of a boxed instance whose
 * class does not override them: the base value (an exact int). */
static int boxed_int(pe_state *S, pe_val v, bool index, pe_val *out) {
    pe_val u = pe_unbox(v);
    if (pe_is_intlike(u)) {
        pe_incref(u);
        *out = u;
        return 1;
    }
    if (!index && u.tag == PE_TFLOAT) return pe_int_from_double(S, trunc(u.u.f), out) ? -1 : 1;
    return 0;
}

/* The result *out of __index__ / __int__ (a new reference): an int (a bool
 * made a plain int), 1; otherwise released, TypeError, -1. */
static int int_result(pe_state *S, const char *dunder, pe_val *out) {
    if (out->tag == PE_TBOOL) out->tag = PE_TINT;
    if (pe_is_intlike(*out)) return 1;
    pe_raise(S, PE_EXC(TypeError), "%s returned non-int (type %s)", dunder, pe_type_name(*out));
    pe_decref(S, *out);
    return -1;
}

int pe_dunder_index(pe_state *S, pe_val v, pe_val *out) {
    if (!pe_du_heap(v)) return 0;
    int rc = pe_du_call(S, v, PE_DU_index, 0, NULL, out);
    if (rc == 0 && pe_is_boxed(v)) return boxed_int(S, v, true, out);
    return rc <= 0 ? rc : int_result(S, "__index__", out);
}

int pe_dunder_int(pe_state *S, pe_val v, pe_val *out) {
    if (!pe_du_heap(v)) return 0;
    int rc = pe_du_call(S, v, PE_DU_int, 0, NULL, out);
    if (rc == 0 && pe_is_boxed(v) && pe_type_special(pe_typeof(v), PE_DU_index).tag == PE_TUNDEF)
        return boxed_int(S, v, false, out);
    if (rc == 0) return pe_dunder_index(S, v, out);
    return rc < 0 ? -1 : int_result(S, "__int__", out);
}

int pe_dunder_float(pe_state *S, pe_val v, double *out) {
    if (!pe_du_heap(v)) return 0;
    pe_val r;
    int rc = pe_du_call(S, v, PE_DU_float, 0, NULL, &r);
    if (rc < 0) return -1;
    if (rc == 0 && pe_unbox(v).tag == PE_TFLOAT) { /* float.__float__ */
        *out = pe_unbox(v).u.f;
        return 1;
    }
    if (rc == 1) {
        if (r.tag != PE_TFLOAT) {
            pe_raise(S, PE_EXC(TypeError), "%s.__float__ returned non-float (type %s)",
                     pe_type_name(v), pe_type_name(r));
            pe_decref(S, r);
            return -1;
        }
        *out = r.u.f;
        return 1;
    }
    rc = pe_dunder_index(S, v, &r);
    if (rc <= 0) return rc;
    if (r.tag == PE_TINT) {
        *out = (double)r.u.i;
        return 1;
    }
    rc = pe_int_to_double(S, r, out);
    pe_decref(S, r);
    return rc ? -1 : 1;
}

static const uint8_t du_binop[PE_BO__COUNT] = {
    PE_DU_add, PE_DU_sub, PE_DU_mul, PE_DU_truediv, PE_DU_floordiv, PE_DU_mod, PE_DU_pow,
    PE_DU_lshift, PE_DU_rshift, PE_DU_and, PE_DU_or, PE_DU_xor, PE_DU_matmul,
};
static const uint8_t du_rbinop[PE_BO__COUNT] = {
    PE_DU_radd, PE_DU_rsub, PE_DU_rmul, PE_DU_rtruediv, PE_DU_rfloordiv, PE_DU_rmod, PE_DU_rpow,
    PE_DU_rlshift, PE_DU_rrshift, PE_DU_rand, PE_DU_ror, PE_DU_rxor, PE_DU_rmatmul,
};
static const uint8_t du_ibinop[PE_BO__COUNT] = {
    PE_DU_iadd, PE_DU_isub, PE_DU_imul, PE_DU_itruediv, PE_DU_ifloordiv, PE_DU_imod, PE_DU_ipow,
    PE_DU_ilshift, PE_DU_irshift, PE_DU_iand, PE_DU_ior, PE_DU_ixor, PE_DU_imatmul,
};

/* The built-in part of a OP b: numbers, then the solid bases' binop slots
 * (sequence concatenation and repetition, set and dict operators). */
int pe_dunder_builtin_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    /* boxed operands (int/str/tuple subclasses) take part as their values,
     * except the right operand of printf-style formatting unless it is a
     * tuple: "%s" % x formats x itself (its __str__/__repr__) */
    pe_val x = pe_unbox(a), y = pe_unbox(b);
    if (op == PE_BO_MOD && (pe_is_str(x) || pe_is_bytes(x)) && !pe_is_tuple(y)) y = b;
    int r = pe_number_binop(S, op, x, y, out);
    if (r != PE_NOTIMPL) return r;
    const pe_type *sa = solid_of(pe_typeof(x)), *sb = solid_of(pe_typeof(y));
    if (sa->binop) {
        r = sa->binop(S, op, x, y, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (sb != sa && sb->binop) return sb->binop(S, op, x, y, out);
    return PE_NOTIMPL;
}

/* binary_op1 with the heap types' SLOT1BINFULL folded in: dop/rdop are
 * the forward and reflected dunders. 0, PE_NOTIMPL or -1. The built-in
 * part runs last so that `[1] * r` reaches r.__rmul__ as in CPython,
 * where sequence repetition comes after every number slot. */
static int binop1(pe_state *S, int op, enum pe_dunder dop, enum pe_dunder rdop, pe_val a,
                  pe_val b, pe_val *out) {
    const pe_type *ta = pe_typeof(a), *tb = pe_typeof(b);
    bool right = ta != tb && defined(tb, rdop), tried_right = false;
    int r;
    /* str % x is str's number slot (it formats or raises), tried before
     * x.__rmod__ unless x's type is a str subclass */
    if (op == PE_BO_MOD && ta == &pe_type_str && !pe_type_is_subtype(tb, ta))
        return pe_dunder_builtin_binop(S, op, a, b, out);
    if (right && pe_type_is_subtype(tb, ta) &&
        !pe_is(pe_type_special(tb, rdop), pe_type_special(ta, rdop))) {
        r = call_binary(S, b, rdop, a, out);
        if (r != PE_NOTIMPL) return r;
        tried_right = true;
    }
    if (defined(ta, dop)) {
        r = call_binary(S, a, dop, b, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (right && !tried_right) {
        r = call_binary(S, b, rdop, a, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (op < 0) return PE_NOTIMPL; /* divmod: no built-in part here */
    return pe_dunder_builtin_binop(S, op, a, b, out);
}

/* CPython's TypeError for an operator no operand supports. */
static int binop_unsupported(pe_state *S, int op, pe_val a, pe_val b, bool inplace) {
    if (op == PE_BO_POW && !inplace)
        return pe_raise(S, PE_EXC(TypeError),
                        "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                        pe_type_name(a), pe_type_name(b));
    return pe_raise(S, PE_EXC(TypeError), "unsupported operand type(s) for %s%s: '%s' and '%s'",
                    pe_binop_symbols[op], inplace ? "=" : "", pe_type_name(a), pe_type_name(b));
}

int pe_dunder_binop(pe_state *S, int op, pe_val a, pe_val b, bool inplace, pe_val *out) {
    int r;
    if (inplace && defined(pe_typeof(a), (enum pe_dunder)du_ibinop[op])) {
        r = call_binary(S, a, (enum pe_dunder)du_ibinop[op], b, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (inplace && a.tag == PE_TOBJ) {
        int k = pe_typeof(a)->kind;
        if (k == PE_K_LIST || k == PE_K_SET || k == PE_K_DICT) {
            /* list += iterable extends in place unless a number slot or a
             * reflected method of the right operand takes it first */
            const pe_type *tb = pe_typeof(b);
            if (!defined(pe_typeof(a), (enum pe_dunder)du_binop[op]) &&
                !defined(tb, (enum pe_dunder)du_rbinop[op])) {
                r = pe_container_inplace(S, op, a, b, out);
                if (r != PE_NOTIMPL) return r;
            }
        }
    }
    if (inplace && op == PE_BO_MUL && pe_is_heaptype(pe_typeof(a)) &&
        pe_typeof(a)->kind == PE_K_INSTANCE) {
        /* CPython's x *= seq consults only x's own sequence slots when x's
         * type has them, and a class always has them (empty): seq's
         * repetition is not tried, unlike x * seq */
        r = binop1(S, -1, (enum pe_dunder)du_binop[op], (enum pe_dunder)du_rbinop[op], a, b, out);
    } else {
        r = binop1(S, op, (enum pe_dunder)du_binop[op], (enum pe_dunder)du_rbinop[op], a, b, out);
    }
    if (r != PE_NOTIMPL) return r;
    return binop_unsupported(S, op, a, b, inplace);
}

pe_val pe_dunder_binop_left_only(pe_val a, pe_val b, int op) {
    const pe_type *ta = pe_typeof(a), *tb = pe_typeof(b);
    if (ta->kind != PE_K_INSTANCE || (ta != tb && defined(tb, (enum pe_dunder)du_rbinop[op])))
        return pe_undef();
    return pe_type_special(ta, (enum pe_dunder)du_binop[op]);
}

int pe_dunder_binop_after_left(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    int r = pe_dunder_builtin_binop(S, op, a, b, out);
    if (r != PE_NOTIMPL) return r;
    return binop_unsupported(S, op, a, b, false);
}

int pe_dunder_divmod(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    return binop1(S, -1, PE_DU_divmod, PE_DU_rdivmod, a, b, out);
}

int pe_dunder_pow3(pe_state *S, pe_val a, pe_val b, pe_val mod, pe_val *out) {
    /* three-argument pow never uses __rpow__ (slot_nb_power) */
    if (!defined(pe_typeof(a), PE_DU_pow)) return PE_NOTIMPL;
    pe_val args[2] = {b, mod};
    int r = pe_du_call(S, a, PE_DU_pow, 2, args, out);
    if (r < 0) return -1;
    if (pe_is_notimplemented(*out)) {
        pe_decref(S, *out);
        return PE_NOTIMPL;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Rich comparison                                                     */
/* ------------------------------------------------------------------ */

static const uint8_t du_cmp[6] = {PE_DU_lt, PE_DU_le, PE_DU_eq, PE_DU_ne, PE_DU_gt, PE_DU_ge};
static const int swapped_cmp[6] = {PE_GT, PE_GE, PE_EQ, PE_NE, PE_LT, PE_LE};
static const char *const cmp_sym[6] = {"<", "<=", "==", "!=", ">", ">="};

/* x's type's tp_richcompare(x, y, op): 0, PE_NOTIMPL or -1. */
static int cmp_side(pe_state *S, pe_val x, pe_val y, int op, pe_val *out) {
    const pe_type *t = pe_typeof(x);
    if (!pe_is_heaptype(t)) return t->richcmp ? t->richcmp(S, x, y, op, out) : PE_NOTIMPL;
    enum pe_dunder d = (enum pe_dunder)du_cmp[op];
    if (defined(t, d)) return call_binary(S, x, d, y, out);
    if (op == PE_NE && defined(t, PE_DU_eq)) {
        /* object.__ne__: the inverse of __eq__ unless NotImplemented */
        pe_val r;
        int rc = call_binary(S, x, PE_DU_eq, y, &r);
        if (rc) return rc;
        int tr = pe_truth(S, r);
        pe_decref(S, r);
        if (tr < 0) return -1;
        *out = pe_bool(!tr);
        return 0;
    }
    const pe_type *s = solid_of(t);
    return s->richcmp ? s->richcmp(S, x, y, op, out) : PE_NOTIMPL;
}

int pe_dunder_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    const pe_type *ta = pe_typeof(a), *tb = pe_typeof(b);
    bool checked_reverse = false;
    int r;
    if (ta != tb && pe_type_is_subtype(tb, ta)) {
        checked_reverse = true;
        r = cmp_side(S, b, a, swapped_cmp[op], out);
        if (r != PE_NOTIMPL) return r;
    }
    r = cmp_side(S, a, b, op, out);
    if (r != PE_NOTIMPL) return r;
    if (!checked_reverse) {
        r = cmp_side(S, b, a, swapped_cmp[op], out);
        if (r != PE_NOTIMPL) return r;
    }
    if (op == PE_EQ || op == PE_NE) {
        bool same = pe_is(a, b);
        *out = pe_bool(op == PE_EQ ? same : !same);
        return 0;
    }
    return pe_raise(S, PE_EXC(TypeError), "'%s' not supported between instances of '%s' and '%s'",
                    cmp_sym[op], ta->name, tb->name);
}

/* ------------------------------------------------------------------ */
/* Installing the slots                                                */
/* ------------------------------------------------------------------ */

int pe_class_install_slots(pe_state *S, pe_class *cls) {
    (void)S;
    pe_type *t = &cls->tp;
    const pe_type *s = pe_class_slot_base(cls);
    const pe_type *h = t;
    pe_class_base_setup(cls);
    t->repr = defined(h, PE_DU_repr) ? slot_repr : s->repr;
    t->str = defined(h, PE_DU_str) ? slot_str : s->str;
    pe_val hv = pe_type_special(h, PE_DU_hash);
    if (is_none(hv) || (hv.tag == PE_TUNDEF && (cls->flags & PE_CLS_EQ_NO_HASH)))
        t->hash = slot_unhashable;
    else if (hv.tag != PE_TUNDEF)
        t->hash = slot_hash;
    else
        t->hash = s->hash ? s->hash : (s == &pe_type_object ? pe_identity_hash : NULL);
    t->truth = defined(h, PE_DU_bool) || defined(h, PE_DU_len) ? slot_truth : s->truth;
    t->len = defined(h, PE_DU_len) ? slot_len : s->len;
    if (defined(h, PE_DU_iter)) t->iter = slot_iter;
    else if (s->iter) t->iter = s->iter;
    else t->iter = defined(h, PE_DU_getitem) ? slot_iter : NULL;
    t->next = defined(h, PE_DU_next) ? slot_next : s->next;
    if (defined(h, PE_DU_getitem)) t->getitem = slot_getitem;
    else if (s->kind == PE_K_DICT && defined(h, PE_DU_missing)) t->getitem = slot_dict_getitem;
    else t->getitem = s->getitem;
    t->setitem = defined(h, PE_DU_setitem) || defined(h, PE_DU_delitem) ? slot_setitem : s->setitem;
    t->contains = defined(h, PE_DU_contains) ? slot_contains : s->contains;
    return 0;
}
