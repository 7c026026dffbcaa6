/*
 * values.c - typed values: request names in, results and globals out
 * (docs/daemon.md "Values").
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe_vm.h"
#include "daemon_internal.h"

/* ------------------------------------------------------------------ */
/* Typed values (names in, results out)                                 */
/* ------------------------------------------------------------------ */

/* Pending engine exception -> "Type: message" in err; clears it. */
static void exc_to_msg(pe_state *S, const char *what, char *err, size_t esz) {
    pe_val e = S->exc;
    if (e.tag != PE_TOBJ) {
        snprintf(err, esz, "%s: error", what);
        return;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_incref(e);
    int r = pe_exc_str(S, e, &sb);
    snprintf(err, esz, "%s: %s: %.*s", what, e.u.o->type->name, r == 0 && !sb.failed ? (int)sb.len : 0,
             sb.p);
    pe_sb_free(&sb);
    pe_exc_clear(S);
    pe_decref(S, e);
}


/* Decodes `n` values into a fresh container of kind tag. */
static int decode_container(pe_state *S, rd *r, int tag, int depth, pe_val *out, char *err,
                            size_t esz) {
    uint32_t n = pd_rd_u32(r);
    size_t per = tag == 'd' ? 2 : 1;
    if (r->bad || n > rd_left(r) / per) {
        snprintf(err, esz, "names: truncated value");
        return -1;
    }
    pe_val c;
    int rc;
    if (tag == 'l') rc = pe_list_new(S, n, &c);
    else if (tag == 't') rc = pe_tuple_new(S, n, &c);
    else if (tag == 'd') rc = pe_dict_new(S, &c);
    else rc = pe_set_new(S, tag == 'S' ? &pe_type_set : &pe_type_frozenset, &c);
    if (rc) {
        exc_to_msg(S, "names", err, esz);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        pe_val k, v;
        if (pd_val_decode(S, r, depth + 1, &k, err, esz)) goto fail;
        if (tag == 't') {
            PE_TUPLE(c)->items[i] = k;
            continue;
        }
        if (tag == 'd') {
            if (pd_val_decode(S, r, depth + 1, &v, err, esz)) {
                pe_decref(S, k);
                goto fail;
            }
            rc = pe_dict_set(S, PE_DICT(c), k, v);
            pe_decref(S, v);
        } else if (tag == 'l') {
            rc = pe_list_append(S, PE_LIST(c), k);
        } else {
            rc = pe_set_add(S, c.u.o, k);
        }
        pe_decref(S, k);
        if (rc) {
            exc_to_msg(S, "names", err, esz);
            goto fail;
        }
    }
    *out = c;
    return 0;
fail:
    pe_decref(S, c);
    return -1;
}

/* One typed value (docs/daemon.md "Values"). -1 with a message in err. */
int pd_val_decode(pe_state *S, rd *r, int depth, pe_val *out, char *err, size_t esz) {
    if (depth > VAL_MAX_DEPTH) {
        snprintf(err, esz, "names: values nested deeper than %d levels", VAL_MAX_DEPTH);
        return -1;
    }
    int tag = pd_rd_u8(r);
    uint32_t n;
    const char *b;
    if (r->bad) goto trunc;
    switch (tag) {
    case 'N': *out = pe_none(); return 0;
    case 'T': *out = pe_bool(1); return 0;
    case 'F': *out = pe_bool(0); return 0;
    case 'i': {
        uint64_t u = pd_rd_u64(r);
        if (r->bad) goto trunc;
        int64_t i;
        memcpy(&i, &u, sizeof i);
        *out = pe_int(i);
        return 0;
    }
    case 'f': {
        uint64_t u = pd_rd_u64(r);
        if (r->bad) goto trunc;
        double f;
        memcpy(&f, &u, sizeof f);
        *out = pe_float(f);
        return 0;
    }
    case 'I': { /* sign byte, magnitude little-endian bytes */
        int sign = pd_rd_u8(r);
        b = pd_rd_blob(r, &n);
        if (r->bad) goto trunc;
        char *hex = malloc((size_t)n * 2 + 3);
        if (!hex) {
            snprintf(err, esz, "names: out of memory");
            return -1;
        }
        size_t h = 0;
        if (sign) hex[h++] = '-';
        for (uint32_t i = n; i-- > 0;) {
            static const char dig[] = "0123456789abcdef";
            unsigned char c = (unsigned char)b[i];
            hex[h++] = dig[c >> 4];
            hex[h++] = dig[c & 15];
        }
        if (!n) hex[h++] = '0';
        int rc = pe_int_from_str(S, hex, h, 16, out);
        free(hex);
        if (rc) {
            exc_to_msg(S, "names", err, esz);
            return -1;
        }
        return 0;
    }
    case 's':
        b = pd_rd_blob(r, &n);
        if (r->bad) goto trunc;
        if (!pd_utf8_valid((const unsigned char *)b, n)) {
            snprintf(err, esz, "names: str value is not valid UTF-8");
            return -1;
        }
        if (pe_str_new(S, b, n, out)) {
            exc_to_msg(S, "names", err, esz);
            return -1;
        }
        return 0;
    case 'l': case 't': case 'd': case 'S': case 'z':
        return decode_container(S, r, tag, depth, out, err, esz);
    default:
        snprintf(err, esz, "names: unknown value tag 0x%02x", (unsigned)tag);
        return -1;
    }
trunc:
    snprintf(err, esz, "names: truncated value");
    return -1;
}

/* Appends v's typed encoding. 0 ok; 1 not representable (other types,
 * nesting beyond VAL_MAX_DEPTH); -1 out of memory. */
int pd_val_encode(dbuf *b, pe_val v, int depth) {
    if (depth > VAL_MAX_DEPTH) return 1;
    switch (v.tag) {
    case PE_TNONE: return pd_dbuf_u8(b, 'N');
    case PE_TBOOL: return pd_dbuf_u8(b, v.u.i ? 'T' : 'F');
    case PE_TINT: {
        uint64_t u;
        memcpy(&u, &v.u.i, sizeof u);
        return pd_dbuf_u8(b, 'i') || pd_dbuf_u64(b, u) ? -1 : 0;
    }
    case PE_TFLOAT: {
        uint64_t u;
        memcpy(&u, &v.u.f, sizeof u);
        return pd_dbuf_u8(b, 'f') || pd_dbuf_u64(b, u) ? -1 : 0;
    }
    case PE_TOBJ: break;
    default: return 1;
    }
    pe_obj *o = v.u.o;
    switch (o->type->kind) {
    case PE_K_INT: {
        if (o->type != &pe_type_int) return 1;
        const pe_bigint *bi = (const pe_bigint *)o;
        size_t nb = (size_t)bi->n * 4;
        while (nb && !((bi->d[(nb - 1) / 4] >> ((nb - 1) % 4 * 8)) & 0xFF)) nb--;
        if (nb > UINT32_MAX || pd_dbuf_u8(b, 'I') || pd_dbuf_u8(b, bi->sign < 0) || pd_dbuf_u32(b, (uint32_t)nb) ||
            pd_dbuf_reserve(b, nb))
            return -1;
        for (size_t i = 0; i < nb; i++) b->p[b->len++] = (char)(bi->d[i / 4] >> (i % 4 * 8));
        return 0;
    }
    case PE_K_STR:
        if (o->type != &pe_type_str) return 1;
        return pd_dbuf_u8(b, 's') || pd_dbuf_blob(b, ((pe_str *)o)->data, ((pe_str *)o)->len) ? -1 : 0;
    case PE_K_LIST:
    case PE_K_TUPLE: {
        bool list = o->type->kind == PE_K_LIST;
        size_t n = list ? PE_LIST(v)->n : PE_TUPLE(v)->n;
        if (n > UINT32_MAX || pd_dbuf_u8(b, list ? 'l' : 't') || pd_dbuf_u32(b, (uint32_t)n)) return -1;
        for (size_t i = 0; i < n; i++) {
            int r = pd_val_encode(b, list ? PE_LIST(v)->items[i] : PE_TUPLE(v)->items[i], depth + 1);
            if (r) return r;
        }
        return 0;
    }
    case PE_K_DICT: {
        pe_dict *dc = PE_DICT(v);
        if (dc->used > UINT32_MAX || pd_dbuf_u8(b, 'd') || pd_dbuf_u32(b, (uint32_t)dc->used)) return -1;
        size_t pos = 0;
        pe_val k, x;
        while (pe_dict_next(dc, &pos, &k, &x)) {
            int r = pd_val_encode(b, k, depth + 1);
            if (!r) r = pd_val_encode(b, x, depth + 1);
            if (r) return r;
        }
        return 0;
    }
    case PE_K_SET:
    case PE_K_FROZENSET: {
        pe_set *s = PE_SET(v);
        if (s->used > UINT32_MAX || pd_dbuf_u8(b, o->type->kind == PE_K_SET ? 'S' : 'z') ||
            pd_dbuf_u32(b, (uint32_t)s->used))
            return -1;
        size_t pos = 0;
        pe_val k;
        while (pe_set_next(s, &pos, &k)) {
            int r = pd_val_encode(b, k, depth + 1);
            if (r) return r;
        }
        return 0;
    }
    default: return 1;
    }
}
