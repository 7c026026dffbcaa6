/*
 * bench_engine.c - in-process costs of the compile cache and the profiler
 * (driven by benchmarks/bench_profile_overhead.py, which builds it against
 * the engine sources with -O2; not a test, never fails on timing).
 *
 *   bench_engine [ROUNDS]
 *
 * For each program, per iteration (median over ROUNDS rounds of a batch):
 *   compile         pe_compile + pe_code_release
 *   hit             pe_cache_get on a warm cache + pe_code_release
 *   run_plain       pe_compile + pe_run_repr + pe_reset + release (profiling off)
 *   run_profiled    pe_profile_run (every stage timed; same work + lex pass)
 *   run_cached      pe_cache_get (warm) + pe_run_repr + pe_reset + release
 * Output: one line per program and variant: "<program> <variant> <ns>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyexpr.h"

static size_t discard(void *ud, const char *s, size_t n) {
    (void)ud;
    (void)s;
    return n;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

enum { V_COMPILE, V_HIT, V_PLAIN, V_PROFILED, V_CACHED, NV };
static const char *const vnames[NV] = {"compile", "hit", "run_plain", "run_profiled",
                                       "run_cached"};

static void once(int v, pe_state *S, pe_cache *c, const char *src, size_t len) {
    pe_code *code;
    char *repr = NULL;
    pe_profile p;
    switch (v) {
    case V_COMPILE:
        pe_code_release(pe_compile(S, src, len, NULL, PE_MODE_CALC));
        break;
    case V_HIT:
        pe_code_release(pe_cache_get(c, S, src, len, NULL, PE_MODE_CALC));
        break;
    case V_PLAIN:
    case V_CACHED:
        code = v == V_PLAIN ? pe_compile(S, src, len, NULL, PE_MODE_CALC)
                            : pe_cache_get(c, S, src, len, NULL, PE_MODE_CALC);
        if (code) pe_run_repr(S, code, &repr);
        free(repr);
        pe_reset(S);
        pe_code_release(code);
        break;
    case V_PROFILED:
        pe_profile_run(S, NULL, src, len, NULL, PE_MODE_CALC, &p, &repr, NULL);
        free(repr);
        break;
    }
}

static void bench(const char *name, const char *src, int rounds) {
    size_t len = strlen(src);
    pe_state *S = pe_state_new();
    pe_set_output(S, discard, NULL, discard, NULL);
    pe_cache *c = pe_cache_new(0, 0);
    once(V_HIT, S, c, src, len); /* warm the cache */
    /* batch size: about 2 ms of run_plain */
    uint64_t t0 = pe_clock_ns();
    int probe = 0;
    while (pe_clock_ns() - t0 < 2000000 || probe < 3) {
        once(V_PLAIN, S, c, src, len);
        probe++;
    }
    int batch = probe;
    uint64_t *samples[NV];
    for (int v = 0; v < NV; v++) samples[v] = malloc(sizeof(uint64_t) * (size_t)rounds);
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < NV; k++) {
            int v = (k + r) % NV; /* rotate the order: no variant always first */
            int n = v == V_COMPILE || v == V_HIT ? batch * 4 : batch;
            uint64_t a = pe_clock_ns();
            for (int i = 0; i < n; i++) once(v, S, c, src, len);
            samples[v][r] = (pe_clock_ns() - a) / (uint64_t)n;
        }
    for (int v = 0; v < NV; v++) {
        qsort(samples[v], (size_t)rounds, sizeof(uint64_t), cmp_u64);
        printf("%s %s %llu\n", name, vnames[v], (unsigned long long)samples[v][rounds / 2]);
        free(samples[v]);
    }
    pe_cache_free(c);
    pe_state_free(S);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 21;
    if (rounds < 1) rounds = 1;
    /* a parse-heavy program: many small functions */
    static char big[200000];
    size_t n = 0;
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(big + n, sizeof big - n,
                              "def f%d(a, b=%d):\n    if a > b:\n        return [a * %d, b]\n"
                              "    return {'k': a + b, 'v': (a, b, %d)}\n",
                              i, i, i, i);
    snprintf(big + n, sizeof big - n, "f299(1)\n");
    bench("tiny", "2 + 3", rounds);
    bench("small", "def f(n):\n    return sum(i * i for i in range(n))\n[f(k) for k in range(10)]",
          rounds);
    bench("loop", "t = 0\nfor i in range(20000):\n    t += i % 7\nt", rounds);
    bench("parse_heavy", big, rounds);
    return 0;
}
