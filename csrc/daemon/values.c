/*
 * values.c - typed values: request names in, results and globals out
 * (docs/daemon.md "Values").
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_internal.h"

/* ------------------------------------------------------------------ */
/* Typed values (names in, results out)                                 */
/* ------------------------------------------------------------------ */

/* Pending engine exception -> "names: Type: message" in err; clears it. */
static void exc_to_msg(pd_vdec *c) {
    pe_state *S = c->S;
    pe_value e = pe_exception(S);
    if (pe_exception_type(e) < 0) {
        snprintf(c->err, c->esz, "names: error");
        return;
    }
    pe_value_retain(e);
    pe_exception_clear(S);
    char *msg = NULL;
    size_t n = 0;
    if (pe_value_str(S, e, &msg, &n)) {
        pe_exception_clear(S);
        n = 0;
    }
    snprintf(c->err, c->esz, "names: %s: %.*s", pe_value_type_name(e), (int)n, msg ? msg : "");
    free(msg);
    pe_value_release(S, e);
}

/* The values are made after pe_run_begin, so the engine counts them toward
 * the request's max_memory (its LimitError ends up in err). This checks the
 * one allocation it does not see: a tuple's C staging array of `more` bytes,
 * as big as the tuple itself will be. -1 (message in err) when it cannot
 * fit either. */
static int vdec_check(pd_vdec *c, size_t more) {
    if (!c->limit) return 0;
    size_t used = pe_memory_used(c->S) - c->base;
    if (used > c->limit || more > c->limit - used) {
        snprintf(c->err, c->esz, "names: LimitError: memory limit exceeded (max_memory=%zu bytes)",
                 c->limit);
        return -1;
    }
    return 0;
}

/* A tuple of n decoded values: decoded into a C array first. */
static int decode_tuple(pd_vdec *c, uint32_t n, int depth, pe_value *out) {
    if (vdec_check(c, (size_t)n * sizeof(pe_value))) return -1;
    pe_value *items = malloc((n ? n : 1) * sizeof *items);
    if (!items) {
        snprintf(c->err, c->esz, "names: out of memory");
        return -1;
    }
    uint32_t got = 0;
    int rc = 0;
    while (got < n && !(rc = pd_val_decode(c, depth + 1, &items[got]))) got++;
    if (!rc && pe_make_tuple(c->S, n, items, out)) {
        exc_to_msg(c);
        rc = -1;
    }
    for (uint32_t i = 0; i < got; i++) pe_value_release(c->S, items[i]);
    free(items);
    return rc;
}

/* Decodes `n` values into a fresh container of kind tag. */
static int decode_container(pd_vdec *c, int tag, int depth, pe_value *out) {
    pe_state *S = c->S;
    uint32_t n = pd_rd_u32(c->r);
    size_t per = tag == 'd' ? 2 : 1;
    if (c->r->bad || n > rd_left(c->r) / per) {
        snprintf(c->err, c->esz, "names: truncated value");
        return -1;
    }
    if (tag == 't') return decode_tuple(c, n, depth, out);
    pe_value box;
    int rc;
    if (tag == 'l') rc = pe_make_list(S, 0, NULL, &box);
    else if (tag == 'd') rc = pe_make_dict(S, &box);
    else rc = pe_make_set(S, tag == 'z', &box);
    if (rc) {
        exc_to_msg(c);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        pe_value k, v;
        if (pd_val_decode(c, depth + 1, &k)) goto fail;
        if (tag == 'd') {
            if (pd_val_decode(c, depth + 1, &v)) {
                pe_value_release(S, k);
                goto fail;
            }
            rc = pe_value_dict_set(S, box, k, v);
            pe_value_release(S, v);
        } else if (tag == 'l') {
            rc = pe_value_list_append(S, box, k);
        } else {
            rc = pe_value_set_add(S, box, k);
        }
        pe_value_release(S, k);
        if (rc) {
            exc_to_msg(c);
            goto fail;
        }
    }
    *out = box;
    return 0;
fail:
    pe_value_release(S, box);
    return -1;
}

/* An int from the wire's sign byte and little-endian magnitude. */
static int decode_bigint(pd_vdec *c, int negative, const unsigned char *mag, uint32_t n,
                         pe_value *out) {
    unsigned char *buf = malloc((size_t)n + 1); /* two's complement: one byte more */
    if (!buf) {
        snprintf(c->err, c->esz, "names: out of memory");
        return -1;
    }
    memcpy(buf, mag, n);
    buf[n] = 0;
    if (negative) {
        unsigned carry = 1;
        for (size_t i = 0; i <= n; i++) {
            unsigned x = (unsigned)(unsigned char)~buf[i] + carry;
            buf[i] = (unsigned char)x;
            carry = x >> 8;
        }
    }
    int rc = pe_make_int_bytes(c->S, buf, (size_t)n + 1, 1, 1, out);
    free(buf);
    if (rc) exc_to_msg(c);
    return rc;
}

/* One typed value (docs/daemon.md "Values"). -1 with a message in err. */
int pd_val_decode(pd_vdec *c, int depth, pe_value *out) {
    rd *r = c->r;
    if (depth > VAL_MAX_DEPTH) {
        snprintf(c->err, c->esz, "names: values nested deeper than %d levels", VAL_MAX_DEPTH);
        return -1;
    }
    int tag = pd_rd_u8(r);
    uint32_t n;
    const char *b;
    if (r->bad) goto trunc;
    switch (tag) {
    case 'N': *out = pe_value_none(); return 0;
    case 'T': *out = pe_value_bool(1); return 0;
    case 'F': *out = pe_value_bool(0); return 0;
    case 'i':
    case 'f': { /* 8 bytes: an int64 or a double's bits */
        union { uint64_t u; int64_t i; double f; } x = {.u = pd_rd_u64(r)};
        if (r->bad) goto trunc;
        *out = tag == 'i' ? pe_value_int(x.i) : pe_value_float(x.f);
        return 0;
    }
    case 'I': { /* sign byte, magnitude little-endian bytes */
        int sign = pd_rd_u8(r);
        b = pd_rd_blob(r, &n);
        if (r->bad) goto trunc;
        return decode_bigint(c, sign != 0, (const unsigned char *)b, n, out);
    }
    case 's':
        b = pd_rd_blob(r, &n);
        if (r->bad) goto trunc;
        if (!pd_utf8_valid((const unsigned char *)b, n)) {
            snprintf(c->err, c->esz, "names: str value is not valid UTF-8");
            return -1;
        }
        if (pe_make_str(c->S, b, n, out)) {
            exc_to_msg(c);
            return -1;
        }
        return 0;
    case 'b': case 'B': /* bytes / bytearray: u32 len + the bytes */
        b = pd_rd_blob(r, &n);
        if (r->bad) goto trunc;
        if (vdec_check(c, n)) return -1;
        if (pe_make_bytes(c->S, b, n, tag == 'B', out)) {
            exc_to_msg(c);
            return -1;
        }
        return 0;
    case 'l': case 't': case 'd': case 'S': case 'z':
        return decode_container(c, tag, depth, out);
    default:
        snprintf(c->err, c->esz, "names: unknown value tag 0x%02x", (unsigned)tag);
        return -1;
    }
trunc:
    snprintf(c->err, c->esz, "names: truncated value");
    return -1;
}

/* An int: 'i' when it fits in 64 bits, else 'I' (sign, magnitude bytes). */
static int encode_int(pe_state *S, dbuf *b, pe_value v) {
    unsigned char small[8];
    size_t need;
    if (pe_value_int_to_bytes(S, v, small, sizeof small, &need)) {
        pe_exception_clear(S);
        return 1;
    }
    if (need <= sizeof small) {
        unsigned fill = need && small[need - 1] & 0x80 ? 0xFF : 0; /* sign extension */
        uint64_t u = 0;
        for (size_t i = 0; i < sizeof small; i++) u |= (uint64_t)(i < need ? small[i] : fill) << (8 * i);
        return pd_dbuf_u8(b, 'i') || pd_dbuf_u64(b, u) ? -1 : 0;
    }
    if (need > UINT32_MAX || pd_dbuf_reserve(b, 6 + need)) return -1;
    unsigned char *h = (unsigned char *)b->p + b->len, *p = h + 6;
    if (pe_value_int_to_bytes(S, v, p, need, &need)) {
        pe_exception_clear(S);
        return 1;
    }
    bool negative = p[need - 1] & 0x80;
    if (negative) { /* the magnitude: two's complement negation in place */
        unsigned carry = 1;
        for (size_t i = 0; i < need; i++) {
            unsigned x = (unsigned)(unsigned char)~p[i] + carry;
            p[i] = (unsigned char)x;
            carry = x >> 8;
        }
    }
    size_t nb = need;
    while (nb && !p[nb - 1]) nb--;
    h[0] = 'I';
    h[1] = negative;
    put_le32(h + 2, (uint32_t)nb);
    b->len += 6 + nb;
    return 0;
}

/* A container's tag byte and item count (-1: more than 2^32 - 1 items, or
 * out of memory). */
static int put_head(dbuf *b, char tag, size_t n) {
    return n > UINT32_MAX || pd_dbuf_u8(b, tag) || pd_dbuf_u32(b, (uint32_t)n) ? -1 : 0;
}

/* Appends v's typed encoding. 0 ok; 1 not representable (other types,
 * nesting beyond VAL_MAX_DEPTH); -1 out of memory. */
int pd_val_encode(pe_state *S, dbuf *b, pe_value v, int depth) {
    if (depth > VAL_MAX_DEPTH) return 1;
    switch (pe_value_type(v)) {
    case PE_TYPE_NONE: return pd_dbuf_u8(b, 'N');
    case PE_TYPE_BOOL: return pd_dbuf_u8(b, pe_value_is_true(v) ? 'T' : 'F');
    case PE_TYPE_INT: return encode_int(S, b, v);
    case PE_TYPE_FLOAT: {
        double f = 0;
        uint64_t u;
        (void)pe_value_to_double(S, v, &f);
        memcpy(&u, &f, sizeof u);
        return pd_dbuf_u8(b, 'f') || pd_dbuf_u64(b, u) ? -1 : 0;
    }
    case PE_TYPE_STR: {
        size_t n;
        const char *s = pe_value_utf8(v, &n);
        return pd_dbuf_u8(b, 's') || pd_dbuf_blob(b, s, n) ? -1 : 0;
    }
    case PE_TYPE_BYTES:
    case PE_TYPE_BYTEARRAY: {
        size_t n;
        const unsigned char *s = pe_value_bytes(v, &n);
        if (n > UINT32_MAX) return 1;
        return pd_dbuf_u8(b, pe_value_type(v) == PE_TYPE_BYTES ? 'b' : 'B') ||
                       pd_dbuf_blob(b, (const char *)s, n)
                   ? -1
                   : 0;
    }
    case PE_TYPE_LIST:
    case PE_TYPE_TUPLE: {
        size_t n = pe_value_len(v);
        if (put_head(b, pe_value_type(v) == PE_TYPE_LIST ? 'l' : 't', n)) return -1;
        for (size_t i = 0; i < n; i++) {
            int r = pd_val_encode(S, b, pe_value_item(v, i), depth + 1);
            if (r) return r;
        }
        return 0;
    }
    case PE_TYPE_DICT: {
        size_t n = pe_value_len(v);
        if (put_head(b, 'd', n)) return -1;
        size_t pos = 0;
        pe_value k, x;
        while (pe_value_dict_next(v, &pos, &k, &x)) {
            int r = pd_val_encode(S, b, k, depth + 1);
            if (!r) r = pd_val_encode(S, b, x, depth + 1);
            if (r) return r;
        }
        return 0;
    }
    case PE_TYPE_SET:
    case PE_TYPE_FROZENSET: {
        size_t n = pe_value_len(v);
        if (put_head(b, pe_value_type(v) == PE_TYPE_SET ? 'S' : 'z', n)) return -1;
        size_t pos = 0;
        pe_value k;
        while (pe_value_set_next(v, &pos, &k)) {
            int r = pd_val_encode(S, b, k, depth + 1);
            if (r) return r;
        }
        return 0;
    }
    default: return 1;
    }
}
