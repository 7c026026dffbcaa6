/*
 * slice.c - slice objects and index conversion shared by the sequences.
 *
 * pe_slice_indices is CPython's PySlice_GetIndicesEx (PySlice_Unpack +
 * PySlice_AdjustIndices): bounds are clipped to the int64 range first, then
 * to the sequence length, so the results match CPython for any int bounds.
 */
#include "cont_internal.h"
#include "pe_dunder.h"

/* ------------------------------------------------------------------ */
/* Index conversion                                                    */
/* ------------------------------------------------------------------ */

int pe_index_int64(pe_state *S, pe_val v, const pe_type *exc, int64_t *out) {
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        *out = v.u.i;
        return 1;
    }
    if (pe_is_bigint(v)) {
        pe_raise(S, exc, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    if (PE_UNLIKELY(pe_du_heap(v))) { /* a user class's __index__ */
        pe_val i;
        int r = pe_dunder_index(S, v, &i);
        if (r <= 0) return r;
        r = pe_index_int64(S, i, exc, out);
        pe_decref(S, i);
        return r;
    }
    return 0;
}

int pe_raise_not_index(pe_state *S, pe_val v) {
    return pe_raise(S, PE_EXC(TypeError), "'%s' object cannot be interpreted as an integer",
                    pe_type_name(v));
}

int pe_index_int_value(pe_state *S, pe_val v, pe_val *out) {
    pe_val x = pe_unbox(v);
    if (x.tag == PE_TBOOL) x = pe_int(x.u.i);
    if (!pe_is_intlike(x)) return pe_raise_not_index(S, v);
    *out = x;
    return 0;
}

/* clip_index for a user class's __index__: 1 done, 0 none, -1 error. */
static int clip_dunder_index(pe_state *S, pe_val v, int64_t *out);

/* An int operand clipped to [INT64_MIN, INT64_MAX] (PyNumber_AsSsize_t with
 * a NULL exception). Returns false when v is not an int. */
static bool clip_index(pe_val v, int64_t *out) {
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        *out = v.u.i;
        return true;
    }
    if (pe_is_bigint(v)) {
        *out = pe_int_sign(v) < 0 ? INT64_MIN : INT64_MAX;
        return true;
    }
    return false;
}

static int clip_dunder_index(pe_state *S, pe_val v, int64_t *out) {
    pe_val i;
    int r = pe_dunder_index(S, v, &i);
    if (r <= 0) return r;
    clip_index(i, out);
    pe_decref(S, i);
    return 1;
}

int pe_cont_slice_index(pe_state *S, pe_val v, int64_t *out) {
    if (clip_index(v, out)) return 0;
    int du = clip_dunder_index(S, v, out);
    if (du) return du < 0 ? -1 : 0;
    return pe_raise(S, PE_EXC(TypeError),
                    "slice indices must be integers or have an __index__ method");
}

/* _PyEval_SliceIndex: None leaves *out untouched. */
static int slice_bound(pe_state *S, pe_val v, int64_t *out) {
    if (v.tag == PE_TNONE || clip_index(v, out)) return 0;
    int du = clip_dunder_index(S, v, out);
    if (du) return du < 0 ? -1 : 0;
    return pe_raise(S, PE_EXC(TypeError),
                    "slice indices must be integers or None or have an __index__ method");
}

int pe_cont_seq_index(pe_state *S, pe_val key, size_t n, const char *tname, const char *oor,
                   size_t *out) {
    int64_t i;
    int r = pe_index_int64(S, key, PE_EXC(IndexError), &i);
    if (r < 0) return -1;
    if (r == 0)
        return pe_raise(S, PE_EXC(TypeError), "%s indices must be integers or slices, not %s",
                        tname, pe_type_name(key));
    if (i < 0) i += (int64_t)n;
    if (i < 0 || (uint64_t)i >= n) return pe_raise(S, PE_EXC(IndexError), "%s", oor);
    *out = (size_t)i;
    return 0;
}

int pe_cont_repeat_count(pe_state *S, pe_val n, int64_t *out) {
    int r = pe_index_int64(S, n, PE_EXC(OverflowError), out);
    if (r < 0) return -1;
    if (r == 0)
        return pe_raise(S, PE_EXC(TypeError), "can't multiply sequence by non-int of type '%s'",
                        pe_type_name(n));
    if (*out < 0) *out = 0;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Slice objects                                                       */
/* ------------------------------------------------------------------ */

int pe_slice_new(pe_state *S, pe_val start, pe_val stop, pe_val step, pe_val *out) {
    pe_slice *s = (pe_slice *)pe_obj_new(S, &pe_type_slice, sizeof(pe_slice));
    if (!s) return -1;
    s->start = pe_newref(start);
    s->stop = pe_newref(stop);
    s->step = pe_newref(step);
    *out = pe_obj_val(&s->ob);
    return 0;
}

/* PySlice_AdjustIndices: clamp to [0, length] (or [-1, length-1] for a
 * negative step) and count the items. */
static int64_t adjust_indices(int64_t length, int64_t *start, int64_t *stop, int64_t step) {
    if (*start < 0) {
        *start += length;
        if (*start < 0) *start = step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0) *stop = step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start) return (int64_t)(((uint64_t)*start - (uint64_t)*stop - 1) / (uint64_t)(-step)) + 1;
    } else if (*start < *stop) {
        return (int64_t)(((uint64_t)*stop - (uint64_t)*start - 1) / (uint64_t)step) + 1;
    }
    return 0;
}

int pe_slice_indices(pe_state *S, pe_val slice, int64_t length, int64_t *start, int64_t *stop,
                     int64_t *step, int64_t *slicelen) {
    pe_slice *s = PE_SLICE(slice);
    *step = 1;
    if (slice_bound(S, s->step, step)) return -1;
    if (s->step.tag != PE_TNONE) {
        if (*step == 0) return pe_raise(S, PE_EXC(ValueError), "slice step cannot be zero");
        if (*step < -INT64_MAX) *step = -INT64_MAX; /* so -step never overflows */
    }
    *start = *step < 0 ? INT64_MAX : 0;
    if (slice_bound(S, s->start, start)) return -1;
    *stop = *step < 0 ? INT64_MIN : INT64_MAX;
    if (slice_bound(S, s->stop, stop)) return -1;
    *slicelen = adjust_indices(length, start, stop, *step);
    return 0;
}

/* A slice bound as an int (bool mapped to int), or the TypeError. */
static int long_bound(pe_state *S, pe_val v, pe_val *out) {
    v = pe_unbox(v); /* an int subclass: its value (borrowed, alive with the slice) */
    if (v.tag == PE_TBOOL) v = pe_int(v.u.i);
    if (!pe_is_intlike(v))
        return pe_raise(S, PE_EXC(TypeError),
                        "slice indices must be integers or None or have an __index__ method");
    *out = v;
    return 0;
}

/* One end of a slice: None -> dflt; negative -> + length; then clamped to
 * [lower, upper]. All borrowed; *out is a new reference. */
static int long_end(pe_state *S, pe_val given, pe_val length, pe_val lower, pe_val upper,
                    pe_val dflt, pe_val *out) {
    pe_val x, y;
    if (given.tag == PE_TNONE) x = dflt;
    else if (long_bound(S, given, &x)) return -1;
    if (given.tag != PE_TNONE && pe_int_sign(x) < 0) {
        if (pe_int_add(S, x, length, &y)) return -1;
        if (pe_int_cmp(y, lower) < 0) {
            pe_decref(S, y);
            x = lower;
        } else {
            *out = y;
            return 0;
        }
    } else if (pe_int_cmp(x, upper) > 0) {
        x = upper;
    }
    pe_incref(x);
    *out = x;
    return 0;
}

int pe_slice_long_indices(pe_state *S, pe_val slice, pe_val length, pe_val *start, pe_val *stop,
                          pe_val *step) {
    pe_slice *s = PE_SLICE(slice);
    pe_val st = pe_int(1), upper, lower;
    if (s->step.tag != PE_TNONE) {
        if (long_bound(S, s->step, &st)) return -1;
        if (pe_int_sign(st) == 0) return pe_raise(S, PE_EXC(ValueError), "slice step cannot be zero");
    }
    bool neg = pe_int_sign(st) < 0;
    lower = pe_int(neg ? -1 : 0);
    if (neg) {
        if (pe_int_sub(S, length, pe_int(1), &upper)) return -1;
    } else {
        upper = length;
        pe_incref(upper);
    }
    int r = -1;
    if (long_end(S, s->start, length, lower, upper, neg ? upper : lower, start) == 0) {
        if (long_end(S, s->stop, length, lower, upper, neg ? lower : upper, stop) == 0) {
            pe_incref(st);
            *step = st;
            r = 0;
        } else {
            pe_decref(S, *start);
        }
    }
    pe_decref(S, upper);
    return r;
}

static void slice_clear(pe_state *S, pe_obj *o) {
    pe_slice *s = (pe_slice *)o;
    pe_val a = s->start, b = s->stop, c = s->step;
    s->start = s->stop = s->step = pe_none();
    pe_decref(S, a);
    pe_decref(S, b);
    pe_decref(S, c);
}

static int slice_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_slice *s = PE_SLICE(v);
    if (pe_sb_puts(sb, "slice(") || pe_repr(S, s->start, sb) || pe_sb_puts(sb, ", ") ||
        pe_repr(S, s->stop, sb) || pe_sb_puts(sb, ", ") || pe_repr(S, s->step, sb))
        return -1;
    return pe_sb_putc(sb, ')');
}

/* Slices compare like (start, stop, step) tuples. */
static int slice_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if (!pe_is_slice(a) || !pe_is_slice(b)) return PE_NOTIMPL;
    pe_slice *x = PE_SLICE(a), *y = PE_SLICE(b);
    pe_val ta, tb;
    pe_val ia[3] = {x->start, x->stop, x->step}, ib[3] = {y->start, y->stop, y->step};
    if (pe_tuple_pack(S, 3, ia, &ta)) return -1;
    if (pe_tuple_pack(S, 3, ib, &tb)) {
        pe_decref(S, ta);
        return -1;
    }
    int r = pe_richcmp(S, ta, tb, op, out);
    pe_decref(S, ta);
    pe_decref(S, tb);
    return r;
}

/* slice(stop) / slice(start, stop[, step]) */
static int slice_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    if (pe_cont_posargs(S, "slice", "slice", argc, kwnames, 1, 3)) return -1;
    if (argc == 1) return pe_slice_new(S, pe_none(), argv[0], pe_none(), out);
    return pe_slice_new(S, argv[0], argv[1], argc == 3 ? argv[2] : pe_none(), out);
}

/* slice.indices(length) */
static int slice_indices_meth(pe_state *S, pe_val self, int argc, const pe_val *argv,
                              pe_obj *kwnames, pe_val *out) {
    if (pe_cont_onearg(S, "slice.indices", argc, kwnames)) return -1;
    pe_val length;
    if (pe_index_int_value(S, argv[0], &length)) return -1;
    if (pe_int_sign(length) < 0)
        return pe_raise(S, PE_EXC(ValueError), "length should not be negative");
    pe_val t[3];
    if (pe_slice_long_indices(S, self, length, &t[0], &t[1], &t[2])) return -1;
    int r = pe_tuple_pack(S, 3, t, out);
    for (int i = 0; i < 3; i++) pe_decref(S, t[i]);
    return r;
}

static int slice_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    (void)S;
    pe_slice *s = PE_SLICE(v);
    const pe_str *n = (const pe_str *)name;
    pe_val *field = cont_str_is(n, "start")  ? &s->start
                    : cont_str_is(n, "stop") ? &s->stop
                    : cont_str_is(n, "step") ? &s->step
                                             : NULL;
    if (!field) return PE_NOTIMPL; /* methods table */
    pe_incref(*field);
    *out = *field;
    return 0;
}

static const pe_cfunc slice_methods[] = {
    PE_METHOD("indices", slice_indices_meth),
    PE_METHOD_END,
};

const pe_type pe_type_slice = PE_TYPE("slice", SLICE,
    PE_DEALLOC_CLEARED(pe_slice),
    .clear = slice_clear,
    .repr = slice_repr,
    .richcmp = slice_richcmp,
    .call = slice_call,
    .getattr = slice_getattr,
    .methods = slice_methods,
);
