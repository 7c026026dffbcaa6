/*
 * profile.c - per-stage timings of one run (pe_profile, pyexpr.h; the
 * meaning of every number is in docs/profiling.md).
 *
 * The untimed paths (pe_compile, pe_cache_get, pe_run_repr) never read the
 * clock: the staged functions take a NULL profile there and test it before
 * every clock read.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pe_vm.h"

uint64_t pe_clock_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int pe_profile_run(pe_state *S, pe_cache *c, const char *src, size_t len, const char *filename,
                   int mode, pe_profile *out, char **repr_out, pe_code **code_out) {
    memset(out, 0, sizeof *out);
    if (repr_out) *repr_out = NULL;
    if (code_out) *code_out = NULL;
    /* one clock read per stage boundary: clk carries the last reading */
    uint64_t t0 = pe_clock_ns(), clk = t0;
    pe_code *code = pe_cache_get_timed(c, S, src, len, filename, mode, out, &clk);
    int r = -1;
    if (code) r = pe_run_repr_timed(S, code, repr_out, out, &clk);
    if (code_out) {
        *code_out = code;
    } else {
        if (r) {
            uint64_t tp = clk;
            pe_print_exception(S);
            out->format_ns += (clk = pe_clock_ns()) - tp;
        }
        pe_reset(S);
        pe_code_release(code);
        clk = pe_clock_ns();
    }
    out->total_ns = clk - t0;
    return r;
}

static const char *cache_name(int c) {
    return c == PE_PROFILE_CACHE_HIT ? "hit" : c == PE_PROFILE_CACHE_MISS ? "miss" : "off";
}

int pe_profile_format_json(const pe_profile *p, char *buf, size_t cap) {
    return snprintf(buf, cap,
                    "{\"lex_ns\":%" PRIu64 ",\"parse_ns\":%" PRIu64 ",\"compile_ns\":%" PRIu64
                    ",\"execute_ns\":%" PRIu64 ",\"format_ns\":%" PRIu64 ",\"total_ns\":%" PRIu64
                    ",\"cache\":\"%s\"}\n",
                    p->lex_ns, p->parse_ns, p->compile_ns, p->execute_ns, p->format_ns,
                    p->total_ns, cache_name(p->cache));
}

int pe_profile_format_table(const pe_profile *p, char *buf, size_t cap) {
    static const char *const names[6] = {"lex", "parse", "compile", "execute", "format", "total"};
    const uint64_t v[6] = {p->lex_ns, p->parse_ns, p->compile_ns, p->execute_ns, p->format_ns,
                           p->total_ns};
    size_t n = 0;
    int k = snprintf(buf, cap, "pyexpr profile (cache: %s)\n%-10s %14s %7s\n",
                     cache_name(p->cache), "stage", "ns", "%total");
    if (k < 0) return k;
    n += (size_t)k;
    for (int i = 0; i < 6; i++) {
        double pct = p->total_ns ? 100.0 * (double)v[i] / (double)p->total_ns : 0.0;
        k = snprintf(n < cap ? buf + n : NULL, n < cap ? cap - n : 0, "%-10s %14" PRIu64 " %6.1f%%\n",
                     names[i], v[i], pct);
        if (k < 0) return k;
        n += (size_t)k;
    }
    return (int)n;
}
