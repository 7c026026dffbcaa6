/*
 * cont_internal.h - helpers private to the container files (tuple.c,
 * list.c, dict.c, set.c, slice.c, iter.c): argument checking worded like
 * CPython's, keyword-name matching, and the cross-file entry points of the
 * in-place operators. Not part of the engine-wide interface.
 */
#ifndef PE_CONT_INTERNAL_H
#define PE_CONT_INTERNAL_H

#include "pe_vm.h"

/* Number of keyword arguments (kwnames is NULL or a tuple of str). */
PE_INLINE size_t cont_nkw(pe_obj *kwnames) {
    return kwnames ? ((pe_tuple *)kwnames)->n : 0;
}

/* Name of keyword i (a str object). */
PE_INLINE const pe_str *cont_kwname(pe_obj *kwnames, size_t i) {
    return PE_STR(((pe_tuple *)kwnames)->items[i]);
}

PE_INLINE bool cont_str_is(const pe_str *s, const char *lit) {
    size_t n = strlen(lit);
    return s->len == n && memcmp(s->data, lit, n) == 0;
}

/* Equality as CPython's PyObject_RichCompareBool(Py_EQ) inside containers:
 * identical values are equal without comparing. pe_eq treats NaN as never
 * identical; here a NaN is identical to itself (same bits), as CPython's
 * `x = float('nan'); [x] == [x]` and `x in [x]` are True. */
PE_INLINE int cont_eq(pe_state *S, pe_val a, pe_val b) {
    return pe_is(a, b) ? 1 : pe_eq(S, a, b);
}
/* cont_eq(held, b) keeping held (a container's item, which the comparison
 * could remove from its container) alive while it runs. */
PE_INLINE int cont_eq_held(pe_state *S, pe_val held, pe_val b) {
    pe_incref(held);
    int k = cont_eq(S, held, b);
    pe_decref(S, held);
    return k;
}

/* METH_NOARGS: "list.reverse() takes no arguments (1 given)". */
int pe_cont_noargs(pe_state *S, const char *qualname, int argc, pe_obj *kwnames);
/* METH_O: "list.append() takes exactly one argument (0 given)". */
int pe_cont_onearg(pe_state *S, const char *qualname, int argc, pe_obj *kwnames);
/* Positional-only clinic functions: "pop expected at most 1 argument, got
 * 2"; keywords: "list.pop() takes no keyword arguments". */
int pe_cont_posargs(pe_state *S, const char *qualname, const char *name, int argc,
                 pe_obj *kwnames, int min, int max);
/* "%s() takes no keyword arguments" when kwnames is not empty. */
int pe_cont_nokw(pe_state *S, const char *qualname, pe_obj *kwnames);

/* Index argument of index()/insert() etc. (_PyEval_SliceIndexNotNone):
 * ints clipped to the int64 range, else TypeError "slice indices must be
 * integers or have an __index__ method". */
int pe_cont_slice_index(pe_state *S, pe_val v, int64_t *out);

/* Normalises a sequence index (negative counts from the end). Returns 0 and
 * *out in [0, n) or raises exc ("list index out of range") / TypeError
 * "<tname> indices must be integers or slices, not <type>" for non-ints. */
int pe_cont_seq_index(pe_state *S, pe_val key, size_t n, const char *tname, const char *oor,
                   size_t *out);

/* Repetition count of seq * n: int/bool (negative -> 0), TypeError "can't
 * multiply sequence by non-int of type 'float'", OverflowError for bigints.
 * Returns 0 ok / -1 error. */
int pe_cont_repeat_count(pe_state *S, pe_val n, int64_t *out);

/* The set and dict parts of pe_container_inplace (list.c dispatches). */
int pe_cont_set_inplace(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);
int pe_cont_dict_ior(pe_state *S, pe_val a, pe_val b, pe_val *out);

/* set.c, for the dict views: s.intersection(other) (other any iterable),
 * and s |= / -= / ^= other with any iterable (update, difference_update,
 * symmetric_difference_update). */
int pe_cont_set_intersection(pe_state *S, pe_set *s, pe_val other, pe_val *out);
int pe_cont_set_update_op(pe_state *S, pe_set *s, int op, pe_val other);

/* tuple.c: sequence helpers shared with list.c. Arrays are passed by
 * pointer to the owner's fields and re-read after every comparison, since
 * a comparison may mutate a list. */
int pe_cont_seq_richcmp_ref(pe_state *S, pe_val *const *a, const size_t *na, pe_val *const *b,
                         const size_t *nb, int op, pe_val *out);
int pe_cont_repeat_size(pe_state *S, size_t n, int64_t count, size_t *total);
int pe_cont_seq_contains(pe_state *S, pe_val *const *items, const size_t *n, pe_val x);
int pe_cont_seq_count(pe_state *S, pe_val *const *items, const size_t *n, pe_val x, pe_val *out);
/* 1 found (*out = index), 0 not found, -1 error */
int pe_cont_seq_index_of(pe_state *S, pe_val *const *items, const size_t *n, int argc,
                      const pe_val *argv, pe_val *out);

/* dict.c: the hash of key (str/int fast paths, else pe_hash). */
int pe_cont_hash(pe_state *S, pe_val key, int64_t *out);
/* dict.c: lookup with a known hash; 1 found (*out borrowed), 0 missing. */
int pe_cont_dict_get_h(pe_state *S, pe_dict *d, pe_val key, int64_t hash, pe_val *out);
/* set.c: membership with a known hash. */
int pe_cont_set_contains_h(pe_state *S, pe_set *s, pe_val key, int64_t hash);
/* set.c: looks for an item x of the iterable items whose membership
 * contains(S, container, x) is want (1 or 0): 1 found, 0 none, -1 error. */
int pe_cont_find_membership(pe_state *S, pe_val items, pe_val container,
                            int (*contains)(pe_state *, pe_val, pe_val), int want);

/* The call slot of a container type doubles as its constructor; pe_call
 * also routes calls of *instances* to it, which must fail like CPython:
 * "'list' object is not callable". */
int pe_cont_type_call_check(pe_state *S, pe_val callee);

/* The trashcan and the native recursion guard live in state.c
 * (pe_trash_begin/end, pe_recursion_enter/leave); these are their names
 * in the container files. */
PE_INLINE bool cont_trash_begin(pe_state *S, pe_obj *o) { return pe_trash_begin(S, o); }
PE_INLINE void cont_trash_end(pe_state *S) { pe_trash_end(S); }

/* Appends "a, b, c" (reprs of n values joined by ", ") to sb. */
int pe_cont_repr_items(pe_state *S, const pe_val *items, size_t n, pe_sb *sb);

PE_INLINE int cont_enter_recursion(pe_state *S, const char *where) {
    return pe_recursion_enter(S, where);
}
PE_INLINE void cont_leave_recursion(pe_state *S) { pe_recursion_leave(S); }

#endif /* PE_CONT_INTERNAL_H */
