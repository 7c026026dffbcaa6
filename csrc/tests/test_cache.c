/*
 * test_cache.c - unit tests of the compile cache (cache.c), the pe_code
 * refcount and the profiling entry points (profile.c), against the whole
 * engine. Built and run by `make check` (all subtests) and by
 * tests/test_cache.py (one subtest per run, under ASan/UBSan/LSan when the
 * compiler has them, so leaks and races on freed memory fail).
 *
 *   test_cache            run every subtest
 *   test_cache NAME...    run the named subtests
 *   test_cache --list     print the subtest names
 *
 * Expected values are Python 3.11's (the programs are tiny and fixed).
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "pe_vm.h"
#include "test_util.h"

/* Runs code; returns its repr (static buffer) or "EXC <Type>" / "None". */
static const char *run(pe_state *S, pe_code *code, char *res, size_t cap) {
    char *repr = NULL;
    if (pe_run_repr(S, code, &repr)) {
        snprintf(res, cap, "EXC %s", exc_name(S));
    } else {
        snprintf(res, cap, "%s", repr ? repr : "None");
    }
    free(repr);
    pe_reset(S);
    return res;
}

/* Gets src from the cache (calc mode, "<string>") and runs it. */
static const char *get_run(pe_cache *c, pe_state *S, const char *src, char *res, size_t cap) {
    pe_code *code = pe_cache_get(c, S, src, strlen(src), NULL, PE_MODE_CALC);
    if (!code) {
        snprintf(res, cap, "COMPILE %s", exc_name(S));
        pe_reset(S);
        return res;
    }
    run(S, code, res, cap);
    pe_code_release(code);
    return res;
}

static pe_cache_stats stats(pe_cache *c) {
    pe_cache_stats st;
    pe_cache_stats_get(c, &st);
    return st;
}

#define CHECK_STATS(c, h, m, size)                                                              \
    do {                                                                                        \
        pe_cache_stats st_ = stats(c);                                                          \
        CHECK(st_.hits == (h) && st_.misses == (m) && st_.currsize == (size),                   \
              "stats: hits %" PRIu64 " misses %" PRIu64 " currsize %zu, expected %d %d %d",     \
              st_.hits, st_.misses, st_.currsize, (int)(h), (int)(m), (int)(size));             \
    } while (0)

#define CHECK_RUN(c, S, src, expect)                                              \
    do {                                                                          \
        char r_[256];                                                             \
        const char *g_ = get_run(c, S, src, r_, sizeof r_);                       \
        CHECK(strcmp(g_, expect) == 0, "%s: got '%s', expected '%s'", src, g_, expect); \
    } while (0)

/* ---- subtests ---- */

static void t_hits_misses(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_cache *c = pe_cache_new(0, 0);
    pe_cache_stats st = stats(c);
    CHECK(st.maxsize == 1024 && st.maxbytes == (size_t)64 << 20 && st.currsize == 0 &&
              st.bytes == 0,
          "defaults: maxsize %zu maxbytes %zu", st.maxsize, st.maxbytes);

    pe_code *a = pe_cache_get(c, S, "1 + 2", 5, NULL, PE_MODE_CALC);
    CHECK(a != NULL, "compile 1 + 2");
    CHECK_STATS(c, 0, 1, 1);
    pe_code *b = pe_cache_get(c, S, "1 + 2", 5, "<string>", PE_MODE_CALC);
    CHECK(a == b, "hit returns the cached code (NULL filename == \"<string>\")");
    CHECK_STATS(c, 1, 1, 1);
    /* mode and filename are part of the key */
    pe_code *e = pe_cache_get(c, S, "1 + 2", 5, NULL, PE_MODE_EVAL);
    CHECK(e && e != a, "eval mode is another key");
    pe_code *f = pe_cache_get(c, S, "1 + 2", 5, "other.py", PE_MODE_CALC);
    CHECK(f && f != a && f != e, "filename is another key");
    /* a prefix of the source is another key */
    pe_code *p = pe_cache_get(c, S, "1 + 2", 1, NULL, PE_MODE_CALC);
    CHECK(p && p != a, "length is part of the key");
    CHECK_STATS(c, 1, 4, 4);
    char res[64];
    CHECK(strcmp(run(S, b, res, sizeof res), "3") == 0, "run: %s", res);
    CHECK(strcmp(run(S, e, res, sizeof res), "3") == 0, "run eval: %s", res);
    CHECK(strcmp(run(S, p, res, sizeof res), "1") == 0, "run prefix: %s", res);
    pe_code *x = pe_cache_get(c, S, "1 + 2", 5, NULL, PE_MODE_EXEC);
    CHECK(strcmp(run(S, x, res, sizeof res), "None") == 0, "run exec: %s", res);
    pe_code_release(a);
    pe_code_release(b);
    pe_code_release(e);
    pe_code_release(f);
    pe_code_release(p);
    pe_code_release(x);
    st = stats(c);
    CHECK(st.bytes > 0, "bytes counted");

    /* NULL cache: plain compile, nothing counted */
    pe_code *n = pe_cache_get(NULL, S, "2 * 21", 6, NULL, PE_MODE_CALC);
    CHECK(n && strcmp(run(S, n, res, sizeof res), "42") == 0, "NULL cache: %s", res);
    pe_code_release(n);
    pe_cache_free(c);
    free_state(S, &out, &err);
}

/* A hit must not carry state from an earlier run. */
static void t_no_stale_state(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_state *S2 = new_state(&out, &err);
    pe_cache *c = pe_cache_new(8, 0);
    const char *src = "def f(a=[]):\n    a.append(1)\n    return len(a)\nx = [f(), f()]\nx.append(len(x))\nx";
    for (int i = 0; i < 3; i++) {
        CHECK_RUN(c, S, src, "[1, 2, 2]");
        CHECK_RUN(c, S2, src, "[1, 2, 2]");
    }
    CHECK_RUN(c, S, "s = 'ab'\ns += 'c'\ns", "'abc'");
    CHECK_RUN(c, S, "s = 'ab'\ns += 'c'\ns", "'abc'");
    CHECK_RUN(c, S, "d = {}\nd['k'] = d.get('k', 0) + 1\nd", "{'k': 1}");
    CHECK_RUN(c, S, "d = {}\nd['k'] = d.get('k', 0) + 1\nd", "{'k': 1}");
    CHECK_STATS(c, 7, 3, 3);
    pe_cache_free(c);
    pe_state_free(S);
    pe_state_free(S2);
    free(out.p);
    free(err.p);
}

static void t_lru(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_cache *c = pe_cache_new(3, 0);
    CHECK_RUN(c, S, "'A'", "'A'");
    CHECK_RUN(c, S, "'B'", "'B'");
    CHECK_RUN(c, S, "'C'", "'C'");
    CHECK_STATS(c, 0, 3, 3);
    CHECK_RUN(c, S, "'A'", "'A'"); /* order (LRU..MRU): B C A */
    CHECK_STATS(c, 1, 3, 3);
    CHECK_RUN(c, S, "'D'", "'D'"); /* evicts B: C A D */
    CHECK_STATS(c, 1, 4, 3);
    CHECK_RUN(c, S, "'C'", "'C'"); /* A D C */
    CHECK_RUN(c, S, "'A'", "'A'"); /* D C A */
    CHECK_RUN(c, S, "'D'", "'D'"); /* C A D */
    CHECK_STATS(c, 4, 4, 3);
    CHECK_RUN(c, S, "'B'", "'B'"); /* miss, evicts C: A D B */
    CHECK_STATS(c, 4, 5, 3);
    CHECK_RUN(c, S, "'A'", "'A'"); /* hit: D B A */
    CHECK_STATS(c, 5, 5, 3);
    CHECK_RUN(c, S, "'C'", "'C'"); /* miss, evicts D: B A C */
    CHECK_STATS(c, 5, 6, 3);
    CHECK_RUN(c, S, "'D'", "'D'"); /* miss, evicts B */
    CHECK_RUN(c, S, "'B'", "'B'"); /* miss, evicts A */
    CHECK_RUN(c, S, "'C'", "'C'"); /* hit */
    CHECK_STATS(c, 6, 8, 3);

    /* entry bound 1: every new key evicts the previous one */
    pe_cache_resize(c, 1, 0);
    CHECK_STATS(c, 6, 8, 1);
    CHECK_RUN(c, S, "'C'", "'C'"); /* C was the MRU: kept */
    CHECK_STATS(c, 7, 8, 1);
    CHECK_RUN(c, S, "'A'", "'A'");
    CHECK_RUN(c, S, "'C'", "'C'");
    CHECK_STATS(c, 7, 10, 1);

    /* many keys through a small cache: the table stays consistent */
    pe_cache_resize(c, 100, 0);
    char src[32], exp[32];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 250; i++) {
            snprintf(src, sizeof src, "%d * 2", i);
            snprintf(exp, sizeof exp, "%d", i * 2);
            CHECK_RUN(c, S, src, exp);
        }
    pe_cache_stats st = stats(c);
    CHECK(st.currsize == 100, "currsize %zu", st.currsize);
    pe_cache_free(c);
    free_state(S, &out, &err);
}

static void t_bytes(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_cache *c = pe_cache_new(100, SIZE_MAX);
    /* same shape -> same size */
    const char *srcs[5] = {"x = 1000\nx + 1", "x = 2000\nx + 2", "x = 3000\nx + 3",
                           "x = 4000\nx + 4", "x = 5000\nx + 5"};
    pe_code *code = pe_cache_get(c, S, srcs[0], strlen(srcs[0]), NULL, PE_MODE_CALC);
    size_t b = stats(c).bytes;
    CHECK(code && b > code->bytes && b < code->bytes + 1024,
          "entry bytes %zu vs code->bytes %zu", b, code ? code->bytes : 0);
    pe_code_release(code);
    pe_cache_resize(c, 100, 3 * b);
    CHECK_RUN(c, S, srcs[1], "2002");
    CHECK_RUN(c, S, srcs[2], "3003");
    pe_cache_stats st = stats(c);
    CHECK(st.currsize == 3 && st.bytes == 3 * b, "3 entries: %zu / %zu bytes", st.currsize,
          st.bytes);
    CHECK_RUN(c, S, srcs[3], "4004"); /* over the byte bound: evicts srcs[0] */
    st = stats(c);
    CHECK(st.currsize == 3 && st.bytes == 3 * b && st.bytes <= st.maxbytes,
          "after eviction: %zu entries %zu bytes", st.currsize, st.bytes);
    CHECK_STATS(c, 0, 4, 3);
    CHECK_RUN(c, S, srcs[3], "4004"); /* hit */
    CHECK_RUN(c, S, srcs[1], "2002"); /* hit: LRU order 2 3 1 */
    CHECK_STATS(c, 2, 4, 3);
    CHECK_RUN(c, S, srcs[0], "1001"); /* miss: evicts srcs[2] */
    CHECK_RUN(c, S, srcs[2], "3003"); /* miss: evicts srcs[3] */
    CHECK_RUN(c, S, srcs[1], "2002"); /* hit */
    CHECK_STATS(c, 3, 6, 3);
    /* shrinking the byte bound evicts at once */
    pe_cache_resize(c, 100, 2 * b);
    st = stats(c);
    CHECK(st.currsize == 2 && st.bytes == 2 * b, "resize to 2b: %zu", st.currsize);
    /* an entry larger than the whole cache is compiled but not cached */
    pe_cache_resize(c, 100, b / 2);
    CHECK_STATS(c, 3, 6, 0);
    CHECK_RUN(c, S, srcs[4], "5005");
    CHECK_RUN(c, S, srcs[4], "5005");
    CHECK_STATS(c, 3, 8, 0);
    CHECK(stats(c).bytes == 0, "bytes %zu", stats(c).bytes);
    pe_cache_free(c);
    free_state(S, &out, &err);
}

static void t_collision(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_cache *c = pe_cache_new(64, 0);
    pe_cache_debug_force_hash(c, 42);
    CHECK_RUN(c, S, "1 + 2", "3");
    CHECK_RUN(c, S, "2 + 5", "7");
    CHECK_RUN(c, S, "2 + 5 ", "7");
    CHECK_RUN(c, S, "(", "COMPILE SyntaxError");
    CHECK_STATS(c, 0, 4, 4);
    for (int i = 0; i < 3; i++) {
        CHECK_RUN(c, S, "1 + 2", "3");
        CHECK_RUN(c, S, "2 + 5", "7");
        CHECK_RUN(c, S, "2 + 5 ", "7");
        CHECK_RUN(c, S, "(", "COMPILE SyntaxError");
    }
    CHECK_STATS(c, 12, 4, 4);
    /* same source, other mode/filename: all in one chain, all distinct */
    pe_code *k1 = pe_cache_get(c, S, "1 + 2", 5, NULL, PE_MODE_EXEC);
    pe_code *k2 = pe_cache_get(c, S, "1 + 2", 5, "f.py", PE_MODE_CALC);
    pe_code *k3 = pe_cache_get(c, S, "1 + 2", 5, NULL, PE_MODE_CALC);
    char res[64];
    CHECK(k1 && k2 && k3 && k1 != k2 && k1 != k3 && k2 != k3, "distinct keys");
    CHECK(k1 && strcmp(run(S, k1, res, sizeof res), "None") == 0, "exec: %s", res);
    CHECK(k2 && k2->filename && strcmp(k2->filename, "f.py") == 0, "filename");
    CHECK_STATS(c, 13, 6, 6);
    pe_code_release(k1);
    pe_code_release(k2);
    pe_code_release(k3);
    /* a chain longer than the table grows through: 300 colliding keys */
    pe_cache_resize(c, 1000, 0);
    char src[32], exp[32];
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 300; i++) {
            snprintf(src, sizeof src, "%d - 1", i);
            snprintf(exp, sizeof exp, "%d", i - 1);
            CHECK_RUN(c, S, src, exp);
        }
    /* switching the hook off: real hashes, still correct */
    pe_cache_debug_force_hash(c, 0);
    CHECK_RUN(c, S, "1 + 2", "3");
    CHECK_RUN(c, S, "1 + 2", "3");
    pe_cache_free(c);
    free_state(S, &out, &err);
}

/* Compile errors: a SyntaxError-family failure is cached and re-raised
 * identically; state-dependent failures (limits, memory) are not cached. */
static void t_negative(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_cache *c = pe_cache_new(16, 0);
    static const struct {
        const char *src;
        size_t len;
        const char *type;
    } bad[] = {
        {"x = (1,\n", 8, "SyntaxError"},
        {"if 1:\nx = 1\n", 12, "IndentationError"},
        {"if 1:\n\tx = 1\n        y = 2\n", 27, "TabError"},
        {"s = '\xff'\n", 8, "SyntaxError"},
        {"1 +\0 2", 6, "SyntaxError"},
        {"def f(:\n  pass", 14, "SyntaxError"},
        {"f(**k, *a)", 10, "SyntaxError"},
    };
    size_t n = sizeof bad / sizeof bad[0];
    for (size_t i = 0; i < n; i++) {
        char first[2048] = "";
        for (int round = 0; round < 3; round++) {
            buf_reset(&err);
            pe_code *code = pe_cache_get(c, S, bad[i].src, bad[i].len, "bad.py", PE_MODE_EXEC);
            CHECK(code == NULL, "#%zu compiles", i);
            CHECK(strcmp(exc_name(S), bad[i].type) == 0, "#%zu round %d: %s, expected %s", i,
                  round, exc_name(S), bad[i].type);
            pe_print_exception(S);
            pe_reset(S);
            if (round == 0) {
                snprintf(first, sizeof first, "%s", err.p ? err.p : "");
                CHECK(strstr(first, bad[i].type) != NULL, "#%zu traceback:\n%s", i, first);
            } else {
                CHECK(err.p && strcmp(err.p, first) == 0,
                      "#%zu cached error differs:\n--- first\n%s--- round %d\n%s", i, first,
                      round, err.p ? err.p : "");
            }
        }
    }
    CHECK_STATS(c, 2 * n, n, n);
    CHECK(stats(c).bytes > 0, "negative entries have a size");

    /* a memory-limit failure depends on the state: never cached */
    const char *big = "x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]\n"
                      "y = {'a': 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'c': (1, 2, 3)}\nlen(x)";
    pe_limits lim = {0};
    lim.max_memory = 2000; /* per compile: the parser's first 4 KiB arena chunk fails */
    pe_set_limits(S, &lim);
    pe_code *code = pe_cache_get(c, S, big, strlen(big), NULL, PE_MODE_CALC);
    CHECK(code == NULL && S->exc.tag == PE_TOBJ, "compile under a tight memory limit fails");
    CHECK(strcmp(exc_name(S), "SyntaxError") != 0, "limit failure is %s", exc_name(S));
    pe_reset(S);
    CHECK_STATS(c, 2 * n, n + 1, n);
    lim.max_memory = 0;
    pe_set_limits(S, &lim);
    CHECK_RUN(c, S, big, "16");
    CHECK_STATS(c, 2 * n, n + 2, n + 1);
    CHECK_RUN(c, S, big, "16");
    CHECK_STATS(c, 2 * n + 1, n + 2, n + 1);
    pe_cache_free(c);
    free_state(S, &out, &err);
}

static void t_clear_resize_refs(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_cache *c = pe_cache_new(10, 0);
    char src[32], exp[32], res[64];
    for (int i = 0; i < 8; i++) {
        snprintf(src, sizeof src, "%d ** 2", i);
        snprintf(exp, sizeof exp, "%d", i * i);
        CHECK_RUN(c, S, src, exp);
    }
    CHECK_RUN(c, S, "7 ** 2", "49");
    CHECK_STATS(c, 1, 8, 8);
    /* held references survive clear, resize and free of the cache */
    pe_code *held = pe_cache_get(c, S, "3 ** 2", 6, NULL, PE_MODE_CALC);
    CHECK_STATS(c, 2, 8, 8);
    pe_cache_clear(c);
    CHECK_STATS(c, 0, 0, 0);
    CHECK(stats(c).bytes == 0, "bytes after clear %zu", stats(c).bytes);
    CHECK(held && strcmp(run(S, held, res, sizeof res), "9") == 0, "held after clear: %s", res);
    pe_code *again = pe_cache_get(c, S, "3 ** 2", 6, NULL, PE_MODE_CALC);
    CHECK(again && again != held, "recompiled after clear");
    CHECK_STATS(c, 0, 1, 1);
    /* resize: bounds reported, extra entries evicted LRU first */
    for (int i = 0; i < 8; i++) {
        snprintf(src, sizeof src, "%d ** 3", i);
        snprintf(exp, sizeof exp, "%d", i * i * i);
        CHECK_RUN(c, S, src, exp);
    }
    CHECK_STATS(c, 0, 9, 9);
    pe_cache_resize(c, 4, 1 << 20);
    pe_cache_stats st = stats(c);
    CHECK(st.maxsize == 4 && st.maxbytes == 1 << 20 && st.currsize == 4, "resize: %zu %zu %zu",
          st.maxsize, st.maxbytes, st.currsize);
    CHECK_RUN(c, S, "7 ** 3", "343"); /* the 4 most recent stay */
    CHECK_RUN(c, S, "4 ** 3", "64");
    CHECK_STATS(c, 2, 9, 4);
    CHECK_RUN(c, S, "3 ** 3", "27"); /* evicted by the resize */
    CHECK_STATS(c, 2, 10, 4);
    pe_cache_resize(c, 0, 0);
    st = stats(c);
    CHECK(st.maxsize == 1024 && st.maxbytes == (size_t)64 << 20, "resize(0, 0) = defaults");
    /* refcounts: retain/release pairs; the cache's own reference */
    pe_code_retain(again);
    pe_code_retain(again);
    pe_code_release(again);
    pe_code_release(again);
    CHECK(atomic_load(&again->refcount) == 1, "refcount %u (cache dropped its ref on resize)",
          atomic_load(&again->refcount));
    pe_code *fresh = pe_cache_get(c, S, "'fresh'", 7, NULL, PE_MODE_CALC);
    CHECK(fresh && atomic_load(&fresh->refcount) == 2, "caller + cache references");
    pe_cache_free(c);
    CHECK(fresh && atomic_load(&fresh->refcount) == 1, "cache freed: caller's reference left");
    CHECK(strcmp(run(S, fresh, res, sizeof res), "'fresh'") == 0, "after cache free: %s", res);
    CHECK(strcmp(run(S, again, res, sizeof res), "9") == 0, "again: %s", res);
    pe_code_release(fresh);
    pe_code_release(again);
    pe_code_release(held);
    pe_code_release(NULL);
    pe_code_retain(NULL);
    free_state(S, &out, &err);
}

/* ---- threads ---- */

#define NSRC 24
typedef struct {
    char src[96];
    char expect[64];
} tcase;

typedef struct {
    pe_cache *c;
    const tcase *cases;
    int iters, id;
    int bad;
    uint64_t gets;
} targ;

static void *worker(void *p) {
    targ *a = p;
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    uint64_t x = 0x9E3779B97F4A7C15ull * (uint64_t)(a->id + 1);
    char res[128];
    for (int i = 0; i < a->iters; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const tcase *t = &a->cases[x % NSRC];
        const char *g = get_run(a->c, S, t->src, res, sizeof res);
        a->gets++;
        if (strcmp(g, t->expect) != 0) {
            if (a->bad++ < 5) fprintf(stderr, "thread %d: %s -> %s, expected %s\n", a->id, t->src, g, t->expect);
        }
        buf_reset(&out);
        buf_reset(&err);
    }
    free_state(S, &out, &err);
    return NULL;
}

static void threads(uint64_t force_hash, size_t max_entries) {
    enum { NTHREADS = 8, ITERS = 1500 };
    tcase cases[NSRC];
    for (int i = 0; i < NSRC; i++) {
        if (i % 6 == 5) { /* compile errors: negative entries */
            snprintf(cases[i].src, sizeof cases[i].src, "x = %d +", i);
            snprintf(cases[i].expect, sizeof cases[i].expect, "COMPILE SyntaxError");
        } else if (i % 6 == 4) { /* runtime errors */
            snprintf(cases[i].src, sizeof cases[i].src, "d = {'k%d': 1}\nd['nope']", i);
            snprintf(cases[i].expect, sizeof cases[i].expect, "EXC KeyError");
        } else {
            snprintf(cases[i].src, sizeof cases[i].src,
                     "def f(n):\n    return sum(k * k for k in range(n)) + %d\n[f(%d), 'x%d']", i,
                     i * 3, i);
            long s = 0;
            for (int k = 0; k < i * 3; k++) s += (long)k * k;
            snprintf(cases[i].expect, sizeof cases[i].expect, "[%ld, 'x%d']", s + i, i);
        }
    }
    pe_cache *c = pe_cache_new(max_entries, 0);
    pe_cache_debug_force_hash(c, force_hash);
    pthread_t th[NTHREADS];
    targ args[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        args[i] = (targ){c, cases, ITERS, i, 0, 0};
        CHECK(pthread_create(&th[i], NULL, worker, &args[i]) == 0, "pthread_create");
    }
    uint64_t gets = 0;
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(th[i], NULL);
        CHECK(args[i].bad == 0, "thread %d: %d wrong results", i, args[i].bad);
        gets += args[i].gets;
    }
    pe_cache_stats st = stats(c);
    CHECK(st.hits + st.misses == gets, "hits %" PRIu64 " + misses %" PRIu64 " != gets %" PRIu64,
          st.hits, st.misses, gets);
    CHECK(st.currsize <= max_entries && st.currsize > 0, "currsize %zu", st.currsize);
    CHECK(st.misses >= (max_entries >= NSRC ? NSRC : 1), "misses %" PRIu64, st.misses);
    if (max_entries >= NSRC) CHECK(st.currsize == NSRC, "all cached: %zu", st.currsize);
    /* the cache is still consistent: every key once more, single-threaded */
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    for (int i = 0; i < NSRC; i++) CHECK_RUN(c, S, cases[i].src, cases[i].expect);
    free_state(S, &out, &err);
    pe_cache_free(c);
}

static void t_threads(void) { threads(0, 64); }
static void t_threads_evict(void) { threads(0, 7); } /* constant eviction under contention */
static void t_threads_collide(void) { threads(7, 64); } /* one chain */

/* ---- profiling ---- */

static void t_profile(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_profile p;
    char *repr = NULL;
    pe_code *code = NULL;
    const char *src = "def f(n):\n    return [i * i for i in range(n)]\nprint(len(f(100)))\nsum(f(2000))";
    int r = pe_profile_run(S, NULL, src, strlen(src), NULL, PE_MODE_CALC, &p, &repr, &code);
    CHECK(r == 0 && repr && strcmp(repr, "2664667000") == 0, "profile run: %d %s", r,
          repr ? repr : "(null)");
    CHECK(out.p && strcmp(out.p, "100\n") == 0, "program output: %s", out.p ? out.p : "");
    CHECK(p.cache == PE_PROFILE_CACHE_OFF, "cache off");
    CHECK(p.lex_ns > 0 && p.parse_ns > 0 && p.compile_ns > 0 && p.execute_ns > 0 &&
              p.format_ns > 0,
          "every stage timed: %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64,
          p.lex_ns, p.parse_ns, p.compile_ns, p.execute_ns, p.format_ns);
    uint64_t sum = p.lex_ns + p.parse_ns + p.compile_ns + p.execute_ns + p.format_ns;
    CHECK(sum <= p.total_ns, "sum %" PRIu64 " > total %" PRIu64, sum, p.total_ns);
    free(repr);
    pe_reset(S);
    pe_code_release(code);

    /* the profiling hook: the plain calls time their stages into it and
     * give the same answers */
    pe_profile q;
    memset(&q, 0xff, sizeof q);
    pe_set_profile(S, &q);
    code = pe_compile(S, "6 * 7", 5, NULL, PE_MODE_CALC);
    CHECK(code && q.lex_ns < 1000000000 && q.parse_ns < 1000000000 &&
              q.cache == PE_PROFILE_CACHE_OFF,
          "compile with the hook");
    CHECK(q.total_ns == UINT64_MAX, "the hook leaves total_ns alone");
    r = pe_run_repr(S, code, &repr);
    CHECK(r == 0 && repr && strcmp(repr, "42") == 0 && q.execute_ns < 1000000000 &&
              q.format_ns < 1000000000,
          "run_repr with the hook");
    free(repr);
    pe_reset(S);
    pe_code_release(code);
    pe_cache *hc = pe_cache_new(4, 0);
    code = pe_cache_get(hc, S, "6 * 7", 5, NULL, PE_MODE_CALC);
    CHECK(code && q.cache == PE_PROFILE_CACHE_MISS, "cache_get with the hook: miss");
    pe_code_release(code);
    code = pe_cache_get(hc, S, "6 * 7", 5, NULL, PE_MODE_CALC);
    CHECK(code && q.cache == PE_PROFILE_CACHE_HIT && q.lex_ns == 0, "cache_get with the hook: hit");
    pe_code_release(code);
    pe_cache_free(hc);
    memset(&q, 0xff, sizeof q);
    pe_set_profile(S, NULL);
    code = pe_compile(S, "1", 1, NULL, PE_MODE_CALC);
    CHECK(code && q.lex_ns == UINT64_MAX, "hook off: nothing written");
    pe_code_release(code);

    /* compile error, code_out == NULL: printed and reset here */
    buf_reset(&err);
    r = pe_profile_run(S, NULL, "1 +", 3, NULL, PE_MODE_CALC, &p, NULL, NULL);
    CHECK(r == -1 && S->exc.tag != PE_TOBJ, "error printed and cleared");
    CHECK(err.p && strstr(err.p, "SyntaxError: invalid syntax"), "traceback: %s", err.p ? err.p : "");
    CHECK(p.execute_ns == 0 && p.lex_ns > 0, "no execute stage after a compile error");
    /* runtime error */
    buf_reset(&err);
    r = pe_profile_run(S, NULL, "1 // 0", 6, NULL, PE_MODE_CALC, &p, NULL, NULL);
    CHECK(r == -1 && err.p && strstr(err.p, "ZeroDivisionError"), "runtime error printed");
    CHECK(p.execute_ns > 0, "execute timed");

    /* through a cache: miss, then hit with no lex/parse */
    pe_cache *c = pe_cache_new(4, 0);
    r = pe_profile_run(S, c, "2 ** 10", 7, NULL, PE_MODE_CALC, &p, &repr, NULL);
    CHECK(r == 0 && p.cache == PE_PROFILE_CACHE_MISS && p.parse_ns > 0, "miss");
    free(repr);
    r = pe_profile_run(S, c, "2 ** 10", 7, NULL, PE_MODE_CALC, &p, &repr, NULL);
    CHECK(r == 0 && repr && strcmp(repr, "1024") == 0, "hit result");
    CHECK(p.cache == PE_PROFILE_CACHE_HIT && p.lex_ns == 0 && p.parse_ns == 0 && p.compile_ns > 0,
          "hit: cache %d lex %" PRIu64 " parse %" PRIu64, p.cache, p.lex_ns, p.parse_ns);
    free(repr);
    CHECK_STATS(c, 1, 1, 1);
    pe_cache_free(c);

    /* formatting */
    pe_profile f = {1, 22, 333, 4444, 55555, 99999, PE_PROFILE_CACHE_HIT};
    char js[512], tb[1024];
    int n = pe_profile_format_json(&f, js, sizeof js);
    CHECK(n > 0 && (size_t)n == strlen(js) &&
              strcmp(js, "{\"lex_ns\":1,\"parse_ns\":22,\"compile_ns\":333,\"execute_ns\":4444,"
                         "\"format_ns\":55555,\"total_ns\":99999,\"cache\":\"hit\"}\n") == 0,
          "json: %s", js);
    n = pe_profile_format_table(&f, tb, sizeof tb);
    CHECK(n > 0 && (size_t)n == strlen(tb) && strstr(tb, "execute") && strstr(tb, "99999") &&
              strstr(tb, "cache: hit"),
          "table: %s", tb);
    char small[8];
    int need = pe_profile_format_table(&f, small, sizeof small);
    CHECK(need == n && strlen(small) == sizeof small - 1, "truncation: %d vs %d", need, n);
    free_state(S, &out, &err);
}

/* ---- main ---- */

static const subtest tests[] = {
    {"hits_misses", t_hits_misses},   {"no_stale_state", t_no_stale_state},
    {"lru", t_lru},                   {"bytes", t_bytes},
    {"collision", t_collision},       {"negative", t_negative},
    {"clear_resize_refs", t_clear_resize_refs}, {"threads", t_threads},
    {"threads_evict", t_threads_evict}, {"threads_collide", t_threads_collide},
    {"profile", t_profile},
};
#define NTESTS (sizeof tests / sizeof tests[0])

int main(int argc, char **argv) {
    int ran = run_subtests(tests, NTESTS, argc, argv);
    if (ran <= 0) return ran ? 2 : 0;
    printf("test_cache: %d subtests, %d checks, %d failures\n", ran, checks, failures);
    return failures ? 1 : 0;
}
