/*
 * bigint_stub_runtime.h - TEST-ONLY minimal runtime for test_bigint.c when it
 * is built against csrc/bigint.c alone (-DPE_BIGINT_STUB). Never include it
 * from engine sources.
 *
 * Every allocation carries a size header that pe_mem_free checks, so a size
 * mismatch aborts; live bytes are counted so the driver can report leaks
 * after each command; an optional limit simulates MemoryError.
 */
#ifndef BIGINT_STUB_RUNTIME_H
#define BIGINT_STUB_RUNTIME_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pe_internal.h"

struct pe_state {
    const pe_type *exc_type;
    char *exc_msg;
    size_t live_bytes;
    size_t mem_limit; /* 0 = none */
    size_t fail_countdown; /* fault injection: the n-th allocation fails (0 = off) */
};

#define STUB_MAGIC 0x5EB16B1Du

typedef struct stub_hdr {
    size_t size;
    uint32_t magic, pad;
} stub_hdr;

void *pe_mem_alloc(pe_state *S, size_t n) {
    bool inject = S->fail_countdown && --S->fail_countdown == 0;
    if (inject || n > ((size_t)1 << 40) || (S->mem_limit && S->live_bytes + n > S->mem_limit)) {
        pe_raise_nomem(S);
        return NULL;
    }
    stub_hdr *h = malloc(sizeof(stub_hdr) + n);
    if (!h) {
        pe_raise_nomem(S);
        return NULL;
    }
    h->size = n;
    h->magic = STUB_MAGIC;
    S->live_bytes += n;
    return h + 1;
}

/* The up-front check: the limit as in pe_mem_alloc, no fault injection
 * (nothing is allocated). */
int pe_mem_check(pe_state *S, size_t n) {
    if (n > ((size_t)1 << 40) || (S->mem_limit && S->live_bytes + n > S->mem_limit))
        return pe_raise_nomem(S);
    return 0;
}

/* No time budget in the stub runtime. */
int pe_work(pe_state *S, uint64_t units) {
    (void)S;
    (void)units;
    return 0;
}

void pe_mem_free(pe_state *S, void *p, size_t n) {
    if (!p) return;
    stub_hdr *h = (stub_hdr *)p - 1;
    if (h->magic != STUB_MAGIC || h->size != n) {
        fprintf(stderr, "stub: pe_mem_free size mismatch (%zu freed, %zu allocated)\n", n,
                h->size);
        abort();
    }
    h->magic = 0;
    S->live_bytes -= n;
    free(h);
}

void *pe_mem_realloc(pe_state *S, void *p, size_t oldn, size_t newn) {
    void *q = pe_mem_alloc(S, newn);
    if (!q) return NULL;
    if (p) {
        memcpy(q, p, oldn < newn ? oldn : newn);
        pe_mem_free(S, p, oldn);
    }
    return q;
}

pe_obj *pe_obj_new(pe_state *S, const pe_type *t, size_t size) {
    pe_obj *o = pe_mem_alloc(S, size);
    if (!o) return NULL;
    o->type = t;
    o->rc = 1;
    o->flags = 0;
    o->gc_next = o->gc_prev = NULL;
    return o;
}

void pe_obj_free(pe_state *S, pe_obj *o, size_t size) { pe_mem_free(S, o, size); }

void pe_obj_dealloc(pe_state *S, pe_obj *o) { o->type->dealloc(S, o); }

static void stub_set_exc(pe_state *S, const pe_type *t, const char *msg, size_t len) {
    free(S->exc_msg);
    S->exc_type = t;
    S->exc_msg = malloc(len + 1);
    if (S->exc_msg) {
        memcpy(S->exc_msg, msg, len);
        S->exc_msg[len] = 0;
    }
}

int pe_raise(pe_state *S, const pe_type *t, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    stub_set_exc(S, t, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
    return -1;
}

int pe_raise_str(pe_state *S, const pe_type *t, const char *msg, size_t len) {
    stub_set_exc(S, t, msg, len);
    return -1;
}

int pe_raise_nomem(pe_state *S) {
    stub_set_exc(S, PE_EXC(MemoryError), "", 0);
    return -1;
}

/* float ** float for the negative-exponent fallback of pe_int_pow. */
int pe_float_pow(pe_state *S, double a, double b, double *out) {
    if (a == 0.0 && b < 0)
        return pe_raise(S, PE_EXC(ZeroDivisionError), "0.0 cannot be raised to a negative power");
    *out = pow(a, b);
    if (isinf(*out) && isfinite(a) && isfinite(b))
        return pe_raise(S, PE_EXC(OverflowError), "(34, 'Numerical result out of range')");
    return 0;
}

/* ---- string builder ---- */

void pe_sb_init(pe_sb *sb, pe_state *S) {
    sb->S = S;
    sb->p = sb->small;
    sb->len = 0;
    sb->cap = sizeof sb->small;
    sb->failed = 0;
    sb->small[0] = 0;
}

void pe_sb_free(pe_sb *sb) {
    if (sb->p != sb->small) pe_mem_free(sb->S, sb->p, sb->cap);
    pe_sb_init(sb, sb->S);
}

int pe_sb_reserve(pe_sb *sb, size_t extra) {
    if (sb->failed) return -1;
    if (sb->len + extra + 1 <= sb->cap) return 0;
    size_t ncap = sb->cap * 2;
    while (ncap < sb->len + extra + 1) ncap *= 2;
    char *np = pe_mem_alloc(sb->S, ncap);
    if (!np) {
        sb->failed = 1;
        return -1;
    }
    memcpy(np, sb->p, sb->len + 1);
    if (sb->p != sb->small) pe_mem_free(sb->S, sb->p, sb->cap);
    sb->p = np;
    sb->cap = ncap;
    return 0;
}

int pe_sb_putn(pe_sb *sb, const char *s, size_t n) {
    if (pe_sb_reserve(sb, n)) return -1;
    memcpy(sb->p + sb->len, s, n);
    sb->len += n;
    sb->p[sb->len] = 0;
    return 0;
}

int pe_sb_puts(pe_sb *sb, const char *s) { return pe_sb_putn(sb, s, strlen(s)); }
int pe_sb_putc(pe_sb *sb, char c) { return pe_sb_putn(sb, &c, 1); }

int pe_sb_printf(pe_sb *sb, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return pe_sb_putn(sb, buf, n < 0 ? 0 : (size_t)n);
}

/* ---- type objects ---- */

#define STUB_EXC(nm, base) [PE_EXC_##nm] = {.ob = {.flags = PE_IMMORTAL}, .name = #nm},
const pe_type pe_exc_types[PE_EXC__COUNT] = {PE_EXCEPTIONS(STUB_EXC)};
#undef STUB_EXC

const pe_type pe_type_int = {
    .ob = {.flags = PE_IMMORTAL}, .name = "int", .kind = PE_K_INT, .dealloc = pe_bigint_dealloc};

/* ---- driver hooks ---- */

static pe_state *drv_state_new(void) { return calloc(1, sizeof(pe_state)); }
static void drv_state_free(pe_state *S) {
    free(S->exc_msg);
    free(S);
}
static size_t drv_live_bytes(pe_state *S) { return S->live_bytes; }
static void drv_set_limit(pe_state *S, size_t n) { S->mem_limit = n ? S->live_bytes + n : 0; }
/* Makes the k-th allocation from now fail (0 = off); returns false when
 * the runtime cannot inject faults. */
static bool drv_fail_at(pe_state *S, size_t k) {
    S->fail_countdown = k;
    return true;
}
/* "Type: message" of the pending exception (cleared). */
static void drv_take_exc(pe_state *S, char *buf, size_t n) {
    snprintf(buf, n, "%s: %s", S->exc_type ? S->exc_type->name : "?",
             S->exc_msg ? S->exc_msg : "");
    free(S->exc_msg);
    S->exc_msg = NULL;
    S->exc_type = NULL;
}

#endif /* BIGINT_STUB_RUNTIME_H */
