/*
 * slice.c - slice objects and index conversion shared by the sequences.
 *
 * pe_slice_indices is CPython's PySlice_GetIndicesEx (PySlice_Unpack +
 * PySlice_AdjustIndices): bounds are clipped to the int64 range first, then
 * to the sequence length, so the results match CPython for any int bounds.
 */
#include "cont_internal.h"

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
    return 0;
}

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

int cont_slice_index(pe_state *S, pe_val v, int64_t *out) {
    if (clip_index(v, out)) return 0;
    return pe_raise(S, PE_EXC(TypeError),
                    "slice indices must be integers or have an __index__ method");
}

/* _PyEval_SliceIndex: None leaves *out untouched. */
static int slice_bound(pe_state *S, pe_val v, int64_t *out) {
    if (v.tag == PE_TNONE || clip_index(v, out)) return 0;
    return pe_raise(S, PE_EXC(TypeError),
                    "slice indices must be integers or None or have an __index__ method");
}

int cont_seq_index(pe_state *S, pe_val key, size_t n, const char *tname, const char *oor,
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

int cont_repeat_count(pe_state *S, pe_val n, int64_t *out) {
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
    pe_incref(start);
    pe_incref(stop);
    pe_incref(step);
    s->start = start;
    s->stop = stop;
    s->step = step;
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

static void slice_clear(pe_state *S, pe_obj *o) {
    pe_slice *s = (pe_slice *)o;
    pe_val a = s->start, b = s->stop, c = s->step;
    s->start = s->stop = s->step = pe_none();
    pe_decref(S, a);
    pe_decref(S, b);
    pe_decref(S, c);
}

static void slice_dealloc(pe_state *S, pe_obj *o) {
    if (cont_trash_begin(S, o)) return;
    slice_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_slice));
    cont_trash_end(S);
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
    if (cont_type_call_check(S, callee)) return -1;
    if (cont_posargs(S, "slice", "slice", argc, kwnames, 1, 3)) return -1;
    if (argc == 1) return pe_slice_new(S, pe_none(), argv[0], pe_none(), out);
    return pe_slice_new(S, argv[0], argv[1], argc == 3 ? argv[2] : pe_none(), out);
}

/* slice.indices(length): _PySlice_GetLongIndices on int64-clipped values. */
static int slice_indices_meth(pe_state *S, pe_val self, int argc, const pe_val *argv,
                              pe_obj *kwnames, pe_val *out) {
    if (cont_onearg(S, "slice.indices", argc, kwnames)) return -1;
    int64_t length;
    int r = pe_index_int64(S, argv[0], PE_EXC(OverflowError), &length);
    if (r < 0) return -1;
    if (r == 0)
        return pe_raise(S, PE_EXC(TypeError), "'%s' object cannot be interpreted as an integer",
                        pe_type_name(argv[0]));
    if (length < 0) return pe_raise(S, PE_EXC(ValueError), "length should not be negative");
    pe_slice *s = PE_SLICE(self);
    int64_t step = 1, start, stop;
    if (slice_bound(S, s->step, &step)) return -1;
    if (s->step.tag != PE_TNONE && step == 0)
        return pe_raise(S, PE_EXC(ValueError), "slice step cannot be zero");
    int64_t lower = step < 0 ? -1 : 0, upper = step < 0 ? length - 1 : length;
    int64_t *ends[2] = {&start, &stop};
    pe_val given[2] = {s->start, s->stop};
    for (int k = 0; k < 2; k++) {
        int64_t x = (k == 0) == (step < 0) ? upper : lower;
        if (given[k].tag != PE_TNONE) {
            if (slice_bound(S, given[k], &x)) return -1;
            if (x < 0) {
                x = x < INT64_MIN + length ? lower : x + length;
                if (x < lower) x = lower;
            } else if (x > upper) {
                x = upper;
            }
        }
        *ends[k] = x;
    }
    pe_val t[3] = {pe_int(start), pe_int(stop), pe_int(step)};
    return pe_tuple_pack(S, 3, t, out);
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

const pe_type pe_type_slice = {
    .ob = PE_STATIC_HEAD(&pe_type_type),
    .name = "slice",
    .kind = PE_K_SLICE,
    .dealloc = slice_dealloc,
    .clear = slice_clear,
    .repr = slice_repr,
    .richcmp = slice_richcmp,
    .call = slice_call,
    .getattr = slice_getattr,
    .methods = slice_methods,
};
