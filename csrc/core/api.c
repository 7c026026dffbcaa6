/*
 * api.c - the public embedding API (pyexpr.h): compile source to a
 * pe_code, run it, render results, and release everything.
 *
 * Compilation puts its constants on a private heap that becomes the code's
 * own; when it succeeds every such object is made immortal (and string
 * hashes precomputed) so one pe_code can be run by several states at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pe_ast.h"

/* Moves every object of src onto dst (both circular lists). */
static void heap_move(pe_heap *dst, pe_heap *src) {
    pe_obj *sh = &src->head, *dh = &dst->head;
    if (sh->gc_next == sh) return;
    pe_obj *first = sh->gc_next, *last = sh->gc_prev;
    first->gc_prev = dh;
    last->gc_next = dh->gc_next;
    dh->gc_next->gc_prev = last;
    dh->gc_next = first;
    sh->gc_next = sh->gc_prev = sh;
}

/* Immortalises the code's objects so runs never write to them. */
static void freeze_heap(pe_state *S, pe_heap *h) {
    for (pe_obj *o = h->head.gc_next; o != &h->head; o = o->gc_next) {
        if (o->type->kind == PE_K_STR || o->type->kind == PE_K_BYTES) {
            int64_t hv;
            pe_hash(S, pe_obj_val(o), &hv);
        } else if (o->type->kind == PE_K_TUPLE) {
            int64_t hv;
            if (pe_hash(S, pe_obj_val(o), &hv)) pe_exc_clear(S);
        }
        o->flags |= PE_IMMORTAL;
    }
}

/* Makes code own the objects built on tmp (S->cur during the build, which
 * began with S->mem_used == mark), immortal; code->bytes, refcount 1.
 * Shared by the compiler and the bytecode loader (marshal.c). */
void pe_code_seal(pe_state *S, pe_code *code, pe_heap *tmp, size_t mark) {
    pe_heap_init(&code->heap);
    heap_move(&code->heap, tmp);
    for (pe_obj *o = code->heap.head.gc_next; o != &code->heap.head; o = o->gc_next)
        if (o->type == &pe_type_code) ((pe_fcode *)o)->prog = code;
    freeze_heap(S, &code->heap);
    code->bytes = (S->mem_used - mark) + code->block_size;
    S->mem_used = mark;
    atomic_init(&code->refcount, 1);
}

/* Checks the source bytes: no NUL, valid UTF-8 (CPython's messages). */
static int check_source(pe_state *S, const char *src, size_t len, const char *filename) {
    if (memchr(src, 0, len)) {
        return pe_raise_syntax(S, PE_EXC(SyntaxError), "source code cannot contain null bytes",
                               filename, 0, 0, 0, NULL, 0);
    }
    const unsigned char *p = (const unsigned char *)src, *end = p + len;
    uint32_t line = 1;
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) {
            if (c == '\n') line++;
            p++;
            continue;
        }
        uint32_t cp;
        size_t n = pe_utf8_check((const char *)p, (size_t)(end - p), false, &cp);
        if (!n) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: "
                     "invalid %s byte",
                     c, (size_t)(p - (const unsigned char *)src),
                     (c & 0xC0) == 0x80 || c >= 0xF8 ? "start" : "continuation");
            return pe_raise_syntax(S, PE_EXC(SyntaxError), msg, filename, line, 0, 0, NULL, 0);
        }
        p += n;
    }
    return 0;
}

/* Profiling only: a standalone tokenization pass, to time lexing apart from
 * the parser (which pulls tokens on demand). Lexical errors are cleared:
 * the real parse reports the authoritative error. */
static void lex_pass(pe_state *S, const char *src, size_t len, const char *filename) {
    pe_lexer L;
    pe_token tok;
    pe_lex_init(&L, S, src, len, filename);
    L.quiet = true; /* the real parse warns */
    for (;;) {
        if (pe_lex_next(&L, &tok)) {
            pe_exc_clear(S);
            break;
        }
        if (tok.kind == PE_TOK_ENDMARKER) break;
    }
}

static pe_code *compile_source(pe_state *S, const char *src, size_t len, const char *filename,
                               int mode, pe_profile *prof, uint64_t *clk);

/* pe_compile with optional stage timings: every clock read is behind
 * `if (prof)`, so the untimed path costs a few predictable branches. */
pe_code *pe_compile_timed(pe_state *S, const char *src, size_t len, const char *filename,
                          int mode, pe_profile *prof, uint64_t *clk) {
    if (!filename) filename = "<string>";
    if (!src) src = "";
    /* CPython reads every source with universal newlines: \r\n and a lone
     * \r are line ends (also inside string literals) */
    char *nl_copy = NULL;
    size_t nl_len = 0;
    if (memchr(src, '\r', len)) {
        nl_copy = pe_mem_alloc(S, len ? len : 1);
        if (!nl_copy) return NULL;
        nl_len = len;
        size_t j = 0;
        for (size_t i = 0; i < len; i++) {
            if (src[i] == '\r') {
                nl_copy[j++] = '\n';
                if (i + 1 < len && src[i + 1] == '\n') i++;
            } else {
                nl_copy[j++] = src[i];
            }
        }
        src = nl_copy;
        len = j;
    }
    pe_code *r = compile_source(S, src, len, filename, mode, prof, clk);
    pe_mem_free(S, nl_copy, nl_len);
    return r;
}

static pe_code *compile_source(pe_state *S, const char *src, size_t len, const char *filename,
                               int mode, pe_profile *prof, uint64_t *clk) {
    uint64_t t0 = prof ? *clk : 0, t1;
    if (prof) prof->lex_ns = prof->parse_ns = prof->compile_ns = 0;
    if (check_source(S, src, len, filename)) {
        if (prof) prof->lex_ns = (*clk = pe_clock_ns()) - t0;
        return NULL;
    }
    if (prof) {
        lex_pass(S, src, len, filename);
        t1 = pe_clock_ns();
        prof->lex_ns = t1 - t0;
        t0 = t1;
    }
    /* the time limit covers compiling too (checked by lexer and compiler) */
    double saved_deadline = S->deadline;
    S->deadline = S->limits.timeout > 0 ? pe_now() + S->limits.timeout : 0;
    pe_heap tmp;
    pe_heap_init(&tmp);
    pe_heap *saved = S->cur;
    size_t mark = S->mem_used;
    /* max_memory counts what this compile allocates */
    size_t saved_limit = S->mem_limit;
    S->mem_limit = pe_mem_limit_from(S, mark);
    S->cur = &tmp;
    pe_arena A = {S, NULL};
    pe_code *code = NULL;
    pe_node *mod = pe_parse(S, &A, src, len, filename, mode & ~PE_MODE_TOP_AWAIT);
    if (prof) {
        t1 = pe_clock_ns();
        prof->parse_ns = t1 - t0;
        t0 = t1;
    }
    if (mod) code = pe_compile_ast(S, (struct pe_ast *)mod, src, len, filename, mode);
    pe_arena_free(&A);
    S->deadline = saved_deadline;
    S->mem_limit = saved_limit;
    if (!code) {
        pe_heap_sweep(S, &tmp);
        S->cur = saved;
        if (prof && mod) prof->compile_ns = (*clk = pe_clock_ns()) - t0;
        else if (prof) *clk = t0;
        return NULL;
    }
    S->cur = saved;
    pe_code_seal(S, code, &tmp, mark);
    if (prof) prof->compile_ns = (*clk = pe_clock_ns()) - t0;
    return code;
}

pe_code *pe_compile(pe_state *S, const char *src, size_t len, const char *filename, int mode) {
    if (mode == PE_MODE_SINGLE && pe_single_check(S, src, len, filename)) return NULL;
    pe_profile *prof = S->prof;
    if (PE_LIKELY(!prof)) return pe_compile_timed(S, src, len, filename, mode, NULL, NULL);
    uint64_t clk = pe_clock_ns();
    prof->cache = PE_PROFILE_CACHE_OFF;
    return pe_compile_timed(S, src, len, filename, mode, prof, &clk);
}

void pe_set_profile(pe_state *S, pe_profile *prof) { S->prof = prof; }

void pe_code_retain(pe_code *code) {
    if (code) atomic_fetch_add_explicit(&code->refcount, 1, memory_order_relaxed);
}


/* The last release frees the code: acq_rel so every other thread's use of
 * the code happens-before the teardown. */
void pe_code_release(pe_code *code) {
    if (!code) return;
    if (atomic_fetch_sub_explicit(&code->refcount, 1, memory_order_acq_rel) != 1) return;
    /* a throw-away state only for the deallocators' bookkeeping: its
     * blocks go straight back to malloc */
    pe_state tmp;
    pe_state_init(&tmp);
    tmp.no_cache = true;
    tmp.alloc = code->alloc;
    tmp.alloc_ud = code->alloc_ud;
    pe_heap_sweep(&tmp, &code->heap);
    pe_sys_free(&tmp, code, code->block_size); /* one block: tables, filename, source */
}

/* pe_code_release for a caller that holds a state: the code's blocks go
 * to S's small-block cache (cheaper than returning them to malloc). The
 * code's memory was never counted in S, so S's counters are kept as is.
 * S must not be running. */
void pe_code_release_in(pe_state *S, pe_code *code) {
    if (!code) return;
    if (S->alloc != code->alloc || S->alloc_ud != code->alloc_ud) { /* not S's memory */
        pe_code_release(code);
        return;
    }
    if (atomic_fetch_sub_explicit(&code->refcount, 1, memory_order_acq_rel) != 1) return;
    size_t used = S->mem_used, peak = S->mem_peak;
    pe_heap_sweep(S, &code->heap);
    S->mem_used = used;
    S->mem_peak = peak;
    pe_sys_free(S, code, code->block_size);
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

int pe_globals_init(pe_state *S, pe_code *code) {
    uint32_t n = code->nglobals;
    S->code = code;
    S->nglobals = n;
    S->globals = pe_mem_alloc(S, (n ? n : 1) * sizeof(pe_val));
    if (!S->globals) return -1;
    for (uint32_t i = 0; i < n; i++)
        S->globals[i] = code->gbuiltin[i] >= 0 ? pe_builtin_value(code->gbuiltin[i]) : pe_undef();
    return 0;
}

void pe_globals_release(pe_state *S) {
    if (!S->globals) return;
    for (uint32_t i = 0; i < S->nglobals; i++) pe_decref(S, S->globals[i]);
    pe_mem_free(S, S->globals, (S->nglobals ? S->nglobals : 1) * sizeof(pe_val));
    S->globals = NULL;
    S->nglobals = 0;
}

/* A monotonic clock costing a few ns (the precise one costs ~75 ns on some
 * virtual machines, half of a short run) with a few ms of resolution: it
 * lags, so a deadline started from it comes early by at most that much. */
static double coarse_now(void) {
#if defined(CLOCK_MONOTONIC_COARSE)
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) == 0)
        return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
#endif
    return pe_now();
}

void pe_limits_start(pe_state *S) {
    /* LEGACY (delete when every front end runs through pe_run_begin):
     * callers of pe_run_value / pe_vm_run that did not take a run's memory
     * base get max_memory as an absolute bound, as before issue 12 */
    if (!S->run_mem) S->mem_limit = S->limits.max_memory;
    S->steps_left = S->limits.max_steps;
    S->deadline = S->limits.timeout > 0 ? coarse_now() + S->limits.timeout - S->time_charged : 0;
    S->time_charged = 0;
    S->time_check_counter = 0;
    S->work_units = 0;
    S->interrupted = 0;
    S->armed = 0;
    pe_limits_arm(S);
}

void pe_limits_arm(pe_state *S) {
    S->armed |= (S->limits.max_steps ? 1u : 0u) | (S->deadline > 0 ? 2u : 0u);
}

int pe_run_value(pe_state *S, pe_code *code, pe_val *result) {
    pe_limits_start(S);
    return pe_vm_run(S, code, result);
}

int pe_run_repr(pe_state *S, pe_code *code, char **repr_out) {
    pe_profile *prof = S->prof;
    if (PE_LIKELY(!prof)) return pe_run_repr_timed(S, code, repr_out, NULL, NULL);
    uint64_t clk = pe_clock_ns();
    return pe_run_repr_timed(S, code, repr_out, prof, &clk);
}

/* pe_run_repr with optional timings (clock reads only behind `if (prof)`):
 * execute = globals setup + VM run + teardown, format = the repr. */
int pe_run_repr_timed(pe_state *S, pe_code *code, char **repr_out, pe_profile *prof,
                      uint64_t *clk) {
    uint64_t t0 = prof ? *clk : 0, tf = 0, te = 0;
    if (prof) prof->execute_ns = prof->format_ns = 0;
    if (repr_out) *repr_out = NULL;
    if (pe_run_begin(S, code)) { /* (max_memory counts from here to pe_run_end) */
        if (prof) prof->execute_ns = (*clk = pe_clock_ns()) - t0;
        return -1;
    }
    pe_limits_start(S);
    pe_val result = pe_none();
    int r = pe_vm_run(S, code, &result);
    if (pe_gen_finalize_all(S) && !r) {
        pe_decref(S, result);
        result = pe_none();
        r = -1;
    }
    if (prof) tf = pe_clock_ns();
    if (r == 0 && repr_out && result.tag != PE_TNONE) {
        pe_sb sb;
        pe_sb_init(&sb, S);
        if (pe_repr(S, result, &sb) == 0 && !sb.failed) {
            char *s = malloc(sb.len + 1);
            if (s) {
                memcpy(s, sb.p, sb.len);
                s[sb.len] = 0;
                *repr_out = s;
            } else {
                r = pe_raise_nomem(S);
            }
        } else {
            r = -1;
        }
        pe_sb_free(&sb);
    }
    if (prof) prof->format_ns = (te = pe_clock_ns()) - tf;
    S->deadline = 0;
    if (r == 0) pe_decref(S, result);
    pe_run_end(S);
    if (prof) prof->execute_ns = (tf - t0) + ((*clk = pe_clock_ns()) - te);
    return r;
}

void pe_reset(pe_state *S) {
    pe_suspend_abandon(S);
    pe_exc_clear(S);
    pe_sys_clear(S);
    pe_modules_clear(S);
    pe_drop(S, &S->handled);
    pe_heap_sweep(S, &S->heap);
}

/* Flags the compiler computed (compiler.c code_flags). */
unsigned pe_code_flags(const pe_code *code) { return code->flags; }
