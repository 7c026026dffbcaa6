/*
 * cli_compat.c - TRANSITIONAL: pe_cli_warm and pe_cli_fix_memory_message,
 * which csrc/cli/main.c still calls until its port to pyexpr.h lands
 * (branch cli). The daemon itself no longer uses them: per-run max_memory
 * now lives in the core (pe_run_exec counts it from what the state holds
 * when the run starts, and its LimitError names the user's number).
 * DELETE this file (and the declarations in pe_cli.h) once main.c stops
 * calling them. Until then it is the one file of csrc/daemon that reaches
 * into the engine's internals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/pe_vm.h"
#include "../cli/pe_cli.h"

void pe_cli_warm(pe_state *S) {
    pe_limits saved = S->limits, nolim = saved;
    nolim.max_steps = 0;
    nolim.max_memory = 0;
    nolim.timeout = 0;
    pe_set_limits(S, &nolim);
    pe_code *code = pe_compile(S, "None", 4, "<warm>", PE_MODE_EXEC);
    if (code) {
        char *repr = NULL;
        (void)pe_run_repr(S, code, &repr);
        free(repr);
    }
    pe_reset(S);
    pe_code_release_in(S, code);
    pe_set_limits(S, &saved);
}

void pe_cli_fix_memory_message(pe_state *S, size_t abs_limit, size_t user_limit) {
    pe_val e = S->exc;
    if (abs_limit == user_limit || e.tag != PE_TOBJ ||
        !pe_type_is_subtype(e.u.o->type, PE_EXC(LimitError)))
        return;
    pe_exc *x = PE_EXCOBJ(e);
    if (x->args.tag != PE_TOBJ || PE_TUPLE(x->args)->n != 1) return;
    pe_val m = PE_TUPLE(x->args)->items[0];
    char want[96], now[96];
    snprintf(want, sizeof want, "memory limit exceeded (max_memory=%zu bytes)", abs_limit);
    if (!pe_is_str(m) || strcmp(PE_STR(m)->data, want)) return;
    int n = snprintf(now, sizeof now, "memory limit exceeded (max_memory=%zu bytes)", user_limit);
    size_t lim = S->limits.max_memory;
    S->limits.max_memory = 0; /* the new message must not fail on the limit */
    pe_incref(e);
    pe_val str, tup;
    if (pe_str_new(S, now, (size_t)n, &str) == 0) {
        if (pe_tuple_pack(S, 1, &str, &tup) == 0) {
            pe_val old = x->args;
            x->args = tup;
            pe_decref(S, old);
        }
        pe_decref(S, str);
    }
    S->limits.max_memory = lim;
    if (S->exc.tag != e.tag || S->exc.u.o != e.u.o) { /* out of memory meanwhile: keep ours */
        pe_exc_clear(S);
        S->exc = e; /* our reference */
    } else {
        pe_decref(S, e);
    }
}
