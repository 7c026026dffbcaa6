/*
 * fuzz_snapshot.c - libFuzzer entry point for the snapshot loader
 * (csrc/core/snapshot.c): every byte string must load or fail with an
 * exception, never crash or leak. The input is the snapshot's body (what
 * follows the magic, version and MAC): the harness skips the MAC check
 * (pe_snapshot_load_unchecked), so the fuzzer exercises the loader's own
 * validation - what an attacker holding the key could send. A loaded
 * snapshot is then abandoned (its frames unwound) and the state reset.
 *
 *   make fuzz-snapshot                      build/pyexpr-fuzz-snapshot
 *   make fuzz-snapshot-run FUZZ_SECONDS=60  run it, seeded from csrc/fuzz/snapshot_seeds
 *
 * Built with -DFUZZ_SNAPSHOT_MAIN (no libFuzzer), it is a reproducer: each
 * argument is a file holding one input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyexpr.h"

/* The engine's loader without the key check (internal; linked statically). */
int pe_snapshot_load_unchecked(pe_state *S, const void *data, size_t len, pe_code **code_out);

static size_t discard(void *ud, const char *buf, size_t n) {
    (void)ud;
    (void)buf;
    return n;
}

static const pe_limits fuzz_limits = {
    .max_steps = 100000, .max_memory = 64u << 20, .max_depth = 200, .timeout = 2.0};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* a state per input: nothing carries over from a bad snapshot */
    unsigned char *buf = malloc(size + 39);
    pe_state *S = buf ? pe_state_new() : NULL;
    if (!S) {
        free(buf);
        return 0;
    }
    pe_set_output(S, discard, NULL, discard, NULL);
    memcpy(buf, "PXSNAP\x01", 7);
    memset(buf + 7, 0, 32);
    if (size) memcpy(buf + 39, data, size);
    pe_set_limits(S, &fuzz_limits);
    pe_code *code = NULL;
    if (pe_snapshot_load_unchecked(S, buf, size + 39, &code) == 0) {
        pe_pending p;
        if (pe_pending_call(S, &p) != 0) abort(); /* a loaded run is suspended */
    }
    free(buf);
    pe_run_end(S);
    pe_reset(S);
    if (code) pe_code_release(code);
    pe_state_free(S);
    return 0;
}

#ifdef FUZZ_SNAPSHOT_MAIN
int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) continue;
        static unsigned char in[1 << 20];
        size_t n = fread(in, 1, sizeof in, f);
        fclose(f);
        LLVMFuzzerTestOneInput(in, n);
    }
    return 0;
}
#endif
