/*
 * pe_class.h - user classes: heap type objects, instances, the attribute
 * protocol of objects, bound methods, descriptors (property, staticmethod,
 * classmethod, super). Private to the engine; include after pe_vm.h.
 *
 * LAYOUT (the contract with the special-method dispatchers, `dunders`):
 *
 *  - A heap type (made by `class` or 3-arg type()) is a pe_class whose
 *    first member is a pe_type: a `pe_class *` IS a `const pe_type *`, so
 *    every slot path of the engine works on it unchanged. Its ob.type is
 *    &pe_type_type (no metaclasses), ob.flags has PE_HEAPTYPE, it lives on
 *    the run heap and is reference counted like any object: every instance
 *    holds one reference to its type (dropped by the instance's dealloc,
 *    after the instance is freed).
 *  - tp.name points into the pe_str `name` (__name__). tp.base is the first
 *    base (single-inheritance walks such as pe_type_is_subtype over the
 *    built-in types keep working); the full C3 MRO is the tuple `mro`
 *    (self first, `object` last); pe_type_is_subtype consults it for heap
 *    types. The tuple leaves the class itself out (a class referencing
 *    itself would be a cycle only the end-of-run sweep frees): __mro__ is
 *    (cls,) + mro. tp.kind is PE_K_INSTANCE for classes whose solid base is
 *    `object`, else the kind of the built-in solid base (PE_K_EXC, PE_K_LIST
 *    ...), so kind switches treat a list subclass as a list. Code that must
 *    not take a built-in fast path for a subclass tests pe_is_heaptype().
 *  - The namespace is a real dict (`dict`, __dict__); class attribute
 *    writes go through pe_class_setattr, which keeps `special` current.
 *
 *  - Instances of a class whose solid base is `object`: pe_instance, a
 *    header, the __dict__ (a dict, created lazily: UNDEF until the first
 *    store; absent, dictoffset 0, when __slots__ removes it), then one pe_val
 *    per __slots__ name (UNDEF = unset). Size: cls->basicsize.
 *  - Instances of a class whose solid base is a built-in (Exception, list,
 *    dict, set...): the base's own struct (pe_exc, pe_list, ...) followed by
 *    the __dict__ pe_val at cls->dictoffset (CPython's tp_dictoffset), then
 *    the slots at cls->slotoffset. basicsize is the whole block. The base's
 *    part is built by the base's constructor logic and torn down by
 *    cls->base_fini (the base's dealloc without the free); the instance
 *    dealloc (pe_instance_dealloc) then frees basicsize bytes. Filling in
 *    base_new/base_fini per built-in base is the `dunders` side
 *    (pe_class_solid_base in class.c decides which bases are allowed).
 *
 *  - Slots: pe_class_new copies the solid base's slots into tp, then sets
 *    the ones every heap type has (dealloc/clear of the instance layout,
 *    getattr/setattr = the generic attribute protocol, call = NULL: calling
 *    an instance goes through __call__), then calls
 *    pe_class_install_slots(S, cls), which installs a dispatcher for every
 *    special method found in `special`. class_slots.c holds it; `dunders`
 *    owns that file (repr/str/hash/richcmp/binop/... dispatchers).
 *    `special[i]` is an owned reference to the MRO's value of the i-th
 *    PE_DUNDERS name (UNDEF if none); it is recomputed for the class and
 *    its (live) subclasses when such a name is set or deleted on a class.
 *
 *  - The type version tag (`version`) changes whenever the class or one of
 *    its bases is modified (attribute set/del on a class); attribute caches
 *    key on it. 0 = caching disabled for this type.
 */
#ifndef PE_CLASS_H
#define PE_CLASS_H

#include "pe_vm.h"

/* In the type object's ob.flags: a heap type (pe_class). */
#define PE_HEAPTYPE 0x100u

/* The special methods the dispatchers look up, in one table: the index
 * enum PE_DU_<name> and the name strings come from it. */
#define PE_DUNDERS(X)                                                                       \
    X(init) X(new) X(repr) X(str) X(format) X(hash) X(eq) X(ne) X(lt) X(le) X(gt) X(ge)      \
    X(bool) X(len) X(iter) X(next) X(reversed) X(getitem) X(setitem) X(delitem)             \
    X(contains) X(missing) X(call) X(getattr) X(getattribute) X(setattr) X(delattr)         \
    X(add) X(sub) X(mul) X(truediv) X(floordiv) X(mod) X(pow) X(matmul) X(lshift)           \
    X(rshift) X(and) X(or) X(xor) X(divmod)                                                 \
    X(radd) X(rsub) X(rmul) X(rtruediv) X(rfloordiv) X(rmod) X(rpow) X(rmatmul)             \
    X(rlshift) X(rrshift) X(rand) X(ror) X(rxor) X(rdivmod)                                 \
    X(iadd) X(isub) X(imul) X(itruediv) X(ifloordiv) X(imod) X(ipow) X(imatmul)             \
    X(ilshift) X(irshift) X(iand) X(ior) X(ixor)                                            \
    X(neg) X(pos) X(abs) X(invert) X(index) X(int) X(float) X(complex) X(round)             \
    X(trunc) X(floor) X(ceil) X(enter) X(exit) X(get) X(set) X(delete) X(set_name)          \
    X(init_subclass) X(class_getitem) X(length_hint) X(bytes) X(sizeof) X(dir)

enum pe_dunder {
#define PE_DU_ENUM(n) PE_DU_##n,
    PE_DUNDERS(PE_DU_ENUM)
#undef PE_DU_ENUM
        PE_DU__COUNT
};

/* "__init__" etc., indexed by enum pe_dunder. */
extern const char *const pe_dunder_names[PE_DU__COUNT];

typedef struct pe_class pe_class;

/* The per-class attribute cache: name (an owned reference, so its address
 * cannot be reused while cached) -> the MRO lookup's result (borrowed from
 * a class dict, UNDEF for "absent") at type version `version`. */
#define PE_MCACHE_SIZE 32
typedef struct pe_mcache_ent {
    pe_obj *name;
    uint32_t version;
    uint32_t absent; /* name equals none of the class's keys[0..absent) */
    pe_val value;
} pe_mcache_ent;

struct pe_class {
    pe_type tp;           /* MUST be first: (const pe_type *)cls works everywhere */
    pe_val name;          /* str __name__ (tp.name = its data, unless cname is set) */
    char *cname;          /* "module.Name" (pe_mem_alloc'ed) or NULL: the name CPython's
                             messages show for a class that is a C type there (tp.name =
                             it); a plain buffer, not a str, so that the end-of-run sweep
                             cannot free it before the class */
    pe_val qualname;      /* str __qualname__ */
    pe_val dict;          /* dict: the namespace (__module__, __doc__, methods...) */
    pe_val bases;         /* tuple of types (__bases__) */
    pe_val mro;           /* tuple of types: the MRO after the class itself, object last */
    const pe_type *solid; /* the built-in type whose layout instances extend:
                             &pe_type_object, PE_EXC(Exception), &pe_type_list... */
    uint32_t flags;       /* PE_CLS_* */
    uint32_t version;     /* type version tag; 0: do not cache */
    size_t basicsize;     /* bytes of an instance */
    size_t dictoffset;    /* offset of the __dict__ pe_val in an instance; 0: none */
    size_t slotoffset;    /* offset of the first __slots__ value */
    uint32_t nslots;      /* __slots__ values stored by this class and its bases */
    pe_val slotnames;     /* tuple of str, all nslots names in layout order, or UNDEF */
    /* the solid base's part of an instance (dunders fills these per base):
     * base_fini releases what the base struct holds without freeing the
     * block; NULL for object. */
    void (*base_fini)(pe_state *S, pe_obj *o);
    pe_val special[PE_DU__COUNT]; /* owned: MRO value of each dunder, or UNDEF */
    /* shared keys (instances whose solid base is object): the attribute
     * names instances store inline, in first-assignment order; append-only
     * (owned str references). inst_cap: the inline capacity new instances
     * get (grows when an instance outgrows it; while the table is empty,
     * instances get PE_INST_FIRST_CAP to learn it: one size for all of
     * them, so a freed instance's block is reused as CPython's would be). */
    pe_obj **keys;
    uint32_t nkeys, keys_cap, inst_cap;
    pe_class *sub_next;   /* intrusive list of the heap's live classes (for  */
    pe_class *sub_prev;   /* re-resolving `special` of subclasses)           */
    pe_mcache_ent mcache[PE_MCACHE_SIZE];
};

#define PE_CLS_HAS_DICT 0x1u       /* instances have a __dict__ */
#define PE_CLS_EQ_NO_HASH 0x2u     /* defines __eq__ but not __hash__: __hash__ = None */
#define PE_CLS_HAS_GETATTR 0x4u    /* __getattr__ / __getattribute__ somewhere in the MRO */
#define PE_CLS_HAS_SETATTR 0x8u    /* __setattr__ / __delattr__ somewhere in the MRO */
#define PE_CLS_HAS_DESCR_SET 0x10u /* some class attribute is a data descriptor */
#define PE_CLS_BOXED 0x20u         /* solid base int/float/str/tuple/bytes: a pe_boxed */

/* An instance of a class whose solid base is object.
 *
 * Attribute VALUES MODE (shared keys, CPython's split dicts in spirit):
 * while `dict` is UNDEF, the instance's attributes are the first NV values
 * of an inline array after the slots (at cls->basicsize, CAP entries
 * allocated with the instance), named by cls->keys[0..NV): an instance
 * assigning its attributes in the class's usual order needs no dict. NV
 * and CAP live in the high bytes of ob.flags. The first store that does
 * not follow the key table (another order, beyond CAP), a delete, or
 * taking __dict__ switches the instance to DICT MODE for good
 * (pe_instance_materialize: a real dict with the same items in the same
 * order). Instances of built-in subclasses have CAP 0 (dict mode). */
typedef struct pe_instance {
    pe_obj ob;
    pe_val dict;     /* dict or UNDEF (values mode); present iff PE_CLS_HAS_DICT */
    pe_val slots[];  /* __slots__ values (UNDEF = unset) */
} pe_instance;

#define PE_INST_MAXKEYS 64u
#define PE_INST_FIRST_CAP 16u
#define PE_INST_NV(o) ((o)->flags >> 24)
#define PE_INST_CAP(o) (((o)->flags >> 16) & 0xffu)
#define PE_INST_SET_NV(o, n) ((o)->flags = ((o)->flags & 0x00ffffffu) | ((uint32_t)(n) << 24))
PE_INLINE pe_val *pe_inst_values(pe_obj *o, const pe_class *c) {
    return (pe_val *)((char *)o + c->basicsize);
}
/* Index of name among the NV values of o (values mode), or -1. */
int pe_inst_find_slow(pe_class *c, uint32_t n, pe_obj *name);
PE_INLINE int pe_inst_find(pe_class *c, const pe_obj *o, pe_obj *name) {
    uint32_t n = PE_INST_NV(o);
    for (uint32_t i = 0; i < n; i++)
        if (c->keys[i] == name) return (int)i;
    return n ? pe_inst_find_slow(c, n, name) : -1;
}
/* pe_inst_find(c, o, name) < 0, answered first from the attribute cache
 * (a method name looked up on the class just before: no key scan). */
PE_INLINE bool pe_inst_absent(pe_class *c, const pe_obj *o, pe_obj *name) {
    const pe_mcache_ent *e = &c->mcache[((uintptr_t)name >> 4) & (PE_MCACHE_SIZE - 1)];
    if (e->name == name && e->absent >= PE_INST_NV(o)) return true;
    return pe_inst_find(c, o, name) < 0;
}
/* Stores a NEW attribute (pe_inst_find said -1) of o in values mode:
 * inline when it follows the key table, else switches to dict mode. val
 * borrowed. */
int pe_inst_add(pe_state *S, pe_obj *o, pe_class *c, pe_obj *name, pe_val val);
/* Switches o to dict mode (creates its __dict__ with the inline values);
 * no-op in dict mode or without a __dict__. */
int pe_instance_materialize(pe_state *S, pe_val v);

PE_INLINE bool pe_is_heaptype(const pe_type *t) { return (t->ob.flags & PE_HEAPTYPE) != 0; }
#define PE_CLASS(t) ((pe_class *)(t))

/* An instance of a subclass of int, float, str, tuple or bytes (the
 * immediates and the variable-size objects): the base value is held as a
 * pe_val (an exact int/float/str/tuple/bytes), followed by the __dict__
 * and __slots__ values as for other solid bases. The class's kind is
 * PE_K_INSTANCE (kind tests such as pe_is_str are false for it, as
 * CPython's *_CheckExact); the class's slots, the built-in methods bound
 * to it and the number conversions (pe_dunder_index/int/float) see the
 * base value through pe_unbox. */
typedef struct pe_boxed {
    pe_obj ob;
    pe_val value;
} pe_boxed;

/* Is v an instance of a boxed subclass (pe_boxed)? */
PE_INLINE bool pe_is_boxed(pe_val v) {
    return v.tag == PE_TOBJ && pe_is_heaptype(v.u.o->type) &&
           (((const pe_class *)v.u.o->type)->flags & PE_CLS_BOXED);
}
/* The base value of a boxed instance (borrowed); v itself otherwise. */
PE_INLINE pe_val pe_unbox(pe_val v) { return pe_is_boxed(v) ? ((pe_boxed *)v.u.o)->value : v; }

/* The type `object` (base of everything; `object()` makes a bare instance). */
extern const pe_type pe_type_object;
/* Bound method of a Python-level callable, property, staticmethod,
 * classmethod, super, types.GenericAlias. */
extern const pe_type pe_type_method, pe_type_property, pe_type_staticmethod,
    pe_type_classmethod, pe_type_super, pe_type_generic_alias;

typedef struct pe_method {
    pe_obj ob;
    pe_val func; /* the function (any callable) */
    pe_val self; /* the receiver */
} pe_method;

/* ---- classes (class.c) ---- */

/* type(name, bases, ns, **kw) / the class statement: a new heap type. ns is
 * copied. kwnames/kwvals (NULL/0 when none) go to __init_subclass__. */
int pe_class_new(pe_state *S, pe_val name, pe_val bases, pe_val ns, int nkw,
                 const pe_val *kwvals, pe_obj *kwnames, pe_val *out);
/* Looks name up along t's MRO (heap classes' dicts, then the built-in
 * types' method tables are NOT consulted): borrowed value or UNDEF. */
pe_val pe_type_lookup(const pe_type *t, pe_obj *name);
pe_val pe_type_lookup_cstr(const pe_type *t, const char *name);
/* pe_type_lookup through the class's attribute cache (heap types only);
 * the cache hit inline. */
pe_val pe_class_lookup_miss(pe_state *S, pe_class *c, pe_obj *name);
PE_INLINE pe_val pe_class_lookup(pe_state *S, pe_class *c, pe_obj *name) {
    const pe_mcache_ent *e = &c->mcache[((uintptr_t)name >> 4) & (PE_MCACHE_SIZE - 1)];
    if (PE_LIKELY(e->name == name && e->version == c->version && c->version)) return e->value;
    return pe_class_lookup_miss(S, c, name);
}
/* Same for a PE_DUNDERS entry: the cached special[] of a heap type, UNDEF
 * for built-in types. Borrowed. */
PE_INLINE pe_val pe_type_special(const pe_type *t, enum pe_dunder d) {
    return pe_is_heaptype(t) ? ((const pe_class *)t)->special[d] : pe_undef();
}
/* t is base or derives from it (MRO for heap types). */
bool pe_class_is_subtype(const pe_type *t, const pe_type *base);
/* After the class attribute `name` of cls was set or deleted (called by
 * pe_class_setattr): new version tags for cls and its subclasses; for a
 * special method of the table, that one entry of special[], the flags and
 * pe_class_install_slots again; descr: a data descriptor came or went
 * (the flags' descriptor bit is recomputed). */
int pe_class_changed(pe_state *S, pe_class *cls, const char *name, bool descr);
/* After cls's namespace was filled wholesale (a snapshot's loader): every
 * special method, the flags and the slots again, for cls and its
 * subclasses. */
int pe_class_refresh(pe_state *S, pe_class *cls);

/* ---- the hook the special-method dispatchers own (class_slots.c) ---- */

/* Installs tp slots for the dunders present in cls->special (after
 * copying the solid base's slots). 0 or -1. */
int pe_class_install_slots(pe_state *S, pe_class *cls);

/* ---- instances and the attribute protocol (class.c) ---- */

/* object.__new__(cls): a bare instance (dict UNDEF, slots UNDEF). */
int pe_instance_new(pe_state *S, const pe_type *cls, pe_val *out);
/* The __dict__ slot of v's instance layout, or NULL when it has none. */
pe_val *pe_instance_dictptr(pe_val v);
/* object.__getattribute__ / __setattr__ / __delattr__ (val UNDEF): data
 * descriptors on the type, instance dict, other class attributes.
 * getattr raises AttributeError "'A' object has no attribute 'x'". */
int pe_object_generic_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out);
int pe_object_generic_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val);
/* setattr(obj, name, val) / del (val UNDEF) for any value: the type's
 * setattr slot, or CPython's errors for built-ins. */
int pe_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val);
/* Attribute set/del on a class object. */
int pe_class_setattr(pe_state *S, pe_class *cls, pe_obj *name, pe_val val);
/* descr.__get__(obj, type) if descr's type defines __get__ (function ->
 * bound method, property, staticmethod, classmethod, user descriptors);
 * otherwise descr itself. obj UNDEF: looked up on the class. */
int pe_descr_get(pe_state *S, pe_val descr, pe_val obj, const pe_type *type, pe_val *out);
/* A bound method object. */
int pe_method_new(pe_state *S, pe_val func, pe_val self, pe_val *out);
/* Calls the special method d of v's type with v as self (args borrowed);
 * 1 = done, 0 = the type has no such method (nothing raised), -1 error. */
int pe_call_special(pe_state *S, pe_val v, enum pe_dunder d, int argc, const pe_val *argv,
                    pe_val *out);
/* Calls f(self, *argv) without building a bound method. */
int pe_call_with_self(pe_state *S, pe_val f, pe_val self, int argc, const pe_val *argv,
                      pe_obj *kwnames, pe_val *out);

/* Instance layout teardown (the tp.dealloc / tp.clear of heap types). */
void pe_instance_dealloc(pe_state *S, pe_obj *o);
void pe_instance_clear(pe_state *S, pe_obj *o);

/* The instance layout of a built-in solid base (pe_class.h LAYOUT): 1 and
 * *size = its struct size, *fini = its teardown without the free; 0 when
 * subclassing that base is not supported (class creation raises
 * NotImplementedError). (class_slots.c: the dunders side.) */
int pe_class_base_layout(const pe_type *solid, size_t *size, void (**fini)(pe_state *, pe_obj *));

/* Do subclasses of the built-in solid base hold a pe_boxed (int, float,
 * str, tuple, bytes)? (class_base.c) */
bool pe_class_base_boxed(const pe_type *solid);

/* The solid base's constructor and initialiser for an instance of cls
 * (cls->solid != &pe_type_object): base_new allocates cls->basicsize
 * bytes (dict and slots UNDEF), increfs cls and builds the base part from
 * the arguments; base_init is the base's __init__ (list.__init__(it),
 * BaseException.__init__(*args)...). (class_slots.c: the dunders side.) */
int pe_class_base_new(pe_state *S, pe_class *cls, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out);
int pe_class_base_init(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames);

/* ---- the rest of the machinery (class.c, descr.c) ---- */

/* Is v a data descriptor (property, slot member, a class with __set__ or
 * __delete__)? */
bool pe_is_data_descr(pe_val v);
/* descr.__set__(obj, val) / descr.__delete__(obj) (val UNDEF). */
int pe_descr_set(pe_state *S, pe_val descr, pe_val obj, pe_val val);
/* object.__setattr__ itself: data descriptors, then the instance dict. */
int pe_object_setattr_raw(pe_state *S, pe_val v, pe_obj *name, pe_val val);
/* Attributes of class objects (type's getattr/setattr slots). */
int pe_class_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out);
int pe_type_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val);
int pe_class_mro_tuple(pe_state *S, const pe_class *c, pe_val *out);
/* Messages name class c "module.Name" (a C type in CPython). */
int pe_class_set_cname(pe_state *S, pe_class *c, const char *module);
/* <class '__main__.A'> and <__main__.A object at 0x...> */
int pe_class_repr(pe_state *S, const pe_type *t, pe_sb *sb);
/* A heap type's __module__ when it is a str other than "builtins" (the
 * prefix of its repr), else NULL. */
const char *pe_class_module(const pe_type *t);
/* An exception class's name as a traceback's last line shows it. */
int pe_class_put_exc_name(pe_sb *sb, const pe_type *t);
enum { PE_META_ITER, PE_META_LEN, PE_META_CONTAINS, PE_META_REPR };
int pe_class_meta(pe_state *S, pe_val cls, int op, pe_val arg, pe_val *out);
int pe_object_default_repr(pe_state *S, pe_val v, pe_sb *sb);
/* The type object's dealloc/clear for heap types (pe_type_type's slots). */
void pe_class_type_dealloc(pe_state *S, pe_obj *o);
void pe_class_type_clear(pe_state *S, pe_obj *o);
/* tp.call of heap types: __new__ then __init__. */
int pe_class_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                  pe_val *out);
/* BUILD_CLASS: runs the body function with a fresh namespace, makes the
 * class, fills the __class__ cell the body returned. */
int pe_build_class(pe_state *S, pe_val func, pe_val name, const pe_val *bases, int nbases,
                   const pe_val *kwvals, int nkw, pe_obj *kwnames, pe_val *out);
/* staticmethod / classmethod objects, and property objects (descr.c;
 * snapshot.c reads and makes them too). */
typedef struct pe_wrapper {
    pe_obj ob;
    pe_val func;
    pe_val dict; /* UNDEF */
} pe_wrapper;

typedef struct pe_property {
    pe_obj ob;
    pe_val fget, fset, fdel, doc, name; /* None when absent; name UNDEF until __set_name__ */
} pe_property;

/* staticmethod(f) / classmethod(f) (t is one of the two types). */
int pe_wrap_descriptor(pe_state *S, const pe_type *t, pe_val f, pe_val *out);
/* A __slots__ member descriptor of owner for slot index. */
int pe_member_new(pe_state *S, pe_class *owner, pe_val name, uint32_t index, pe_val *out);
extern const pe_type pe_type_member_descriptor;
/* super() without arguments: the __class__ cell and first argument of the
 * calling Python frame. */
int pe_super_new(pe_state *S, int argc, const pe_val *argv, pe_val *out);
/* list[int]: types.GenericAlias(origin, args). */
int pe_generic_alias_new(pe_state *S, pe_val origin, pe_val args, pe_val *out);
/* dir() of a heap-type instance or class (sorted list); the AttributeError
 * "Did you mean" hint from it (with the pending AttributeError). */
int pe_class_dir(pe_state *S, pe_val v, pe_val *out);
void pe_class_attr_suggest(pe_state *S, pe_val obj, const pe_str *name);
/* error.c: dir(obj) of a built-in object or type, or of the math and sys
 * modules: CPython 3.11's list (the generated table behind the hints, so
 * it may name attributes pyexpr does not implement). 1 with a new list in
 * *out, 0 no table entry, -1 error. */
int pe_dir_builtin(pe_state *S, pe_val obj, pe_val *out);
/* Is the built-in types' method `name` a class method (dict.fromkeys,
 * bytes.fromhex, int.from_bytes)? (object.c) */
bool pe_builtin_classmethod(const char *name);
/* The builtins this file adds (builtins.c's table). */
extern const pe_cfunc pe_bi_setattr, pe_bi_delattr, pe_bi_vars, pe_bi_dir;

#endif /* PE_CLASS_H */
