/*
 * descr.c - descriptors and their kin: bound methods of Python callables,
 * property, staticmethod, classmethod, __slots__ members, super,
 * types.GenericAlias (list[int]); the attribute builtins setattr, delattr,
 * vars, dir. Words from Objects/descrobject.c, funcobject.c,
 * classobject.c, typeobject.c (super), genericaliasobject.c.
 */
#include "pe_class.h"
#include "pe_dunder.h"
#include "pe_module.h"

static int nkwargs(pe_obj *kwnames) { return kwnames ? (int)((pe_tuple *)kwnames)->n : 0; }

static void clear_vals(pe_state *S, pe_val *v, int n) {
    for (int i = 0; i < n; i++) {
        pe_val old = v[i];
        v[i] = pe_undef();
        pe_decref(S, old);
    }
}

static const char *qualname_of(pe_val f) {
    if (pe_is_kind(f, PE_K_FUNC)) return PE_STR(pe_obj_val(((pe_func *)f.u.o)->code->qualname))->data;
    if (pe_is_kind(f, PE_K_CFUNC)) return ((pe_cfunc *)f.u.o)->name;
    if (pe_is_kind(f, PE_K_TYPE)) return ((const pe_type *)f.u.o)->name;
    return "?";
}

/* ------------------------------------------------------------------ */
/* Bound methods                                                        */
/* ------------------------------------------------------------------ */

static void method_clear(pe_state *S, pe_obj *o) { clear_vals(S, &((pe_method *)o)->func, 2); }

static void method_dealloc(pe_state *S, pe_obj *o) {
    if (pe_trash_begin(S, o)) return;
    method_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_method));
    pe_trash_end(S);
}

int pe_method_new(pe_state *S, pe_val func, pe_val self, pe_val *out) {
    pe_method *m = (pe_method *)pe_obj_new(S, &pe_type_method, sizeof(pe_method));
    if (!m) return -1;
    m->func = pe_newref(func);
    m->self = pe_newref(self);
    *out = pe_obj_val(&m->ob);
    return 0;
}

static int method_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    pe_method *m = (pe_method *)c.u.o;
    return pe_call_with_self(S, m->func, m->self, argc, argv, kw, out);
}

static int method_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_method *m = (pe_method *)v.u.o;
    if (pe_sb_printf(sb, "<bound method %s of ", qualname_of(m->func))) return -1;
    if (pe_repr(S, m->self, sb)) return -1;
    return pe_sb_putc(sb, '>');
}

static int method_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if ((op != PE_EQ && op != PE_NE) || pe_typeof(b) != &pe_type_method) return PE_NOTIMPL;
    pe_method *x = (pe_method *)a.u.o, *y = (pe_method *)b.u.o;
    int eq = pe_is(x->self, y->self) ? pe_eq(S, x->func, y->func) : 0;
    if (eq < 0) return -1;
    *out = pe_bool(op == PE_EQ ? eq : !eq);
    return 0;
}

static int method_hash(pe_state *S, pe_val v, int64_t *out) {
    pe_method *m = (pe_method *)v.u.o;
    int64_t h;
    if (pe_hash(S, m->func, &h)) return -1;
    const void *p = m->self.tag == PE_TOBJ ? (const void *)m->self.u.o : NULL;
    *out = (int64_t)((uint64_t)h ^ pe_hash_pointer_raw(p));
    if (*out == -1) *out = -2;
    return 0;
}

static int method_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    pe_method *m = (pe_method *)v.u.o;
    const char *n = PE_STR(pe_obj_val(name))->data;
    pe_val r = !strcmp(n, "__func__") ? m->func : !strcmp(n, "__self__") ? m->self : pe_undef();
    if (r.tag != PE_TUNDEF) {
        pe_incref(r);
        *out = r;
        return 0;
    }
    if (!strcmp(n, "__class__")) {
        *out = pe_obj_val((pe_obj *)&pe_type_method.ob);
        return 0;
    }
    /* other attributes come from the function */
    return pe_getattr(S, m->func, name, out);
}

const pe_type pe_type_method = PE_TYPE("method", BMETHOD,
    .dealloc = method_dealloc,
    .clear = method_clear,
    .repr = method_repr,
    .richcmp = method_richcmp,
    .hash = method_hash,
    .call = method_call,
    .getattr = method_getattr,
);

/* ------------------------------------------------------------------ */
/* The descriptor protocol                                              */
/* ------------------------------------------------------------------ */

/* pe_wrapper (staticmethod/classmethod) and pe_property: pe_class.h */

typedef struct pe_member {
    pe_obj ob;
    pe_class *owner; /* borrowed: the class's dict holds the member */
    pe_val name;
    uint32_t index;
} pe_member;

static int property_get(pe_state *S, pe_property *p, pe_val obj, pe_val *out);
static int member_get(pe_state *S, pe_member *m, pe_val obj, pe_val *out);

int pe_descr_get(pe_state *S, pe_val d, pe_val obj, const pe_type *type, pe_val *out) {
    const pe_type *t = pe_typeof(d);
    bool noobj = obj.tag == PE_TUNDEF;
    if (t->kind == PE_K_FUNC) {
        if (noobj) goto plain;
        return pe_method_new(S, d, obj, out);
    }
    if (t == &pe_type_staticmethod) {
        d = ((pe_wrapper *)d.u.o)->func;
        goto plain;
    }
    if (t == &pe_type_classmethod)
        return pe_method_new(S, ((pe_wrapper *)d.u.o)->func, pe_obj_val((pe_obj *)&type->ob), out);
    if (t == &pe_type_property) {
        if (noobj) goto plain;
        return property_get(S, (pe_property *)d.u.o, obj, out);
    }
    if (t == &pe_type_member_descriptor) {
        if (noobj) goto plain;
        return member_get(S, (pe_member *)d.u.o, obj, out);
    }
    if (pe_is_heaptype(t)) {
        pe_val g = PE_CLASS(t)->special[PE_DU_get];
        if (g.tag != PE_TUNDEF) {
            pe_val args[2] = {noobj ? pe_none() : obj, pe_obj_val((pe_obj *)&type->ob)};
            return pe_call_with_self(S, g, d, 2, args, NULL, out);
        }
    }
plain:
    pe_incref(d);
    *out = d;
    return 0;
}

static int property_set(pe_state *S, pe_property *p, pe_val obj, pe_val val);
static int member_set(pe_state *S, pe_member *m, pe_val obj, pe_val val);

int pe_descr_set(pe_state *S, pe_val d, pe_val obj, pe_val val) {
    const pe_type *t = pe_typeof(d);
    if (t == &pe_type_property) return property_set(S, (pe_property *)d.u.o, obj, val);
    if (t == &pe_type_member_descriptor) return member_set(S, (pe_member *)d.u.o, obj, val);
    pe_class *c = PE_CLASS(t);
    pe_val f = val.tag == PE_TUNDEF ? c->special[PE_DU_delete] : c->special[PE_DU_set];
    if (f.tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(AttributeError), "__%s__", val.tag == PE_TUNDEF ? "delete" : "set");
    pe_val args[2] = {obj, val}, r;
    if (pe_call_with_self(S, f, d, val.tag == PE_TUNDEF ? 1 : 2, args, NULL, &r)) return -1;
    pe_decref(S, r);
    return 0;
}

/* ------------------------------------------------------------------ */
/* staticmethod, classmethod                                            */
/* ------------------------------------------------------------------ */

static void wrapper_clear(pe_state *S, pe_obj *o) { clear_vals(S, &((pe_wrapper *)o)->func, 2); }
static void wrapper_dealloc(pe_state *S, pe_obj *o) {
    wrapper_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_wrapper));
}

int pe_wrap_descriptor(pe_state *S, const pe_type *t, pe_val f, pe_val *out) {
    pe_wrapper *w = (pe_wrapper *)pe_obj_new(S, t, sizeof(pe_wrapper));
    if (!w) return -1;
    pe_incref(f);
    w->func = f;
    w->dict = pe_undef();
    *out = pe_obj_val(&w->ob);
    return 0;
}

static int wrapper_new(pe_state *S, const pe_type *t, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    if (nkwargs(kw)) return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", t->name);
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "%s expected 1 argument, got %d", t->name, argc);
    return pe_wrap_descriptor(S, t, argv[0], out);
}

static int staticmethod_new(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                            pe_val *out) {
    (void)c;
    return wrapper_new(S, &pe_type_staticmethod, argc, argv, kw, out);
}
static int classmethod_new(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                           pe_val *out) {
    (void)c;
    return wrapper_new(S, &pe_type_classmethod, argc, argv, kw, out);
}

/* staticmethod objects are callable (3.10+). */
static int staticmethod_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                             pe_val *out) {
    if (c.u.o->type == &pe_type_type) return staticmethod_new(S, c, argc, argv, kw, out);
    return pe_call(S, ((pe_wrapper *)c.u.o)->func, argc, argv, kw, out);
}

static int wrapper_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    pe_wrapper *w = (pe_wrapper *)v.u.o;
    const char *n = PE_STR(pe_obj_val(name))->data;
    if (!strcmp(n, "__func__") || !strcmp(n, "__wrapped__")) {
        pe_incref(w->func);
        *out = w->func;
        return 0;
    }
    if (!strcmp(n, "__name__") || !strcmp(n, "__qualname__") || !strcmp(n, "__doc__"))
        return pe_getattr(S, w->func, name, out);
    return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'",
                    pe_type_name(v), n);
}

static int wrapper_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_wrapper *w = (pe_wrapper *)v.u.o;
    if (pe_sb_printf(sb, "<%s(", pe_type_name(v))) return -1;
    if (pe_repr(S, w->func, sb)) return -1;
    return pe_sb_puts(sb, ")>");
}

/* staticmethod and classmethod differ in their call slot only. */
#define WRAPPER_SLOTS                                                                    \
    .dealloc = wrapper_dealloc, .clear = wrapper_clear, .repr = wrapper_repr,            \
    .getattr = wrapper_getattr

const pe_type pe_type_staticmethod =
    PE_TYPE("staticmethod", OTHER, WRAPPER_SLOTS, .call = staticmethod_call);

const pe_type pe_type_classmethod =
    PE_TYPE("classmethod", OTHER, WRAPPER_SLOTS, .call = classmethod_new);

/* ------------------------------------------------------------------ */
/* property                                                             */
/* ------------------------------------------------------------------ */

static void property_clear(pe_state *S, pe_obj *o) { clear_vals(S, &((pe_property *)o)->fget, 5); }
static void property_dealloc(pe_state *S, pe_obj *o) {
    property_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_property));
}

static const char *type_qualname_of(pe_val obj) {
    const pe_type *t = pe_typeof(obj);
    return pe_is_heaptype(t) ? PE_STR(PE_CLASS(t)->qualname)->data : t->name;
}

/* 3.11: "property 'x' of 'A' object has no getter" once the property knows
 * its name (__set_name__), else the older words. */
static int property_error(pe_state *S, pe_property *p, pe_val obj, const char *what,
                          const char *fallback) {
    if (p->name.tag == PE_TUNDEF || !pe_is_str(p->name))
        return pe_raise(S, PE_EXC(AttributeError), "%s", fallback);
    return pe_raise(S, PE_EXC(AttributeError), "property '%s' of '%s' object has no %s",
                    PE_STR(p->name)->data, type_qualname_of(obj), what);
}

static int property_get(pe_state *S, pe_property *p, pe_val obj, pe_val *out) {
    if (p->fget.tag == PE_TNONE) return property_error(S, p, obj, "getter", "unreadable attribute");
    return pe_call(S, p->fget, 1, &obj, NULL, out);
}

static int property_set(pe_state *S, pe_property *p, pe_val obj, pe_val val) {
    bool del = val.tag == PE_TUNDEF;
    pe_val f = del ? p->fdel : p->fset;
    if (f.tag == PE_TNONE)
        return property_error(S, p, obj, del ? "deleter" : "setter",
                              del ? "can't delete attribute" : "can't set attribute");
    pe_val args[2] = {obj, val}, r;
    if (pe_call(S, f, del ? 1 : 2, args, NULL, &r)) return -1;
    pe_decref(S, r);
    return 0;
}

static int property_make(pe_state *S, const pe_val v[4], pe_val name, pe_val *out) {
    pe_property *p = (pe_property *)pe_obj_new(S, &pe_type_property, sizeof(pe_property));
    if (!p) return -1;
    pe_val *f = &p->fget;
    for (int i = 0; i < 4; i++) {
        pe_val x = v[i].tag == PE_TUNDEF ? pe_none() : v[i];
        pe_incref(x);
        f[i] = x;
    }
    /* doc defaults to the getter's __doc__ */
    if (p->doc.tag == PE_TNONE && p->fget.tag != PE_TNONE) {
        pe_val d, key;
        if (pe_str_from_cstr(S, "__doc__", &key) == 0) {
            if (pe_getattr(S, p->fget, key.u.o, &d) == 0) p->doc = d;
            else pe_exc_clear(S);
            pe_decref(S, key);
        } else {
            pe_exc_clear(S);
        }
    }
    pe_incref(name);
    p->name = name;
    *out = pe_obj_val(&p->ob);
    return 0;
}

static int property_new(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                        pe_val *out) {
    (void)c;
    static const char *const names[4] = {"fget", "fset", "fdel", "doc"};
    pe_val v[4] = {pe_undef(), pe_undef(), pe_undef(), pe_undef()};
    int nk = nkwargs(kw), np = argc - nk;
    if (np > 4)
        return pe_raise(S, PE_EXC(TypeError), "property() takes at most 4 arguments (%d given)", argc);
    for (int i = 0; i < np; i++) v[i] = argv[i];
    for (int i = 0; i < nk; i++) {
        const char *k = PE_STR(((pe_tuple *)kw)->items[i])->data;
        int j = 0;
        while (j < 4 && strcmp(names[j], k)) j++;
        if (j == 4)
            return pe_raise(S, PE_EXC(TypeError), "property() got an unexpected keyword argument '%s'", k);
        if (v[j].tag != PE_TUNDEF)
            return pe_raise(S, PE_EXC(TypeError),
                            "argument for property() given by name ('%s') and position (%d)", k, j + 1);
        v[j] = argv[np + i];
    }
    return property_make(S, v, pe_undef(), out);
}

/* p.getter(f) / setter / deleter: a copy with one function replaced. */
static int property_copy(pe_state *S, pe_val self, int which, int argc, const pe_val *argv,
                         pe_obj *kw, pe_val *out) {
    static const char *const fn[3] = {"getter", "setter", "deleter"};
    if (pe_no_kwargs(S, fn[which], kw)) return -1;
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes exactly one argument (%d given)", fn[which], argc);
    pe_property *p = (pe_property *)self.u.o;
    pe_val v[4] = {p->fget, p->fset, p->fdel, p->doc};
    v[which] = argv[0];
    /* a doc taken from the old getter follows the new one */
    if (which == 0) v[3] = pe_undef();
    return property_make(S, v, p->name, out);
}

static int prop_getter(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    return property_copy(S, self, 0, argc, argv, kw, out);
}
static int prop_setter(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    return property_copy(S, self, 1, argc, argv, kw, out);
}
static int prop_deleter(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    return property_copy(S, self, 2, argc, argv, kw, out);
}
static int prop_set_name(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                         pe_val *out) {
    if (pe_no_kwargs(S, "__set_name__", kw)) return -1;
    if (argc != 2) return pe_raise(S, PE_EXC(TypeError), "__set_name__ expected 2 arguments, got %d", argc);
    pe_assign(S, &((pe_property *)self.u.o)->name, argv[1]);
    *out = pe_none();
    return 0;
}
static int prop_dunder_get(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                           pe_val *out) {
    if (pe_no_kwargs(S, "__get__", kw)) return -1;
    if (argc < 1 || argc > 2) return pe_raise(S, PE_EXC(TypeError), "expected 1 or 2 arguments, got %d", argc);
    if (argv[0].tag == PE_TNONE) {
        pe_incref(self);
        *out = self;
        return 0;
    }
    return property_get(S, (pe_property *)self.u.o, argv[0], out);
}
static int prop_dunder_set(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                           pe_val *out) {
    if (pe_no_kwargs(S, "__set__", kw)) return -1;
    if (argc != 2) return pe_raise(S, PE_EXC(TypeError), "expected 2 arguments, got %d", argc);
    if (property_set(S, (pe_property *)self.u.o, argv[0], argv[1])) return -1;
    *out = pe_none();
    return 0;
}

static const pe_cfunc property_methods[] = {
    PE_METHOD("getter", prop_getter),
    PE_METHOD("setter", prop_setter),
    PE_METHOD("deleter", prop_deleter),
    PE_METHOD("__set_name__", prop_set_name),
    PE_METHOD("__get__", prop_dunder_get),
    PE_METHOD("__set__", prop_dunder_set),
    PE_METHOD_END,
};

static int property_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    (void)S;
    pe_property *p = (pe_property *)v.u.o;
    const char *n = PE_STR(pe_obj_val(name))->data;
    pe_val r = !strcmp(n, "fget")      ? p->fget
               : !strcmp(n, "fset")    ? p->fset
               : !strcmp(n, "fdel")    ? p->fdel
               : !strcmp(n, "__doc__") ? p->doc
                                       : pe_undef();
    if (r.tag == PE_TUNDEF) return PE_NOTIMPL;
    pe_incref(r);
    *out = r;
    return 0;
}

const pe_type pe_type_property = PE_TYPE("property", OTHER,
    .dealloc = property_dealloc,
    .clear = property_clear,
    .call = property_new,
    .getattr = property_getattr,
    .methods = property_methods,
);

/* ------------------------------------------------------------------ */
/* __slots__ members                                                    */
/* ------------------------------------------------------------------ */

static void member_clear(pe_state *S, pe_obj *o) { clear_vals(S, &((pe_member *)o)->name, 1); }
static void member_dealloc(pe_state *S, pe_obj *o) {
    member_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_member));
}

int pe_member_new(pe_state *S, pe_class *owner, pe_val name, uint32_t index, pe_val *out) {
    pe_member *m = (pe_member *)pe_obj_new(S, &pe_type_member_descriptor, sizeof(pe_member));
    if (!m) return -1;
    m->owner = owner;
    pe_incref(name);
    m->name = name;
    m->index = index;
    *out = pe_obj_val(&m->ob);
    return 0;
}

static pe_val *member_slot(pe_state *S, pe_member *m, pe_val obj) {
    const pe_type *t = pe_typeof(obj);
    if (!pe_is_heaptype(t) || !pe_class_is_subtype(t, &m->owner->tp)) {
        pe_raise(S, PE_EXC(TypeError), "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                 PE_STR(m->name)->data, m->owner->tp.name, t->name);
        return NULL;
    }
    return (pe_val *)((char *)obj.u.o + PE_CLASS(t)->slotoffset) + m->index;
}

static int member_get(pe_state *S, pe_member *m, pe_val obj, pe_val *out) {
    pe_val *p = member_slot(S, m, obj);
    if (!p) return -1;
    if (p->tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'",
                        pe_type_name(obj), PE_STR(m->name)->data);
    pe_incref(*p);
    *out = *p;
    return 0;
}

static int member_set(pe_state *S, pe_member *m, pe_val obj, pe_val val) {
    pe_val *p = member_slot(S, m, obj);
    if (!p) return -1;
    if (val.tag == PE_TUNDEF && p->tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(AttributeError), "%s", PE_STR(m->name)->data);
    pe_assign(S, p, val);
    return 0;
}

static int member_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    pe_member *m = (pe_member *)v.u.o;
    return pe_sb_printf(sb, "<member '%s' of '%s' objects>", PE_STR(m->name)->data,
                        m->owner->tp.name);
}

const pe_type pe_type_member_descriptor = PE_TYPE("member_descriptor", OTHER,
    .dealloc = member_dealloc,
    .clear = member_clear,
    .repr = member_repr,
);

/* ------------------------------------------------------------------ */
/* super                                                                */
/* ------------------------------------------------------------------ */

typedef struct pe_super {
    pe_obj ob;
    pe_val type;     /* the class after which the lookup starts */
    pe_val obj;      /* the instance or class, or None (unbound) */
    pe_val obj_type; /* whose MRO is searched */
} pe_super;

static void super_clear(pe_state *S, pe_obj *o) { clear_vals(S, &((pe_super *)o)->type, 3); }
static void super_dealloc(pe_state *S, pe_obj *o) {
    super_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_super));
}

static int super_make(pe_state *S, pe_val type, pe_val obj, pe_val *out) {
    if (!pe_is_kind(type, PE_K_TYPE))
        return pe_raise(S, PE_EXC(TypeError), "super() argument 1 must be a type, not %s",
                        pe_type_name(type));
    const pe_type *t = (const pe_type *)type.u.o;
    pe_val ot;
    if (pe_is_kind(obj, PE_K_TYPE) && pe_class_is_subtype((const pe_type *)obj.u.o, t)) {
        ot = obj;
    } else if (pe_class_is_subtype(pe_typeof(obj), t)) {
        ot = pe_obj_val((pe_obj *)&pe_typeof(obj)->ob);
    } else {
        return pe_raise(S, PE_EXC(TypeError),
                        "super(type, obj): obj must be an instance or subtype of type");
    }
    pe_super *s = (pe_super *)pe_obj_new(S, &pe_type_super, sizeof(pe_super));
    if (!s) return -1;
    s->type = pe_newref(type);
    s->obj = pe_newref(obj);
    s->obj_type = pe_newref(ot);
    *out = pe_obj_val(&s->ob);
    return 0;
}

/* super(): the calling frame's __class__ cell and first argument
 * (Objects/typeobject.c super_init_without_args). */
int pe_super_new(pe_state *S, int argc, const pe_val *argv, pe_val *out) {
    if (argc == 2) return super_make(S, argv[0], argv[1], out);
    if (argc == 1)
        return pe_raise(S, PE_EXC(NotImplementedError), "unbound super objects (super(type)) are not supported by pyexpr");
    if (argc) return pe_raise(S, PE_EXC(TypeError), "super() takes at most 2 arguments (%d given)", argc);
    if (!S->nframes) return pe_raise(S, PE_EXC(RuntimeError), "super(): no current frame");
    pe_frame *fr = &S->frames[S->nframes - 1];
    const pe_fcode *c = fr->code;
    if (!fr->func || c->nargs == 0) return pe_raise(S, PE_EXC(RuntimeError), "super(): no arguments");
    pe_val first = fr->locals[0];
    for (uint32_t i = 0; i < c->ncells; i++)
        if (c->cell2arg && c->cell2arg[i] == 0) first = ((pe_cell *)fr->locals[c->nlocals + i].u.o)->v;
    if (first.tag == PE_TUNDEF) return pe_raise(S, PE_EXC(RuntimeError), "super(): arg[0] deleted");
    uint32_t from = c->nlocals + c->ncells, to = from + c->nfree;
    for (uint32_t i = from; i < to; i++) {
        if (strcmp(PE_STR(pe_obj_val(c->localnames[i]))->data, "__class__")) continue;
        pe_val cls = ((pe_cell *)fr->locals[i].u.o)->v;
        if (cls.tag == PE_TUNDEF) return pe_raise(S, PE_EXC(RuntimeError), "super(): empty __class__ cell");
        if (!pe_is_kind(cls, PE_K_TYPE))
            return pe_raise(S, PE_EXC(RuntimeError), "super(): __class__ is not a type (%s)", pe_type_name(cls));
        return super_make(S, cls, first, out);
    }
    return pe_raise(S, PE_EXC(RuntimeError), "super(): __class__ cell not found");
}

static int super_new(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    (void)c;
    if (pe_no_kwargs(S, "super", kw)) return -1;
    return pe_super_new(S, argc, argv, out);
}

/* The built-in solid base's __init__ reached through super(). */
static int base_init_fn(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                        pe_val *out) {
    if (pe_class_base_init(S, self, argc, argv, kw)) return -1;
    *out = pe_none();
    return 0;
}

static int super_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    pe_super *s = (pe_super *)v.u.o;
    const char *n = PE_STR(pe_obj_val(name))->data;
    const pe_type *start = (const pe_type *)s->obj_type.u.o;
    const pe_type *after = (const pe_type *)s->type.u.o;
    if (strcmp(n, "__class__")) {
        pe_val mro;
        if (pe_is_heaptype(start)) {
            if (pe_class_mro_tuple(S, PE_CLASS(start), &mro)) return -1;
        } else {
            pe_val st = s->obj_type;
            if (pe_tuple_pack(S, 1, &st, &mro)) return -1;
        }
        pe_tuple *m = PE_TUPLE(mro);
        size_t i = 0;
        while (i < m->n && m->items[i].u.o != &after->ob) i++;
        bool self_is_type = pe_is(s->obj, s->obj_type);
        for (i++; i < m->n; i++) {
            const pe_type *x = (const pe_type *)m->items[i].u.o;
            if (pe_is_heaptype(x)) {
                pe_val a = pe_dict_get_str(PE_DICT(PE_CLASS(x)->dict), (pe_str *)name);
                if (a.tag == PE_TUNDEF) continue;
                pe_decref(S, mro);
                return pe_descr_get(S, a, self_is_type ? pe_undef() : s->obj, start, out);
            }
            const pe_type *ot = pe_typeof(s->obj);
            if (!self_is_type && x != &pe_type_object && !strcmp(n, "__init__") &&
                pe_is_heaptype(ot) && PE_CLASS(ot)->solid != &pe_type_object) {
                pe_decref(S, mro);
                pe_cfunc *b = (pe_cfunc *)pe_obj_new(S, &pe_type_builtin, sizeof(pe_cfunc));
                if (!b) return -1;
                b->name = "__init__";
                b->fn = base_init_fn;
                pe_incref(s->obj);
                b->self = s->obj;
                *out = pe_obj_val(&b->ob);
                return 0;
            }
            const pe_cfunc *um = NULL;
            for (const pe_type *y = x; y && !um; y = y->base) {
                um = pe_find_method(y, (pe_str *)name);
                if (y->base == y) break;
            }
            if (!um) um = pe_slot_wrapper_find(x, (pe_str *)name); /* super().__getitem__ */
            if (!um) continue;
            pe_decref(S, mro);
            bool unbound = !strcmp(n, "__new__") || (self_is_type && strcmp(n, "__init_subclass__"));
            extern const pe_type pe_type_method_descriptor;
            pe_cfunc *b = (pe_cfunc *)pe_obj_new(
                S, unbound ? &pe_type_method_descriptor : &pe_type_builtin, sizeof(pe_cfunc));
            if (!b) return -1;
            b->name = um->name;
            b->fn = um->fn;
            /* super().upper() in a str subclass: the boxed base value */
            pe_val recv = x == &pe_type_object ? s->obj : pe_unbox(s->obj);
            b->self = unbound ? pe_obj_val((pe_obj *)&x->ob) : recv;
            if (!unbound) pe_incref(recv);
            *out = pe_obj_val(&b->ob);
            return 0;
        }
        pe_decref(S, mro);
    }
    if (!strcmp(n, "__thisclass__") || !strcmp(n, "__self__") || !strcmp(n, "__self_class__") ||
        !strcmp(n, "__class__")) {
        pe_val r = n[2] == 't' ? s->type : n[6] == '_' ? s->obj_type : n[2] == 's' ? s->obj
                                                                                : pe_obj_val((pe_obj *)&pe_type_super.ob);
        pe_incref(r);
        *out = r;
        return 0;
    }
    return pe_raise(S, PE_EXC(AttributeError), "'super' object has no attribute '%s'", n);
}

static int super_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    pe_super *s = (pe_super *)v.u.o;
    /* typeobject.c super_repr: the types' tp_name */
    const pe_type *t = (const pe_type *)s->type.u.o, *ot = (const pe_type *)s->obj_type.u.o;
    return pe_sb_printf(sb, "<super: <class '%s'>, <%s object>>", t->name, ot->name);
}

const pe_type pe_type_super = PE_TYPE("super", OTHER,
    .dealloc = super_dealloc,
    .clear = super_clear,
    .repr = super_repr,
    .call = super_new,
    .getattr = super_getattr,
);

/* ------------------------------------------------------------------ */
/* types.GenericAlias                                                   */
/* ------------------------------------------------------------------ */

typedef struct pe_galias {
    pe_obj ob;
    pe_val origin, args; /* args: tuple */
} pe_galias;

static void galias_clear(pe_state *S, pe_obj *o) { clear_vals(S, &((pe_galias *)o)->origin, 2); }
static void galias_dealloc(pe_state *S, pe_obj *o) {
    galias_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_galias));
}

int pe_generic_alias_new(pe_state *S, pe_val origin, pe_val args, pe_val *out) {
    pe_val t;
    if (pe_is_kind(args, PE_K_TUPLE)) {
        pe_incref(args);
        t = args;
    } else if (pe_tuple_pack(S, 1, &args, &t)) {
        return -1;
    }
    pe_galias *g = (pe_galias *)pe_obj_new(S, &pe_type_generic_alias, sizeof(pe_galias));
    if (!g) {
        pe_decref(S, t);
        return -1;
    }
    pe_incref(origin);
    g->origin = origin;
    g->args = t;
    *out = pe_obj_val(&g->ob);
    return 0;
}

/* genericaliasobject.c ga_repr_item: a type by its (qualified) name. */
static int galias_item(pe_state *S, pe_val x, pe_sb *sb) {
    if (pe_is_kind(x, PE_K_TYPE)) {
        const pe_type *t = (const pe_type *)x.u.o;
        if (!pe_is_heaptype(t)) return pe_sb_puts(sb, t->name);
        pe_sb tmp;
        pe_sb_init(&tmp, S);
        int r = pe_class_repr(S, t, &tmp); /* <class 'mod.name'> */
        if (!r && !tmp.failed && tmp.len > 10) r = pe_sb_putn(sb, tmp.p + 8, tmp.len - 10);
        pe_sb_free(&tmp);
        return r;
    }
    return pe_repr(S, x, sb);
}

static int galias_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_galias *g = (pe_galias *)v.u.o;
    if (galias_item(S, g->origin, sb) || pe_sb_putc(sb, '[')) return -1;
    pe_tuple *t = PE_TUPLE(g->args);
    if (t->n == 0 && pe_sb_puts(sb, "()")) return -1;
    for (size_t i = 0; i < t->n; i++) {
        if (i && pe_sb_puts(sb, ", ")) return -1;
        if (galias_item(S, t->items[i], sb)) return -1;
    }
    return pe_sb_putc(sb, ']');
}

static int galias_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    if (c.u.o->type == &pe_type_type)
        return pe_raise(S, PE_EXC(NotImplementedError), "types.GenericAlias() is not supported by pyexpr");
    return pe_call(S, ((pe_galias *)c.u.o)->origin, argc, argv, kw, out);
}

static int galias_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    pe_galias *g = (pe_galias *)v.u.o;
    const char *n = PE_STR(pe_obj_val(name))->data;
    pe_val r = !strcmp(n, "__origin__") ? g->origin : !strcmp(n, "__args__") ? g->args : pe_undef();
    if (r.tag == PE_TUNDEF) return pe_getattr(S, g->origin, name, out);
    pe_incref(r);
    *out = r;
    return 0;
}

static int galias_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if ((op != PE_EQ && op != PE_NE) || pe_typeof(b) != &pe_type_generic_alias) return PE_NOTIMPL;
    pe_galias *x = (pe_galias *)a.u.o, *y = (pe_galias *)b.u.o;
    int eq = pe_eq(S, x->origin, y->origin);
    if (eq > 0) eq = pe_eq(S, x->args, y->args);
    if (eq < 0) return -1;
    *out = pe_bool(op == PE_EQ ? eq : !eq);
    return 0;
}

static int galias_hash(pe_state *S, pe_val v, int64_t *out) {
    pe_galias *g = (pe_galias *)v.u.o;
    int64_t a, b;
    if (pe_hash(S, g->origin, &a) || pe_hash(S, g->args, &b)) return -1;
    *out = a ^ b;
    if (*out == -1) *out = -2;
    return 0;
}

const pe_type pe_type_generic_alias = PE_TYPE("types.GenericAlias", OTHER,
    .dealloc = galias_dealloc,
    .clear = galias_clear,
    .repr = galias_repr,
    .richcmp = galias_richcmp,
    .hash = galias_hash,
    .call = galias_call,
    .getattr = galias_getattr,
);

/* ------------------------------------------------------------------ */
/* setattr, delattr, vars, dir                                          */
/* ------------------------------------------------------------------ */

static int attr_name(pe_state *S, pe_val v) {
    if (pe_is_str(pe_unbox(v))) return 0; /* str subclasses name by their value */
    return pe_raise(S, PE_EXC(TypeError), "attribute name must be string, not '%s'", pe_type_name(v));
}

static int bi_setattr(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    (void)self;
    if (pe_no_kwargs(S, "setattr", kw)) return -1;
    if (argc != 3) return pe_raise(S, PE_EXC(TypeError), "setattr expected 3 arguments, got %d", argc);
    if (attr_name(S, argv[1]) || pe_setattr(S, argv[0], pe_unbox(argv[1]).u.o, argv[2])) return -1;
    *out = pe_none();
    return 0;
}

static int bi_delattr(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    (void)self;
    if (pe_no_kwargs(S, "delattr", kw)) return -1;
    if (argc != 2) return pe_raise(S, PE_EXC(TypeError), "delattr expected 2 arguments, got %d", argc);
    if (attr_name(S, argv[1]) || pe_setattr(S, argv[0], pe_unbox(argv[1]).u.o, pe_undef())) return -1;
    *out = pe_none();
    return 0;
}

static int dict_set_name(pe_state *S, pe_val d, pe_obj *name, pe_val v) {
    return v.tag == PE_TUNDEF ? 0 : pe_dict_set(S, PE_DICT(d), pe_obj_val(name), v);
}

/* A frame's namespace (vars() / dir() / locals() without an argument): a
 * class body's namespace dict itself; a function's bound locals, cells and
 * free variables (CPython's locals() order); at module level, or for
 * globals(), the bound globals of the frame's module (after __name__).
 * *out: a new dict (else a new reference to the namespace). */
int pe_frame_namespace(pe_state *S, const pe_frame *fr, bool globals, pe_val *out) {
    const pe_fcode *c = fr ? fr->code : NULL;
    if (!globals && c && fr->func && c->nlocals &&
        !strcmp(PE_STR(pe_obj_val(c->localnames[0]))->data, ".ns") && pe_is_dict(fr->locals[0])) {
        pe_incref(fr->locals[0]);
        *out = fr->locals[0];
        return 0;
    }
    if (pe_dict_new(S, out)) return -1;
    int r = 0;
    if (globals || !c || !fr->func) {
        pe_val nm, main;
        if (pe_str_from_cstr(S, "__name__", &nm)) goto fail;
        r = pe_str_from_cstr(S, c ? pe_fcode_module(c) : "__main__", &main);
        if (!r) {
            r = pe_dict_set(S, PE_DICT(*out), nm, main);
            pe_decref(S, main);
        }
        pe_decref(S, nm);
        /* the script's program, or an imported module's own code when the
         * frame runs on that module's globals (as vm.c name_error) */
        const pe_code *pc = pe_frame_prog(S, fr);
        for (uint32_t i = 0; !r && pc && fr && i < pc->nglobals; i++) {
            pe_val v = fr->globals[i];
            /* slots of built-in names hold the built-in until rebound */
            if (pc->gbuiltin[i] >= 0 && pe_is(v, pe_builtin_value(pc->gbuiltin[i]))) continue;
            r = dict_set_name(S, *out, pc->gnames[i], v);
        }
    } else {
        uint32_t ncell = c->ncells, all = c->nlocals + c->ncells + c->nfree;
        for (uint32_t i = 0; !r && i < all; i++) {
            pe_val v = fr->locals[i];
            if (i >= c->nlocals) { /* a cell: skip those holding a parameter */
                if (i < c->nlocals + ncell && c->cell2arg && c->cell2arg[i - c->nlocals] >= 0)
                    continue;
                v = pe_is_kind(v, PE_K_CELL) ? ((pe_cell *)v.u.o)->v : pe_undef();
            } else {
                for (uint32_t j = 0; j < ncell; j++) /* a parameter moved into a cell */
                    if (c->cell2arg && c->cell2arg[j] == (int32_t)i &&
                        pe_is_kind(fr->locals[c->nlocals + j], PE_K_CELL))
                        v = ((pe_cell *)fr->locals[c->nlocals + j].u.o)->v;
            }
            r = dict_set_name(S, *out, c->localnames[i], v);
        }
    }
    if (!r) return 0;
fail:
    pe_decref(S, *out);
    return -1;
}

static int bi_vars(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    (void)self;
    if (pe_no_kwargs(S, "vars", kw)) return -1;
    if (argc == 0) return pe_frame_namespace(S, pe_caller_frame(S), false, out);
    if (argc != 1) return pe_raise(S, PE_EXC(TypeError), "vars expected at most 1 argument, got %d", argc);
    pe_val key;
    if (pe_str_from_cstr(S, "__dict__", &key)) return -1;
    int r = pe_getattr(S, argv[0], key.u.o, out);
    pe_decref(S, key);
    if (r && pe_exc_matches(S, PE_EXC(AttributeError))) {
        pe_exc_clear(S);
        return pe_raise(S, PE_EXC(TypeError), "vars() argument must have __dict__ attribute");
    }
    return r;
}

/* object's dir() (CPython 3.11). */
static const char *const object_dir[] = {
    "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__",
    "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__",
    "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__",
    "__setattr__", "__sizeof__", "__str__", "__subclasshook__",
};

static int add_name_cstr(pe_state *S, pe_obj *set, const char *n) {
    pe_val s;
    if (pe_str_from_cstr(S, n, &s)) return -1;
    int r = pe_set_add(S, set, s);
    pe_decref(S, s);
    return r;
}

static int add_dict_keys(pe_state *S, pe_obj *set, pe_val d) {
    size_t pos = 0;
    pe_val k;
    while (pe_dict_next(PE_DICT(d), &pos, &k, NULL))
        if (pe_set_add(S, set, k)) return -1;
    return 0;
}

/* The names dir() lists for an instance of a heap type (with_dict) or
 * for the class itself: a sorted list. */
int pe_class_dir(pe_state *S, pe_val v, pe_val *out) {
    bool is_class = pe_is_kind(v, PE_K_TYPE);
    const pe_type *t = is_class ? (const pe_type *)v.u.o : pe_typeof(v);
    pe_val set, mro;
    if (pe_set_new(S, &pe_type_set, &set)) return -1;
    int rc = -1;
    for (size_t i = 0; i < sizeof object_dir / sizeof object_dir[0]; i++)
        if (add_name_cstr(S, set.u.o, object_dir[i])) goto done;
    if (pe_class_mro_tuple(S, PE_CLASS(t), &mro)) goto done;
    for (size_t i = 0; i < PE_TUPLE(mro)->n; i++) {
        const pe_type *x = (const pe_type *)PE_TUPLE(mro)->items[i].u.o;
        if (pe_is_heaptype(x)) {
            if (add_dict_keys(S, set.u.o, PE_CLASS(x)->dict)) goto mdone;
            const pe_type *sk = PE_CLASS(x)->solid;
            if ((PE_CLASS(x)->flags & PE_CLS_HAS_DICT) &&
                (sk == &pe_type_object || sk->kind == PE_K_EXC || sk->kind == PE_K_LIST ||
                 sk->kind == PE_K_DICT || sk->kind == PE_K_SET || sk->kind == PE_K_FROZENSET) &&
                (add_name_cstr(S, set.u.o, "__dict__") || add_name_cstr(S, set.u.o, "__weakref__")))
                goto mdone;
        } else {
            for (const pe_type *y = x; y; y = y->base) {
                for (const pe_cfunc *m = y->methods; m && m->name; m++)
                    if (add_name_cstr(S, set.u.o, m->name)) goto mdone;
                if (y->base == y) break;
            }
            /* BaseException's data descriptors */
            static const char *const exc_attrs[] = {"args", "__cause__", "__context__",
                                                    "__suppress_context__", "__traceback__",
                                                    "__setstate__", "__dict__"};
            for (size_t k = 0; x->kind == PE_K_EXC && k < sizeof exc_attrs / sizeof *exc_attrs; k++)
                if (add_name_cstr(S, set.u.o, exc_attrs[k])) goto mdone;
        }
    }
    if (!is_class) {
        pe_val *dp = pe_instance_dictptr(v);
        if (dp && pe_instance_materialize(S, v)) goto mdone;
        if (dp && dp->tag != PE_TUNDEF && add_dict_keys(S, set.u.o, *dp)) goto mdone;
    }
    {
        pe_val list;
        if (pe_list_new(S, 0, &list)) goto mdone;
        size_t pos = 0;
        pe_val k;
        while (pe_set_next((pe_set *)set.u.o, &pos, &k))
            if (pe_list_append(S, PE_LIST(list), k)) {
                pe_decref(S, list);
                goto mdone;
            }
        if (pe_list_sort(S, PE_LIST(list), pe_undef(), false)) {
            pe_decref(S, list);
            goto mdone;
        }
        *out = list;
        rc = 0;
    }
mdone:
    pe_decref(S, mro);
done:
    pe_decref(S, set);
    return rc;
}

/* The "Did you mean" candidate for a missing attribute of a heap-type
 * instance or class (CPython: the closest name of dir(obj)). */
void pe_class_attr_suggest(pe_state *S, pe_val obj, const pe_str *name) {
    if (S->exc.tag != PE_TOBJ) return;
    pe_exc *e = PE_EXCOBJ(S->exc);
    if ((e->ob.flags & PE_IMMORTAL) || e->suggestion.tag != PE_TUNDEF || e->filename.tag != PE_TUNDEF)
        return;
    pe_val saved = S->exc;
    S->exc = pe_undef();
    pe_val list;
    if (pe_class_dir(S, obj, &list)) {
        pe_exc_clear(S);
        S->exc = saved;
        return;
    }
    pe_list *l = PE_LIST(list);
    const char *cands[750];
    size_t n = l->n < 750 ? l->n : 0;
    for (size_t i = 0; i < n; i++) cands[i] = PE_STR(l->items[i])->data;
    int k = n ? pe_suggest(name->data, cands, n) : -1;
    S->exc = saved;
    pe_exc_set_name(S, name->data, obj);
    if (k >= 0) pe_exc_set_suggestion(S, cands[k]);
    pe_decref(S, list);
}

static int bi_dir(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    (void)self;
    if (pe_no_kwargs(S, "dir", kw)) return -1;
    if (argc == 0) { /* the sorted names of the calling frame's namespace */
        pe_val ns;
        if (pe_frame_namespace(S, pe_caller_frame(S), false, &ns)) return -1;
        *out = pe_undef();
        int r = pe_list_new(S, 0, out);
        size_t pos = 0;
        pe_val k;
        while (!r && pe_dict_next(PE_DICT(ns), &pos, &k, NULL)) r = pe_list_append(S, PE_LIST(*out), k);
        if (!r) r = pe_list_sort(S, PE_LIST(*out), pe_undef(), false);
        pe_decref(S, ns);
        if (r) pe_decref(S, *out);
        return r;
    }
    if (argc != 1) return pe_raise(S, PE_EXC(TypeError), "dir expected at most 1 argument, got %d", argc);
    pe_val v = argv[0];
    const pe_type *t = pe_is_kind(v, PE_K_TYPE) ? (const pe_type *)v.u.o : pe_typeof(v);
    if (t == pe_typeof(v) && pe_is_heaptype(t)) {
        /* an instance whose class defines __dir__: sorted(list(v.__dir__())) */
        pe_val f = pe_type_lookup_cstr(t, "__dir__"), res;
        if (f.tag != PE_TUNDEF) {
            pe_incref(f);
            int r = pe_call_with_self(S, f, v, 0, NULL, NULL, &res);
            pe_decref(S, f);
            if (r) return -1;
            r = pe_list_from_iter(S, res, out);
            pe_decref(S, res);
            if (r) return -1;
            if (pe_list_sort(S, PE_LIST(*out), pe_undef(), false)) {
                pe_decref(S, *out);
                return -1;
            }
            return 0;
        }
    }
    if (pe_is_heaptype(t)) return pe_class_dir(S, v, out);
    if (pe_is_kind(v, PE_K_MODULE) && !((const pe_module *)v.u.o)->lookup) return pe_module_dir(S, v, out);
    int r = pe_dir_builtin(S, v, out);
    if (r) return r < 0 ? -1 : 0;
    return pe_raise(S, PE_EXC(NotImplementedError), "dir() of built-in objects is not supported by pyexpr");
}

const pe_cfunc pe_bi_setattr = {PE_STATIC_HEAD(&pe_type_builtin), "setattr", bi_setattr, {PE_TUNDEF, 0, {.i = 0}}};
const pe_cfunc pe_bi_delattr = {PE_STATIC_HEAD(&pe_type_builtin), "delattr", bi_delattr, {PE_TUNDEF, 0, {.i = 0}}};
const pe_cfunc pe_bi_vars = {PE_STATIC_HEAD(&pe_type_builtin), "vars", bi_vars, {PE_TUNDEF, 0, {.i = 0}}};
const pe_cfunc pe_bi_dir = {PE_STATIC_HEAD(&pe_type_builtin), "dir", bi_dir, {PE_TUNDEF, 0, {.i = 0}}};
