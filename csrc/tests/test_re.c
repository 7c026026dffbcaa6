/*
 * test_re.c - the regular-expression engine (re_compile.c, re_exec.c)
 * without the module: a few patterns with known spans and compile errors
 * (the differential tests against CPython's re are tests/corpus/re/ and
 * tests/test_hypothesis_re.py). With --driver it reads lines
 * "flags|pattern|subject" (fields: comma-separated decimal code points)
 * and prints every match's group spans as CPython's finditer would see
 * them, for debugging against the oracle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe_re.h"
#include "test_util.h"

static pe_state *S;

static size_t parse_cps(const char *s, uint32_t *out) {
    size_t n = 0;
    while (*s && *s != '|' && *s != '\n') {
        out[n++] = (uint32_t)strtoul(s, (char **)&s, 10);
        if (*s == ',') s++;
    }
    return n;
}

/* All matches of pat in subject (finditer's loop), as text into buf. */
static int run(const uint32_t *pat, size_t np, uint32_t flags, const uint32_t *subj, size_t ns,
               char *buf, size_t cap) {
    pe_re_err err;
    pe_sb_init(&err.msg, S);
    pe_re_prog *p;
    int r = pe_re_compile(S, pat, np, flags, false, &p, &err);
    size_t w = 0;
    if (r) {
        snprintf(buf, cap, "ERR %d %lld %.*s", err.kind, (long long)err.pos, (int)err.msg.len,
                 err.msg.p ? err.msg.p : "");
        pe_sb_free(&err.msg);
        if (r < 0) pe_exc_clear(S);
        return 0;
    }
    pe_sb_free(&err.msg);
    const pe_re_info *inf = pe_re_prog_info(p);
    int64_t spans[512], last;
    pe_re_subject sj = {NULL, subj, ns};
    size_t start = 0;
    bool adv = false;
    buf[0] = 0;
    for (int k = 0; k < 1000; k++) {
        if (inf->ngroups + 1 > 256) break;
        r = pe_re_exec(S, p, &sj, start, ns, PE_RE_SEARCH, adv, spans, &last);
        if (r < 0) {
            w += (size_t)snprintf(buf + w, cap - w, "EXC");
            pe_exc_clear(S);
            break;
        }
        if (!r) break;
        for (uint32_t g = 0; g <= inf->ngroups && w < cap - 64; g++)
            w += (size_t)snprintf(buf + w, cap - w, "%lld-%lld,", (long long)spans[2 * g],
                                  (long long)spans[2 * g + 1]);
        w += (size_t)snprintf(buf + w, cap - w, "L%lld;", (long long)last);
        adv = spans[1] == spans[0];
        start = (size_t)spans[1];
        if (w > cap - 200) break;
    }
    pe_re_free(S, p);
    return 0;
}

static void driver(void) {
    static char line[1 << 16], out[1 << 16];
    static uint32_t pat[1 << 14], subj[1 << 14];
    while (fgets(line, sizeof line, stdin)) {
        char *a = strchr(line, '|'), *b = a ? strchr(a + 1, '|') : NULL;
        if (!b) continue;
        uint32_t flags = (uint32_t)strtoul(line, NULL, 10);
        size_t np = parse_cps(a + 1, pat), ns = parse_cps(b + 1, subj);
        run(pat, np, flags, subj, ns, out, sizeof out);
        printf("%s\n", out);
    }
}

static void t(const char *pat, uint32_t flags, const char *subj, const char *want) {
    uint32_t p[256], s[256];
    size_t np = strlen(pat), ns = strlen(subj);
    for (size_t i = 0; i < np; i++) p[i] = (unsigned char)pat[i];
    for (size_t i = 0; i < ns; i++) s[i] = (unsigned char)subj[i];
    char out[4096];
    run(p, np, flags, s, ns, out, sizeof out);
    CHECK(!strcmp(out, want), "%s on %s: got %s, want %s", pat, subj, out, want);
}

int main(int argc, char **argv) {
    S = pe_state_new();
    if (!S) return 1;
    if (argc > 1 && !strcmp(argv[1], "--driver")) {
        driver();
        pe_state_free(S);
        return 0;
    }
    t("a+", 0, "baac", "1-3,L-1;");
    t("(a)|b", 0, "ab", "0-1,0-1,L1;1-2,-1--1,L-1;");
    t("x*", 0, "ab", "0-0,L-1;1-1,L-1;2-2,L-1;");
    t("(?i)k", 0, "K", "0-1,L-1;");
    t("(?<=a)b", 0, "abab", "1-2,L-1;3-4,L-1;");
    t("(?>a+)a", 0, "aaa", "");
    t("a++b", 0, "aab", "0-3,L-1;");
    t("a(", 0, "", "ERR 0 1 missing ), unterminated subpattern");
    t("*", 0, "", "ERR 0 0 nothing to repeat");
    t("\\q", 0, "", "ERR 0 0 bad escape \\q");
    pe_state_free(S);
    printf("test_re: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
