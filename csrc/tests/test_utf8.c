/*
 * test_utf8.c - driver for csrc/core/utf8.c.
 *
 *   test_utf8 -    one command per input line, one result line each
 *                  (tests/test_utf8_unit.py compares with CPython's codec)
 *   test_utf8      a small self-test (make check)
 *
 * Commands: "strict HEX" / "pass HEX" (surrogatepass) -> "OK n CP,CP,..."
 * (the code points, hex) when all of the bytes decode, else
 * "ERR pos bad_len reason".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe_internal.h"

static size_t unhex(const char *t, char *out) {
    size_t n = 0;
    for (; t[0] && t[1]; t += 2) {
        unsigned v;
        if (sscanf(t, "%2x", &v) != 1) break;
        out[n++] = (char)v;
    }
    return n;
}

/* Decodes s[0..len) or reports its first error, into line. */
static void decode(const char *s, size_t len, bool pass, char *line, size_t cap) {
    size_t bad = 0;
    const char *why = NULL;
    size_t ok = pe_utf8_find_error(s, len, pass, &bad, &why);
    if (ok < len) {
        snprintf(line, cap, "ERR %zu %zu %s", ok, bad, why);
        return;
    }
    size_t k = (size_t)snprintf(line, cap, "OK %zu ", pe_utf8_count(s, len));
    for (size_t i = 0; i < len && k + 12 < cap;) {
        uint32_t cp;
        size_t n = pe_utf8_check(s + i, len - i, pass, &cp);
        size_t m;
        uint32_t fast = pe_utf8_decode(s + i, &m);
        if (n == 0 || m != n || fast != cp) {
            snprintf(line, cap, "MISMATCH at %zu", i);
            return;
        }
        char enc[4];
        if (pe_utf8_encode(cp, enc) != n || memcmp(enc, s + i, n) != 0) {
            snprintf(line, cap, "ENCODE MISMATCH at %zu", i);
            return;
        }
        if (pe_utf8_prev(s, i + n) != i) {
            snprintf(line, cap, "PREV MISMATCH at %zu", i);
            return;
        }
        k += (size_t)snprintf(line + k, cap - k, "%s%x", i ? "," : "", (unsigned)cp);
        i += n;
    }
}

static int self_test(void) {
    static const struct {
        const char *hex;
        bool pass;
        const char *want;
    } cases[] = {
        {"61e282ac", false, "OK 2 61,20ac"},
        {"c0af", false, "ERR 0 1 invalid start byte"},
        {"e080", false, "ERR 0 1 invalid continuation byte"},
        {"e282", false, "ERR 0 2 unexpected end of data"},
        {"eda080", false, "ERR 0 1 invalid continuation byte"},
        {"eda080", true, "OK 1 d800"},
        {"eda0", true, "ERR 0 1 invalid continuation byte"},
        {"f4908080", false, "ERR 0 1 invalid continuation byte"},
        {"f0908080", false, "OK 1 10000"},
        {"41f5", false, "ERR 1 1 invalid start byte"},
    };
    int fails = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64], line[256];
        size_t n = unhex(cases[i].hex, buf);
        decode(buf, n, cases[i].pass, line, sizeof line);
        if (strcmp(line, cases[i].want) != 0) {
            printf("FAIL %s %s: got %s, want %s\n", cases[i].pass ? "pass" : "strict", cases[i].hex,
                   line, cases[i].want);
            fails++;
        }
    }
    printf("test_utf8 self-test: %zu checks, %d failures\n", sizeof cases / sizeof cases[0], fails);
    return fails != 0;
}

int main(int argc, char **argv) {
    (void)argv;
    if (argc < 2) return self_test();
    char in[8192], buf[4096], line[65536];
    while (fgets(in, sizeof in, stdin)) {
        char *sp = strchr(in, ' ');
        size_t n = sp ? unhex(sp + 1, buf) : 0;
        decode(buf, n, strncmp(in, "pass", 4) == 0, line, sizeof line);
        puts(line);
    }
    return 0;
}
