/*
 * floatobj.c - float arithmetic with CPython 3.11's exact semantics.
 *
 * Each function mirrors the matching algorithm of Objects/floatobject.c
 * (float_div, float_rem, _float_div_mod, float_pow, _Py_HashDouble,
 * float___round__ without ndigits) so that signs of zero results, inf/nan
 * propagation and error messages agree bit for bit. round(x, n) and all
 * decimal conversions live in numfmt.c.
 *
 * No errno is consulted: libm implementations differ (musl's pow does not
 * set errno), so overflow is detected from the result itself.
 */
#include <math.h>

#include "pe_internal.h"

/* ------------------------------------------------------------------ */
/* Division family                                                     */
/* ------------------------------------------------------------------ */

int pe_float_div(pe_state *S, double a, double b, double *out) {
    if (b == 0.0) return pe_raise(S, PE_EXC(ZeroDivisionError), "float division by zero");
    *out = a / b;
    return 0;
}

/* CPython's float_rem body for b != 0: the result takes b's sign, and a
 * zero result is a zero with b's sign. */
static double float_rem(double a, double b) {
    double mod = fmod(a, b);
    if (mod) {
        if ((b < 0) != (mod < 0)) mod += b;
    } else {
        mod = copysign(0.0, b);
    }
    return mod;
}

/* CPython's _float_div_mod for b != 0: floor quotient snapped to the
 * nearest integral value, remainder with b's sign. */
static void float_div_mod(double a, double b, double *floordiv, double *mod) {
    double div;
    *mod = fmod(a, b);
    /* a - mod is mathematically an exact multiple of b, but the division
     * below may leave div very slightly off an integer. */
    div = (a - *mod) / b;
    if (*mod) {
        if ((b < 0) != (*mod < 0)) {
            *mod += b;
            div -= 1.0;
        }
    } else {
        *mod = copysign(0.0, b);
    }
    if (div) {
        *floordiv = floor(div);
        if (div - *floordiv > 0.5) *floordiv += 1.0;
    } else {
        /* zero quotient: give it the sign of the true quotient */
        *floordiv = copysign(0.0, a / b);
    }
}

int pe_float_mod(pe_state *S, double a, double b, double *out) {
    if (b == 0.0) return pe_raise(S, PE_EXC(ZeroDivisionError), "float modulo");
    *out = float_rem(a, b);
    return 0;
}

int pe_float_floordiv(pe_state *S, double a, double b, double *out) {
    double mod;
    if (b == 0.0) return pe_raise(S, PE_EXC(ZeroDivisionError), "float floor division by zero");
    float_div_mod(a, b, out, &mod);
    return 0;
}

int pe_float_divmod(pe_state *S, double a, double b, double *q, double *r) {
    if (b == 0.0) return pe_raise(S, PE_EXC(ZeroDivisionError), "float divmod()");
    float_div_mod(a, b, q, r);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Power                                                               */
/* ------------------------------------------------------------------ */

/* CPython's DOUBLE_IS_ODD_INTEGER (x finite or infinite; nan -> false). */
static bool is_odd_integer(double x) { return fmod(fabs(x), 2.0) == 1.0; }

/* a ** b where b is +-inf and a is not nan (CPython's rules):
 * |a| < 1: inf**... 0.0 / inf; |a| == 1: 1.0; |a| > 1: inf / 0.0. */
static double pow_inf_exponent(double a, double b) {
    a = fabs(a);
    if (a == 1.0) return 1.0;
    if ((b > 0.0) == (a > 1.0)) return fabs(b);
    return 0.0;
}

/* a ** b where a is +-inf and b is finite and nonzero. */
static double pow_inf_base(double a, double b) {
    bool odd = is_odd_integer(b);
    if (b > 0.0) return odd ? a : fabs(a);
    return odd ? copysign(0.0, a) : 0.0;
}


/* The final pow() is libm's, as in CPython: glibc's pow is not correctly
 * rounded (about 1 in 1500 results of e.g. x ** 2.0 differ from x * x), so
 * the only way to match CPython's bits is to call the same function. A
 * static musl build has a close relative of glibc's algorithm without the
 * FMA code path and differs from glibc in roughly 1 in 2000 results. */
int pe_float_pow(pe_state *S, double a, double b, double *out) {
    bool negate = false;
    /* the common case first: a finite and not 0 or 1 in magnitude, b a
     * finite nonzero integer of moderate size (x ** 2) or any finite b
     * with a > 0; only overflow can go wrong */
    if (isfinite(a) && a != 0.0 && isfinite(b) && b != 0.0 && fabs(a) != 1.0) {
        double m = a;
        if (a < 0.0) {
            if (!(fabs(b) < 9007199254740992.0 && b == (double)(int64_t)b)) goto general;
            m = -a;
            negate = ((int64_t)b & 1) != 0;
        }
        double r = pow(m, b);
        if (isinf(r))
            return pe_raise_errno(S, PE_EXC(OverflowError), 34, "Numerical result out of range");
        *out = negate ? -r : r;
        return 0;
    }
general:
    if (b == 0.0) { *out = 1.0; return 0; } /* even 0**0 and nan**0 */
    if (isnan(a)) { *out = a; return 0; }
    if (isnan(b)) { *out = a == 1.0 ? 1.0 : b; return 0; }
    if (isinf(b)) { *out = pow_inf_exponent(a, b); return 0; }
    if (isinf(a)) { *out = pow_inf_base(a, b); return 0; }
    if (a == 0.0) {
        if (b < 0.0)
            return pe_raise(S, PE_EXC(ZeroDivisionError),
                            "0.0 cannot be raised to a negative power");
        *out = is_odd_integer(b) ? a : 0.0;
        return 0;
    }
    if (a < 0.0) {
        if (b != floor(b))
            return pe_raise(S, PE_EXC(ValueError), "complex numbers are not supported");
        a = -a;
        negate = is_odd_integer(b);
    }
    if (a == 1.0) { *out = negate ? -1.0 : 1.0; return 0; } /* (-1)**huge_int */
    /* a, b finite, b != 0, a > 0 and a != 1: only overflow can go wrong. */
    double r = pow(a, b);
    if (isinf(r)) /* CPython: errno ERANGE, args (errno, strerror) */
        return pe_raise_errno(S, PE_EXC(OverflowError), 34, "Numerical result out of range");
    *out = negate ? -r : r;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Hash                                                                */
/* ------------------------------------------------------------------ */

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)
#define HASH_INF 314159

/* CPython's _Py_HashDouble: the value of x reduced modulo 2**61 - 1, so
 * that hash(float(n)) == hash(n) for every integral float. CPython 3.11
 * hashes nan by object identity; pyexpr has no float identity (floats are
 * immediates), so nan hashes to 0. A nan key is still never found by
 * lookup because nan != nan (only identity would match, as in CPython
 * when the same nan object is reused). */
int64_t pe_float_hash(double x) {
    if (!isfinite(x)) {
        if (isinf(x)) return x > 0 ? HASH_INF : -HASH_INF;
        return 0;
    }
    int e;
    double m = frexp(x, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t acc = 0;
    /* 28 bits at a time; m < 1 always, so y < 2**28 fits exactly. */
    while (m) {
        acc = ((acc << 28) & HASH_MODULUS) | acc >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        acc += y;
        if (acc >= HASH_MODULUS) acc -= HASH_MODULUS;
    }
    /* rotate by e modulo 61 (2**61 == 1 modulo the modulus) */
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    acc = ((acc << e) & HASH_MODULUS) | acc >> (HASH_BITS - e);
    if (sign < 0) acc = (uint64_t)0 - acc;
    if (acc == (uint64_t)-1) acc = (uint64_t)-2;
    return (int64_t)acc;
}

/* ------------------------------------------------------------------ */
/* round(x) -> int                                                     */
/* ------------------------------------------------------------------ */

int pe_float_round0(pe_state *S, double x, pe_val *out) {
    if (isnan(x)) return pe_raise(S, PE_EXC(ValueError), "cannot convert float NaN to integer");
    if (isinf(x))
        return pe_raise(S, PE_EXC(OverflowError), "cannot convert float infinity to integer");
    double r = round(x); /* half away from zero; fixed up to half-even */
    if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
    /* [-2**63, 2**63) converts without UB; anything else is a bigint. */
    if (r >= -9223372036854775808.0 && r < 9223372036854775808.0) {
        *out = pe_int((int64_t)r);
        return 0;
    }
    return pe_int_from_double(S, r, out);
}
