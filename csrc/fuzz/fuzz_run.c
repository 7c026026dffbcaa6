/*
 * fuzz_run.c - libFuzzer entry point: source bytes -> lex -> parse -> compile
 * -> run, through the public API only (pyexpr.h).
 *
 *   make fuzz                          build/pyexpr-fuzz (clang, libFuzzer + ASan + UBSan)
 *   make fuzz-run FUZZ_SECONDS=60      run it, seeded from tests/corpus
 *
 * Every input is bounded: a step limit, a memory limit, a small call depth
 * and a wall-clock timeout, so a slow input is a finding only if the engine
 * ignores its own limits. Output is discarded. The input is tried in two
 * compile modes (the CLI's calculator mode with the result's repr, and eval
 * mode), which exercises both compiler entry points and the repr path.
 * One state is reused across inputs (as the daemon does) and pe_reset after
 * each, so a leak or corrupted state between runs is found as well.
 */
#include <stdint.h>
#include <stdlib.h>

#include "pyexpr.h"

static size_t discard(void *ud, const char *buf, size_t n) {
    (void)ud;
    (void)buf;
    return n;
}

/* Limits per input: small enough that libFuzzer keeps thousands of execs/s,
 * large enough that real programs from the corpus run to completion. */
static const pe_limits fuzz_limits = {
    .max_steps = 200000,
    .max_memory = 64u << 20,
    .max_depth = 200,
    .timeout = 2.0,
};

static void run_mode(pe_state *S, const uint8_t *data, size_t size, int mode) {
    pe_code *code = pe_compile(S, (const char *)data, size, "<fuzz>", mode);
    if (code) {
        char *repr = NULL;
        if (pe_run_repr(S, code, &repr) < 0) pe_print_exception(S);
        free(repr);
    } else {
        pe_print_exception(S);
    }
    pe_reset(S);
    if (code) pe_code_release(code);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* Created once: libFuzzer runs inputs sequentially in one thread. A new
     * state every input would also work but hides cross-run corruption. */
    static pe_state *S;
    if (!S) {
        S = pe_state_new();
        if (!S) abort();
        pe_set_output(S, discard, NULL, discard, NULL);
        pe_set_limits(S, &fuzz_limits);
    }
    run_mode(S, data, size, PE_MODE_CALC);
    if (size < 4096) run_mode(S, data, size, PE_MODE_EVAL);
    return 0;
}
