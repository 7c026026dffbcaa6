/*
 * class_base.c - user classes whose solid base is a built-in type with its
 * own instance layout: the exception tree, list, dict. An instance is the
 * base's struct followed by the class's __dict__ and __slots__ values
 * (pe_class.h: dictoffset, slotoffset, basicsize); this file builds and
 * tears down the base's part (CPython's tp_new / tp_init / tp_dealloc of
 * the base, reached through object construction and super().__init__).
 *
 * Bases with variable-size or immediate instances (int, float, str, tuple,
 * bytes) and frozenset are not subclassable yet: pe_class_base_size
 * returns 0 for them and class creation reports it.
 */
#include "pe_dunder.h"
#include "cont_internal.h"

size_t pe_class_base_size(const pe_type *solid) {
    switch (solid->kind) {
    case PE_K_EXC: return sizeof(pe_exc);
    case PE_K_LIST: return solid == &pe_type_list ? sizeof(pe_list) : 0;
    case PE_K_DICT: return solid == &pe_type_dict ? sizeof(pe_dict) : 0;
    case PE_K_SET: return solid == &pe_type_set ? sizeof(pe_set) : 0;
    default: return 0;
    }
}

static void exc_base_fini(pe_state *S, pe_obj *o);

int pe_class_base_layout(const pe_type *solid, size_t *size,
                         void (**fini)(pe_state *, pe_obj *)) {
    size_t n = pe_class_base_size(solid);
    if (!n) return 0;
    *size = n;
    *fini = solid->kind == PE_K_EXC ? exc_base_fini : solid->clear;
    return 1;
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
    if (solid->kind == PE_K_SET) { /* the empty set: the inline small table */
        pe_set *st = (pe_set *)o;
        st->table = st->smalltable;
        st->mask = PE_SET_MINSIZE - 1;
        st->hash = -1;
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
    switch (cls->solid->kind) {
    case PE_K_EXC: cls->base_fini = exc_base_fini; break;
    case PE_K_LIST:
    case PE_K_DICT:
    case PE_K_SET: cls->base_fini = cls->solid->clear; break;
    default: cls->base_fini = NULL; break;
    }
}
