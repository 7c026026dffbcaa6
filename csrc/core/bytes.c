/*
 * bytes.c - the bytes and bytearray objects: allocation, repr, hash,
 * comparison, concatenation and repetition, the sequence slots (indexing,
 * slicing, iteration, membership, bytearray item and slice assignment),
 * the constructors bytes(...) / bytearray(...), bytes literals, and the
 * in-place operators of bytearray. The methods are in bytes_methods.c,
 * the codecs (str.encode, bytes.decode) in bytes_codec.c.
 * Messages are CPython 3.11's (Objects/bytesobject.c, bytearrayobject.c).
 */

#include <inttypes.h>
#include <stdio.h>

#include "cont_internal.h"
#include "pe_dunder.h"

/* A heap instance with __index__ used as an index or a byte value: 1 with
 * the int in *out (new reference), 0 when v is no such object, -1 error.
 * May run Python code: bytearray views are re-read afterwards. */
static int index_of(pe_state *S, pe_val v, pe_val *out) {
    if (v.tag != PE_TOBJ || pe_is_intlike(v)) return 0;
    return pe_dunder_index(S, v, out);
}

/* ------------------------------------------------------------------ */
/* Allocation                                                          */
/* ------------------------------------------------------------------ */

pe_bytes *pe_bytes_alloc(pe_state *S, size_t len) {
    pe_bytes *b = (pe_bytes *)pe_text_obj_new(S, &pe_type_bytes, sizeof(pe_bytes), len);
    if (!b) return NULL;
    b->len = len;
    b->hash = -1;
    b->data[len] = 0;
    return b;
}

int pe_bytes_new(pe_state *S, const void *p, size_t len, pe_val *out) {
    pe_bytes *b = pe_bytes_alloc(S, len);
    if (!b) return -1;
    if (len) memcpy(b->data, p, len);
    *out = pe_obj_val(&b->ob);
    return 0;
}

static void bytes_dealloc(pe_state *S, pe_obj *o) {
    pe_obj_free(S, o, sizeof(pe_bytes) + ((pe_bytes *)o)->len + 1);
}

static pe_bytearray *bytearray_alloc(pe_state *S, size_t cap) {
    pe_bytearray *b = (pe_bytearray *)pe_obj_new(S, &pe_type_bytearray, sizeof(pe_bytearray));
    if (!b) return NULL;
    b->len = b->cap = 0;
    b->data = NULL;
    if (cap) {
        b->data = pe_mem_alloc(S, cap);
        if (!b->data) {
            pe_obj_free(S, &b->ob, sizeof(pe_bytearray));
            return NULL;
        }
        b->cap = cap;
    }
    return b;
}

int pe_bytearray_new(pe_state *S, const void *p, size_t len, pe_val *out) {
    pe_bytearray *b = bytearray_alloc(S, len);
    if (!b) return -1;
    if (len) memcpy(b->data, p, len);
    b->len = len;
    *out = pe_obj_val(&b->ob);
    return 0;
}

int pe_bytes_new_as(pe_state *S, const pe_type *t, const void *p, size_t len, pe_val *out) {
    return t == &pe_type_bytearray ? pe_bytearray_new(S, p, len, out) : pe_bytes_new(S, p, len, out);
}

int pe_sb_to_bytes(pe_sb *sb, const pe_type *t, pe_val *out) {
    int r = sb->failed ? -1 : pe_bytes_new_as(sb->S, t, sb->p, sb->len, out);
    pe_sb_free(sb);
    return r;
}

static void bytearray_dealloc(pe_state *S, pe_obj *o) {
    pe_bytearray *b = (pe_bytearray *)o;
    if (b->cap) pe_mem_free(S, b->data, b->cap);
    pe_obj_free(S, o, sizeof(pe_bytearray));
}

int pe_bytearray_reserve(pe_state *S, pe_bytearray *b, size_t extra) {
    if (extra <= b->cap - b->len) return 0;
    if (extra > SIZE_MAX / 4 - b->len) return pe_raise_nomem(S);
    size_t need = b->len + extra;
    size_t cap = b->cap + (b->cap >> 3) + 8; /* CPython's ~1/8 overallocation */
    if (cap < need) cap = need;
    unsigned char *p = b->cap ? pe_mem_realloc(S, b->data, b->cap, cap) : pe_mem_alloc(S, cap);
    if (!p) return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

/* Shrinks or grows a bytearray to exactly n bytes (contents kept up to n). */
static int bytearray_resize(pe_state *S, pe_bytearray *b, size_t n) {
    if (n > b->len) {
        if (pe_bytearray_reserve(S, b, n - b->len)) return -1;
    } else if (b->cap > 64 && n < b->cap / 4) {
        size_t cap = n + 16;
        unsigned char *p = pe_mem_realloc(S, b->data, b->cap, cap);
        if (p) { /* a failed shrink keeps the larger buffer */
            b->data = p;
            b->cap = cap;
        } else {
            pe_exc_clear(S);
        }
    }
    b->len = n;
    return 0;
}

/* ------------------------------------------------------------------ */
/* repr, hash, comparison                                              */
/* ------------------------------------------------------------------ */

/* bytearray's repr escapes ' whatever the quote (CPython's bytearray_repr). */
static int repr_data(pe_sb *sb, const unsigned char *p, size_t n, bool always_sq);

int pe_bytes_repr_data(pe_sb *sb, const unsigned char *p, size_t n) {
    return repr_data(sb, p, n, false);
}

static int repr_data(pe_sb *sb, const unsigned char *p, size_t n, bool always_sq) {
    char quote = '\'';
    if (memchr(p, '\'', n) && !memchr(p, '"', n)) quote = '"';
    static const char hex[] = "0123456789abcdef";
    if (pe_sb_putc(sb, 'b') || pe_sb_putc(sb, quote)) return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        char buf[4];
        size_t k = 0;
        if (c == (unsigned char)quote || c == '\\' || (always_sq && c == '\'')) {
            buf[k++] = '\\';
            buf[k++] = (char)c;
        } else if (c == '\t' || c == '\n' || c == '\r') {
            buf[k++] = '\\';
            buf[k++] = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        } else if (c < ' ' || c >= 0x7f) {
            buf[k++] = '\\';
            buf[k++] = 'x';
            buf[k++] = hex[c >> 4];
            buf[k++] = hex[c & 15];
        } else {
            buf[k++] = (char)c;
        }
        if (pe_sb_putn(sb, buf, k)) return -1;
    }
    return pe_sb_putc(sb, quote);
}

static int bytes_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    return pe_bytes_repr_data(sb, PE_BYTES(v)->data, PE_BYTES(v)->len);
}

static int bytearray_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    const unsigned char *p;
    size_t n;
    pe_bytes_view(v, &p, &n);
    if (pe_sb_puts(sb, "bytearray(") || repr_data(sb, p, n, true)) return -1;
    return pe_sb_putc(sb, ')');
}

static int bytes_hash(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    pe_bytes *b = PE_BYTES(v);
    if (b->hash != -1) {
        *out = b->hash;
        return 0;
    }
    int64_t h = pe_hash_bytes(b->data, b->len);
    if (!(b->ob.flags & PE_IMMORTAL)) b->hash = h;
    *out = h;
    return 0;
}

static int bytes_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    (void)S;
    const unsigned char *pa, *pb;
    size_t na, nb;
    if (!pe_bytes_view(a, &pa, &na) || !pe_bytes_view(b, &pb, &nb)) return PE_NOTIMPL;
    int c;
    if ((op == PE_EQ || op == PE_NE) && na != nb) {
        c = 1;
    } else {
        size_t m = na < nb ? na : nb;
        c = m ? memcmp(pa, pb, m) : 0;
        if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    }
    *out = pe_bool(pe_cmp_order(c, op));
    return 0;
}

/* ------------------------------------------------------------------ */
/* + and *                                                             */
/* ------------------------------------------------------------------ */

static int concat(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    const unsigned char *pa, *pb;
    size_t na, nb;
    pe_bytes_view(a, &pa, &na);
    if (!pe_bytes_view(b, &pb, &nb))
        return pe_raise(S, PE_EXC(TypeError), "can't concat %s to %s", pe_type_name(b),
                        pe_type_name(a));
    if (nb > SIZE_MAX / 2 - na) return pe_raise_nomem(S);
    if (pe_is_bytes(a)) {
        if (nb == 0) return pe_incref(a), *out = a, 0;
        if (na == 0 && pe_is_bytes(b)) return pe_incref(b), *out = b, 0;
        pe_bytes *r = pe_bytes_alloc(S, na + nb);
        if (!r) return -1;
        /* the views stay valid: only bytes allocated (no Python code ran) */
        if (na) memcpy(r->data, pa, na);
        if (nb) memcpy(r->data + na, pb, nb);
        *out = pe_obj_val(&r->ob);
        return 0;
    }
    pe_bytearray *r = bytearray_alloc(S, na + nb);
    if (!r) return -1;
    if (na) memcpy(r->data, pa, na);
    if (nb) memcpy(r->data + na, pb, nb);
    r->len = na + nb;
    *out = pe_obj_val(&r->ob);
    return 0;
}

/* Fills dst[0..total) with copies of src[0..n) (doubling; charges the time
 * budget). */
static int fill_repeat(pe_state *S, unsigned char *dst, const unsigned char *src, size_t n,
                       size_t total) {
    if (n == 1) {
        memset(dst, src[0], total);
        return pe_work(S, total / 64);
    }
    if (dst != src) memcpy(dst, src, n); /* `ba *= k` repeats in place */
    size_t done = n;
    while (done < total) {
        size_t k = done <= total - done ? done : total - done;
        size_t cap = ((size_t)1 << 22) / n * n;
        if (cap && k > cap) k = cap;
        memcpy(dst + done, dst, k);
        done += k;
        if (pe_work(S, k / 16)) return -1;
    }
    return 0;
}

static int repeat(pe_state *S, pe_val seq, int64_t count, pe_val *out) {
    const unsigned char *p;
    size_t n;
    pe_bytes_view(seq, &p, &n);
    bool is_bytes = pe_is_bytes(seq);
    if (count < 0) count = 0;
    if (is_bytes && (count == 1 || n == 0) && count) return pe_incref(seq), *out = seq, 0;
    if (n && (uint64_t)count > (uint64_t)(SIZE_MAX / 4) / n) return pe_raise_nomem(S);
    size_t total = n * (size_t)count;
    if (pe_mem_check(S, total)) return -1;
    if (is_bytes) {
        pe_bytes *r = pe_bytes_alloc(S, total);
        if (!r) return -1;
        if (total && fill_repeat(S, r->data, p, n, total)) {
            pe_decref_obj(S, &r->ob);
            return -1;
        }
        *out = pe_obj_val(&r->ob);
        return 0;
    }
    pe_bytearray *r = bytearray_alloc(S, total);
    if (!r) return -1;
    r->len = total;
    if (total && fill_repeat(S, r->data, p, n, total)) {
        pe_decref_obj(S, &r->ob);
        return -1;
    }
    *out = pe_obj_val(&r->ob);
    return 0;
}

static bool is_byteslike(pe_val v) { return pe_is_bytes(v) || pe_is_bytearray(v); }

static int bytes_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    switch (op) {
    case PE_BO_ADD:
        if (!is_byteslike(a)) return PE_NOTIMPL;
        return concat(S, a, b, out);
    case PE_BO_MOD: {
        if (!is_byteslike(a)) return PE_NOTIMPL;
        const unsigned char *p;
        size_t n;
        pe_bytes_view(a, &p, &n);
        return pe_bytes_percent_format(S, p, n, pe_typeof(a), b, out);
    }
    case PE_BO_MUL: {
        pe_val seq = is_byteslike(a) ? a : b, cnt = is_byteslike(a) ? b : a;
        int64_t n;
        if (pe_cont_repeat_count(S, cnt, &n)) return -1;
        return repeat(S, seq, n, out);
    }
    default:
        return PE_NOTIMPL;
    }
}

/* ------------------------------------------------------------------ */
/* Sequence slots                                                      */
/* ------------------------------------------------------------------ */

static int bytes_truth(pe_state *S, pe_val v) {
    (void)S;
    const unsigned char *p;
    size_t n;
    pe_bytes_view(v, &p, &n);
    return n != 0;
}

static int bytes_len(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    const unsigned char *p;
    size_t n;
    pe_bytes_view(v, &p, &n);
    *out = (int64_t)n;
    return 0;
}

/* A subscript with __index__ (not an int, bool or slice) becomes its int in
 * *key (one beyond int64 raises IndexError naming the key's type, as
 * CPython); other keys stay. May run Python code. */
static int index_key(pe_state *S, pe_val *key) {
    if (pe_is_intlike(*key) || key->tag == PE_TBOOL || pe_is_slice(*key)) return 0;
    pe_val iv;
    int r = index_of(S, *key, &iv);
    if (r <= 0) return r;
    if (pe_is_bigint(iv)) {
        pe_decref(S, iv);
        return pe_raise(S, PE_EXC(IndexError), "cannot fit '%s' into an index-sized integer",
                        pe_type_name(*key));
    }
    *key = iv; /* a small int: no reference */
    return 0;
}

static int bytes_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    if (index_key(S, &key)) return -1;
    const unsigned char *p;
    size_t n;
    pe_bytes_view(v, &p, &n);
    bool ba = pe_is_bytearray(v);
    if (pe_is_intlike(key) || key.tag == PE_TBOOL) {
        if (pe_is_bigint(key))
            return pe_raise(S, PE_EXC(IndexError), "cannot fit 'int' into an index-sized integer");
        int64_t i = key.u.i;
        if (i < 0) i += (int64_t)n;
        if (i < 0 || i >= (int64_t)n)
            return pe_raise(S, PE_EXC(IndexError), ba ? "bytearray index out of range"
                                                      : "index out of range");
        *out = pe_int(p[i]);
        return 0;
    }
    if (!pe_is_slice(key))
        return pe_raise(S, PE_EXC(TypeError), "%s indices must be integers or slices, not %s",
                        ba ? "bytearray" : "byte", pe_type_name(key));
    int64_t start, stop, step, len;
    if (pe_slice_indices(S, key, (int64_t)n, &start, &stop, &step, &len)) return -1;
    /* the slice's bounds may not run Python code here (ints only), so the
     * view is still valid */
    pe_bytes_view(v, &p, &n);
    const pe_type *t = pe_typeof(v);
    if (len <= 0) return pe_bytes_new_as(S, t, "", 0, out);
    if (step == 1) {
        if (!ba && len == (int64_t)n) return pe_incref(v), *out = v, 0;
        return pe_bytes_new_as(S, t, p + start, (size_t)len, out);
    }
    pe_val r;
    unsigned char *d;
    if (ba) {
        pe_bytearray *rb = bytearray_alloc(S, (size_t)len);
        if (!rb) return -1;
        rb->len = (size_t)len;
        d = rb->data;
        r = pe_obj_val(&rb->ob);
    } else {
        pe_bytes *rb = pe_bytes_alloc(S, (size_t)len);
        if (!rb) return -1;
        d = rb->data;
        r = pe_obj_val(&rb->ob);
    }
    pe_bytes_view(v, &p, &n);
    for (int64_t k = 0, i = start; k < len; k++, i += step) d[k] = p[i];
    *out = r;
    return 0;
}

/* A byte value: an int in range(0, 256) (bools included). */
static int byte_value(pe_state *S, pe_val v, const char *range_msg, int *out) {
    pe_val iv;
    int k = index_of(S, v, &iv);
    if (k < 0) return -1;
    if (k > 0) {
        k = byte_value(S, iv, range_msg, out); /* iv is an int: one level */
        pe_decref(S, iv);
        return k;
    }
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        if (v.u.i < 0 || v.u.i > 255) return pe_raise(S, PE_EXC(ValueError), "%s", range_msg);
        *out = (int)v.u.i;
        return 0;
    }
    if (pe_is_bigint(v)) return pe_raise(S, PE_EXC(ValueError), "%s", range_msg);
    return pe_raise_not_index(S, v);
}

static int bytes_contains(pe_state *S, pe_val v, pe_val x) {
    const unsigned char *p, *q;
    size_t n, m;
    if (pe_bytes_view(x, &q, &m)) {
        pe_bytes_view(v, &p, &n);
        if (m == 0) return 1;
        if (m > n) return 0;
        return memmem(p, n, q, m) != NULL;
    }
    if (!pe_is_intlike(x) && x.tag != PE_TBOOL) {
        pe_val iv;
        int k = index_of(S, x, &iv);
        if (k < 0) return -1;
        if (k == 0)
            return pe_raise(S, PE_EXC(TypeError), "a bytes-like object is required, not '%s'",
                            pe_type_name(x));
        k = bytes_contains(S, v, iv);
        pe_decref(S, iv);
        return k;
    }
    int c;
    if (byte_value(S, x, "byte must be in range(0, 256)", &c)) return -1;
    pe_bytes_view(v, &p, &n);
    return n && memchr(p, c, n) != NULL;
}

/* Collects the bytes of an iterable of ints into sb (bytes(iterable),
 * bytearray slice assignment, extend). range_msg: CPython's message for
 * an int outside 0..255 ("bytes must be in range(0, 256)" or "byte must
 * be in range(0, 256)"). */
static int collect_ints(pe_state *S, pe_val iterable, const char *range_msg, pe_sb *sb) {
    if (pe_is_list(iterable) || pe_is_tuple(iterable)) {
        for (size_t i = 0;; i++) { /* re-read: a list may not change here, but be safe */
            size_t n = pe_is_list(iterable) ? PE_LIST(iterable)->n : PE_TUPLE(iterable)->n;
            if (i >= n) break;
            pe_val x = pe_is_list(iterable) ? PE_LIST(iterable)->items[i]
                                            : PE_TUPLE(iterable)->items[i];
            int c;
            if (byte_value(S, x, range_msg, &c) || pe_sb_putc(sb, (char)c)) return -1;
        }
        return 0;
    }
    pe_val it;
    if (pe_iter(S, iterable, &it)) return -1;
    for (;;) {
        pe_val x;
        int r = pe_next(S, it, &x);
        if (r <= 0) {
            pe_decref(S, it);
            return r;
        }
        int c;
        r = byte_value(S, x, range_msg, &c);
        pe_decref(S, x);
        if (r || pe_sb_putc(sb, (char)c)) {
            pe_decref(S, it);
            return -1;
        }
    }
}

/* Bytes to assign to a bytearray slice: a bytes-like value (copied) or an
 * iterable of ints. */
static int assign_source(pe_state *S, pe_val v, pe_sb *sb) {
    const unsigned char *p;
    size_t n;
    if (pe_bytes_view(v, &p, &n)) return pe_sb_putn(sb, (const char *)p, n);
    if (pe_is_str(v) || v.tag == PE_TINT || v.tag == PE_TBOOL || v.tag == PE_TFLOAT ||
        pe_is_bigint(v))
        return pe_raise(S, PE_EXC(TypeError),
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    if (pe_typeof(v)->iter == NULL) /* CPython then tries bytearray(v) */
        return pe_raise(S, PE_EXC(TypeError), "cannot convert '%s' object to bytearray",
                        pe_type_name(v));
    return collect_ints(S, v, "byte must be in range(0, 256)", sb);
}

/* b[start:stop] = data (step 1): replaces the range with n bytes. */
static int replace_range(pe_state *S, pe_bytearray *b, size_t start, size_t stop,
                         const unsigned char *data, size_t n) {
    if (stop < start) stop = start;
    size_t old = stop - start, tail = b->len - stop;
    if (n > old) {
        if (pe_bytearray_reserve(S, b, n - old)) return -1;
    }
    if (tail) memmove(b->data + start + n, b->data + stop, tail);
    if (n) memcpy(b->data + start, data, n);
    return bytearray_resize(S, b, b->len - old + n);
}

static int bytearray_setslice(pe_state *S, pe_bytearray *b, pe_val key, pe_val val) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (val.tag != PE_TUNDEF && assign_source(S, val, &sb)) {
        pe_sb_free(&sb);
        return -1;
    }
    int64_t start, stop, step, len;
    if (pe_slice_indices(S, key, (int64_t)b->len, &start, &stop, &step, &len)) {
        pe_sb_free(&sb);
        return -1;
    }
    const unsigned char *src = (const unsigned char *)sb.p;
    size_t n = sb.len;
    int r = 0;
    if (step == 1) {
        r = replace_range(S, b, (size_t)start, (size_t)(stop < start ? start : stop), src, n);
    } else if (val.tag == PE_TUNDEF || n == 0) {
        /* deletion; CPython's bytearray also deletes an extended slice
         * assigned an empty value (a list raises instead) */
        if (len > 0) {
            if (step < 0) { /* delete the same items walking upwards */
                start = start + step * (len - 1);
                step = -step;
            }
            size_t w = (size_t)start;
            for (size_t i = (size_t)start, k = 0; i < b->len; i++) {
                if (k < (size_t)len && i == (size_t)start + k * (size_t)step) {
                    k++;
                    continue;
                }
                b->data[w++] = b->data[i];
            }
            r = bytearray_resize(S, b, w);
        }
    } else if ((int64_t)n != len) {
        r = pe_raise(S, PE_EXC(ValueError),
                     "attempt to assign bytes of size %zu to extended slice of size %" PRId64, n,
                     len);
    } else {
        for (int64_t k = 0, i = start; k < len; k++, i += step) b->data[i] = src[k];
    }
    pe_sb_free(&sb);
    return r;
}

static int bytearray_setitem(pe_state *S, pe_val v, pe_val key, pe_val val) {
    pe_bytearray *b = PE_BYTEARRAY(v);
    if (index_key(S, &key)) return -1;
    if (pe_is_intlike(key) || key.tag == PE_TBOOL) {
        if (pe_is_bigint(key))
            return pe_raise(S, PE_EXC(IndexError), "cannot fit 'int' into an index-sized integer");
        int c = 0;
        if (val.tag != PE_TUNDEF && byte_value(S, val, "byte must be in range(0, 256)", &c))
            return -1;
        int64_t i = key.u.i;
        if (i < 0) i += (int64_t)b->len;
        if (i < 0 || i >= (int64_t)b->len)
            return pe_raise(S, PE_EXC(IndexError), val.tag == PE_TUNDEF
                                                       ? "bytearray index out of range"
                                                       : "bytearray index out of range");
        if (val.tag == PE_TUNDEF) return replace_range(S, b, (size_t)i, (size_t)i + 1, NULL, 0);
        b->data[i] = (unsigned char)c;
        return 0;
    }
    if (!pe_is_slice(key))
        return pe_raise(S, PE_EXC(TypeError), "bytearray indices must be integers or slices, not %s",
                        pe_type_name(key));
    return bytearray_setslice(S, b, key, val);
}

/* ------------------------------------------------------------------ */
/* Iterators                                                           */
/* ------------------------------------------------------------------ */

static int iter_next(pe_state *S, pe_val v, pe_val *out) {
    pe_indexed_iter *it = (pe_indexed_iter *)v.u.o;
    if (it->seq.tag == PE_TUNDEF) return 0;
    const unsigned char *p;
    size_t n;
    pe_bytes_view(it->seq, &p, &n);
    if (it->index >= n) {
        pe_seqiter_clear(S, &it->ob);
        return 0;
    }
    *out = pe_int(p[it->index++]);
    return 1;
}

const pe_type pe_type_bytes_iterator =
    PE_ITER_TYPE("bytes_iterator", pe_indexed_iter, iter_next, pe_seqiter_clear);
const pe_type pe_type_bytearray_iterator =
    PE_ITER_TYPE("bytearray_iterator", pe_indexed_iter, iter_next, pe_seqiter_clear);

static int bytes_iter(pe_state *S, pe_val v, pe_val *out) {
    const pe_type *t = pe_is_bytes(v) ? &pe_type_bytes_iterator : &pe_type_bytearray_iterator;
    return pe_seqiter_new(S, t, v, out);
}

/* ------------------------------------------------------------------ */
/* Constructors                                                        */
/* ------------------------------------------------------------------ */

/* Binds (source, encoding, errors) with CPython's messages. */
static int ctor_bind(pe_state *S, const char *tname, int argc, const pe_val *argv,
                     pe_obj *kwnames, pe_val slot[3]) {
    static const char *const names[3] = {"source", "encoding", "errors"};
    if (pe_args_bind(S, tname, argc, argv, kwnames, names, 3, 3, slot) ||
        pe_args_opt_cstr(S, tname, names[1], slot[1]) || pe_args_opt_cstr(S, tname, names[2], slot[2]))
        return -1;
    return 0;
}

/* bytes(...) / bytearray(...) into sb. */
static int ctor_fill(pe_state *S, const char *tname, pe_val src, pe_val enc, pe_val errors,
                     pe_sb *sb, pe_val *encoded) {
    *encoded = pe_undef();
    if (src.tag == PE_TUNDEF) {
        if (enc.tag != PE_TUNDEF || errors.tag != PE_TUNDEF)
            return pe_raise(S, PE_EXC(TypeError), enc.tag != PE_TUNDEF
                                                      ? "encoding without a string argument"
                                                      : "errors without a string argument");
        return 0;
    }
    if (pe_is_str(src)) {
        if (enc.tag == PE_TUNDEF)
            return pe_raise(S, PE_EXC(TypeError), "string argument without an encoding");
        const pe_str *e = PE_STR(enc);
        return pe_text_encode(S, PE_STR(src)->data, PE_STR(src)->len, e->data, e->len,
                              errors.tag == PE_TUNDEF ? NULL : PE_STR(errors)->data, encoded);
    }
    if (enc.tag != PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "encoding without a string argument");
    if (errors.tag != PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "errors without a string argument");
    const unsigned char *p;
    size_t n;
    if (pe_bytes_view(src, &p, &n)) return pe_sb_putn(sb, (const char *)p, n);
    if (src.tag == PE_TINT || src.tag == PE_TBOOL || pe_is_bigint(src)) {
        if (pe_is_bigint(src))
            return pe_raise(S, PE_EXC(OverflowError), "cannot fit 'int' into an index-sized integer");
        if (src.u.i < 0) return pe_raise(S, PE_EXC(ValueError), "negative count");
        if ((uint64_t)src.u.i > SIZE_MAX / 4) return pe_raise_nomem(S);
        if (pe_mem_check(S, (size_t)src.u.i)) return -1;
        return pe_sb_fill(sb, 0, (size_t)src.u.i);
    }
    pe_val iv;
    int k = index_of(S, src, &iv);
    if (k < 0) { /* CPython falls through to the iterable path on a TypeError */
        if (!pe_exc_matches(S, PE_EXC(TypeError))) return -1;
        pe_exc_clear(S);
        k = 0;
    }
    if (k > 0) { /* bytes(obj with __index__): that many zero bytes */
        k = ctor_fill(S, tname, iv, enc, errors, sb, encoded);
        pe_decref(S, iv);
        return k;
    }
    if (pe_typeof(src)->iter == NULL)
        return pe_raise(S, PE_EXC(TypeError), "cannot convert '%s' object to %s", pe_type_name(src),
                        tname);
    return collect_ints(S, src, strcmp(tname, "bytes") ? "byte must be in range(0, 256)"
                                                       : "bytes must be in range(0, 256)", sb);
}

static int ctor(pe_state *S, const pe_type *t, int argc, const pe_val *argv, pe_obj *kwnames,
                pe_val *out) {
    pe_val slot[3] = {pe_undef(), pe_undef(), pe_undef()};
    if (ctor_bind(S, t->name, argc, argv, kwnames, slot)) return -1;
    if (t == &pe_type_bytes && argc == 1 && pe_is_bytes(slot[0]))
        return pe_incref(slot[0]), *out = slot[0], 0;
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_val enc;
    if (ctor_fill(S, t->name, slot[0], slot[1], slot[2], &sb, &enc)) {
        pe_sb_free(&sb);
        return -1;
    }
    if (enc.tag != PE_TUNDEF) {
        pe_sb_free(&sb);
        if (t == &pe_type_bytes) return *out = enc, 0;
        int r = pe_bytearray_new(S, PE_BYTES(enc)->data, PE_BYTES(enc)->len, out);
        pe_decref(S, enc);
        return r;
    }
    return pe_sb_to_bytes(&sb, t, out);
}

static int bytes_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out) {
    (void)callee;
    return ctor(S, &pe_type_bytes, argc, argv, kwnames, out);
}

static int bytearray_call(pe_state *S, pe_val callee, int argc, const pe_val *argv,
                          pe_obj *kwnames, pe_val *out) {
    (void)callee;
    return ctor(S, &pe_type_bytearray, argc, argv, kwnames, out);
}

/* ------------------------------------------------------------------ */
/* bytearray in-place operators                                        */
/* ------------------------------------------------------------------ */

int pe_bytearray_inplace(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    pe_bytearray *ba = PE_BYTEARRAY(a);
    if (op == PE_BO_ADD) {
        const unsigned char *p;
        size_t n;
        if (!pe_bytes_view(b, &p, &n))
            return pe_raise(S, PE_EXC(TypeError), "can't concat %s to bytearray", pe_type_name(b));
        if (b.u.o == a.u.o && n) /* CPython holds a buffer export of b while resizing a */
            return pe_raise(S, PE_EXC(BufferError),
                            "Existing exports of data: object cannot be re-sized");
        {
            if (pe_bytearray_reserve(S, ba, n)) return -1;
            if (n) memcpy(ba->data + ba->len, p, n);
        }
        ba->len += n;
        pe_incref(a);
        *out = a;
        return 0;
    }
    if (op == PE_BO_MUL) {
        int64_t count;
        if (pe_cont_repeat_count(S, b, &count)) return -1;
        size_t n = ba->len;
        if (count <= 0 || n == 0) {
            if (bytearray_resize(S, ba, 0)) return -1;
        } else if (count > 1) {
            if ((uint64_t)count > (uint64_t)(SIZE_MAX / 4) / n) return pe_raise_nomem(S);
            size_t total = n * (size_t)count;
            if (pe_mem_check(S, total) || pe_bytearray_reserve(S, ba, total - n)) return -1;
            if (fill_repeat(S, ba->data, ba->data, n, total)) return -1;
            ba->len = total;
        }
        pe_incref(a);
        *out = a;
        return 0;
    }
    return PE_NOTIMPL;
}

/* ------------------------------------------------------------------ */
/* The types                                                           */
/* ------------------------------------------------------------------ */

/* The slots bytearray shares with bytes (they read through pe_bytes_view). */
#define BYTES_READ_SLOTS                                                                   \
    .richcmp = bytes_richcmp, .binop = bytes_binop, .truth = bytes_truth, .len = bytes_len, \
    .iter = bytes_iter, .getitem = bytes_getitem, .contains = bytes_contains

const pe_type pe_type_bytes = PE_TYPE("bytes", BYTES,
    .dealloc = bytes_dealloc,
    .repr = bytes_repr,
    .hash = bytes_hash,
    BYTES_READ_SLOTS,
    .call = bytes_call,
    .methods = pe_bytes_methods,
);

const pe_type pe_type_bytearray = PE_TYPE("bytearray", BYTEARRAY,
    .dealloc = bytearray_dealloc,
    .repr = bytearray_repr,
    BYTES_READ_SLOTS,
    .setitem = bytearray_setitem,
    .call = bytearray_call,
    .methods = pe_bytearray_methods,
);

/* ------------------------------------------------------------------ */
/* Literals                                                            */
/* ------------------------------------------------------------------ */

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = (char)(c | 32);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

int pe_bytes_decode_literal(pe_state *S, const char *body, size_t len, bool raw, pe_val *out,
                            const char **errmsg, size_t *erroff) {
    *errmsg = NULL;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)body[i] >= 0x80) {
            static const char msg[] = "bytes can only contain ASCII literal characters";
            if (pe_str_new(S, msg, sizeof msg - 1, out)) return -1;
            *errmsg = PE_STR(*out)->data;
            *erroff = i;
            return -1;
        }
    }
    if (raw) return pe_bytes_new(S, body, len, out);
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t i = 0;
    while (i < len && !sb.failed) {
        char c = body[i];
        if (c != '\\' || i + 1 >= len) {
            pe_sb_putc(&sb, c);
            i++;
            continue;
        }
        char e = body[i + 1];
        size_t at = i;
        i += 2;
        switch (e) {
        case '\n': break;
        case '\\': pe_sb_putc(&sb, '\\'); break;
        case '\'': pe_sb_putc(&sb, '\''); break;
        case '"': pe_sb_putc(&sb, '"'); break;
        case 'a': pe_sb_putc(&sb, '\a'); break;
        case 'b': pe_sb_putc(&sb, '\b'); break;
        case 'f': pe_sb_putc(&sb, '\f'); break;
        case 'n': pe_sb_putc(&sb, '\n'); break;
        case 'r': pe_sb_putc(&sb, '\r'); break;
        case 't': pe_sb_putc(&sb, '\t'); break;
        case 'v': pe_sb_putc(&sb, '\v'); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(e - '0');
            for (int k = 0; k < 2 && i < len && body[i] >= '0' && body[i] <= '7'; k++, i++)
                v = v * 8 + (unsigned)(body[i] - '0');
            pe_sb_putc(&sb, (char)(unsigned char)v); /* CPython keeps the low 8 bits */
            break;
        }
        case 'x': {
            int h1 = i < len ? hexval(body[i]) : -1, h2 = i + 1 < len ? hexval(body[i + 1]) : -1;
            if (h1 < 0 || h2 < 0) {
                pe_sb_free(&sb);
                char msg[80];
                snprintf(msg, sizeof msg, "(value error) invalid \\x escape at position %zu", at);
                if (pe_str_from_cstr(S, msg, out)) return -1;
                *errmsg = PE_STR(*out)->data;
                *erroff = at;
                return -1;
            }
            pe_sb_putc(&sb, (char)(h1 * 16 + h2));
            i += 2;
            break;
        }
        default: /* unknown escapes (\N, \u too) stay as they are */
            pe_sb_putc(&sb, '\\');
            pe_sb_putc(&sb, e);
            break;
        }
    }
    return pe_sb_to_bytes(&sb, &pe_type_bytes, out);
}
