/*
 * fuzz_marshal.c - libFuzzer target for the bytecode loader (marshal.c).
 *
 *   make fuzz-marshal                        build/pyexpr-fuzz-marshal
 *   make fuzz-marshal-run FUZZ_SECONDS=60    run it, seeded from tests/corpus
 *
 * An input starting with "PEXC" goes to the loader as it is. Any other
 * input is taken as source: compiled, serialized (which must load back:
 * otherwise abort), then damaged in a few places chosen from the input's
 * hash (a byte overwritten, the buffer cut short) and loaded again, so the
 * loader sees well-formed bytes with one defect deep inside, not only junk
 * refused at the header. A damaged buffer either loads (then it is
 * disassembled and released) or fails with an exception; ASan and UBSan
 * report any out-of-bounds read, leak or undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pe_marshal.h"
#include "pe_vm.h"

static void load(pe_state *S, const uint8_t *p, size_t n) {
    pe_code *code = NULL;
    if (pe_code_deserialize(S, p, n, &code) == 0) {
        pe_sb sb;
        pe_sb_init(&sb, S);
        pe_code_dump(S, code, &sb);
        pe_sb_free(&sb);
        pe_code_release(code);
    }
    pe_exc_clear(S);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static pe_state *S; /* one state for every input, as fuzz_run.c */
    if (!S && !(S = pe_state_new())) abort();
    if (size >= 4 && !memcmp(data, "PEXC", 4)) {
        load(S, data, size);
        return 0;
    }
    pe_code *code = pe_compile(S, (const char *)data, size, "<fuzz>", PE_MODE_EXEC);
    if (!code) {
        pe_exc_clear(S);
        return 0;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_code_serialize(S, code, &sb) == 0) {
        pe_code *back = NULL;
        if (pe_code_deserialize(S, sb.p, sb.len, &back)) abort(); /* must round-trip */
        pe_code_release(back);
        uint64_t h = 1469598103934665603u;
        for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 1099511628211u;
        uint8_t *m = malloc(sb.len);
        if (!m) abort();
        for (int k = 0; k < 8; k++) {
            memcpy(m, sb.p, sb.len);
            h = h * 6364136223846793005u + 1442695040888963407u;
            size_t at = (size_t)(h >> 16) % sb.len;
            m[at] = (uint8_t)(h >> 56) ^ (uint8_t)(k + 1);
            load(S, m, k == 7 ? at : sb.len);
        }
        free(m);
    }
    pe_exc_clear(S);
    pe_sb_free(&sb);
    pe_code_release(code);
    return 0;
}
