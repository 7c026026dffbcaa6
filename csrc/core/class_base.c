/*
 * class_base.c - user classes whose solid base is a built-in type with its
 * own instance layout: the exception tree, list, dict. An instance is the
 * base's struct followed by the class's __dict__ and __slots__ values
 * (pe_class.h: dictoffset, slotoffset, basicsize); this file builds and
 * tears down the base's part (CPython's tp_new / tp_init / tp_dealloc of
 * the base, reached through object construction and super().__init__).
 *
 * Bases with immediate or variable-size instances (int, float, str, tuple,
 * bytes) are "boxed" (pe_class.h pe_boxed): the instance holds an exact
 * base value, built by the base type's constructor; the class's fallback
 * slots are those of a proxy type that applies the generic operation to
 * that value (boxed_proxy below). frozenset extends pe_set as set does.
 */
#include "pe_dunder.h"
#include "cont_internal.h"
#include <math.h>

bool pe_class_base_boxed(const pe_type *solid) {
    return solid == &pe_type_int || solid == &pe_type_float || solid == &pe_type_str ||
           solid == &pe_type_tuple || solid == &pe_type_bytes;
}

size_t pe_class_base_size(const pe_type *solid) {
    if (pe_class_base_boxed(solid)) return sizeof(pe_boxed);
    switch (solid->kind) {
    case PE_K_EXC: return sizeof(pe_exc);
    case PE_K_LIST: return solid == &pe_type_list ? sizeof(pe_list) : 0;
    case PE_K_DICT: return solid == &pe_type_dict ? sizeof(pe_dict) : 0;
    case PE_K_SET: return solid == &pe_type_set ? sizeof(pe_set) : 0;
    case PE_K_FROZENSET: return solid == &pe_type_frozenset ? sizeof(pe_set) : 0;
    default: return 0;
    }
}

static void exc_base_fini(pe_state *S, pe_obj *o);

static void boxed_fini(pe_state *S, pe_obj *o) {
    pe_boxed *b = (pe_boxed *)o;
    pe_val v = b->value;
    b->value = pe_undef();
    pe_decref(S, v);
}

static void (*base_fini_of(const pe_type *solid))(pe_state *, pe_obj *) {
    if (pe_class_base_boxed(solid)) return boxed_fini;
    return solid->kind == PE_K_EXC ? exc_base_fini : solid->clear;
}

int pe_class_base_layout(const pe_type *solid, size_t *size,
                         void (**fini)(pe_state *, pe_obj *)) {
    size_t n = pe_class_base_size(solid);
    if (!n) return 0;
    *size = n;
    *fini = base_fini_of(solid);
    return 1;
}

/* ---- the proxy slots of boxed classes: the generic operation on the
 * base value (errors name the base type, as CPython's base slots do) ---- */

static int bx_repr(pe_state *S, pe_val v, pe_sb *sb) { return pe_repr(S, pe_unbox(v), sb); }
static int bx_str(pe_state *S, pe_val v, pe_sb *sb) { return pe_tostr(S, pe_unbox(v), sb); }
static int bx_hash(pe_state *S, pe_val v, int64_t *out) { return pe_hash(S, pe_unbox(v), out); }
static int bx_truth(pe_state *S, pe_val v) { return pe_truth(S, pe_unbox(v)); }
static int bx_len(pe_state *S, pe_val v, int64_t *out) { return pe_len(S, pe_unbox(v), out); }
static int bx_iter(pe_state *S, pe_val v, pe_val *out) { return pe_iter(S, pe_unbox(v), out); }
static int bx_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    return pe_getitem(S, pe_unbox(v), key, out);
}
static int bx_contains(pe_state *S, pe_val v, pe_val x) { return pe_contains(S, pe_unbox(v), x); }

static bool bx_number(pe_val v) {
    return v.tag == PE_TINT || v.tag == PE_TFLOAT || v.tag == PE_TBOOL || pe_is_bigint(v);
}

/* The base types' comparison of the two base values; declines when the
 * other operand is a user object (its own methods come next). */
static int bx_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    pe_val x = pe_unbox(a), y = pe_unbox(b);
    if (pe_du_heap(x) || pe_du_heap(y)) return PE_NOTIMPL;
    if (bx_number(x) && bx_number(y)) return pe_richcmp(S, x, y, op, out);
    const pe_type *tx = pe_typeof(x);
    return tx->richcmp ? tx->richcmp(S, x, y, op, out) : PE_NOTIMPL;
}

static int bx_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    pe_val x = pe_unbox(a), y = pe_unbox(b);
    if (pe_du_heap(x) || pe_du_heap(y)) return PE_NOTIMPL;
    int r = pe_number_binop(S, op, x, y, out);
    if (r != PE_NOTIMPL) return r;
    const pe_type *tx = pe_typeof(x), *ty = pe_typeof(y);
    if (tx->binop) {
        r = tx->binop(S, op, x, y, out);
        if (r != PE_NOTIMPL) return r;
    }
    if (ty != tx && ty->binop) return ty->binop(S, op, x, y, out);
    return PE_NOTIMPL;
}

/* int and float have no str slot (str() is repr(), an overridden __repr__
 * included); str and bytes have theirs; tuple's str is repr. */
#define BOXED_PROXY(var, base, k, strfn, seq)                                                static const pe_type var = {                                                                 .ob = PE_STATIC_HEAD(&pe_type_type), .name = base, .kind = k, .repr = bx_repr,           .str = strfn, .hash = bx_hash, .richcmp = bx_richcmp, .binop = bx_binop,                 .truth = bx_truth, .len = seq ? bx_len : NULL, .iter = seq ? bx_iter : NULL,             .getitem = seq ? bx_getitem : NULL, .contains = seq ? bx_contains : NULL,            }
BOXED_PROXY(proxy_int, "int", PE_K_INT, NULL, 0);
BOXED_PROXY(proxy_float, "float", PE_K_FLOAT, NULL, 0);
BOXED_PROXY(proxy_str, "str", PE_K_STR, bx_str, 1);
BOXED_PROXY(proxy_tuple, "tuple", PE_K_TUPLE, NULL, 1);
BOXED_PROXY(proxy_bytes, "bytes", PE_K_BYTES, bx_str, 1);

const pe_type *pe_class_slot_base(const pe_class *cls) {
    if (!(cls->flags & PE_CLS_BOXED)) return cls->solid;
    const pe_type *s = cls->solid;
    if (s == &pe_type_int) return &proxy_int;
    if (s == &pe_type_float) return &proxy_float;
    if (s == &pe_type_str) return &proxy_str;
    if (s == &pe_type_tuple) return &proxy_tuple;
    return &proxy_bytes;
}

pe_val pe_boxed_bytes(pe_val v) {
    pe_val u = pe_unbox(v);
    return pe_is_bytes(u) ? u : pe_undef();
}

/* A missing unary special method of a boxed instance: the built-in
 * operation on the base value (int.__neg__, float.__abs__, float.__floor__
 * ...). 1 done, 0 none. */
int pe_boxed_unary(pe_state *S, pe_val v, enum pe_dunder d, int argc, pe_val *out) {
    pe_val u = pe_unbox(v);
    bool num = bx_number(u);
    switch (d) {
    case PE_DU_neg: return num ? (pe_unary_neg(S, u, out) ? -1 : 1) : 0;
    case PE_DU_pos: return num ? (pe_unary_pos(S, u, out) ? -1 : 1) : 0;
    case PE_DU_invert:
        return num && u.tag != PE_TFLOAT ? (pe_unary_invert(S, u, out) ? -1 : 1) : 0;
    case PE_DU_abs:
        if (u.tag == PE_TFLOAT) {
            *out = pe_float(fabs(u.u.f));
            return 1;
        }
        return num ? (pe_int_abs(S, u, out) ? -1 : 1) : 0;
    case PE_DU_trunc:
    case PE_DU_floor:
    case PE_DU_ceil:
    case PE_DU_round:
        if (u.tag == PE_TFLOAT && (d != PE_DU_round || argc == 0)) {
            double x = u.u.f;
            if (d == PE_DU_round) return pe_float_round0(S, x, out) ? -1 : 1;
            x = d == PE_DU_trunc ? trunc(x) : d == PE_DU_floor ? floor(x) : ceil(x);
            return pe_int_from_double(S, x, out) ? -1 : 1;
        }
        if (!num || u.tag == PE_TFLOAT || argc) return 0;
        pe_incref(u);
        *out = u;
        return 1;
    default: return 0;
    }
}

/* The positional arguments as a tuple (exception args). */
static int pos_tuple(pe_state *S, int argc, const pe_val *argv, pe_obj *kwnames, pe_val *out) {
    int nkw = kwnames ? (int)((pe_tuple *)kwnames)->n : 0;
    return pe_tuple_pack(S, (size_t)(argc - nkw), argv, out);
}

static void exc_base_fini(pe_state *S, pe_obj *o) { pe_exc_fini(S, o); }

int pe_class_base_new(pe_state *S, pe_class *cls, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out) {
    const pe_type *solid = cls->solid;
    size_t base = pe_class_base_size(solid);
    if (!base)
        return pe_raise(S, PE_EXC(TypeError), "pyexpr does not support subclassing '%s'",
                        solid->name);
    pe_val args = pe_undef();
    if (solid->kind == PE_K_EXC && pos_tuple(S, argc, argv, kwnames, &args)) return -1;
    if (cls->flags & PE_CLS_BOXED) {
        /* int.__new__(cls, x): the exact value int(x), boxed */
        if (solid->call(S, pe_obj_val((pe_obj *)&solid->ob), argc, argv, kwnames, &args))
            return -1;
    } else if (solid->kind == PE_K_FROZENSET) {
        int nkw = kwnames ? (int)((pe_tuple *)kwnames)->n : 0;
        if (argc - nkw > 1)
            return pe_raise(S, PE_EXC(TypeError), "%s expected at most 1 argument, got %d",
                            cls->tp.name, argc - nkw);
    }
    pe_obj *o = pe_obj_new(S, &cls->tp, cls->basicsize);
    if (!o) {
        pe_decref(S, args);
        return -1;
    }
    /* all-zero is the empty state of every base here (list: no items,
     * dict: no table, exception: no traceback) and UNDEF for every pe_val */
    memset((char *)o + sizeof(pe_obj), 0, cls->basicsize - sizeof(pe_obj));
    pe_incref_obj(&cls->tp.ob); /* the instance's reference to its class */
    if (solid->kind == PE_K_EXC) ((pe_exc *)o)->args = args; /* owned */
    if (cls->flags & PE_CLS_BOXED) ((pe_boxed *)o)->value = args; /* owned */
    if (solid->kind == PE_K_SET || solid->kind == PE_K_FROZENSET) {
        /* the empty set: the inline small table */
        pe_set *st = (pe_set *)o;
        st->table = st->smalltable;
        st->mask = PE_SET_MINSIZE - 1;
        st->hash = -1;
        int nkw = kwnames ? (int)((pe_tuple *)kwnames)->n : 0;
        /* frozenset is filled by __new__ (it has no __init__) */
        if (solid->kind == PE_K_FROZENSET && argc - nkw == 1 && pe_set_update(S, o, argv[0])) {
            pe_decref_obj(S, o);
            return -1;
        }
    }
    *out = pe_obj_val(o);
    return 0;
}

static int merge_kwargs(pe_state *S, pe_dict *d, int argc, const pe_val *argv, pe_obj *kwnames) {
    if (!kwnames) return 0;
    pe_tuple *kw = (pe_tuple *)kwnames;
    int npos = argc - (int)kw->n;
    for (size_t i = 0; i < kw->n; i++)
        if (pe_dict_set(S, d, kw->items[i], argv[npos + (int)i])) return -1;
    return 0;
}

int pe_class_base_init(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames) {
    const pe_type *t = pe_typeof(self);
    int nkw = kwnames ? (int)((pe_tuple *)kwnames)->n : 0, npos = argc - nkw;
    switch (t->kind) {
    case PE_K_EXC: {
        /* BaseException.__init__: args = the positional arguments */
        if (nkw)
            return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", t->name);
        pe_val args;
        if (pos_tuple(S, argc, argv, kwnames, &args)) return -1;
        pe_exc *e = (pe_exc *)self.u.o;
        pe_val old = e->args;
        e->args = args;
        pe_decref(S, old);
        return 0;
    }
    case PE_K_LIST: {
        if (nkw) return pe_raise(S, PE_EXC(TypeError), "list() takes no keyword arguments");
        if (npos > 1)
            return pe_raise(S, PE_EXC(TypeError), "list expected at most 1 argument, got %d", npos);
        /* list.__init__ empties the list first */
        pe_type_list.clear(S, self.u.o);
        return npos ? pe_list_extend(S, PE_LIST(self), argv[0]) : 0;
    }
    case PE_K_SET: {
        if (nkw) return pe_raise(S, PE_EXC(TypeError), "set() takes no keyword arguments");
        if (npos > 1)
            return pe_raise(S, PE_EXC(TypeError), "set expected at most 1 argument, got %d", npos);
        /* set.__init__ empties the set first */
        pe_type_set.clear(S, self.u.o);
        return npos ? pe_set_update(S, self.u.o, argv[0]) : 0;
    }
    case PE_K_DICT:
        if (npos > 1)
            return pe_raise(S, PE_EXC(TypeError), "dict expected at most 1 argument, got %d", npos);
        if (npos == 1 && pe_dict_update(S, PE_DICT(self), argv[0])) return -1;
        return merge_kwargs(S, PE_DICT(self), argc, argv, kwnames);
    default:
        return 0;
    }
}

/* Called from pe_class_install_slots: how the base part is torn down. */
void pe_class_base_setup(pe_class *cls) {
    cls->base_fini = pe_class_base_size(cls->solid) ? base_fini_of(cls->solid) : NULL;
}
