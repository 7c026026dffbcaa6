/*
 * test_bigint.c - driver for csrc/bigint.c.
 *
 *   test_bigint            self-test: randomized algebraic identities (no
 *                          oracle needed), exit status 0/1 (for make check)
 *   test_bigint --stdin    one command per input line, one result line each
 *                          (tests/test_bigint_unit.py compares with CPython)
 *
 * Linked with the engine library (make build/<cfg>/tests/test_bigint;
 * tests/test_bigint_unit.py uses the asan and release builds).
 *
 * Commands (ints in any int(x, 0) syntax; results: ints as hex "-0x1f",
 * floats as %.17g, errors as "ERR Type: message"):
 *   add sub mul floordiv mod truediv lshift rshift and or xor cmp  A B
 *   divmod A B -> "Q R"        pow A B [M]
 *   neg invert abs sign bitlen hash todouble i128  A
 *   cmpd A D   fromdouble D     round A N
 *   fromstr xHEXBYTES BASE     lit xHEXBYTES     tostr A BASE PREFIX(0/1)
 *   memlimit N (bytes above the current use; 0 = none)
 *   failat K CMD ...  runs CMD with its K-th allocation failing (sanitizer
 *                    builds only; "UNSUPPORTED" otherwise). Operands are parsed
 *                    before the countdown starts.
 *   time CMD ...  -> "TIME ms BITS": duration of the library call only
 *                    (operand parsing excluded; result not printed)
 * A line whose command leaked memory gets " LEAK=n" appended.
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pe_vm.h"

/* Fault injection (failat): the state's allocator hook (pe_config.alloc)
 * fails the n-th allocation once armed. Only sanitizer builds have no
 * small-block cache in front of the hook, so only there does every engine
 * allocation reach it. */
#if defined(__SANITIZE_ADDRESS__)
#define DRV_FAULTS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DRV_FAULTS 1
#endif
#endif
#ifndef DRV_FAULTS
#define DRV_FAULTS 0
#endif

static size_t fail_countdown; /* the n-th allocation from now fails (0 = off) */

static void *drv_alloc(void *ud, void *p, size_t osize, size_t nsize) {
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(p);
        return NULL;
    }
    if (fail_countdown && --fail_countdown == 0) return NULL;
    return p ? realloc(p, nsize) : malloc(nsize);
}

static pe_state *drv_state_new(void) {
    pe_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.alloc = drv_alloc;
    return pe_state_new_ex(&cfg);
}
static void drv_state_free(pe_state *S) { pe_state_free(S); }
static size_t drv_live_bytes(pe_state *S) { return S->mem_used; }
static void drv_set_limit(pe_state *S, size_t n) {
    pe_limits l;
    memset(&l, 0, sizeof l);
    l.max_memory = n ? S->mem_used + n : 0;
    pe_set_limits(S, &l);
    S->mem_limit = l.max_memory; /* the operations run outside any run: bound them directly */
}
/* Arms (k > 0) or disarms (k == 0) the fault injection; false when this
 * build cannot inject faults reliably. */
static bool drv_fail_at(pe_state *S, size_t k) {
    (void)S;
    fail_countdown = DRV_FAULTS ? k : 0;
    return DRV_FAULTS || k == 0;
}
static void drv_take_exc(pe_state *S, char *buf, size_t n) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    const char *tn = S->exc.tag == PE_TOBJ ? S->exc.u.o->type->name : "?";
    if (S->exc.tag == PE_TOBJ && pe_exc_str(S, S->exc, &sb) == 0)
        snprintf(buf, n, "%s: %.*s", tn, (int)sb.len, sb.p);
    else
        snprintf(buf, n, "%s: <unprintable>", tn);
    pe_sb_free(&sb);
    pe_exc_clear(S);
}

#define MAXTOK 8

static pe_state *S;
static char excbuf[4096];
static double op_ms; /* time spent in the measured library calls */

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Evaluates a library call, adding its duration to op_ms; arms the pending
 * fault injection (failat) just before it. */
#define OP(call)                                                                               \
    (drv_fail_at(S, fail_k), op_t0 = now_ms(), op_rc = (call), op_ms += now_ms() - op_t0,     \
     drv_fail_at(S, 0), op_rc)
static double op_t0;
static int op_rc;
static size_t fail_k; /* failat: the k-th allocation of the next library call fails */

/* Prints the pending exception as "ERR Type: message". */
static void print_err(void) {
    drv_take_exc(S, excbuf, sizeof excbuf);
    printf("ERR %s", excbuf);
}

/* Parses an int operand (int(x, 0) syntax). */
static int parse_int(const char *t, pe_val *v) { return pe_int_from_str(S, t, strlen(t), 0, v); }

/* a's text in base into a new buffer *sb (nothing to free on failure). */
static int int_text(pe_val a, int base, bool alt, pe_sb *sb) {
    pe_sb_init(sb, S);
    if (!pe_int_to_str(S, a, base, alt, sb)) return 0;
    pe_sb_free(sb);
    return -1;
}

/* Decodes "x<hex bytes>" into a malloc'ed buffer. */
static char *unhex(const char *t, size_t *len) {
    if (*t != 'x') return NULL;
    t++;
    size_t n = strlen(t) / 2;
    char *b = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        int hi = t[2 * i], lo = t[2 * i + 1];
        hi = hi <= '9' ? hi - '0' : (hi | 0x20) - 'a' + 10;
        lo = lo <= '9' ? lo - '0' : (lo | 0x20) - 'a' + 10;
        b[i] = (char)(hi * 16 + lo);
    }
    b[n] = 0;
    *len = n;
    return b;
}

/* Prints an int in hex or a float as %.17g. */
static int print_val(pe_val v) {
    if (v.tag == PE_TFLOAT) {
        printf("%.17g", v.u.f);
        return 0;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    int rc = pe_int_to_str(S, v, 16, true, &sb);
    if (rc == 0) fwrite(sb.p, 1, sb.len, stdout);
    pe_sb_free(&sb);
    return rc;
}

typedef int (*binfn)(pe_state *, pe_val, pe_val, pe_val *);
typedef int (*unfn)(pe_state *, pe_val, pe_val *);

static const struct {
    const char *name;
    binfn fn;
} BINOPS[] = {
    {"add", pe_int_add},       {"sub", pe_int_sub},       {"mul", pe_int_mul},
    {"floordiv", pe_int_floordiv}, {"mod", pe_int_mod},   {"lshift", pe_int_lshift},
    {"rshift", pe_int_rshift}, {"and", pe_int_and},       {"or", pe_int_or},
    {"xor", pe_int_xor},       {"round", pe_int_round},
};

static const struct {
    const char *name;
    unfn fn;
} UNOPS[] = {{"neg", pe_int_neg}, {"invert", pe_int_invert}, {"abs", pe_int_abs}};

/* Runs one command; results go to stdout unless quiet (then *bits gets the
 * bit length of an int result). Returns -1 when an exception is pending. */
static int run(char **tok, int nt, bool quiet, int64_t *bits) {
    pe_val a = pe_undef(), b = pe_undef(), m = pe_undef(), r = pe_undef(), r2 = pe_undef();
    const char *cmd = tok[0];
    int rc = -1;
    *bits = -1;
#define NEED(k)                                                                                \
    do {                                                                                       \
        if (nt < (k)) {                                                                        \
            printf("BADCMD");                                                                  \
            rc = 0;                                                                            \
            goto done;                                                                         \
        }                                                                                      \
    } while (0)
    for (size_t i = 0; i < sizeof BINOPS / sizeof BINOPS[0]; i++) {
        if (strcmp(cmd, BINOPS[i].name)) continue;
        NEED(3);
        if (parse_int(tok[1], &a) || parse_int(tok[2], &b) || OP(BINOPS[i].fn(S, a, b, &r))) goto done;
        goto print_r;
    }
    for (size_t i = 0; i < sizeof UNOPS / sizeof UNOPS[0]; i++) {
        if (strcmp(cmd, UNOPS[i].name)) continue;
        NEED(2);
        if (parse_int(tok[1], &a) || OP(UNOPS[i].fn(S, a, &r))) goto done;
        goto print_r;
    }
    if (!strcmp(cmd, "divmod")) {
        NEED(3);
        if (parse_int(tok[1], &a) || parse_int(tok[2], &b) || OP(pe_int_divmod(S, a, b, &r, &r2)))
            goto done;
        if (!quiet && (print_val(r) || (putchar(' '), print_val(r2)))) goto done;
        rc = 0;
    } else if (!strcmp(cmd, "pow")) {
        NEED(3);
        if (parse_int(tok[1], &a) || parse_int(tok[2], &b) || (nt > 3 && parse_int(tok[3], &m)) ||
            OP(pe_int_pow(S, a, b, m, &r)))
            goto done;
        goto print_r;
    } else if (!strcmp(cmd, "truediv") || !strcmp(cmd, "todouble")) {
        double d;
        NEED(cmd[0] == 't' && cmd[1] == 'r' ? 3 : 2);
        if (parse_int(tok[1], &a)) goto done;
        if (cmd[1] == 'r') {
            if (parse_int(tok[2], &b) || OP(pe_int_truediv(S, a, b, &d))) goto done;
        } else if (OP(pe_int_to_double(S, a, &d))) {
            goto done;
        }
        r = pe_float(d);
        goto print_r;
    } else if (!strcmp(cmd, "cmp") || !strcmp(cmd, "cmpd")) {
        NEED(3);
        if (parse_int(tok[1], &a)) goto done;
        int c;
        if (cmd[3] == 'd') {
            c = pe_int_cmp_double(a, strtod(tok[2], NULL));
        } else {
            if (parse_int(tok[2], &b)) goto done;
            c = pe_int_cmp(a, b);
        }
        if (!quiet) printf("%d", c);
        rc = 0;
    } else if (!strcmp(cmd, "sign") || !strcmp(cmd, "bitlen") || !strcmp(cmd, "hash")) {
        NEED(2);
        if (parse_int(tok[1], &a)) goto done;
        long long x = cmd[0] == 's' ? pe_int_sign(a) : cmd[0] == 'b' ? pe_int_bit_length(a)
                                                                      : pe_int_hash(a);
        if (!quiet) printf("%lld", x);
        rc = 0;
    } else if (!strcmp(cmd, "fromdouble")) {
        NEED(2);
        if (pe_int_from_double(S, strtod(tok[1], NULL), &r)) goto done;
        goto print_r;
    } else if (!strcmp(cmd, "i128")) {
        NEED(2);
        /* rebuild the value as __int128 from its hex text, then convert */
        pe_sb sb;
        if (parse_int(tok[1], &a) || int_text(a, 16, false, &sb)) goto done;
        unsigned __int128 u = 0;
        const char *p = sb.p + (sb.p[0] == '-'), *end = sb.p + sb.len;
        for (; p < end; p++) u = u * 16 + (unsigned)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
        bool neg = sb.p[0] == '-';
        pe_sb_free(&sb);
        __int128 x = neg ? -(__int128)(u - 1) - 1 : (__int128)u;
        if (pe_int_from_i128(S, x, &r)) goto done;
        goto print_r;
    } else if (!strcmp(cmd, "fromstr") || !strcmp(cmd, "lit")) {
        NEED(cmd[0] == 'f' ? 3 : 2);
        size_t len;
        char *s = unhex(tok[1], &len);
        if (!s) {
            printf("BADCMD");
            rc = 0;
            goto done;
        }
        int e = cmd[0] == 'f' ? OP(pe_int_from_str(S, s, len, atoi(tok[2]), &r))
                              : OP(pe_int_from_literal(S, s, len, &r));
        free(s);
        if (e) goto done;
        goto print_r;
    } else if (!strcmp(cmd, "tostr")) {
        NEED(4);
        pe_sb sb;
        if (parse_int(tok[1], &a) || OP(int_text(a, atoi(tok[2]), atoi(tok[3]) != 0, &sb)))
            goto done;
        if (!quiet) fwrite(sb.p, 1, sb.len, stdout);
        pe_sb_free(&sb);
        rc = 0;
    } else {
        printf("BADCMD");
        rc = 0;
    }
    goto done;
print_r:
    if (quiet)
        *bits = r.tag == PE_TFLOAT ? 0 : pe_int_bit_length(r);
    else if (print_val(r))
        goto done;
    rc = 0;
done:
    pe_decref(S, a);
    pe_decref(S, b);
    pe_decref(S, m);
    pe_decref(S, r);
    pe_decref(S, r2);
    return rc;
#undef NEED
}

static int stdin_mode(void) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        char *tok[MAXTOK];
        int nt = 0;
        for (char *p = strtok(line, " \t\r\n"); p && nt < MAXTOK; p = strtok(NULL, " \t\r\n"))
            tok[nt++] = p;
        if (nt == 0) {
            putchar('\n');
            continue;
        }
        if (!strcmp(tok[0], "memlimit") && nt > 1) {
            drv_set_limit(S, (size_t)strtoull(tok[1], NULL, 10));
            printf("OK\n");
            fflush(stdout);
            continue;
        }
        fail_k = 0;
        if (!strcmp(tok[0], "failat") && nt > 2) {
            fail_k = (size_t)strtoull(tok[1], NULL, 10);
            if (!drv_fail_at(S, fail_k)) {
                drv_fail_at(S, 0);
                printf("UNSUPPORTED\n");
                fflush(stdout);
                continue;
            }
            drv_fail_at(S, 0);
            memmove(tok, tok + 2, (size_t)(nt - 2) * sizeof tok[0]);
            nt -= 2;
        }
        size_t before = drv_live_bytes(S);
        bool timed = !strcmp(tok[0], "time");
        int64_t bits;
        op_ms = 0;
        int rc = timed ? (nt > 1 ? run(tok + 1, nt - 1, true, &bits) : 0) : run(tok, nt, false, &bits);
        if (rc)
            print_err();
        else if (timed)
            printf("TIME %.3f %lld", op_ms, (long long)bits);
        size_t after = drv_live_bytes(S);
        if (after != before) printf(" LEAK=%lld", (long long)after - (long long)before);
        putchar('\n');
        fflush(stdout);
    }
    free(line);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Self-test: identities on random operands                            */
/* ------------------------------------------------------------------ */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A random int of up to maxbits bits (edge-heavy), via hex text. */
static pe_val rand_int(int maxbits) {
    static char buf[16384];
    int bits = (int)(rng() % (uint64_t)maxbits) + 1; /* maxbits <= 60000 */
    int kind = (int)(rng() % 8);
    char *p = buf;
    if (rng() & 1) *p++ = '-';
    *p++ = '0';
    *p++ = 'x';
    int nh = (bits + 3) / 4;
    for (int i = 0; i < nh; i++) {
        unsigned h = kind == 0 ? 0xf : kind == 1 ? (i == 0) : (unsigned)(rng() & 15);
        *p++ = "0123456789abcdef"[h];
    }
    *p = 0;
    pe_val v;
    if (pe_int_from_str(S, buf, strlen(buf), 0, &v)) abort();
    return v;
}

static int failures;

static void expect(bool ok, const char *what, pe_val a, pe_val b) {
    if (ok) return;
    failures++;
    if (failures > 20) return;
    printf("FAIL %s: a=", what);
    print_val(a);
    printf(" b=");
    print_val(b);
    printf("\n");
}

/* Equality of two ints, consuming x and y. */
static bool eq_steal(pe_val x, pe_val y) {
    bool e = pe_int_cmp(x, y) == 0;
    pe_decref(S, x);
    pe_decref(S, y);
    return e;
}

static void self_test_pair(pe_val a, pe_val b) {
    pe_val s, d, p, q, r, t, u;
    /* (a + b) - b == a */
    if (pe_int_add(S, a, b, &s) || pe_int_sub(S, s, b, &d)) abort();
    expect(pe_int_cmp(d, a) == 0, "add/sub", a, b);
    pe_decref(S, s);
    pe_decref(S, d);
    /* divmod: q*b + r == a, r has b's sign, |r| < |b|; (a*b) // b == a */
    if (pe_int_sign(b) != 0) {
        if (pe_int_divmod(S, a, b, &q, &r) || pe_int_mul(S, q, b, &t) || pe_int_add(S, t, r, &u))
            abort();
        expect(pe_int_cmp(u, a) == 0, "divmod identity", a, b);
        expect(pe_int_sign(r) == 0 || pe_int_sign(r) == pe_int_sign(b), "mod sign", a, b);
        pe_val ar, ab;
        if (pe_int_abs(S, r, &ar) || pe_int_abs(S, b, &ab)) abort();
        expect(pe_int_cmp(ar, ab) < 0, "mod size", a, b);
        pe_decref(S, ar);
        pe_decref(S, ab);
        pe_decref(S, q);
        pe_decref(S, r);
        pe_decref(S, t);
        pe_decref(S, u);
        if (pe_int_mul(S, a, b, &p) || pe_int_floordiv(S, p, b, &q)) abort();
        expect(pe_int_cmp(q, a) == 0, "mul/floordiv", a, b);
        pe_decref(S, p);
        pe_decref(S, q);
    }
    /* (a & b) + (a | b) == a + b; a ^ b == (a | b) - (a & b) */
    pe_val an, orr, x, s1, s2, diff;
    if (pe_int_and(S, a, b, &an) || pe_int_or(S, a, b, &orr) || pe_int_xor(S, a, b, &x) ||
        pe_int_add(S, an, orr, &s1) || pe_int_add(S, a, b, &s2) || pe_int_sub(S, orr, an, &diff))
        abort();
    expect(pe_int_cmp(s1, s2) == 0, "and+or", a, b);
    expect(pe_int_cmp(x, diff) == 0, "xor", a, b);
    pe_decref(S, an);
    pe_decref(S, orr);
    pe_decref(S, x);
    pe_decref(S, s1);
    pe_decref(S, s2);
    pe_decref(S, diff);
}

static void self_test_one(pe_val a) {
    pe_val t, u, v;
    /* a << k >> k == a; a >> k == a // 2**k */
    int64_t k = (int64_t)(rng() % 200);
    if (pe_int_lshift(S, a, pe_int(k), &t) || pe_int_rshift(S, t, pe_int(k), &u)) abort();
    expect(pe_int_cmp(u, a) == 0, "shift", a, pe_int(k));
    pe_decref(S, t);
    pe_decref(S, u);
    if (pe_int_rshift(S, a, pe_int(k), &t) || pe_int_pow(S, pe_int(2), pe_int(k), pe_undef(), &u) ||
        pe_int_floordiv(S, a, u, &v))
        abort();
    expect(pe_int_cmp(t, v) == 0, "rshift floor", a, pe_int(k));
    pe_decref(S, t);
    pe_decref(S, u);
    pe_decref(S, v);
    /* a**3 == a*a*a */
    pe_val a2, a3;
    if (pe_int_pow(S, a, pe_int(3), pe_undef(), &t) || pe_int_mul(S, a, a, &a2) ||
        pe_int_mul(S, a2, a, &a3))
        abort();
    expect(eq_steal(t, a3), "pow3", a, a2);
    pe_decref(S, a2);
    /* ~~a == a */
    if (pe_int_invert(S, a, &t) || pe_int_invert(S, t, &u)) abort();
    expect(pe_int_cmp(u, a) == 0, "invert", a, a);
    pe_decref(S, t);
    pe_decref(S, u);
    /* decimal and hex round trips */
    for (int base = 10; base <= 16; base += 6) {
        pe_sb sb;
        pe_sb_init(&sb, S);
        if (pe_int_to_str(S, a, base, base == 16, &sb)) abort();
        if (pe_int_from_str(S, sb.p, sb.len, base == 16 ? 0 : 10, &t)) abort();
        expect(pe_int_cmp(t, a) == 0, base == 10 ? "str10" : "str16", a, t);
        pe_decref(S, t);
        pe_sb_free(&sb);
    }
    /* int(float(a)) within rounding of a */
    double d;
    if (pe_int_bit_length(a) < 1000) {
        if (pe_int_to_double(S, a, &d)) abort();
        expect(pe_int_cmp_double(a, d) == 0 || pe_int_bit_length(a) > 53, "to_double", a, a);
        if (pe_int_from_double(S, d, &t)) abort();
        expect(pe_int_cmp_double(t, d) == 0, "from_double", a, t);
        pe_decref(S, t);
    }
}

static int self_test(void) {
    int sizes[] = {64, 200, 1500, 3000, 9000};
    int count = 0;
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        for (int i = 0; i < 300; i++) {
            size_t before = drv_live_bytes(S);
            pe_val a = rand_int(sizes[si]), b = rand_int(sizes[rng() % (si + 1)]);
            self_test_pair(a, b);
            self_test_pair(b, a);
            self_test_one(a);
            pe_decref(S, a);
            pe_decref(S, b);
            expect(drv_live_bytes(S) == before, "leak", pe_int(0), pe_int(0));
            count++;
        }
    }
    printf("test_bigint: %d random cases, %d failures\n", count, failures);
    return failures != 0;
}

int main(int argc, char **argv) {
    S = drv_state_new();
    if (!S) return 2;
    int rc = argc > 1 && !strcmp(argv[1], "--stdin") ? stdin_mode() : self_test();
    drv_state_free(S);
    return rc;
}
