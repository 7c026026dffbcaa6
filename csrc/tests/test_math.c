/*
 * test_math.c - unit tests of the math module (mathmodule.c) through the
 * embedding API:
 *  - every public name of CPython 3.11's math resolves (the function table
 *    is binary-searched, so this also checks it is sorted) and a missing
 *    name raises CPython's AttributeError;
 *  - a few results whose expected text is CPython 3.11's;
 *  - no reference leaks: a workload calling every function, error paths
 *    included, leaves the same memory in use whether it runs 1 or 60 times
 *    (objects still alive after a run, once globals are released, can only
 *    be leaked references).
 * The differential tests proper are tests/corpus/lang/math_* and
 * tests/test_hypothesis_math.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../pe_vm.h"

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
        pe_code_free(code);
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
    expect_output("missing attribute", "import math\ntry:\n    math.zzz\nexcept AttributeError as e:\n    print(e)\n",
                  "module 'math' has no attribute 'zzz'\n");
    expect_output("before first", "import math\ntry:\n    math.a\nexcept AttributeError as e:\n    print(e)\n",
                  "module 'math' has no attribute 'a'\n");
    expect_output("repr", "import math\nprint(repr(math), math.__name__)\n",
                  "<module 'math' (built-in)> math\n");
}

static void test_values(void) {
    expect_output("sqrt", "import math\nprint(math.sqrt(2), math.sqrt(-0.0))\n",
                  "1.4142135623730951 -0.0\n");
    expect_output("floor big", "import math\nprint(math.floor(-1e20), math.ceil(2 ** 70))\n",
                  "-100000000000000000000 1180591620717411303424\n");
    expect_output("log huge", "import math\nprint(math.log(10 ** 1000), math.log2(2 ** 1024 - 1))\n",
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
                  "1020847100762815390918377906085003917416386969006833139720 "
                  "64956026052271804088327411073105920000000\n");
    expect_output("gamma", "import math\nprint(math.gamma(0.5), math.lgamma(-0.5))\n",
                  "1.7724538509055159 1.265512123484645\n");
}

/* One call per function, plus error paths; results are dropped. */
static const char workload[] =
    "import math\n"
    "def attempt(f, *a, **k):\n"
    "    try:\n"
    "        return f(*a, **k)\n"
    "    except Exception as e:\n"
    "        return e\n"
    "def work():\n"
    "    r = []\n"
    "    for name in ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'cos', 'cosh',\n"
    "                 'erf', 'erfc', 'exp', 'exp2', 'expm1', 'fabs', 'gamma', 'lgamma', 'log1p',\n"
    "                 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'degrees', 'radians', 'isnan', 'ulp']:\n"
    "        pass\n"
    "    for x in [0.5, -1.5, 2, 10 ** 400, 'x', 2 ** 100, 1e308]:\n"
    "        for f in [math.acos, math.acosh, math.asin, math.asinh, math.atan, math.atanh,\n"
    "                  math.cbrt, math.cos, math.cosh, math.erf, math.erfc, math.exp, math.exp2,\n"
    "                  math.expm1, math.fabs, math.gamma, math.lgamma, math.log1p, math.sin,\n"
    "                  math.sinh, math.sqrt, math.tan, math.tanh, math.degrees, math.radians,\n"
    "                  math.isnan, math.isinf, math.isfinite, math.ulp, math.floor, math.ceil,\n"
    "                  math.trunc, math.frexp, math.modf, math.log, math.log2, math.log10,\n"
    "                  math.factorial, math.isqrt, math.gcd, math.lcm, math.perm, math.hypot]:\n"
    "            r.append(attempt(f, x))\n"
    "            r.append(attempt(f))\n"
    "            r.append(attempt(f, x, k=1))\n"
    "        for f in [math.atan2, math.copysign, math.fmod, math.remainder, math.pow,\n"
    "                  math.nextafter, math.ldexp, math.log, math.comb, math.perm, math.gcd,\n"
    "                  math.lcm, math.hypot, math.isclose, math.dist]:\n"
    "            r.append(attempt(f, x, 3))\n"
    "            r.append(attempt(f, 3, x))\n"
    "            r.append(attempt(f, x, 3, 4))\n"
    "    r.append(math.gcd(2 ** 200 * 3, 2 ** 150 * 9, 6, -2 ** 63))\n"
    "    r.append(math.lcm(2 ** 70, 3 ** 40, 7))\n"
    "    r.append(math.factorial(300))\n"
    "    r.append(math.comb(2 ** 70, 7))\n"
    "    r.append(math.comb(300, 140))\n"
    "    r.append(math.perm(2 ** 70, 5))\n"
    "    r.append(math.isqrt(10 ** 300 + 7))\n"
    "    r.append(math.log(2 ** 5000, 2 ** 3000))\n"
    "    r.append(math.fsum([0.1] * 100 + [1e300, -1e300] * 40))\n"
    "    r.append(attempt(math.fsum, [math.inf, -math.inf]))\n"
    "    r.append(attempt(math.fsum, [1e308, 1e308]))\n"
    "    r.append(attempt(math.fsum, [1, 'a']))\n"
    "    r.append(math.prod([2 ** 62, 4, 1.5], start=2))\n"
    "    r.append(attempt(math.prod, [1, 'a', 'b']))\n"
    "    r.append(attempt(math.prod, [1], 2))\n"
    "    r.append(attempt(math.prod, [1], foo=2))\n"
    "    r.append(math.hypot(*range(40)))\n"
    "    r.append(math.dist(list(range(20)), tuple(range(1, 21))))\n"
    "    r.append(attempt(math.dist, [1, 2], [1, 'a']))\n"
    "    r.append(attempt(math.dist, [1, 2], (1,)))\n"
    "    r.append(attempt(math.isclose, 1, 2, rel_tol=0.5, abs_tol=-1))\n"
    "    r.append(attempt(math.isclose, 1, a=2))\n"
    "    r.append(attempt(math.isclose, 1, 2, foo=2))\n"
    "    r.append(math.__name__)\n"
    "    r.append(attempt(lambda: math.nosuch))\n"
    "    return len(r)\n"
    "for i in range(%d):\n"
    "    work()\n";

static void test_no_leaks(void) {
    char src[sizeof workload + 16];
    long d1 = 0, d60 = 0;
    snprintf(src, sizeof src, workload, 1);
    int r1 = run(src, &d1);
    snprintf(src, sizeof src, workload, 60);
    int r60 = run(src, &d60);
    checks++;
    if (r1 || r60 || d1 != d60) {
        failures++;
        printf("FAIL leak check: rc %d/%d, memory left after 1 run %ld, after 60 runs %ld\n%s\n",
               r1, r60, d1, d60, outbuf);
    }
}

int main(void) {
    test_names();
    test_values();
    test_no_leaks();
    printf("test_math: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
