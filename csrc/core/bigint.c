/*
 * bigint.c - Python int semantics with arbitrary precision (CPython 3.11).
 *
 * Layering:
 *   mpn_*     kernels on little-endian arrays of 32-bit digits; they never
 *             allocate unless they take a pe_state (then -1 = MemoryError);
 *   mag       read-only magnitude views of int values (immediates included);
 *   pe_int_*  the public operations: int64 fast paths first, then digits.
 * Every int result goes through make_int(), which strips high zero digits
 * and returns an immediate whenever the value fits in int64, so a pe_bigint
 * only ever holds a value outside [INT64_MIN, INT64_MAX].
 *
 * Sizes are size_t everywhere and bounded by MAX_DIGITS (checked before any
 * allocation), so no size computation can overflow.
 */
#include "pe_internal.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>

#define DIGIT_BITS 32
#define DEC_BASE 1000000000u /* 10**9, the decimal chunk */
#define DEC_CHUNK 9

/* Hard cap on the digits of any int or temporary: beyond it, MemoryError.
 * 2**31 digits = 8 GiB, far above any sane memory limit. */
#if SIZE_MAX > 0xFFFFFFFFu
#define MAX_DIGITS ((size_t)1 << 31)
#else
#define MAX_DIGITS ((size_t)1 << 24)
#endif
#define MAX_BITS ((uint64_t)MAX_DIGITS * DIGIT_BITS)

#define STR_DIGITS_LIMIT 4300 /* sys.get_int_max_str_digits() default */

/* Tuning (digits of 32 bits). */
#define KARA_MUL_CUTOFF 40   /* Karatsuba multiplication from this size */
#define KARA_SQR_CUTOFF 48   /* Karatsuba squaring from this size */
#define STACK_DIGITS 64      /* work buffers up to this size live on the stack */
#define DEC_DC_CUTOFF 120    /* D&C decimal output above this many digits */
#define PARSE_DC_CUTOFF 64   /* D&C string parsing above this many chunks */
/* Time budget (pe_work): Karatsuba nodes of at least this many digits
 * charge their work (a few tens of microseconds apart); basecase products
 * larger than BASECASE_POLL digit products are cut into polled slices;
 * loops batch their charges in WORK_BATCH units. */
#define KARA_POLL 256
#define BASECASE_POLL ((uint64_t)1 << 22)
#define WORK_BATCH ((uint64_t)1 << 16)
/* kara_ws_size() sizes the scratch for the smaller (multiplication) cutoff */
_Static_assert(KARA_SQR_CUTOFF >= KARA_MUL_CUTOFF, "squaring cutoff below multiplication's");

static const char LOWER_DIGITS[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* Number of significant bits of x (0 for 0). */
static inline unsigned bitlen32(pe_digit x) { return x ? 32u - (unsigned)__builtin_clz(x) : 0u; }
static inline unsigned bitlen64(uint64_t x) { return x ? 64u - (unsigned)__builtin_clzll(x) : 0u; }

/* |x| as uint64 (exact for INT64_MIN). */
static inline uint64_t u64_abs(int64_t x) { return x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x; }

/* Does |x| fit exactly in a double's 53-bit significand? */
static inline bool fits53(int64_t x) {
    return x >= -((int64_t)1 << 53) && x <= ((int64_t)1 << 53);
}

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

/* Temporary digit array of n digits (MemoryError beyond MAX_DIGITS). */
static pe_digit *tmp_alloc(pe_state *S, size_t n) {
    if (n > MAX_DIGITS) {
        pe_raise_nomem(S);
        return NULL;
    }
    return pe_mem_alloc(S, (n ? n : 1) * sizeof(pe_digit));
}

/* Frees a tmp_alloc'ed array of the same n (NULL is ignored). */
static void tmp_free(pe_state *S, pe_digit *p, size_t n) {
    if (p) pe_mem_free(S, p, (n ? n : 1) * sizeof(pe_digit));
}

/* Work buffer: on the stack when small, else on the state's heap. */
typedef struct wbuf {
    pe_digit *d;
    size_t n;
    pe_digit st[STACK_DIGITS];
} wbuf;

static pe_digit *wb_get(pe_state *S, wbuf *w, size_t n) {
    w->n = n;
    w->d = n <= STACK_DIGITS ? w->st : tmp_alloc(S, n);
    return w->d;
}

static void wb_free(pe_state *S, wbuf *w) {
    if (w->d && w->d != w->st) tmp_free(S, w->d, w->n);
    w->d = NULL;
}

size_t pe_bigint_size(uint32_t ndigits) {
    return offsetof(pe_bigint, d) + (size_t)ndigits * sizeof(pe_digit);
}

void pe_bigint_dealloc(pe_state *S, pe_obj *o) {
    pe_obj_free(S, o, pe_bigint_size(((pe_bigint *)o)->n));
}

/* New bigint object with n (>= 1) digits, sign +1, digits uninitialised. */
static pe_bigint *big_new(pe_state *S, size_t n) {
    if (n > MAX_DIGITS) {
        pe_raise_nomem(S);
        return NULL;
    }
    pe_bigint *z = (pe_bigint *)pe_obj_new(S, &pe_type_int, pe_bigint_size((uint32_t)n));
    if (!z) return NULL;
    z->sign = 1;
    z->n = (uint32_t)n;
    return z;
}

/* ------------------------------------------------------------------ */
/* mpn kernels                                                         */
/* ------------------------------------------------------------------ */

/* Length of a[0..n) without its high zero digits. */
static size_t mpn_norm(const pe_digit *a, size_t n) {
    while (n > 0 && a[n - 1] == 0) n--;
    return n;
}

/* Compares a[0..n) with b[0..n): -1, 0, 1. */
static int mpn_cmp_n(const pe_digit *a, const pe_digit *b, size_t n) {
    while (n-- > 0)
        if (a[n] != b[n]) return a[n] < b[n] ? -1 : 1;
    return 0;
}

/* Compares normalised magnitudes. */
static int mpn_cmp(const pe_digit *a, size_t an, const pe_digit *b, size_t bn) {
    if (an != bn) return an < bn ? -1 : 1;
    return mpn_cmp_n(a, b, an);
}

static void mpn_zero(pe_digit *r, size_t n) {
    if (n) memset(r, 0, n * sizeof(pe_digit));
}

static void mpn_copy(pe_digit *r, const pe_digit *a, size_t n) {
    if (n && r != a) memmove(r, a, n * sizeof(pe_digit));
}

/* r = a + b over n digits; returns the carry. r may alias a or b. */
static pe_digit mpn_add_n(pe_digit *r, const pe_digit *a, const pe_digit *b, size_t n) {
    pe_twodigit c = 0;
    for (size_t i = 0; i < n; i++) {
        c += (pe_twodigit)a[i] + b[i];
        r[i] = (pe_digit)c;
        c >>= DIGIT_BITS;
    }
    return (pe_digit)c;
}

/* r = a + d over n digits; returns the carry. r may alias a. */
static pe_digit mpn_add_1(pe_digit *r, const pe_digit *a, size_t n, pe_digit d) {
    pe_twodigit c = d;
    size_t i = 0;
    for (; i < n && c; i++) {
        c += a[i];
        r[i] = (pe_digit)c;
        c >>= DIGIT_BITS;
    }
    if (r != a)
        for (; i < n; i++) r[i] = a[i];
    return (pe_digit)c;
}

/* r = a + b with an >= bn (r has an digits); returns the carry. */
static pe_digit mpn_add(pe_digit *r, const pe_digit *a, size_t an, const pe_digit *b,
                        size_t bn) {
    pe_digit c = mpn_add_n(r, a, b, bn);
    return mpn_add_1(r + bn, a + bn, an - bn, c);
}

/* r = a - b over n digits; returns the borrow. r may alias a or b. */
static pe_digit mpn_sub_n(pe_digit *r, const pe_digit *a, const pe_digit *b, size_t n) {
    pe_digit borrow = 0;
    for (size_t i = 0; i < n; i++) {
        pe_twodigit t = (pe_twodigit)a[i] - b[i] - borrow;
        r[i] = (pe_digit)t;
        borrow = (pe_digit)(t >> 63);
    }
    return borrow;
}

/* r = a - d over n digits; returns the borrow. r may alias a. */
static pe_digit mpn_sub_1(pe_digit *r, const pe_digit *a, size_t n, pe_digit d) {
    pe_digit borrow = d;
    size_t i = 0;
    for (; i < n && borrow; i++) {
        pe_digit x = a[i];
        r[i] = x - borrow;
        borrow = x < borrow;
    }
    if (r != a)
        for (; i < n; i++) r[i] = a[i];
    return borrow;
}

/* r = a - b with an >= bn (r has an digits); returns the borrow. */
static pe_digit mpn_sub(pe_digit *r, const pe_digit *a, size_t an, const pe_digit *b,
                        size_t bn) {
    pe_digit bw = mpn_sub_n(r, a, b, bn);
    return mpn_sub_1(r + bn, a + bn, an - bn, bw);
}

/* r = a * m, with add r += a * m, over n digits; returns the carry digit.
 * r may alias a. */
static inline pe_digit mpn_muladd_1(pe_digit *r, const pe_digit *a, size_t n, pe_digit m, bool add) {
    pe_twodigit c = 0;
    for (size_t i = 0; i < n; i++) {
        c += (pe_twodigit)a[i] * m + (add ? r[i] : 0);
        r[i] = (pe_digit)c;
        c >>= DIGIT_BITS;
    }
    return (pe_digit)c;
}
static pe_digit mpn_mul_1(pe_digit *r, const pe_digit *a, size_t n, pe_digit m) {
    return mpn_muladd_1(r, a, n, m, false);
}
static pe_digit mpn_addmul_1(pe_digit *r, const pe_digit *a, size_t n, pe_digit m) {
    return mpn_muladd_1(r, a, n, m, true);
}

/* r -= a * m over n digits; returns the borrow digit (<= m). */
static pe_digit mpn_submul_1(pe_digit *r, const pe_digit *a, size_t n, pe_digit m) {
    pe_twodigit c = 0;
    for (size_t i = 0; i < n; i++) {
        pe_twodigit p = (pe_twodigit)a[i] * m + c;
        pe_digit lo = (pe_digit)p, x = r[i];
        r[i] = x - lo;
        c = (p >> DIGIT_BITS) + (x < lo);
    }
    return (pe_digit)c;
}

/* r = a << s for 0 <= s < 32 over n digits; returns the bits shifted out.
 * Works from the top, so r >= a may overlap. */
static pe_digit mpn_lshift(pe_digit *r, const pe_digit *a, size_t n, unsigned s) {
    if (n == 0) return 0;
    if (s == 0) {
        mpn_copy(r, a, n);
        return 0;
    }
    pe_digit out = a[n - 1] >> (DIGIT_BITS - s);
    for (size_t i = n - 1; i > 0; i--) r[i] = (a[i] << s) | (a[i - 1] >> (DIGIT_BITS - s));
    r[0] = a[0] << s;
    return out;
}

/* r = a >> s for 0 <= s < 32 over n digits; returns the low s bits shifted
 * out. Works from the bottom, so r <= a may overlap. */
static pe_digit mpn_rshift(pe_digit *r, const pe_digit *a, size_t n, unsigned s) {
    if (n == 0) return 0;
    if (s == 0) {
        mpn_copy(r, a, n);
        return 0;
    }
    pe_digit out = a[0] & (((pe_digit)1 << s) - 1);
    for (size_t i = 0; i + 1 < n; i++) r[i] = (a[i] >> s) | (a[i + 1] << (DIGIT_BITS - s));
    r[n - 1] = a[n - 1] >> s;
    return out;
}

/* q = a / d over n digits, returns a % d. q may alias a. */
PE_INLINE pe_digit divrem_1(pe_digit *q, const pe_digit *a, size_t n, pe_digit d) {
    pe_twodigit r = 0;
    for (size_t i = n; i-- > 0;) {
        r = (r << DIGIT_BITS) | a[i];
        q[i] = (pe_digit)(r / d);
        r %= d;
    }
    return (pe_digit)r;
}

static pe_digit mpn_divrem_1(pe_digit *q, const pe_digit *a, size_t n, pe_digit d) {
    return divrem_1(q, a, n, d);
}

/* Same for the constant 10**9 (inlined with a constant divisor, the
 * compiler turns the division into a multiplication by the reciprocal). */
static pe_digit mpn_divrem_1e9(pe_digit *q, const pe_digit *a, size_t n) {
    return divrem_1(q, a, n, DEC_BASE);
}

/* r[0..an+bn) = a * b, an >= bn >= 1; r must not overlap a or b. */
static void mpn_mul_basecase(pe_digit *r, const pe_digit *a, size_t an, const pe_digit *b,
                             size_t bn) {
    r[an] = mpn_mul_1(r, a, an, b[0]);
    for (size_t j = 1; j < bn; j++) r[an + j] = mpn_addmul_1(r + j, a, an, b[j]);
}

/* r[0..2n) = a * a, n >= 1; r must not overlap a. Off-diagonal products
 * are computed once, doubled, then the squares added. */
static void mpn_sqr_basecase(pe_digit *r, const pe_digit *a, size_t n) {
    if (n == 1) {
        pe_twodigit p = (pe_twodigit)a[0] * a[0];
        r[0] = (pe_digit)p;
        r[1] = (pe_digit)(p >> DIGIT_BITS);
        return;
    }
    r[0] = 0;
    r[n] = mpn_mul_1(r + 1, a + 1, n - 1, a[0]);
    for (size_t i = 1; i + 1 < n; i++)
        r[n + i] = mpn_addmul_1(r + 2 * i + 1, a + i + 1, n - i - 1, a[i]);
    r[2 * n - 1] = 0;
    mpn_lshift(r, r, 2 * n, 1);
    pe_twodigit c = 0;
    for (size_t i = 0; i < n; i++) {
        pe_twodigit p = (pe_twodigit)a[i] * a[i];
        c += (pe_twodigit)r[2 * i] + (pe_digit)p;
        r[2 * i] = (pe_digit)c;
        c >>= DIGIT_BITS;
        c += (pe_twodigit)r[2 * i + 1] + (p >> DIGIT_BITS);
        r[2 * i + 1] = (pe_digit)c;
        c >>= DIGIT_BITS;
    }
}

/* Scratch digits needed by kara_mul_n / kara_sqr_n for size n. */
static size_t kara_ws_size(size_t n) {
    size_t w = 1;
    while (n >= KARA_MUL_CUTOFF) {
        size_t k = (n + 1) / 2;
        w += 6 * k + 2;
        n = k;
    }
    return w;
}

/* r[0..k) = |x - y| where x has k digits and y has m <= k digits;
 * returns 1 when x < y. */
static int mpn_absdiff(pe_digit *r, const pe_digit *x, size_t k, const pe_digit *y, size_t m) {
    int c = mpn_norm(x + m, k - m) ? 1 : mpn_cmp_n(x, y, m);
    if (c >= 0) {
        mpn_sub(r, x, k, y, m);
        return 0;
    }
    mpn_sub_n(r, y, x, m);
    mpn_zero(r + m, k - m);
    return 1;
}

/* Adds mid = z0 + z2 -/+ t (the Karatsuba middle term) into r at offset k.
 * r[0..2k) = z0, r[2k..2n) = z2, t has 2k digits, mid has room for 2k+2. */
static void kara_combine(pe_digit *r, size_t n, size_t k, const pe_digit *t, int add_t,
                         pe_digit *mid) {
    size_t m = n - k;
    mpn_copy(mid, r, 2 * k);
    mid[2 * k] = mid[2 * k + 1] = 0;
    mpn_add(mid, mid, 2 * k + 2, r + 2 * k, 2 * m);
    if (add_t)
        mpn_add(mid, mid, 2 * k + 2, t, 2 * k);
    else
        mpn_sub(mid, mid, 2 * k + 2, t, 2 * k);
    size_t mn = mpn_norm(mid, 2 * k + 2); /* mid < 2 B**n: fits in 2n - k */
    mpn_add(r + k, r + k, 2 * n - k, mid, mn);
}

/* Charge of the Karatsuba nodes of KARA_POLL..2*KARA_POLL-1 digits (every
 * larger product passes through them): their whole subtree, about n*n/2
 * digit products (3**log2(n/40) basecase products of 40**2). */
static inline int kara_charge(pe_state *S, size_t n) {
    return n >= KARA_POLL && n < 2 * KARA_POLL ? pe_work(S, (uint64_t)n * n / 2) : 0;
}

/* r[0..2n) = a * b (both n digits), Karatsuba (subtractive variant);
 * ws has kara_ws_size(n) digits; r must not overlap a, b or ws.
 * -1: the time budget ran out (LimitError pending, r is garbage). */
static int kara_mul_n(pe_state *S, pe_digit *r, const pe_digit *a, const pe_digit *b, size_t n,
                      pe_digit *ws) {
    if (n < KARA_MUL_CUTOFF) {
        mpn_mul_basecase(r, a, n, b, n);
        return 0;
    }
    if (kara_charge(S, n)) return -1;
    size_t k = (n + 1) / 2, m = n - k;
    pe_digit *da = ws, *db = ws + k, *t = ws + 2 * k, *mid = ws + 4 * k;
    pe_digit *rest = ws + 6 * k + 2;
    int neg = mpn_absdiff(da, a, k, a + k, m) ^ mpn_absdiff(db, b, k, b + k, m);
    if (kara_mul_n(S, t, da, db, k, rest) || kara_mul_n(S, r, a, b, k, rest) ||
        kara_mul_n(S, r + 2 * k, a + k, b + k, m, rest))
        return -1;
    /* a0*b1 + a1*b0 = z0 + z2 - (a0-a1)(b0-b1) */
    kara_combine(r, n, k, t, neg, mid);
    return 0;
}

/* r[0..2n) = a * a, Karatsuba squaring; same contract as kara_mul_n. */
static int kara_sqr_n(pe_state *S, pe_digit *r, const pe_digit *a, size_t n, pe_digit *ws) {
    if (n < KARA_SQR_CUTOFF) {
        mpn_sqr_basecase(r, a, n);
        return 0;
    }
    if (kara_charge(S, n)) return -1;
    size_t k = (n + 1) / 2, m = n - k;
    pe_digit *da = ws, *t = ws + 2 * k, *mid = ws + 4 * k;
    pe_digit *rest = ws + 6 * k + 2;
    mpn_absdiff(da, a, k, a + k, m);
    if (kara_sqr_n(S, t, da, k, rest) || kara_sqr_n(S, r, a, k, rest) ||
        kara_sqr_n(S, r + 2 * k, a + k, m, rest))
        return -1;
    kara_combine(r, n, k, t, 0, mid);
    return 0;
}

/* Basecase a * b (an >= bn, bn < KARA_MUL_CUTOFF) for a long a: slices of
 * a are multiplied into t (which has room for BASECASE_SLICE + bn digits)
 * and added in, with the time budget charged per slice. */
#define BASECASE_SLICE ((size_t)1 << 16)
static int mpn_mul_basecase_long(pe_state *S, pe_digit *r, const pe_digit *a, size_t an,
                                 const pe_digit *b, size_t bn, pe_digit *t) {
    mpn_zero(r, an + bn);
    for (size_t off = 0; off < an; off += BASECASE_SLICE) {
        size_t cn = an - off < BASECASE_SLICE ? an - off : BASECASE_SLICE;
        if (cn >= bn)
            mpn_mul_basecase(t, a + off, cn, b, bn);
        else
            mpn_mul_basecase(t, b, bn, a + off, cn);
        mpn_add(r + off, r + off, an + bn - off, t, cn + bn);
        if (pe_work(S, (uint64_t)cn * bn)) return -1;
    }
    return 0;
}

static int mpn_mul(pe_state *S, pe_digit *r, const pe_digit *a, size_t an, const pe_digit *b,
                   size_t bn);

/* r[0..an+bn) = a * b for an > bn >= KARA_MUL_CUTOFF: a is cut into bn-digit
 * slices, each multiplied by b (Karatsuba) and added in. */
static int mpn_mul_unbalanced(pe_state *S, pe_digit *r, const pe_digit *a, size_t an,
                              const pe_digit *b, size_t bn) {
    size_t wsn = kara_ws_size(bn), tn = 2 * bn;
    pe_digit *ws = tmp_alloc(S, wsn + tn);
    if (!ws) return -1;
    pe_digit *t = ws + wsn;
    int rc = 0;
    mpn_zero(r, an + bn);
    for (size_t off = 0; off < an; off += bn) {
        size_t cn = an - off < bn ? an - off : bn;
        if (cn == bn) {
            if ((rc = kara_mul_n(S, t, a + off, b, bn, ws)) < 0) break;
        } else if ((rc = mpn_mul(S, t, b, bn, a + off, cn)) < 0) {
            break;
        }
        mpn_add(r + off, r + off, an + bn - off, t, bn + cn);
    }
    tmp_free(S, ws, wsn + tn);
    return rc;
}

/* r[0..an+bn) = a * b (an, bn >= 1); r must not overlap a or b. Uses the
 * squaring path when a and b are the same array. -1: MemoryError. */
static int mpn_mul(pe_state *S, pe_digit *r, const pe_digit *a, size_t an, const pe_digit *b,
                   size_t bn) {
    if (an < bn) {
        const pe_digit *t = a;
        a = b;
        b = t;
        size_t tn = an;
        an = bn;
        bn = tn;
    }
    if (a == b && an == bn) {
        if (an < KARA_SQR_CUTOFF) {
            mpn_sqr_basecase(r, a, an);
            return pe_work(S, (uint64_t)an * an / 2);
        }
    } else if (bn < KARA_MUL_CUTOFF) {
        if ((uint64_t)an * bn <= BASECASE_POLL) {
            mpn_mul_basecase(r, a, an, b, bn);
            return pe_work(S, (uint64_t)an * bn);
        }
        pe_digit *t = tmp_alloc(S, BASECASE_SLICE + bn);
        if (!t) return -1;
        int rc = mpn_mul_basecase_long(S, r, a, an, b, bn, t);
        tmp_free(S, t, BASECASE_SLICE + bn);
        return rc;
    }
    if (an != bn) return mpn_mul_unbalanced(S, r, a, an, b, bn);
    size_t wsn = kara_ws_size(an);
    pe_digit *ws = tmp_alloc(S, wsn);
    if (!ws) return -1;
    int rc = a == b ? kara_sqr_n(S, r, a, an, ws) : kara_mul_n(S, r, a, b, an, ws);
    tmp_free(S, ws, wsn);
    return rc;
}

/* Knuth's algorithm D, core: u[0..an] (an + 1 digits) and v[0..bn) are
 * already shifted so that v[bn-1] has its top bit set (an >= bn >= 2).
 * u is replaced by the remainder in u[0..bn) (still shifted); the quotient
 * goes to q[0..an-bn] unless q is NULL. -1: the time budget ran out. */
static int divrem_core(pe_state *S, pe_digit *q, pe_digit *u, size_t an, const pe_digit *v,
                       size_t bn) {
    pe_digit vtop = v[bn - 1], vnext = v[bn - 2];
    uint64_t work = 0;
    for (size_t j = an - bn + 1; j-- > 0;) {
        if ((work += bn) >= WORK_BATCH) {
            if (pe_work(S, work)) return -1;
            work = 0;
        }
        pe_digit *uj = u + j;
        pe_twodigit num = ((pe_twodigit)uj[bn] << DIGIT_BITS) | uj[bn - 1];
        pe_twodigit qhat, rhat;
        if (uj[bn] >= vtop) { /* then uj[bn] == vtop: qhat = B - 1 */
            qhat = 0xFFFFFFFFu;
            rhat = num - qhat * vtop;
        } else {
            qhat = num / vtop;
            rhat = num % vtop;
        }
        while (rhat <= 0xFFFFFFFFu &&
               qhat * vnext > ((rhat << DIGIT_BITS) | uj[bn - 2])) {
            qhat--;
            rhat += vtop;
        }
        pe_digit borrow = mpn_submul_1(uj, v, bn, (pe_digit)qhat);
        pe_digit top = uj[bn];
        uj[bn] = top - borrow;
        if (top < borrow) { /* qhat was one too large: add back */
            qhat--;
            uj[bn] += mpn_add_n(uj, uj, v, bn);
        }
        if (q) q[j] = (pe_digit)qhat;
    }
    return 0;
}

/* Knuth's algorithm D. For an >= bn >= 2 and b normalised (b[bn-1] != 0):
 * q[0..an-bn] = a / b and r[0..bn) = a % b (either may be NULL; they must
 * not overlap a or b). -1: MemoryError. */
static int mpn_divrem(pe_state *S, pe_digit *q, pe_digit *r, const pe_digit *a, size_t an,
                      const pe_digit *b, size_t bn) {
    unsigned s = (unsigned)__builtin_clz(b[bn - 1]);
    pe_digit *u = tmp_alloc(S, an + 1 + bn);
    if (!u) return -1;
    pe_digit *v = u + an + 1;
    mpn_lshift(v, b, bn, s);
    u[an] = mpn_lshift(u, a, an, s);
    int rc = divrem_core(S, q, u, an, v, bn);
    if (r && rc == 0) mpn_rshift(r, u, bn, s);
    tmp_free(S, u, an + 1 + bn);
    return rc;
}

/* Any nonzero bit below bit position `bits` of a[0..n)? */
static bool mpn_any_below(const pe_digit *a, size_t n, uint64_t bits) {
    size_t wd = (size_t)(bits / DIGIT_BITS);
    unsigned bs = (unsigned)(bits % DIGIT_BITS);
    for (size_t i = 0; i < wd && i < n; i++)
        if (a[i]) return true;
    return wd < n && bs && (a[wd] & (((pe_digit)1 << bs) - 1));
}

/* The 64 bits of a[0..n) starting at bit position pos (zeros beyond). */
static uint64_t mpn_bits_at(const pe_digit *a, size_t n, uint64_t pos) {
    uint64_t wd64 = pos / DIGIT_BITS;
    if (wd64 >= n) return 0;
    size_t wd = (size_t)wd64;
    unsigned bs = (unsigned)(pos % DIGIT_BITS);
    uint64_t d1 = wd + 1 < n ? a[wd + 1] : 0, d2 = wd + 2 < n ? a[wd + 2] : 0;
    uint64_t lo = a[wd] | (d1 << 32);
    return bs ? (lo >> bs) | (d2 << (64 - bs)) : lo;
}

/* ------------------------------------------------------------------ */
/* Magnitude views and results                                         */
/* ------------------------------------------------------------------ */

/* Read-only view of an int: sign (-1/0/1) and magnitude d[0..n), n
 * normalised. For immediates d points into buf, so do not copy a mag. */
typedef struct mag {
    const pe_digit *d;
    size_t n;
    int sign;
    pe_digit buf[2];
} mag;

static void mag_init(mag *m, pe_val v) {
    if (v.tag == PE_TOBJ) {
        const pe_bigint *b = (const pe_bigint *)v.u.o;
        m->d = b->d;
        m->n = mpn_norm(b->d, b->n);
        m->sign = m->n ? (b->sign < 0 ? -1 : 1) : 0;
        return;
    }
    int64_t x = v.u.i;
    uint64_t u = u64_abs(x);
    m->buf[0] = (pe_digit)u;
    m->buf[1] = (pe_digit)(u >> 32);
    m->n = u == 0 ? 0 : (u >> 32 ? 2 : 1);
    m->sign = (x > 0) - (x < 0);
    m->d = m->buf;
}

/* Bit length of a magnitude. */
static uint64_t mag_bits(const pe_digit *d, size_t n) {
    return n ? (uint64_t)(n - 1) * DIGIT_BITS + bitlen32(d[n - 1]) : 0;
}

/* Low 64 bits of a magnitude. */
static uint64_t mag_low64(const pe_digit *d, size_t n) {
    return n == 0 ? 0 : n == 1 ? d[0] : (uint64_t)d[0] | (uint64_t)d[1] << 32;
}

/* *out = sign * u (an immediate unless it is 2**63 or more). */
static int make_u64(pe_state *S, int sign, uint64_t u, pe_val *out) {
    if (u <= (uint64_t)INT64_MAX) {
        *out = pe_int(sign < 0 ? -(int64_t)u : (int64_t)u);
        return 0;
    }
    if (sign < 0 && u == (uint64_t)INT64_MAX + 1) {
        *out = pe_int(INT64_MIN);
        return 0;
    }
    pe_bigint *z = big_new(S, 2);
    if (!z) return -1;
    z->sign = sign < 0 ? -1 : 1;
    z->d[0] = (pe_digit)u;
    z->d[1] = (pe_digit)(u >> 32);
    *out = pe_obj_val(&z->ob);
    return 0;
}

/* *out = sign * |d[0..n)|, normalised: an immediate when it fits in int64,
 * else a new bigint of exactly the needed size. */
static int make_int(pe_state *S, int sign, const pe_digit *d, size_t n, pe_val *out) {
    n = mpn_norm(d, n);
    if (n <= 2) return make_u64(S, sign, mag_low64(d, n), out);
    /* every big result charges its size to the time budget: a native loop
     * of linear bigint operations (math.prod, sum) stays under the timeout */
    if (pe_work(S, n)) return -1;
    pe_bigint *z = big_new(S, n);
    if (!z) return -1;
    z->sign = sign < 0 ? -1 : 1;
    memcpy(z->d, d, n * sizeof(pe_digit));
    *out = pe_obj_val(&z->ob);
    return 0;
}

/* r[0..n) = 0 in slices, charging the time budget: zeroing a gigabyte
 * (mostly page faults) takes seconds. -1: the budget ran out. */
static int mpn_zero_polled(pe_state *S, pe_digit *r, size_t n) {
    const size_t slice = (size_t)1 << 18;
    for (size_t off = 0; off < n; off += slice) {
        size_t k = n - off < slice ? n - off : slice;
        mpn_zero(r + off, k);
        if (pe_work(S, k)) return -1;
    }
    return 0;
}

/* *out = sign * 2**bit (bit <= MAX_BITS checked by the caller). */
static int make_pow2(pe_state *S, int sign, uint64_t bit, pe_val *out) {
    if (bit < 63) return make_u64(S, sign, (uint64_t)1 << bit, out);
    size_t n = (size_t)(bit / DIGIT_BITS) + 1;
    if (n <= 2) return make_u64(S, sign, (uint64_t)1 << bit, out);
    pe_bigint *z = big_new(S, n);
    if (!z) return -1;
    z->sign = sign < 0 ? -1 : 1;
    z->d[n - 1] = (pe_digit)1 << (bit % DIGIT_BITS);
    if (mpn_zero_polled(S, z->d, n - 1)) {
        pe_decref(S, pe_obj_val(&z->ob)); /* the dealloc reads no digit */
        return -1;
    }
    *out = pe_obj_val(&z->ob);
    return 0;
}

int pe_int_from_i128(pe_state *S, __int128 x, pe_val *out) {
    if (x >= INT64_MIN && x <= INT64_MAX) {
        *out = pe_int((int64_t)x);
        return 0;
    }
    unsigned __int128 u = x < 0 ? -(unsigned __int128)x : (unsigned __int128)x;
    pe_digit d[4];
    for (int i = 0; i < 4; i++) d[i] = (pe_digit)(u >> (32 * i));
    return make_int(S, x < 0 ? -1 : 1, d, 4, out);
}

/* ------------------------------------------------------------------ */
/* Sign, comparison, hashing                                           */
/* ------------------------------------------------------------------ */

int pe_int_sign(pe_val a) {
    if (a.tag != PE_TOBJ) return (a.u.i > 0) - (a.u.i < 0);
    mag A;
    mag_init(&A, a);
    return A.sign;
}

int pe_int_cmp(pe_val a, pe_val b) {
    if (a.tag != PE_TOBJ && b.tag != PE_TOBJ) return (a.u.i > b.u.i) - (a.u.i < b.u.i);
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    if (A.sign != B.sign) return A.sign < B.sign ? -1 : 1;
    int c = mpn_cmp(A.d, A.n, B.d, B.n);
    return A.sign < 0 ? -c : c;
}

int64_t pe_int_bit_length(pe_val a) {
    if (a.tag != PE_TOBJ) return (int64_t)bitlen64(u64_abs(a.u.i));
    mag A;
    mag_init(&A, a);
    return (int64_t)mag_bits(A.d, A.n);
}

#define HASH_MOD (((uint64_t)1 << 61) - 1) /* CPython's _PyHASH_MODULUS */

int64_t pe_int_hash(pe_val a) {
    if (a.tag == PE_TINT) return pe_small_int_hash(a.u.i);
    mag A;
    mag_init(&A, a);
    uint64_t x = 0;
    for (size_t i = A.n; i-- > 0;) {
        /* x = x * 2**32 mod (2**61 - 1): a rotation within 61 bits */
        x = ((x << 32) & HASH_MOD) | (x >> (61 - 32));
        x += A.d[i];
        if (x >= HASH_MOD) x -= HASH_MOD;
    }
    int64_t h = A.sign < 0 ? -(int64_t)x : (int64_t)x;
    return h == -1 ? -2 : h;
}

/* ------------------------------------------------------------------ */
/* Addition, subtraction, negation                                     */
/* ------------------------------------------------------------------ */

/* *out = A + bsign * |B| for views A, B (bsign is B's effective sign). */
static int add_mags(pe_state *S, const mag *A, const mag *B, int bsign, pe_val *out) {
    if (B->n == 0) return make_int(S, A->sign, A->d, A->n, out);
    if (A->n == 0) return make_int(S, bsign, B->d, B->n, out);
    const mag *x = A, *y = B;
    int xs = A->sign, ys = bsign;
    wbuf w;
    int rc;
    if (xs == ys) {
        if (x->n < y->n) {
            x = B;
            y = A;
        }
        pe_digit *z = wb_get(S, &w, x->n + 1);
        if (!z) return -1;
        z[x->n] = mpn_add(z, x->d, x->n, y->d, y->n);
        rc = make_int(S, xs, z, x->n + 1, out);
    } else {
        int c = mpn_cmp(x->d, x->n, y->d, y->n);
        if (c == 0) {
            *out = pe_int(0);
            return 0;
        }
        if (c < 0) {
            x = B;
            y = A;
            xs = ys;
        }
        pe_digit *z = wb_get(S, &w, x->n);
        if (!z) return -1;
        mpn_sub(z, x->d, x->n, y->d, y->n);
        rc = make_int(S, xs, z, x->n, out);
    }
    wb_free(S, &w);
    return rc;
}

int pe_int_add(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (a.tag != PE_TOBJ && b.tag != PE_TOBJ) {
        int64_t r;
        if (!__builtin_add_overflow(a.u.i, b.u.i, &r)) {
            *out = pe_int(r);
            return 0;
        }
        return pe_int_from_i128(S, (__int128)a.u.i + b.u.i, out);
    }
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    return add_mags(S, &A, &B, B.sign, out);
}

int pe_int_sub(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (a.tag != PE_TOBJ && b.tag != PE_TOBJ) {
        int64_t r;
        if (!__builtin_sub_overflow(a.u.i, b.u.i, &r)) {
            *out = pe_int(r);
            return 0;
        }
        return pe_int_from_i128(S, (__int128)a.u.i - b.u.i, out);
    }
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    return add_mags(S, &A, &B, -B.sign, out);
}

int pe_int_neg(pe_state *S, pe_val a, pe_val *out) {
    if (a.tag != PE_TOBJ) {
        if (a.u.i == INT64_MIN) return make_u64(S, 1, (uint64_t)INT64_MAX + 1, out);
        *out = pe_int(-a.u.i);
        return 0;
    }
    mag A;
    mag_init(&A, a);
    return make_int(S, -A.sign, A.d, A.n, out);
}

int pe_int_abs(pe_state *S, pe_val a, pe_val *out) {
    if (a.tag != PE_TOBJ) {
        if (a.u.i >= 0) {
            *out = pe_int(a.u.i);
            return 0;
        }
        return pe_int_neg(S, a, out);
    }
    mag A;
    mag_init(&A, a);
    return make_int(S, 1, A.d, A.n, out);
}

int pe_int_invert(pe_state *S, pe_val a, pe_val *out) {
    if (a.tag != PE_TOBJ) {
        *out = pe_int(~a.u.i);
        return 0;
    }
    /* ~a == -(a + 1) */
    mag A, one;
    mag_init(&A, a);
    mag_init(&one, pe_int(1));
    mag NA = A;
    NA.sign = -A.sign;
    NA.d = A.d; /* A is a bigint: d does not point into A.buf */
    return add_mags(S, &NA, &one, -1, out);
}

/* ------------------------------------------------------------------ */
/* Multiplication                                                      */
/* ------------------------------------------------------------------ */

int pe_int_mul(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (a.tag != PE_TOBJ && b.tag != PE_TOBJ) {
        int64_t r;
        if (!__builtin_mul_overflow(a.u.i, b.u.i, &r)) {
            *out = pe_int(r);
            return 0;
        }
        return pe_int_from_i128(S, (__int128)a.u.i * b.u.i, out);
    }
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    if (A.n == 0 || B.n == 0) {
        *out = pe_int(0);
        return 0;
    }
    wbuf w;
    pe_digit *z = wb_get(S, &w, A.n + B.n);
    if (!z) return -1;
    const pe_digit *bd = (a.tag == PE_TOBJ && a.u.o == b.u.o) ? A.d : B.d; /* x*x: square */
    int rc = mpn_mul(S, z, A.d, A.n, bd, B.n);
    if (rc == 0) rc = make_int(S, A.sign * B.sign, z, A.n + B.n, out);
    wb_free(S, &w);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Division                                                            */
/* ------------------------------------------------------------------ */

/* Magnitude division: q[0..A.n+1) = |A| / |B|, r[0..B.n) = |A| % |B| (the
 * extra q digit is zeroed for the floor adjustment). B.n >= 1. */
static int mag_divrem(pe_state *S, const mag *A, const mag *B, pe_digit *q, pe_digit *r) {
    mpn_zero(q, A->n + 1);
    mpn_zero(r, B->n);
    if (A->n < B->n) {
        mpn_copy(r, A->d, A->n);
        return 0;
    }
    if (B->n == 1) {
        r[0] = mpn_divrem_1(q, A->d, A->n, B->d[0]);
        return 0;
    }
    return mpn_divrem(S, q, r, A->d, A->n, B->d, B->n);
}

/* Floor division and/or modulo (q, r may be NULL); zmsg is the
 * ZeroDivisionError message. */
static int int_divmod(pe_state *S, pe_val a, pe_val b, pe_val *q, pe_val *r, const char *zmsg) {
    if (a.tag != PE_TOBJ && b.tag != PE_TOBJ) {
        int64_t x = a.u.i, y = b.u.i;
        if (y == 0) return pe_raise(S, PE_EXC(ZeroDivisionError), "%s", zmsg);
        if (y == -1) { /* avoids INT64_MIN / -1 */
            if (r) *r = pe_int(0);
            return q ? pe_int_neg(S, a, q) : 0;
        }
        int64_t qq = x / y, rr = x % y;
        if (rr != 0 && ((rr ^ y) < 0)) {
            qq -= 1;
            rr += y;
        }
        if (q) *q = pe_int(qq);
        if (r) *r = pe_int(rr);
        return 0;
    }
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    if (B.n == 0) return pe_raise(S, PE_EXC(ZeroDivisionError), "%s", zmsg);
    wbuf wq, wr;
    pe_digit *qd = wb_get(S, &wq, A.n + 1);
    if (!qd) return -1;
    pe_digit *rd = wb_get(S, &wr, B.n);
    int rc = -1;
    if (!rd || mag_divrem(S, &A, &B, qd, rd) < 0) goto done;
    int qsign = A.sign * B.sign, rsign = A.sign;
    if (qsign < 0 && mpn_norm(rd, B.n) != 0) { /* round toward -inf */
        mpn_add_1(qd, qd, A.n + 1, 1);
        mpn_sub_n(rd, B.d, rd, B.n);
        rsign = B.sign;
    }
    pe_val qv = pe_undef();
    if (q && make_int(S, qsign, qd, A.n + 1, &qv) < 0) goto done;
    if (r && make_int(S, rsign, rd, B.n, r) < 0) {
        pe_decref(S, qv);
        goto done;
    }
    if (q) *q = qv;
    rc = 0;
done:
    wb_free(S, &wr);
    wb_free(S, &wq);
    return rc;
}

int pe_int_floordiv(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    return int_divmod(S, a, b, out, NULL, "integer division or modulo by zero");
}

int pe_int_mod(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    return int_divmod(S, a, b, NULL, out, "integer modulo by zero");
}

int pe_int_divmod(pe_state *S, pe_val a, pe_val b, pe_val *q, pe_val *r) {
    return int_divmod(S, a, b, q, r, "integer division or modulo by zero");
}

/* ------------------------------------------------------------------ */
/* Conversions with double                                             */
/* ------------------------------------------------------------------ */

/* Correctly rounded (half-even) |d[0..n)| as a double; inf if too large. */
static double mag_to_double(const pe_digit *d, size_t n) {
    uint64_t bits = mag_bits(d, n);
    if (bits <= 64) return (double)mag_low64(d, n); /* hardware rounds correctly */
    /* top DBL_MANT_DIG + 2 bits with a sticky bit, then round by hand */
    static const int8_t half_even[8] = {0, -1, -2, 1, 0, -1, 2, 1};
    uint64_t shift = bits - (DBL_MANT_DIG + 2);
    uint64_t x = mpn_bits_at(d, n, shift) & (((uint64_t)1 << (DBL_MANT_DIG + 2)) - 1);
    if (mpn_any_below(d, n, shift)) x |= 1;
    x = (uint64_t)((int64_t)x + half_even[x & 7]);
    if (shift > 2000) return HUGE_VAL;
    return ldexp((double)x, (int)shift);
}

int pe_int_to_double(pe_state *S, pe_val a, double *out) {
    if (a.tag != PE_TOBJ) {
        *out = (double)a.u.i;
        return 0;
    }
    mag A;
    mag_init(&A, a);
    double x = mag_to_double(A.d, A.n);
    if (isinf(x))
        return pe_raise(S, PE_EXC(OverflowError), "int too large to convert to float");
    *out = A.sign < 0 ? -x : x;
    return 0;
}

/* Digits of the integer part of a finite x >= 1 into d (33 digits);
 * returns the digit count and sets *frac when x has a fractional part. */
static size_t double_int_digits(double x, pe_digit d[33], bool *frac) {
    int e;
    double m = frexp(x, &e); /* x = m * 2**e, 0.5 <= m < 1, 1 <= e <= 1024 */
    uint64_t M = (uint64_t)ldexp(m, DBL_MANT_DIG); /* exact 53-bit integer */
    *frac = false;
    mpn_zero(d, 33);
    if (e <= DBL_MANT_DIG) {
        unsigned sh = (unsigned)(DBL_MANT_DIG - e);
        *frac = sh && (M & (((uint64_t)1 << sh) - 1));
        M >>= sh;
        d[0] = (pe_digit)M;
        d[1] = (pe_digit)(M >> 32);
        return mpn_norm(d, 2);
    }
    unsigned sh = (unsigned)(e - DBL_MANT_DIG);
    size_t wd = sh / DIGIT_BITS;
    unsigned bs = sh % DIGIT_BITS;
    d[wd] = (pe_digit)M;
    d[wd + 1] = (pe_digit)(M >> 32);
    mpn_lshift(d + wd, d + wd, 3, bs);
    return mpn_norm(d, 33);
}

int pe_int_from_double(pe_state *S, double x, pe_val *out) {
    if (isnan(x)) return pe_raise(S, PE_EXC(ValueError), "cannot convert float NaN to integer");
    if (isinf(x))
        return pe_raise(S, PE_EXC(OverflowError), "cannot convert float infinity to integer");
    if (fabs(x) < 9223372036854775808.0) { /* |x| < 2**63: truncation fits */
        *out = pe_int((int64_t)x);
        return 0;
    }
    pe_digit d[33];
    bool frac;
    size_t n = double_int_digits(fabs(x), d, &frac);
    return make_int(S, x < 0 ? -1 : 1, d, n, out);
}

/* Exact comparison of |d[0..n)| (n >= 1) with a finite x > 0. */
static int mag_cmp_double(const pe_digit *d, size_t n, double x) {
    int e;
    frexp(x, &e);
    if (e <= 0) return 1; /* x < 1 <= |a| */
    uint64_t bits = mag_bits(d, n);
    if (bits != (uint64_t)e) return bits < (uint64_t)e ? -1 : 1;
    pe_digit xd[33];
    bool frac;
    size_t xn = double_int_digits(x, xd, &frac);
    int c = mpn_cmp(d, n, xd, xn);
    return c ? c : (frac ? -1 : 0);
}

int pe_int_cmp_double(pe_val a, double b) {
    if (isnan(b)) return 2;
    int sb = (b > 0) - (b < 0);
    if (isinf(b)) return -sb;
    if (a.tag != PE_TOBJ && fits53(a.u.i)) {
        double x = (double)a.u.i; /* exact */
        return (x > b) - (x < b);
    }
    mag A;
    mag_init(&A, a);
    if (A.sign != sb) return A.sign < sb ? -1 : 1;
    if (sb == 0) return 0;
    int c = mag_cmp_double(A.d, A.n, fabs(b));
    return sb > 0 ? c : -c;
}

/* q = floor(|A| * 2**-shift / |B|) (< 2**64 for the shifts truediv uses);
 * *inexact is set when bits were dropped by the shift or the division. */
static int scaled_quotient(pe_state *S, const mag *A, const mag *B, int64_t shift, uint64_t *q,
                           bool *inexact) {
    wbuf wx, wq;
    size_t xn;
    pe_digit *x;
    if (shift <= 0) { /* x = |a| << -shift */
        size_t ws = (size_t)(-shift / DIGIT_BITS);
        xn = A->n + ws + 1;
        if (!(x = wb_get(S, &wx, xn))) return -1;
        mpn_zero(x, ws);
        x[A->n + ws] = mpn_lshift(x + ws, A->d, A->n, (unsigned)(-shift % DIGIT_BITS));
    } else { /* x = |a| >> shift, remembering lost bits */
        size_t ws = (size_t)(shift / DIGIT_BITS); /* < A->n since shift < bits(a) */
        xn = A->n - ws;
        if (!(x = wb_get(S, &wx, xn))) return -1;
        *inexact |= mpn_rshift(x, A->d + ws, xn, (unsigned)(shift % DIGIT_BITS)) != 0;
        *inexact |= mpn_norm(A->d, ws) != 0;
    }
    xn = mpn_norm(x, xn); /* >= B->n: the quotient is at least 1 */
    int rc = 0;
    if (B->n == 1) {
        *inexact |= mpn_divrem_1(x, x, xn, B->d[0]) != 0;
        *q = mag_low64(x, mpn_norm(x, xn));
    } else {
        size_t qn = xn - B->n + 1;
        pe_digit *qd = wb_get(S, &wq, qn + B->n);
        rc = qd ? mpn_divrem(S, qd, qd + qn, x, xn, B->d, B->n) : -1;
        if (rc == 0) {
            *inexact |= mpn_norm(qd + qn, B->n) != 0;
            *q = mag_low64(qd, mpn_norm(qd, qn));
        }
        wb_free(S, &wq);
    }
    wb_free(S, &wx);
    return rc;
}

/* Correctly rounded |a| / |b| by CPython's long_true_divide algorithm:
 * q = |a| * 2**-shift // |b| with 55-56 bits, sticky bit, round by hand. */
static int mag_truediv(pe_state *S, const mag *A, const mag *B, double *out) {
    int64_t diff = (int64_t)mag_bits(A->d, A->n) - (int64_t)mag_bits(B->d, B->n);
    if (diff > DBL_MAX_EXP) goto overflow;
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
        *out = 0.0;
        return 0;
    }
    int64_t shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    bool inexact = false;
    uint64_t q = 0;
    if (scaled_quotient(S, A, B, shift, &q, &inexact) < 0) return -1;
    int64_t xbits = bitlen64(q), lim = DBL_MIN_EXP - shift;
    int extra = (int)((xbits > lim ? xbits : lim) - DBL_MANT_DIG); /* 2 or 3 */
    uint64_t mask = (uint64_t)1 << (extra - 1);
    uint64_t low = q | (inexact ? 1u : 0u);
    if ((low & mask) && (low & (3 * mask - 1))) low += mask;
    low &= ~(2 * mask - 1);
    double dx = (double)low; /* exact */
    if (shift + xbits >= DBL_MAX_EXP &&
        (shift + xbits > DBL_MAX_EXP || dx == ldexp(1.0, (int)xbits)))
        goto overflow;
    *out = ldexp(dx, (int)shift);
    return 0;
overflow:
    return pe_raise(S, PE_EXC(OverflowError), "integer division result too large for a float");
}

int pe_int_truediv(pe_state *S, pe_val a, pe_val b, double *out) {
    if (a.tag != PE_TOBJ && b.tag != PE_TOBJ && fits53(a.u.i) && fits53(b.u.i)) {
        if (b.u.i == 0) return pe_raise(S, PE_EXC(ZeroDivisionError), "division by zero");
        *out = (double)a.u.i / (double)b.u.i; /* both exact: correctly rounded */
        return 0;
    }
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    if (B.n == 0) return pe_raise(S, PE_EXC(ZeroDivisionError), "division by zero");
    bool negate = (A.sign < 0) != (B.sign < 0);
    double r = 0.0;
    if (A.n != 0) {
        if (mag_bits(A.d, A.n) <= DBL_MANT_DIG && mag_bits(B.d, B.n) <= DBL_MANT_DIG)
            r = (double)mag_low64(A.d, A.n) / (double)mag_low64(B.d, B.n);
        else if (mag_truediv(S, &A, &B, &r) < 0)
            return -1;
    }
    *out = negate ? -r : r;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Shifts                                                              */
/* ------------------------------------------------------------------ */

/* CPython's error for a left shift by a count >= 2**63 (a != 0): the
 * digit count computed in 30-bit digits overflows -> OverflowError "too
 * many digits in integer", else its allocation fails -> MemoryError. */
static int huge_lshift_error(pe_state *S, const mag *A, const mag *B) {
    const uint64_t clip = (uint64_t)INT64_MAX / 4;           /* PY_SSIZE_T_MAX / 4 */
    const uint64_t max_long_digits = ((uint64_t)INT64_MAX - 24) / 4;
    if (B->n <= 4) {
        unsigned __int128 cnt = 0;
        for (size_t i = B->n; i-- > 0;) cnt = (cnt << 32) | B->d[i];
        unsigned __int128 ws = cnt / 30;
        unsigned rs = (unsigned)(cnt % 30);
        uint64_t size30 = (mag_bits(A->d, A->n) + 29) / 30;
        if (ws < clip && (uint64_t)ws + size30 + (rs != 0) <= max_long_digits)
            return pe_raise_nomem(S);
    }
    return pe_raise(S, PE_EXC(OverflowError), "too many digits in integer");
}

int pe_int_lshift(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (pe_int_sign(b) < 0) return pe_raise(S, PE_EXC(ValueError), "negative shift count");
    if (a.tag != PE_TOBJ && b.tag != PE_TOBJ && b.u.i < 63)
        return pe_int_from_i128(S, (__int128)a.u.i * ((int64_t)1 << b.u.i), out);
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    if (A.n == 0) {
        *out = pe_int(0);
        return 0;
    }
    if (b.tag == PE_TOBJ) return huge_lshift_error(S, &A, &B);
    uint64_t cnt = (uint64_t)b.u.i;
    if (cnt / DIGIT_BITS >= MAX_DIGITS) return pe_raise_nomem(S);
    size_t ws = (size_t)(cnt / DIGIT_BITS), zn = A.n + ws + 1;
    /* the work buffer and the result's copy are live at once */
    if (zn > STACK_DIGITS && pe_mem_check(S, 2 * zn * sizeof(pe_digit))) return -1;
    wbuf w;
    pe_digit *z = wb_get(S, &w, zn);
    if (!z) return -1;
    if (mpn_zero_polled(S, z, ws)) {
        wb_free(S, &w);
        return -1;
    }
    z[zn - 1] = mpn_lshift(z + ws, A.d, A.n, (unsigned)(cnt % DIGIT_BITS));
    int rc = make_int(S, A.sign, z, zn, out);
    wb_free(S, &w);
    return rc;
}

int pe_int_rshift(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (pe_int_sign(b) < 0) return pe_raise(S, PE_EXC(ValueError), "negative shift count");
    if (a.tag != PE_TOBJ) {
        int64_t x = a.u.i;
        if (b.tag == PE_TOBJ || b.u.i >= 64)
            *out = pe_int(x < 0 ? -1 : 0);
        else /* floor semantics without shifting a negative value */
            *out = pe_int(x < 0 ? ~(~x >> b.u.i) : x >> b.u.i);
        return 0;
    }
    mag A;
    mag_init(&A, a);
    uint64_t cnt = b.tag == PE_TOBJ ? UINT64_MAX : (uint64_t)b.u.i;
    if (cnt / DIGIT_BITS >= A.n) {
        *out = pe_int(A.sign < 0 ? -1 : 0);
        return 0;
    }
    size_t ws = (size_t)(cnt / DIGIT_BITS), zn = A.n - ws + 1;
    unsigned bs = (unsigned)(cnt % DIGIT_BITS);
    wbuf w;
    pe_digit *z = wb_get(S, &w, zn);
    if (!z) return -1;
    z[zn - 1] = 0;
    bool lost = mpn_rshift(z, A.d + ws, A.n - ws, bs) != 0;
    for (size_t i = 0; i < ws && !lost; i++) lost = A.d[i] != 0;
    if (A.sign < 0 && lost) mpn_add_1(z, z, zn, 1); /* floor: -(|a| >> n) - 1 */
    int rc = make_int(S, A.sign, z, zn, out);
    wb_free(S, &w);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Bitwise operations (two's complement, infinite sign extension)      */
/* ------------------------------------------------------------------ */

enum { BIT_AND, BIT_OR, BIT_XOR };

/* Digit i of the two's complement of a view (streamed; *carry starts 1). */
static inline pe_digit tc_digit(const mag *m, size_t i, pe_twodigit *carry) {
    pe_digit x = i < m->n ? m->d[i] : 0;
    if (m->sign >= 0) return x;
    pe_twodigit t = (pe_twodigit)(pe_digit)~x + *carry;
    *carry = t >> DIGIT_BITS;
    return (pe_digit)t;
}

static int bitwise(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (a.tag != PE_TOBJ && b.tag != PE_TOBJ) {
        int64_t x = a.u.i, y = b.u.i;
        *out = pe_int(op == BIT_AND ? (x & y) : op == BIT_OR ? (x | y) : (x ^ y));
        return 0;
    }
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    int na = A.sign < 0, nb = B.sign < 0;
    int nz = op == BIT_AND ? (na & nb) : op == BIT_OR ? (na | nb) : (na ^ nb);
    size_t n = (A.n > B.n ? A.n : B.n) + 1; /* + the sign-extension digit */
    wbuf w;
    pe_digit *z = wb_get(S, &w, n);
    if (!z) return -1;
    pe_twodigit ca = 1, cb = 1, cz = 1;
    for (size_t i = 0; i < n; i++) {
        pe_digit x = tc_digit(&A, i, &ca), y = tc_digit(&B, i, &cb);
        pe_digit r = op == BIT_AND ? (x & y) : op == BIT_OR ? (x | y) : (x ^ y);
        if (nz) { /* back to magnitude: ~r + 1 */
            pe_twodigit t = (pe_twodigit)(pe_digit)~r + cz;
            cz = t >> DIGIT_BITS;
            r = (pe_digit)t;
        }
        z[i] = r;
    }
    int rc = make_int(S, nz ? -1 : 1, z, n, out);
    wb_free(S, &w);
    return rc;
}

int pe_int_and(pe_state *S, pe_val a, pe_val b, pe_val *out) { return bitwise(S, BIT_AND, a, b, out); }
int pe_int_or(pe_state *S, pe_val a, pe_val b, pe_val *out) { return bitwise(S, BIT_OR, a, b, out); }
int pe_int_xor(pe_state *S, pe_val a, pe_val b, pe_val *out) { return bitwise(S, BIT_XOR, a, b, out); }

/* ------------------------------------------------------------------ */
/* Powers                                                              */
/* ------------------------------------------------------------------ */

/* Bit i of a magnitude. */
static inline unsigned mag_bit(const mag *m, uint64_t i) {
    return (m->d[i / DIGIT_BITS] >> (i % DIGIT_BITS)) & 1u;
}

/* int64 ** e with overflow detection: 1 = fits (*r set), 0 = overflow. */
static int pow_i64(int64_t base, uint64_t e, int64_t *r) {
    int64_t acc = 1;
    for (;;) {
        if ((e & 1) && __builtin_mul_overflow(acc, base, &acc)) return 0;
        e >>= 1;
        if (!e) break;
        if (__builtin_mul_overflow(base, base, &base)) return 0;
    }
    *r = acc;
    return 1;
}

/* z = o ** e (o odd, on >= 1 digits, e >= 1) by left-to-right binary
 * exponentiation into buffers of cap digits; returns the digit count or
 * -1 (MemoryError). The result ends in *res (one of x, y). */
static int64_t mpn_pow(pe_state *S, const pe_digit *o, size_t on, uint64_t e, pe_digit *x,
                       pe_digit *y, pe_digit **res) {
    size_t xn = on;
    mpn_copy(x, o, on);
    for (int i = (int)bitlen64(e) - 2; i >= 0; i--) {
        if (mpn_mul(S, y, x, xn, x, xn) < 0) return -1;
        xn = mpn_norm(y, 2 * xn);
        pe_digit *t = x;
        x = y;
        y = t;
        if ((e >> i) & 1) {
            if (mpn_mul(S, y, x, xn, o, on) < 0) return -1;
            xn = mpn_norm(y, xn + on);
            t = x;
            x = y;
            y = t;
        }
    }
    *res = x;
    return (int64_t)xn;
}

/* *out = sign * (o ** e << shift) for an odd o of on digits (e >= 1; the
 * caller bounded the result size). */
static int pow_odd_shifted(pe_state *S, int sign, const pe_digit *o, size_t on, uint64_t e,
                           uint64_t shift, pe_val *out) {
    size_t cap = (size_t)(mag_bits(o, on) * e / DIGIT_BITS) + 2; /* o**e + slack */
    size_t ws = (size_t)(shift / DIGIT_BITS);
    /* Refuse now what max_memory is certain to refuse later. Live with x
     * and y (2 cap): the scratch of the last squaring (of o**(e/2)), then
     * the shifted result and its bigint. Lower bounds from log2(o). */
    uint64_t obits = mag_bits(o, on);
    double lg = obits > 53 ? (double)(obits - 1) : log2((double)mag_low64(o, on)) * (1 - 1e-9);
    double half = lg * (double)(e / 2) / DIGIT_BITS, full = lg * (double)e / DIGIT_BITS;
    size_t lbh = half < (double)MAX_DIGITS ? (size_t)half : MAX_DIGITS;
    size_t lb = (full < (double)MAX_DIGITS ? (size_t)full : MAX_DIGITS) + ws;
    size_t sq = lbh >= KARA_SQR_CUTOFF ? kara_ws_size(lbh) : 0;
    size_t fin = lb >= STACK_DIGITS ? 2 * lb : lb; /* small z lives on the stack */
    if (pe_mem_check(S, (2 * cap + (sq > fin ? sq : fin)) * sizeof(pe_digit))) return -1;
    pe_digit *x = tmp_alloc(S, 2 * cap), *res;
    if (!x) return -1;
    int rc = -1;
    int64_t pn = mpn_pow(S, o, on, e, x, x + cap, &res);
    wbuf wz;
    pe_digit *z = pn < 0 ? NULL : wb_get(S, &wz, (size_t)pn + ws + 1);
    if (z) {
        mpn_zero(z, ws);
        z[(size_t)pn + ws] = mpn_lshift(z + ws, res, (size_t)pn, (unsigned)(shift % DIGIT_BITS));
        rc = make_int(S, sign, z, (size_t)pn + ws + 1, out);
        wb_free(S, &wz);
    }
    tmp_free(S, x, 2 * cap);
    return rc;
}

/* a ** b for b >= 0 (no modulus): a = o * 2**tz with o odd, so
 * a**b = o**b << tz*b (powers of two are a plain shift). */
static int int_pow(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    int sign = (A.sign < 0 && B.n && (B.d[0] & 1)) ? -1 : 1;
    if (B.n == 0 || A.n == 0 || (A.n == 1 && A.d[0] == 1)) { /* 1, 0, +-1 */
        *out = pe_int(B.n == 0 ? 1 : A.n == 0 ? 0 : sign);
        return 0;
    }
    if (b.tag == PE_TOBJ) return pe_raise_nomem(S); /* |a| >= 2, b >= 2**63 */
    uint64_t e = (uint64_t)b.u.i;
    int64_t r;
    if (a.tag != PE_TOBJ && pow_i64(a.u.i, e, &r)) {
        *out = pe_int(r);
        return 0;
    }
    uint64_t abits = mag_bits(A.d, A.n);
    if (e > MAX_BITS / abits) return pe_raise_nomem(S);
    size_t tzd = 0;
    while (A.d[tzd] == 0) tzd++;
    uint64_t tz = (uint64_t)tzd * DIGIT_BITS + (unsigned)__builtin_ctz(A.d[tzd]);
    if (abits - tz == 1) return make_pow2(S, sign, tz * e, out);
    size_t on = A.n - tzd;
    wbuf wo;
    pe_digit *o = wb_get(S, &wo, on);
    if (!o) return -1;
    mpn_rshift(o, A.d + tzd, on, (unsigned)(tz % DIGIT_BITS));
    int rc = pow_odd_shifted(S, sign, o, mpn_norm(o, on), e, tz * e, out);
    wb_free(S, &wo);
    return rc;
}

/* (x * y) % m for m < 2**64. */
static inline uint64_t mulmod64(uint64_t x, uint64_t y, uint64_t m) {
    return (uint64_t)((unsigned __int128)x * y % m);
}

/* Modular multiplication context for a modulus of n >= 3 digits: residues
 * are n-digit arrays (zero padded). Odd moduli use Montgomery form
 * (x * B**n mod m), even ones Knuth D with a pre-shifted divisor. One
 * allocation holds all scratch, so the exponentiation loop never allocates. */
typedef struct modctx {
    pe_state *S;
    const pe_digit *m;
    size_t n;
    bool mont;
    pe_digit minv;  /* Montgomery: -1/m mod 2**32 */
    unsigned shift; /* Knuth: normalisation shift, v = m << shift */
    pe_digit *v, *t, *ws;
    pe_digit *mem;
    size_t memn;
} modctx;

/* -1/x mod 2**32 for odd x (Newton iteration, 3 -> 48 correct bits). */
static pe_digit neg_inverse32(pe_digit x) {
    pe_digit inv = x; /* x * x == 1 mod 8 */
    for (int i = 0; i < 4; i++) inv *= 2 - x * inv;
    return (pe_digit)0 - inv;
}

static int modctx_init(pe_state *S, modctx *c, const pe_digit *m, size_t n) {
    c->S = S;
    c->m = m;
    c->n = n;
    c->mont = m[0] & 1;
    size_t wsn = kara_ws_size(n);
    c->memn = n + (2 * n + 1) + wsn;
    if (!(c->mem = tmp_alloc(S, c->memn))) return -1;
    c->v = c->mem;
    c->t = c->v + n;
    c->ws = c->t + 2 * n + 1;
    c->shift = (unsigned)__builtin_clz(m[n - 1]);
    mpn_lshift(c->v, m, n, c->shift);
    c->minv = c->mont ? neg_inverse32(m[0]) : 0;
    return 0;
}

static void modctx_free(pe_state *S, modctx *c) { tmp_free(S, c->mem, c->memn); }

/* Montgomery reduction: r = t / B**n mod m for t < m * B**n (2n digits,
 * destroyed). The carry of row i is parked in t[i], which the row zeroed. */
static void mont_reduce(const modctx *c, pe_digit *r, pe_digit *t) {
    size_t n = c->n;
    for (size_t i = 0; i < n; i++) t[i] = mpn_addmul_1(t + i, c->m, n, t[i] * c->minv);
    pe_digit cy = mpn_add_n(r, t + n, t, n); /* < 2m */
    if (cy || mpn_cmp_n(r, c->m, n) >= 0) mpn_sub_n(r, r, c->m, n);
}

/* r = x * y mod m in the context's representation (r may alias x or y).
 * -1: the time budget ran out (each call charges about 2 n**2). */
static int mod_mul(modctx *c, pe_digit *r, const pe_digit *x, const pe_digit *y) {
    size_t n = c->n;
    pe_digit *t = c->t;
    if (pe_work(c->S, 2 * (uint64_t)n * n)) return -1;
    if (x == y) {
        if (n < KARA_SQR_CUTOFF)
            mpn_sqr_basecase(t, x, n);
        else if (kara_sqr_n(c->S, t, x, n, c->ws))
            return -1;
    } else if (n < KARA_MUL_CUTOFF) {
        mpn_mul_basecase(t, x, n, y, n);
    } else if (kara_mul_n(c->S, t, x, y, n, c->ws)) {
        return -1;
    }
    if (c->mont) {
        mont_reduce(c, r, t);
    } else {
        t[2 * n] = mpn_lshift(t, t, 2 * n, c->shift);
        if (divrem_core(c->S, NULL, t, 2 * n, c->v, n)) return -1;
        mpn_rshift(r, t, n, c->shift);
    }
    return 0;
}

/* Window size for an exponent of ebits bits (thresholds as GMP's powm). */
static unsigned window_bits(uint64_t ebits) {
    static const uint64_t lim[] = {7, 25, 81, 241, 673, 1793, 4609};
    unsigned k = 1;
    while (k <= 7 && ebits > lim[k - 1]) k++;
    return k;
}

/* r = X**|E| in the context's representation, by left-to-right sliding
 * windows of k bits; tab holds X, X**3, ..., X**(2**k - 1). */
static int window_pow(modctx *c, pe_digit *r, const pe_digit *tab, const mag *E, unsigned k) {
    size_t n = c->n;
    bool first = true;
    for (int64_t i = (int64_t)mag_bits(E->d, E->n) - 1; i >= 0;) {
        if (!mag_bit(E, (uint64_t)i)) {
            if (mod_mul(c, r, r, r)) return -1;
            i--;
            continue;
        }
        int64_t j = i - (int64_t)k + 1 > 0 ? i - (int64_t)k + 1 : 0;
        while (!mag_bit(E, (uint64_t)j)) j++; /* the window [j, i] is odd */
        uint64_t w = 0;
        for (int64_t b = i; b >= j; b--) w = (w << 1) | mag_bit(E, (uint64_t)b);
        if (first) {
            mpn_copy(r, tab + (w >> 1) * n, n);
            first = false;
        } else {
            for (int64_t b = i; b >= j; b--)
                if (mod_mul(c, r, r, r)) return -1;
            if (mod_mul(c, r, r, tab + (w >> 1) * n)) return -1;
        }
        i = j - 1;
    }
    return 0;
}

/* *out = x**|E| mod m (0 < x < m, m of n >= 3 digits, E != 0). */
static int modexp_big(pe_state *S, const pe_digit *xd, size_t xn, const mag *E,
                      const pe_digit *m, size_t n, pe_val *out) {
    modctx c;
    if (modctx_init(S, &c, m, n) < 0) return -1;
    unsigned k = window_bits(mag_bits(E->d, E->n));
    size_t tabn = (size_t)1 << (k - 1), alln = (tabn + 2) * n + 2 * n + 1;
    pe_digit *tab = tmp_alloc(S, alln);
    int rc = tab ? 0 : -1;
    if (rc == 0) {
        pe_digit *x2 = tab + tabn * n, *r = x2 + n, *tmp = r + n;
        mpn_zero(tab, n);
        mpn_copy(tab, xd, xn);
        if (c.mont) { /* to Montgomery form: x * B**n mod m, one division */
            mpn_zero(tmp, 2 * n + 1);
            mpn_copy(tmp + n, tab, n);
            rc = mpn_divrem(S, NULL, tab, tmp, 2 * n, m, n);
        }
        if (rc == 0) rc = mod_mul(&c, x2, tab, tab);
        for (size_t i = 1; rc == 0 && i < tabn; i++)
            rc = mod_mul(&c, tab + i * n, tab + (i - 1) * n, x2);
        if (rc == 0) rc = window_pow(&c, r, tab, E, k);
        if (rc == 0) {
            if (c.mont) { /* out of Montgomery form */
                mpn_zero(tmp, 2 * n);
                mpn_copy(tmp, r, n);
                mont_reduce(&c, r, tmp);
            }
            rc = make_int(S, 1, r, n, out);
        }
        tmp_free(S, tab, alln);
    }
    modctx_free(S, &c);
    return rc;
}

/* *out = base ** |e| mod m for 0 <= base < m, m > 1. */
static int modexp(pe_state *S, pe_val base, pe_val e, pe_val m, pe_val *out) {
    mag X, E, M;
    mag_init(&X, base);
    mag_init(&E, e);
    mag_init(&M, m);
    if (E.n == 0) {
        *out = pe_int(1);
        return 0;
    }
    if (X.n == 0) {
        *out = pe_int(0);
        return 0;
    }
    if (M.n > 2) return modexp_big(S, X.d, X.n, &E, M.d, M.n, out);
    uint64_t mod = mag_low64(M.d, M.n), x = mag_low64(X.d, X.n), r = x;
    for (uint64_t i = mag_bits(E.d, E.n) - 1; i-- > 0;) {
        if ((i & 0xFFFF) == 0 && pe_work(S, WORK_BATCH)) return -1;
        r = mulmod64(r, r, mod);
        if (mag_bit(&E, i)) r = mulmod64(r, x, mod);
    }
    return make_u64(S, 1, r, out);
}

/* ------------------------------------------------------------------ */
/* gcd (Lehmer)                                                        */
/* ------------------------------------------------------------------ */

/* Width of the leading-bit windows of the Lehmer steps: every sum of a
 * window and a cofactor, and every product q * cofactor, stays far inside
 * int64 (cofactors never exceed the window). */
#define LEHMER_BITS 60

/* gcd of two uint64 (binary: shifts and subtractions only). */
static uint64_t gcd_u64(uint64_t a, uint64_t b) {
    if (a == 0) return b;
    if (b == 0) return a;
    unsigned k = (unsigned)__builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    while (b) {
        b >>= __builtin_ctzll(b);
        if (a > b) {
            uint64_t t = a;
            a = b;
            b = t;
        }
        b -= a;
    }
    return a << k;
}

/* (u, v) = (a*u + b*v, c*u + d*v) over n digits, in place. The caller
 * guarantees both results are in [0, B**n) (Lehmer cofactors of
 * consecutive remainders), so the signed carries end at zero. */
static void mpn_lincomb2(pe_digit *u, pe_digit *v, size_t n, int64_t a, int64_t b, int64_t c,
                         int64_t d) {
    __int128 cu = 0, cv = 0;
    for (size_t i = 0; i < n; i++) {
        __int128 x = u[i], y = v[i];
        cu += a * x + b * y;
        cv += c * x + d * y;
        u[i] = (pe_digit)cu;
        v[i] = (pe_digit)cv;
        cu >>= DIGIT_BITS; /* arithmetic: floor division by B */
        cv >>= DIGIT_BITS;
    }
}

/* r = u mod v for un >= vn >= 1 (r has vn digits; qs is scratch of
 * un - vn + 1 digits). -1: MemoryError or the time budget ran out. */
static int mpn_mod(pe_state *S, pe_digit *r, const pe_digit *u, size_t un, const pe_digit *v,
                   size_t vn, pe_digit *qs) {
    if (vn == 1) {
        r[0] = mpn_divrem_1(qs, u, un, v[0]);
        return 0;
    }
    return mpn_divrem(S, qs, r, u, un, v, vn);
}

/* One Lehmer step on the leading LEHMER_BITS of u (and the same bits of
 * v): Euclid on the windows while the quotient is certain (Knuth's
 * algorithm L, both-ends test), leaving the cofactors in m[0..3]. */
static void lehmer_cofactors(const pe_digit *u, size_t un, const pe_digit *v, size_t vn,
                             int64_t m[4]) {
    uint64_t shift = mag_bits(u, un) - LEHMER_BITS;
    int64_t x = (int64_t)mpn_bits_at(u, un, shift), y = (int64_t)mpn_bits_at(v, vn, shift);
    int64_t a = 1, b = 0, c = 0, d = 1;
    while (y + c != 0 && y + d != 0) {
        int64_t q = (x + a) / (y + c);
        if (q != (x + b) / (y + d)) break;
        int64_t t = a - q * c;
        a = c;
        c = t;
        t = b - q * d;
        b = d;
        d = t;
        t = x - q * y;
        x = y;
        y = t;
    }
    m[0] = a;
    m[1] = b;
    m[2] = c;
    m[3] = d;
}

/* gcd of the magnitudes u[0..un) >= v[0..vn) (both normalised, vn >= 1),
 * in work buffers of un digits each (destroyed); s is scratch of un + 1
 * digits. The result is left in u[0..*rn). */
static int mpn_gcd(pe_state *S, pe_digit *u, size_t un, pe_digit *v, size_t vn, pe_digit *s,
                   size_t *rn) {
    uint64_t work = 0;
    while (vn > 2) {
        if ((work += un) >= WORK_BATCH) {
            if (pe_work(S, work)) return -1;
            work = 0;
        }
        int64_t m[4];
        lehmer_cofactors(u, un, v, vn, m);
        if (m[1] == 0) { /* no certain quotient: one full division */
            if (mpn_mod(S, s, u, un, v, vn, s + vn)) return -1;
            mpn_copy(u, v, vn);
            mpn_copy(v, s, vn);
            un = vn;
            vn = mpn_norm(v, un);
            continue;
        }
        mpn_zero(v + vn, un - vn);
        mpn_lincomb2(u, v, un, m[0], m[1], m[2], m[3]);
        un = mpn_norm(u, un);
        vn = mpn_norm(v, un);
    }
    if (vn > 0) { /* finish in uint64 */
        uint64_t y = mag_low64(v, vn);
        if (mpn_mod(S, s, u, un, v, vn, s + vn)) return -1;
        uint64_t g = gcd_u64(y, mag_low64(s, vn));
        u[0] = (pe_digit)g;
        u[1] = (pe_digit)(g >> 32);
        un = 2;
    }
    *rn = un;
    return 0;
}

int pe_int_gcd(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    mag A, B;
    mag_init(&A, a);
    mag_init(&B, b);
    if (A.n <= 2 && B.n <= 2)
        return make_u64(S, 1, gcd_u64(mag_low64(A.d, A.n), mag_low64(B.d, B.n)), out);
    const mag *X = &A, *Y = &B; /* X >= Y */
    if (mpn_cmp(A.d, A.n, B.d, B.n) < 0) {
        X = &B;
        Y = &A;
    }
    if (Y->n == 0) return make_int(S, 1, X->d, X->n, out);
    size_t n = X->n;
    pe_digit *u = tmp_alloc(S, 3 * n + 1);
    if (!u) return -1;
    pe_digit *v = u + n, *s = v + n;
    mpn_copy(u, X->d, n);
    mpn_copy(v, Y->d, Y->n);
    size_t rn;
    int rc = mpn_gcd(S, u, n, v, Y->n, s, &rn);
    if (rc == 0) rc = make_int(S, 1, u, rn, out);
    tmp_free(S, u, 3 * n + 1);
    return rc;
}

/* Modular inverse of a modulo n > 1, in [0, n) (CPython's long_invmod):
 * ValueError when gcd(a, n) != 1. */
static int int_invmod(pe_state *S, pe_val a, pe_val n, pe_val *out) {
    pe_val b = pe_undef(), c = n, x0 = pe_int(1), x1 = pe_int(0);
    pe_val q = pe_undef(), r = pe_undef(), t = pe_undef(), u = pe_undef();
    int rc = -1;
    pe_incref(c);
    if (pe_int_mod(S, a, n, &b) < 0) goto done;
    while (pe_int_sign(c) != 0) {
        if (pe_int_divmod(S, b, c, &q, &r) < 0 || pe_int_mul(S, q, x1, &t) < 0 ||
            pe_int_sub(S, x0, t, &u) < 0)
            goto done;
        pe_decref(S, q);
        pe_decref(S, t);
        q = t = pe_undef();
        pe_decref(S, b);
        b = c;
        c = r;
        r = pe_undef();
        pe_decref(S, x0);
        x0 = x1;
        x1 = u;
        u = pe_undef();
    }
    if (b.tag != PE_TINT || b.u.i != 1) {
        pe_raise(S, PE_EXC(ValueError), "base is not invertible for the given modulus");
        goto done;
    }
    rc = pe_int_mod(S, x0, n, out);
done:
    pe_decref(S, b);
    pe_decref(S, c);
    pe_decref(S, x0);
    pe_decref(S, x1);
    pe_decref(S, q);
    pe_decref(S, r);
    pe_decref(S, t);
    pe_decref(S, u);
    return rc;
}

/* pow(a, b, m) with CPython's sign rules: computed modulo |m|, then moved
 * into (m, 0] when m < 0. */
static int int_powmod(pe_state *S, pe_val a, pe_val b, pe_val m, pe_val *out) {
    int ms = pe_int_sign(m);
    if (ms == 0) return pe_raise(S, PE_EXC(ValueError), "pow() 3rd argument cannot be 0");
    pe_val mm, base = pe_undef(), r = pe_undef();
    if (pe_int_abs(S, m, &mm) < 0) return -1;
    int rc = -1;
    if (mm.tag == PE_TINT && mm.u.i == 1) {
        *out = pe_int(0);
        rc = 0;
        goto done;
    }
    if (pe_int_sign(b) < 0 ? int_invmod(S, a, mm, &base) : pe_int_mod(S, a, mm, &base)) goto done;
    if (modexp(S, base, b, mm, &r) < 0) goto done;
    if (ms < 0 && pe_int_sign(r) != 0) {
        rc = pe_int_sub(S, r, mm, out);
    } else {
        *out = pe_take(&r);
        rc = 0;
    }
done:
    pe_decref(S, r);
    pe_decref(S, base);
    pe_decref(S, mm);
    return rc;
}

int pe_int_pow(pe_state *S, pe_val a, pe_val b, pe_val mod, pe_val *out) {
    if (mod.tag != PE_TUNDEF && mod.tag != PE_TNONE) return int_powmod(S, a, b, mod, out);
    if (pe_int_sign(b) >= 0) return int_pow(S, a, b, out);
    /* negative exponent without modulus: float pow, as int.__pow__ does */
    double x, y, r;
    if (pe_int_to_double(S, a, &x) < 0 || pe_int_to_double(S, b, &y) < 0 ||
        pe_float_pow(S, x, y, &r) < 0)
        return -1;
    *out = pe_float(r);
    return 0;
}

/* ------------------------------------------------------------------ */
/* round(int, ndigits)                                                 */
/* ------------------------------------------------------------------ */

/* Nearest multiple of p = 10**k to a, ties to the even multiple
 * (a - divmod_near(a, p)[1] in CPython). */
static int round_to_pow10(pe_state *S, pe_val a, uint64_t k, pe_val *out) {
    pe_val p = pe_undef(), q = pe_undef(), r = pe_undef(), r2 = pe_undef(), t = pe_undef();
    int rc = -1;
    if (int_pow(S, pe_int(10), pe_int((int64_t)k), &p) < 0 || pe_int_divmod(S, a, p, &q, &r) < 0 ||
        pe_int_lshift(S, r, pe_int(1), &r2) < 0 || pe_int_sub(S, a, r, &t) < 0)
        goto done;
    int c = pe_int_cmp(r2, p);
    mag Q;
    mag_init(&Q, q);
    if (c > 0 || (c == 0 && Q.n && (Q.d[0] & 1))) {
        rc = pe_int_add(S, t, p, out);
    } else {
        *out = pe_take(&t);
        rc = 0;
    }
done:
    pe_decref(S, p);
    pe_decref(S, q);
    pe_decref(S, r);
    pe_decref(S, r2);
    pe_decref(S, t);
    return rc;
}

int pe_int_round(pe_state *S, pe_val a, pe_val ndigits, pe_val *out) {
    if (pe_int_sign(ndigits) >= 0) {
        pe_incref(a);
        *out = a;
        return 0;
    }
    uint64_t abits = (uint64_t)pe_int_bit_length(a);
    /* 10**k > 8**k >= 2**(abits+1) > 2|a| when 3k >= abits + 1: result 0 */
    if (ndigits.tag == PE_TOBJ || (0 - (uint64_t)ndigits.u.i) >= (abits + 3) / 3) {
        *out = pe_int(0);
        return 0;
    }
    uint64_t k = 0 - (uint64_t)ndigits.u.i;
    if (a.tag != PE_TOBJ && k <= 18) {
        int64_t p = 1;
        for (uint64_t i = 0; i < k; i++) p *= 10;
        int64_t x = a.u.i, q = x / p, r = x % p;
        if (r < 0) {
            r += p;
            q -= 1;
        }
        __int128 res = (__int128)x - r;
        if (2 * r > p || (2 * r == p && (q & 1))) res += p;
        return pe_int_from_i128(S, res, out);
    }
    return round_to_pow10(S, a, k, out);
}

/* ------------------------------------------------------------------ */
/* Text: repr of the argument for error messages                       */
/* ------------------------------------------------------------------ */

/* ValueError "invalid literal for int() with base %d: %.200R" (the repr
 * cut after 200 code points, as CPython's %.200R). */
static int invalid_literal(pe_state *S, const char *s, size_t len, int base) {
    pe_sb sb, r;
    pe_sb_init(&sb, S);
    pe_sb_init(&r, S);
    len = pe_utf8_valid_prefix_ex(s, len, true); /* all of it for engine text */
    int rc = pe_sb_printf(&sb, "invalid literal for int() with base %d: ", base);
    if (rc == 0) rc = pe_text_repr(&r, s, len);
    if (rc == 0) {
        size_t cut = pe_utf8_count(r.p, r.len) > 200 ? pe_utf8_step(r.p, 0, 200) : r.len;
        rc = pe_sb_putn(&sb, r.p, cut);
    }
    if (rc == 0) pe_raise_str(S, PE_EXC(ValueError), sb.p, sb.len);
    pe_sb_free(&r);
    pe_sb_free(&sb);
    return -1;
}

static int str_limit_error(pe_state *S, size_t ndigits) {
    return pe_raise(S, PE_EXC(ValueError),
                    "Exceeds the limit (%d digits) for integer string conversion: value has "
                    "%zu digits; use sys.set_int_max_str_digits() to increase the limit",
                    STR_DIGITS_LIMIT, ndigits);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* Value of an ASCII digit/letter (0..35), 99 for anything else. */
static const uint8_t DIGIT_VALUE[256] = {
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
     0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 99, 99, 99, 99, 99, 99,
    99, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
    25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 99, 99, 99, 99, 99,
    99, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
    25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
};

static inline int digit_value(unsigned char c) { return DIGIT_VALUE[c]; }

static inline bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* The power table of a chunked conversion: p[i] = B ** (2**i). */
typedef struct powtab {
    pe_digit *d[40];
    size_t n[40];
    int count;
} powtab;

static void powtab_free(pe_state *S, powtab *t) {
    for (int i = 0; i < t->count; i++) tmp_free(S, t->d[i], t->n[i]);
    t->count = 0;
}

/* Normalised length of p[i]. */
static size_t powtab_len(const powtab *t, int i) { return mpn_norm(t->d[i], t->n[i]); }

/* Makes p[0..lvl] available (p[0] = B). -1: MemoryError. */
static int powtab_ensure(pe_state *S, powtab *t, pe_digit B, int lvl) {
    if (t->count == 0) {
        if (!(t->d[0] = tmp_alloc(S, 1))) return -1;
        t->d[0][0] = B;
        t->n[0] = 1;
        t->count = 1;
    }
    while (t->count <= lvl) {
        int i = t->count;
        size_t pn = powtab_len(t, i - 1);
        pe_digit *z = tmp_alloc(S, 2 * pn);
        if (!z) return -1;
        if (mpn_mul(S, z, t->d[i - 1], pn, t->d[i - 1], pn) < 0) {
            tmp_free(S, z, 2 * pn);
            return -1;
        }
        t->d[i] = z;
        t->n[i] = 2 * pn; /* allocated size; the value is normalised below */
        t->count++;
    }
    return 0;
}

/* Digits of a power-of-two base text (valid digits and '_' only), read
 * from the least significant end into a 64-bit accumulator. */
static int parse_pow2(pe_state *S, const char *p, const char *end, int base, size_t nd,
                      int sign, pe_val *out) {
    unsigned bits = (unsigned)__builtin_ctz((unsigned)base);
    if (nd > MAX_BITS / bits) return pe_raise_nomem(S);
    size_t zn = (size_t)(((uint64_t)nd * bits + DIGIT_BITS - 1) / DIGIT_BITS);
    wbuf w;
    pe_digit *z = wb_get(S, &w, zn);
    if (!z) return -1;
    size_t k = 0;
    uint64_t acc = 0;
    unsigned accbits = 0;
    for (const unsigned char *s = (const unsigned char *)end; s-- > (const unsigned char *)p;) {
        unsigned v = DIGIT_VALUE[*s];
        if (v >= 36) continue; /* '_' */
        acc |= (uint64_t)v << accbits;
        accbits += bits;
        if (accbits >= DIGIT_BITS) {
            z[k++] = (pe_digit)acc;
            acc >>= DIGIT_BITS;
            accbits -= DIGIT_BITS;
        }
    }
    if (accbits) z[k++] = (pe_digit)acc;
    int rc = make_int(S, sign, z, k, out);
    wb_free(S, &w);
    return rc;
}

/* Reader of a non-power-of-two base text, most significant chunk first. */
typedef struct chunker {
    const char *p;
    int base;
} chunker;

/* Value of the next len digits (underscores skipped). */
static pe_digit chunk_next(chunker *c, size_t len) {
    pe_digit v = 0;
    while (len > 0) {
        unsigned char ch = (unsigned char)*c->p++;
        if (ch == '_') continue;
        v = v * (pe_digit)c->base + (pe_digit)digit_value(ch);
        len--;
    }
    return v;
}

/* z = value of the chunks (cn chunks of base B), D&C: adjacent groups of
 * h digits are combined as hi * B**h + lo, level by level. z has cap
 * digits (cap = power of two >= cn), zeroed by the caller. */
static int combine_chunks(pe_state *S, pe_digit *z, size_t cn, size_t cap, pe_digit B) {
    powtab pt = {.count = 0};
    pe_digit *t = tmp_alloc(S, cap);
    int rc = t ? 0 : -1;
    for (size_t h = 1, lvl = 0; rc == 0 && h < cn; h *= 2, lvl++) {
        if ((rc = powtab_ensure(S, &pt, B, (int)lvl)) < 0) break;
        size_t pn = powtab_len(&pt, (int)lvl);
        for (size_t off = 0; off + h < cn; off += 2 * h) {
            size_t hn = mpn_norm(z + off + h, h);
            if (hn == 0) continue;
            if ((rc = mpn_mul(S, t, z + off + h, hn, pt.d[lvl], pn)) < 0) break;
            mpn_zero(t + hn + pn, 2 * h - hn - pn);
            mpn_add(t, t, 2 * h, z + off, h);
            mpn_copy(z + off, t, 2 * h);
        }
    }
    tmp_free(S, t, cap);
    powtab_free(S, &pt);
    return rc;
}

/* Digits of a base 3..36 (not power of two) text with nd digits. */
static int parse_chunked(pe_state *S, const char *p, int base, size_t nd, int sign,
                         pe_val *out) {
    size_t k = 1;
    pe_digit B = (pe_digit)base;
    while ((pe_twodigit)B * (pe_digit)base <= 0xFFFFFFFFu) {
        B *= (pe_digit)base;
        k++;
    }
    size_t cn = (nd + k - 1) / k, first = nd - (cn - 1) * k;
    chunker ch = {p, base};
    size_t cap = 1;
    while (cap < cn) cap *= 2;
    wbuf w;
    pe_digit *z = wb_get(S, &w, cap);
    if (!z) return -1;
    mpn_zero(z, cap);
    int rc = 0;
    if (cn <= PARSE_DC_CUTOFF) { /* Horner: z = z * B + chunk */
        size_t zn = 0;
        for (size_t i = 0; i < cn; i++) {
            pe_digit v = chunk_next(&ch, i == 0 ? first : k);
            pe_digit c = mpn_mul_1(z, z, zn, B);
            if (c) z[zn++] = c;
            c = mpn_add_1(z, z, zn, v);
            if (c) z[zn++] = c;
        }
    } else {
        for (size_t i = cn; i-- > 0;) z[i] = chunk_next(&ch, i == cn - 1 ? first : k);
        rc = combine_chunks(S, z, cn, cap, B);
    }
    if (rc == 0) rc = make_int(S, sign, z, cap, out);
    wb_free(S, &w);
    return rc;
}

/* Converts validated digits [p, end) (single '_' between digits allowed),
 * nd of them, in base 2..36. */
static int digits_to_int(pe_state *S, const char *p, const char *end, int base, size_t nd,
                         int sign, pe_val *out) {
    if (nd <= 20) { /* fast path: accumulate in 64 bits */
        uint64_t v = 0;
        bool ovf = false;
        for (const char *s = p; s < end && !ovf; s++) {
            if (*s == '_') continue;
            ovf = __builtin_mul_overflow(v, (uint64_t)base, &v) ||
                  __builtin_add_overflow(v, (uint64_t)digit_value((unsigned char)*s), &v);
        }
        if (!ovf) return make_u64(S, sign, v, out);
    }
    if ((base & (base - 1)) == 0) return parse_pow2(S, p, end, base, nd, sign, out);
    return parse_chunked(S, p, base, nd, sign, out);
}

enum { PARSE_OK = 0, PARSE_FAIL = -1, PARSE_SYNTAX = 1 };

/* PyLong_FromString on ASCII text t[0..n): PARSE_OK (*out set),
 * PARSE_FAIL (exception set: digit limit, MemoryError) or PARSE_SYNTAX. */
static int parse_ascii(pe_state *S, const char *t, size_t n, int base, pe_val *out) {
    const char *p = t, *end = t + n;
    int sign = 1;
    bool zero_only = false; /* base 0 with a leading 0: "010" is invalid */
    while (p < end && ascii_space((unsigned char)*p)) p++;
    if (p < end && (*p == '+' || *p == '-')) sign = *p++ == '-' ? -1 : 1;
    int c1 = end - p > 1 ? (p[1] | 0x20) : 0;
    if (base == 0) {
        if (p >= end || *p != '0')
            base = 10;
        else if (c1 == 'x')
            base = 16;
        else if (c1 == 'o')
            base = 8;
        else if (c1 == 'b')
            base = 2;
        else
            zero_only = true, base = 10;
    }
    if (p < end && *p == '0' &&
        ((base == 16 && c1 == 'x') || (base == 8 && c1 == 'o') || (base == 2 && c1 == 'b'))) {
        p += 2;
        if (p < end && *p == '_') p++;
    }
    if (p < end && *p == '_') return PARSE_SYNTAX;
    const char *start = p;
    size_t nd = 0;
    char prev = 0;
    bool nonzero = false;
    while (p < end && (digit_value((unsigned char)*p) < base || *p == '_')) {
        if (*p == '_') {
            if (prev == '_') return PARSE_SYNTAX;
        } else {
            nd++;
            nonzero |= *p != '0';
        }
        prev = *p++;
    }
    if (prev == '_') return PARSE_SYNTAX;
    if ((base & (base - 1)) != 0 && nd > STR_DIGITS_LIMIT) {
        str_limit_error(S, nd);
        return PARSE_FAIL;
    }
    const char *dend = p;
    while (p < end && ascii_space((unsigned char)*p)) p++;
    if (nd == 0 || p != end || (zero_only && nonzero)) return PARSE_SYNTAX;
    return digits_to_int(S, start, dend, base, nd, sign, out) < 0 ? PARSE_FAIL : PARSE_OK;
}

/* CPython's _PyUnicode_TransformDecimalAndSpaceToASCII on UTF-8 text: ASCII
 * below 127 kept, spaces -> ' ', decimal digits -> '0'..'9'; anything else
 * ends the text with '?'. out has room for len bytes; returns its length. */
static size_t to_ascii_digits(const char *s, size_t len, char *out) {
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    size_t k = 0;
    while (p < end) {
        if (*p < 127) {
            out[k++] = (char)*p++;
            continue;
        }
        uint32_t c;
        size_t n = pe_utf8_check((const char *)p, (size_t)(end - p), true, &c);
        int dv = n ? pe_uni_decimal(c) : -1;
        p += n ? n : 1;
        if (n && pe_uni_isspace(c)) {
            out[k++] = ' ';
        } else if (dv >= 0) {
            out[k++] = (char)('0' + dv);
        } else {
            out[k++] = '?';
            break;
        }
    }
    return k;
}

int pe_int_from_str(pe_state *S, const char *s, size_t len, int base, pe_val *out) {
    if (base != 0 && (base < 2 || base > 36))
        return pe_raise(S, PE_EXC(ValueError), "int() base must be >= 2 and <= 36, or 0");
    const char *t = s;
    size_t tn = len;
    char *buf = NULL;
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++) ascii = (unsigned char)s[i] < 0x80;
    if (!ascii) {
        if (!(buf = pe_mem_alloc(S, len))) return -1;
        tn = to_ascii_digits(s, len, buf);
        t = buf;
    }
    int rc = parse_ascii(S, t, tn, base, out);
    if (buf) pe_mem_free(S, buf, len);
    if (rc == PARSE_SYNTAX) return invalid_literal(S, s, len, base);
    return rc == PARSE_OK ? 0 : -1;
}

/* The limit error of a decimal literal: a SyntaxError in CPython (the
 * compiler adds the location; the text is the same as int()'s plus a hint). */
int pe_int_from_literal(pe_state *S, const char *s, size_t len, pe_val *out) {
    int base = 10;
    if (len >= 2 && s[0] == '0') {
        int c1 = s[1] | 0x20;
        base = c1 == 'x' ? 16 : c1 == 'o' ? 8 : c1 == 'b' ? 2 : 10;
        if (base != 10) s += 2, len -= 2;
    }
    size_t nd = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_') continue;
        if (digit_value((unsigned char)s[i]) >= base) return invalid_literal(S, s, len, 0);
        nd++;
    }
    if (nd == 0) return invalid_literal(S, s, len, 0);
    if (base == 10 && nd > STR_DIGITS_LIMIT) return str_limit_error(S, nd);
    return digits_to_int(S, s, s + len, base, nd, 1, out);
}

/* ------------------------------------------------------------------ */
/* Formatting                                                          */
/* ------------------------------------------------------------------ */

/* Writes x (xn digits, destroyed) as exactly w decimal chars ending at
 * out + w, zero padded (x < 10**w): repeated division by 10**9. */
static void dec_basecase(pe_digit *x, size_t xn, char *out, size_t w) {
    char *p = out + w;
    while (p > out) {
        pe_digit r = 0;
        if (xn) {
            r = mpn_divrem_1e9(x, x, xn);
            xn = mpn_norm(x, xn);
        }
        for (int i = 0; i < DEC_CHUNK && p > out; i++) {
            *--p = (char)('0' + r % 10);
            r /= 10;
        }
    }
}

/* Writes x < 10**w as exactly w = 9 * 2**(lvl+1) chars (zero padded),
 * splitting by pt->d[lvl] = 10**(w/2) down to the base case. */
static int dec_rec(pe_state *S, const pe_digit *x, size_t xn, const powtab *pt, int lvl,
                   char *out, size_t w) {
    xn = mpn_norm(x, xn);
    if (lvl <= 0 || xn <= DEC_DC_CUTOFF) {
        wbuf wt;
        pe_digit *t = wb_get(S, &wt, xn);
        if (!t) return -1;
        mpn_copy(t, x, xn);
        dec_basecase(t, xn, out, w);
        wb_free(S, &wt);
        return 0;
    }
    size_t hw = w / 2, pn = powtab_len(pt, lvl);
    if (xn < pn) {
        memset(out, '0', hw);
        return dec_rec(S, x, xn, pt, lvl - 1, out + hw, hw);
    }
    size_t qn = xn - pn + 1;
    pe_digit *q = tmp_alloc(S, qn + pn);
    if (!q) return -1;
    pe_digit *r = q + qn;
    int rc = mpn_divrem(S, q, r, x, xn, pt->d[lvl], pn);
    if (rc == 0) rc = dec_rec(S, q, qn, pt, lvl - 1, out, hw);
    if (rc == 0) rc = dec_rec(S, r, pn, pt, lvl - 1, out + hw, hw);
    tmp_free(S, q, qn + pn);
    return rc;
}

/* Decimal digits of |d[0..n)| (n >= 1) into a new buffer *buf of *cap
 * bytes (free with pe_mem_free); the digits start at *start, *len long. */
static int mag_to_dec(pe_state *S, const pe_digit *d, size_t n, char **buf, size_t *cap,
                      size_t *start, size_t *len) {
    powtab pt = {.count = 0};
    int lvl = 0;
    size_t w;
    if (n <= DEC_DC_CUTOFF) {
        w = n * 10; /* B**n < 10**(9.64 n) */
    } else {
        if (powtab_ensure(S, &pt, DEC_BASE, 0) < 0) return -1;
        while (2 * (powtab_len(&pt, lvl) - 1) < n) { /* until 10**(w/2)**2 > x */
            if (powtab_ensure(S, &pt, DEC_BASE, lvl + 1) < 0) {
                powtab_free(S, &pt);
                return -1;
            }
            lvl++;
        }
        w = (size_t)DEC_CHUNK << (lvl + 1);
    }
    char *out = pe_mem_alloc(S, w);
    int rc = out ? dec_rec(S, d, n, &pt, lvl, out, w) : -1;
    powtab_free(S, &pt);
    if (rc < 0) {
        if (out) pe_mem_free(S, out, w);
        return -1;
    }
    size_t i = 0;
    while (i + 1 < w && out[i] == '0') i++;
    *buf = out, *cap = w, *start = i, *len = w - i;
    return 0;
}

static int to_str_limit_error(pe_state *S) {
    return pe_raise(S, PE_EXC(ValueError),
                    "Exceeds the limit (%d digits) for integer string conversion; use "
                    "sys.set_int_max_str_digits() to increase the limit",
                    STR_DIGITS_LIMIT);
}

/* Appends |A| in decimal (with '-' when negative). */
static int append_decimal(pe_state *S, const mag *A, pe_sb *sb) {
    if (A->n <= 2) {
        char tmp[24];
        char *p = tmp + sizeof tmp;
        uint64_t u = mag_low64(A->d, A->n);
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (A->sign < 0) *--p = '-';
        return pe_sb_putn(sb, p, (size_t)(tmp + sizeof tmp - p));
    }
    /* a lower bound of the digit count, floor((bits-1) log10 2) + 1, first */
    if ((mag_bits(A->d, A->n) - 1) * 30102 / 100000 + 1 > STR_DIGITS_LIMIT)
        return to_str_limit_error(S);
    char *buf;
    size_t cap, start, len;
    if (mag_to_dec(S, A->d, A->n, &buf, &cap, &start, &len) < 0) return -1;
    int rc;
    if (len > STR_DIGITS_LIMIT)
        rc = to_str_limit_error(S);
    else
        rc = (A->sign < 0 && pe_sb_putc(sb, '-')) || pe_sb_putn(sb, buf + start, len) ? -1 : 0;
    pe_mem_free(S, buf, cap);
    return rc;
}

/* Appends |A| in base 2**bits (no sign or prefix): characters are cut
 * from a 64-bit accumulator refilled one digit at a time. */
static int append_pow2(pe_state *S, const mag *A, unsigned bits, pe_sb *sb) {
    uint64_t nbits = mag_bits(A->d, A->n);
    size_t nch = nbits ? (size_t)((nbits + bits - 1) / bits) : 1;
    char *out = pe_mem_alloc(S, nch);
    if (!out) return -1;
    unsigned mask = (1u << bits) - 1, accbits = 0;
    uint64_t acc = 0;
    size_t di = 0;
    for (char *p = out + nch; p > out;) {
        if (accbits < bits) {
            acc |= (uint64_t)(di < A->n ? A->d[di] : 0) << accbits;
            di++;
            accbits += DIGIT_BITS;
        }
        *--p = LOWER_DIGITS[acc & mask];
        acc >>= bits;
        accbits -= bits;
    }
    int rc = pe_sb_putn(sb, out, nch);
    pe_mem_free(S, out, nch);
    return rc;
}

int pe_int_to_str(pe_state *S, pe_val a, int base, bool with_prefix, pe_sb *sb) {
    mag A;
    mag_init(&A, a);
    if (base == 10) return append_decimal(S, &A, sb);
    if (base != 2 && base != 8 && base != 16)
        return pe_raise(S, PE_EXC(ValueError), "int to str: base must be 2, 8, 10 or 16");
    if (A.sign < 0 && pe_sb_putc(sb, '-')) return -1;
    if (with_prefix && pe_sb_puts(sb, base == 16 ? "0x" : base == 8 ? "0o" : "0b")) return -1;
    return append_pow2(S, &A, (unsigned)__builtin_ctz((unsigned)base), sb);
}
