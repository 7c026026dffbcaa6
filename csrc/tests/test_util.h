/*
 * test_util.h - the harness shared by the C unit tests in csrc/tests/:
 * CHECK counting checks and failures, a growing output buffer usable as a
 * pe_set_output sink, the pending exception's type name. Public API only
 * (tests of the internals include their headers themselves).
 */
#ifndef PE_TEST_UTIL_H
#define PE_TEST_UTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyexpr.h"

static int failures, checks;

#define CHECK(cond, ...)                                         \
    do {                                                         \
        checks++;                                                \
        if (!(cond)) {                                           \
            failures++;                                          \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                        \
            fputc('\n', stderr);                                 \
        }                                                        \
    } while (0)

/* Captured output: NUL-terminated bytes p[0..n). */
typedef struct {
    char *p;
    size_t n, cap;
} buf;

/* A pe_write_fn appending to the buf ud. */
static inline size_t sink(void *ud, const char *s, size_t n) {
    buf *b = ud;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) abort();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
    return n;
}

static inline void buf_reset(buf *b) {
    b->n = 0;
    if (b->p) b->p[0] = 0;
}

/* A new state writing out and err to the two bufs (abort when out of memory). */
static inline pe_state *new_state(buf *out, buf *err) {
    pe_state *S = pe_state_new();
    if (!S) abort();
    pe_set_output(S, sink, out, sink, err);
    return S;
}

/* Frees S and the bufs new_state gave it. */
static inline void free_state(pe_state *S, buf *out, buf *err) {
    pe_state_free(S);
    free(out->p);
    free(err->p);
}

/* Name of the pending exception's type ("" if none). */
static inline const char *exc_name(pe_state *S) {
    return pe_has_exception(S) ? pe_value_type_name(pe_exception(S)) : "";
}

/* A named subtest of a C test driver. */
typedef struct {
    const char *name;
    void (*fn)(void);
} subtest;

/* The drivers' command line: no argument runs every subtest; names run
 * those (printing "name: ok" or "name: FAILED"); --list prints the names.
 * Returns the number run, 0 after --list, -1 after an unknown name. */
static inline int run_subtests(const subtest *t, size_t n, int argc, char **argv) {
    if (argc == 2 && !strcmp(argv[1], "--list")) {
        for (size_t i = 0; i < n; i++) puts(t[i].name);
        return 0;
    }
    int ran = 0;
    for (size_t i = 0; i < n; i++) {
        bool want = argc == 1;
        for (int a = 1; a < argc; a++) want |= !strcmp(argv[a], t[i].name);
        if (!want) continue;
        int f0 = failures;
        t[i].fn();
        ran++;
        if (argc > 1) printf("%s: %s\n", t[i].name, failures == f0 ? "ok" : "FAILED");
    }
    if (ran != (argc == 1 ? (int)n : argc - 1)) {
        fprintf(stderr, "unknown subtest name\n");
        return -1;
    }
    return ran;
}

#endif /* PE_TEST_UTIL_H */
