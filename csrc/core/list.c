/*
 * list.c - the list type: a growable array of values with CPython's
 * over-allocation rule, slicing (get / set / delete with any step), the
 * methods, and list.sort as a port of CPython's timsort (powersort merge
 * policy of 3.11) so that comparison order, and therefore the exception
 * raised for uncomparable items and the state of a list after a failed
 * sort, match CPython.
 *
 * Invariants: items[0..n) are valid values owned by the list; cap >= n;
 * items == NULL iff cap == 0. Every mutation leaves the list consistent
 * before any reference is dropped (dropping can run arbitrary deallocation).
 */
#include "cont_internal.h"


/* ------------------------------------------------------------------ */
/* Storage                                                             */
/* ------------------------------------------------------------------ */

static int set_capacity(pe_state *S, pe_list *l, size_t cap) {
    if (cap > SIZE_MAX / sizeof(pe_val)) return pe_raise_nomem(S);
    pe_val *p;
    if (cap == 0) {
        pe_mem_free(S, l->items, l->cap * sizeof(pe_val));
        p = NULL;
    } else if (l->items == NULL) {
        p = pe_mem_alloc(S, cap * sizeof(pe_val));
    } else {
        p = pe_mem_realloc(S, l->items, l->cap * sizeof(pe_val), cap * sizeof(pe_val));
    }
    if (cap && !p) return -1;
    l->items = p;
    l->cap = cap;
    return 0;
}

/* CPython's list_resize: make room for newsize items (n is not changed;
 * the caller fills the new slots and sets n). Shrinks when under half full;
 * a failed shrink is harmless and leaves no exception behind. */
static int list_reserve(pe_state *S, pe_list *l, size_t newsize) {
    if (l->cap >= newsize && newsize >= (l->cap >> 1)) return 0;
    if (newsize > (SIZE_MAX / sizeof(pe_val)) - 8) return pe_raise_nomem(S);
    size_t alloc = (newsize + (newsize >> 3) + 6) & ~(size_t)3;
    if (newsize > l->n && newsize - l->n > alloc - newsize) alloc = (newsize + 3) & ~(size_t)3;
    if (newsize == 0) alloc = 0;
    if (alloc < l->n) alloc = l->n; /* never drop live items here */
    if (newsize > l->cap) return set_capacity(S, l, alloc);
    if (set_capacity(S, l, alloc)) pe_exc_clear(S);
    return 0;
}

int pe_list_new(pe_state *S, size_t cap, pe_val *out) {
    pe_list *l = (pe_list *)pe_obj_new(S, &pe_type_list, sizeof(pe_list));
    if (!l) return -1;
    l->n = l->cap = 0;
    l->items = NULL;
    if (cap && set_capacity(S, l, cap)) {
        pe_obj_free(S, &l->ob, sizeof(pe_list));
        return -1;
    }
    *out = pe_obj_val(&l->ob);
    return 0;
}

int pe_list_append(pe_state *S, pe_list *l, pe_val v) {
    if (l->n == l->cap && list_reserve(S, l, l->n + 1)) return -1;
    pe_incref(v);
    l->items[l->n++] = v;
    return 0;
}

int pe_list_append_steal(pe_state *S, pe_list *l, pe_val v) {
    int r = pe_list_append(S, l, v);
    pe_decref(S, v);
    return r;
}

/* Appends n values (increfs them). src may alias l->items. */
static int append_array(pe_state *S, pe_list *l, const pe_val *src, size_t n) {
    if (n == 0) return 0;
    if (l->n + n < l->n) return pe_raise_nomem(S);
    size_t off = (size_t)-1;
    if (l->items && src >= l->items && src < l->items + l->n) off = (size_t)(src - l->items);
    if (l->n + n > l->cap && list_reserve(S, l, l->n + n)) return -1;
    if (off != (size_t)-1) src = l->items + off;
    for (size_t i = 0; i < n; i++) {
        pe_incref(src[i]);
        l->items[l->n + i] = src[i];
    }
    l->n += n;
    return 0;
}

int pe_list_extend(pe_state *S, pe_list *l, pe_val iterable) {
    if (pe_is_list(iterable)) {
        pe_list *src = PE_LIST(iterable);
        return append_array(S, l, src->items, src->n);
    }
    if (pe_is_tuple(iterable)) return append_array(S, l, PE_TUPLE(iterable)->items, PE_TUPLE(iterable)->n);
    pe_val it, x;
    if (pe_iter(S, iterable, &it)) return -1;
    int r;
    while ((r = pe_next(S, it, &x)) == 1) {
        r = pe_list_append(S, l, x);
        pe_decref(S, x);
        if (r) break;
    }
    pe_decref(S, it);
    return r < 0 ? -1 : 0;
}

int pe_list_from_iter(pe_state *S, pe_val iterable, pe_val *out) {
    if (pe_list_new(S, 0, out)) return -1;
    if (pe_list_extend(S, PE_LIST(*out), iterable)) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

int pe_list_to_tuple(pe_state *S, pe_list *l, pe_val *out) {
    return pe_tuple_pack(S, l->n, l->items, out);
}

/* Drops items[lo..hi) of an array detached from any list, then frees it. */
static void drop_array(pe_state *S, pe_val *items, size_t n, size_t cap) {
    for (size_t i = 0; i < n; i++) pe_decref(S, items[i]);
    pe_mem_free(S, items, cap * sizeof(pe_val));
}

/* ------------------------------------------------------------------ */
/* Basic slots                                                         */
/* ------------------------------------------------------------------ */

/* Empties the list; the old items are released after it is consistent. */
static void list_clear_slot(pe_state *S, pe_obj *o) {
    pe_list *l = (pe_list *)o;
    pe_val *items = l->items;
    size_t n = l->n, cap = l->cap;
    l->items = NULL;
    l->n = l->cap = 0;
    if (items) drop_array(S, items, n, cap);
}

static int list_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_list *l = PE_LIST(v);
    if (l->n == 0) return pe_sb_puts(sb, "[]");
    int st = pe_repr_enter(S, &l->ob);
    if (st) return st < 0 ? -1 : pe_sb_puts(sb, "[...]");
    int r = pe_sb_putc(sb, '[');
    for (size_t i = 0; !r && i < l->n; i++) {
        if (i) r = pe_sb_putn(sb, ", ", 2);
        if (!r) {
            pe_val x = l->items[i];
            pe_incref(x);
            r = pe_repr(S, x, sb);
            pe_decref(S, x);
        }
    }
    if (!r) r = pe_sb_putc(sb, ']');
    pe_repr_leave(S, &l->ob);
    return r ? -1 : 0;
}

static int list_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if (!pe_is_list(a) || !pe_is_list(b)) return PE_NOTIMPL;
    pe_list *x = PE_LIST(a), *y = PE_LIST(b);
    return pe_cont_seq_richcmp_ref(S, &x->items, &x->n, &y->items, &y->n, op, out);
}

static int list_concat(pe_state *S, pe_list *x, pe_val b, pe_val *out) {
    if (!pe_is_list(b))
        return pe_raise(S, PE_EXC(TypeError), "can only concatenate list (not \"%s\") to list",
                        pe_type_name(b));
    pe_list *y = PE_LIST(b);
    if (x->n + y->n < x->n) return pe_raise_nomem(S);
    if (pe_list_new(S, x->n + y->n, out)) return -1;
    pe_list *r = PE_LIST(*out);
    append_array(S, r, x->items, x->n); /* capacity reserved: cannot fail */
    append_array(S, r, y->items, y->n);
    return 0;
}

static int list_repeat(pe_state *S, pe_list *x, pe_val count, pe_val *out) {
    int64_t c;
    size_t total;
    if (pe_cont_repeat_count(S, count, &c) || pe_cont_repeat_size(S, x->n, c, &total)) return -1;
    if (pe_list_new(S, total, out)) return -1;
    pe_list *r = PE_LIST(*out);
    for (size_t i = 0; i < total; i++) {
        if ((i & 0xFFFF) == 0xFFFF && pe_work(S, 0x10000)) { /* time budget */
            r->n = i;
            pe_decref(S, *out);
            return -1;
        }
        pe_val v = x->items[i % x->n];
        pe_incref(v);
        r->items[i] = v;
    }
    r->n = total;
    return 0;
}

static int list_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (op == PE_BO_ADD && pe_is_list(a)) return list_concat(S, PE_LIST(a), b, out);
    if (op == PE_BO_MUL)
        return pe_is_list(a) ? list_repeat(S, PE_LIST(a), b, out) : list_repeat(S, PE_LIST(b), a, out);
    return PE_NOTIMPL;
}

static int list_len(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    *out = (int64_t)PE_LIST(v)->n;
    return 0;
}

static int list_iter(pe_state *S, pe_val v, pe_val *out) {
    return pe_seqiter_new(S, &pe_type_list_iterator, v, out);
}

static int list_contains(pe_state *S, pe_val v, pe_val x) {
    pe_list *l = PE_LIST(v);
    return pe_cont_seq_contains(S, &l->items, &l->n, x);
}

/* list() / list(iterable) */
static int list_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    if (pe_cont_posargs(S, "list", "list", argc, kwnames, 0, 1)) return -1;
    if (argc == 0) return pe_list_new(S, 0, out);
    return pe_list_from_iter(S, argv[0], out);
}

/* ------------------------------------------------------------------ */
/* Subscripts                                                          */
/* ------------------------------------------------------------------ */

static int list_getslice(pe_state *S, pe_list *l, pe_val key, pe_val *out) {
    int64_t start, stop, step, n;
    if (pe_slice_indices(S, key, (int64_t)l->n, &start, &stop, &step, &n)) return -1;
    if (pe_list_new(S, (size_t)n, out)) return -1;
    pe_list *r = PE_LIST(*out);
    for (int64_t i = 0, j = start; i < n; i++, j += step) {
        pe_incref(l->items[j]);
        r->items[i] = l->items[j];
    }
    r->n = (size_t)n;
    return 0;
}

static int list_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    pe_list *l = PE_LIST(v);
    if (key.tag == PE_TINT) { /* fast path */
        int64_t i = key.u.i < 0 ? key.u.i + (int64_t)l->n : key.u.i;
        if (i >= 0 && (uint64_t)i < l->n) {
            pe_incref(l->items[i]);
            *out = l->items[i];
            return 0;
        }
    }
    if (pe_is_slice(key)) return list_getslice(S, l, key, out);
    size_t i;
    if (pe_cont_seq_index(S, key, l->n, "list", "list index out of range", &i)) return -1;
    pe_incref(l->items[i]);
    *out = l->items[i];
    return 0;
}

/* Replaces items[lo..hi) with src[0..m) (CPython's list_ass_slice core).
 * src must not alias the list. */
static int replace_range(pe_state *S, pe_list *l, size_t lo, size_t hi, const pe_val *src,
                         size_t m) {
    size_t d = hi - lo, n = l->n;
    pe_val *old = NULL;
    if (d) {
        old = pe_mem_alloc(S, d * sizeof(pe_val));
        if (!old) return -1;
        memcpy(old, l->items + lo, d * sizeof(pe_val));
    }
    if (m > d) {
        if (list_reserve(S, l, n + (m - d))) {
            pe_mem_free(S, old, d * sizeof(pe_val));
            return -1;
        }
        memmove(l->items + lo + m, l->items + hi, (n - hi) * sizeof(pe_val));
    } else if (m < d) {
        memmove(l->items + lo + m, l->items + hi, (n - hi) * sizeof(pe_val));
    }
    for (size_t i = 0; i < m; i++) {
        pe_incref(src[i]);
        l->items[lo + i] = src[i];
    }
    l->n = n - d + m;
    if (m < d) list_reserve(S, l, l->n); /* shrinking never fails */
    if (old) drop_array(S, old, d, d);
    return 0;
}

/* The items of v as an array: list/tuple directly (a copy when v is the
 * list itself), else list(v). *hold receives a reference to release.
 * TypeError from iter() is replaced by msg (PySequence_Fast). */
static int as_fast_seq(pe_state *S, pe_list *self, pe_val v, const char *msg, pe_val *hold,
                       const pe_val **items, size_t *n) {
    if (pe_is_tuple(v) || (pe_is_list(v) && PE_LIST(v) != self)) {
        pe_incref(v);
        *hold = v;
    } else if (pe_is_list(v)) {
        if (pe_tuple_pack(S, self->n, self->items, hold)) return -1;
    } else {
        pe_val it;
        if (pe_iter(S, v, &it)) {
            if (pe_exc_matches(S, PE_EXC(TypeError))) {
                pe_exc_clear(S);
                pe_raise(S, PE_EXC(TypeError), "%s", msg);
            }
            return -1;
        }
        int r = pe_list_from_iter(S, it, hold);
        pe_decref(S, it);
        if (r) return -1;
    }
    if (pe_is_tuple(*hold)) {
        *items = PE_TUPLE(*hold)->items;
        *n = PE_TUPLE(*hold)->n;
    } else {
        *items = PE_LIST(*hold)->items;
        *n = PE_LIST(*hold)->n;
    }
    return 0;
}

/* l[lo:hi] = v (step 1; v UNDEF deletes), indices already adjusted. */
static int assign_simple_slice(pe_state *S, pe_list *l, int64_t lo, int64_t hi, pe_val v) {
    if (lo < 0) lo = 0;
    if (lo > (int64_t)l->n) lo = (int64_t)l->n;
    if (hi < lo) hi = lo;
    if (hi > (int64_t)l->n) hi = (int64_t)l->n;
    if (v.tag == PE_TUNDEF) return replace_range(S, l, (size_t)lo, (size_t)hi, NULL, 0);
    pe_val hold;
    const pe_val *items;
    size_t m;
    if (as_fast_seq(S, l, v, "can only assign an iterable", &hold, &items, &m)) return -1;
    /* the conversion may have run code that shrank the list */
    if (hi > (int64_t)l->n) hi = (int64_t)l->n;
    if (lo > hi) lo = hi;
    int r = replace_range(S, l, (size_t)lo, (size_t)hi, items, m);
    pe_decref(S, hold);
    return r;
}

/* del l[start::step] for slicelen items, step != 1. */
static int delete_extended(pe_state *S, pe_list *l, int64_t start, int64_t step, int64_t len) {
    if (len <= 0) return 0;
    if (step < 0) { /* walk forwards instead */
        start = start + step * (len - 1);
        step = -step;
    }
    pe_val *old = pe_mem_alloc(S, (size_t)len * sizeof(pe_val));
    if (!old) return -1;
    size_t w = (size_t)start, k = 0;
    for (size_t r = (size_t)start; r < l->n; r++) {
        if (k < (size_t)len && r == (size_t)start + k * (size_t)step) old[k++] = l->items[r];
        else l->items[w++] = l->items[r];
    }
    l->n = w;
    list_reserve(S, l, l->n); /* shrinking never fails */
    drop_array(S, old, (size_t)len, (size_t)len);
    return 0;
}

/* l[start::step] = v for slicelen items, step != 1. */
static int assign_extended(pe_state *S, pe_list *l, int64_t start, int64_t step, int64_t len,
                           pe_val v) {
    pe_val hold;
    const pe_val *items;
    size_t m;
    if (as_fast_seq(S, l, v, "must assign iterable to extended slice", &hold, &items, &m))
        return -1;
    int r = 0;
    if ((int64_t)m != len) {
        r = pe_raise(S, PE_EXC(ValueError),
                     "attempt to assign sequence of size %zu to extended slice of size %lld", m,
                     (long long)len);
    } else if (len > 0 && start + step * (len - 1) >= (int64_t)l->n) {
        r = pe_raise(S, PE_EXC(IndexError), "list assignment index out of range");
    } else {
        for (int64_t i = 0, j = start; i < len; i++, j += step) {
            pe_val old = l->items[j];
            pe_incref(items[i]);
            l->items[j] = items[i];
            pe_decref(S, old);
        }
    }
    pe_decref(S, hold);
    return r;
}

static int list_setslice(pe_state *S, pe_list *l, pe_val key, pe_val v) {
    int64_t start, stop, step, len;
    if (pe_slice_indices(S, key, (int64_t)l->n, &start, &stop, &step, &len)) return -1;
    if (step == 1) return assign_simple_slice(S, l, start, stop, v);
    if (v.tag == PE_TUNDEF) return delete_extended(S, l, start, step, len);
    return assign_extended(S, l, start, step, len, v);
}

static int list_setitem(pe_state *S, pe_val self, pe_val key, pe_val v) {
    pe_list *l = PE_LIST(self);
    if (pe_is_slice(key)) return list_setslice(S, l, key, v);
    size_t i;
    if (pe_cont_seq_index(S, key, l->n, "list", "list assignment index out of range", &i)) return -1;
    if (v.tag == PE_TUNDEF) return replace_range(S, l, i, i + 1, NULL, 0);
    pe_val old = l->items[i];
    pe_incref(v);
    l->items[i] = v;
    pe_decref(S, old);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Methods                                                             */
/* ------------------------------------------------------------------ */

static int ret_none(pe_val *out) {
    *out = pe_none();
    return 0;
}

static int m_append(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (pe_cont_onearg(S, "list.append", argc, kwnames)) return -1;
    if (pe_list_append(S, PE_LIST(self), argv[0])) return -1;
    return ret_none(out);
}

static int m_extend(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (pe_cont_onearg(S, "list.extend", argc, kwnames)) return -1;
    if (pe_list_extend(S, PE_LIST(self), argv[0])) return -1;
    return ret_none(out);
}

/* Py_ssize_t argument of insert/pop (clinic's converter). */
static int m_insert(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (pe_cont_posargs(S, "list.insert", "insert", argc, kwnames, 2, 2)) return -1;
    int64_t where;
    if (pe_ps_arg_ssize(S, argv[0], &where)) return -1;
    pe_list *l = PE_LIST(self);
    int64_t n = (int64_t)l->n;
    if (where < 0 && (where += n) < 0) where = 0;
    if (where > n) where = n;
    if (replace_range(S, l, (size_t)where, (size_t)where, &argv[1], 1)) return -1;
    return ret_none(out);
}

static int m_pop(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                 pe_val *out) {
    if (pe_cont_posargs(S, "list.pop", "pop", argc, kwnames, 0, 1)) return -1;
    int64_t i = -1;
    if (argc && pe_ps_arg_ssize(S, argv[0], &i)) return -1;
    pe_list *l = PE_LIST(self);
    if (l->n == 0) return pe_raise(S, PE_EXC(IndexError), "pop from empty list");
    if (i < 0) i += (int64_t)l->n;
    if (i < 0 || i >= (int64_t)l->n) return pe_raise(S, PE_EXC(IndexError), "pop index out of range");
    *out = l->items[i];
    memmove(l->items + i, l->items + i + 1, (l->n - (size_t)i - 1) * sizeof(pe_val));
    l->n--;
    list_reserve(S, l, l->n); /* shrinking never fails */
    return 0;
}

static int m_remove(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (pe_cont_onearg(S, "list.remove", argc, kwnames)) return -1;
    pe_list *l = PE_LIST(self);
    for (size_t i = 0; i < l->n; i++) {
        pe_val y = l->items[i];
        int k = cont_eq_held(S, y, argv[0]);
        if (k < 0) return -1;
        if (k && i < l->n) {
            if (replace_range(S, l, i, i + 1, NULL, 0)) return -1;
            return ret_none(out);
        }
    }
    return pe_raise(S, PE_EXC(ValueError), "list.remove(x): x not in list");
}

static int m_index(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                   pe_val *out) {
    if (pe_cont_posargs(S, "list.index", "index", argc, kwnames, 1, 3)) return -1;
    pe_list *l = PE_LIST(self);
    int r = pe_cont_seq_index_of(S, &l->items, &l->n, argc, argv, out);
    if (r) return r < 0 ? -1 : 0;
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_repr(S, argv[0], &sb) || pe_sb_puts(&sb, " is not in list")) {
        pe_sb_free(&sb);
        return -1;
    }
    pe_raise_str(S, PE_EXC(ValueError), sb.p, sb.len);
    pe_sb_free(&sb);
    return -1;
}

static int m_count(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                   pe_val *out) {
    if (pe_cont_onearg(S, "list.count", argc, kwnames)) return -1;
    pe_list *l = PE_LIST(self);
    return pe_cont_seq_count(S, &l->items, &l->n, argv[0], out);
}

static void reverse_vals(pe_val *lo, pe_val *hi) {
    for (--hi; lo < hi; lo++, hi--) {
        pe_val t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

void pe_list_reverse(pe_list *l) {
    if (l->n > 1) reverse_vals(l->items, l->items + l->n);
}

static int m_reverse(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "list.reverse", argc, kwnames)) return -1;
    pe_list_reverse(PE_LIST(self));
    return ret_none(out);
}

static int m_copy(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                  pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "list.copy", argc, kwnames)) return -1;
    pe_list *l = PE_LIST(self);
    if (pe_list_new(S, l->n, out)) return -1;
    append_array(S, PE_LIST(*out), l->items, l->n); /* reserved: cannot fail */
    return 0;
}

static int m_clear(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                   pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "list.clear", argc, kwnames)) return -1;
    list_clear_slot(S, self.u.o);
    return ret_none(out);
}

/* ------------------------------------------------------------------ */
/* Timsort (port of CPython 3.11's listsort)                           */
/* ------------------------------------------------------------------ */

#define MAX_MERGE_PENDING 85
#define MIN_GALLOP 7
#define TEMP_SIZE 64

/* keys, and the values that move along with them (NULL without key=) */
typedef struct {
    pe_val *keys;
    pe_val *values;
} sortslice;

typedef struct {
    sortslice base;
    ptrdiff_t len;
    int power;
} s_run;

typedef struct {
    pe_state *S;
    ptrdiff_t min_gallop;
    ptrdiff_t listlen;
    pe_val *basekeys;
    sortslice a; /* temp storage for merges */
    ptrdiff_t alloced;
    bool a_heap; /* a.keys from pe_mem (else temparray) */
    int n;
    s_run pending[MAX_MERGE_PENDING];
    pe_val temparray[2 * TEMP_SIZE];
} MergeState;

/* 1 if x < y, 0 if not, -1 on error. */
/* x < y for two exact tuples while their items are small ints (a sort
 * key such as (r[0], -r[2])): 0 or 1, or 2 when an item of another kind
 * decides (the general comparison then runs from the start: comparing
 * small ints has no effects to repeat). */
static int tuple_lt_ints(const pe_tuple *a, const pe_tuple *b) {
    size_t n = a->n < b->n ? a->n : b->n;
    for (size_t i = 0; i < n; i++) {
        pe_val x = a->items[i], y = b->items[i];
        if (x.tag != PE_TINT || y.tag != PE_TINT) return 2;
        if (x.u.i != y.u.i) return x.u.i < y.u.i;
    }
    return a->n < b->n;
}

static int islt(MergeState *ms, pe_val x, pe_val y) {
    if (PE_UNLIKELY(pe_work_fast(ms->S, 1))) return -1; /* time budget */
    if (x.tag == PE_TINT && y.tag == PE_TINT) return x.u.i < y.u.i;
    if (x.tag == PE_TFLOAT && y.tag == PE_TFLOAT) return x.u.f < y.u.f;
    if (x.tag == PE_TOBJ && y.tag == PE_TOBJ && x.u.o->type == &pe_type_tuple &&
        y.u.o->type == &pe_type_tuple) {
        int k = tuple_lt_ints(PE_TUPLE(x), PE_TUPLE(y));
        if (k != 2) return k;
    }
    pe_val r;
    if (pe_richcmp(ms->S, x, y, PE_LT, &r)) return -1;
    if (r.tag == PE_TBOOL) return (int)r.u.i;
    int t = pe_truth(ms->S, r);
    pe_decref(ms->S, r);
    return t;
}

#define IFLT(X, Y)                       \
    if ((k = islt(ms, (X), (Y))) < 0) \
        goto fail;                       \
    if (k)

static void ss_copy(sortslice *d, ptrdiff_t i, const sortslice *s, ptrdiff_t j) {
    d->keys[i] = s->keys[j];
    if (d->values) d->values[i] = s->values[j];
}
static void ss_copy_incr(sortslice *d, sortslice *s) {
    *d->keys++ = *s->keys++;
    if (d->values) *d->values++ = *s->values++;
}
static void ss_copy_decr(sortslice *d, sortslice *s) {
    *d->keys-- = *s->keys--;
    if (d->values) *d->values-- = *s->values--;
}
static void ss_memcpy(sortslice *d, ptrdiff_t i, const sortslice *s, ptrdiff_t j, ptrdiff_t n) {
    memcpy(&d->keys[i], &s->keys[j], sizeof(pe_val) * (size_t)n);
    if (d->values) memcpy(&d->values[i], &s->values[j], sizeof(pe_val) * (size_t)n);
}
static void ss_memmove(sortslice *d, ptrdiff_t i, const sortslice *s, ptrdiff_t j, ptrdiff_t n) {
    memmove(&d->keys[i], &s->keys[j], sizeof(pe_val) * (size_t)n);
    if (d->values) memmove(&d->values[i], &s->values[j], sizeof(pe_val) * (size_t)n);
}
static void ss_advance(sortslice *s, ptrdiff_t n) {
    s->keys += n;
    if (s->values) s->values += n;
}

static void reverse_sortslice(sortslice *s, ptrdiff_t n) {
    reverse_vals(s->keys, s->keys + n);
    if (s->values) reverse_vals(s->values, s->values + n);
}

/* Binary insertion sort of [lo, hi), given [lo, start) already sorted. */
static int binarysort(MergeState *ms, sortslice lo, pe_val *hi, pe_val *start) {
    int k;
    if (lo.keys == start) ++start;
    for (; start < hi; ++start) {
        pe_val *l = lo.keys, *r = start, *p;
        pe_val pivot = *r;
        do {
            p = l + ((r - l) >> 1);
            IFLT(pivot, *p) r = p;
            else l = p + 1;
        } while (l < r);
        for (p = start; p > l; --p) *p = *(p - 1);
        *l = pivot;
        if (lo.values) {
            ptrdiff_t off = lo.values - lo.keys;
            p = start + off;
            pivot = *p;
            l += off;
            for (; p > l; --p) *p = *(p - 1);
            *l = pivot;
        }
    }
    return 0;
fail:
    return -1;
}

/* Length of the run starting at lo; *descending when strictly descending. */
static ptrdiff_t count_run(MergeState *ms, pe_val *lo, pe_val *hi, int *descending) {
    int k;
    ptrdiff_t n;
    *descending = 0;
    ++lo;
    if (lo == hi) return 1;
    n = 2;
    IFLT(*lo, *(lo - 1)) {
        *descending = 1;
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            IFLT(*lo, *(lo - 1));
            else break;
        }
    }
    else {
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            IFLT(*lo, *(lo - 1)) break;
        }
    }
    return n;
fail:
    return -1;
}

/* Leftmost position in sorted a[0..n) where key belongs (a[ofs-1] < key <= a[ofs]). */
static ptrdiff_t gallop_left(MergeState *ms, pe_val key, pe_val *a, ptrdiff_t n, ptrdiff_t hint) {
    ptrdiff_t ofs, lastofs, k;
    a += hint;
    lastofs = 0;
    ofs = 1;
    IFLT(*a, key) {
        const ptrdiff_t maxofs = n - hint;
        while (ofs < maxofs) {
            IFLT(a[ofs], key) {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            else break;
        }
        if (ofs > maxofs) ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    else {
        const ptrdiff_t maxofs = hint + 1;
        while (ofs < maxofs) {
            IFLT(*(a - ofs), key) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
        IFLT(a[m], key) lastofs = m + 1;
        else ofs = m;
    }
    return ofs;
fail:
    return -1;
}

/* Rightmost position (a[ofs-1] <= key < a[ofs]). */
static ptrdiff_t gallop_right(MergeState *ms, pe_val key, pe_val *a, ptrdiff_t n, ptrdiff_t hint) {
    ptrdiff_t ofs, lastofs, k;
    a += hint;
    lastofs = 0;
    ofs = 1;
    IFLT(key, *a) {
        const ptrdiff_t maxofs = hint + 1;
        while (ofs < maxofs) {
            IFLT(key, *(a - ofs)) {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            else break;
        }
        if (ofs > maxofs) ofs = maxofs;
        k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    else {
        const ptrdiff_t maxofs = n - hint;
        while (ofs < maxofs) {
            IFLT(key, a[ofs]) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
        IFLT(key, a[m]) ofs = m;
        else lastofs = m + 1;
    }
    return ofs;
fail:
    return -1;
}

static void merge_freemem(MergeState *ms) {
    if (ms->a_heap) {
        size_t mult = ms->a.values ? 2 : 1;
        pe_mem_free(ms->S, ms->a.keys, mult * (size_t)ms->alloced * sizeof(pe_val));
    }
    ms->a_heap = false;
}

/* Ensure room for `need` temp entries (keys and, with key=, values). */
static int merge_getmem(MergeState *ms, ptrdiff_t need) {
    if (need <= ms->alloced) return 0;
    bool has_values = ms->a.values != NULL;
    size_t mult = has_values ? 2 : 1;
    merge_freemem(ms);
    if ((size_t)need > SIZE_MAX / sizeof(pe_val) / mult) return pe_raise_nomem(ms->S);
    pe_val *p = pe_mem_alloc(ms->S, mult * (size_t)need * sizeof(pe_val));
    if (!p) {
        ms->a.keys = ms->temparray; /* keep the state valid for freemem */
        ms->alloced = 0;
        return -1;
    }
    ms->a_heap = true;
    ms->a.keys = p;
    ms->alloced = need;
    if (has_values) ms->a.values = p + need;
    return 0;
}

static ptrdiff_t merge_lo(MergeState *ms, sortslice ssa, ptrdiff_t na, sortslice ssb,
                          ptrdiff_t nb) {
    ptrdiff_t k, min_gallop;
    sortslice dest;
    int result = -1;
    if (merge_getmem(ms, na) < 0) return -1;
    ss_memcpy(&ms->a, 0, &ssa, 0, na);
    dest = ssa;
    ssa = ms->a;
    ss_copy_incr(&dest, &ssb);
    --nb;
    if (nb == 0) goto succeed;
    if (na == 1) goto copyb;
    min_gallop = ms->min_gallop;
    for (;;) {
        ptrdiff_t acount = 0, bcount = 0;
        for (;;) {
            k = islt(ms, ssb.keys[0], ssa.keys[0]);
            if (k) {
                if (k < 0) goto fail;
                ss_copy_incr(&dest, &ssb);
                ++bcount;
                acount = 0;
                --nb;
                if (nb == 0) goto succeed;
                if (bcount >= min_gallop) break;
            } else {
                ss_copy_incr(&dest, &ssa);
                ++acount;
                bcount = 0;
                --na;
                if (na == 1) goto copyb;
                if (acount >= min_gallop) break;
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            k = gallop_right(ms, ssb.keys[0], ssa.keys, na, 0);
            acount = k;
            if (k) {
                if (k < 0) goto fail;
                ss_memcpy(&dest, 0, &ssa, 0, k);
                ss_advance(&dest, k);
                ss_advance(&ssa, k);
                na -= k;
                if (na == 1) goto copyb;
                if (na == 0) goto succeed;
            }
            ss_copy_incr(&dest, &ssb);
            --nb;
            if (nb == 0) goto succeed;
            k = gallop_left(ms, ssa.keys[0], ssb.keys, nb, 0);
            bcount = k;
            if (k) {
                if (k < 0) goto fail;
                ss_memmove(&dest, 0, &ssb, 0, k);
                ss_advance(&dest, k);
                ss_advance(&ssb, k);
                nb -= k;
                if (nb == 0) goto succeed;
            }
            ss_copy_incr(&dest, &ssa);
            --na;
            if (na == 1) goto copyb;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (na) ss_memcpy(&dest, 0, &ssa, 0, na);
    return result;
copyb:
    ss_memmove(&dest, 0, &ssb, 0, nb);
    ss_copy(&dest, nb, &ssa, 0);
    return 0;
}

static ptrdiff_t merge_hi(MergeState *ms, sortslice ssa, ptrdiff_t na, sortslice ssb,
                          ptrdiff_t nb) {
    ptrdiff_t k, min_gallop;
    sortslice dest, basea, baseb;
    int result = -1;
    if (merge_getmem(ms, nb) < 0) return -1;
    dest = ssb;
    ss_advance(&dest, nb - 1);
    ss_memcpy(&ms->a, 0, &ssb, 0, nb);
    basea = ssa;
    baseb = ms->a;
    ssb.keys = ms->a.keys + nb - 1;
    if (ssb.values) ssb.values = ms->a.values + nb - 1;
    ss_advance(&ssa, na - 1);
    ss_copy_decr(&dest, &ssa);
    --na;
    if (na == 0) goto succeed;
    if (nb == 1) goto copya;
    min_gallop = ms->min_gallop;
    for (;;) {
        ptrdiff_t acount = 0, bcount = 0;
        for (;;) {
            k = islt(ms, ssb.keys[0], ssa.keys[0]);
            if (k) {
                if (k < 0) goto fail;
                ss_copy_decr(&dest, &ssa);
                ++acount;
                bcount = 0;
                --na;
                if (na == 0) goto succeed;
                if (acount >= min_gallop) break;
            } else {
                ss_copy_decr(&dest, &ssb);
                ++bcount;
                acount = 0;
                --nb;
                if (nb == 1) goto copya;
                if (bcount >= min_gallop) break;
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            k = gallop_right(ms, ssb.keys[0], basea.keys, na, na - 1);
            if (k < 0) goto fail;
            k = na - k;
            acount = k;
            if (k) {
                ss_advance(&dest, -k);
                ss_advance(&ssa, -k);
                ss_memmove(&dest, 1, &ssa, 1, k);
                na -= k;
                if (na == 0) goto succeed;
            }
            ss_copy_decr(&dest, &ssb);
            --nb;
            if (nb == 1) goto copya;
            k = gallop_left(ms, ssa.keys[0], baseb.keys, nb, nb - 1);
            if (k < 0) goto fail;
            k = nb - k;
            bcount = k;
            if (k) {
                ss_advance(&dest, -k);
                ss_advance(&ssb, -k);
                ss_memcpy(&dest, 1, &ssb, 1, k);
                nb -= k;
                if (nb == 1) goto copya;
                if (nb == 0) goto succeed;
            }
            ss_copy_decr(&dest, &ssa);
            --na;
            if (na == 0) goto succeed;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (nb) ss_memcpy(&dest, -(nb - 1), &baseb, 0, nb);
    return result;
copya:
    ss_memmove(&dest, 1 - na, &ssa, 1 - na, na);
    ss_advance(&dest, -na);
    ss_advance(&ssa, -na);
    ss_copy(&dest, 0, &ssb, 0);
    return 0;
}

/* Merge pending runs i and i+1. */
static ptrdiff_t merge_at(MergeState *ms, int i) {
    sortslice ssa = ms->pending[i].base, ssb = ms->pending[i + 1].base;
    ptrdiff_t na = ms->pending[i].len, nb = ms->pending[i + 1].len, k;
    ms->pending[i].len = na + nb;
    if (i == ms->n - 3) ms->pending[i + 1] = ms->pending[i + 2];
    --ms->n;
    k = gallop_right(ms, *ssb.keys, ssa.keys, na, 0);
    if (k < 0) return -1;
    ss_advance(&ssa, k);
    na -= k;
    if (na == 0) return 0;
    nb = gallop_left(ms, ssa.keys[na - 1], ssb.keys, nb, nb - 1);
    if (nb <= 0) return nb;
    return na <= nb ? merge_lo(ms, ssa, na, ssb, nb) : merge_hi(ms, ssa, na, ssb, nb);
}

/* Powersort: depth of the boundary between runs [s1, s1+n1) and the next n2. */
static int powerloop(ptrdiff_t s1, ptrdiff_t n1, ptrdiff_t n2, ptrdiff_t n) {
    int result = 0;
    ptrdiff_t a = 2 * s1 + n1, b = a + n1 + n2;
    for (;;) {
        ++result;
        if (a >= n) {
            a -= n;
            b -= n;
        } else if (b >= n) {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

static int found_new_run(MergeState *ms, ptrdiff_t n2) {
    if (ms->n) {
        s_run *p = ms->pending;
        ptrdiff_t s1 = p[ms->n - 1].base.keys - ms->basekeys, n1 = p[ms->n - 1].len;
        int power = powerloop(s1, n1, n2, ms->listlen);
        while (ms->n > 1 && p[ms->n - 2].power > power)
            if (merge_at(ms, ms->n - 2) < 0) return -1;
        p[ms->n - 1].power = power;
    }
    return 0;
}

static int merge_force_collapse(MergeState *ms) {
    s_run *p = ms->pending;
    while (ms->n > 1) {
        int n = ms->n - 2;
        if (n > 0 && p[n - 1].len < p[n + 1].len) --n;
        if (merge_at(ms, n) < 0) return -1;
    }
    return 0;
}

static ptrdiff_t compute_minrun(ptrdiff_t n) {
    ptrdiff_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* Sorts lo (n entries) in place; the keys/values stay a permutation. */
static int timsort(MergeState *ms, sortslice lo, ptrdiff_t n) {
    ptrdiff_t nremaining = n, minrun = compute_minrun(n);
    do {
        int descending;
        ptrdiff_t r = count_run(ms, lo.keys, lo.keys + nremaining, &descending);
        if (r < 0) return -1;
        if (descending) reverse_sortslice(&lo, r);
        if (r < minrun) {
            ptrdiff_t force = nremaining <= minrun ? nremaining : minrun;
            if (binarysort(ms, lo, lo.keys + force, lo.keys + r) < 0) return -1;
            r = force;
        }
        if (found_new_run(ms, r) < 0) return -1;
        ms->pending[ms->n].base = lo;
        ms->pending[ms->n].len = r;
        ++ms->n;
        ss_advance(&lo, r);
        nremaining -= r;
    } while (nremaining);
    return merge_force_collapse(ms);
}

/* Computes key(item) for every item into a new array. */
static int compute_keys(pe_state *S, pe_val key, const pe_val *items, size_t n, pe_val **out) {
    pe_val *keys = pe_mem_alloc(S, n * sizeof(pe_val));
    if (!keys) return -1;
    for (size_t i = 0; i < n; i++) {
        if (pe_call(S, key, 1, &items[i], NULL, &keys[i])) {
            drop_array(S, keys, i, n);
            return -1;
        }
    }
    *out = keys;
    return 0;
}

static int sort_array(pe_state *S, pe_val *items, pe_val *keys, size_t n, bool reverse) {
    if (n < 2) return 0;
    MergeState *ms = pe_mem_alloc(S, sizeof(MergeState));
    if (!ms) return -1;
    ms->S = S;
    ms->min_gallop = MIN_GALLOP;
    ms->listlen = (ptrdiff_t)n;
    ms->n = 0;
    ms->a_heap = false;
    ms->a.keys = ms->temparray;
    ms->a.values = keys ? ms->temparray + TEMP_SIZE : NULL;
    ms->alloced = keys ? TEMP_SIZE : 2 * TEMP_SIZE;
    sortslice lo = {keys ? keys : items, keys ? items : NULL};
    ms->basekeys = lo.keys;
    if (reverse) reverse_sortslice(&lo, (ptrdiff_t)n);
    int r = timsort(ms, lo, (ptrdiff_t)n);
    if (reverse) reverse_sortslice(&lo, (ptrdiff_t)n);
    merge_freemem(ms);
    pe_mem_free(S, ms, sizeof(MergeState));
    return r;
}

int pe_list_sort(pe_state *S, pe_list *l, pe_val key, bool reverse) {
    /* The list looks empty while sorting so key functions cannot disturb
     * the array being sorted (CPython's behaviour). */
    pe_val *items = l->items;
    size_t n = l->n, cap = l->cap;
    l->items = NULL;
    l->n = l->cap = 0;
    pe_val *keys = NULL;
    int r = 0;
    if (key.tag != PE_TUNDEF && key.tag != PE_TNONE && n > 0)
        r = compute_keys(S, key, items, n, &keys);
    if (r == 0) r = sort_array(S, items, keys, n, reverse);
    if (keys) drop_array(S, keys, n, n);
    bool modified = l->items != NULL || l->n != 0;
    pe_val *fi = l->items;
    size_t fn = l->n, fcap = l->cap;
    l->items = items;
    l->n = n;
    l->cap = cap;
    if (fi) drop_array(S, fi, fn, fcap);
    if (modified && r == 0) r = pe_raise(S, PE_EXC(ValueError), "list modified during sort");
    return r;
}

/* list.sort(*, key=None, reverse=False) */
static int m_sort(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                  pe_val *out) {
    size_t nkw = cont_nkw(kwnames);
    if ((size_t)argc > nkw) return pe_raise(S, PE_EXC(TypeError), "sort() takes no positional arguments");
    pe_val key = pe_none();
    int64_t rev = 0;
    for (size_t i = 0; i < nkw; i++) {
        const pe_str *name = cont_kwname(kwnames, i);
        pe_val v = argv[(size_t)argc - nkw + i];
        if (cont_str_is(name, "key")) {
            key = v;
        } else if (cont_str_is(name, "reverse")) {
            if (pe_ps_arg_ssize(S, v, &rev)) return -1;
        } else {
            return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for sort()",
                            name->data);
        }
    }
    if (pe_list_sort(S, PE_LIST(self), key, rev != 0)) return -1;
    return ret_none(out);
}

/* ------------------------------------------------------------------ */
/* In-place operators                                                  */
/* ------------------------------------------------------------------ */

static int list_inplace_repeat(pe_state *S, pe_list *l, pe_val count) {
    int64_t c;
    size_t total;
    if (pe_cont_repeat_count(S, count, &c) || pe_cont_repeat_size(S, l->n, c, &total)) return -1;
    if (c == 0 || l->n == 0) {
        list_clear_slot(S, &l->ob);
        return 0;
    }
    if (c == 1) return 0;
    if (list_reserve(S, l, total)) return -1;
    size_t n0 = l->n;
    for (size_t i = n0; i < total; i++) {
        if ((i & 0xFFFF) == 0xFFFF && pe_work(S, 0x10000)) { /* time budget */
            l->n = i;
            return -1;
        }
        pe_val v = l->items[i % n0];
        pe_incref(v);
        l->items[i] = v;
    }
    l->n = total;
    return 0;
}

int pe_container_inplace(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (pe_is_list(a)) {
        int r;
        if (op == PE_BO_ADD) r = pe_list_extend(S, PE_LIST(a), b);
        else if (op == PE_BO_MUL) r = list_inplace_repeat(S, PE_LIST(a), b);
        else return PE_NOTIMPL;
        if (r) return -1;
        pe_incref(a);
        *out = a;
        return 0;
    }
    if (pe_is_kind(a, PE_K_SET)) return pe_cont_set_inplace(S, op, a, b, out);
    if (pe_is_dict(a) && op == PE_BO_OR) return pe_cont_dict_ior(S, a, b, out);
    return PE_NOTIMPL;
}

static const pe_cfunc list_methods[] = {
    PE_METHOD("append", m_append),
    PE_METHOD("extend", m_extend),
    PE_METHOD("insert", m_insert),
    PE_METHOD("pop", m_pop),
    PE_METHOD("remove", m_remove),
    PE_METHOD("index", m_index),
    PE_METHOD("count", m_count),
    PE_METHOD("sort", m_sort),
    PE_METHOD("reverse", m_reverse),
    PE_METHOD("copy", m_copy),
    PE_METHOD("clear", m_clear),
    PE_METHOD_END,
};

const pe_type pe_type_list = PE_TYPE("list", LIST,
    PE_DEALLOC_CLEARED(pe_list),
    .clear = list_clear_slot,
    .repr = list_repr,
    .richcmp = list_richcmp,
    .binop = list_binop,
    .len = list_len,
    .iter = list_iter,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .contains = list_contains,
    .call = list_call,
    .methods = list_methods,
);
