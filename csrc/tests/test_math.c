/*
 * test_math.c - unit tests of the math module (mathmodule.c) through the
 * embedding API:
 *  - every public name of CPython 3.11's math resolves (the function table
 *    is binary-searched, so this also checks it is sorted) and a missing
 *    name raises CPython's AttributeError;
 *  - results and messages of ~470 direct calls (every function, error paths
 *    included; expected texts generated with CPython 3.11), each checked for
 *    reference leaks: a call whose result / exception has been released
 *    must leave the state's memory use unchanged.
 * The differential tests proper are tests/corpus/lang/math_* and
 * tests/test_hypothesis_math.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe_vm.h"

int pe_math_module(pe_state *S, pe_val *out);

static int failures, checks;
static char outbuf[1 << 16];
static size_t outlen;

static size_t sink(void *ud, const char *buf, size_t n) {
    (void)ud;
    if (outlen + n < sizeof outbuf) {
        memcpy(outbuf + outlen, buf, n);
        outlen += n;
        outbuf[outlen] = 0;
    }
    return n;
}

/* Runs src in a fresh state; returns 0/-1 as pe_run_repr, output in
 * outbuf (the traceback of an uncaught exception included). *delta gets
 * the memory still in use after the run minus before it. */
static int run(const char *src, long *delta) {
    pe_state *S = pe_state_new();
    if (!S) abort();
    outlen = 0;
    outbuf[0] = 0;
    pe_set_output(S, sink, NULL, sink, NULL);
    pe_code *code = pe_compile(S, src, strlen(src), "<test>", PE_MODE_EXEC);
    int r = -1;
    if (code) {
        size_t before = S->mem_used;
        r = pe_run_repr(S, code, NULL);
        if (delta) *delta = (long)S->mem_used - (long)before;
        if (r) pe_print_exception(S);
        pe_reset(S);
        pe_code_release(code);
    } else {
        pe_print_exception(S);
    }
    pe_state_free(S);
    return r;
}

static void expect_output(const char *what, const char *src, const char *want) {
    checks++;
    run(src, NULL);
    if (strcmp(outbuf, want) != 0) {
        failures++;
        printf("FAIL %s\n  want: %s  got:  %s\n", what, want, outbuf);
    }
}

static const char *const names[] = {
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "comb",
    "copysign", "cos", "cosh", "degrees", "dist", "e", "erf", "erfc", "exp", "exp2",
    "expm1", "fabs", "factorial", "floor", "fmod", "frexp", "fsum", "gamma", "gcd", "hypot",
    "inf", "isclose", "isfinite", "isinf", "isnan", "isqrt", "lcm", "ldexp", "lgamma", "log",
    "log10", "log1p", "log2", "modf", "nan", "nextafter", "perm", "pi", "pow", "prod",
    "radians", "remainder", "sin", "sinh", "sqrt", "tan", "tanh", "tau", "trunc", "ulp",
};

/* Every name resolves: the program prints one line per name. */
static void test_names(void) {
    char src[8192];
    size_t n = (size_t)snprintf(src, sizeof src, "import math\n");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        n += (size_t)snprintf(src + n, sizeof src - n, "print(math.%s is not None)\n", names[i]);
    checks++;
    if (run(src, NULL) != 0) {
        failures++;
        printf("FAIL attribute lookup:\n%s\n", outbuf);
    }
    expect_output("missing attribute",
                  "import math\ntry:\n    math.zzz\nexcept AttributeError as e:\n    print(e)\n",
                  "module 'math' has no attribute 'zzz'\n");
    expect_output("before first",
                  "import math\ntry:\n    math.a\nexcept AttributeError as e:\n    print(e)\n",
                  "module 'math' has no attribute 'a'\n");
    expect_output("repr", "import math\nprint(repr(math), math.__name__)\n",
                  "<module 'math' (built-in)> math\n");
}

static void test_values(void) {
    expect_output("sqrt", "import math\nprint(math.sqrt(2), math.sqrt(-0.0))\n",
                  "1.4142135623730951 -0.0\n");
    expect_output("floor big", "import math\nprint(math.floor(-1e20), math.ceil(2 ** 70))\n",
                  "-100000000000000000000 1180591620717411303424\n");
    expect_output("log huge",
                  "import math\nprint(math.log(10 ** 1000), math.log2(2 ** 1024 - 1))\n",
                  "2302.585092994045 1024.0\n");
    expect_output("fsum", "import math\nprint(math.fsum([1e-16, 1, 1e16]))\n",
                  "1.0000000000000002e+16\n");
    expect_output("hypot", "import math\nprint(math.hypot(1, 2, 3), math.hypot(5e-324, 5e-324))\n",
                  "3.7416573867739413 5e-324\n");
    expect_output("factorial", "import math\nprint(math.factorial(25))\n",
                  "15511210043330985984000000\n");
    expect_output("isqrt", "import math\nprint(math.isqrt(2 ** 64 - 1), math.isqrt(10 ** 41))\n",
                  "4294967295 316227766016837933199\n");
    expect_output("comb", "import math\nprint(math.comb(2 ** 64 + 5, 3), math.perm(60, 20))\n",
                  "1046183622564446794653196304376487996421641284184933662730 "
                  "10198346916138403856439442636800000\n");
    expect_output("gamma", "import math\nprint(math.gamma(0.5), math.lgamma(-0.5))\n",
                  "1.7724538509055159 1.265512123484645\n");
}

/* ------------------------------------------------------------------ */
/* Direct calls: results, messages and reference leaks                 */
/* ------------------------------------------------------------------ */

/* One call: math.<fn>(*args) where args is a Python tuple expression whose
 * last nkw items are passed as the keywords named in kwnames ("a,b").
 * want is CPython 3.11's repr(result) or "Type: message"; long texts are
 * given as "len=N:<first 60 chars>". Generated with CPython. */
typedef struct mcase {
    const char *fn, *args;
    int nkw;
    const char *kwnames, *want;
} mcase;

static const mcase cases[] = {
    {"acos", "(0.5,)", 0, "", "1.0471975511965979"},
    {"acos", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"acos", "(2 ** 100,)", 0, "", "ValueError: math domain error"},
    {"acos", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"acos", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"acos", "()", 0, "", "TypeError: math.acos() takes exactly one argument (0 given)"},
    {"acos", "(1, 2,)", 0, "", "TypeError: math.acos() takes exactly one argument (2 given)"},
    {"acos", "(1, 1,)", 1, "k", "TypeError: math.acos() takes no keyword arguments"},
    {"acosh", "(0.5,)", 0, "", "ValueError: math domain error"},
    {"acosh", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"acosh", "(2 ** 100,)", 0, "", "70.00786523655448"},
    {"acosh", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"acosh", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"acosh", "()", 0, "", "TypeError: math.acosh() takes exactly one argument (0 given)"},
    {"acosh", "(1, 2,)", 0, "", "TypeError: math.acosh() takes exactly one argument (2 given)"},
    {"acosh", "(1, 1,)", 1, "k", "TypeError: math.acosh() takes no keyword arguments"},
    {"asin", "(0.5,)", 0, "", "0.5235987755982989"},
    {"asin", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"asin", "(2 ** 100,)", 0, "", "ValueError: math domain error"},
    {"asin", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"asin", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"asin", "()", 0, "", "TypeError: math.asin() takes exactly one argument (0 given)"},
    {"asin", "(1, 2,)", 0, "", "TypeError: math.asin() takes exactly one argument (2 given)"},
    {"asin", "(1, 1,)", 1, "k", "TypeError: math.asin() takes no keyword arguments"},
    {"asinh", "(0.5,)", 0, "", "0.48121182505960347"},
    {"asinh", "(-1.5,)", 0, "", "-1.1947632172871094"},
    {"asinh", "(2 ** 100,)", 0, "", "70.00786523655448"},
    {"asinh", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"asinh", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"asinh", "()", 0, "", "TypeError: math.asinh() takes exactly one argument (0 given)"},
    {"asinh", "(1, 2,)", 0, "", "TypeError: math.asinh() takes exactly one argument (2 given)"},
    {"asinh", "(1, 1,)", 1, "k", "TypeError: math.asinh() takes no keyword arguments"},
    {"atan", "(0.5,)", 0, "", "0.4636476090008061"},
    {"atan", "(-1.5,)", 0, "", "-0.982793723247329"},
    {"atan", "(2 ** 100,)", 0, "", "1.5707963267948966"},
    {"atan", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"atan", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"atan", "()", 0, "", "TypeError: math.atan() takes exactly one argument (0 given)"},
    {"atan", "(1, 2,)", 0, "", "TypeError: math.atan() takes exactly one argument (2 given)"},
    {"atan", "(1, 1,)", 1, "k", "TypeError: math.atan() takes no keyword arguments"},
    {"atanh", "(0.5,)", 0, "", "0.5493061443340548"},
    {"atanh", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"atanh", "(2 ** 100,)", 0, "", "ValueError: math domain error"},
    {"atanh", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"atanh", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"atanh", "()", 0, "", "TypeError: math.atanh() takes exactly one argument (0 given)"},
    {"atanh", "(1, 2,)", 0, "", "TypeError: math.atanh() takes exactly one argument (2 given)"},
    {"atanh", "(1, 1,)", 1, "k", "TypeError: math.atanh() takes no keyword arguments"},
    {"cbrt", "(0.5,)", 0, "", "0.7937005259840998"},
    {"cbrt", "(-1.5,)", 0, "", "-1.1447142425533317"},
    {"cbrt", "(2 ** 100,)", 0, "", "10822639409.680931"},
    {"cbrt", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"cbrt", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"cbrt", "()", 0, "", "TypeError: math.cbrt() takes exactly one argument (0 given)"},
    {"cbrt", "(1, 2,)", 0, "", "TypeError: math.cbrt() takes exactly one argument (2 given)"},
    {"cbrt", "(1, 1,)", 1, "k", "TypeError: math.cbrt() takes no keyword arguments"},
    {"cos", "(0.5,)", 0, "", "0.8775825618903728"},
    {"cos", "(-1.5,)", 0, "", "0.0707372016677029"},
    {"cos", "(2 ** 100,)", 0, "", "0.48917865697472146"},
    {"cos", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"cos", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"cos", "()", 0, "", "TypeError: math.cos() takes exactly one argument (0 given)"},
    {"cos", "(1, 2,)", 0, "", "TypeError: math.cos() takes exactly one argument (2 given)"},
    {"cos", "(1, 1,)", 1, "k", "TypeError: math.cos() takes no keyword arguments"},
    {"cosh", "(0.5,)", 0, "", "1.1276259652063807"},
    {"cosh", "(-1.5,)", 0, "", "2.352409615243247"},
    {"cosh", "(2 ** 100,)", 0, "", "OverflowError: math range error"},
    {"cosh", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"cosh", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"cosh", "()", 0, "", "TypeError: math.cosh() takes exactly one argument (0 given)"},
    {"cosh", "(1, 2,)", 0, "", "TypeError: math.cosh() takes exactly one argument (2 given)"},
    {"cosh", "(1, 1,)", 1, "k", "TypeError: math.cosh() takes no keyword arguments"},
    {"erf", "(0.5,)", 0, "", "0.5204998778130465"},
    {"erf", "(-1.5,)", 0, "", "-0.9661051464753108"},
    {"erf", "(2 ** 100,)", 0, "", "1.0"},
    {"erf", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"erf", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"erf", "()", 0, "", "TypeError: math.erf() takes exactly one argument (0 given)"},
    {"erf", "(1, 2,)", 0, "", "TypeError: math.erf() takes exactly one argument (2 given)"},
    {"erf", "(1, 1,)", 1, "k", "TypeError: math.erf() takes no keyword arguments"},
    {"erfc", "(0.5,)", 0, "", "0.4795001221869535"},
    {"erfc", "(-1.5,)", 0, "", "1.9661051464753108"},
    {"erfc", "(2 ** 100,)", 0, "", "0.0"},
    {"erfc", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"erfc", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"erfc", "()", 0, "", "TypeError: math.erfc() takes exactly one argument (0 given)"},
    {"erfc", "(1, 2,)", 0, "", "TypeError: math.erfc() takes exactly one argument (2 given)"},
    {"erfc", "(1, 1,)", 1, "k", "TypeError: math.erfc() takes no keyword arguments"},
    {"exp", "(0.5,)", 0, "", "1.6487212707001282"},
    {"exp", "(-1.5,)", 0, "", "0.22313016014842982"},
    {"exp", "(2 ** 100,)", 0, "", "OverflowError: math range error"},
    {"exp", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"exp", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"exp", "()", 0, "", "TypeError: math.exp() takes exactly one argument (0 given)"},
    {"exp", "(1, 2,)", 0, "", "TypeError: math.exp() takes exactly one argument (2 given)"},
    {"exp", "(1, 1,)", 1, "k", "TypeError: math.exp() takes no keyword arguments"},
    {"exp2", "(0.5,)", 0, "", "1.4142135623730951"},
    {"exp2", "(-1.5,)", 0, "", "0.3535533905932738"},
    {"exp2", "(2 ** 100,)", 0, "", "OverflowError: math range error"},
    {"exp2", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"exp2", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"exp2", "()", 0, "", "TypeError: math.exp2() takes exactly one argument (0 given)"},
    {"exp2", "(1, 2,)", 0, "", "TypeError: math.exp2() takes exactly one argument (2 given)"},
    {"exp2", "(1, 1,)", 1, "k", "TypeError: math.exp2() takes no keyword arguments"},
    {"expm1", "(0.5,)", 0, "", "0.6487212707001282"},
    {"expm1", "(-1.5,)", 0, "", "-0.7768698398515702"},
    {"expm1", "(2 ** 100,)", 0, "", "OverflowError: math range error"},
    {"expm1", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"expm1", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"expm1", "()", 0, "", "TypeError: math.expm1() takes exactly one argument (0 given)"},
    {"expm1", "(1, 2,)", 0, "", "TypeError: math.expm1() takes exactly one argument (2 given)"},
    {"expm1", "(1, 1,)", 1, "k", "TypeError: math.expm1() takes no keyword arguments"},
    {"fabs", "(0.5,)", 0, "", "0.5"},
    {"fabs", "(-1.5,)", 0, "", "1.5"},
    {"fabs", "(2 ** 100,)", 0, "", "1.2676506002282294e+30"},
    {"fabs", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"fabs", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"fabs", "()", 0, "", "TypeError: math.fabs() takes exactly one argument (0 given)"},
    {"fabs", "(1, 2,)", 0, "", "TypeError: math.fabs() takes exactly one argument (2 given)"},
    {"fabs", "(1, 1,)", 1, "k", "TypeError: math.fabs() takes no keyword arguments"},
    {"gamma", "(0.5,)", 0, "", "1.7724538509055159"},
    {"gamma", "(-1.5,)", 0, "", "2.3632718012073544"},
    {"gamma", "(2 ** 100,)", 0, "", "OverflowError: math range error"},
    {"gamma", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"gamma", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"gamma", "()", 0, "", "TypeError: math.gamma() takes exactly one argument (0 given)"},
    {"gamma", "(1, 2,)", 0, "", "TypeError: math.gamma() takes exactly one argument (2 given)"},
    {"gamma", "(1, 1,)", 1, "k", "TypeError: math.gamma() takes no keyword arguments"},
    {"lgamma", "(0.5,)", 0, "", "0.5723649429247004"},
    {"lgamma", "(-1.5,)", 0, "", "0.8600470153764812"},
    {"lgamma", "(2 ** 100,)", 0, "", "8.659919334810373e+31"},
    {"lgamma", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"lgamma", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"lgamma", "()", 0, "", "TypeError: math.lgamma() takes exactly one argument (0 given)"},
    {"lgamma", "(1, 2,)", 0, "", "TypeError: math.lgamma() takes exactly one argument (2 given)"},
    {"lgamma", "(1, 1,)", 1, "k", "TypeError: math.lgamma() takes no keyword arguments"},
    {"log1p", "(0.5,)", 0, "", "0.4054651081081644"},
    {"log1p", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"log1p", "(2 ** 100,)", 0, "", "69.31471805599453"},
    {"log1p", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"log1p", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"log1p", "()", 0, "", "TypeError: math.log1p() takes exactly one argument (0 given)"},
    {"log1p", "(1, 2,)", 0, "", "TypeError: math.log1p() takes exactly one argument (2 given)"},
    {"log1p", "(1, 1,)", 1, "k", "TypeError: math.log1p() takes no keyword arguments"},
    {"sin", "(0.5,)", 0, "", "0.479425538604203"},
    {"sin", "(-1.5,)", 0, "", "-0.9974949866040544"},
    {"sin", "(2 ** 100,)", 0, "", "-0.8721836054182673"},
    {"sin", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"sin", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"sin", "()", 0, "", "TypeError: math.sin() takes exactly one argument (0 given)"},
    {"sin", "(1, 2,)", 0, "", "TypeError: math.sin() takes exactly one argument (2 given)"},
    {"sin", "(1, 1,)", 1, "k", "TypeError: math.sin() takes no keyword arguments"},
    {"sinh", "(0.5,)", 0, "", "0.5210953054937474"},
    {"sinh", "(-1.5,)", 0, "", "-2.1292794550948173"},
    {"sinh", "(2 ** 100,)", 0, "", "OverflowError: math range error"},
    {"sinh", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"sinh", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"sinh", "()", 0, "", "TypeError: math.sinh() takes exactly one argument (0 given)"},
    {"sinh", "(1, 2,)", 0, "", "TypeError: math.sinh() takes exactly one argument (2 given)"},
    {"sinh", "(1, 1,)", 1, "k", "TypeError: math.sinh() takes no keyword arguments"},
    {"sqrt", "(0.5,)", 0, "", "0.7071067811865476"},
    {"sqrt", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"sqrt", "(2 ** 100,)", 0, "", "1125899906842624.0"},
    {"sqrt", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"sqrt", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"sqrt", "()", 0, "", "TypeError: math.sqrt() takes exactly one argument (0 given)"},
    {"sqrt", "(1, 2,)", 0, "", "TypeError: math.sqrt() takes exactly one argument (2 given)"},
    {"sqrt", "(1, 1,)", 1, "k", "TypeError: math.sqrt() takes no keyword arguments"},
    {"tan", "(0.5,)", 0, "", "0.5463024898437905"},
    {"tan", "(-1.5,)", 0, "", "-14.101419947171719"},
    {"tan", "(2 ** 100,)", 0, "", "-1.782955149376719"},
    {"tan", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"tan", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"tan", "()", 0, "", "TypeError: math.tan() takes exactly one argument (0 given)"},
    {"tan", "(1, 2,)", 0, "", "TypeError: math.tan() takes exactly one argument (2 given)"},
    {"tan", "(1, 1,)", 1, "k", "TypeError: math.tan() takes no keyword arguments"},
    {"tanh", "(0.5,)", 0, "", "0.46211715726000974"},
    {"tanh", "(-1.5,)", 0, "", "-0.9051482536448664"},
    {"tanh", "(2 ** 100,)", 0, "", "1.0"},
    {"tanh", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"tanh", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"tanh", "()", 0, "", "TypeError: math.tanh() takes exactly one argument (0 given)"},
    {"tanh", "(1, 2,)", 0, "", "TypeError: math.tanh() takes exactly one argument (2 given)"},
    {"tanh", "(1, 1,)", 1, "k", "TypeError: math.tanh() takes no keyword arguments"},
    {"degrees", "(0.5,)", 0, "", "28.64788975654116"},
    {"degrees", "(-1.5,)", 0, "", "-85.94366926962348"},
    {"degrees", "(2 ** 100,)", 0, "", "7.26310292903031e+31"},
    {"degrees", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"degrees", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"degrees", "()", 0, "", "TypeError: math.degrees() takes exactly one argument (0 given)"},
    {"degrees", "(1, 2,)", 0, "", "TypeError: math.degrees() takes exactly one argument (2 given)"},
    {"degrees", "(1, 1,)", 1, "k", "TypeError: math.degrees() takes no keyword arguments"},
    {"radians", "(0.5,)", 0, "", "0.008726646259971648"},
    {"radians", "(-1.5,)", 0, "", "-0.026179938779914945"},
    {"radians", "(2 ** 100,)", 0, "", "2.2124676738864985e+28"},
    {"radians", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"radians", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"radians", "()", 0, "", "TypeError: math.radians() takes exactly one argument (0 given)"},
    {"radians", "(1, 2,)", 0, "", "TypeError: math.radians() takes exactly one argument (2 given)"},
    {"radians", "(1, 1,)", 1, "k", "TypeError: math.radians() takes no keyword arguments"},
    {"isnan", "(0.5,)", 0, "", "False"},
    {"isnan", "(-1.5,)", 0, "", "False"},
    {"isnan", "(2 ** 100,)", 0, "", "False"},
    {"isnan", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"isnan", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"isnan", "()", 0, "", "TypeError: math.isnan() takes exactly one argument (0 given)"},
    {"isnan", "(1, 2,)", 0, "", "TypeError: math.isnan() takes exactly one argument (2 given)"},
    {"isnan", "(1, 1,)", 1, "k", "TypeError: math.isnan() takes no keyword arguments"},
    {"isinf", "(0.5,)", 0, "", "False"},
    {"isinf", "(-1.5,)", 0, "", "False"},
    {"isinf", "(2 ** 100,)", 0, "", "False"},
    {"isinf", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"isinf", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"isinf", "()", 0, "", "TypeError: math.isinf() takes exactly one argument (0 given)"},
    {"isinf", "(1, 2,)", 0, "", "TypeError: math.isinf() takes exactly one argument (2 given)"},
    {"isinf", "(1, 1,)", 1, "k", "TypeError: math.isinf() takes no keyword arguments"},
    {"isfinite", "(0.5,)", 0, "", "True"},
    {"isfinite", "(-1.5,)", 0, "", "True"},
    {"isfinite", "(2 ** 100,)", 0, "", "True"},
    {"isfinite", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"isfinite", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"isfinite", "()", 0, "", "TypeError: math.isfinite() takes exactly one argument (0 given)"},
    {"isfinite", "(1, 2,)", 0, "", "TypeError: math.isfinite() takes exactly one argument (2 given)"},
    {"isfinite", "(1, 1,)", 1, "k", "TypeError: math.isfinite() takes no keyword arguments"},
    {"ulp", "(0.5,)", 0, "", "1.1102230246251565e-16"},
    {"ulp", "(-1.5,)", 0, "", "2.220446049250313e-16"},
    {"ulp", "(2 ** 100,)", 0, "", "281474976710656.0"},
    {"ulp", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"ulp", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"ulp", "()", 0, "", "TypeError: math.ulp() takes exactly one argument (0 given)"},
    {"ulp", "(1, 2,)", 0, "", "TypeError: math.ulp() takes exactly one argument (2 given)"},
    {"ulp", "(1, 1,)", 1, "k", "TypeError: math.ulp() takes no keyword arguments"},
    {"floor", "(0.5,)", 0, "", "0"},
    {"floor", "(-1.5,)", 0, "", "-2"},
    {"floor", "(2 ** 100,)", 0, "", "1267650600228229401496703205376"},
    {"floor", "(10 ** 400,)", 0, "", "len=401:100000000000000000000000000000000000000000000000000000000000"},
    {"floor", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"floor", "()", 0, "", "TypeError: math.floor() takes exactly one argument (0 given)"},
    {"floor", "(1, 2,)", 0, "", "TypeError: math.floor() takes exactly one argument (2 given)"},
    {"floor", "(1, 1,)", 1, "k", "TypeError: math.floor() takes no keyword arguments"},
    {"ceil", "(0.5,)", 0, "", "1"},
    {"ceil", "(-1.5,)", 0, "", "-1"},
    {"ceil", "(2 ** 100,)", 0, "", "1267650600228229401496703205376"},
    {"ceil", "(10 ** 400,)", 0, "", "len=401:100000000000000000000000000000000000000000000000000000000000"},
    {"ceil", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"ceil", "()", 0, "", "TypeError: math.ceil() takes exactly one argument (0 given)"},
    {"ceil", "(1, 2,)", 0, "", "TypeError: math.ceil() takes exactly one argument (2 given)"},
    {"ceil", "(1, 1,)", 1, "k", "TypeError: math.ceil() takes no keyword arguments"},
    {"trunc", "(0.5,)", 0, "", "0"},
    {"trunc", "(-1.5,)", 0, "", "-1"},
    {"trunc", "(2 ** 100,)", 0, "", "1267650600228229401496703205376"},
    {"trunc", "(10 ** 400,)", 0, "", "len=401:100000000000000000000000000000000000000000000000000000000000"},
    {"trunc", "('x',)", 0, "", "TypeError: type str doesn't define __trunc__ method"},
    {"trunc", "()", 0, "", "TypeError: math.trunc() takes exactly one argument (0 given)"},
    {"trunc", "(1, 2,)", 0, "", "TypeError: math.trunc() takes exactly one argument (2 given)"},
    {"trunc", "(1, 1,)", 1, "k", "TypeError: math.trunc() takes no keyword arguments"},
    {"frexp", "(0.5,)", 0, "", "(0.5, 0)"},
    {"frexp", "(-1.5,)", 0, "", "(-0.75, 1)"},
    {"frexp", "(2 ** 100,)", 0, "", "(0.5, 101)"},
    {"frexp", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"frexp", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"frexp", "()", 0, "", "TypeError: math.frexp() takes exactly one argument (0 given)"},
    {"frexp", "(1, 2,)", 0, "", "TypeError: math.frexp() takes exactly one argument (2 given)"},
    {"frexp", "(1, 1,)", 1, "k", "TypeError: math.frexp() takes no keyword arguments"},
    {"modf", "(0.5,)", 0, "", "(0.5, 0.0)"},
    {"modf", "(-1.5,)", 0, "", "(-0.5, -1.0)"},
    {"modf", "(2 ** 100,)", 0, "", "(0.0, 1.2676506002282294e+30)"},
    {"modf", "(10 ** 400,)", 0, "", "OverflowError: int too large to convert to float"},
    {"modf", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"modf", "()", 0, "", "TypeError: math.modf() takes exactly one argument (0 given)"},
    {"modf", "(1, 2,)", 0, "", "TypeError: math.modf() takes exactly one argument (2 given)"},
    {"modf", "(1, 1,)", 1, "k", "TypeError: math.modf() takes no keyword arguments"},
    {"log", "(0.5,)", 0, "", "-0.6931471805599453"},
    {"log", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"log", "(2 ** 100,)", 0, "", "69.31471805599453"},
    {"log", "(10 ** 400,)", 0, "", "921.0340371976182"},
    {"log", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"log", "()", 0, "", "TypeError: math.log requires 1 to 2 arguments"},
    {"log", "(1, 2,)", 0, "", "0.0"},
    {"log", "(1, 1,)", 1, "k", "TypeError: log() takes no keyword arguments"},
    {"log2", "(0.5,)", 0, "", "-1.0"},
    {"log2", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"log2", "(2 ** 100,)", 0, "", "100.0"},
    {"log2", "(10 ** 400,)", 0, "", "1328.771237954945"},
    {"log2", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"log2", "()", 0, "", "TypeError: math.log2() takes exactly one argument (0 given)"},
    {"log2", "(1, 2,)", 0, "", "TypeError: math.log2() takes exactly one argument (2 given)"},
    {"log2", "(1, 1,)", 1, "k", "TypeError: math.log2() takes no keyword arguments"},
    {"log10", "(0.5,)", 0, "", "-0.3010299956639812"},
    {"log10", "(-1.5,)", 0, "", "ValueError: math domain error"},
    {"log10", "(2 ** 100,)", 0, "", "30.10299956639812"},
    {"log10", "(10 ** 400,)", 0, "", "400.0"},
    {"log10", "('x',)", 0, "", "TypeError: must be real number, not str"},
    {"log10", "()", 0, "", "TypeError: math.log10() takes exactly one argument (0 given)"},
    {"log10", "(1, 2,)", 0, "", "TypeError: math.log10() takes exactly one argument (2 given)"},
    {"log10", "(1, 1,)", 1, "k", "TypeError: math.log10() takes no keyword arguments"},
    {"atan2", "(3, 0.5,)", 0, "", "1.4056476493802699"},
    {"atan2", "(2 ** 100, 3,)", 0, "", "1.5707963267948966"},
    {"atan2", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"atan2", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"atan2", "(1, 2, 3,)", 0, "", "TypeError: atan2 expected 2 arguments, got 3"},
    {"atan2", "(-3, 0,)", 0, "", "-1.5707963267948966"},
    {"copysign", "(3, 0.5,)", 0, "", "3.0"},
    {"copysign", "(2 ** 100, 3,)", 0, "", "1.2676506002282294e+30"},
    {"copysign", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"copysign", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"copysign", "(1, 2, 3,)", 0, "", "TypeError: copysign expected 2 arguments, got 3"},
    {"copysign", "(-3, 0,)", 0, "", "3.0"},
    {"fmod", "(3, 0.5,)", 0, "", "0.0"},
    {"fmod", "(2 ** 100, 3,)", 0, "", "1.0"},
    {"fmod", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"fmod", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"fmod", "(1, 2, 3,)", 0, "", "TypeError: fmod expected 2 arguments, got 3"},
    {"fmod", "(-3, 0,)", 0, "", "ValueError: math domain error"},
    {"remainder", "(3, 0.5,)", 0, "", "0.0"},
    {"remainder", "(2 ** 100, 3,)", 0, "", "1.0"},
    {"remainder", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"remainder", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"remainder", "(1, 2, 3,)", 0, "", "TypeError: remainder expected 2 arguments, got 3"},
    {"remainder", "(-3, 0,)", 0, "", "ValueError: math domain error"},
    {"pow", "(3, 0.5,)", 0, "", "1.7320508075688772"},
    {"pow", "(2 ** 100, 3,)", 0, "", "2.037035976334486e+90"},
    {"pow", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"pow", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"pow", "(1, 2, 3,)", 0, "", "TypeError: pow expected 2 arguments, got 3"},
    {"pow", "(-3, 0,)", 0, "", "1.0"},
    {"nextafter", "(3, 0.5,)", 0, "", "2.9999999999999996"},
    {"nextafter", "(2 ** 100, 3,)", 0, "", "1.2676506002282293e+30"},
    {"nextafter", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"nextafter", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"nextafter", "(1, 2, 3,)", 0, "", "TypeError: nextafter expected 2 arguments, got 3"},
    {"nextafter", "(-3, 0,)", 0, "", "-2.9999999999999996"},
    {"ldexp", "(3, 0.5,)", 0, "", "TypeError: Expected an int as second argument to ldexp."},
    {"ldexp", "(2 ** 100, 3,)", 0, "", "1.0141204801825835e+31"},
    {"ldexp", "(3, 'x',)", 0, "", "TypeError: Expected an int as second argument to ldexp."},
    {"ldexp", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"ldexp", "(1, 2, 3,)", 0, "", "TypeError: ldexp expected 2 arguments, got 3"},
    {"ldexp", "(-3, 0,)", 0, "", "-3.0"},
    {"log", "(3, 0.5,)", 0, "", "-1.5849625007211563"},
    {"log", "(2 ** 100, 3,)", 0, "", "63.09297535714574"},
    {"log", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"log", "(10 ** 400, 2,)", 0, "", "1328.7712379549448"},
    {"log", "(1, 2, 3,)", 0, "", "TypeError: math.log requires 1 to 2 arguments"},
    {"log", "(-3, 0,)", 0, "", "ValueError: math domain error"},
    {"comb", "(3, 0.5,)", 0, "", "TypeError: 'float' object cannot be interpreted as an integer"},
    {"comb", "(2 ** 100, 3,)", 0, "", "339505996055747681044740948067426224486448570473218394059853249474669191206798553513984000"},
    {"comb", "(3, 'x',)", 0, "", "TypeError: 'str' object cannot be interpreted as an integer"},
    {"comb", "(10 ** 400, 2,)", 0, "", "len=800:499999999999999999999999999999999999999999999999999999999999"},
    {"comb", "(1, 2, 3,)", 0, "", "TypeError: comb expected 2 arguments, got 3"},
    {"comb", "(-3, 0,)", 0, "", "ValueError: n must be a non-negative integer"},
    {"perm", "(3, 0.5,)", 0, "", "TypeError: 'float' object cannot be interpreted as an integer"},
    {"perm", "(2 ** 100, 3,)", 0, "", "2037035976334486086268445688404557346918691422839310364359119496848015147240791321083904000"},
    {"perm", "(3, 'x',)", 0, "", "TypeError: 'str' object cannot be interpreted as an integer"},
    {"perm", "(10 ** 400, 2,)", 0, "", "len=800:999999999999999999999999999999999999999999999999999999999999"},
    {"perm", "(1, 2, 3,)", 0, "", "TypeError: perm expected at most 2 arguments, got 3"},
    {"perm", "(-3, 0,)", 0, "", "ValueError: n must be a non-negative integer"},
    {"gcd", "(3, 0.5,)", 0, "", "TypeError: 'float' object cannot be interpreted as an integer"},
    {"gcd", "(2 ** 100, 3,)", 0, "", "1"},
    {"gcd", "(3, 'x',)", 0, "", "TypeError: 'str' object cannot be interpreted as an integer"},
    {"gcd", "(10 ** 400, 2,)", 0, "", "2"},
    {"gcd", "(1, 2, 3,)", 0, "", "1"},
    {"gcd", "(-3, 0,)", 0, "", "3"},
    {"lcm", "(3, 0.5,)", 0, "", "TypeError: 'float' object cannot be interpreted as an integer"},
    {"lcm", "(2 ** 100, 3,)", 0, "", "3802951800684688204490109616128"},
    {"lcm", "(3, 'x',)", 0, "", "TypeError: 'str' object cannot be interpreted as an integer"},
    {"lcm", "(10 ** 400, 2,)", 0, "", "len=401:100000000000000000000000000000000000000000000000000000000000"},
    {"lcm", "(1, 2, 3,)", 0, "", "6"},
    {"lcm", "(-3, 0,)", 0, "", "0"},
    {"hypot", "(3, 0.5,)", 0, "", "3.0413812651491097"},
    {"hypot", "(2 ** 100, 3,)", 0, "", "1.2676506002282294e+30"},
    {"hypot", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"hypot", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"hypot", "(1, 2, 3,)", 0, "", "3.7416573867739413"},
    {"hypot", "(-3, 0,)", 0, "", "3.0"},
    {"isclose", "(3, 0.5,)", 0, "", "False"},
    {"isclose", "(2 ** 100, 3,)", 0, "", "False"},
    {"isclose", "(3, 'x',)", 0, "", "TypeError: must be real number, not str"},
    {"isclose", "(10 ** 400, 2,)", 0, "", "OverflowError: int too large to convert to float"},
    {"isclose", "(1, 2, 3,)", 0, "", "TypeError: isclose() takes exactly 2 positional arguments (3 given)"},
    {"isclose", "(-3, 0,)", 0, "", "False"},
    {"dist", "(3, 0.5,)", 0, "", "TypeError: 'int' object is not iterable"},
    {"dist", "(2 ** 100, 3,)", 0, "", "TypeError: 'int' object is not iterable"},
    {"dist", "(3, 'x',)", 0, "", "TypeError: 'int' object is not iterable"},
    {"dist", "(10 ** 400, 2,)", 0, "", "TypeError: 'int' object is not iterable"},
    {"dist", "(1, 2, 3,)", 0, "", "TypeError: dist expected 2 arguments, got 3"},
    {"dist", "(-3, 0,)", 0, "", "TypeError: 'int' object is not iterable"},
    {"factorial", "(20,)", 0, "", "2432902008176640000"},
    {"factorial", "(300,)", 0, "", "len=615:306057512216440636035370461297268629388588804173576999416776"},
    {"factorial", "(-1,)", 0, "", "ValueError: factorial() not defined for negative values"},
    {"factorial", "(2 ** 70,)", 0, "", "OverflowError: factorial() argument should not exceed 9223372036854775807"},
    {"factorial", "(1.5,)", 0, "", "TypeError: 'float' object cannot be interpreted as an integer"},
    {"factorial", "(True,)", 0, "", "1"},
    {"isqrt", "(20,)", 0, "", "4"},
    {"isqrt", "(300,)", 0, "", "17"},
    {"isqrt", "(-1,)", 0, "", "ValueError: isqrt() argument must be nonnegative"},
    {"isqrt", "(2 ** 70,)", 0, "", "34359738368"},
    {"isqrt", "(1.5,)", 0, "", "TypeError: 'float' object cannot be interpreted as an integer"},
    {"isqrt", "(True,)", 0, "", "1"},
    {"gcd", "(2 ** 200 * 3, 2 ** 150 * 9, 6, -2 ** 63,)", 0, "", "2"},
    {"gcd", "(-2 ** 63,)", 0, "", "9223372036854775808"},
    {"gcd", "(-2 ** 63, 0,)", 0, "", "9223372036854775808"},
    {"gcd", "()", 0, "", "0"},
    {"lcm", "(2 ** 70, 3 ** 40, 7,)", 0, "", "100472665779136769082805555518606428602368"},
    {"lcm", "(0, 'a',)", 0, "", "TypeError: 'str' object cannot be interpreted as an integer"},
    {"lcm", "(-2 ** 63, 3,)", 0, "", "27670116110564327424"},
    {"comb", "(2 ** 70, 7,)", 0, "", "len=144:634260022921344453348788526408083387618951966906940850641354"},
    {"comb", "(300, 140,)", 0, "", "48221066833446630962532521951209512393396869062759265569239309686557040759274570961956390"},
    {"comb", "(10 ** 30, 10 ** 25,)", 0, "", "OverflowError: min(n - k, k) must not exceed 9223372036854775807"},
    {"comb", "(1, 2, 1,)", 1, "n", "TypeError: math.comb() takes no keyword arguments"},
    {"perm", "(2 ** 70, 5,)", 0, "", "2293498615990071511591394206379829650087427962759552176882640125227962242735443762457141282424378967982080"},
    {"perm", "(30,)", 0, "", "265252859812191058636308480000000"},
    {"perm", "(30, None,)", 0, "", "265252859812191058636308480000000"},
    {"perm", "(10 ** 30, 10 ** 25,)", 0, "", "OverflowError: k must not exceed 9223372036854775807"},
    {"perm", "()", 0, "", "TypeError: perm expected at least 1 argument, got 0"},
    {"log", "(2 ** 5000, 2 ** 3000,)", 0, "", "1.6666666666666667"},
    {"log", "(2 ** 1024 - 1,)", 0, "", "709.782712893384"},
    {"log", "(-10 ** 400,)", 0, "", "ValueError: math domain error"},
    {"log", "(10, 1,)", 0, "", "ZeroDivisionError: float division by zero"},
    {"log", "(1, 2,)", 1, "base", "TypeError: log() takes no keyword arguments"},
    {"log2", "(2 ** 1024 - 2 ** 970,)", 0, "", "1024.0"},
    {"log10", "(10 ** 350,)", 0, "", "350.0"},
    {"fsum", "([0.1] * 10 + [1e300, -1e300] * 40,)", 0, "", "1.0"},
    {"fsum", "([0.1 * i for i in range(100)],)", 0, "", "495.0"},
    {"fsum", "([math.inf, -math.inf],)", 0, "", "ValueError: -inf + inf in fsum"},
    {"fsum", "([1e308, 1e308],)", 0, "", "OverflowError: intermediate overflow in fsum"},
    {"fsum", "([1, 'a'],)", 0, "", "TypeError: must be real number, not str"},
    {"fsum", "(5,)", 0, "", "TypeError: 'int' object is not iterable"},
    {"fsum", "([10 ** 400],)", 0, "", "OverflowError: int too large to convert to float"},
    {"fsum", "([math.nan, 1.0],)", 0, "", "nan"},
    {"prod", "([2 ** 62, 4, 1.5], 2,)", 1, "start", "5.5340232221128655e+19"},
    {"prod", "([1, 'a', 'b'],)", 0, "", "TypeError: can't multiply sequence by non-int of type 'str'"},
    {"prod", "([1], 2,)", 0, "", "TypeError: prod() takes exactly 1 positional argument (2 given)"},
    {"prod", "([1], 2,)", 1, "foo", "TypeError: 'foo' is an invalid keyword argument for prod()"},
    {"prod", "(2,)", 1, "start", "TypeError: prod() takes exactly 1 positional argument (0 given)"},
    {"prod", "([1], 2, 3,)", 2, "start,foo", "TypeError: prod() takes at most 2 arguments (3 given)"},
    {"prod", "(range(1, 60),)", 0, "", "138683118545689835737939019720389406345902876772687432540821294940160000000000000"},
    {"prod", "(5,)", 0, "", "TypeError: 'int' object is not iterable"},
    {"hypot", "(*range(40),)", 0, "", "143.31782861877304"},
    {"hypot", "(1e-320, 1e-320, 3e-320,)", 0, "", "3.3167e-320"},
    {"hypot", "(math.inf, math.nan,)", 0, "", "inf"},
    {"dist", "(list(range(20)), tuple(range(1, 21)),)", 0, "", "4.47213595499958"},
    {"dist", "([1, 2], [1, 'a'],)", 0, "", "TypeError: must be real number, not str"},
    {"dist", "([1, 2], (1,),)", 0, "", "ValueError: both points must have the same number of dimensions"},
    {"dist", "(1, 2,)", 0, "", "TypeError: 'int' object is not iterable"},
    {"dist", "([1], 'a',)", 0, "", "TypeError: must be real number, not str"},
    {"isclose", "(1, 2, 0.5, -1,)", 2, "rel_tol,abs_tol", "ValueError: tolerances must be non-negative"},
    {"isclose", "(1, 2,)", 1, "a", "TypeError: isclose() missing required argument 'b' (pos 2)"},
    {"isclose", "(1, 2, 2,)", 1, "foo", "TypeError: 'foo' is an invalid keyword argument for isclose()"},
    {"isclose", "(1, 1,)", 2, "b,a", "True"},
    {"isclose", "(1, 2, 3,)", 1, "a", "TypeError: argument for isclose() given by name ('a') and position (1)"},
    {"isclose", "(1, 2, 3,)", 0, "", "TypeError: isclose() takes exactly 2 positional arguments (3 given)"},
    {"isclose", "(1, 1.05, 0.1,)", 1, "rel_tol", "True"},
    {"ldexp", "(1.0, 10 ** 30,)", 0, "", "OverflowError: math range error"},
    {"ldexp", "(1.0, 1.5,)", 0, "", "TypeError: Expected an int as second argument to ldexp."},
    {"ldexp", "(5e-324, 1074,)", 0, "", "1.0"},
    {"ldexp", "(1.5, -1075,)", 0, "", "5e-324"},
    {"pow", "(0.0, -1,)", 0, "", "ValueError: math domain error"},
    {"pow", "(-8, 1/3,)", 0, "", "ValueError: math domain error"},
    {"pow", "(10, 400,)", 0, "", "OverflowError: math range error"},
    {"pow", "(-math.inf, -3,)", 0, "", "-0.0"},
    {"gamma", "(-200.5,)", 0, "", "-0.0"},
    {"gamma", "(171.7,)", 0, "", "OverflowError: math range error"},
    {"gamma", "(-2,)", 0, "", "ValueError: math domain error"},
    {"lgamma", "(-2.5,)", 0, "", "-0.05624371649767457"},
    {"lgamma", "(1e308,)", 0, "", "OverflowError: math range error"},
    {"frexp", "(5e-324,)", 0, "", "(0.5, -1073)"},
    {"modf", "(-math.inf,)", 0, "", "(-0.0, -inf)"},
    {"trunc", "(None,)", 0, "", "TypeError: type NoneType doesn't define __trunc__ method"},
    {"floor", "(math.inf,)", 0, "", "OverflowError: cannot convert float infinity to integer"},
    {"ceil", "(math.nan,)", 0, "", "ValueError: cannot convert float NaN to integer"},
    {"floor", "(-1e300,)", 0, "", "len=302:-10000000000000000525047602552044202487044685811081591549158"},
};

/* Evaluates a tuple expression (math imported) with the VM. The code must
 * outlive the value (constants live on its heap). */
static int eval_args(pe_state *S, const char *expr, pe_code **code, pe_val *out) {
    char src[1024];
    snprintf(src, sizeof src, "import math\n%s\n", expr);
    *code = pe_compile(S, src, strlen(src), "<args>", PE_MODE_CALC);
    if (!*code) return -1;
    if (pe_globals_init(S, *code)) return -1;
    int r = pe_run_value(S, *code, out);
    pe_globals_release(S);
    return r;
}

/* The keyword names tuple for "a,b" (NULL for none). */
static pe_obj *make_kwnames(pe_state *S, const char *names, int nkw) {
    pe_val t, s;
    char buf[64];
    if (!nkw) return NULL;
    if (pe_tuple_new(S, (size_t)nkw, &t)) abort();
    for (int i = 0; i < nkw; i++) {
        size_t n = strcspn(names, ",");
        snprintf(buf, sizeof buf, "%.*s", (int)n, names);
        if (pe_str_from_cstr(S, buf, &s)) abort();
        PE_TUPLE(t)->items[i] = s;
        names += n + (names[n] == ',');
    }
    return t.u.o;
}

/* repr(result) or "Type: message" (pending exception cleared). */
static void outcome_text(pe_state *S, int r, pe_val res, char *buf, size_t n) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (r) {
        pe_exc_str(S, S->exc, &sb);
        snprintf(buf, n, "%s: %.*s", pe_type_name(S->exc), (int)sb.len, sb.p);
        pe_exc_clear(S);
    } else {
        if (pe_repr(S, res, &sb)) abort();
        if (sb.len > 120) snprintf(buf, n, "len=%zu:%.60s", sb.len, sb.p);
        else snprintf(buf, n, "%.*s", (int)sb.len, sb.p);
        pe_decref(S, res);
    }
    pe_sb_free(&sb);
}

/* Calls fn twice (the first warms any cache); the second call must give
 * want and leave S->mem_used unchanged once result/exception are gone. */
static void check_case(pe_state *S, pe_val fn, const mcase *c, pe_tuple *args, pe_obj *kwn) {
    char got[256];
    pe_val res = pe_undef();
    for (int pass = 0; pass < 2; pass++) {
        size_t before = S->mem_used;
        int r = pe_call(S, fn, (int)args->n, args->items, kwn, &res);
        outcome_text(S, r, res, got, sizeof got);
        checks++;
        if (pass == 1 && S->mem_used != before) {
            failures++;
            printf("FAIL leak: math.%s%s: %ld bytes\n", c->fn, c->args,
                   (long)S->mem_used - (long)before);
        }
    }
    checks++;
    if (strcmp(got, c->want) != 0) {
        failures++;
        printf("FAIL math.%s%s [kw %s]\n  want: %s\n  got:  %s\n", c->fn, c->args, c->kwnames,
               c->want, got);
    }
}

static void run_case(pe_state *S, pe_val mod, const mcase *c) {
    pe_code *code = NULL;
    pe_val args, name, fn;
    if (eval_args(S, c->args, &code, &args) || pe_str_from_cstr(S, c->fn, &name) ||
        pe_getattr(S, mod, name.u.o, &fn)) {
        failures++;
        printf("FAIL setting up math.%s%s\n", c->fn, c->args);
        pe_exc_clear(S);
        if (code) pe_code_release(code);
        return;
    }
    pe_obj *kwn = make_kwnames(S, c->kwnames, c->nkw);
    check_case(S, fn, c, PE_TUPLE(args), kwn);
    if (kwn) pe_decref_obj(S, kwn);
    pe_decref(S, fn);
    pe_decref(S, name);
    pe_decref(S, args);
    pe_code_release(code);
}

static void test_calls(void) {
    pe_state *S = pe_state_new();
    pe_val mod;
    if (!S || pe_math_module(S, &mod)) abort();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) run_case(S, mod, &cases[i]);
    pe_state_free(S);
}

int main(void) {
    test_names();
    test_values();
    test_calls();
    printf("test_math: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
