/*
 * capi_run.c - the public run API (pyexpr.h "Running", code accessors):
 * fresh globals in a buffer the state reuses (no allocation per run once
 * it is big enough), inputs bound by slot or name, the run itself with
 * max_memory counted from what the state holds when it starts, results
 * and globals read back, the display hook.
 */
#include "capi.h"

/* ------------------------------------------------------------------ */
/* Code accessors                                                      */
/* ------------------------------------------------------------------ */

int pe_code_mode(const pe_code *code) { return code->mode; }

uint32_t pe_code_nglobals(const pe_code *code) { return code->nglobals; }

const char *pe_code_global_name(const pe_code *code, uint32_t slot, size_t *len) {
    if (slot >= code->nglobals) return NULL;
    const pe_str *s = (const pe_str *)code->gnames[slot];
    if (len) *len = s->len;
    return s->data;
}

int64_t pe_code_global_slot(const pe_code *code, const char *name, size_t len) {
    for (uint32_t i = 0; i < code->nglobals; i++) {
        const pe_str *s = (const pe_str *)code->gnames[i];
        if (s->len == len && !memcmp(s->data, name, len)) return i;
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* Runs in steps                                                       */
/* ------------------------------------------------------------------ */

static int no_run(pe_state *S, const char *fn) {
    return pe_raise(S, PE_EXC(SystemError), "%s: no run begun (pe_run_begin)", fn);
}

/* max_memory counts from here to pe_run_memory_end (pe_run_end): the
 * inputs bound, the run, the results read. What every run needs anyway is
 * not the run's: the frames for max_depth and the first stack chunk exist
 * before the base. */
int pe_run_memory_begin(pe_state *S) {
    if (!S->limits.max_memory) return 0;
    size_t saved = S->mem_limit;
    S->mem_limit = 0;
    if (pe_vm_reserve(S)) {
        S->mem_limit = saved;
        return -1;
    }
    S->mem_limit = pe_mem_limit_from(S, S->mem_used);
    S->run_saved_limit = saved;
    S->run_mem = true;
    return 0;
}

void pe_run_memory_end(pe_state *S) {
    if (!S->run_mem) return;
    S->mem_limit = S->run_saved_limit;
    S->run_mem = false;
}

int pe_run_begin(pe_state *S, pe_code *code) {
    if (S->run_begun) pe_run_end(S);
    uint32_t n = code->nglobals;
    if (n > S->gbuf_cap) {
        uint32_t cap = n < 16 ? 16 : n;
        pe_val *g = pe_sys_realloc(S, S->gbuf, S->gbuf_cap * sizeof(pe_val), cap * sizeof(pe_val));
        if (!g) return pe_raise_nomem(S);
        S->gbuf = g;
        S->gbuf_cap = cap;
    }
    pe_val *g = S->gbuf;
    const int32_t *gb = code->gbuiltin;
    for (uint32_t i = 0; i < n; i++) g[i] = gb[i] >= 0 ? pe_builtin_value(gb[i]) : pe_undef();
    if (pe_run_memory_begin(S)) return -1;
    S->rec_limit = 0; /* a new program: sys.setrecursionlimit undone */
    S->max_depth = S->limits.max_depth ? S->limits.max_depth : 1000;
    S->code = code;
    S->globals = g;
    S->nglobals = n;
    S->run_begun = true;
    return 0;
}

int pe_run_bind(pe_state *S, uint32_t slot, pe_value v) {
    if (PE_UNLIKELY(!S->run_begun)) return no_run(S, "pe_run_bind");
    if (PE_UNLIKELY(slot >= S->nglobals))
        return pe_raise(S, PE_EXC(SystemError), "pe_run_bind: bad global slot %u", (unsigned)slot);
    pe_assign(S, &S->globals[slot], pe_val_of(v));
    return 0;
}

int pe_run_bind_name(pe_state *S, const char *name, size_t len, pe_value v) {
    if (!S->run_begun) return no_run(S, "pe_run_bind_name");
    int64_t slot = pe_code_global_slot(S->code, name, len);
    if (slot < 0) return 0;
    pe_assign(S, &S->globals[slot], pe_val_of(v));
    return 1;
}

/* can_suspend: external calls may suspend the run (PE_SUSPENDED). */
static int run_exec(pe_state *S, pe_value *result, bool can_suspend) {
    if (PE_UNLIKELY(!S->run_begun)) return no_run(S, "pe_run_exec");
    if (PE_UNLIKELY(S->susp.suspended))
        return pe_raise(S, PE_EXC(SystemError), "pe_run_exec: the run is suspended (pe_resume)");
    pe_profile *prof = S->prof;
    uint64_t t0 = prof ? pe_clock_ns() : 0;
    pe_limits_start(S);
    pe_val r = pe_none();
    S->susp.enabled = can_suspend;
    S->susp.ncalls = 0;
    int rc = pe_vm_run(S, S->code, &r);
    rc = pe_suspend_after(S, rc, r, result);
    if (prof) {
        prof->execute_ns = pe_clock_ns() - t0;
        prof->format_ns = 0;
    }
    return rc;
}

int pe_run_exec(pe_state *S, pe_value *result) { return run_exec(S, result, true); }

int pe_run_global(pe_state *S, uint32_t slot, pe_value *out) {
    if (!S->run_begun) return no_run(S, "pe_run_global");
    if (slot >= S->nglobals)
        return pe_raise(S, PE_EXC(SystemError), "pe_run_global: bad global slot %u",
                        (unsigned)slot);
    pe_val v = S->globals[slot];
    if (v.tag == PE_TUNDEF) return 0;
    pe_incref(v);
    *out = pe_value_of(v);
    return 1;
}

void pe_run_global_ids(pe_state *S, uintptr_t *ids, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        pe_value v;
        ids[i] = 0;
        if (pe_run_global(S, i, &v) == 1) {
            ids[i] = pe_value_id(v);
            pe_value_release(S, v);
        }
    }
}

/* Releases the globals; S->code stays set so that a pending exception's
 * traceback still finds the program's file name and source lines. */
void pe_run_end(pe_state *S) {
    if (!S->run_begun) return;
    pe_suspend_abandon(S);
    pe_val *g = S->globals;
    uint32_t n = S->nglobals;
    S->globals = NULL;
    S->nglobals = 0;
    S->run_begun = false;
    S->time_charged = 0; /* a charge the run never started its clock with */
    pe_run_memory_end(S);
    pe_sys_clear(S);
    for (uint32_t i = 0; i < n; i++) {
        pe_val v = g[i];
        g[i] = pe_undef();
        pe_decref(S, v);
    }
}

int pe_run(pe_state *S, pe_code *code, pe_value *result) {
    pe_profile *prof = S->prof;
    uint64_t t0 = prof ? pe_clock_ns() : 0;
    S->prof = NULL; /* timed here as a whole */
    int r = pe_run_begin(S, code);
    if (r == 0) r = run_exec(S, result, false);
    pe_run_end(S);
    S->prof = prof;
    if (prof) {
        prof->execute_ns = pe_clock_ns() - t0;
        prof->format_ns = 0;
    }
    return r;
}

/* ------------------------------------------------------------------ */
/* Disassembly                                                         */
/* ------------------------------------------------------------------ */

int pe_code_disassemble(pe_state *S, const pe_code *code, char **out, size_t *len) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_code_dump(S, code, &sb);
    return pe_capi_sb_export(S, &sb, out, len);
}

/* ------------------------------------------------------------------ */
/* Display hook                                                        */
/* ------------------------------------------------------------------ */

static int display_trampoline(pe_state *S, pe_val v, void *ud) {
    (void)ud;
    return S->display_fn(S, pe_value_of(v), S->display_ud);
}

void pe_set_display_hook(pe_state *S, pe_display_fn fn, void *ud) {
    S->display_fn = fn;
    S->display_ud = ud;
    S->displayhook = fn ? display_trampoline : NULL;
    S->displayhook_ud = NULL;
}
