/*
 * pe_num.h - ints of any size (bigint.c), floats and number formatting (floatobj.c, numfmt.c).
 * One area of the engine's internal object model; include pe_internal.h,
 * which includes every area in order.
 */
#ifndef PE_NUM_H
#define PE_NUM_H

#include "pe_str.h"

/* ------------------------------------------------------------------ */
/* Arbitrary-precision ints (bigint.c)                                  */
/* ------------------------------------------------------------------ */

typedef uint32_t pe_digit;   /* base 2**32 */
typedef uint64_t pe_twodigit;

typedef struct pe_bigint {
    pe_obj ob;
    int32_t sign; /* -1 or +1 (zero is never a bigint) */
    uint32_t n;   /* number of digits, d[n-1] != 0 */
    pe_digit d[]; /* magnitude, little-endian */
} pe_bigint;

PE_INLINE bool pe_is_bigint(pe_val v) { return pe_is_kind(v, PE_K_INT); }
/* Is v an int (immediate or big; bool is NOT included)? */
PE_INLINE bool pe_is_intlike(pe_val v) { return v.tag == PE_TINT || pe_is_bigint(v); }

/* All pe_int_* take ints (PE_TINT or bigint; callers map bool to PE_TINT
 * first) and write normalised results. CPython's messages on error. */
int pe_int_add(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_sub(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_mul(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_floordiv(pe_state *S, pe_val a, pe_val b, pe_val *out); /* "integer division or modulo by zero" */
int pe_int_mod(pe_state *S, pe_val a, pe_val b, pe_val *out);      /* "integer modulo by zero" */
int pe_int_divmod(pe_state *S, pe_val a, pe_val b, pe_val *q, pe_val *r);
int pe_int_truediv(pe_state *S, pe_val a, pe_val b, double *out); /* correctly rounded */
/* a ** b for b >= 0 (int result); mod: PE_TUNDEF or an int (3-arg pow,
 * negative b allowed then: modular inverse). For b < 0 without mod the
 * caller does float pow. */
int pe_int_pow(pe_state *S, pe_val a, pe_val b, pe_val mod, pe_val *out);
int pe_int_lshift(pe_state *S, pe_val a, pe_val b, pe_val *out); /* "negative shift count" */
int pe_int_rshift(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_and(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_or(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_xor(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_neg(pe_state *S, pe_val a, pe_val *out);
int pe_int_invert(pe_state *S, pe_val a, pe_val *out);
int pe_int_abs(pe_state *S, pe_val a, pe_val *out);
/* gcd(|a|, |b|) (Lehmer's algorithm on big ints). */
int pe_int_gcd(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_cmp(pe_val a, pe_val b);          /* -1, 0, 1 */
int pe_int_sign(pe_val a);                   /* -1, 0, 1 */
/* Exact comparison of int with double (no rounding); nan: returns 2. */
int pe_int_cmp_double(pe_val a, double b);
/* "int too large to convert to float" on overflow; correctly rounded. */
int pe_int_to_double(pe_state *S, pe_val a, double *out);
/* int(x) for a finite double (truncation); inf/nan raise as CPython:
 * "cannot convert float infinity to integer", "cannot convert float NaN to integer" */
int pe_int_from_double(pe_state *S, double x, pe_val *out);
/* int(str, base): CPython rules (whitespace, sign, underscores, base 0
 * prefixes, 4300-digit limit for non-power-of-two bases); on a syntax error
 * raises ValueError "invalid literal for int() with base %d: %R" using
 * repr of the original text `orig` (pass the whole argument string). */
int pe_int_from_str(pe_state *S, const char *s, size_t len, int base, pe_val *out);
/* Parse a source literal (already validated by the lexer, underscores
 * allowed, with 0x/0o/0b prefix); no digit limit message differences. */
int pe_int_from_literal(pe_state *S, const char *s, size_t len, pe_val *out);
/* Appends the digits in base 2/8/10/16 (lowercase), with '-' when
 * negative, and "0x"/"0o"/"0b" prefix when with_prefix. Base 10 over 4300
 * digits raises ValueError "Exceeds the limit (4300 digits) for integer
 * string conversion; use sys.set_int_max_str_digits() to increase the limit". */
int pe_int_to_str(pe_state *S, pe_val a, int base, bool with_prefix, pe_sb *sb);
int64_t pe_int_hash(pe_val a); /* CPython's: modulo 2**61-1, -1 -> -2 */
/* The same for a small int, without a bigint view (dict keys, hash()):
 * |v| mod 2**61-1 with v's sign; 2**61 = 1 (mod 2**61-1), so the residue is
 * the low 61 bits plus the high 3. */
PE_INLINE int64_t pe_small_int_hash(int64_t v) {
    const uint64_t mod = ((uint64_t)1 << 61) - 1;
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    m = (m & mod) + (m >> 61);
    if (m >= mod) m -= mod;
    int64_t h = v < 0 ? -(int64_t)m : (int64_t)m;
    return h == -1 ? -2 : h;
}
int64_t pe_int_bit_length(pe_val a);
/* Build from a 128-bit product/sum that overflowed int64 (VM fast path). */
int pe_int_from_i128(pe_state *S, __int128 x, pe_val *out);
/* Number of bytes a bigint occupies (for dealloc / memory accounting). */
size_t pe_bigint_size(uint32_t ndigits);
/* The dealloc slot of pe_type_int (frees pe_bigint_size(n) bytes). */
void pe_bigint_dealloc(pe_state *S, pe_obj *o);
/* round(int, ndigits) for ndigits < 0: round half to even at 10**-ndigits. */
int pe_int_round(pe_state *S, pe_val a, pe_val ndigits, pe_val *out);

/* ------------------------------------------------------------------ */
/* Floats (floatobj.c) and number formatting (numfmt.c)                */
/* ------------------------------------------------------------------ */

/* Float arithmetic with CPython's exact semantics and messages. */
int pe_float_div(pe_state *S, double a, double b, double *out);      /* "float division by zero" */
int pe_float_floordiv(pe_state *S, double a, double b, double *out); /* "float floor division by zero" */
int pe_float_mod(pe_state *S, double a, double b, double *out);      /* "float modulo" */
int pe_float_divmod(pe_state *S, double a, double b, double *q, double *r);
/* float ** float with CPython's float_pow special cases and messages
 * ("0.0 cannot be raised to a negative power", OverflowError
 * "(34, 'Numerical result out of range')"). A negative base with a
 * non-integral exponent gives a complex in CPython; pyexpr has no complex
 * type and raises ValueError "complex numbers are not supported". */
int pe_float_pow(pe_state *S, double a, double b, double *out);
int64_t pe_float_hash(double x); /* CPython's hash(float) */
/* round(x) -> int (half to even); round(x, n) -> float as CPython. */
int pe_float_round0(pe_state *S, double x, pe_val *out);
int pe_float_round(pe_state *S, double x, int64_t ndigits, double *out);
/* repr(float): shortest round-trip, CPython 'r' format. buf >= 32 bytes.
 * Returns the length written (NUL-terminated). */
size_t pe_fmt_double_repr(double x, char *buf);
/* float(str) rules: optional whitespace, sign, digits with single
 * underscores between digits, inf/infinity/nan any case. 0 ok, -1 invalid
 * (no exception set; caller raises "could not convert string to float: %R"). */
int pe_parse_double(const char *s, size_t len, double *out);

/* Format-spec mini-language (format(), f-strings, str.format). */
typedef struct pe_fmtspec {
    char fill[5];   /* UTF-8 of the fill char (may be U+0000), default " " */
    char align;     /* '<', '>', '^', '=' or 0 */
    char sign;      /* '+', '-', ' ' or 0 */
    bool no_neg_0;  /* 'z' */
    bool alt;       /* '#' */
    bool zero;      /* '0' given */
    bool empty;     /* the spec was "" (format(x, '') is str(x)) */
    int64_t width;  /* -1 if absent */
    char grouping;  /* ',' or '_' or 0 */
    int64_t precision; /* -1 if absent */
    uint32_t type;  /* code point; default_type if absent */
} pe_fmtspec;

/* Parses a spec; ValueError with CPython's message on a bad spec.
 * type_name is for messages ("float", "int", "bool", "str"); default_type
 * is the object's default presentation type: 'd' for int and bool, 's'
 * for str, 0 for float. */
int pe_fmtspec_parse(pe_state *S, const char *s, size_t len, const char *type_name,
                     char default_type, pe_fmtspec *spec);
int pe_format_float(pe_state *S, double x, const pe_fmtspec *spec, pe_sb *sb);
int pe_format_int(pe_state *S, pe_val x, const pe_fmtspec *spec, pe_sb *sb);
int pe_format_str(pe_state *S, const pe_str *s, const pe_fmtspec *spec, pe_sb *sb);

#endif /* PE_NUM_H */
