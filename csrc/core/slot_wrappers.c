/*
 * slot_wrappers.c - the special methods of the built-in types as callable
 * attributes (CPython's wrapper_descriptor / method-wrapper): list.__getitem__,
 * dict.__setitem__, object.__eq__, Exception.__init__, object.__str__...
 *
 * They are what super().__getitem__(i), super().__init__(msg),
 * dict.__setitem__(self, k, v) or object.__ne__(a, b) reach from a user
 * class. Each wrapper calls the slot of the receiver's SOLID built-in type
 * (the built-in base whose layout the instance extends), never the user
 * class's override, which is what makes super() calls terminate.
 *
 * pe_slot_wrapper_find is consulted by the attribute lookup (class.c) when
 * the MRO reaches a built-in type whose method table lacks the name.
 */
#include "pe_dunder.h"

static const pe_type *static_of(pe_val self) {
    const pe_type *t = pe_typeof(self);
    return pe_is_heaptype(t) ? pe_class_slot_base((const pe_class *)t) : t;
}

static int nargs(pe_state *S, const char *name, int argc, pe_obj *kwnames, int want) {
    if (kwnames && ((pe_tuple *)kwnames)->n)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", name);
    if (argc != want)
        return pe_raise(S, PE_EXC(TypeError), "expected %d argument%s, got %d", want,
                        want == 1 ? "" : "s", argc);
    return 0;
}

/* TypeError "'T' object <what>": the solid type lacks the slot. */
static int no_slot(pe_state *S, pe_val self, const char *what) {
    return pe_raise(S, PE_EXC(TypeError), "'%s' object %s", pe_type_name(self), what);
}

/* The checks of a wrapper taking want arguments; then the solid type whose
 * slot it calls (NULL: exception pending). */
static const pe_type *slot_of(pe_state *S, const char *name, pe_val self, int argc,
                              pe_obj *kwnames, int want) {
    return nargs(S, name, argc, kwnames, want) ? NULL : static_of(self);
}

static pe_val notimpl_or(int r, pe_val v) { return r == PE_NOTIMPL ? pe_notimplemented() : v; }

#define WRAPPER(n)                                                                  \
    static int w_##n(pe_state *S, pe_val self, int argc, PE_UNUSED const pe_val *argv, \
                     pe_obj *kwnames, pe_val *out)

WRAPPER(init) {
    const pe_type *s = static_of(self);
    if (s == &pe_type_object) {
        if (argc)
            return pe_raise(S, PE_EXC(TypeError),
                            "object.__init__() takes exactly one argument (the instance to "
                            "initialize)");
        *out = pe_none();
        return 0;
    }
    if (pe_class_base_init(S, self, argc, argv, kwnames)) return -1;
    *out = pe_none();
    return 0;
}

/* T.__new__(cls, *args) (self is cls: see the method descriptor's call):
 * the base's constructor for a subclass, T(*args) for T itself. */
WRAPPER(new) {
    const pe_type *cls = (const pe_type *)self.u.o;
    if (pe_is_heaptype(cls)) {
        pe_class *c = PE_CLASS(cls);
        if (c->solid == &pe_type_object) return pe_instance_new(S, cls, out);
        return pe_class_base_new(S, c, argc, argv, kwnames, out);
    }
    return cls->call(S, self, argc, argv, kwnames, out);
}

WRAPPER(repr) {
    const pe_type *s = slot_of(S, "__repr__", self, argc, kwnames, 0);
    if (!s) return -1;
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = s->repr              ? s->repr(S, self, &sb)
            : self.tag != PE_TOBJ ? pe_repr(S, self, &sb) /* float.__repr__(2.5) */
                                  : pe_sb_printf(&sb, "<%s object at %p>", pe_type_name(self),
                                                 (void *)self.u.o);
    return pe_sb_done_str(&sb, r, out);
}

WRAPPER(str) {
    const pe_type *s = slot_of(S, "__str__", self, argc, kwnames, 0);
    if (!s) return -1;
    pe_sb sb;
    pe_sb_init(&sb, S);
    /* object.__str__ is repr(self): the class's own __repr__ included */
    int r = s->str ? s->str(S, self, &sb) : pe_repr(S, self, &sb);
    return pe_sb_done_str(&sb, r, out);
}

WRAPPER(format) {
    if (nargs(S, "__format__", argc, kwnames, 1)) return -1;
    if (!pe_is_str(argv[0]))
        return pe_raise(S, PE_EXC(TypeError), "__format__() argument must be str, not %s",
                        pe_type_name(argv[0]));
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r;
    if (PE_STR(argv[0])->len == 0) r = pe_tostr(S, self, &sb);
    else if (pe_is_boxed(self) || pe_typeof(self)->kind == PE_K_INT ||
             pe_typeof(self)->kind == PE_K_FLOAT || pe_typeof(self)->kind == PE_K_STR ||
             pe_typeof(self)->kind == PE_K_BOOL)
        r = pe_format(S, pe_unbox(self), PE_STR(argv[0])->data, PE_STR(argv[0])->len, &sb);
    else
        r = pe_raise(S, PE_EXC(TypeError), "unsupported format string passed to %s.__format__",
                     pe_type_name(self));
    return pe_sb_done_str(&sb, r, out);
}

WRAPPER(hash) {
    const pe_type *s = slot_of(S, "__hash__", self, argc, kwnames, 0);
    if (!s) return -1;
    int64_t h;
    if (s->hash) {
        if (s->hash(S, self, &h)) return -1;
    } else if (s == &pe_type_object) {
        pe_identity_hash(S, self, &h);
    } else {
        if (pe_hash(S, self, &h)) return -1;
    }
    *out = pe_int(h);
    return 0;
}

/* The solid type's comparison; object's: == is identity, != inverts the
 * (dynamic) ==, the orderings decline. */
static int cmp_wrapper(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                       int op, pe_val *out) {
    const pe_type *s = slot_of(S, "comparison", self, argc, kwnames, 1);
    if (!s) return -1;
    pe_val other = argv[0];
    if (s->kind == PE_K_INT || s->kind == PE_K_BOOL || s->kind == PE_K_FLOAT) {
        /* int.__eq__ / float.__lt__ ...: numbers only */
        pe_val o = pe_unbox(other);
        if (pe_du_heap(o) || !(o.tag == PE_TINT || o.tag == PE_TBOOL || o.tag == PE_TFLOAT ||
                               pe_is_bigint(o))) {
            *out = pe_notimplemented();
            return 0;
        }
        return pe_richcmp(S, pe_unbox(self), o, op, out);
    }
    if (s->richcmp) {
        int r = s->richcmp(S, self, other, op, out);
        if (r < 0) return -1;
        *out = notimpl_or(r, *out);
        return 0;
    }
    if (op == PE_EQ) {
        *out = pe_is(self, other) ? pe_bool(1) : pe_notimplemented();
        return 0;
    }
    if (op == PE_NE) {
        pe_val r;
        if (pe_du_heap(self) && pe_type_special(pe_typeof(self), PE_DU_eq).tag != PE_TUNDEF) {
            int rc = pe_du_call(S, self, PE_DU_eq, 1, &other, &r);
            if (rc < 0) return -1;
        } else {
            r = pe_is(self, other) ? pe_bool(1) : pe_notimplemented();
        }
        if (pe_is_notimplemented(r)) {
            *out = r;
            return 0;
        }
        int t = pe_truth(S, r);
        pe_decref(S, r);
        if (t < 0) return -1;
        *out = pe_bool(!t);
        return 0;
    }
    *out = pe_notimplemented();
    return 0;
}

#define CMP_WRAPPER(n, OP)                                                   \
    WRAPPER(n) { return cmp_wrapper(S, self, argc, argv, kwnames, OP, out); }
CMP_WRAPPER(lt, PE_LT)
CMP_WRAPPER(le, PE_LE)
CMP_WRAPPER(eq, PE_EQ)
CMP_WRAPPER(ne, PE_NE)
CMP_WRAPPER(gt, PE_GT)
CMP_WRAPPER(ge, PE_GE)

WRAPPER(len) {
    const pe_type *s = slot_of(S, "__len__", self, argc, kwnames, 0);
    if (!s) return -1;
    int64_t n;
    if (!s->len || s->len(S, self, &n)) {
        if (!s->len)
            return pe_raise(S, PE_EXC(TypeError), "object of type '%s' has no len()",
                            pe_type_name(self));
        return -1;
    }
    *out = pe_int(n);
    return 0;
}

WRAPPER(getitem) {
    const pe_type *s = slot_of(S, "__getitem__", self, argc, kwnames, 1);
    if (!s) return -1;
    if (!s->getitem) return no_slot(S, self, "is not subscriptable");
    return s->getitem(S, self, argv[0], out);
}

/* __setitem__(k, v) / __delitem__(k) (del: the setitem slot with UNDEF). */
static int store_item(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                      bool del, pe_val *out) {
    const pe_type *s = slot_of(S, del ? "__delitem__" : "__setitem__", self, argc, kwnames,
                               del ? 1 : 2);
    if (!s) return -1;
    if (!s->setitem)
        return no_slot(S, self, del ? "doesn't support item deletion"
                                    : "does not support item assignment");
    if (s->setitem(S, self, argv[0], del ? pe_undef() : argv[1])) return -1;
    *out = pe_none();
    return 0;
}

WRAPPER(setitem) { return store_item(S, self, argc, argv, kwnames, false, out); }
WRAPPER(delitem) { return store_item(S, self, argc, argv, kwnames, true, out); }

WRAPPER(contains) {
    const pe_type *s = slot_of(S, "__contains__", self, argc, kwnames, 1);
    if (!s) return -1;
    int r = s->contains ? s->contains(S, self, argv[0]) : pe_contains(S, self, argv[0]);
    if (r < 0) return -1;
    *out = pe_bool(r);
    return 0;
}

WRAPPER(iter) {
    const pe_type *s = slot_of(S, "__iter__", self, argc, kwnames, 0);
    if (!s) return -1;
    if (!s->iter) return no_slot(S, self, "is not iterable");
    return s->iter(S, self, out);
}

WRAPPER(next) {
    const pe_type *s = slot_of(S, "__next__", self, argc, kwnames, 0);
    if (!s) return -1;
    if (!s->next) return no_slot(S, self, "is not an iterator");
    int r = s->next(S, self, out);
    if (r < 0) return -1;
    if (r == 1) return 0;
    pe_val args, exc; /* exhausted: StopIteration() */
    if (pe_tuple_new(S, 0, &args)) return -1;
    int e = pe_exc_new(S, PE_EXC(StopIteration), args, &exc);
    pe_decref(S, args);
    if (e) return -1;
    pe_raise_exc(S, exc);
    pe_decref(S, exc);
    return -1;
}

/* a OP b by the solid type (numbers, then its binop slot); reflected:
 * b OP a with self on the right. */
static int bin_wrapper(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                       int op, bool reflected, pe_val *out) {
    if (nargs(S, "binary operator", argc, kwnames, 1)) return -1;
    pe_val a = reflected ? argv[0] : self, b = reflected ? self : argv[0];
    int r = pe_dunder_builtin_binop(S, op, a, b, out);
    if (r < 0) return -1;
    *out = notimpl_or(r, *out);
    return 0;
}

#define BIN_WRAPPERS(n, OP)                                                           \
    WRAPPER(n) { return bin_wrapper(S, self, argc, argv, kwnames, OP, false, out); } \
    WRAPPER(r##n) { return bin_wrapper(S, self, argc, argv, kwnames, OP, true, out); }
BIN_WRAPPERS(add, PE_BO_ADD)
BIN_WRAPPERS(sub, PE_BO_SUB)
BIN_WRAPPERS(mul, PE_BO_MUL)
BIN_WRAPPERS(truediv, PE_BO_TRUEDIV)
BIN_WRAPPERS(floordiv, PE_BO_FLOORDIV)
BIN_WRAPPERS(mod, PE_BO_MOD)
BIN_WRAPPERS(pow, PE_BO_POW)
BIN_WRAPPERS(lshift, PE_BO_LSHIFT)
BIN_WRAPPERS(rshift, PE_BO_RSHIFT)
BIN_WRAPPERS(and, PE_BO_AND)
BIN_WRAPPERS(or, PE_BO_OR)
BIN_WRAPPERS(xor, PE_BO_XOR)

/* The number protocol of int/float (int.__neg__, float.__int__ ...), on
 * the value of a boxed instance. */
enum { UN_NEG, UN_POS, UN_INVERT, UN_ABS, UN_BOOL, UN_INT, UN_FLOAT, UN_INDEX };

static int unary_wrapper(pe_state *S, pe_val self, int argc, pe_obj *kwnames, const char *name,
                         int which, pe_val *out) {
    if (nargs(S, name, argc, kwnames, 0)) return -1;
    pe_val v = pe_unbox(self);
    if (v.tag == PE_TBOOL) v = pe_int(v.u.i);
    switch (which) {
    case UN_NEG: return pe_unary_neg(S, v, out);
    case UN_POS: return pe_unary_pos(S, v, out);
    case UN_INVERT: return pe_unary_invert(S, v, out);
    case UN_ABS:
        if (v.tag == PE_TFLOAT) {
            *out = pe_float(v.u.f < 0 ? -v.u.f : v.u.f);
            return 0;
        }
        return pe_int_abs(S, v, out);
    case UN_BOOL: {
        int t = pe_truth(S, v);
        if (t < 0) return -1;
        *out = pe_bool(t);
        return 0;
    }
    case UN_FLOAT: {
        if (v.tag == PE_TFLOAT) {
            *out = v;
            return 0;
        }
        double d;
        if (v.tag == PE_TINT) d = (double)v.u.i;
        else if (pe_int_to_double(S, v, &d)) return -1;
        *out = pe_float(d);
        return 0;
    }
    default: /* __int__, __index__ */
        if (v.tag == PE_TFLOAT) return pe_int_from_double(S, v.u.f, out);
        pe_incref(v);
        *out = v;
        return 0;
    }
}

#define UNARY_WRAPPER(n, W)                                                                  \
    WRAPPER(n) { return unary_wrapper(S, self, argc, kwnames, "__" #n "__", W, out); }
UNARY_WRAPPER(neg, UN_NEG)
UNARY_WRAPPER(pos, UN_POS)
UNARY_WRAPPER(invert, UN_INVERT)
UNARY_WRAPPER(abs, UN_ABS)
WRAPPER(truth) { /* __bool__ (the name `bool` is a macro) */
    return unary_wrapper(S, self, argc, kwnames, "__bool__", UN_BOOL, out);
}
UNARY_WRAPPER(int, UN_INT)
UNARY_WRAPPER(float, UN_FLOAT)
UNARY_WRAPPER(index, UN_INDEX)

/* Which slot a wrapper needs on the static type for the name to exist. */
enum { NEED_NONE, NEED_LEN, NEED_GETITEM, NEED_SETITEM, NEED_CONTAINS, NEED_ITER, NEED_NEXT,
       NEED_BINOP, NEED_HASH, NEED_INIT, NEED_NEW, NEED_NUMBER, NEED_INT };

typedef struct wrapper_entry {
    pe_cfunc f;
    int need;
} wrapper_entry;

#define W(n, need) {PE_METHOD("__" #n "__", w_##n), need}
#define WB(n) W(n, NEED_BINOP), W(r##n, NEED_BINOP)

static const wrapper_entry wrappers[] = {
    W(init, NEED_INIT), W(new, NEED_NEW), W(repr, NEED_NONE), W(str, NEED_NONE), W(format, NEED_NONE),
    W(hash, NEED_HASH), W(lt, NEED_NONE), W(le, NEED_NONE), W(eq, NEED_NONE), W(ne, NEED_NONE),
    W(gt, NEED_NONE), W(ge, NEED_NONE), W(len, NEED_LEN), W(getitem, NEED_GETITEM),
    W(setitem, NEED_SETITEM), W(delitem, NEED_SETITEM), W(contains, NEED_CONTAINS),
    W(iter, NEED_ITER), W(next, NEED_NEXT), WB(add), WB(sub), WB(mul), WB(truediv),
    WB(floordiv), WB(mod), WB(pow), WB(lshift), WB(rshift), WB(and), WB(or), WB(xor),
    W(neg, NEED_NUMBER), W(pos, NEED_NUMBER), W(abs, NEED_NUMBER), {PE_METHOD("__bool__", w_truth), NEED_NUMBER},
    W(int, NEED_NUMBER), W(float, NEED_NUMBER), W(invert, NEED_INT), W(index, NEED_INT),
};

static bool is_number_type(const pe_type *t) {
    return t == &pe_type_int || t == &pe_type_bool || t == &pe_type_float;
}

const pe_cfunc *pe_slot_wrapper_find(const pe_type *t, const pe_str *name) {
    if (name->len < 5 || name->data[0] != '_' || name->data[1] != '_') return NULL;
    for (size_t i = 0; i < sizeof wrappers / sizeof wrappers[0]; i++) {
        const wrapper_entry *w = &wrappers[i];
        if (strcmp(w->f.name, name->data)) continue;
        bool ok;
        switch (w->need) {
        case NEED_LEN: ok = t->len != NULL; break;
        case NEED_GETITEM: ok = t->getitem != NULL; break;
        case NEED_SETITEM: ok = t->setitem != NULL; break;
        case NEED_CONTAINS: ok = t->contains != NULL; break;
        case NEED_ITER: ok = t->iter != NULL; break;
        case NEED_NEXT: ok = t->next != NULL; break;
        case NEED_BINOP: ok = t->binop != NULL || is_number_type(t); break;
        case NEED_HASH: ok = t->hash != NULL || t == &pe_type_object; break;
        case NEED_INIT: ok = t == &pe_type_object || pe_class_base_size(t) != 0; break;
        case NEED_NEW: ok = t != &pe_type_object && pe_class_base_size(t) != 0; break;
        case NEED_NUMBER: ok = is_number_type(t); break;
        case NEED_INT: ok = is_number_type(t) && t != &pe_type_float; break;
        default: ok = true; break;
        }
        return ok ? &w->f : NULL;
    }
    return NULL;
}
