/*
 * pe_cont.h - containers, slices, iterators and views.
 * One area of the engine's internal object model; include pe_internal.h,
 * which includes every area in order.
 */
#ifndef PE_CONT_H
#define PE_CONT_H

#include "pe_proto.h"

/* ------------------------------------------------------------------ */
/* Containers (tuple.c, list.c, dict.c, set.c, slice.c, iter.c)         */
/* ------------------------------------------------------------------ */

typedef struct pe_tuple {
    pe_obj ob;
    size_t n;
    pe_val items[];
} pe_tuple;

typedef struct pe_list {
    pe_obj ob;
    size_t n, cap;
    pe_val *items; /* NULL when cap == 0 */
} pe_list;

/* Insertion-ordered hash table (CPython's compact dict layout): entries in
 * insertion order, an index table of 2**k slots. Deleted entries have key
 * PE_TUNDEF. Growth mirrors dictobject.c (usable = 2/3 of the slots, resize
 * to used*3 when no usable entry is left) so that mutation during iteration
 * behaves as in CPython. An empty dict owns no table (mask 0, index NULL).
 * (Sets have their own table in set.c mirroring setobject.c so that
 * iteration order matches CPython for ints.) */
typedef struct pe_dict_entry {
    int64_t hash;
    pe_val key, value;
} pe_dict_entry;

typedef struct pe_dict {
    pe_obj ob;
    size_t used;     /* live entries */
    size_t nentries; /* entries used incl. deleted */
    size_t cap;      /* entries capacity: (mask+1)*2/3, 0 when no table */
    size_t usable;   /* entries left before a resize (CPython's dk_usable) */
    size_t mask;     /* index table size - 1 (0 when no table) */
    int64_t *index;  /* -1 empty, -2 deleted, else entry number */
    pe_dict_entry *entries;
    uint64_t version; /* bumped on every mutation (iterators detect change) */
} pe_dict;

/* set / frozenset: open addressing exactly as CPython's setobject.c
 * (LINEAR_PROBES 9, PERTURB_SHIFT 5, 8-slot small table, fill*5 >= mask*3
 * growth to used*4) so iteration order matches CPython. A slot is empty
 * when key is PE_TUNDEF and hash 0, a dummy (deleted) when key is
 * PE_TUNDEF and hash -1. */
typedef struct pe_set_entry {
    pe_val key;
    int64_t hash;
} pe_set_entry;

#define PE_SET_MINSIZE 8
typedef struct pe_set {
    pe_obj ob;
    size_t fill;  /* active + dummy slots */
    size_t used;  /* active slots */
    size_t mask;  /* table size - 1 */
    size_t finger; /* where pop() starts searching */
    int64_t hash; /* frozenset hash cache, -1 when not computed */
    pe_set_entry *table; /* smalltable or a pe_mem block of mask+1 */
    pe_set_entry smalltable[PE_SET_MINSIZE];
} pe_set;

#define PE_TUPLE(v) ((pe_tuple *)(v).u.o)
#define PE_LIST(v) ((pe_list *)(v).u.o)
#define PE_DICT(v) ((pe_dict *)(v).u.o)
#define PE_SET(v) ((pe_set *)(v).u.o)
PE_INLINE bool pe_is_tuple(pe_val v) { return pe_is_kind(v, PE_K_TUPLE); }
PE_INLINE bool pe_is_list(pe_val v) { return pe_is_kind(v, PE_K_LIST); }
PE_INLINE bool pe_is_dict(pe_val v) { return pe_is_kind(v, PE_K_DICT); }
PE_INLINE bool pe_is_anyset(pe_val v) {
    return pe_is_kind(v, PE_K_SET) || pe_is_kind(v, PE_K_FROZENSET);
}

int pe_tuple_new(pe_state *S, size_t n, pe_val *out); /* items PE_TUNDEF (fill them) */
int pe_tuple_pack(pe_state *S, size_t n, const pe_val *items, pe_val *out); /* increfs */
int pe_tuple_from_iter(pe_state *S, pe_val iterable, pe_val *out);       /* tuple(x) */
int pe_list_new(pe_state *S, size_t cap, pe_val *out);
int pe_list_append(pe_state *S, pe_list *l, pe_val v); /* increfs v */
int pe_list_append_steal(pe_state *S, pe_list *l, pe_val v); /* takes v, even on error */
void pe_list_reverse(pe_list *l);                            /* in place */
int pe_list_from_iter(pe_state *S, pe_val iterable, pe_val *out); /* list(x) */
int pe_list_extend(pe_state *S, pe_list *l, pe_val iterable);     /* l.extend(x) */
int pe_list_to_tuple(pe_state *S, pe_list *l, pe_val *out);       /* LIST_TO_TUPLE */
/* Stable sort in place; key UNDEF or None = no key function. CPython's
 * "'<' not supported between instances of ..." on uncomparable items; the
 * list is left a permutation of its items on error. */
int pe_list_sort(pe_state *S, pe_list *l, pe_val key, bool reverse);
int pe_dict_new(pe_state *S, pe_val *out);
/* A dict with room for n entries (CPython's _PyDict_NewPresized, as used by
 * BUILD_MAP: presized only beyond 5 entries). */
int pe_dict_new_presized(pe_state *S, size_t n, pe_val *out);
int pe_dict_set(pe_state *S, pe_dict *d, pe_val key, pe_val value); /* increfs both */
/* 1 found (*out borrowed), 0 missing, -1 error (e.g. unhashable key) */
int pe_dict_get(pe_state *S, pe_dict *d, pe_val key, pe_val *out);
int pe_dict_del(pe_state *S, pe_dict *d, pe_val key); /* 1 deleted, 0 missing, -1 error */
/* d[key] comparing str keys only (never runs Python code): borrowed or UNDEF */
pe_val pe_dict_get_str(pe_dict *d, pe_str *key);
/* Iteration over live entries: *pos starts at 0; returns 1 with borrowed
 * *key / *value (either pointer may be NULL), 0 at the end. The dict must
 * not be mutated between calls. */
int pe_dict_next(pe_dict *d, size_t *pos, pe_val *key, pe_val *value);
/* d.update(other): a dict (merged fast) or an iterable of pairs, with
 * CPython's messages ("dictionary update sequence element #0 has length 1;
 * 2 is required"). */
int pe_dict_update(pe_state *S, pe_dict *d, pe_val other);
/* pe_dict_update, and with dup non-NULL (the ** of a call) a key d already
 * has stops the merge of a mapping other (a dict other than d, or keys()
 * and [], merged key by key as PyDict_Merge): 1 with *dup = that key (a new
 * reference). 0 done, -1 error. */
int pe_dict_merge(pe_state *S, pe_dict *d, pe_val other, pe_val *dup);
int pe_dict_copy(pe_state *S, pe_dict *d, pe_val *out);
int pe_set_new(pe_state *S, const pe_type *t, pe_val *out); /* set or frozenset */
int pe_set_add(pe_state *S, pe_obj *set, pe_val key);
int pe_set_update(pe_state *S, pe_obj *set, pe_val iterable); /* SET_UPDATE, set.update */
int pe_set_contains(pe_state *S, pe_obj *set, pe_val key);    /* 0/1/-1 */
/* Iteration over the table: *pos starts at 0; 1 with borrowed *key, 0 at end. */
int pe_set_next(pe_set *s, size_t *pos, pe_val *key);
/* Serialized sets (marshal.c): table size, and the rebuild of a new empty
 * set from it and each key's slot (ValueError on an inconsistent layout). */
size_t pe_set_table_size(const pe_set *s);
int pe_set_fill_layout(pe_state *S, pe_set *s, size_t size, const pe_val *keys,
                       const uint32_t *slots, size_t n);
/* The frozenset constant CPython's compiler makes for a display of more
 * than 2 constants: frozenset(items) rebuilt from its own iteration order
 * (merge_consts_recursive). CPython compiles `{1, 2, 3}` to BUILD_SET 0;
 * LOAD_CONST <this>; SET_UPDATE, and `for x in {1, 2, 3}` / `x in {...}`
 * to iteration / membership of this constant; the element order of the
 * result (visible in print) only matches CPython when done the same way. */
int pe_set_const_frozenset(pe_state *S, const pe_val *items, size_t n, pe_val *out);

/* In-place operators of the mutable containers: list += (any iterable),
 * list *= int, set |= &= -= ^= (set operands), dict |= (mapping or pairs).
 * Mutates a and writes it (new reference) to *out. Returns PE_NOTIMPL when a
 * has no in-place form for op or declines b (the caller then performs the
 * plain binary operator, which produces CPython's "unsupported operand
 * type(s) for |=: ..." message). */
int pe_container_inplace(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);

/* Unpacking for UNPACK_SEQUENCE / UNPACK_EX: writes before + [a list of the
 * middle, when star] + after values (new references) to dst in order, with
 * CPython's "not enough values to unpack (expected 3, got 2)" etc. On error
 * nothing is left in dst. */
int pe_unpack(pe_state *S, pe_val seq, size_t before, bool star, size_t after, pe_val *dst);

/* Cycle guard for container reprs (CPython's Py_ReprEnter/Leave) using
 * S->repr_stack: 0 = go on (call pe_repr_leave after), 1 = o's repr is
 * already in progress (print "[...]"; do not call leave), -1 = error
 * (RecursionError "maximum recursion depth exceeded while getting the repr
 * of an object"). */
int pe_repr_enter(pe_state *S, pe_obj *o);
void pe_repr_leave(pe_state *S, pe_obj *o);

/* Recursion guard for nested native operations (compare, hash, str/repr
 * of nested objects): counts against the state's max_depth like CPython's
 * Py_EnterRecursiveCall. `where` completes "maximum recursion depth
 * exceeded<where>" (RecursionError). 0 = go on, call pe_recursion_leave
 * after; -1 = raised. (state.c) */
int pe_recursion_enter(pe_state *S, const char *where);
/* How deep native recursion (container reprs, comparisons, Python code
 * called from C) may nest: the max_depth limit, but never past
 * PE_NATIVE_DEPTH_MAX, so that a host's huge max_depth cannot overflow the
 * C stack (at ~100-400 bytes a level: ~1.5 MB at most, safe on an 8 MB main
 * thread and on the 2 MB+ stacks threads get by default). */
#define PE_NATIVE_DEPTH_MAX 4000u
uint32_t pe_native_depth_limit(const pe_state *S);
void pe_recursion_leave(pe_state *S);

/* Trashcan (CPython's Py_TRASHCAN_BEGIN/END) around the dealloc of any
 * object that holds references: `if (pe_trash_begin(S, o)) return;` first
 * (true = queued, dealloc'ed later by the outermost dealloc), then
 * pe_trash_end(S) last. Bounds the C recursion of freeing a chain of any
 * length (nested lists, exception __context__ chains...). (state.c) */
bool pe_trash_begin(pe_state *S, pe_obj *o);
void pe_trash_end(pe_state *S);

/* Converts an int/bool index operand to int64_t. Returns 1 when v is an
 * integer (converted), 0 when it is not one (nothing raised), -1 when it
 * does not fit: exc (IndexError / OverflowError) "cannot fit 'int' into an
 * index-sized integer" is raised. */
int pe_index_int64(pe_state *S, pe_val v, const pe_type *exc, int64_t *out);
/* Raises CPython's refusal of a non-integer where an index is required,
 * TypeError "'T' object cannot be interpreted as an integer"; returns -1. */
int pe_raise_not_index(pe_state *S, pe_val v);
/* An integer operand without __index__ (an int subclass: its value; a bool:
 * the plain int): *out = that int value, borrowed; 0, or -1 with
 * pe_raise_not_index. */
int pe_index_int_value(pe_state *S, pe_val v, pe_val *out);

/* ------------------------------------------------------------------ */
/* slices (slice.c)                                                    */
/* ------------------------------------------------------------------ */

typedef struct pe_slice {
    pe_obj ob;
    pe_val start, stop, step;
} pe_slice;
#define PE_SLICE(v) ((pe_slice *)(v).u.o)

int pe_slice_new(pe_state *S, pe_val start, pe_val stop, pe_val step, pe_val *out);
PE_INLINE bool pe_is_slice(pe_val v) { return pe_is_kind(v, PE_K_SLICE); }
/* PySlice_GetIndicesEx: clamps to length; *slicelen = number of items.
 * "slice step cannot be zero", "slice indices must be integers or None or
 * have an __index__ method". */
int pe_slice_indices(pe_state *S, pe_val slice, int64_t length, int64_t *start, int64_t *stop,
                     int64_t *step, int64_t *slicelen);
/* _PySlice_GetLongIndices: the exact (unclipped) start, stop and step of a
 * slice over `length` (an int >= 0) items, as new references; same errors.
 * Used where the bounds themselves are the result (range slicing,
 * slice.indices). */
int pe_slice_long_indices(pe_state *S, pe_val slice, pe_val length, pe_val *start, pe_val *stop,
                          pe_val *step);

/* ------------------------------------------------------------------ */
/* Iterators and views (iter.c)                                        */
/* ------------------------------------------------------------------ */

/* Built-in iterator types, callable as constructors like CPython's
 * (enumerate(x, start=1), zip(*its, strict=False), map(f, *its),
 * filter(f_or_None, it), reversed(seq)). */
extern const pe_type pe_type_enumerate, pe_type_zip, pe_type_map, pe_type_filter,
    pe_type_reversed;
/* Iterators over the built-in containers and the dict views. */
extern const pe_type pe_type_tuple_iterator, pe_type_list_iterator,
    pe_type_list_reverseiterator, pe_type_dict_keyiterator, pe_type_dict_valueiterator,
    pe_type_dict_itemiterator, pe_type_dict_reversekeyiterator,
    pe_type_dict_reversevalueiterator, pe_type_dict_reverseitemiterator, pe_type_set_iterator,
    pe_type_dict_keys, pe_type_dict_values, pe_type_dict_items;

/* iter(tuple/list), iter(reversed list): seq must be of the matching type. */
/* An iterator over an indexed sequence (tuple, list, str, bytes): seq is
 * UNDEF once exhausted; index is the next index (list_reverseiterator:
 * index + 1; str: the byte offset of the next code point). */
typedef struct pe_indexed_iter {
    pe_obj ob;
    pe_val seq;
    size_t index;
} pe_indexed_iter;
/* A new iterator of type t over seq, at its start. */
int pe_seqiter_new(pe_state *S, const pe_type *t, pe_val seq, pe_val *out);
void pe_seqiter_clear(pe_state *S, pe_obj *o); /* exhausts it */
/* The type object of an iterator over an indexed sequence:
 * `const pe_type pe_type_x = PE_SEQITER_TYPE("x_iterator", x_next);` */
#define PE_SEQITER_TYPE(tname, nextfn) PE_ITER_TYPE(tname, pe_indexed_iter, nextfn, pe_seqiter_clear)
/* The iter slot of list and tuple: a list_iterator / tuple_iterator. */
int pe_seq_iter(pe_state *S, pe_val v, pe_val *out);
/* Iterator over a dict: t is one of the dict iterator types. */
int pe_dictiter_new(pe_state *S, const pe_type *t, pe_dict *d, pe_val *out);
int pe_setiter_new(pe_state *S, pe_set *s, pe_val *out);
/* d.keys() / d.values() / d.items(): t is pe_type_dict_keys etc. */
int pe_dictview_new(pe_state *S, const pe_type *t, pe_dict *d, pe_val *out);

/* Argument parsing helper errors worded like CPython's. */
int pe_arg_count_error(pe_state *S, const char *fname, int min, int max, int got);
int pe_no_kwargs(pe_state *S, const char *fname, pe_obj *kwnames);

#endif /* PE_CONT_H */
