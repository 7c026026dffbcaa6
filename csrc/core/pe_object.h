/*
 * pe_object.h - values (pe_val), objects and types (pe_obj, pe_type slots, kinds), reference counting; the common macros.
 * One area of the engine's internal object model; include pe_internal.h,
 * which includes every area in order.
 */
#ifndef PE_OBJECT_H
#define PE_OBJECT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pyexpr.h"

#if defined(__GNUC__)
#define PE_LIKELY(x) __builtin_expect(!!(x), 1)
#define PE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define PE_INLINE static inline __attribute__((always_inline))
#define PE_NOINLINE __attribute__((noinline))
#define PE_UNUSED __attribute__((unused))
#else
#define PE_LIKELY(x) (x)
#define PE_UNLIKELY(x) (x)
#define PE_PRINTF(a, b)
#define PE_INLINE static inline
#define PE_NOINLINE
#define PE_UNUSED
#endif

/* PE_ASSERT(cond): an engine invariant (stack depth, frame bounds, handler
 * regions). Checked in debug and sanitizer builds (-DPE_DEBUG), where a
 * violation aborts with its location; compiled out of release builds. */
#ifdef PE_DEBUG
void pe_assert_fail(const char *cond, const char *file, int line);
#define PE_ASSERT(cond) ((cond) ? (void)0 : pe_assert_fail(#cond, __FILE__, __LINE__))
#else
#define PE_ASSERT(cond) ((void)0)
#endif

typedef struct pe_obj pe_obj;
typedef struct pe_type pe_type;
typedef struct pe_sb pe_sb;

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/* PE_TUNDEF marks "no value" (unbound local, empty slot); never visible to
 * Python code. Everything that is not an immediate is PE_TOBJ. */
enum { PE_TUNDEF = 0, PE_TNONE, PE_TBOOL, PE_TINT, PE_TFLOAT, PE_TOBJ };

typedef struct pe_val {
    uint32_t tag;
    uint32_t aux; /* unused by value semantics; must be 0 */
    union {
        int64_t i; /* PE_TINT, PE_TBOOL (0/1) */
        double f;  /* PE_TFLOAT */
        pe_obj *o; /* PE_TOBJ */
    } u;
} pe_val;

PE_INLINE pe_val pe_undef(void) { pe_val v = {PE_TUNDEF, 0, {.i = 0}}; return v; }
PE_INLINE pe_val pe_none(void) { pe_val v = {PE_TNONE, 0, {.i = 0}}; return v; }
PE_INLINE pe_val pe_bool(int b) { pe_val v = {PE_TBOOL, 0, {.i = b != 0}}; return v; }
PE_INLINE pe_val pe_int(int64_t i) { pe_val v = {PE_TINT, 0, {.i = i}}; return v; }
PE_INLINE pe_val pe_float(double f) { pe_val v = {PE_TFLOAT, 0, {.f = f}}; return v; }
PE_INLINE pe_val pe_obj_val(pe_obj *o) { pe_val v = {PE_TOBJ, 0, {.o = o}}; return v; }

/* ------------------------------------------------------------------ */
/* Objects                                                             */
/* ------------------------------------------------------------------ */

#define PE_IMMORTAL 0x1u /* static or code-owned constant: never counted */

/* Every heap object starts with this header. All live heap objects of a
 * state are on a doubly linked list so pe_state_free / end of a run can
 * reclaim reference cycles. */
struct pe_obj {
    const pe_type *type;
    uint32_t rc;
    uint32_t flags;
    pe_obj *gc_next, *gc_prev;
};

/* Kinds: a small integer per type so hot code can switch without pointer
 * comparisons. ORDER is irrelevant (no tables indexed by it outside this
 * list). */
#define PE_KINDS(X)                                                            \
    X(NONE) X(BOOL) X(INT) X(FLOAT) X(STR) X(TUPLE) X(LIST) X(DICT) X(SET)     \
    X(FROZENSET) X(RANGE) X(SLICE) X(FUNC) X(CFUNC) X(BMETHOD) X(CELL) X(CODE) \
    X(TYPE) X(EXC) X(MODULE) X(ITER) X(VIEW) X(HOST) X(INSTANCE) X(OTHER) X(BYTES) X(BYTEARRAY)

enum pe_kind {
#define PE_K_ENUM(n) PE_K_##n,
    PE_KINDS(PE_K_ENUM)
#undef PE_K_ENUM
        PE_K__COUNT
};

/* Comparison operators (same order as CPython's Py_LT..Py_GE). */
enum { PE_LT = 0, PE_LE, PE_EQ, PE_NE, PE_GT, PE_GE };

/* The truth of `x OP y` given the three-way result c = sign(x - y). */
static inline bool pe_cmp_order(int c, int op) {
    switch (op) {
    case PE_LT: return c < 0;
    case PE_LE: return c <= 0;
    case PE_EQ: return c == 0;
    case PE_NE: return c != 0;
    case PE_GT: return c > 0;
    default: return c >= 0;
    }
}

/* `a OP b` for doubles (IEEE semantics: every comparison with NaN is
 * false except !=). */
static inline bool pe_cmp_double(double a, double b, int op) {
    switch (op) {
    case PE_LT: return a < b;
    case PE_LE: return a <= b;
    case PE_EQ: return a == b;
    case PE_NE: return a != b;
    case PE_GT: return a > b;
    default: return a >= b;
    }
}

/* Result of a slot that may decline an operation. */
#define PE_NOTIMPL 1

/* A native function. argv[0..argc-1] are borrowed positional args;
 * kwnames is NULL or a tuple of str naming the LAST nkw entries of argv
 * (CPython vectorcall layout: argc counts positional + keyword values).
 * self is the bound receiver for methods (PE_TUNDEF for plain functions). */
typedef int (*pe_cfunc_fn)(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out);

/* A native function object. Static immortal instances form the method
 * tables of types (self UNDEF there); LOAD_METHOD pushes the entry and the
 * receiver, so calling a method allocates nothing. Bound methods made by
 * attribute access (`s.upper`) are heap copies with self set. */
typedef struct pe_cfunc {
    pe_obj ob;
    const char *name;
    pe_cfunc_fn fn;
    pe_val self; /* bound receiver or UNDEF */
} pe_cfunc;

extern const pe_type pe_type_builtin;
#define PE_STATIC_HEAD(tp) {(tp), 1, PE_IMMORTAL, NULL, NULL}
/* One entry of a method table: PE_METHOD("upper", str_upper) */
/* The head of a module-level C function (the fn of a pe_cfunc, self unused):
 * `PE_MODFN(math_floor) { ... }`. */
#define PE_MODFN(name)                                                                      \
    static int name(pe_state *S, PE_UNUSED pe_val self, int argc, const pe_val *argv,       \
                    pe_obj *kw, pe_val *out)
#define PE_METHOD(n, f) {PE_STATIC_HEAD(&pe_type_builtin), (n), (f), {PE_TUNDEF, 0, {.i = 0}}}
#define PE_METHOD_END {PE_STATIC_HEAD(NULL), NULL, NULL, {PE_TUNDEF, 0, {.i = 0}}}

/* Type objects. Slots are NULL when unsupported; the generic layer
 * (object.c) produces CPython's error messages in that case. */
struct pe_type {
    pe_obj ob;
    const char *name;    /* as in CPython's messages: "int", "NoneType" */
    const pe_type *base; /* single inheritance (bool->int, exceptions) */
    uint16_t kind;       /* enum pe_kind */
    uint16_t exc_id;     /* for exception types: enum pe_exc_id */
    /* bytes of a fixed-size instance, for pe_dealloc_cleared (0: the type
     * has its own dealloc) */
    uint32_t size;
    /* frees owned references and the object itself (via pe_obj_free) */
    void (*dealloc)(pe_state *S, pe_obj *o);
    /* drops every reference the object holds, leaving it empty but valid
     * for dealloc (used to reclaim reference cycles); NULL if it holds none */
    void (*clear)(pe_state *S, pe_obj *o);
    int (*repr)(pe_state *S, pe_val v, pe_sb *sb); /* append repr */
    int (*str)(pe_state *S, pe_val v, pe_sb *sb);  /* NULL: use repr */
    int (*hash)(pe_state *S, pe_val v, int64_t *out); /* NULL: unhashable */
    /* a OP b where at least one operand has this type; PE_NOTIMPL to decline */
    int (*richcmp)(pe_state *S, pe_val a, pe_val b, int op, pe_val *out);
    int (*binop)(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);
    int (*truth)(pe_state *S, pe_val v);       /* 0/1, -1 error; NULL: len or true */
    int (*len)(pe_state *S, pe_val v, int64_t *out);
    int (*iter)(pe_state *S, pe_val v, pe_val *out);
    /* 1 = produced *out, 0 = exhausted (no exception), -1 = error */
    int (*next)(pe_state *S, pe_val it, pe_val *out);
    int (*getitem)(pe_state *S, pe_val v, pe_val key, pe_val *out);
    int (*setitem)(pe_state *S, pe_val v, pe_val key, pe_val val); /* val UNDEF = delete */
    int (*contains)(pe_state *S, pe_val v, pe_val x);              /* 0/1/-1 */
    int (*call)(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                pe_val *out);
    int (*getattr)(pe_state *S, pe_val v, pe_obj *name, pe_val *out); /* NULL: methods */
    /* v.name = val (val UNDEF: del v.name); NULL: attributes are read-only */
    int (*setattr)(pe_state *S, pe_val v, pe_obj *name, pe_val val);
    const pe_cfunc *methods; /* terminated by PE_METHOD_END (name NULL) */
};

/* ------------------------------------------------------------------ */
/* Reference counting                                                  */
/* ------------------------------------------------------------------ */

void pe_obj_dealloc(pe_state *S, pe_obj *o); /* rc reached 0 */
/* The dealloc slot of a fixed-size type whose clear slot (if any) drops
 * every reference it holds: clear, then free type->size bytes, inside the
 * trashcan (so freeing a long chain does not recurse without bound). */
void pe_dealloc_cleared(pe_state *S, pe_obj *o);
/* In a type object: `PE_DEALLOC_CLEARED(pe_list),` sets both the dealloc
 * slot and the instance size it frees. */
#define PE_DEALLOC_CLEARED(T) .dealloc = pe_dealloc_cleared, .size = sizeof(T)
/* A static type object named tname of kind PE_K_<k>, then its slots:
 * `const pe_type pe_type_x = PE_TYPE("x", OTHER, .repr = x_repr, ...);` */
#define PE_TYPE(tname, k, ...) \
    {.ob = PE_STATIC_HEAD(&pe_type_type), .name = (tname), .kind = PE_K_##k, __VA_ARGS__}
/* The type object of a plain iterator over a T (clearfn may be NULL):
 * `const pe_type pe_type_x = PE_ITER_TYPE("x_iterator", T, x_next, x_clear);` */
#define PE_ITER_TYPE(tname, T, nextfn, clearfn)                                          \
    PE_TYPE(tname, ITER, PE_DEALLOC_CLEARED(T), .clear = (clearfn), .iter = pe_iter_self, \
            .next = (nextfn))
/* CPython's _Py_HashPointerRaw: the address rotated right by 4 bits. */
PE_INLINE uint64_t pe_hash_pointer_raw(const void *p) {
    uint64_t h = (uint64_t)(uintptr_t)p;
    return (h >> 4) | (h << 60);
}
/* The hash slot of object.__hash__: v's identity (-1 becomes -2). */
int pe_identity_hash(pe_state *S, pe_val v, int64_t *out);
/* The iter slot of an iterator: iter(it) is it. */
int pe_iter_self(pe_state *S, pe_val v, pe_val *out);

PE_INLINE void pe_incref_obj(pe_obj *o) {
    if (!(o->flags & PE_IMMORTAL)) o->rc++;
}
PE_INLINE void pe_decref_obj(pe_state *S, pe_obj *o) {
    PE_ASSERT((o->flags & PE_IMMORTAL) || o->rc > 0); /* no release of a dead object */
    if (!(o->flags & PE_IMMORTAL) && --o->rc == 0) pe_obj_dealloc(S, o);
}
PE_INLINE void pe_incref(pe_val v) {
    if (v.tag == PE_TOBJ) pe_incref_obj(v.u.o);
}
/* v with one more reference: for storing a borrowed value (s->f = pe_newref(v)). */
PE_INLINE pe_val pe_newref(pe_val v) {
    pe_incref(v);
    return v;
}
PE_INLINE void pe_decref(pe_state *S, pe_val v) {
    if (v.tag == PE_TOBJ) pe_decref_obj(S, v.u.o);
}
/* Empties *slot (UNDEF first, then releases the old value: a dealloc it
 * triggers never sees the stale reference). */
PE_INLINE void pe_drop(pe_state *S, pe_val *slot) {
    pe_val old = *slot;
    *slot = pe_undef();
    pe_decref(S, old);
}
/* *slot's value, the slot left UNDEF: its reference moves to the caller. */
PE_INLINE pe_val pe_take(pe_val *slot) {
    pe_val v = *slot;
    *slot = pe_undef();
    return v;
}
/* The last step of making *out: r < 0 (a failed step) releases *out (it
 * becomes UNDEF) and gives -1; otherwise 0 with *out kept. */
PE_INLINE int pe_out_done(pe_state *S, int r, pe_val *out) {
    if (r >= 0) return 0;
    pe_drop(S, out);
    return -1;
}
/* Replace *slot with v (v borrowed; slot's old value released). */
PE_INLINE void pe_assign(pe_state *S, pe_val *slot, pe_val v) {
    pe_val old = *slot;
    pe_incref(v);
    *slot = v;
    pe_decref(S, old);
}

#endif /* PE_OBJECT_H */
