/*
 * test_suspend.c - external calls that suspend the run (pyexpr.h "External
 * calls and suspended runs"), against the public header only. Built and
 * run by `make check` (and under ASan by `make check CONFIG=asan`).
 *
 *   test_suspend            every check
 *   test_suspend --bench N  N suspend+resume round trips of a trivial
 *                           external call; prints ns per round trip
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyexpr.h"

#include "test_util.h"

/* A state with its output captured. */
typedef struct {
    buf out, err;
    pe_state *S;
} fixture;

static pe_state *fx_open(fixture *fx) {
    memset(fx, 0, sizeof *fx);
    fx->S = pe_state_new();
    if (!fx->S) abort();
    pe_set_output(fx->S, sink, &fx->out, sink, &fx->err);
    return fx->S;
}

static void fx_close(fixture *fx) {
    pe_state_free(fx->S);
    free(fx->out.p);
    free(fx->err.p);
}

static const char *bs_or(const char *p) { return p ? p : ""; }

static pe_code *compile(pe_state *S, const char *src) {
    pe_code *c = pe_compile(S, src, strlen(src), "<test>", PE_MODE_EXEC);
    if (!c) {
        pe_print_exception(S);
        abort();
    }
    return c;
}

/* Answers pending calls: double(x) -> 2x; fail(...) -> ValueError;
 * name lookups -> 100; anything else -> None. Returns the final rc. */
static int drive(pe_state *S, int rc, int *ncalls) {
    while (rc == PE_SUSPENDED) {
        pe_pending p;
        CHECK(pe_pending_call(S, &p) == 0, "pending");
        (*ncalls)++;
        if (p.kind == PE_PENDING_NAME) {
            rc = pe_resume(S, pe_value_int(100), NULL);
        } else if (!strcmp(p.name, "double")) {
            int64_t x = 0;
            CHECK(pe_value_len(p.args) == 1, "one arg");
            CHECK(pe_value_to_int64(S, pe_value_item(p.args, 0), &x) == 0, "int arg");
            pe_value k, kv;
            int64_t add = 0;
            if (pe_make_str(S, "add", 3, &k)) abort();
            if (pe_value_dict_get(S, p.kwargs, k, &kv) == 1) {
                pe_value_to_int64(S, kv, &add);
                pe_value_release(S, kv);
            }
            pe_value_release(S, k);
            rc = pe_resume(S, pe_value_int(2 * x + add), NULL);
        } else if (!strcmp(p.name, "fail")) {
            rc = pe_resume_error(S, pe_exception_type_lookup("ValueError"), "bad", NULL);
        } else {
            rc = pe_resume(S, pe_value_none(), NULL);
        }
    }
    return rc;
}

static int run_with(pe_state *S, pe_code *c, int *ncalls) {
    *ncalls = 0;
    if (pe_run_begin(S, c)) abort();
    pe_external_declare(S, "double", 6);
    pe_external_declare(S, "fail", 4);
    pe_external_declare(S, "other", 5);
    int rc = drive(S, pe_run_exec(S, NULL), ncalls);
    return rc;
}

static void test_basic(void) {
    fixture fx;
    pe_state *S = fx_open(&fx);
    pe_code *c = compile(S,
                         "def f(n):\n"
                         "    t = 0\n"
                         "    for i in range(n):\n"
                         "        t += double(i)\n"
                         "    return t\n"
                         "def g():\n"
                         "    yield double(1)\n"
                         "    yield double(2, add=5)\n"
                         "try:\n"
                         "    fail(1)\n"
                         "except ValueError as e:\n"
                         "    print('caught', e)\n"
                         "print(f(4), [x for x in g()], other())\n");
    int n;
    int rc = run_with(S, c, &n);
    CHECK(rc == 0, "rc %d %s", rc, exc_name(S));
    CHECK(!strcmp(bs_or(fx.out.p), "caught bad\n12 [2, 9] None\n"), "out %s", bs_or(fx.out.p));
    CHECK(n == 8, "calls %d", n);
    pe_run_end(S);
    pe_reset(S);
    pe_code_release(c);
    fx_close(&fx);
}

static void test_nested(void) {
    fixture fx;
    pe_state *S = fx_open(&fx);
    /* a sort key, map() and a generator resumed by list(): nested runs */
    const char *srcs[] = {"sorted([1, 2], key=double)\n", "list(map(double, [1]))\n",
                          "def g():\n    yield double(1)\nlist(g())\n"};
    for (size_t i = 0; i < 3; i++) {
        pe_code *c = compile(S, srcs[i]);
        int n;
        int rc = run_with(S, c, &n);
        CHECK(rc == -1 && !strcmp(exc_name(S), "RuntimeError"), "nested %zu: %d %s", i, rc,
              exc_name(S));
        pe_run_end(S);
        pe_reset(S);
        pe_code_release(c);
    }
    /* pe_run cannot suspend */
    pe_code *c = compile(S, "x = 1\n");
    CHECK(pe_run(S, c, NULL) == 0, "pe_run");
    pe_reset(S);
    pe_code_release(c);
    fx_close(&fx);
}

static void test_abandon_and_limits(void) {
    fixture fx;
    pe_state *S = fx_open(&fx);
    pe_code *c = compile(S, "def h():\n    try:\n        yield double(1)\n    finally:\n"
                            "        print('fin')\nfor x in h():\n    print(x)\n");
    /* abandoned while suspended inside a generator: no leak, no finally */
    if (pe_run_begin(S, c)) abort();
    pe_external_declare(S, "double", 6);
    CHECK(pe_run_exec(S, NULL) == PE_SUSPENDED, "suspended");
    CHECK(pe_run_suspended(S) == 1, "is suspended");
    pe_run_end(S);
    CHECK(pe_run_suspended(S) == 0, "abandoned");
    CHECK(!pe_has_exception(S), "no exception after abandon");
    pe_reset(S);
    /* the cap on external calls */
    pe_set_max_external_calls(S, 1);
    pe_code *c2 = compile(S, "double(1)\ndouble(2)\n");
    int n;
    int rc = run_with(S, c2, &n);
    CHECK(rc == -1 && !strcmp(exc_name(S), "LimitError"), "cap: %d %s", rc, exc_name(S));
    pe_run_end(S);
    pe_reset(S);
    pe_set_max_external_calls(S, 0);
    /* steps count across pauses */
    pe_limits lim = {0};
    lim.max_steps = 50;
    pe_set_limits(S, &lim);
    pe_code *c3 = compile(S, "for i in range(100):\n    double(i)\n");
    rc = run_with(S, c3, &n);
    CHECK(rc == -1 && !strcmp(exc_name(S), "LimitError"), "steps: %d %s", rc, exc_name(S));
    pe_run_end(S);
    pe_reset(S);
    /* names */
    lim.max_steps = 0;
    pe_set_limits(S, &lim);
    pe_set_suspend_names(S, 1);
    pe_code *c4 = compile(S, "print(undefined_x + 1, undefined_x)\n");
    buf_reset(&fx.out);
    rc = run_with(S, c4, &n);
    CHECK(rc == 0 && n == 1, "names: %d %d %s", rc, n, exc_name(S));
    CHECK(!strcmp(bs_or(fx.out.p), "101 100\n"), "names out %s", bs_or(fx.out.p));
    pe_run_end(S);
    pe_reset(S);
    /* resume without a suspended run */
    CHECK(pe_resume(S, pe_value_none(), NULL) == -1, "not suspended");
    pe_reset(S);
    pe_code_release(c);
    pe_code_release(c2);
    pe_code_release(c3);
    pe_code_release(c4);
    fx_close(&fx);
}

static void bench(long n) {
    fixture fx;
    pe_state *S = fx_open(&fx);
    char src[128];
    snprintf(src, sizeof src, "for i in range(%ld):\n    other()\n", n);
    pe_code *c = compile(S, src);
    if (pe_run_begin(S, c)) abort();
    pe_external_declare(S, "other", 5);
    uint64_t t0 = pe_clock_ns();
    int rc = pe_run_exec(S, NULL);
    long k = 0;
    while (rc == PE_SUSPENDED) {
        k++;
        rc = pe_resume(S, pe_value_none(), NULL);
    }
    uint64_t t1 = pe_clock_ns();
    printf("suspend+resume: %ld round trips, %.1f ns each\n", k, (double)(t1 - t0) / (double)k);
    pe_run_end(S);
    pe_reset(S);
    pe_code_release(c);
    fx_close(&fx);
}

int main(int argc, char **argv) {
    if (argc == 3 && !strcmp(argv[1], "--bench")) {
        bench(atol(argv[2]));
        return 0;
    }
    test_basic();
    test_nested();
    test_abandon_and_limits();
    printf("test_suspend: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
