/*
 * mathmodule.c - the `math` module, after CPython 3.11's Modules/mathmodule.c.
 *
 * The module is one static immortal object of type `module`; its functions
 * are static pe_cfunc objects and its constants are float immediates, so
 * `import math` and `math.sqrt(x)` allocate nothing.
 *
 * Semantics, special values and messages follow CPython 3.11:
 *  - libm wrappers classify results like CPython's math_1 / math_2: a NaN
 *    from non-NaN input is ValueError "math domain error", an infinity from
 *    finite input is OverflowError "math range error" (or ValueError at a
 *    singularity). errno is not consulted (musl's libm never sets it); the
 *    functions CPython implements itself report errors through an explicit
 *    code instead (m_tgamma, m_lgamma).
 *  - gamma/lgamma (Lanczos), hypot/dist (vector_norm), fsum (msum), isqrt,
 *    factorial, comb/perm, gcd/lcm, log of huge ints are ports of CPython's
 *    own algorithms, so their results are bit-identical to CPython's as far
 *    as they do not depend on libm.
 *  - sin, exp, log, pow, ... call the C library: their last bit is whatever
 *    the libm this binary links against returns (the default glibc build
 *    gives CPython's results on glibc systems; musl's libm differs from
 *    glibc's in the last ulp or two for a few percent of arguments).
 *  - Argument errors are worded per CPython calling convention: METH_O
 *    ("math.sqrt() takes exactly one argument (2 given)"), positional-only
 *    Argument Clinic ("pow expected 2 arguments, got 1") and keyword
 *    Argument Clinic (isclose, prod).
 */
#include <float.h>
#include <limits.h>
#include <math.h>

#include "pe_internal.h"
#include "pe_dunder.h"

#define MFN(name) PE_MODFN(name)

#define TYPE_ERROR PE_EXC(TypeError)
#define VALUE_ERROR PE_EXC(ValueError)
#define OVERFLOW_ERROR PE_EXC(OverflowError)

static const double m_pi = 3.141592653589793238462643383279502884197;
static const double m_logpi = 1.144729885849400174143427351353058711647;

/* ------------------------------------------------------------------ */
/* Argument helpers                                                    */
/* ------------------------------------------------------------------ */

static int nkwargs(pe_obj *kw) { return kw ? (int)((pe_tuple *)kw)->n : 0; }

/* "math.sqrt() takes no keyword arguments" */
static int no_kwargs(pe_state *S, const char *name, pe_obj *kw) {
    if (nkwargs(kw)) return pe_raise(S, TYPE_ERROR, "math.%s() takes no keyword arguments", name);
    return 0;
}

/* METH_O convention: "math.sqrt() takes exactly one argument (2 given)". */
static int check_one(pe_state *S, const char *name, int argc, pe_obj *kw) {
    if (no_kwargs(S, name, kw)) return -1;
    if (argc != 1)
        return pe_raise(S, TYPE_ERROR, "math.%s() takes exactly one argument (%d given)", name,
                        argc);
    return 0;
}

/* Positional-only clinic convention: "pow expected 2 arguments, got 1". */
static int check_two(pe_state *S, const char *name, int argc, pe_obj *kw) {
    if (no_kwargs(S, name, kw)) return -1;
    if (argc != 2) return pe_raise(S, TYPE_ERROR, "%s expected 2 arguments, got %d", name, argc);
    return 0;
}

/* PyFloat_AsDouble for pyexpr's value kinds: float, int (exactly rounded,
 * "int too large to convert to float"), bool; anything else is
 * "must be real number, not str". */
static int to_double(pe_state *S, pe_val v, double *out) {
    switch (v.tag) {
    case PE_TFLOAT: *out = v.u.f; return 0;
    case PE_TINT:
    case PE_TBOOL: *out = (double)v.u.i; return 0;
    default:
        if (pe_is_bigint(v)) return pe_int_to_double(S, v, out);
        if (pe_du_heap(v)) { /* __float__, then __index__ */
            int du = pe_dunder_float(S, v, out);
            if (du) return du < 0 ? -1 : 0;
        }
        return pe_raise(S, TYPE_ERROR, "must be real number, not %s", pe_type_name(v));
    }
}

/* Low 64 bits of |v| (the whole magnitude when |v| < 2**64). */
static uint64_t int_low_u64(pe_val v) {
    if (v.tag != PE_TOBJ) return v.u.i < 0 ? 0 - (uint64_t)v.u.i : (uint64_t)v.u.i;
    const pe_bigint *b = (const pe_bigint *)v.u.o;
    uint64_t x = b->d[0];
    if (b->n > 1) x |= (uint64_t)b->d[1] << 32;
    return x;
}

static int int_from_u64(pe_state *S, uint64_t u, pe_val *out) {
    return pe_int_from_i128(S, (__int128)u, out);
}

/* Replaces *slot (an owned int) by the result of op(*slot, b). */
typedef int (*int_binop)(pe_state *S, pe_val a, pe_val b, pe_val *out);
static int int_update(pe_state *S, int_binop op, pe_val *slot, pe_val b) {
    pe_val r;
    if (op(S, *slot, b, &r)) return -1;
    pe_decref(S, *slot);
    *slot = r;
    return 0;
}

/* The tuple (a, b) of two immediates. */
static int make_pair(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (pe_tuple_new(S, 2, out)) return -1;
    PE_TUPLE(*out)->items[0] = a;
    PE_TUPLE(*out)->items[1] = b;
    return 0;
}

static int domain_error(pe_state *S) { return pe_raise(S, VALUE_ERROR, "math domain error"); }
static int range_error(pe_state *S) { return pe_raise(S, OVERFLOW_ERROR, "math range error"); }

/* ------------------------------------------------------------------ */
/* CPython's own special functions                                     */
/* ------------------------------------------------------------------ */

/* Error codes of the functions below (CPython sets errno instead). */
enum { M_OK = 0, M_EDOM, M_ERANGE };

/* sin(pi*x), accurate for integral and near-integral x (finite x only). */
static double m_sinpi(double x) {
    double y = fmod(fabs(x), 2.0), r;
    int n = (int)round(2.0 * y); /* 0 <= n <= 4 */
    switch (n) {
    case 0: r = sin(m_pi * y); break;
    case 1: r = cos(m_pi * (y - 0.5)); break;
    case 2: r = sin(m_pi * (1.0 - y)); break; /* not -sin(pi*(y-1)): sign of 0 */
    case 3: r = -cos(m_pi * (y - 1.5)); break;
    default: r = sin(m_pi * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}

#define LANCZOS_N 13
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num_coeffs[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
/* denominator is x*(x+1)*...*(x+LANCZOS_N-2) */
static const double lanczos_den_coeffs[LANCZOS_N] = {
    0.0,      39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
    2637558.0, 357423.0,  32670.0,     1925.0,      66.0,        1.0};

#define NGAMMA_INTEGRAL 23
static const double gamma_integral[NGAMMA_INTEGRAL] = {
    1.0,         1.0,          2.0,           6.0,            24.0,
    120.0,       720.0,        5040.0,        40320.0,        362880.0,
    3628800.0,   39916800.0,   479001600.0,   6227020800.0,   87178291200.0,
    1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0,
    121645100408832000.0, 2432902008176640000.0, 51090942171709440000.0,
    1124000727777607680000.0};

/* Lanczos' sum L_g(x) for x > 0, as a rational function (in 1/x for
 * x >= 5 to avoid overflow). */
static double lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = LANCZOS_N; --i >= 0;) {
            num = num * x + lanczos_num_coeffs[i];
            den = den * x + lanczos_den_coeffs[i];
        }
    } else {
        for (int i = 0; i < LANCZOS_N; i++) {
            num = num / x + lanczos_num_coeffs[i];
            den = den / x + lanczos_den_coeffs[i];
        }
    }
    return num / den;
}

/* Special cases of m_tgamma: returns 1 when *r is the answer. */
static int tgamma_special(double x, double *r, int *err) {
    if (!isfinite(x)) {
        if (isnan(x) || x > 0.0) *r = x; /* tgamma(nan) = nan, tgamma(inf) = inf */
        else {
            *err = M_EDOM;
            *r = NAN;
        }
        return 1;
    }
    if (x == 0.0) {
        *err = M_EDOM;
        *r = copysign(HUGE_VAL, x);
        return 1;
    }
    if (x == floor(x)) {
        if (x < 0.0) {
            *err = M_EDOM;
            *r = NAN;
            return 1;
        }
        if (x <= NGAMMA_INTEGRAL) {
            *r = gamma_integral[(int)x - 1];
            return 1;
        }
    }
    return 0;
}

/* Lanczos part of m_tgamma for 1e-20 <= |x| <= 200, with CPython's
 * correction for the rounding error of x+g-0.5. */
static double tgamma_lanczos(double x, double absx) {
    double y = absx + lanczos_g_minus_half, z, r, sqrtpow;
    volatile double q;
    if (absx > lanczos_g_minus_half) {
        q = y - absx;
        z = q - lanczos_g_minus_half;
    } else {
        q = y - lanczos_g_minus_half;
        z = q - absx;
    }
    z = z * lanczos_g / y;
    if (x < 0.0) {
        r = -m_pi / m_sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= pow(y, absx - 0.5);
        } else {
            sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= pow(y, absx - 0.5);
        } else {
            sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    return r;
}

/* CPython's m_tgamma: the Gamma function (C99 Annex F special cases). */
static double m_tgamma(double x, int *err) {
    double r;
    if (tgamma_special(x, &r, err)) return r;
    double absx = fabs(x);
    if (absx < 1e-20) { /* tgamma(x) ~ 1/x */
        r = 1.0 / x;
        if (isinf(r)) *err = M_ERANGE;
        return r;
    }
    if (absx > 200.0) { /* overflows for x > 200, underflows for x < -200 */
        if (x < 0.0) return 0.0 / m_sinpi(x);
        *err = M_ERANGE;
        return HUGE_VAL;
    }
    r = tgamma_lanczos(x, absx);
    if (isinf(r)) *err = M_ERANGE;
    return r;
}

/* CPython's m_lgamma: log(|Gamma(x)|). */
static double m_lgamma(double x, int *err) {
    if (!isfinite(x)) return isnan(x) ? x : HUGE_VAL; /* lgamma(+-inf) = +inf */
    if (x == floor(x) && x <= 2.0) {
        if (x <= 0.0) {
            *err = M_EDOM; /* pole at non-positive integers */
            return HUGE_VAL;
        }
        return 0.0; /* lgamma(1) = lgamma(2) = 0.0 */
    }
    double absx = fabs(x), r;
    if (absx < 1e-20) return -log(absx);
    r = log(lanczos_sum(absx)) - lanczos_g;
    r += (absx - 0.5) * (log(absx + lanczos_g - 0.5) - 1);
    if (x < 0.0) /* reflection formula */
        r = m_logpi - log(fabs(m_sinpi(absx))) - log(absx) - r;
    if (isinf(r)) *err = M_ERANGE;
    return r;
}

static double m_erf(double x, int *err) {
    (void)err;
    return erf(x);
}

static double m_erfc(double x, int *err) {
    (void)err;
    return erfc(x);
}

/* atan2 with the C99 special cases handled directly (as CPython). */
static double m_atan2(double y, double x) {
    if (isnan(x) || isnan(y)) return NAN;
    if (isinf(y)) {
        if (isinf(x)) {
            if (copysign(1., x) == 1.) return copysign(0.25 * m_pi, y); /* atan2(+-inf, +inf) */
            return copysign(0.75 * m_pi, y);                            /* atan2(+-inf, -inf) */
        }
        return copysign(0.5 * m_pi, y);
    }
    if (isinf(x) || y == 0.) {
        if (copysign(1., x) == 1.) return copysign(0., y);
        return copysign(m_pi, y);
    }
    return atan2(y, x);
}

/* IEEE 754 remainder for finite x, y (y != 0): exact. */
static double remainder_finite(double x, double y) {
    double absx = fabs(x), absy = fabs(y), m = fmod(absx, absy), c = absy - m, r;
    if (m < c) r = m;
    else if (m > c) r = -c;
    else /* halfway: choose the even multiple */
        r = m - 2.0 * fmod(0.5 * (absx - m), absy);
    return copysign(1.0, x) * r;
}

/* CPython's m_remainder: x - n*y with n the nearest integer to x/y. */
static double m_remainder(double x, double y) {
    if (isfinite(x) && isfinite(y)) return y == 0.0 ? NAN : remainder_finite(x, y);
    if (isnan(x)) return x;
    if (isnan(y)) return y;
    if (isinf(x)) return NAN;
    return x; /* y is infinite */
}

/* f (log, log2 or log10) with the special values handled directly (the
 * callers classify -inf from a finite argument as a domain error). */
static double log_special(double x, double (*f)(double)) {
    if (isfinite(x)) {
        if (x > 0.0) return f(x);
        return x == 0.0 ? -HUGE_VAL : NAN;
    }
    if (isnan(x) || x > 0.0) return x;
    return NAN;
}

/* log1p preserving the sign of zero (CPython's _Py_log1p). */
static double m_log1p(double x) { return x == 0.0 ? x : log1p(x); }

/* ------------------------------------------------------------------ */
/* math_1 / math_1a / math_2 wrappers                                  */
/* ------------------------------------------------------------------ */

/* CPython's math_1: f(x) with NaN-from-non-NaN -> ValueError and
 * inf-from-finite -> OverflowError (can_overflow) or ValueError. */
static int math_1(pe_state *S, pe_val arg, double (*f)(double), int can_overflow, pe_val *out) {
    double x, r;
    if (to_double(S, arg, &x)) return -1;
    r = f(x);
    if (isnan(r) && !isnan(x)) return domain_error(S);
    if (isinf(r) && isfinite(x)) return can_overflow ? range_error(S) : domain_error(S);
    *out = pe_float(r);
    return 0;
}

/* CPython's is_error for an explicit error code: a range error with a
 * result below 1.5 in magnitude is an underflow and is ignored. */
static int check_err(pe_state *S, int err, double r) {
    if (err == M_EDOM) return domain_error(S);
    if (err == M_ERANGE && fabs(r) >= 1.5) return range_error(S);
    return 0;
}

/* CPython's math_1a: for functions that report their own errors. */
static int math_1a(pe_state *S, pe_val arg, double (*f)(double, int *), pe_val *out) {
    double x, r;
    int err = M_OK;
    if (to_double(S, arg, &x)) return -1;
    r = f(x, &err);
    if (check_err(S, err, r)) return -1;
    *out = pe_float(r);
    return 0;
}

/* CPython's math_2 for two-argument libm functions. */
static int math_2(pe_state *S, const char *name, int argc, const pe_val *argv, pe_obj *kw,
                  double (*f)(double, double), pe_val *out) {
    double x, y, r;
    int err = M_OK;
    if (check_two(S, name, argc, kw)) return -1;
    if (to_double(S, argv[0], &x) || to_double(S, argv[1], &y)) return -1;
    r = f(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) err = M_EDOM;
    else if (isinf(r) && isfinite(x) && isfinite(y)) err = M_ERANGE;
    if (check_err(S, err, r)) return -1;
    *out = pe_float(r);
    return 0;
}

#define MATH1(name, fn, can_overflow)                                                           \
    MFN(math_##name) {                                                                            \
        if (check_one(S, #name, argc, kw)) return -1;                                          \
        return math_1(S, argv[0], fn, can_overflow, out);                                      \
    }
#define MATH1A(name, fn)                                                                       \
    MFN(math_##name) {                                                                            \
        if (check_one(S, #name, argc, kw)) return -1;                                          \
        return math_1a(S, argv[0], fn, out);                                                   \
    }
#define MATH2(name, fn)                                                                        \
    MFN(math_##name) {                                                                            \
        return math_2(S, #name, argc, argv, kw, fn, out);                                      \
    }

MATH1(acos, acos, 0)
MATH1(acosh, acosh, 0)
MATH1(asin, asin, 0)
MATH1(asinh, asinh, 0)
MATH1(atan, atan, 0)
MATH1(atanh, atanh, 0)
MATH1(cbrt, cbrt, 0)
MATH1(cos, cos, 0)
MATH1(cosh, cosh, 1)
MATH1(exp, exp, 1)
MATH1(exp2, exp2, 1)
MATH1(expm1, expm1, 1)
MATH1(fabs, fabs, 0)
MATH1(log1p, m_log1p, 0)
MATH1(sin, sin, 0)
MATH1(sinh, sinh, 1)
MATH1(sqrt, sqrt, 0)
MATH1(tan, tan, 0)
MATH1(tanh, tanh, 0)
MATH1A(erf, m_erf)
MATH1A(erfc, m_erfc)
MATH1A(gamma, m_tgamma)
MATH1A(lgamma, m_lgamma)
MATH2(atan2, m_atan2)
MATH2(copysign, copysign)
MATH2(remainder, m_remainder)

/* ------------------------------------------------------------------ */
/* Rounding, float decomposition, classification                       */
/* ------------------------------------------------------------------ */

/* floor/ceil: an int argument is returned as is (int.__floor__); a float
 * goes through int(f(x)) with CPython's inf/nan messages. */
static int floor_ceil(pe_state *S, const char *name, double (*f)(double), int argc,
                      const pe_val *argv, pe_obj *kw, pe_val *out) {
    double x;
    if (check_one(S, name, argc, kw)) return -1;
    pe_val v = argv[0];
    if (v.tag == PE_TBOOL) {
        *out = pe_int(v.u.i);
        return 0;
    }
    if (pe_is_intlike(v)) {
        pe_incref(v);
        *out = v;
        return 0;
    }
    if (pe_du_heap(v)) { /* __floor__ / __ceil__ */
        int du = pe_du_call(S, v, f == floor ? PE_DU_floor : PE_DU_ceil, 0, NULL, out);
        if (du) return du < 0 ? -1 : 0;
    }
    if (to_double(S, v, &x)) return -1;
    return pe_int_from_double(S, f(x), out);
}

MFN(math_floor) {
    return floor_ceil(S, "floor", floor, argc, argv, kw, out);
}

MFN(math_ceil) {
    return floor_ceil(S, "ceil", ceil, argc, argv, kw, out);
}

/* trunc(x): float -> int toward zero; int -> itself; others have no
 * __trunc__. */
MFN(math_trunc) {
    if (check_one(S, "trunc", argc, kw)) return -1;
    pe_val v = argv[0];
    if (v.tag == PE_TFLOAT) return pe_int_from_double(S, v.u.f, out);
    if (v.tag == PE_TBOOL) {
        *out = pe_int(v.u.i);
        return 0;
    }
    if (pe_is_intlike(v)) {
        pe_incref(v);
        *out = v;
        return 0;
    }
    if (pe_du_heap(v)) {
        int du = pe_du_call(S, v, PE_DU_trunc, 0, NULL, out);
        if (du) return du < 0 ? -1 : 0;
    }
    return pe_raise(S, TYPE_ERROR, "type %s doesn't define __trunc__ method", pe_type_name(v));
}

/* frexp(x) -> (m, e) with 0.5 <= |m| < 1; (x, 0) for 0, inf, nan. */
MFN(math_frexp) {
    double x;
    int e = 0;
    if (check_one(S, "frexp", argc, kw) || to_double(S, argv[0], &x)) return -1;
    if (isfinite(x) && x != 0.0) x = frexp(x, &e);
    return make_pair(S, pe_float(x), pe_int(e), out);
}

/* modf(x) -> (fractional part, integral part), both with x's sign. */
MFN(math_modf) {
    double x, ip;
    if (check_one(S, "modf", argc, kw) || to_double(S, argv[0], &x)) return -1;
    if (isinf(x)) return make_pair(S, pe_float(copysign(0., x)), pe_float(x), out);
    if (isnan(x)) return make_pair(S, pe_float(x), pe_float(x), out);
    x = modf(x, &ip);
    return make_pair(S, pe_float(x), pe_float(ip), out);
}

/* The exponent argument of ldexp, clamped to int64 like CPython's
 * PyLong_AsLongAndOverflow. */
static int ldexp_exponent(pe_state *S, pe_val v, int64_t *e) {
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        *e = v.u.i;
        return 0;
    }
    if (pe_is_bigint(v)) {
        *e = pe_int_sign(v) < 0 ? INT64_MIN : INT64_MAX;
        return 0;
    }
    return pe_raise(S, TYPE_ERROR, "Expected an int as second argument to ldexp.");
}

/* ldexp(x, i) = x * 2**i. */
MFN(math_ldexp) {
    double x, r;
    int64_t e = 0;
    if (check_two(S, "ldexp", argc, kw) || to_double(S, argv[0], &x)) return -1;
    if (ldexp_exponent(S, argv[1], &e)) return -1;
    if (x == 0. || !isfinite(x)) r = x; /* returned unchanged */
    else if (e > INT_MAX) return range_error(S);
    else if (e < INT_MIN) r = copysign(0., x);
    else {
        r = ldexp(x, (int)e);
        if (isinf(r)) return range_error(S);
    }
    *out = pe_float(r);
    return 0;
}

/* fmod(x, y) as C's fmod, x returned for an infinite y. */
MFN(math_fmod) {
    double x, y, r;
    if (check_two(S, "fmod", argc, kw)) return -1;
    if (to_double(S, argv[0], &x) || to_double(S, argv[1], &y)) return -1;
    if (isinf(y) && isfinite(x)) {
        *out = pe_float(x);
        return 0;
    }
    r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error(S);
    *out = pe_float(r);
    return 0;
}

/* pow(x, y) for x or y infinite or NaN (C99 Annex F, as CPython). */
static double pow_special(double x, double y) {
    if (isnan(x)) return y == 0. ? 1. : x; /* nan**0 = 1 */
    if (isnan(y)) return x == 1. ? 1. : y; /* 1**nan = 1 */
    if (isinf(x)) {
        int odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
        if (y > 0.) return odd_y ? x : fabs(x);
        if (y == 0.) return 1.;
        return odd_y ? copysign(0., x) : 0.;
    }
    /* y is infinite */
    if (fabs(x) == 1.0) return 1.;
    if (y > 0. && fabs(x) > 1.0) return y;
    if (y < 0. && fabs(x) < 1.0) return -y; /* +inf */
    return 0.;
}

/* math.pow: float power; 0**negative and (-x)**fraction are domain
 * errors, finite overflow is a range error. */
MFN(math_pow) {
    double x, y, r;
    if (check_two(S, "pow", argc, kw)) return -1;
    if (to_double(S, argv[0], &x) || to_double(S, argv[1], &y)) return -1;
    if (!isfinite(x) || !isfinite(y)) {
        *out = pe_float(pow_special(x, y));
        return 0;
    }
    r = pow(x, y);
    if (isnan(r)) return domain_error(S);
    if (isinf(r)) return x == 0. ? domain_error(S) : range_error(S);
    *out = pe_float(r);
    return 0;
}

MFN(math_degrees) {
    static const double rad_to_deg = 180.0 / 3.141592653589793238462643383279502884197;
    double x;
    if (check_one(S, "degrees", argc, kw) || to_double(S, argv[0], &x)) return -1;
    *out = pe_float(x * rad_to_deg);
    return 0;
}

MFN(math_radians) {
    static const double deg_to_rad = 3.141592653589793238462643383279502884197 / 180.0;
    double x;
    if (check_one(S, "radians", argc, kw) || to_double(S, argv[0], &x)) return -1;
    *out = pe_float(x * deg_to_rad);
    return 0;
}

/* isfinite / isinf / isnan share the argument handling. */
static int classify(pe_state *S, const char *name, int (*pred)(double), int argc,
                    const pe_val *argv, pe_obj *kw, pe_val *out) {
    double x;
    if (check_one(S, name, argc, kw) || to_double(S, argv[0], &x)) return -1;
    *out = pe_bool(pred(x));
    return 0;
}

static int is_finite(double x) { return isfinite(x) != 0; }
static int is_inf(double x) { return isinf(x) != 0; }
static int is_nan(double x) { return isnan(x) != 0; }

MFN(math_isfinite) {
    return classify(S, "isfinite", is_finite, argc, argv, kw, out);
}

MFN(math_isinf) {
    return classify(S, "isinf", is_inf, argc, argv, kw, out);
}

MFN(math_isnan) {
    return classify(S, "isnan", is_nan, argc, argv, kw, out);
}

MFN(math_nextafter) {
    double x, y;
    if (check_two(S, "nextafter", argc, kw)) return -1;
    if (to_double(S, argv[0], &x) || to_double(S, argv[1], &y)) return -1;
    *out = pe_float(nextafter(x, y));
    return 0;
}

/* ulp(x): the value of the least significant bit of x. */
MFN(math_ulp) {
    double x, x2;
    if (check_one(S, "ulp", argc, kw) || to_double(S, argv[0], &x)) return -1;
    x = fabs(x);
    if (isfinite(x)) {
        x2 = nextafter(x, HUGE_VAL);
        x = isinf(x2) ? x - nextafter(x, -HUGE_VAL) : x2 - x;
    }
    *out = pe_float(x);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Keyword arguments (Argument Clinic's _PyArg_UnpackKeywords)         */
/* ------------------------------------------------------------------ */

typedef struct clinic_parser {
    const char *fname;
    int posonly;             /* leading positional-only parameters */
    int minpos, maxpos;      /* required / allowed positional arguments */
    int nparams;             /* all parameters */
    const char *const *kwds; /* names of parameters posonly..nparams-1 */
} clinic_parser;

static const char *kwname_at(pe_obj *kw, int i) {
    return PE_STR(((pe_tuple *)kw)->items[i])->data;
}

/* Index of keyword `name` among the call's keywords, or -1. */
static int find_keyword(pe_obj *kw, const char *name) {
    for (int i = 0; i < nkwargs(kw); i++)
        if (!strcmp(kwname_at(kw, i), name)) return i;
    return -1;
}

/* The positional-count checks of _PyArg_UnpackKeywords. */
static int clinic_counts(pe_state *S, const clinic_parser *p, int nargs, int nkw) {
    int maxargs = p->nparams, minposonly = p->posonly < p->minpos ? p->posonly : p->minpos;
    if (nargs + nkw > maxargs)
        return pe_raise(S, TYPE_ERROR, "%s() takes at most %d %sargument%s (%d given)", p->fname,
                        maxargs, nargs == 0 ? "keyword " : "", maxargs == 1 ? "" : "s",
                        nargs + nkw);
    if (nargs > p->maxpos) {
        if (p->maxpos == 0)
            return pe_raise(S, TYPE_ERROR, "%s() takes no positional arguments", p->fname);
        return pe_raise(S, TYPE_ERROR, "%s() takes %s %d positional argument%s (%d given)",
                        p->fname, p->minpos < p->maxpos ? "at most" : "exactly", p->maxpos,
                        p->maxpos == 1 ? "" : "s", nargs);
    }
    if (nargs < minposonly)
        return pe_raise(S, TYPE_ERROR, "%s() takes %s %d positional argument%s (%d given)",
                        p->fname, minposonly < p->maxpos ? "at least" : "exactly", minposonly,
                        minposonly == 1 ? "" : "s", nargs);
    return 0;
}

/* Leftover keywords: given by name and position, or unknown. */
static int clinic_extra_kw(pe_state *S, const clinic_parser *p, int nargs, pe_obj *kw) {
    for (int i = p->posonly; i < nargs; i++) {
        const char *name = p->kwds[i - p->posonly];
        if (find_keyword(kw, name) >= 0)
            return pe_raise(S, TYPE_ERROR,
                            "argument for %s() given by name ('%s') and position (%d)", p->fname,
                            name, i + 1);
    }
    for (int k = 0; k < nkwargs(kw); k++) {
        int known = 0;
        for (int i = p->posonly; i < p->nparams; i++)
            known |= !strcmp(p->kwds[i - p->posonly], kwname_at(kw, k));
        if (!known)
            return pe_raise(S, TYPE_ERROR, "'%s' is an invalid keyword argument for %s()",
                            kwname_at(kw, k), p->fname);
    }
    return pe_raise(S, TYPE_ERROR, "%s() got an unexpected keyword argument", p->fname);
}

/* Fills buf[0..nparams) (UNDEF = not given) from a vectorcall. */
static int clinic_parse(pe_state *S, const clinic_parser *p, int argc, const pe_val *argv,
                        pe_obj *kw, pe_val *buf) {
    int nkw = nkwargs(kw), nargs = argc - nkw, left = nkw;
    if (clinic_counts(S, p, nargs, nkw)) return -1;
    for (int i = 0; i < p->nparams; i++) buf[i] = i < nargs ? argv[i] : pe_undef();
    for (int i = nargs > p->posonly ? nargs : p->posonly; i < p->nparams; i++) {
        int k = -1;
        if (left) k = find_keyword(kw, p->kwds[i - p->posonly]);
        else if (i >= p->minpos) break;
        if (k >= 0) {
            buf[i] = argv[nargs + k];
            left--;
        } else if (i < p->minpos) {
            return pe_raise(S, TYPE_ERROR, "%s() missing required argument '%s' (pos %d)",
                            p->fname, p->kwds[i - p->posonly], i + 1);
        }
    }
    return left > 0 ? clinic_extra_kw(S, p, nargs, kw) : 0;
}

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0): Boost's "weak" test. */
MFN(math_isclose) {
    static const char *const kwds[] = {"a", "b", "rel_tol", "abs_tol"};
    static const clinic_parser parser = {"isclose", 0, 2, 2, 4, kwds};
    pe_val buf[4];
    double a, b, rel_tol = 1e-09, abs_tol = 0.0;
    if (clinic_parse(S, &parser, argc, argv, kw, buf)) return -1;
    if (to_double(S, buf[0], &a) || to_double(S, buf[1], &b)) return -1;
    if (buf[2].tag != PE_TUNDEF && to_double(S, buf[2], &rel_tol)) return -1;
    if (buf[3].tag != PE_TUNDEF && to_double(S, buf[3], &abs_tol)) return -1;
    if (rel_tol < 0.0 || abs_tol < 0.0)
        return pe_raise(S, VALUE_ERROR, "tolerances must be non-negative");
    if (a == b) {
        *out = pe_bool(1); /* also catches equal infinities */
        return 0;
    }
    if (isinf(a) || isinf(b)) {
        *out = pe_bool(0);
        return 0;
    }
    double diff = fabs(b - a);
    *out = pe_bool(diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Logarithms (loghelper: huge ints are fine)                          */
/* ------------------------------------------------------------------ */

/* Bit `pos` of |b|. */
static unsigned big_bit(const pe_bigint *b, uint64_t pos) {
    uint64_t di = pos / 32;
    return di < b->n ? (b->d[di] >> (pos % 32)) & 1u : 0u;
}

/* Is any bit of |b| below position `pos` set? */
static int big_any_below(const pe_bigint *b, uint64_t pos) {
    uint64_t di = pos / 32;
    for (uint64_t i = 0; i < di && i < b->n; i++)
        if (b->d[i]) return 1;
    return di < b->n && (b->d[di] & (((pe_digit)1 << (pos % 32)) - 1u)) != 0;
}

/* CPython's _PyLong_Frexp for a bigint: |v| ~= x * 2**e with x in
 * [0.5, 1), rounded half-even to 53 bits. */
static double big_frexp(pe_val v, int64_t *e) {
    const pe_bigint *b = (const pe_bigint *)v.u.o;
    int64_t bits = pe_int_bit_length(v); /* > 64: v is a bigint */
    uint64_t lo = (uint64_t)bits - 55, top = 0;
    for (unsigned i = 0; i < 55; i++) top |= (uint64_t)big_bit(b, lo + i) << i;
    top |= (uint64_t)big_any_below(b, lo); /* sticky bit */
    double x = ldexp((double)top, -55);    /* the conversion rounds half-even */
    if (x == 1.0) {
        x = 0.5;
        bits++;
    }
    *e = bits;
    return x;
}

/* CPython's loghelper: ints are handled exactly even when they do not fit
 * in a double; other values go through math_1. */
static int loghelper(pe_state *S, pe_val arg, double (*f)(double), pe_val *out) {
    if (arg.tag == PE_TBOOL) arg = pe_int(arg.u.i);
    if (!pe_is_intlike(arg)) return math_1(S, arg, f, 0, out);
    if (pe_int_sign(arg) <= 0) return domain_error(S);
    if (arg.tag == PE_TINT) {
        *out = pe_float(log_special((double)arg.u.i, f));
        return 0;
    }
    double x;
    if (pe_int_bit_length(arg) <= DBL_MAX_EXP) { /* may still round up to 2**1024 */
        if (!pe_int_to_double(S, arg, &x)) {
            *out = pe_float(log_special(x, f));
            return 0;
        }
        if (!pe_exc_matches(S, OVERFLOW_ERROR)) return -1;
        pe_exc_clear(S);
    }
    int64_t e;
    x = big_frexp(arg, &e);
    *out = pe_float(log_special(x, f) + log_special(2.0, f) * (double)e);
    return 0;
}

/* log(x[, base]) */
MFN(math_log) {
    pe_val num, den;
    double r;
    if (nkwargs(kw)) return pe_raise(S, TYPE_ERROR, "log() takes no keyword arguments");
    if (argc < 1 || argc > 2)
        return pe_raise(S, TYPE_ERROR, "math.log requires 1 to 2 arguments");
    if (loghelper(S, argv[0], log, &num)) return -1;
    if (argc == 1) {
        *out = num;
        return 0;
    }
    if (loghelper(S, argv[1], log, &den)) return -1;
    if (pe_float_div(S, num.u.f, den.u.f, &r)) return -1;
    *out = pe_float(r);
    return 0;
}

MFN(math_log2) {
    if (check_one(S, "log2", argc, kw)) return -1;
    return loghelper(S, argv[0], log2, out);
}

MFN(math_log10) {
    if (check_one(S, "log10", argc, kw)) return -1;
    return loghelper(S, argv[0], log10, out);
}

/* ------------------------------------------------------------------ */
/* fsum: Shewchuk / Hettinger msum with Dickinson's exact rounding     */
/* ------------------------------------------------------------------ */

#define NUM_PARTIALS 32

typedef struct fsum_state {
    double *p;       /* partials: non-overlapping, increasing magnitude */
    size_t n, m;     /* used, capacity */
    double ps[NUM_PARTIALS];
    double special_sum, inf_sum;
} fsum_state;

/* Grows the partials array (doubling). */
static int fsum_grow(pe_state *S, fsum_state *st) {
    size_t m = st->m * 2;
    double *p;
    if (st->p == st->ps) {
        p = (double *)pe_mem_alloc(S, m * sizeof(double));
        if (p) memcpy(p, st->ps, st->n * sizeof(double));
    } else {
        p = (double *)pe_mem_realloc(S, st->p, st->m * sizeof(double), m * sizeof(double));
    }
    if (!p) return -1;
    st->p = p;
    st->m = m;
    return 0;
}

/* Adds x to the partials exactly. */
static int fsum_add(pe_state *S, fsum_state *st, double x) {
    double xsave = x, y, t;
    volatile double hi, yr, lo;
    size_t i = 0;
    for (size_t j = 0; j < st->n; j++) { /* for y in partials */
        y = st->p[j];
        if (fabs(x) < fabs(y)) {
            t = x;
            x = y;
            y = t;
        }
        hi = x + y;
        yr = hi - x;
        lo = y - yr;
        if (lo != 0.0) st->p[i++] = lo;
        x = hi;
    }
    st->n = i; /* partials[i:] = [x] */
    if (x == 0.0) return 0;
    if (!isfinite(x)) {
        /* from an inf or nan summand, or from intermediate overflow */
        if (isfinite(xsave))
            return pe_raise(S, OVERFLOW_ERROR, "intermediate overflow in fsum");
        if (isinf(xsave)) st->inf_sum += xsave;
        st->special_sum += xsave;
        st->n = 0;
        return 0;
    }
    if (st->n >= st->m && fsum_grow(S, st)) return -1;
    st->p[st->n++] = x;
    return 0;
}

/* sum_exact of the partials, correctly rounded (half-even across
 * partials). */
static double fsum_result(const fsum_state *st) {
    double x, y;
    volatile double hi = 0.0, yr, lo = 0.0;
    size_t n = st->n;
    if (n == 0) return hi;
    hi = st->p[--n];
    while (n > 0) { /* from the top, stop when the sum becomes inexact */
        x = hi;
        y = st->p[--n];
        hi = x + y;
        yr = hi - x;
        lo = y - yr;
        if (lo != 0.0) break;
    }
    /* Make half-even rounding work across multiple partials: sum([1e-16,
     * 1, 1e16]) must round the last digit up. */
    if (n > 0 && ((lo < 0.0 && st->p[n - 1] < 0.0) || (lo > 0.0 && st->p[n - 1] > 0.0))) {
        y = lo * 2.0;
        x = hi + y;
        yr = x - hi;
        if (y == yr) hi = x;
    }
    return hi;
}

/* Feeds every item of the iterator to the summation. */
static int fsum_loop(pe_state *S, pe_val it, fsum_state *st) {
    for (;;) {
        pe_val item;
        double x;
        int r = pe_next(S, it, &item);
        if (r <= 0) return r;
        r = to_double(S, item, &x);
        pe_decref(S, item);
        if (r || fsum_add(S, st, x)) return -1;
    }
}

MFN(math_fsum) {
    fsum_state st;
    pe_val it;
    if (check_one(S, "fsum", argc, kw) || pe_iter(S, argv[0], &it)) return -1;
    st.p = st.ps;
    st.n = 0;
    st.m = NUM_PARTIALS;
    st.special_sum = st.inf_sum = 0.0;
    int r = fsum_loop(S, it, &st);
    pe_decref(S, it);
    if (!r && st.special_sum != 0.0) {
        if (isnan(st.inf_sum)) r = pe_raise(S, VALUE_ERROR, "-inf + inf in fsum");
        else *out = pe_float(st.special_sum);
    } else if (!r) {
        *out = pe_float(fsum_result(&st));
    }
    if (st.p != st.ps) pe_mem_free(S, st.p, st.m * sizeof(double));
    return r;
}

/* ------------------------------------------------------------------ */
/* prod                                                                */
/* ------------------------------------------------------------------ */

/* Multiplies *acc (owned) by every item of the iterator. */
static int prod_loop(pe_state *S, pe_val it, pe_val *acc) {
    for (;;) {
        pe_val item, r;
        int rc = pe_next(S, it, &item);
        if (rc <= 0) return rc;
        rc = pe_binary_op(S, PE_BO_MUL, *acc, item, false, &r);
        pe_decref(S, item);
        if (rc) return -1;
        pe_decref(S, *acc);
        *acc = r;
    }
}

/* prod(iterable, /, *, start=1). CPython's C fast paths compute exactly
 * what the generic multiplication computes, so only that is done. */
MFN(math_prod) {
    static const char *const kwds[] = {"start"};
    static const clinic_parser parser = {"prod", 1, 1, 1, 2, kwds};
    pe_val buf[2], it, acc;
    if (clinic_parse(S, &parser, argc, argv, kw, buf)) return -1;
    if (pe_iter(S, buf[0], &it)) return -1;
    acc = buf[1].tag == PE_TUNDEF ? pe_int(1) : buf[1];
    pe_incref(acc);
    int r = prod_loop(S, it, &acc);
    pe_decref(S, it);
    if (r) {
        pe_decref(S, acc);
        return -1;
    }
    *out = acc;
    return 0;
}

/* ------------------------------------------------------------------ */
/* hypot and dist: CPython's vector_norm                               */
/* ------------------------------------------------------------------ */

/* csum += x with the rounding error accumulated in *frac (Neumaier). */
static inline void neumaier(double *csum, double *frac, double x) {
    double oldcsum = *csum;
    *csum += x;
    *frac += (oldcsum - *csum) + x;
}

/* sqrt(sum(x**2 for x in vec)) almost always correctly rounded: power of
 * two scaling, Veltkamp-Dekker squaring, compensated summation and a
 * differential correction of the root. vec holds |x|; max = max(vec). */
static double vector_norm(size_t n, const double *vec, double max, int found_nan) {
    const double T27 = 134217729.0; /* ldexp(1.0, 27) + 1.0 */
    double x, scale, csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0, t, hi, lo, h;
    int max_e;
    if (isinf(max)) return max;
    if (found_nan) return NAN;
    if (max == 0.0 || n <= 1) return max;
    frexp(max, &max_e);
    if (max_e < -1023) { /* ldexp(1.0, -max_e) would overflow: divide by max */
        for (size_t i = 0; i < n; i++) {
            x = vec[i] / max;
            neumaier(&csum, &frac1, x * x);
        }
        return max * sqrt(csum - 1.0 + frac1);
    }
    scale = ldexp(1.0, -max_e);
    for (size_t i = 0; i < n; i++) {
        x = vec[i] * scale;
        t = x * T27;
        hi = t - (t - x);
        lo = x - hi;
        neumaier(&csum, &frac1, hi * hi);
        neumaier(&csum, &frac2, 2.0 * hi * lo);
        frac3 += lo * lo;
    }
    h = sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    t = h * T27;
    hi = t - (t - h);
    lo = h - hi;
    neumaier(&csum, &frac1, -hi * hi);
    neumaier(&csum, &frac2, -2.0 * hi * lo);
    neumaier(&csum, &frac3, -lo * lo);
    x = csum - 1.0 + (frac1 + frac2 + frac3);
    return (h + x / (2.0 * h)) / scale;
}

#define NUM_STACK_ELEMS 16

/* A buffer of n doubles: on the stack when small. */
typedef struct dbuf {
    double *p;
    size_t n;
    double stack[NUM_STACK_ELEMS];
} dbuf;

static int dbuf_init(pe_state *S, dbuf *b, size_t n) {
    b->n = n;
    b->p = b->stack;
    if (n > NUM_STACK_ELEMS) {
        if (n > SIZE_MAX / sizeof(double)) return pe_raise_nomem(S);
        b->p = (double *)pe_mem_alloc(S, n * sizeof(double));
        if (!b->p) return -1;
    }
    return 0;
}

static void dbuf_free(pe_state *S, dbuf *b) {
    if (b->p != b->stack) pe_mem_free(S, b->p, b->n * sizeof(double));
}

/* Converts the values to |x| in b; *max and *nan as vector_norm wants. */
static int fill_abs(pe_state *S, dbuf *b, const pe_val *px, const pe_val *qx, double *max,
                    int *nan) {
    *max = 0.0;
    *nan = 0;
    for (size_t i = 0; i < b->n; i++) {
        double p, q = 0.0;
        if (to_double(S, px[i], &p)) return -1;
        if (qx && to_double(S, qx[i], &q)) return -1;
        double x = fabs(p - q);
        b->p[i] = x;
        *nan |= isnan(x) != 0;
        if (x > *max) *max = x;
    }
    return 0;
}

/* hypot(*coordinates) */
MFN(math_hypot) {
    dbuf b;
    double max;
    int nan;
    if (no_kwargs(S, "hypot", kw) || dbuf_init(S, &b, (size_t)argc)) return -1;
    int r = fill_abs(S, &b, argv, NULL, &max, &nan);
    if (!r) *out = pe_float(vector_norm(b.n, b.p, max, nan));
    dbuf_free(S, &b);
    return r;
}

/* A tuple view of a dist() point: the tuple itself or tuple(point). */
static int as_tuple(pe_state *S, pe_val v, pe_val *out) {
    if (pe_is_tuple(v)) {
        pe_incref(v);
        *out = v;
        return 0;
    }
    return pe_tuple_from_iter(S, v, out);
}

/* dist(p, q): Euclidean distance of two points of the same dimension. */
static int dist_tuples(pe_state *S, pe_tuple *p, pe_tuple *q, pe_val *out) {
    dbuf b;
    double max;
    int nan;
    if (p->n != q->n)
        return pe_raise(S, VALUE_ERROR, "both points must have the same number of dimensions");
    if (dbuf_init(S, &b, p->n)) return -1;
    int r = fill_abs(S, &b, p->items, q->items, &max, &nan);
    if (!r) *out = pe_float(vector_norm(b.n, b.p, max, nan));
    dbuf_free(S, &b);
    return r;
}

MFN(math_dist) {
    pe_val p, q;
    if (check_two(S, "dist", argc, kw) || as_tuple(S, argv[0], &p)) return -1;
    if (as_tuple(S, argv[1], &q)) {
        pe_decref(S, p);
        return -1;
    }
    int r = dist_tuples(S, PE_TUPLE(p), PE_TUPLE(q), out);
    pe_decref(S, p);
    pe_decref(S, q);
    return r;
}

/* ------------------------------------------------------------------ */
/* gcd, lcm                                                            */
/* ------------------------------------------------------------------ */

/* gcd(*integers) / lcm(*integers): op folded over the arguments' absolute
 * values; none gives empty. Once the result is `fixed` (1 for gcd, 0 for
 * lcm) the rest of the arguments are only checked. */
static int int_fold(pe_state *S, const char *name, int_binop op, int64_t empty, int64_t fixed,
                    int argc, const pe_val *argv, pe_obj *kw, pe_val *out) {
    pe_val res, x;
    if (no_kwargs(S, name, kw)) return -1;
    if (argc == 0) {
        *out = pe_int(empty);
        return 0;
    }
    if (pe_index_int_value(S, argv[0], &x) || pe_int_abs(S, x, &res)) return -1;
    for (int i = 1; i < argc; i++) {
        if (pe_index_int_value(S, argv[i], &x)) goto fail;
        if (res.tag == PE_TINT && res.u.i == fixed) continue;
        if (int_update(S, op, &res, x)) goto fail;
    }
    *out = res;
    return 0;
fail:
    pe_decref(S, res);
    return -1;
}

MFN(math_gcd) {
    return int_fold(S, "gcd", pe_int_gcd, 0, 1, argc, argv, kw, out);
}

/* lcm of two ints: |a // gcd(a, b) * b|. */
static int int_lcm(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    pe_val g, f, m;
    if (pe_int_sign(a) == 0 || pe_int_sign(b) == 0) {
        *out = pe_int(0);
        return 0;
    }
    if (pe_int_gcd(S, a, b, &g)) return -1;
    int r = pe_int_floordiv(S, a, g, &f);
    pe_decref(S, g);
    if (r) return -1;
    r = pe_int_mul(S, f, b, &m);
    pe_decref(S, f);
    if (r) return -1;
    r = pe_int_abs(S, m, out);
    pe_decref(S, m);
    return r;
}

MFN(math_lcm) {
    return int_fold(S, "lcm", int_lcm, 1, 0, argc, argv, kw, out);
}

/* ------------------------------------------------------------------ */
/* factorial: binary splitting of the odd part (CPython's algorithm)   */
/* ------------------------------------------------------------------ */

static unsigned bit_length_u64(uint64_t x) { return x ? 64u - (unsigned)__builtin_clzll(x) : 0u; }

static int mul_steal(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    int r = pe_int_mul(S, a, b, out);
    pe_decref(S, a);
    pe_decref(S, b);
    return r;
}

/* Product of the odd numbers in [start, stop) (both odd, stop > start);
 * max_bits >= bit_length(stop - 2). */
static int partial_product(pe_state *S, uint64_t start, uint64_t stop, unsigned max_bits,
                           pe_val *out) {
    uint64_t num_operands = (stop - start) / 2;
    /* time budget: about one unit per digit of the operands */
    if (pe_work(S, num_operands * max_bits / 32 + 1)) return -1;
    if (num_operands <= 64 && num_operands * max_bits <= 64) { /* fits in 64 bits */
        uint64_t total = start;
        for (uint64_t j = start + 2; j < stop; j += 2) total *= j;
        return int_from_u64(S, total, out);
    }
    uint64_t mid = (start + num_operands) | 1; /* midpoint rounded up to odd */
    pe_val left, right;
    if (partial_product(S, start, mid, bit_length_u64(mid - 2), &left)) return -1;
    if (partial_product(S, mid, stop, max_bits, &right)) {
        pe_decref(S, left);
        return -1;
    }
    return mul_steal(S, left, right, out);
}

/* The odd part of n!: product over i of the odd j <= n / 2**i. */
static int factorial_odd_part(pe_state *S, uint64_t n, pe_val *out) {
    pe_val inner = pe_int(1), outer = pe_int(1), partial;
    uint64_t upper = 3;
    for (int i = (int)bit_length_u64(n) - 2; i >= 0; i--) {
        uint64_t v = n >> i, lower = upper;
        if (v <= 2) continue;
        upper = (v + 1) | 1; /* least odd integer > n / 2**i */
        if (partial_product(S, lower, upper, bit_length_u64(upper - 2), &partial) ||
            int_update(S, pe_int_mul, &inner, partial)) {
            pe_decref(S, inner);
            pe_decref(S, outer);
            return -1;
        }
        pe_decref(S, partial);
        if (int_update(S, pe_int_mul, &outer, inner)) {
            pe_decref(S, inner);
            pe_decref(S, outer);
            return -1;
        }
    }
    pe_decref(S, inner);
    *out = outer;
    return 0;
}

static const uint64_t small_factorials[] = {
    1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600,
    6227020800, 87178291200, 1307674368000, 20922789888000, 355687428096000,
    6402373705728000, 121645100408832000, 2432902008176640000};

/* factorial(x) for an int-like x: odd_part << (x - popcount(x)). */
static int factorial_of(pe_state *S, pe_val arg, pe_val *out) {
    pe_val x, odd;
    if (pe_index_int_value(S, arg, &x)) return -1;
    if (x.tag == PE_TOBJ && pe_int_sign(x) > 0)
        return pe_raise(S, OVERFLOW_ERROR, "factorial() argument should not exceed %lld",
                        (long long)INT64_MAX);
    if (pe_int_sign(x) < 0)
        return pe_raise(S, VALUE_ERROR, "factorial() not defined for negative values");
    uint64_t n = (uint64_t)x.u.i;
    if (n < sizeof small_factorials / sizeof small_factorials[0])
        return int_from_u64(S, small_factorials[n], out);
    /* The odd part and the result (together log2(n!) - n bits and more,
     * with log2(n!) >= n log2(n/e)) are live at once at the end: refuse now
     * what the memory limit would refuse after the work. */
    if (n >= 1024) {
        double bits = (double)n * (2.0 * log2((double)n / M_E) - 1.0);
        double bytes = bits / 8.0;
        if (pe_mem_check(S, bytes >= 0x1p62 ? (size_t)1 << 62 : (size_t)bytes)) return -1;
    }
    if (factorial_odd_part(S, n, &odd)) return -1;
    int r = pe_int_lshift(S, odd, pe_int((int64_t)(n - (uint64_t)__builtin_popcountll(n))), out);
    pe_decref(S, odd);
    return r;
}

MFN(math_factorial) {
    if (check_one(S, "factorial", argc, kw)) return -1;
    return factorial_of(S, argv[0], out);
}

/* ------------------------------------------------------------------ */
/* comb, perm                                                          */
/* ------------------------------------------------------------------ */

/* For k < 32 and n <= fast_comb_limits[k], C(n, k) is computed in 64 bits
 * by the multiply-divide loop; same for P(n, k) with fast_perm_limits. */
static const uint64_t fast_comb_limits[] = {
    0,   UINT64_MAX, 4294967296ULL, 3329022, 102570, 13467, 3612, 1449, 746, 453, 308,
    227, 178,        147,           125,     110,    99,    90,   84,   79,  75,  72,
    69,  68,         66,            65,      64,     63,    63,   62,   62,  62};
static const uint64_t fast_perm_limits[] = {
    0,  UINT64_MAX, 4294967296ULL, 2642246, 65537, 7133, 1627, 568, 259, 142, 88,
    61, 45,         36,            30,      26,    24,   22,   21,  20,  20};

/* P(n, k) or C(n, k) in 64 bits when the tables allow; 1 if done. */
static int perm_comb_fast(uint64_t n, uint64_t k, int iscomb, uint64_t *res) {
    if (iscomb ? (k >= 32 || n > fast_comb_limits[k]) : (k >= 21 || n > fast_perm_limits[k]))
        return 0;
    uint64_t r = n;
    for (uint64_t i = 1; i < k;) {
        r *= --n;
        ++i;
        if (iscomb) r /= i;
    }
    *res = r;
    return 1;
}

/* P(n, k) / C(n, k) for n < 2**63 (CPython's perm_comb_small without the
 * odd-part tables): C(n, k) = C(n, j) * C(n-j, k-j) // C(k, j). */
static int perm_comb_small(pe_state *S, uint64_t n, uint64_t k, int iscomb, pe_val *out) {
    uint64_t r, j = k / 2;
    pe_val a, b;
    if (k == 0) {
        *out = pe_int(1);
        return 0;
    }
    if (perm_comb_fast(n, k, iscomb, &r)) return int_from_u64(S, r, out);
    if (perm_comb_small(S, n, j, iscomb, &a)) return -1;
    if (perm_comb_small(S, n - j, k - j, iscomb, &b)) {
        pe_decref(S, a);
        return -1;
    }
    if (mul_steal(S, a, b, &a)) return -1;
    if (!iscomb) {
        *out = a;
        return 0;
    }
    if (perm_comb_small(S, k, j, 1, &b)) {
        pe_decref(S, a);
        return -1;
    }
    int rc = pe_int_floordiv(S, a, b, out);
    pe_decref(S, a);
    pe_decref(S, b);
    return rc;
}

/* P(n, k) / C(n, k) for any int n >= k: the same recursion on ints. */
static int perm_comb(pe_state *S, pe_val n, uint64_t k, int iscomb, pe_val *out) {
    uint64_t j = k / 2;
    pe_val a, b, m;
    if (k <= 1) {
        *out = k ? n : pe_int(1);
        pe_incref(*out);
        return 0;
    }
    if (pe_work(S, k)) return -1; /* time budget: about k units per level */
    if (perm_comb(S, n, j, iscomb, &a)) return -1;
    if (pe_int_sub(S, n, pe_int((int64_t)j), &m)) goto fail;
    int rc = perm_comb(S, m, k - j, iscomb, &b);
    pe_decref(S, m);
    if (rc) goto fail;
    if (mul_steal(S, a, b, &a)) return -1;
    if (!iscomb) {
        *out = a;
        return 0;
    }
    if (perm_comb_small(S, k, j, 1, &b)) goto fail;
    rc = pe_int_floordiv(S, a, b, out);
    pe_decref(S, a);
    pe_decref(S, b);
    return rc;
fail:
    pe_decref(S, a);
    return -1;
}

/* n and k of comb/perm: ints, non-negative. */
static int comb_args(pe_state *S, const pe_val *argv, pe_val *n, pe_val *k) {
    if (pe_index_int_value(S, argv[0], n) || pe_index_int_value(S, argv[1], k)) return -1;
    if (pe_int_sign(*n) < 0) return pe_raise(S, VALUE_ERROR, "n must be a non-negative integer");
    if (pe_int_sign(*k) < 0) return pe_raise(S, VALUE_ERROR, "k must be a non-negative integer");
    return 0;
}

/* perm(n, k=None) */
MFN(math_perm) {
    pe_val n, k;
    if (no_kwargs(S, "perm", kw)) return -1;
    if (argc < 1 || argc > 2) return pe_arg_count_error(S, "perm", 1, 2, argc);
    if (argc == 1 || argv[1].tag == PE_TNONE) return factorial_of(S, argv[0], out);
    if (comb_args(S, argv, &n, &k)) return -1;
    if (pe_int_cmp(n, k) < 0) {
        *out = pe_int(0);
        return 0;
    }
    if (k.tag == PE_TOBJ)
        return pe_raise(S, OVERFLOW_ERROR, "k must not exceed %lld", (long long)INT64_MAX);
    if (n.tag == PE_TINT && k.u.i > 1)
        return perm_comb_small(S, (uint64_t)n.u.i, (uint64_t)k.u.i, 0, out);
    return perm_comb(S, n, (uint64_t)k.u.i, 0, out);
}

/* comb(n, k) for n that does not fit in int64: k = min(k, n - k). */
static int comb_big(pe_state *S, pe_val n, pe_val k, pe_val *out) {
    pe_val t;
    if (pe_int_sub(S, n, k, &t)) return -1;
    if (pe_int_sign(t) < 0) {
        pe_decref(S, t);
        *out = pe_int(0);
        return 0;
    }
    if (pe_int_cmp(t, k) < 0) k = t;
    int64_t ki = k.tag == PE_TINT ? k.u.i : -1;
    pe_decref(S, t);
    if (ki < 0)
        return pe_raise(S, OVERFLOW_ERROR, "min(n - k, k) must not exceed %lld",
                        (long long)INT64_MAX);
    return perm_comb(S, n, (uint64_t)ki, 1, out);
}

/* comb(n, k) */
MFN(math_comb) {
    pe_val n, k;
    if (check_two(S, "comb", argc, kw) || comb_args(S, argv, &n, &k)) return -1;
    if (n.tag == PE_TOBJ) return comb_big(S, n, k, out);
    if (k.tag == PE_TOBJ || k.u.i > n.u.i) {
        *out = pe_int(0);
        return 0;
    }
    int64_t ki = k.u.i < n.u.i - k.u.i ? k.u.i : n.u.i - k.u.i;
    if (ki > 1) return perm_comb_small(S, (uint64_t)n.u.i, (uint64_t)ki, 1, out);
    return perm_comb(S, n, (uint64_t)ki, 1, out);
}

/* ------------------------------------------------------------------ */
/* isqrt: adaptive-precision Newton iteration (CPython's algorithm)    */
/* ------------------------------------------------------------------ */

/* For 2**62 <= n < 2**64, a with (a - 1)**2 < n < (a + 1)**2. */
static uint64_t approximate_isqrt(uint64_t n) {
    uint32_t u = 1U + (uint32_t)(n >> 62);
    u = (u << 1) + (uint32_t)((n >> 59) / u);
    u = (u << 3) + (uint32_t)((n >> 53) / u);
    u = (u << 7) + (uint32_t)((n >> 41) / u);
    return ((uint64_t)u << 15) + (n >> 17) / u;
}

/* One Newton step: a = (a << (d - 1 - e)) + (n >> (2c - d - e + 1)) // a. */
static int isqrt_step(pe_state *S, pe_val n, pe_val *a, uint64_t c, uint64_t d, uint64_t e) {
    pe_val q, q2;
    if (pe_int_rshift(S, n, pe_int((int64_t)(2 * c - d - e + 1)), &q)) return -1;
    int r = pe_int_floordiv(S, q, *a, &q2);
    pe_decref(S, q);
    if (r) return -1;
    r = int_update(S, pe_int_lshift, a, pe_int((int64_t)(d - 1 - e))) ||
        int_update(S, pe_int_add, a, q2);
    pe_decref(S, q2);
    return r ? -1 : 0;
}

/* isqrt for n >= 2**64: five iterations in C, the rest on ints. */
static int isqrt_big(pe_state *S, pe_val n, uint64_t c, pe_val *out) {
    int c_bit_length = 6;
    pe_val a, b;
    while ((c >> c_bit_length) > 0U) ++c_bit_length;
    uint64_t d = c >> (c_bit_length - 5);
    if (pe_int_rshift(S, n, pe_int((int64_t)(2 * c - 62)), &b)) return -1;
    uint64_t m = int_low_u64(b);
    pe_decref(S, b);
    if (int_from_u64(S, approximate_isqrt(m) >> (31U - d), &a)) return -1;
    for (int s = c_bit_length - 6; s >= 0; --s) {
        uint64_t e = d;
        d = c >> s;
        if (isqrt_step(S, n, &a, c, d, e)) goto fail;
    }
    if (pe_int_mul(S, a, a, &b)) goto fail;
    int too_large = pe_int_cmp(n, b) < 0;
    pe_decref(S, b);
    if (too_large && int_update(S, pe_int_sub, &a, pe_int(1))) goto fail;
    *out = a;
    return 0;
fail:
    pe_decref(S, a);
    return -1;
}

MFN(math_isqrt) {
    pe_val n;
    if (check_one(S, "isqrt", argc, kw) || pe_index_int_value(S, argv[0], &n)) return -1;
    int sign = pe_int_sign(n);
    if (sign < 0) return pe_raise(S, VALUE_ERROR, "isqrt() argument must be nonnegative");
    if (sign == 0) {
        *out = pe_int(0);
        return 0;
    }
    uint64_t c = ((uint64_t)pe_int_bit_length(n) - 1U) / 2U;
    if (c > 31U) return isqrt_big(S, n, c, out);
    uint64_t m = int_low_u64(n), u = approximate_isqrt(m << (62U - 2U * c)) >> (31U - c);
    u -= u * u - 1U >= m; /* u*u may wrap to 0 when u == 2**32: then u-1 is right */
    return int_from_u64(S, u, out);
}

/* ------------------------------------------------------------------ */
/* The module object                                                   */
/* ------------------------------------------------------------------ */

/* Sorted by name (binary search). */
static const pe_cfunc math_functions[] = {
    PE_METHOD("acos", math_acos),         PE_METHOD("acosh", math_acosh),
    PE_METHOD("asin", math_asin),         PE_METHOD("asinh", math_asinh),
    PE_METHOD("atan", math_atan),         PE_METHOD("atan2", math_atan2),
    PE_METHOD("atanh", math_atanh),       PE_METHOD("cbrt", math_cbrt),
    PE_METHOD("ceil", math_ceil),         PE_METHOD("comb", math_comb),
    PE_METHOD("copysign", math_copysign), PE_METHOD("cos", math_cos),
    PE_METHOD("cosh", math_cosh),         PE_METHOD("degrees", math_degrees),
    PE_METHOD("dist", math_dist),         PE_METHOD("erf", math_erf),
    PE_METHOD("erfc", math_erfc),        PE_METHOD("exp", math_exp),
    PE_METHOD("exp2", math_exp2),         PE_METHOD("expm1", math_expm1),
    PE_METHOD("fabs", math_fabs),         PE_METHOD("factorial", math_factorial),
    PE_METHOD("floor", math_floor),       PE_METHOD("fmod", math_fmod),
    PE_METHOD("frexp", math_frexp),       PE_METHOD("fsum", math_fsum),
    PE_METHOD("gamma", math_gamma),       PE_METHOD("gcd", math_gcd),
    PE_METHOD("hypot", math_hypot),       PE_METHOD("isclose", math_isclose),
    PE_METHOD("isfinite", math_isfinite), PE_METHOD("isinf", math_isinf),
    PE_METHOD("isnan", math_isnan),       PE_METHOD("isqrt", math_isqrt),
    PE_METHOD("lcm", math_lcm),           PE_METHOD("ldexp", math_ldexp),
    PE_METHOD("lgamma", math_lgamma),    PE_METHOD("log", math_log),
    PE_METHOD("log10", math_log10),      PE_METHOD("log1p", math_log1p),
    PE_METHOD("log2", math_log2),        PE_METHOD("modf", math_modf),
    PE_METHOD("nextafter", math_nextafter), PE_METHOD("perm", math_perm),
    PE_METHOD("pow", math_pow),           PE_METHOD("prod", math_prod),
    PE_METHOD("radians", math_radians),   PE_METHOD("remainder", math_remainder),
    PE_METHOD("sin", math_sin),           PE_METHOD("sinh", math_sinh),
    PE_METHOD("sqrt", math_sqrt),         PE_METHOD("tan", math_tan),
    PE_METHOD("tanh", math_tanh),         PE_METHOD("trunc", math_trunc),
    PE_METHOD("ulp", math_ulp),
};
#define N_MATH_FUNCTIONS (sizeof math_functions / sizeof math_functions[0])

static const struct {
    const char *name;
    double value;
} math_constants[] = {
    {"e", 2.718281828459045235360287471352662498},
    {"inf", HUGE_VAL},
    {"nan", NAN},
    {"pi", 3.141592653589793238462643383279502884197},
    {"tau", 6.283185307179586476925286766559005768394},
};

/* Attribute lookup: 0 found, PE_NOTIMPL missing. */
static int math_lookup(pe_state *S, const char *name, pe_val *out) {
    (void)S;
    if (pe_cfunc_lookup(math_functions, N_MATH_FUNCTIONS, name, out)) return 0;
    for (size_t i = 0; i < sizeof math_constants / sizeof math_constants[0]; i++)
        if (!strcmp(name, math_constants[i].name)) {
            *out = pe_float(math_constants[i].value);
            return 0;
        }
    return PE_NOTIMPL;
}

static const pe_module math_module = {.ob = PE_STATIC_HEAD(&pe_type_module), .name = "math", .lookup = math_lookup};

/* `import math`: the static module (immortal: no reference to take). */
int pe_math_module(pe_state *S, pe_val *out) {
    (void)S;
    *out = pe_obj_val((pe_obj *)&math_module.ob);
    return 0;
}
