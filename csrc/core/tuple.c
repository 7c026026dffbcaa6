/*
 * tuple.c - the tuple type, plus helpers shared by all container files
 * (argument-count errors worded like CPython's, the repr cycle guard, the
 * native recursion guard).
 *
 * Invariants: a tuple's length never changes after creation; its items are
 * all valid values once the creator has filled them (pe_tuple_new leaves
 * them PE_TUNDEF until then, and clear() resets them to PE_TUNDEF, which
 * dealloc tolerates). The empty tuple is a static immortal singleton.
 */
#include <stdlib.h>

#include "cont_internal.h"

/* ------------------------------------------------------------------ */
/* Shared helpers                                                      */
/* ------------------------------------------------------------------ */

int pe_cont_nokw(pe_state *S, const char *qualname, pe_obj *kwnames) {
    if (cont_nkw(kwnames) == 0) return 0;
    return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", qualname);
}

int pe_cont_noargs(pe_state *S, const char *qualname, int argc, pe_obj *kwnames) {
    if (pe_cont_nokw(S, qualname, kwnames)) return -1;
    if (argc == 0) return 0;
    return pe_raise(S, PE_EXC(TypeError), "%s() takes no arguments (%d given)", qualname, argc);
}

int pe_cont_onearg(pe_state *S, const char *qualname, int argc, pe_obj *kwnames) {
    if (pe_cont_nokw(S, qualname, kwnames)) return -1;
    if (argc == 1) return 0;
    return pe_raise(S, PE_EXC(TypeError), "%s() takes exactly one argument (%d given)",
                    qualname, argc);
}

int pe_cont_posargs(pe_state *S, const char *qualname, const char *name, int argc,
                 pe_obj *kwnames, int min, int max) {
    if (pe_cont_nokw(S, qualname, kwnames)) return -1;
    if (argc < min)
        return pe_raise(S, PE_EXC(TypeError), "%s expected %s%d argument%s, got %d", name,
                        min == max ? "" : "at least ", min, min == 1 ? "" : "s", argc);
    if (argc > max)
        return pe_raise(S, PE_EXC(TypeError), "%s expected %s%d argument%s, got %d", name,
                        min == max ? "" : "at most ", max, max == 1 ? "" : "s", argc);
    return 0;
}

#define REPR_STACK_SLOTS (sizeof(((pe_state *)0)->repr_stack) / sizeof(void *))

/* S->nrepr is the nesting depth of container reprs; the first
 * REPR_STACK_SLOTS objects are recorded (deeper cycles end up as a
 * RecursionError at max_depth instead of "[...]"). */
int pe_repr_enter(pe_state *S, pe_obj *o) {
    uint32_t n = S->nrepr < REPR_STACK_SLOTS ? S->nrepr : (uint32_t)REPR_STACK_SLOTS;
    for (uint32_t i = 0; i < n; i++)
        if (S->repr_stack[i] == o) return 1;
    if (S->nrepr + S->c_depth >= pe_native_depth_limit(S))
        return pe_raise(S, PE_EXC(RecursionError),
                        "maximum recursion depth exceeded while getting the repr of an object");
    if (S->nrepr < REPR_STACK_SLOTS) S->repr_stack[S->nrepr] = o;
    S->nrepr++;
    return 0;
}

void pe_repr_leave(pe_state *S, pe_obj *o) {
    (void)o;
    S->nrepr--;
}


int pe_cont_type_call_check(pe_state *S, pe_val callee) {
    if (pe_is_kind(callee, PE_K_TYPE)) return 0;
    return pe_raise(S, PE_EXC(TypeError), "'%s' object is not callable", pe_type_name(callee));
}

int pe_cont_seq_call(pe_state *S, pe_val callee, const char *name, int argc, const pe_val *argv,
                     pe_obj *kwnames, int (*empty)(pe_state *, size_t, pe_val *),
                     int (*from_iter)(pe_state *, pe_val, pe_val *), pe_val *out) {
    if (pe_cont_type_call_check(S, callee) || pe_cont_posargs(S, name, name, argc, kwnames, 0, 1))
        return -1;
    return argc == 0 ? empty(S, 0, out) : from_iter(S, argv[0], out);
}

int pe_cont_repr_items(pe_state *S, const pe_val *items, size_t n, pe_sb *sb) {
    for (size_t i = 0; i < n; i++) {
        if (i && pe_sb_putn(sb, ", ", 2)) return -1;
        if (pe_repr(S, items[i], sb)) return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Construction                                                        */
/* ------------------------------------------------------------------ */

static const pe_tuple empty_tuple = {PE_STATIC_HEAD(&pe_type_tuple), 0};

static size_t tuple_size(size_t n) { return sizeof(pe_tuple) + n * sizeof(pe_val); }

int pe_tuple_new(pe_state *S, size_t n, pe_val *out) {
    if (n == 0) {
        *out = pe_obj_val((pe_obj *)&empty_tuple);
        return 0;
    }
    if (n > (SIZE_MAX - sizeof(pe_tuple)) / sizeof(pe_val)) return pe_raise_nomem(S);
    pe_tuple *t = (pe_tuple *)pe_obj_new(S, &pe_type_tuple, tuple_size(n));
    if (!t) return -1;
    t->n = n;
    for (size_t i = 0; i < n; i++) t->items[i] = pe_undef();
    *out = pe_obj_val(&t->ob);
    return 0;
}

int pe_tuple_pack(pe_state *S, size_t n, const pe_val *items, pe_val *out) {
    if (pe_tuple_new(S, n, out)) return -1;
    pe_tuple *t = PE_TUPLE(*out);
    for (size_t i = 0; i < n; i++) {
        pe_incref(items[i]);
        t->items[i] = items[i];
    }
    return 0;
}

int pe_tuple_from_iter(pe_state *S, pe_val iterable, pe_val *out) {
    if (pe_is_tuple(iterable)) {
        pe_incref(iterable);
        *out = iterable;
        return 0;
    }
    if (pe_is_list(iterable))
        return pe_tuple_pack(S, PE_LIST(iterable)->n, PE_LIST(iterable)->items, out);
    pe_val l;
    if (pe_list_from_iter(S, iterable, &l)) return -1;
    int r = pe_list_to_tuple(S, PE_LIST(l), out);
    pe_decref(S, l);
    return r;
}

/* ------------------------------------------------------------------ */
/* Slots                                                               */
/* ------------------------------------------------------------------ */

static void tuple_clear(pe_state *S, pe_obj *o) {
    pe_tuple *t = (pe_tuple *)o;
    for (size_t i = 0; i < t->n; i++) {
        pe_val v = t->items[i];
        t->items[i] = pe_undef();
        pe_decref(S, v);
    }
}

static void tuple_dealloc(pe_state *S, pe_obj *o) {
    if (cont_trash_begin(S, o)) return;
    tuple_clear(S, o);
    pe_obj_free(S, o, tuple_size(((pe_tuple *)o)->n));
    cont_trash_end(S);
}

static int tuple_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_tuple *t = PE_TUPLE(v);
    if (t->n == 0) return pe_sb_puts(sb, "()");
    int st = pe_repr_enter(S, &t->ob);
    if (st) return st < 0 ? -1 : pe_sb_puts(sb, "(...)");
    int r = pe_sb_putc(sb, '(') || pe_cont_repr_items(S, t->items, t->n, sb) ||
            (t->n == 1 && pe_sb_putc(sb, ',')) || pe_sb_putc(sb, ')');
    pe_repr_leave(S, &t->ob);
    return r ? -1 : 0;
}

/* CPython's tuplehash (xxHash-based, 64-bit lanes). */
#define XXPRIME_1 ((uint64_t)11400714785074694791ULL)
#define XXPRIME_2 ((uint64_t)14029467366897019727ULL)
#define XXPRIME_5 ((uint64_t)2870177450012600261ULL)
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static inline uint64_t th_fold(uint64_t acc, int64_t h) {
    acc += (uint64_t)h * XXPRIME_2;
    acc = XXROTATE(acc);
    return acc * XXPRIME_1;
}

static inline int64_t th_finish(uint64_t acc, size_t n) {
    acc += (uint64_t)n ^ (XXPRIME_5 ^ 3527539UL);
    return acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
}

/* One tuple whose hash is in progress: next item, accumulator. */
typedef struct th_frame {
    const pe_tuple *t;
    size_t i;
    uint64_t acc;
} th_frame;

/* Nested tuples are hashed with an explicit stack (CPython hashes them
 * recursively without a depth check, so (((),),)... 100,000 deep hashes
 * there; here it does at any depth without deep C recursion). Other
 * items go through pe_hash, one guarded recursion level for the lot. */
static int tuple_hash(pe_state *S, pe_val v, int64_t *out) {
    th_frame local[32], *st = local;
    size_t cap = sizeof local / sizeof local[0], n = 1;
    int rc = -1;
    if (cont_enter_recursion(S, " while calling a Python object")) return -1;
    st[0] = (th_frame){PE_TUPLE(v), 0, XXPRIME_5};
    while (n) {
        th_frame *f = &st[n - 1];
        if (f->i < f->t->n) {
            pe_val x = f->t->items[f->i];
            if (pe_is_tuple(x)) {
                if (n == cap) {
                    size_t ncap = cap * 2;
                    th_frame *p = pe_mem_alloc(S, ncap * sizeof *p);
                    if (!p) goto done;
                    memcpy(p, st, n * sizeof *p);
                    if (st != local) pe_mem_free(S, st, cap * sizeof *st);
                    st = p;
                    cap = ncap;
                }
                st[n++] = (th_frame){PE_TUPLE(x), 0, XXPRIME_5};
                continue;
            }
            int64_t h;
            if (pe_hash(S, x, &h)) goto done;
            f->acc = th_fold(f->acc, h);
            f->i++;
            continue;
        }
        int64_t h = th_finish(f->acc, f->t->n);
        if (--n == 0) {
            *out = h;
            rc = 0;
            break;
        }
        st[n - 1].acc = th_fold(st[n - 1].acc, h);
        st[n - 1].i++;
    }
done:
    if (st != local) pe_mem_free(S, st, cap * sizeof *st);
    cont_leave_recursion(S);
    return rc;
}


/* a/b may be the storage of a list that is mutated by a comparison, so
 * lengths are passed by pointer and re-read. */
static int seq_richcmp(pe_state *S, pe_val *const *a, const size_t *na, pe_val *const *b,
                       const size_t *nb, int op, pe_val *out) {
    if (*na != *nb && (op == PE_EQ || op == PE_NE)) {
        *out = pe_bool(op == PE_NE);
        return 0;
    }
    size_t i;
    for (i = 0; i < *na && i < *nb; i++) {
        pe_val x = (*a)[i], y = (*b)[i];
        pe_incref(x);
        pe_incref(y);
        int k = cont_eq(S, x, y);
        pe_decref(S, x);
        pe_decref(S, y);
        if (k < 0) return -1;
        if (!k) break;
    }
    if (i >= *na || i >= *nb) {
        *out = pe_bool(pe_cmp_order((*na > *nb) - (*na < *nb), op));
        return 0;
    }
    if (op == PE_EQ || op == PE_NE) {
        *out = pe_bool(op == PE_NE);
        return 0;
    }
    pe_val x = (*a)[i], y = (*b)[i];
    pe_incref(x);
    pe_incref(y);
    int r = pe_richcmp(S, x, y, op, out);
    pe_decref(S, x);
    pe_decref(S, y);
    return r;
}

int pe_cont_seq_richcmp_ref(pe_state *S, pe_val *const *a, const size_t *na, pe_val *const *b,
                         const size_t *nb, int op, pe_val *out) {
    if (cont_enter_recursion(S, " in comparison")) return -1;
    int r = seq_richcmp(S, a, na, b, nb, op, out);
    cont_leave_recursion(S);
    return r;
}

static int tuple_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if (!pe_is_tuple(a) || !pe_is_tuple(b)) return PE_NOTIMPL;
    pe_tuple *x = PE_TUPLE(a), *y = PE_TUPLE(b);
    pe_val *xi = x->items, *yi = y->items;
    return pe_cont_seq_richcmp_ref(S, &xi, &x->n, &yi, &y->n, op, out);
}

static int tuple_concat(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (!pe_is_tuple(b))
        return pe_raise(S, PE_EXC(TypeError), "can only concatenate tuple (not \"%s\") to tuple",
                        pe_type_name(b));
    pe_tuple *x = PE_TUPLE(a), *y = PE_TUPLE(b);
    if (y->n == 0 || x->n == 0) {
        *out = y->n == 0 ? a : b;
        pe_incref(*out);
        return 0;
    }
    if (pe_tuple_new(S, x->n + y->n, out)) return -1;
    pe_tuple *t = PE_TUPLE(*out);
    for (size_t i = 0; i < x->n; i++) pe_assign(S, &t->items[i], x->items[i]);
    for (size_t i = 0; i < y->n; i++) pe_assign(S, &t->items[x->n + i], y->items[i]);
    return 0;
}

/* Shared with list.c: total = n * count, MemoryError on overflow. */
int pe_cont_fill_repeat(pe_state *S, pe_val *dst, const pe_val *src, size_t n, size_t total,
                        size_t *done) {
    for (size_t i = 0; i < total; i++) {
        if ((i & 0xFFFF) == 0xFFFF && pe_work(S, 0x10000)) { /* time budget */
            *done = i;
            return -1;
        }
        dst[i] = pe_newref(src[i % n]);
    }
    *done = total;
    return 0;
}

int pe_cont_repeat_size(pe_state *S, size_t n, int64_t count, size_t *total) {
    if (count > 0 && n > (SIZE_MAX / sizeof(pe_val)) / (uint64_t)count) return pe_raise_nomem(S);
    *total = n * (size_t)count;
    return 0;
}

static int tuple_repeat(pe_state *S, pe_val seq, pe_val count, pe_val *out) {
    int64_t c;
    size_t total = 0;
    pe_tuple *x = PE_TUPLE(seq);
    if (pe_cont_repeat_count(S, count, &c) || pe_cont_repeat_size(S, x->n, c, &total)) return -1;
    if (c == 1 || x->n == 0) {
        pe_incref(seq);
        *out = seq;
        return 0;
    }
    if (total > (SIZE_MAX - sizeof(pe_tuple)) / sizeof(pe_val)) return pe_raise_nomem(S);
    /* filled in place (no pass of placeholders over a huge tuple first) */
    pe_tuple *t = (pe_tuple *)pe_obj_new(S, &pe_type_tuple, tuple_size(total));
    if (!t) return -1;
    t->n = total;
    size_t done;
    if (pe_cont_fill_repeat(S, t->items, x->items, x->n, total, &done)) {
        for (size_t j = 0; j < done; j++) pe_decref(S, t->items[j]);
        pe_obj_free(S, &t->ob, tuple_size(total));
        return -1;
    }
    *out = pe_obj_val(&t->ob);
    return 0;
}

static int tuple_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (op == PE_BO_ADD && pe_is_tuple(a)) return tuple_concat(S, a, b, out);
    if (op == PE_BO_MUL) return pe_is_tuple(a) ? tuple_repeat(S, a, b, out) : tuple_repeat(S, b, a, out);
    return PE_NOTIMPL;
}

static int tuple_len(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    *out = (int64_t)PE_TUPLE(v)->n;
    return 0;
}

static int tuple_slice(pe_state *S, pe_tuple *t, pe_val key, pe_val self, pe_val *out) {
    int64_t start, stop, step, n;
    if (pe_slice_indices(S, key, (int64_t)t->n, &start, &stop, &step, &n)) return -1;
    if (step == 1 && n == (int64_t)t->n) {
        pe_incref(self);
        *out = self;
        return 0;
    }
    if (pe_tuple_new(S, (size_t)n, out)) return -1;
    pe_tuple *r = PE_TUPLE(*out);
    for (int64_t i = 0, j = start; i < n; i++, j += step) pe_assign(S, &r->items[i], t->items[j]);
    return 0;
}

static int tuple_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    pe_tuple *t = PE_TUPLE(v);
    if (pe_is_slice(key)) return tuple_slice(S, t, key, v, out);
    size_t i;
    if (pe_cont_seq_index(S, key, t->n, "tuple", "tuple index out of range", &i)) return -1;
    pe_incref(t->items[i]);
    *out = t->items[i];
    return 0;
}

/* Membership by ==, shared with list.c (storage re-read after each compare). */
int pe_cont_seq_contains(pe_state *S, pe_val *const *items, const size_t *n, pe_val x) {
    for (size_t i = 0; i < *n; i++) {
        pe_val y = (*items)[i];
        int k = cont_eq_held(S, y, x);
        if (k) return k;
    }
    return 0;
}

static int tuple_contains(pe_state *S, pe_val v, pe_val x) {
    pe_tuple *t = PE_TUPLE(v);
    pe_val *items = t->items;
    return pe_cont_seq_contains(S, &items, &t->n, x);
}

/* tuple() / tuple(iterable) */
static int tuple_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out) {
    return pe_cont_seq_call(S, callee, "tuple", argc, argv, kwnames, pe_tuple_new,
                            pe_tuple_from_iter, out);
}

/* ------------------------------------------------------------------ */
/* Methods (count/index are shared with list.c)                        */
/* ------------------------------------------------------------------ */

int pe_cont_seq_count(pe_state *S, pe_val *const *items, const size_t *n, pe_val x, pe_val *out) {
    int64_t c = 0;
    for (size_t i = 0; i < *n; i++) {
        pe_val y = (*items)[i];
        int k = cont_eq_held(S, y, x);
        if (k < 0) return -1;
        c += k;
    }
    *out = pe_int(c);
    return 0;
}

/* seq.index(x[, start[, stop]]): start/stop clipped like a slice. Returns 1
 * and *out when found, 0 when not (caller raises its own message). */
int pe_cont_seq_index_of(pe_state *S, pe_val *const *items, const size_t *n, int argc,
                      const pe_val *argv, pe_val *out) {
    int64_t start = 0, stop = INT64_MAX;
    if (argc > 1 && pe_cont_slice_index(S, argv[1], &start)) return -1;
    if (argc > 2 && pe_cont_slice_index(S, argv[2], &stop)) return -1;
    int64_t len = (int64_t)*n;
    if (start < 0 && (start += len) < 0) start = 0;
    if (stop < 0 && (stop += len) < 0) stop = 0;
    for (int64_t i = start; i < stop && i < (int64_t)*n; i++) {
        pe_val y = (*items)[i];
        int k = cont_eq_held(S, y, argv[0]);
        if (k < 0) return -1;
        if (k) {
            *out = pe_int(i);
            return 1;
        }
    }
    return 0;
}

static int tuple_count_m(pe_state *S, pe_val self, int argc, const pe_val *argv,
                         pe_obj *kwnames, pe_val *out) {
    if (pe_cont_onearg(S, "tuple.count", argc, kwnames)) return -1;
    pe_tuple *t = PE_TUPLE(self);
    pe_val *items = t->items;
    return pe_cont_seq_count(S, &items, &t->n, argv[0], out);
}

static int tuple_index_m(pe_state *S, pe_val self, int argc, const pe_val *argv,
                         pe_obj *kwnames, pe_val *out) {
    if (pe_cont_posargs(S, "tuple.index", "index", argc, kwnames, 1, 3)) return -1;
    pe_tuple *t = PE_TUPLE(self);
    pe_val *items = t->items;
    int r = pe_cont_seq_index_of(S, &items, &t->n, argc, argv, out);
    if (r == 0) return pe_raise(S, PE_EXC(ValueError), "tuple.index(x): x not in tuple");
    return r < 0 ? -1 : 0;
}

static const pe_cfunc tuple_methods[] = {
    PE_METHOD("count", tuple_count_m),
    PE_METHOD("index", tuple_index_m),
    PE_METHOD_END,
};

const pe_type pe_type_tuple = PE_TYPE("tuple", TUPLE,
    .dealloc = tuple_dealloc,
    .clear = tuple_clear,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcmp = tuple_richcmp,
    .binop = tuple_binop,
    .len = tuple_len,
    .iter = pe_seq_iter,
    .getitem = tuple_getitem,
    .contains = tuple_contains,
    .call = tuple_call,
    .methods = tuple_methods,
);
