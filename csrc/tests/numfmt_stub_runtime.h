/*
 * numfmt_stub_runtime.h - TEST-ONLY minimal runtime for test_numfmt.c, so
 * floatobj.c and numfmt.c can be unit-tested without the rest of the
 * engine. Included only by test_numfmt.c when PE_NUMFMT_STUBS is defined
 * (tests/test_numfmt_unit.py builds it that way); `make check` links the
 * real engine instead. malloc-based; a tiny base-2**32 bigint stands in
 * for bigint.c (from/to decimal, to base 2/8/16, to/from double).
 */
#ifndef NUMFMT_STUB_RUNTIME_H
#define NUMFMT_STUB_RUNTIME_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe_internal.h"

struct pe_state {
    const pe_type *exc_type; /* pending exception type or NULL */
    char *exc_msg;
    size_t exc_len;
};

/* --- exceptions ------------------------------------------------------ */

const pe_type pe_exc_types[PE_EXC__COUNT] = {
#define STUB_EXC(n_, b_) {.name = #n_, .kind = PE_K_EXC},
    PE_EXCEPTIONS(STUB_EXC)
#undef STUB_EXC
};

pe_state *pe_state_new(void) { return calloc(1, sizeof(pe_state)); }

void pe_exc_clear(pe_state *S) {
    free(S->exc_msg);
    S->exc_msg = NULL;
    S->exc_type = NULL;
}

void pe_state_free(pe_state *S) {
    pe_exc_clear(S);
    free(S);
}

int pe_raise_str(pe_state *S, const pe_type *t, const char *msg, size_t len) {
    pe_exc_clear(S);
    S->exc_type = t;
    S->exc_msg = malloc(len + 1);
    if (!S->exc_msg) abort();
    memcpy(S->exc_msg, msg, len);
    S->exc_msg[len] = '\0';
    S->exc_len = len;
    return -1;
}

int pe_raise(pe_state *S, const pe_type *t, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof buf) n = sizeof buf - 1;
    return pe_raise_str(S, t, buf, (size_t)n);
}

int pe_raise_errno(pe_state *S, const pe_type *t, int err, const char *text) {
    return pe_raise(S, t, "(%d, '%s')", err, text);
}

int pe_raise_nomem(pe_state *S) { return pe_raise_str(S, PE_EXC(MemoryError), "", 0); }

/* The pending exception as "Type" and message; 0 if none. */
static int drv_exc(pe_state *S, const char **type, const char **msg, size_t *len) {
    if (!S->exc_type) return 0;
    *type = S->exc_type->name;
    *msg = S->exc_msg;
    *len = S->exc_len;
    return 1;
}

/* --- memory and string builder ---------------------------------------- */

/* Allocations above this fail with MemoryError (stands in for limits). */
#define STUB_MAX_ALLOC ((size_t)1 << 32)

void *pe_mem_alloc(pe_state *S, size_t n) {
    void *p = n > STUB_MAX_ALLOC ? NULL : malloc(n ? n : 1);
    if (!p) pe_raise_nomem(S);
    return p;
}

void *pe_mem_realloc(pe_state *S, void *p, size_t oldn, size_t newn) {
    (void)oldn;
    void *q = newn > STUB_MAX_ALLOC ? NULL : realloc(p, newn ? newn : 1);
    if (!q) pe_raise_nomem(S);
    return q;
}

void pe_mem_free(pe_state *S, void *p, size_t n) {
    (void)S;
    (void)n;
    free(p);
}

void pe_sb_init(pe_sb *sb, pe_state *S) {
    sb->S = S;
    sb->p = sb->small;
    sb->len = 0;
    sb->cap = sizeof sb->small;
    sb->failed = 0;
}

void pe_sb_free(pe_sb *sb) {
    if (sb->p != sb->small) free(sb->p);
    sb->p = sb->small;
    sb->len = 0;
    sb->cap = sizeof sb->small;
}

int pe_sb_reserve(pe_sb *sb, size_t extra) {
    if (sb->failed) return -1;
    if (extra > SIZE_MAX / 2 - sb->len) {
        sb->failed = 1;
        return pe_raise_nomem(sb->S);
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap) return 0;
    size_t ncap = sb->cap * 2 > need ? sb->cap * 2 : need;
    char *np = ncap > STUB_MAX_ALLOC ? NULL : malloc(ncap);
    if (!np) {
        sb->failed = 1;
        return pe_raise_nomem(sb->S);
    }
    memcpy(np, sb->p, sb->len);
    if (sb->p != sb->small) free(sb->p);
    sb->p = np;
    sb->cap = ncap;
    return 0;
}

int pe_sb_putn(pe_sb *sb, const char *s, size_t n) {
    if (pe_sb_reserve(sb, n)) return -1;
    memcpy(sb->p + sb->len, s, n);
    sb->len += n;
    return 0;
}

int pe_sb_puts(pe_sb *sb, const char *s) { return pe_sb_putn(sb, s, strlen(s)); }
int pe_sb_putc(pe_sb *sb, char c) { return pe_sb_putn(sb, &c, 1); }

int pe_sb_fill(pe_sb *sb, char c, size_t n) {
    if (pe_sb_reserve(sb, n)) return -1;
    memset(sb->p + sb->len, c, n);
    sb->len += n;
    return 0;
}

/* --- str --------------------------------------------------------------- */

static void stub_free_obj(pe_state *S, pe_obj *o) {
    (void)S;
    free(o);
}

const pe_type pe_type_str = {.name = "str", .kind = PE_K_STR, .dealloc = stub_free_obj};

int pe_str_new(pe_state *S, const char *s, size_t len, pe_val *out) {
    pe_str *o = malloc(sizeof *o + len + 1);
    if (!o) return pe_raise_nomem(S);
    memset(o, 0, sizeof *o);
    o->ob.type = &pe_type_str;
    o->ob.rc = 1;
    memcpy(o->data, s, len);
    o->data[len] = '\0';
    o->len = len;
    o->nchars = 0;
    for (size_t i = 0; i < len; i++) o->nchars += ((unsigned char)s[i] & 0xc0) != 0x80;
    o->ascii = o->nchars == len;
    o->hash = -1;
    *out = pe_obj_val(&o->ob);
    return 0;
}

void pe_obj_dealloc(pe_state *S, pe_obj *o) { o->type->dealloc(S, o); }

/* --- a minimal bigint (only what numfmt.c and the driver need) ---------- */

const pe_type pe_type_int = {.name = "int", .kind = PE_K_INT, .dealloc = stub_free_obj};

static pe_bigint *stub_big_new(pe_state *S, uint32_t n) {
    pe_bigint *b = calloc(1, sizeof *b + n * sizeof(pe_digit));
    if (!b) {
        pe_raise_nomem(S);
        return NULL;
    }
    b->ob.type = &pe_type_int;
    b->ob.rc = 1;
    b->sign = 1;
    b->n = n;
    return b;
}

/* Normalises: trims zero digits, returns an immediate if it fits. */
static void stub_big_finish(pe_bigint *b, pe_val *out) {
    while (b->n && b->d[b->n - 1] == 0) b->n--;
    if (b->n <= 2) {
        uint64_t m = b->n ? b->d[0] : 0;
        if (b->n == 2) m |= (uint64_t)b->d[1] << 32;
        if (m <= (uint64_t)INT64_MAX || (b->sign < 0 && m == (uint64_t)INT64_MAX + 1)) {
            int64_t v = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN
                        : (b->sign < 0 ? -(int64_t)m : (int64_t)m);
            free(b);
            *out = pe_int(v);
            return;
        }
    }
    *out = pe_obj_val(&b->ob);
}

/* magnitude = magnitude * mul + add */
static void stub_big_muladd(pe_bigint *b, uint32_t mul, uint32_t add) {
    uint64_t carry = add;
    for (uint32_t i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->d[i] * mul + carry;
        b->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
}

/* Decimal string (optional '-') -> int. */
static int stub_int_from_decimal(pe_state *S, const char *s, pe_val *out) {
    int sign = 1;
    if (*s == '-') {
        sign = -1;
        s++;
    }
    size_t len = strlen(s);
    pe_bigint *b = stub_big_new(S, (uint32_t)(len / 9 + 2));
    if (!b) return -1;
    b->sign = sign;
    for (; *s; s++) stub_big_muladd(b, 10, (uint32_t)(*s - '0'));
    stub_big_finish(b, out);
    return 0;
}

/* magnitude /= div, returns the remainder (b is modified). */
static uint32_t stub_big_divmod(pe_bigint *b, uint32_t div) {
    uint64_t rem = 0;
    for (uint32_t i = b->n; i-- > 0;) {
        uint64_t cur = (rem << 32) | b->d[i];
        b->d[i] = (uint32_t)(cur / div);
        rem = cur % div;
    }
    while (b->n && b->d[b->n - 1] == 0) b->n--;
    return (uint32_t)rem;
}

int pe_int_to_str(pe_state *S, pe_val a, int base, bool with_prefix, pe_sb *sb) {
    char tmp[32];
    if (a.tag == PE_TINT) {
        const char *fmt = base == 16 ? "%llx" : base == 8 ? "%llo" : "%llu";
        uint64_t m = a.u.i < 0 ? (uint64_t)0 - (uint64_t)a.u.i : (uint64_t)a.u.i;
        if (a.u.i < 0 && pe_sb_putc(sb, '-')) return -1;
        if (with_prefix && base != 10 && pe_sb_puts(sb, base == 16 ? "0x" : base == 8 ? "0o" : "0b"))
            return -1;
        if (base == 2) {
            int n = 0;
            do {
                tmp[n++] = (char)('0' + (m & 1));
                m >>= 1;
            } while (m);
            while (n)
                if (pe_sb_putc(sb, tmp[--n])) return -1;
            return 0;
        }
        snprintf(tmp, sizeof tmp, fmt, (unsigned long long)m);
        return pe_sb_puts(sb, tmp);
    }
    const pe_bigint *src = (const pe_bigint *)a.u.o;
    pe_bigint *b = stub_big_new(S, src->n);
    if (!b) return -1;
    memcpy(b->d, src->d, src->n * sizeof(pe_digit));
    size_t cap = (size_t)src->n * 32 + 8, n = 0;
    char *digs = malloc(cap);
    if (!digs) {
        free(b);
        return pe_raise_nomem(S);
    }
    while (b->n) digs[n++] = "0123456789abcdef"[stub_big_divmod(b, (uint32_t)base)];
    free(b);
    int r = 0;
    if (src->sign < 0) r |= pe_sb_putc(sb, '-');
    if (with_prefix && base != 10)
        r |= pe_sb_puts(sb, base == 16 ? "0x" : base == 8 ? "0o" : "0b");
    while (n) r |= pe_sb_putc(sb, digs[--n]);
    free(digs);
    return r ? -1 : 0;
}

/* Correctly rounded: the exact decimal string through strtod. */
int pe_int_to_double(pe_state *S, pe_val a, double *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_int_to_str(S, a, 10, false, &sb) || pe_sb_putc(&sb, '\0')) {
        pe_sb_free(&sb);
        return -1;
    }
    double d = strtod(sb.p, NULL);
    pe_sb_free(&sb);
    if (isinf(d))
        return pe_raise(S, PE_EXC(OverflowError), "int too large to convert to float");
    *out = d;
    return 0;
}

int pe_int_from_double(pe_state *S, double x, pe_val *out) {
    if (isnan(x)) return pe_raise(S, PE_EXC(ValueError), "cannot convert float NaN to integer");
    if (isinf(x))
        return pe_raise(S, PE_EXC(OverflowError), "cannot convert float infinity to integer");
    x = trunc(x);
    if (fabs(x) < 9223372036854775808.0) {
        *out = pe_int((int64_t)x);
        return 0;
    }
    int e;
    double m = frexp(fabs(x), &e); /* |x| = m * 2**e, e > 63 */
    uint64_t mant = (uint64_t)ldexp(m, 53);
    int shift = e - 53;
    pe_bigint *b = stub_big_new(S, (uint32_t)(shift / 32 + 3));
    if (!b) return -1;
    b->sign = x < 0 ? -1 : 1;
    int w = shift / 32, bit = shift % 32;
    unsigned __int128 v = (unsigned __int128)mant << bit;
    b->d[w] = (uint32_t)v;
    b->d[w + 1] = (uint32_t)(v >> 32);
    b->d[w + 2] = (uint32_t)(v >> 64);
    stub_big_finish(b, out);
    return 0;
}

/* The driver's ways into the runtime (the real engine has its own). */
static int drv_int_from_decimal(pe_state *S, const char *s, pe_val *out) {
    return stub_int_from_decimal(S, s, out);
}

static void drv_decref(pe_state *S, pe_val v) {
    if (v.tag == PE_TOBJ) pe_obj_dealloc(S, v.u.o);
}

#endif /* NUMFMT_STUB_RUNTIME_H */
