/*
 * class.c - user classes: heap types (pe_class), instances, the generic
 * attribute protocol, `object`, building a class from its body.
 * Layout and contracts: pe_class.h. Descriptors (bound methods, property,
 * staticmethod, classmethod, super, slot members) are in descr.c.
 * CPython's words come from Objects/typeobject.c and Objects/object.c.
 */
#include "pe_class.h"
#include "pe_dunder.h"
#include "cont_internal.h"
#include <stdio.h>

const char *const pe_dunder_names[PE_DU__COUNT] = {
#define PE_DU_NAME(n) "__" #n "__",
    PE_DUNDERS(PE_DU_NAME)
#undef PE_DU_NAME
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* d[name] for a C string key (borrowed, UNDEF if absent): a scan, for
 * the few lookups of class creation. */
static pe_val dict_get_cstr(pe_dict *d, const char *name) {
    size_t pos = 0;
    pe_val k, v;
    size_t n = strlen(name);
    while (pe_dict_next(d, &pos, &k, &v))
        if (pe_is_str(k) && PE_STR(k)->len == n && !memcmp(PE_STR(k)->data, name, n)) return v;
    return pe_undef();
}

static int dict_set_cstr(pe_state *S, pe_dict *d, const char *name, pe_val v) {
    pe_val k;
    if (pe_str_from_cstr(S, name, &k)) return -1;
    int r = pe_dict_set(S, d, k, v);
    pe_decref(S, k);
    return r;
}

static const char *type_qualname(const pe_type *t) {
    return pe_is_heaptype(t) ? PE_STR(PE_CLASS(t)->qualname)->data : t->name;
}

/* The i-th class of c's MRO (0: c itself, which the tuple leaves out). */
static size_t mro_len(const pe_class *c) { return PE_TUPLE(c->mro)->n + 1; }
static const pe_type *mro_at(const pe_class *c, size_t i) {
    return i ? (const pe_type *)PE_TUPLE(c->mro)->items[i - 1].u.o : &c->tp;
}

/* "__main__." prefix of a heap type's names (its __module__ when it is a
 * str other than "builtins"). */
const char *pe_class_module(const pe_type *t) {
    if (!pe_is_heaptype(t)) return NULL;
    pe_val m = dict_get_cstr(PE_DICT(PE_CLASS(t)->dict), "__module__");
    if (!pe_is_str(m) || !strcmp(PE_STR(m)->data, "builtins")) return NULL;
    return PE_STR(m)->data;
}

/* ------------------------------------------------------------------ */
/* Subtypes and the MRO                                                 */
/* ------------------------------------------------------------------ */

bool pe_class_is_subtype(const pe_type *t, const pe_type *base) {
    if (t == base || base == &pe_type_object) return true;
    if (pe_is_heaptype(t)) {
        pe_tuple *m = PE_TUPLE(PE_CLASS(t)->mro);
        for (size_t i = 0; i < m->n; i++) {
            const pe_type *x = (const pe_type *)m->items[i].u.o;
            if (x == base) return true;
            /* a static type in the MRO stands for its own base chain */
            if (!pe_is_heaptype(x))
                for (const pe_type *y = x->base; y; y = y->base)
                    if (y == base) return true;
        }
        return false;
    }
    for (t = t->base; t; t = t->base)
        if (t == base) return true;
    return false;
}

pe_val pe_type_lookup(const pe_type *t, pe_obj *name) {
    if (!pe_is_heaptype(t)) return pe_undef();
    const pe_class *c = PE_CLASS(t);
    for (size_t i = 0, n = mro_len(c); i < n; i++) {
        const pe_type *x = mro_at(c, i);
        if (!pe_is_heaptype(x)) continue;
        pe_val v = pe_dict_get_str(PE_DICT(PE_CLASS(x)->dict), (pe_str *)name);
        if (v.tag != PE_TUNDEF) return v;
    }
    return pe_undef();
}

pe_val pe_class_lookup_miss(pe_state *S, pe_class *c, pe_obj *name) {
    pe_mcache_ent *e = &c->mcache[((uintptr_t)name >> 4) & (PE_MCACHE_SIZE - 1)];
    pe_val v = pe_type_lookup(&c->tp, name);
    if (c->version) {
        pe_obj *old = e->name;
        pe_incref_obj(name);
        if (old != name) e->absent = 0;
        e->name = name;
        e->version = c->version;
        e->value = v;
        if (old) pe_decref_obj(S, old);
    }
    return v;
}

pe_val pe_type_lookup_cstr(const pe_type *t, const char *name) {
    if (!pe_is_heaptype(t)) return pe_undef();
    const pe_class *c = PE_CLASS(t);
    for (size_t i = 0, n = mro_len(c); i < n; i++) {
        const pe_type *x = mro_at(c, i);
        if (!pe_is_heaptype(x)) continue;
        pe_val v = dict_get_cstr(PE_DICT(PE_CLASS(x)->dict), name);
        if (v.tag != PE_TUNDEF) return v;
    }
    return pe_undef();
}

/* The MRO of any type as a C array (static types: their base chain, then
 * object). n: entries written (at most cap); returns the count needed. */
static size_t type_mro(const pe_type *t, const pe_type **out, size_t cap) {
    if (pe_is_heaptype(t)) {
        size_t n = mro_len(PE_CLASS(t));
        for (size_t i = 0; i < n && i < cap; i++) out[i] = mro_at(PE_CLASS(t), i);
        return n;
    }
    size_t n = 0;
    for (const pe_type *x = t; x; x = x->base) {
        if (n < cap) out[n] = x;
        n++;
        if (x->base == x) break;
    }
    if (t != &pe_type_object) {
        if (n < cap) out[n] = &pe_type_object;
        n++;
    }
    return n;
}

#define MRO_MAX 64

/* C3 linearisation (Objects/typeobject.c mro_implementation): merge the
 * bases' MROs and the bases list. */
static int compute_mro(pe_state *S, pe_class *cls, pe_tuple *bases, pe_val *out) {
    size_t nseq = bases->n + 1;
    if (bases->n > MRO_MAX)
        return pe_raise(S, PE_EXC(TypeError), "too many base classes (pyexpr allows %d)", MRO_MAX);
    const pe_type *(*seqs)[MRO_MAX] = pe_mem_alloc(S, nseq * sizeof *seqs);
    size_t *len = pe_mem_alloc(S, nseq * sizeof(size_t));
    size_t *pos = pe_mem_alloc(S, nseq * sizeof(size_t));
    const pe_type **res = pe_mem_alloc(S, (MRO_MAX + 1) * sizeof *res);
    int rc = -1;
    if (!seqs || !len || !pos || !res) goto done;
    for (size_t i = 0; i < bases->n; i++) {
        len[i] = type_mro((const pe_type *)bases->items[i].u.o, seqs[i], MRO_MAX);
        if (len[i] > MRO_MAX) {
            pe_raise(S, PE_EXC(TypeError), "inheritance too deep (pyexpr allows %d)", MRO_MAX);
            goto done;
        }
        pos[i] = 0;
    }
    len[bases->n] = bases->n;
    pos[bases->n] = 0;
    for (size_t i = 0; i < bases->n; i++) seqs[bases->n][i] = (const pe_type *)bases->items[i].u.o;
    size_t nres = 0;
    res[nres++] = &cls->tp;
    for (;;) {
        bool empty = true;
        const pe_type *cand = NULL;
        for (size_t i = 0; i < nseq && !cand; i++) {
            if (pos[i] >= len[i]) continue;
            empty = false;
            const pe_type *c = seqs[i][pos[i]];
            bool in_tail = false;
            for (size_t j = 0; j < nseq && !in_tail; j++)
                for (size_t k = pos[j] + 1; k < len[j]; k++)
                    if (seqs[j][k] == c) {
                        in_tail = true;
                        break;
                    }
            if (!in_tail) cand = c;
        }
        if (empty) break;
        if (!cand) {
            /* the heads left, each once, in order */
            pe_sb sb;
            pe_sb_init(&sb, S);
            pe_sb_puts(&sb, "Cannot create a consistent method resolution\norder (MRO) for bases");
            const pe_type *seen[MRO_MAX + 1];
            size_t nseen = 0;
            for (size_t i = 0; i < nseq; i++) {
                if (pos[i] >= len[i]) continue;
                const pe_type *c = seqs[i][pos[i]];
                bool dup = false;
                for (size_t k = 0; k < nseen; k++) dup |= seen[k] == c;
                if (dup) continue;
                seen[nseen++] = c;
            }
            for (size_t k = 0; k < nseen; k++)
                pe_sb_printf(&sb, " %s%s", pe_is_heaptype(seen[k]) ? PE_STR(PE_CLASS(seen[k])->name)->data
                                                                   : seen[k]->name,
                             k + 1 < nseen ? "," : "");
            if (!sb.failed) pe_raise_str(S, PE_EXC(TypeError), sb.p, sb.len);
            pe_sb_free(&sb);
            goto done;
        }
        if (nres > MRO_MAX) {
            pe_raise(S, PE_EXC(TypeError), "inheritance too deep (pyexpr allows %d)", MRO_MAX);
            goto done;
        }
        res[nres++] = cand;
        for (size_t i = 0; i < nseq; i++)
            if (pos[i] < len[i] && seqs[i][pos[i]] == cand) pos[i]++;
    }
    /* the class itself is left out (no reference cycle of a class with
     * itself): see mro_at */
    if (pe_tuple_new(S, nres - 1, out)) goto done;
    for (size_t i = 1; i < nres; i++) {
        PE_TUPLE(*out)->items[i - 1] = pe_obj_val((pe_obj *)res[i]);
        pe_incref(PE_TUPLE(*out)->items[i - 1]);
    }
    rc = 0;
done:
    pe_mem_free(S, seqs, nseq * sizeof *seqs);
    pe_mem_free(S, len, nseq * sizeof(size_t));
    pe_mem_free(S, pos, nseq * sizeof(size_t));
    pe_mem_free(S, res, (MRO_MAX + 1) * sizeof *res);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Heap type objects                                                    */
/* ------------------------------------------------------------------ */

static void class_unlink(pe_state *S, pe_class *c) {
    (void)S;
    if (c->sub_prev) c->sub_prev->sub_next = c->sub_next;
    if (c->sub_next) c->sub_next->sub_prev = c->sub_prev;
    if (S->classes == c) S->classes = c->sub_next;
    c->sub_next = c->sub_prev = NULL;
}

void pe_class_type_clear(pe_state *S, pe_obj *o) {
    pe_class *c = (pe_class *)o;
    pe_val vals[5] = {c->dict, c->bases, c->mro, c->slotnames, c->qualname};
    c->dict = c->bases = c->mro = c->slotnames = pe_undef();
    c->qualname = pe_undef();
    for (int i = 0; i < 5; i++) pe_decref(S, vals[i]);
    for (int i = 0; i < PE_DU__COUNT; i++) {
        pe_val v = c->special[i];
        c->special[i] = pe_undef();
        pe_decref(S, v);
    }
    for (int i = 0; i < PE_MCACHE_SIZE; i++) {
        pe_obj *n = c->mcache[i].name;
        c->mcache[i].name = NULL;
        if (n) pe_decref_obj(S, n);
    }
    pe_obj **keys = c->keys;
    uint32_t nk = c->nkeys, kc = c->keys_cap;
    c->keys = NULL;
    c->nkeys = c->keys_cap = 0;
    for (uint32_t i = 0; i < nk; i++) pe_decref_obj(S, keys[i]);
    if (keys) pe_mem_free(S, keys, kc * sizeof(pe_obj *));
}

void pe_class_type_dealloc(pe_state *S, pe_obj *o) {
    pe_class *c = (pe_class *)o;
    class_unlink(S, c);
    pe_class_type_clear(S, o);
    pe_val n = c->name;
    char *cn = c->cname;
    c->name = pe_undef();
    c->cname = NULL;
    pe_obj_free(S, o, sizeof(pe_class));
    pe_decref(S, n); /* after: tp.name pointed into it (or into cn) */
    if (cn) pe_mem_free(S, cn, strlen(cn) + 1);
}

/* Bases that may be subclassed. Only `object` (and classes made from it)
 * have an instance layout here; the built-in bases become available as the
 * special-method work fills pe_class_solid_base. */
static const pe_type *solid_base_of(const pe_type *b) {
    if (pe_is_heaptype(b)) return PE_CLASS(b)->solid;
    /* CPython's built-in exceptions share BaseException's layout except the
     * few with fields of their own: class X(ArithmeticError, TypeError) is
     * fine, class X(OSError, ImportError) a conflict */
    while (b->kind == PE_K_EXC && b->base && b != PE_EXC(BaseException) &&
           b != PE_EXC(OSError) && b != PE_EXC(ImportError) &&
           b != PE_EXC(SyntaxError) && b != PE_EXC(UnicodeError) &&
           b != PE_EXC(StopIteration) && b != PE_EXC(SystemExit) &&
           b != PE_EXC(NameError) && b != PE_EXC(AttributeError))
        b = b->base;
    return b;
}

/* The solid base of the bases (CPython best_base): all must agree on one
 * layout, each extending the previous. */
static int find_solid(pe_state *S, pe_tuple *bases, const pe_type **out) {
    const pe_type *best = &pe_type_object;
    for (size_t i = 0; i < bases->n; i++) {
        const pe_type *s = solid_base_of((const pe_type *)bases->items[i].u.o);
        if (s == best || pe_class_is_subtype(best, s)) continue;
        if (pe_class_is_subtype(s, best)) {
            best = s;
            continue;
        }
        return pe_raise(S, PE_EXC(TypeError), "multiple bases have instance lay-out conflict");
    }
    *out = best;
    return 0;
}

/* Can b be a base class? CPython's Py_TPFLAGS_BASETYPE. */
static bool acceptable_base(const pe_type *b) {
    if (pe_is_heaptype(b) || b == &pe_type_object) return true;
    switch (b->kind) {
    case PE_K_EXC: case PE_K_INT: case PE_K_FLOAT: case PE_K_STR: case PE_K_TUPLE:
    case PE_K_LIST: case PE_K_DICT: case PE_K_SET: case PE_K_FROZENSET: case PE_K_BYTES:
    case PE_K_BYTEARRAY: /* NotImplementedError from layout() */
        return b != &pe_type_bool;
    default:
        return false;
    }
}

/* The built-in solid bases with an instance layout in this build:
 * pe_class_base_layout fills size (the base struct) and fini; 0 if
 * unsupported. */
int pe_class_base_layout(const pe_type *solid, size_t *size, void (**fini)(pe_state *, pe_obj *));

static void value_clear(pe_state *S, pe_val *v) {
    pe_val old = *v;
    *v = pe_undef();
    pe_decref(S, old);
}

static pe_val *slot_base(pe_obj *o, const pe_class *c) {
    return (pe_val *)((char *)o + c->slotoffset);
}

/* Releases the inline attribute values (the instance is then empty in
 * values mode, or in dict mode after materialising). */
static void instance_drop_values(pe_state *S, pe_obj *o, const pe_class *c) {
    pe_val *vals = pe_inst_values(o, c);
    for (uint32_t i = PE_INST_NV(o); i > 0; i--) {
        PE_INST_SET_NV(o, i - 1);
        value_clear(S, &vals[i - 1]);
    }
}

/* Drops the dict, inline values and slot values of an instance of a heap
 * type. */
static void instance_drop(pe_state *S, pe_obj *o, const pe_class *c) {
    instance_drop_values(S, o, c);
    if (c->dictoffset) value_clear(S, (pe_val *)((char *)o + c->dictoffset));
    pe_val *sl = slot_base(o, c);
    for (uint32_t i = 0; i < c->nslots; i++) value_clear(S, &sl[i]);
}

void pe_instance_clear(pe_state *S, pe_obj *o) {
    const pe_type *t = o->type;
    if (pe_is_heaptype(t)) {
        pe_class *c = PE_CLASS(t);
        /* a boxed instance is not laid out as its solid base: its value
         * goes through base_fini (which leaves it UNDEF for the dealloc) */
        if (c->flags & PE_CLS_BOXED) c->base_fini(S, o);
        else if (c->solid != &pe_type_object && c->solid->clear) c->solid->clear(S, o);
        instance_drop(S, o, c);
    }
}

/* Through the trashcan: a linked list of instances of any length is
 * freed without deep C recursion. The type goes last (the instance needs
 * it while it is torn down). */
void pe_instance_dealloc(pe_state *S, pe_obj *o) {
    if (pe_trash_begin(S, o)) return;
    const pe_type *t = o->type;
    size_t size = sizeof(pe_instance);
    if (pe_is_heaptype(t)) {
        pe_class *c = PE_CLASS(t);
        instance_drop(S, o, c);
        if (c->base_fini) c->base_fini(S, o);
        size = c->basicsize + PE_INST_CAP(o) * sizeof(pe_val);
    }
    pe_obj_free(S, o, size);
    pe_decref_obj(S, (pe_obj *)&t->ob);
    pe_trash_end(S);
}

int pe_instance_new(pe_state *S, const pe_type *t, pe_val *out) {
    if (!pe_is_heaptype(t)) {
        pe_instance *o = (pe_instance *)pe_obj_new(S, t, sizeof(pe_instance));
        if (!o) return -1;
        o->dict = pe_undef();
        *out = pe_obj_val(&o->ob);
        return 0;
    }
    pe_class *c = PE_CLASS(t);
    if (c->solid != &pe_type_object)
        return pe_raise(S, PE_EXC(TypeError), "object.__new__(%s) is not safe, use %s.__new__()",
                        t->name, c->solid->name);
    /* inline capacity for the attribute values (pe_class.h) */
    uint32_t cap = 0;
    if (c->flags & PE_CLS_HAS_DICT)
        cap = !c->nkeys ? PE_INST_FIRST_CAP : c->nkeys > c->inst_cap ? c->nkeys : c->inst_cap;
    size_t size = c->basicsize + cap * sizeof(pe_val);
    pe_obj *o = pe_obj_new(S, t, size);
    if (!o) return -1;
    o->flags |= cap << 16;
    pe_val *p = (pe_val *)((char *)o + sizeof(pe_obj));
    size_t n = (size - sizeof(pe_obj)) / sizeof(pe_val);
    for (size_t i = 0; i < n; i++) p[i] = pe_undef();
    pe_incref_obj(&c->tp.ob);
    *out = pe_obj_val(o);
    return 0;
}

/* ---- attribute values mode (pe_class.h: shared keys) ---- */

static bool key_eq(const pe_obj *k, const pe_obj *name) {
    if (k == name) return true;
    const pe_str *a = (const pe_str *)k, *b = (const pe_str *)name;
    if (a->len != b->len || (a->hash != -1 && b->hash != -1 && a->hash != b->hash)) return false;
    return !memcmp(a->data, b->data, a->len);
}

int pe_inst_find_slow(pe_class *c, uint32_t n, pe_obj *name) {
    /* the same str further on in the table: not among the first n */
    for (uint32_t i = n; i < c->nkeys; i++)
        if (c->keys[i] == name) return -1;
    /* a name the attribute cache knows is none of the keys (method names) */
    pe_mcache_ent *e = &c->mcache[((uintptr_t)name >> 4) & (PE_MCACHE_SIZE - 1)];
    if (e->name == name && e->absent >= n) return -1;
    pe_str_hash((pe_str *)name);
    for (uint32_t i = 0; i < c->nkeys; i++)
        if (key_eq(c->keys[i], name)) return i < n ? (int)i : -1;
    if (e->name == name) e->absent = c->nkeys;
    return -1;
}

int pe_instance_materialize(pe_state *S, pe_val v) {
    pe_val *dp = pe_instance_dictptr(v);
    if (!dp || dp->tag != PE_TUNDEF) return 0;
    pe_obj *o = v.u.o;
    const pe_class *c = PE_CLASS(o->type);
    pe_val d, *vals = pe_inst_values(o, c);
    uint32_t n = PE_INST_NV(o);
    if (pe_dict_new(S, &d)) return -1;
    for (uint32_t i = 0; i < n; i++)
        if (pe_dict_set(S, PE_DICT(d), pe_obj_val(c->keys[i]), vals[i])) {
            pe_decref(S, d);
            return -1;
        }
    *dp = d;
    instance_drop_values(S, o, c);
    return 0;
}

int pe_inst_add(pe_state *S, pe_obj *o, pe_class *c, pe_obj *name, pe_val val) {
    uint32_t n = PE_INST_NV(o), cap = PE_INST_CAP(o);
    if (n == c->nkeys && n < PE_INST_MAXKEYS && c->solid == &pe_type_object &&
        name->type == &pe_type_str) {
        /* the first instance to get this far teaches the class its next key */
        if (c->nkeys == c->keys_cap) {
            uint32_t nc = c->keys_cap ? c->keys_cap * 2 : 4;
            pe_obj **k = pe_mem_alloc(S, nc * sizeof(pe_obj *));
            if (!k) return -1;
            if (c->keys) {
                memcpy(k, c->keys, c->nkeys * sizeof(pe_obj *));
                pe_mem_free(S, c->keys, c->keys_cap * sizeof(pe_obj *));
            }
            c->keys = k;
            c->keys_cap = nc;
        }
        pe_incref_obj(name);
        pe_str_hash((pe_str *)name); /* cached: pe_inst_find_slow compares hashes first */
        c->keys[c->nkeys++] = name;
        if (n >= cap) c->inst_cap = c->nkeys * 2 < PE_INST_MAXKEYS ? c->nkeys * 2 : PE_INST_MAXKEYS;
    }
    if (n < cap && n < c->nkeys && key_eq(c->keys[n], name)) {
        pe_incref(val);
        pe_inst_values(o, c)[n] = val;
        PE_INST_SET_NV(o, n + 1);
        return 0;
    }
    /* off the key table: a real dict from now on */
    pe_val v = pe_obj_val(o);
    if (pe_instance_materialize(S, v)) return -1;
    pe_val *dp = pe_instance_dictptr(v);
    return pe_dict_set(S, PE_DICT(*dp), pe_obj_val(name), val);
}

pe_val *pe_instance_dictptr(pe_val v) {
    if (v.tag != PE_TOBJ) return NULL;
    const pe_type *t = v.u.o->type;
    if (!pe_is_heaptype(t) || !PE_CLASS(t)->dictoffset) return NULL;
    return (pe_val *)((char *)v.u.o + PE_CLASS(t)->dictoffset);
}

/* ---- special methods cache ---- */

/* c->special[i]: the MRO value of dunder i */
static void resolve_one(pe_class *c, int i) {
    pe_val v = pe_type_lookup_cstr(&c->tp, pe_dunder_names[i]);
    pe_val old = c->special[i];
    pe_incref(v);
    c->special[i] = v;
    /* the static objects' refcounts are immortal; no state needed */
    if (old.tag == PE_TOBJ && !(old.u.o->flags & PE_IMMORTAL)) old.u.o->rc--;
}

static void resolve_special(pe_class *c) {
    for (int i = 0; i < PE_DU__COUNT; i++) resolve_one(c, i);
}

static bool has_data_descriptor(pe_class *c);

/* The flags from c->special; descr: whether the MRO holds a data
 * descriptor (has_data_descriptor, a walk over every dict of the MRO). */
static void set_flags(pe_class *c, bool descr) {
    uint32_t f = c->flags & (PE_CLS_HAS_DICT | PE_CLS_BOXED);
    if (c->special[PE_DU_getattr].tag != PE_TUNDEF ||
        c->special[PE_DU_getattribute].tag != PE_TUNDEF)
        f |= PE_CLS_HAS_GETATTR;
    if (c->special[PE_DU_setattr].tag != PE_TUNDEF || c->special[PE_DU_delattr].tag != PE_TUNDEF)
        f |= PE_CLS_HAS_SETATTR;
    if (descr) f |= PE_CLS_HAS_DESCR_SET;
    /* __eq__ without __hash__ in the same class: __hash__ = None */
    if (c->special[PE_DU_hash].tag == PE_TNONE) f |= PE_CLS_EQ_NO_HASH;
    /* BaseException's data descriptors (__cause__, args...): attribute
     * stores on exception instances take the slow path */
    if (c->solid->kind == PE_K_EXC) f |= PE_CLS_HAS_DESCR_SET;
    c->flags = f;
}

static void update_flags(pe_class *c) { set_flags(c, has_data_descriptor(c)); }

static int instance_repr(pe_state *S, pe_val v, pe_sb *sb);
int pe_class_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                  pe_val *out);
static int instance_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out);

/* The default slots of a heap type before the dispatchers go in. */
static void base_slots(pe_class *c) {
    /* a boxed class's solid slots would read the instance as the base's
     * struct: the proxy's */
    const pe_type *s = pe_class_slot_base(c);
    pe_type *t = &c->tp;
    t->repr = s == &pe_type_object ? instance_repr : s->repr;
    t->str = s->str;
    t->hash = s == &pe_type_object ? pe_identity_hash : s->hash;
    if (c->flags & PE_CLS_EQ_NO_HASH) t->hash = NULL;
    t->richcmp = s->richcmp;
    t->binop = s->binop;
    t->truth = s->truth;
    t->len = s->len;
    t->iter = s->iter;
    t->next = s->next;
    t->getitem = s->getitem;
    t->setitem = s->setitem;
    t->contains = s->contains;
    t->call = pe_class_call;
    t->getattr = instance_getattr;
    t->setattr = pe_object_generic_setattr;
    t->dealloc = pe_instance_dealloc;
    t->clear = pe_instance_clear;
    t->methods = NULL;
}

static void new_version(pe_state *S, pe_class *c) {
    c->version = ++S->type_version;
    if (!c->version) c->version = ++S->type_version;
}

static int reinstall(pe_state *S, pe_class *c) {
    resolve_special(c);
    update_flags(c);
    base_slots(c);
    new_version(S, c);
    return pe_class_install_slots(S, c);
}

int pe_class_refresh(pe_state *S, pe_class *cls) {
    for (pe_class *c = S->classes; c; c = c->sub_next)
        if ((c == cls || pe_class_is_subtype(&c->tp, &cls->tp)) && reinstall(S, c)) return -1;
    return 0;
}

int pe_class_changed(pe_state *S, pe_class *cls, const char *name, bool descr) {
    /* the one special method that changed (none: an ordinary name, or a
     * dunder the slots do not use) */
    int du = PE_DU__COUNT;
    for (int i = 0; i < PE_DU__COUNT && name[0] == '_'; i++)
        if (!strcmp(pe_dunder_names[i], name)) {
            du = i;
            break;
        }
    /* every live class that has cls in its MRO (cls included): new version
     * tags (attribute caches); that special method and the slots; the
     * flags (the descriptor walk only if a data descriptor came or went) */
    for (pe_class *c = S->classes; c; c = c->sub_next) {
        if (c != cls && !pe_class_is_subtype(&c->tp, &cls->tp)) continue;
        new_version(S, c);
        if (du == PE_DU__COUNT) {
            if (descr) update_flags(c);
            continue;
        }
        resolve_one(c, du);
        set_flags(c, descr ? has_data_descriptor(c) : (c->flags & PE_CLS_HAS_DESCR_SET) != 0);
        base_slots(c);
        if (pe_class_install_slots(S, c)) return -1;
    }
    return 0;
}

/* ---- __slots__ ---- */

static int collect_slots(pe_state *S, pe_val spec, pe_val *names_out) {
    pe_val list;
    if (pe_is_str(spec)) {
        if (pe_tuple_pack(S, 1, &spec, &list)) return -1;
    } else if (pe_tuple_from_iter(S, spec, &list)) {
        return -1;
    }
    pe_tuple *t = PE_TUPLE(list);
    for (size_t i = 0; i < t->n; i++)
        if (!pe_is_str(t->items[i])) {
            pe_raise(S, PE_EXC(TypeError), "__slots__ items must be strings, not '%s'",
                     pe_type_name(t->items[i]));
            pe_decref(S, list);
            return -1;
        }
    *names_out = list;
    return 0;
}

extern const pe_type pe_type_member_descriptor;
int pe_member_new(pe_state *S, pe_class *owner, pe_val name, uint32_t index, pe_val *out);

/* Sets the instance layout from the solid base and __slots__. */
static int layout(pe_state *S, pe_class *c, pe_dict *ns) {
    size_t base_size = sizeof(pe_obj);
    void (*fini)(pe_state *, pe_obj *) = NULL;
    if (c->solid != &pe_type_object) {
        if (!pe_class_base_layout(c->solid, &base_size, &fini))
            return pe_raise(S, PE_EXC(NotImplementedError),
                            "subclassing built-in type '%s' is not supported by pyexpr yet",
                            c->solid->name);
    }
    c->base_fini = fini;
    base_size = (base_size + 7) & ~(size_t)7;
    /* inherited: the first base's dict and slots */
    bool base_dict = false;
    uint32_t inherited = 0;
    pe_val inames = pe_undef();
    pe_tuple *bases = PE_TUPLE(c->bases);
    for (size_t i = 0; i < bases->n; i++) {
        const pe_type *b = (const pe_type *)bases->items[i].u.o;
        if (!pe_is_heaptype(b)) continue;
        if (PE_CLASS(b)->flags & PE_CLS_HAS_DICT) base_dict = true;
        if (PE_CLASS(b)->nslots > inherited) {
            inherited = PE_CLASS(b)->nslots;
            inames = PE_CLASS(b)->slotnames;
        }
    }
    pe_val spec = dict_get_cstr(ns, "__slots__");
    bool has_dict = base_dict || spec.tag == PE_TUNDEF;
    pe_val own = pe_undef();
    if (spec.tag != PE_TUNDEF) {
        if (collect_slots(S, spec, &own)) return -1;
        pe_tuple *o = PE_TUPLE(own);
        for (size_t i = 0; i < o->n; i++) {
            if (!strcmp(PE_STR(o->items[i])->data, "__dict__")) {
                has_dict = true;
                continue;
            }
            if (dict_get_cstr(ns, PE_STR(o->items[i])->data).tag != PE_TUNDEF) {
                pe_raise(S, PE_EXC(ValueError), "'%s' in __slots__ conflicts with class variable",
                         PE_STR(o->items[i])->data);
                pe_decref(S, own);
                return -1;
            }
        }
    }
    size_t nown = own.tag == PE_TUNDEF ? 0 : PE_TUPLE(own)->n, nreal = 0;
    for (size_t i = 0; i < nown; i++)
        if (strcmp(PE_STR(PE_TUPLE(own)->items[i])->data, "__dict__")) nreal++;
    c->dictoffset = has_dict ? base_size : 0;
    c->slotoffset = base_size + (has_dict ? sizeof(pe_val) : 0);
    /* names: inherited then own (minus __dict__) */
    pe_val all;
    if (pe_tuple_new(S, inherited + nreal, &all)) {
        pe_decref(S, own);
        return -1;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < inherited; i++) {
        PE_TUPLE(all)->items[k] = PE_TUPLE(inames)->items[i];
        pe_incref(PE_TUPLE(all)->items[k++]);
    }
    int rc = 0;
    for (size_t i = 0; i < nown; i++) {
        pe_val nm = PE_TUPLE(own)->items[i];
        if (!strcmp(PE_STR(nm)->data, "__dict__")) continue;
        pe_incref(nm);
        PE_TUPLE(all)->items[k] = nm;
        pe_val m;
        if (pe_member_new(S, c, nm, k, &m)) {
            rc = -1;
            break;
        }
        k++;
        rc = pe_dict_set(S, PE_DICT(c->dict), nm, m);
        pe_decref(S, m);
        if (rc) break;
    }
    for (size_t i = k; i < PE_TUPLE(all)->n; i++) PE_TUPLE(all)->items[i] = pe_none();
    pe_decref(S, own);
    c->slotnames = all;
    c->nslots = k;
    c->basicsize = c->slotoffset + k * sizeof(pe_val);
    if (has_dict) c->flags |= PE_CLS_HAS_DICT;
    return rc;
}

/* __set_name__ of the namespace's values, then the parent's
 * __init_subclass__ (Objects/typeobject.c type_new_set_names,
 * type_new_init_subclass). */
static int init_hooks(pe_state *S, pe_class *c, int nkw, const pe_val *kwvals, pe_obj *kwnames) {
    pe_val items;
    if (pe_dict_copy(S, PE_DICT(c->dict), &items)) return -1;
    size_t pos = 0;
    pe_val k, v;
    int rc = 0;
    while (!rc && pe_dict_next(PE_DICT(items), &pos, &k, &v)) {
        const pe_type *vt = pe_typeof(v);
        pe_val sn = pe_type_special(vt, PE_DU_set_name);
        if (sn.tag == PE_TUNDEF) {
            /* built-in descriptors with __set_name__ (property) */
            const pe_cfunc *m = vt->methods;
            while (m && m->name && strcmp(m->name, "__set_name__")) m++;
            if (!m || !m->name) continue;
            pe_val args[2] = {pe_obj_val(&c->tp.ob), k}, r;
            rc = m->fn(S, v, 2, args, NULL, &r);
            if (!rc) pe_decref(S, r);
            continue;
        }
        pe_val args[2] = {pe_obj_val(&c->tp.ob), k}, r;
        rc = pe_call_with_self(S, sn, v, 2, args, NULL, &r);
        if (!rc) pe_decref(S, r);
    }
    pe_decref(S, items);
    if (rc) return -1;
    /* super(cls, cls).__init_subclass__(**kw) */
    for (size_t i = 1, n = mro_len(c); i < n; i++) {
        const pe_type *x = mro_at(c, i);
        if (!pe_is_heaptype(x)) continue;
        pe_val f = dict_get_cstr(PE_DICT(PE_CLASS(x)->dict), "__init_subclass__");
        if (f.tag == PE_TUNDEF) continue;
        pe_val bound, r;
        if (pe_descr_get(S, f, pe_obj_val(&c->tp.ob), &c->tp, &bound)) return -1;
        /* a plain function here is an implicit classmethod */
        int e;
        if (pe_is_kind(f, PE_K_FUNC)) {
            pe_val cv = pe_obj_val(&c->tp.ob);
            pe_decref(S, bound);
            e = pe_call_with_self(S, f, cv, nkw, kwvals, kwnames, &r);
        } else {
            e = pe_call(S, bound, nkw, kwvals, kwnames, &r);
            pe_decref(S, bound);
        }
        if (e) return -1;
        pe_decref(S, r);
        return 0;
    }
    if (nkw)
        return pe_raise(S, PE_EXC(TypeError), "%s.__init_subclass__() takes no keyword arguments",
                        c->tp.name);
    return 0;
}

int pe_class_new(pe_state *S, pe_val name, pe_val bases, pe_val ns, int nkw,
                 const pe_val *kwvals, pe_obj *kwnames, pe_val *out) {
    if (!pe_is_str(name))
        return pe_raise(S, PE_EXC(TypeError), "type.__new__() argument 1 must be str, not %s",
                        pe_type_name(name));
    if (!pe_is_kind(bases, PE_K_TUPLE))
        return pe_raise(S, PE_EXC(TypeError), "type.__new__() argument 2 must be tuple, not %s",
                        pe_type_name(bases));
    if (!pe_is_kind(ns, PE_K_DICT))
        return pe_raise(S, PE_EXC(TypeError), "type.__new__() argument 3 must be dict, not %s",
                        pe_type_name(ns));
    pe_tuple *bt = PE_TUPLE(bases);
    for (size_t i = 0; i < bt->n; i++) {
        pe_val b = bt->items[i];
        if (!pe_is_kind(b, PE_K_TYPE))
            return pe_raise(S, PE_EXC(TypeError), "bases must be types");
        if (b.u.o == &pe_type_type.ob) /* a metaclass: CPython accepts it */
            return pe_raise(S, PE_EXC(NotImplementedError),
                            "metaclasses (subclassing 'type') are not supported by pyexpr");
        if (!acceptable_base((const pe_type *)b.u.o))
            return pe_raise(S, PE_EXC(TypeError), "type '%s' is not an acceptable base type",
                            ((const pe_type *)b.u.o)->name);
        for (size_t j = 0; j < i; j++)
            if (bt->items[j].u.o == b.u.o)
                return pe_raise(S, PE_EXC(TypeError), "duplicate base class %s",
                                type_qualname((const pe_type *)b.u.o));
    }
    pe_class *c = (pe_class *)pe_obj_new(S, &pe_type_type, sizeof(pe_class));
    if (!c) return -1;
    memset((char *)c + sizeof(pe_obj), 0, sizeof(pe_class) - sizeof(pe_obj));
    c->tp.ob.flags |= PE_HEAPTYPE;
    c->inst_cap = 4;
    c->name = c->qualname = c->dict = c->bases = c->mro = c->slotnames = pe_undef();
    c->cname = NULL;
    for (int i = 0; i < PE_DU__COUNT; i++) c->special[i] = pe_undef();
    pe_val self = pe_obj_val(&c->tp.ob);
    pe_incref(name);
    c->name = name;
    c->tp.name = PE_STR(name)->data;
    if (bt->n == 0) {
        pe_val obj = pe_obj_val((pe_obj *)&pe_type_object.ob);
        if (pe_tuple_pack(S, 1, &obj, &c->bases)) goto fail;
    } else {
        pe_incref(bases);
        c->bases = bases;
    }
    bt = PE_TUPLE(c->bases);
    c->tp.base = (const pe_type *)bt->items[0].u.o;
    if (pe_dict_copy(S, PE_DICT(ns), &c->dict)) goto fail;
    if (find_solid(S, bt, &c->solid)) goto fail;
    if (pe_class_base_boxed(c->solid)) c->flags |= PE_CLS_BOXED;
    c->tp.kind = c->solid == &pe_type_object || (c->flags & PE_CLS_BOXED) ? PE_K_INSTANCE
                                                                         : c->solid->kind;
    if (compute_mro(S, c, bt, &c->mro)) goto fail;
    /* the nearest built-in exception class in the MRO (the solid base can be
     * BaseException for class E(ValueError), which shares its layout): the
     * host sees E as a ValueError */
    c->tp.exc_id = c->solid->exc_id;
    for (size_t i = 0; c->tp.kind == PE_K_EXC && i < PE_TUPLE(c->mro)->n; i++) {
        const pe_type *t = (const pe_type *)PE_TUPLE(c->mro)->items[i].u.o;
        if (!pe_is_heaptype(t) && t->kind == PE_K_EXC) {
            c->tp.exc_id = t->exc_id;
            break;
        }
    }
    /* the live-classes list (subclass invalidation) */
    c->sub_next = S->classes;
    if (S->classes) S->classes->sub_prev = c;
    S->classes = c;
    {
        pe_dict *d = PE_DICT(c->dict);
        pe_val qn = dict_get_cstr(d, "__qualname__");
        if (qn.tag != PE_TUNDEF) {
            if (!pe_is_str(qn)) {
                pe_raise(S, PE_EXC(TypeError), "type __qualname__ must be a str, not %s",
                         pe_type_name(qn));
                goto fail;
            }
            pe_incref(qn);
            c->qualname = qn;
            pe_val key;
            if (pe_str_from_cstr(S, "__qualname__", &key)) goto fail;
            int r = pe_dict_del(S, d, key);
            pe_decref(S, key);
            if (r < 0) goto fail;
        } else {
            pe_incref(name);
            c->qualname = name;
        }
        if (dict_get_cstr(d, "__module__").tag == PE_TUNDEF) {
            pe_val m;
            if (pe_str_from_cstr(S, "__main__", &m)) goto fail;
            int r = dict_set_cstr(S, d, "__module__", m);
            pe_decref(S, m);
            if (r) goto fail;
        }
        if (dict_get_cstr(d, "__doc__").tag == PE_TUNDEF &&
            dict_set_cstr(S, d, "__doc__", pe_none()))
            goto fail;
        /* __eq__ without __hash__: instances are unhashable (__hash__ = None) */
        if (dict_get_cstr(d, "__eq__").tag != PE_TUNDEF &&
            dict_get_cstr(d, "__hash__").tag == PE_TUNDEF &&
            dict_set_cstr(S, d, "__hash__", pe_none()))
            goto fail;
        /* __new__ is an implicit staticmethod, __init_subclass__ and
         * __class_getitem__ implicit classmethods */
        static const char *const implicit[] = {"__new__", "__init_subclass__",
                                                "__class_getitem__"};
        for (int i = 0; i < 3; i++) {
            pe_val f = dict_get_cstr(d, implicit[i]);
            if (!pe_is_kind(f, PE_K_FUNC)) continue;
            pe_val w;
            if (pe_wrap_descriptor(S, i == 0 ? &pe_type_staticmethod : &pe_type_classmethod, f, &w))
                goto fail;
            int r = dict_set_cstr(S, d, implicit[i], w);
            pe_decref(S, w);
            if (r) goto fail;
        }
    }
    if (layout(S, c, PE_DICT(c->dict))) goto fail;
    if (reinstall(S, c)) goto fail;
    if (init_hooks(S, c, nkw, kwvals, kwnames)) goto fail;
    *out = self;
    return 0;
fail:
    pe_decref(S, self);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Default instance slots                                               */
/* ------------------------------------------------------------------ */

/* object.__repr__: <__main__.A object at 0x...> */
int pe_object_default_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    const pe_type *t = pe_typeof(v);
    const char *mod = pe_class_module(t);
    if (mod) return pe_sb_printf(sb, "<%s.%s object at %p>", mod, type_qualname(t), (void *)v.u.o);
    return pe_sb_printf(sb, "<%s object at %p>", type_qualname(t), (void *)v.u.o);
}

static int instance_repr(pe_state *S, pe_val v, pe_sb *sb) { return pe_object_default_repr(S, v, sb); }

/* repr of a class: <class '__main__.A'> */
int pe_class_repr(pe_state *S, const pe_type *t, pe_sb *sb) {
    (void)S;
    const char *mod = pe_class_module(t);
    if (mod) return pe_sb_printf(sb, "<class '%s.%s'>", mod, type_qualname(t));
    return pe_sb_printf(sb, "<class '%s'>", type_qualname(t));
}

/* The type name on an uncaught exception's last traceback line: CPython's
 * module.qualname, without "__main__." or "builtins." */
int pe_class_put_exc_name(pe_sb *sb, const pe_type *t) {
    const char *mod = pe_class_module(t);
    if (mod && strcmp(mod, "__main__")) return pe_sb_printf(sb, "%s.%s", mod, type_qualname(t));
    return pe_sb_printf(sb, "%s", type_qualname(t));
}

/* pyexpr has no metaclasses; enum (csrc/lib/enum.py) needs four of its
 * EnumType's methods. A class whose MRO defines the classmethod
 * __pe_meta_iter__, __pe_meta_len__, __pe_meta_contains__ or
 * __pe_meta_repr__ answers iter(C), len(C), x in C and repr(C)/str(C) with
 * it (reached only where a plain class would raise, or from type's repr).
 * *out: the hook's result (PE_META_ITER: an iterator over it). Returns
 * PE_NOTIMPL, nothing raised, when the class has no such hook. */
int pe_class_meta(pe_state *S, pe_val cls, int op, pe_val arg, pe_val *out) {
    static const char *const hooks[] = {"__pe_meta_iter__", "__pe_meta_len__",
                                        "__pe_meta_contains__", "__pe_meta_repr__"};
    const pe_type *t = (const pe_type *)cls.u.o;
    if (!pe_is_heaptype(t)) return PE_NOTIMPL;
    pe_val f = pe_type_lookup_cstr(t, hooks[op]), b, res;
    if (f.tag == PE_TUNDEF) return PE_NOTIMPL;
    if (pe_descr_get(S, f, pe_undef(), t, &b)) return -1;
    int r = pe_call(S, b, arg.tag == PE_TUNDEF ? 0 : 1, &arg, NULL, &res);
    pe_decref(S, b);
    if (r || op != PE_META_ITER) {
        if (!r) *out = res;
        return r;
    }
    r = pe_iter(S, res, out);
    pe_decref(S, res);
    return r;
}

/* ------------------------------------------------------------------ */
/* Calling a class                                                      */
/* ------------------------------------------------------------------ */

static int nkwargs(pe_obj *kwnames) { return kwnames ? (int)((pe_tuple *)kwnames)->n : 0; }

int pe_class_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                  pe_val *out) {
    pe_class *c = (pe_class *)callee.u.o;
    pe_val newf = c->special[PE_DU_new], initf = c->special[PE_DU_init];
    pe_val obj;
    if (newf.tag != PE_TUNDEF) {
        pe_val fn;
        if (pe_descr_get(S, newf, pe_undef(), &c->tp, &fn)) return -1;
        int r = pe_call_with_self(S, fn, callee, argc, argv, kwnames, &obj);
        pe_decref(S, fn);
        if (r) return -1;
        if (!pe_class_is_subtype(pe_typeof(obj), &c->tp)) {
            *out = obj;
            return 0;
        }
    } else if (c->solid != &pe_type_object) {
        if (pe_class_base_new(S, c, argc, argv, kwnames, &obj)) return -1;
    } else {
        if (argc && initf.tag == PE_TUNDEF)
            return pe_raise(S, PE_EXC(TypeError), "%s() takes no arguments", c->tp.name);
        if (pe_instance_new(S, &c->tp, &obj)) return -1;
    }
    if (initf.tag == PE_TUNDEF && c->solid != &pe_type_object) {
        if (pe_class_base_init(S, obj, argc, argv, kwnames)) {
            pe_decref(S, obj);
            return -1;
        }
    } else if (initf.tag != PE_TUNDEF) {
        pe_val r;
        if (pe_call_with_self(S, initf, obj, argc, argv, kwnames, &r)) {
            pe_decref(S, obj);
            return -1;
        }
        if (r.tag != PE_TNONE) {
            pe_raise(S, PE_EXC(TypeError), "__init__() should return None, not '%s'",
                     pe_type_name(r));
            pe_decref(S, r);
            pe_decref(S, obj);
            return -1;
        }
    } else if (argc && newf.tag == PE_TUNDEF) {
        pe_decref(S, obj);
        return pe_raise(S, PE_EXC(TypeError), "%s() takes no arguments", c->tp.name);
    }
    (void)nkwargs;
    *out = obj;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The attribute protocol                                               */
/* ------------------------------------------------------------------ */

/* Is v a data descriptor (its type defines __set__ or __delete__)? */
bool pe_is_data_descr(pe_val v) {
    if (v.tag != PE_TOBJ) return false;
    const pe_type *t = v.u.o->type;
    if (t == &pe_type_property || t == &pe_type_member_descriptor) return true;
    return pe_is_heaptype(t) && (PE_CLASS(t)->special[PE_DU_set].tag != PE_TUNDEF ||
                                 PE_CLASS(t)->special[PE_DU_delete].tag != PE_TUNDEF);
}

static bool has_data_descriptor(pe_class *c) {
    for (size_t i = 0, n = mro_len(c); i < n; i++) {
        const pe_type *x = mro_at(c, i);
        if (!pe_is_heaptype(x)) continue;
        size_t pos = 0;
        pe_val v;
        while (pe_dict_next(PE_DICT(PE_CLASS(x)->dict), &pos, NULL, &v))
            if (pe_is_data_descr(v)) return true;
    }
    return false;
}

static int no_attr(pe_state *S, pe_val v, pe_obj *name) {
    return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'",
                    pe_typeof(v)->name, PE_STR(pe_obj_val(name))->data);
}

/* The built-in methods of a static solid base (list subclass: append). */
static int static_method_attr(pe_state *S, pe_val v, const pe_type *t, pe_obj *name, pe_val *out) {
    if (t->getattr && t != &pe_type_object) {
        /* the built-in base's own attributes (exceptions: args, __cause__,
         * value, errno...) */
        int g = t->getattr(S, pe_unbox(v), name, out);
        if (g != PE_NOTIMPL) return g < 0 ? -1 : 1;
    }
    const pe_cfunc *m = pe_find_method(t, (pe_str *)name);
    pe_val self = v;
    /* int.bit_length, str.upper... see the base value of a boxed instance */
    if (m) self = pe_unbox(v);
    /* the base's special methods (list.__repr__, int.__neg__) before
     * object's own */
    if (!m && t != &pe_type_object) m = pe_slot_wrapper_find(t, (pe_str *)name);
    if (!m) m = pe_find_method(&pe_type_object, (pe_str *)name);
    if (!m) m = pe_slot_wrapper_find(&pe_type_object, (pe_str *)name);
    if (!m) return 0;
    pe_cfunc *b = (pe_cfunc *)pe_obj_new(S, &pe_type_builtin, sizeof(pe_cfunc));
    if (!b) return -1;
    b->name = m->name;
    b->fn = m->fn;
    pe_incref(self);
    b->self = self;
    *out = pe_obj_val(&b->ob);
    return 1;
}

/* object.__getattribute__ (Objects/object.c _PyObject_GenericGetAttrWithDict) */
int pe_object_generic_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    const char *n = PE_STR(pe_obj_val(name))->data;
    pe_val descr = pe_is_heaptype(t) ? pe_class_lookup(S, PE_CLASS(t), name) : pe_undef();
    if (descr.tag != PE_TUNDEF && pe_is_data_descr(descr)) return pe_descr_get(S, descr, v, t, out);
    pe_val *dp = pe_instance_dictptr(v);
    if (dp) {
        pe_val x;
        if (dp->tag != PE_TUNDEF) {
            x = pe_dict_get_str(PE_DICT(*dp), (pe_str *)name);
        } else {
            int i = pe_inst_find(PE_CLASS(t), v.u.o, name);
            x = i < 0 ? pe_undef() : pe_inst_values(v.u.o, PE_CLASS(t))[i];
        }
        if (x.tag != PE_TUNDEF) {
            pe_incref(x);
            *out = x;
            return 0;
        }
    }
    if (descr.tag != PE_TUNDEF) return pe_descr_get(S, descr, v, t, out);
    if (n[0] == '_' && n[1] == '_') {
        if (!strcmp(n, "__class__")) {
            *out = pe_obj_val((pe_obj *)&t->ob);
            pe_incref(*out);
            return 0;
        }
        if (!strcmp(n, "__dict__") && dp) {
            if (pe_instance_materialize(S, v)) return -1;
            pe_incref(*dp);
            *out = *dp;
            return 0;
        }
    }
    const pe_type *solid = pe_is_heaptype(t) ? PE_CLASS(t)->solid : t;
    if (solid->getattr && solid->getattr != pe_object_generic_getattr) {
        /* the built-in base's own attributes (exception args, ...) */
        int g = solid->getattr(S, pe_unbox(v), name, out);
        if (g != PE_NOTIMPL) return g;
    }
    int r = static_method_attr(S, v, solid, name, out);
    if (r) return r < 0 ? -1 : 0;
    return no_attr(S, v, name);
}

/* tp.getattr of heap types: __getattribute__ overrides and the __getattr__
 * fallback around the generic lookup. */
static int instance_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    pe_class *c = PE_CLASS(t);
    if (PE_LIKELY(!(c->flags & PE_CLS_HAS_GETATTR))) return pe_object_generic_getattr(S, v, name, out);
    pe_val ga = c->special[PE_DU_getattribute];
    int r;
    pe_val nm = pe_obj_val(name);
    if (ga.tag != PE_TUNDEF) r = pe_call_with_self(S, ga, v, 1, &nm, NULL, out);
    else r = pe_object_generic_getattr(S, v, name, out);
    if (!r || c->special[PE_DU_getattr].tag == PE_TUNDEF) return r;
    if (!pe_exc_matches(S, PE_EXC(AttributeError))) return -1;
    pe_exc_clear(S);
    return pe_call_with_self(S, c->special[PE_DU_getattr], v, 1, &nm, NULL, out);
}

/* object.__setattr__ / __delattr__ (val UNDEF) */
int pe_object_generic_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val) {
    const pe_type *t = pe_typeof(v);
    if (pe_is_heaptype(t) && (PE_CLASS(t)->flags & PE_CLS_HAS_SETATTR)) {
        pe_class *c = PE_CLASS(t);
        pe_val f = val.tag == PE_TUNDEF ? c->special[PE_DU_delattr] : c->special[PE_DU_setattr];
        if (f.tag != PE_TUNDEF && !pe_is_kind(f, PE_K_CFUNC)) {
            pe_val args[2] = {pe_obj_val(name), val}, r;
            if (pe_call_with_self(S, f, v, val.tag == PE_TUNDEF ? 1 : 2, args, NULL, &r)) return -1;
            pe_decref(S, r);
            return 0;
        }
    }
    return pe_object_setattr_raw(S, v, name, val);
}

/* object.__setattr__ itself (no __setattr__ override). */
int pe_object_setattr_raw(pe_state *S, pe_val v, pe_obj *name, pe_val val) {
    const pe_type *t = pe_typeof(v);
    if (t->kind == PE_K_EXC && pe_is_heaptype(t)) { /* e.__cause__ = ... on a user exception */
        int r = pe_exc_set_special(S, v, PE_STR(pe_obj_val(name))->data, val);
        if (r) return r < 0 ? -1 : 0;
    }
    if (pe_is_heaptype(t) && (PE_CLASS(t)->flags & PE_CLS_HAS_DESCR_SET)) {
        pe_val descr = pe_class_lookup(S, PE_CLASS(t), name);
        if (descr.tag != PE_TUNDEF && pe_is_data_descr(descr))
            return pe_descr_set(S, descr, v, val);
    }
    pe_val *dp = pe_instance_dictptr(v);
    if (!dp) {
        pe_val descr = pe_type_lookup(t, name);
        if (descr.tag != PE_TUNDEF && val.tag != PE_TUNDEF)
            return pe_raise(S, PE_EXC(AttributeError), "'%s' object attribute '%s' is read-only",
                            t->name, PE_STR(pe_obj_val(name))->data);
        return no_attr(S, v, name);
    }
    if (dp->tag == PE_TUNDEF) { /* values mode */
        pe_class *c = PE_CLASS(t);
        int i = pe_inst_find(c, v.u.o, name);
        if (val.tag != PE_TUNDEF) {
            if (i < 0) return pe_inst_add(S, v.u.o, c, name, val);
            pe_val *slot = &pe_inst_values(v.u.o, c)[i], old = *slot;
            pe_incref(val);
            *slot = val;
            pe_decref(S, old);
            return 0;
        }
        if (i < 0) return no_attr(S, v, name);
        if (pe_instance_materialize(S, v)) return -1;
    }
    if (val.tag == PE_TUNDEF) {
        int r = pe_dict_del(S, PE_DICT(*dp), pe_obj_val(name));
        if (r < 0) return -1;
        if (r == 0) return no_attr(S, v, name);
        return 0;
    }
    return pe_dict_set(S, PE_DICT(*dp), pe_obj_val(name), val);
}

int pe_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val) {
    const pe_type *t = pe_typeof(v);
    if (t->setattr) return t->setattr(S, v, name, val);
    const char *n = PE_STR(pe_obj_val(name))->data;
    /* built-in instances: CPython's error for that attribute */
    pe_val x;
    if (pe_getattr(S, v, name, &x)) {
        if (t->kind != PE_K_MODULE) return -1; /* "'T' object has no attribute 'x'" */
        pe_exc_clear(S);
        return pe_raise(S, PE_EXC(AttributeError), "'module' object has no attribute '%s'", n);
    }
    bool method = pe_is_kind(x, PE_K_CFUNC) || pe_is_kind(x, PE_K_BMETHOD);
    pe_decref(S, x);
    switch (t->kind) {
    case PE_K_MODULE:
        return pe_raise(S, PE_EXC(AttributeError), "module attributes are read-only in pyexpr");
    case PE_K_RANGE:
    case PE_K_SLICE:
        return pe_raise(S, PE_EXC(AttributeError), "readonly attribute");
    case PE_K_EXC:
        if (!strcmp(n, "args") && val.tag == PE_TUNDEF)
            return pe_raise(S, PE_EXC(TypeError), "args may not be deleted");
        break;
    default:
        break;
    }
    if (method)
        return pe_raise(S, PE_EXC(AttributeError), "'%s' object attribute '%s' is read-only",
                        t->name, n);
    return pe_raise(S, PE_EXC(AttributeError), "attribute '%s' of '%s' objects is not writable", n,
                    t->kind == PE_K_BOOL ? "int" : t->name);
}

/* ---- attributes of class objects ---- */

/* __mro__: (cls,) + the stored tuple. */
int pe_class_mro_tuple(pe_state *S, const pe_class *c, pe_val *out) {
    size_t n = mro_len(c);
    if (pe_tuple_new(S, n, out)) return -1;
    for (size_t i = 0; i < n; i++) {
        PE_TUPLE(*out)->items[i] = pe_obj_val((pe_obj *)&mro_at(c, i)->ob);
        pe_incref(PE_TUPLE(*out)->items[i]);
    }
    return 0;
}

static int class_mro_method(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                            pe_val *out) {
    (void)argv;
    pe_val t;
    char qual[256]; /* CPython names the class: "B.mro() takes no arguments" */
    snprintf(qual, sizeof qual, "%s.mro", PE_CLASS(self.u.o)->tp.name);
    if (pe_cont_noargs(S, qual, argc, kw)) return -1;
    if (pe_class_mro_tuple(S, PE_CLASS(self.u.o), &t)) return -1;
    *out = pe_undef();
    int r = pe_list_new(S, 0, out);
    for (size_t i = 0; !r && i < PE_TUPLE(t)->n; i++) r = pe_list_append(S, PE_LIST(*out), PE_TUPLE(t)->items[i]);
    pe_decref(S, t);
    if (r) pe_decref(S, *out);
    return r;
}

/* int.from_bytes, bytes.fromhex, dict.fromkeys called on a subclass:
 * the base's result r, then cls(r), as CPython does for a subclass. self is
 * (cls, base, name). */
static int base_classmethod_call(pe_state *S, pe_val self, int argc, const pe_val *argv,
                                 pe_obj *kw, pe_val *out) {
    pe_tuple *t = PE_TUPLE(self);
    const pe_cfunc *m = pe_find_method((const pe_type *)t->items[1].u.o, PE_STR(t->items[2]));
    pe_val r;
    if (!m) return pe_raise(S, PE_EXC(SystemError), "lost class method");
    if (m->fn(S, t->items[1], argc, argv, kw, &r)) return -1;
    int rc = pe_call(S, t->items[0], 1, &r, NULL, out);
    pe_decref(S, r);
    return rc;
}

static int base_classmethod(pe_state *S, pe_class *c, const pe_type *base, pe_obj *name,
                            pe_val *out) {
    pe_val items[3] = {pe_obj_val(&c->tp.ob), pe_obj_val((pe_obj *)&base->ob), pe_obj_val(name)};
    pe_val self;
    if (pe_tuple_pack(S, 3, items, &self)) return -1;
    pe_cfunc *b = (pe_cfunc *)pe_obj_new(S, &pe_type_builtin, sizeof(pe_cfunc));
    if (!b) {
        pe_decref(S, self);
        return -1;
    }
    b->name = PE_STR(pe_obj_val(name))->data; /* the tuple keeps the name alive */
    b->fn = base_classmethod_call;
    b->self = self;
    *out = pe_obj_val(&b->ob);
    return 0;
}

int pe_class_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    pe_class *c = (pe_class *)v.u.o;
    const char *n = PE_STR(pe_obj_val(name))->data;
    if (n[0] == '_' && n[1] == '_') {
        pe_val r = pe_undef();
        if (!strcmp(n, "__name__")) r = c->name;
        else if (!strcmp(n, "__qualname__")) r = c->qualname;
        else if (!strcmp(n, "__bases__")) r = c->bases;
        else if (!strcmp(n, "__mro__")) return pe_class_mro_tuple(S, c, out);
        else if (!strcmp(n, "__base__")) r = pe_obj_val((pe_obj *)&c->tp.base->ob);
        else if (!strcmp(n, "__class__")) r = pe_obj_val((pe_obj *)&pe_type_type.ob);
        else if (!strcmp(n, "__dict__")) return pe_dict_copy(S, PE_DICT(c->dict), out);
        else if (!strcmp(n, "__annotations__")) {
            /* type.__annotations__: the class's own, created empty (and
             * stored) on first access */
            r = pe_dict_get_str(PE_DICT(c->dict), (pe_str *)name);
            if (r.tag == PE_TUNDEF) {
                if (pe_dict_new(S, &r)) return -1;
                int rc = pe_class_setattr(S, c, name, r);
                pe_decref(S, r);
                if (rc) return -1;
            }
        }
        if (r.tag != PE_TUNDEF) {
            pe_incref(r);
            *out = r;
            return 0;
        }
    }
    /* the MRO: heap classes' dicts, static types' methods */
    for (size_t i = 0, nm = mro_len(c); i < nm; i++) {
        const pe_type *x = mro_at(c, i);
        if (pe_is_heaptype(x)) {
            pe_val a = pe_dict_get_str(PE_DICT(PE_CLASS(x)->dict), (pe_str *)name);
            if (a.tag != PE_TUNDEF) return pe_descr_get(S, a, pe_undef(), &c->tp, out);
            if (!strcmp(n, "__hash__") &&
                pe_dict_get_str(PE_DICT(PE_CLASS(x)->dict), (pe_str *)name).tag == PE_TUNDEF &&
                pe_type_lookup_cstr(x, "__eq__").tag != PE_TUNDEF &&
                (PE_CLASS(x)->flags & PE_CLS_EQ_NO_HASH)) {
                /* __eq__ without __hash__: CPython stores __hash__ = None */
                *out = pe_none();
                return 0;
            }
            continue;
        }
        const pe_cfunc *um = pe_find_method(x, (pe_str *)name);
        if (!um) um = pe_slot_wrapper_find(x, (pe_str *)name);
        if (um) {
            if (!strcmp(um->name, "maketrans")) /* a static method */
                return pe_getattr(S, pe_obj_val((pe_obj *)&x->ob), name, out);
            if (pe_builtin_classmethod(um->name))
                return base_classmethod(S, c, x, name, out);
            extern const pe_type pe_type_method_descriptor;
            pe_cfunc *b = (pe_cfunc *)pe_obj_new(S, &pe_type_method_descriptor, sizeof(pe_cfunc));
            if (!b) return -1;
            b->name = um->name;
            b->fn = um->fn;
            b->self = pe_obj_val((pe_obj *)&x->ob); /* static type: immortal */
            *out = pe_obj_val(&b->ob);
            return 0;
        }
    }
    if (!strcmp(n, "__doc__")) {
        *out = pe_none();
        return 0;
    }
    if (!strcmp(n, "mro")) { /* type.mro(cls): the MRO as a list */
        pe_cfunc *b = (pe_cfunc *)pe_obj_new(S, &pe_type_builtin, sizeof(pe_cfunc));
        if (!b) return -1;
        b->name = "mro";
        b->fn = class_mro_method;
        pe_incref(v);
        b->self = v;
        *out = pe_obj_val(&b->ob);
        return 0;
    }
    return pe_raise(S, PE_EXC(AttributeError), "type object '%s' has no attribute '%s'", c->tp.name,
                    n);
}

int pe_class_setattr(pe_state *S, pe_class *c, pe_obj *name, pe_val val) {
    const char *n = PE_STR(pe_obj_val(name))->data;
    if (!strcmp(n, "__name__") || !strcmp(n, "__qualname__")) {
        if (val.tag == PE_TUNDEF)
            return pe_raise(S, PE_EXC(TypeError), "cannot delete '%s' attribute of immutable type '%s'",
                            n, c->tp.name);
        if (!pe_is_str(val))
            return pe_raise(S, PE_EXC(TypeError), "can only assign string to %s.%s, not '%s'",
                            c->tp.name, n, pe_type_name(val));
        if (n[2] == 'n') {
            pe_val old = c->name;
            pe_incref(val);
            c->name = val;
            if (!c->cname) c->tp.name = PE_STR(val)->data;
            pe_decref(S, old);
        } else {
            pe_assign(S, &c->qualname, val);
        }
        return 0;
    }
    /* a data descriptor on the metatype: none here (type has no setters
     * for other names) */
    pe_val old = pe_dict_get_str(PE_DICT(c->dict), (pe_str *)name);
    bool descr = pe_is_data_descr(old) || pe_is_data_descr(val);
    if (val.tag == PE_TUNDEF) {
        int r = pe_dict_del(S, PE_DICT(c->dict), pe_obj_val(name));
        if (r < 0) return -1;
        if (r == 0)
            return pe_raise(S, PE_EXC(AttributeError), "type object '%s' has no attribute '%s'",
                            c->tp.name, n);
    } else if (pe_dict_set(S, PE_DICT(c->dict), pe_obj_val(name), val)) {
        return -1;
    }
    return pe_class_changed(S, c, n, descr);
}

/* tp.setattr of `type`: heap classes are mutable, built-ins are not. */
int pe_type_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val) {
    const pe_type *t = (const pe_type *)v.u.o;
    if (pe_is_heaptype(t)) return pe_class_setattr(S, PE_CLASS(t), name, val);
    (void)val;
    return pe_raise(S, PE_EXC(TypeError), "cannot set '%s' attribute of immutable type '%s'",
                    PE_STR(pe_obj_val(name))->data, t->name);
}

/* ------------------------------------------------------------------ */
/* Calling special methods                                              */
/* ------------------------------------------------------------------ */

int pe_call_with_self(pe_state *S, pe_val f, pe_val self, int argc, const pe_val *argv,
                      pe_obj *kwnames, pe_val *out) {
    if (pe_is_kind(f, PE_K_FUNC) || pe_is_kind(f, PE_K_CFUNC)) {
        pe_val tmp[8];
        pe_val *a = argc + 1 <= 8 ? tmp : pe_mem_alloc(S, (size_t)(argc + 1) * sizeof(pe_val));
        if (!a) return -1;
        a[0] = self;
        if (argc) memcpy(a + 1, argv, (size_t)argc * sizeof(pe_val));
        int r;
        if (pe_is_kind(f, PE_K_FUNC))
            r = pe_vm_call_function(S, (pe_func *)f.u.o, argc + 1, a, kwnames, out);
        else
            r = pe_call(S, f, argc + 1, a, kwnames, out);
        if (a != tmp) pe_mem_free(S, a, (size_t)(argc + 1) * sizeof(pe_val));
        return r;
    }
    /* other callables: bind through the descriptor protocol */
    pe_val b;
    if (pe_descr_get(S, f, self, pe_typeof(self), &b)) return -1;
    int r = pe_call(S, b, argc, argv, kwnames, out);
    pe_decref(S, b);
    return r;
}

int pe_call_special(pe_state *S, pe_val v, enum pe_dunder d, int argc, const pe_val *argv,
                    pe_val *out) {
    pe_val f = pe_type_special(pe_typeof(v), d);
    if (f.tag == PE_TUNDEF) return 0;
    return pe_call_with_self(S, f, v, argc, argv, NULL, out) ? -1 : 1;
}

/* ------------------------------------------------------------------ */
/* Building a class from its body (BUILD_CLASS)                         */
/* ------------------------------------------------------------------ */

int pe_build_class(pe_state *S, pe_val func, pe_val name, const pe_val *bases, int nbases,
                   const pe_val *kwvals, int nkw, pe_obj *kwnames, pe_val *out) {
    pe_func *f = (pe_func *)func.u.o;
    pe_val ns, cell = pe_undef(), bt = pe_undef(), cls;
    int rc = -1;
    if (pe_dict_new(S, &ns)) return -1;
    pe_val mod;
    if (pe_str_from_cstr(S, pe_fcode_module(f->code), &mod)) goto done;
    rc = dict_set_cstr(S, PE_DICT(ns), "__module__", mod);
    pe_decref(S, mod);
    if (rc || dict_set_cstr(S, PE_DICT(ns), "__qualname__", pe_obj_val(f->code->qualname))) {
        rc = -1;
        goto done;
    }
    rc = -1;
    if (pe_vm_call_function(S, f, 1, &ns, NULL, &cell)) goto done;
    if (pe_tuple_pack(S, (size_t)nbases, bases, &bt)) goto done;
    if (pe_class_new(S, name, bt, ns, nkw, kwvals, kwnames, &cls)) goto done;
    if (pe_is_kind(cell, PE_K_CELL)) pe_assign(S, &((pe_cell *)cell.u.o)->v, cls);
    *out = cls;
    rc = 0;
done:
    pe_decref(S, ns);
    pe_decref(S, cell);
    pe_decref(S, bt);
    return rc;
}

/* ------------------------------------------------------------------ */
/* object                                                               */
/* ------------------------------------------------------------------ */

static int object_call(pe_state *S, pe_val c, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    (void)c;
    (void)argv;
    if (argc || nkwargs(kw)) return pe_raise(S, PE_EXC(TypeError), "object() takes no arguments");
    return pe_instance_new(S, &pe_type_object, out);
}

static int obj_init(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    (void)argv;
    if (argc) {
        const pe_type *t = pe_typeof(self);
        if (pe_is_heaptype(t) && PE_CLASS(t)->special[PE_DU_init].tag != PE_TUNDEF)
            return pe_raise(S, PE_EXC(TypeError),
                            "object.__init__() takes exactly one argument (the instance to initialize)");
        return pe_raise(S, PE_EXC(TypeError), "%s.__init__() takes exactly one argument (the instance to initialize)",
                        t->name);
    }
    (void)kw;
    *out = pe_none();
    return 0;
}

static int obj_new(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    /* object.__new__(cls, ...): self is the class */
    (void)argv;
    (void)kw;
    if (!pe_is_kind(self, PE_K_TYPE))
        return pe_raise(S, PE_EXC(TypeError), "object.__new__(X): X is not a type object (%s)",
                        pe_type_name(self));
    const pe_type *t = (const pe_type *)self.u.o;
    if (!pe_is_heaptype(t) && t != &pe_type_object)
        return pe_raise(S, PE_EXC(TypeError), "object.__new__(%s) is not safe, use %s.__new__()",
                        t->name, t->name);
    if (argc && pe_is_heaptype(t) && PE_CLASS(t)->special[PE_DU_init].tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes no arguments", t->name);
    return pe_instance_new(S, t, out);
}

/* The arguments of object.__setattr__ / __delattr__ / __getattribute__:
 * n of them, the first an attribute name. (CPython words the count of
 * __setattr__'s with a leading space: an argument parser given no name.) */
static int attr_args(pe_state *S, const char *fn, int n, int argc, const pe_val *argv, pe_obj *kw) {
    if (pe_no_kwargs(S, fn, kw)) return -1;
    if (argc != n)
        return pe_raise(S, PE_EXC(TypeError), "%sexpected %d argument%s, got %d", n == 2 ? " " : "", n,
                        n == 1 ? "" : "s", argc);
    if (!pe_is_str(argv[0]))
        return pe_raise(S, PE_EXC(TypeError), "attribute name must be string, not '%s'",
                        pe_type_name(argv[0]));
    return 0;
}

static int obj_setattr(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    if (attr_args(S, "__setattr__", 2, argc, argv, kw) ||
        pe_object_setattr_raw(S, self, argv[0].u.o, argv[1]))
        return -1;
    *out = pe_none();
    return 0;
}

static int obj_delattr(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    if (attr_args(S, "__delattr__", 1, argc, argv, kw) ||
        pe_object_setattr_raw(S, self, argv[0].u.o, pe_undef()))
        return -1;
    *out = pe_none();
    return 0;
}

static int obj_getattribute(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                            pe_val *out) {
    if (attr_args(S, "__getattribute__", 1, argc, argv, kw)) return -1;
    return pe_object_generic_getattr(S, self, argv[0].u.o, out);
}

static int obj_repr(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                    pe_val *out) {
    (void)argv;
    if (pe_no_kwargs(S, "__repr__", kw)) return -1;
    if (argc) return pe_raise(S, PE_EXC(TypeError), "expected 0 arguments, got %d", argc);
    pe_sb sb;
    pe_sb_init(&sb, S);
    return pe_sb_done_str(&sb, pe_object_default_repr(S, self, &sb), out);
}

static int obj_init_subclass(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                             pe_val *out) {
    (void)self;
    (void)argv;
    if (nkwargs(kw))
        return pe_raise(S, PE_EXC(TypeError), "%s.__init_subclass__() takes no keyword arguments",
                        pe_is_kind(self, PE_K_TYPE) ? ((const pe_type *)self.u.o)->name : "object");
    if (argc) return pe_raise(S, PE_EXC(TypeError), "__init_subclass__() takes no arguments (%d given)", argc);
    *out = pe_none();
    return 0;
}

static const pe_cfunc object_methods[] = {
    PE_METHOD("__init__", obj_init),
    PE_METHOD("__new__", obj_new),
    PE_METHOD("__setattr__", obj_setattr),
    PE_METHOD("__delattr__", obj_delattr),
    PE_METHOD("__getattribute__", obj_getattribute),
    PE_METHOD("__repr__", obj_repr),
    PE_METHOD("__init_subclass__", obj_init_subclass),
    PE_METHOD_END,
};

const pe_type pe_type_object = PE_TYPE("object", INSTANCE,
    .dealloc = pe_instance_dealloc,
    .repr = pe_object_default_repr,
    .hash = pe_identity_hash,
    .call = object_call,
    .getattr = pe_object_generic_getattr,
    .setattr = pe_object_generic_setattr,
    .methods = object_methods,
);

/* Classes that CPython implements in C (decimal.Decimal, collections.deque,
 * datetime.date, ...): messages name them by their dotted C type name, as
 * CPython does ("object of type 'datetime.date' has no len()"); __name__,
 * __qualname__ and the class repr are unchanged. */
int pe_class_set_cname(pe_state *S, pe_class *c, const char *module) {
    size_t ml = strlen(module), nl = PE_STR(c->name)->len;
    if (c->cname) return 0; /* named once, when its module is first run */
    char *buf = pe_mem_alloc(S, ml + nl + 2);
    if (!buf) return -1;
    memcpy(buf, module, ml);
    buf[ml] = '.';
    memcpy(buf + ml + 1, PE_STR(c->name)->data, nl);
    buf[ml + 1 + nl] = 0;
    c->cname = buf;
    c->tp.name = buf;
    return 0;
}
