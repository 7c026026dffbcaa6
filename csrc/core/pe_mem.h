/*
 * pe_mem.h - memory (the state's counted allocator, limits on native work) and the string builder.
 * One area of the engine's internal object model; include pe_internal.h,
 * which includes every area in order.
 */
#ifndef PE_MEM_H
#define PE_MEM_H

#include "pe_object.h"

/* ------------------------------------------------------------------ */
/* Memory: every byte goes through the state's allocator and is counted */
/* against its limit. On failure: MemoryError pending, NULL returned.  */
/* ------------------------------------------------------------------ */

void *pe_mem_alloc(pe_state *S, size_t n);
void *pe_mem_realloc(pe_state *S, void *p, size_t oldn, size_t newn);
void pe_mem_free(pe_state *S, void *p, size_t n);

/* Up-front check for an operation about to allocate about `n` more bytes
 * at once (sequence repetition, big powers, padding...): when the state's
 * max_memory is certain to trip, LimitError now instead of after the work;
 * beyond any possible allocation, MemoryError. 0 = go on, -1 = raised.
 * Without a memory limit this only refuses absurd sizes. (state.c) */
int pe_mem_check(pe_state *S, size_t n);

/* Time budget of long native operations (big-number kernels, math
 * functions, native loops over many items). A kernel charges `units` of
 * work (about one digit operation or one item each); every
 * PE_WORK_QUANTUM units the run's deadline and the interrupt flag are
 * checked, raising the VM's own LimitError ("time limit exceeded") or
 * KeyboardInterrupt, and the units are charged to max_steps (one step per
 * 16 units: "step limit exceeded"). Nearly free when the run has neither
 * timeout nor max_steps. Callers batch small charges themselves (pe_work
 * is a function call).
 * 0 = go on, -1 = raised. (state.c) */
#define PE_WORK_QUANTUM ((uint64_t)1 << 20)
int pe_work(pe_state *S, uint64_t units);
/* The limit checks' shared slow paths (state.c): a pending interrupt and
 * the deadline, checked now; the step and time LimitErrors. Return -1 with
 * the exception pending (0: nothing to report). */
int pe_check_interrupt_and_time(pe_state *S);
int pe_raise_step_limit(pe_state *S);
int pe_raise_time_limit(pe_state *S);

/* Allocates `size` bytes (>= sizeof(pe_obj)), header initialised, rc=1,
 * linked on the state's object list. */
pe_obj *pe_obj_new(pe_state *S, const pe_type *t, size_t size);
/* Unlinks and frees an object's memory (called from dealloc slots). */
void pe_obj_free(pe_state *S, pe_obj *o, size_t size);

/* ------------------------------------------------------------------ */
/* String builder (growable byte buffer on the state's allocator)      */
/* ------------------------------------------------------------------ */

struct pe_sb {
    pe_state *S;
    char *p;
    size_t len, cap;
    int failed; /* an allocation failed: MemoryError pending */
    char small[128];
};

void pe_sb_init(pe_sb *sb, pe_state *S);
void pe_sb_free(pe_sb *sb);
int pe_sb_reserve(pe_sb *sb, size_t extra); /* ensure room for extra bytes */
int pe_sb_putn(pe_sb *sb, const char *s, size_t n);
int pe_sb_puts(pe_sb *sb, const char *s);
int pe_sb_putc(pe_sb *sb, char c);
int pe_sb_printf(pe_sb *sb, const char *fmt, ...) PE_PRINTF(2, 3);
int pe_sb_fill(pe_sb *sb, char c, size_t n);
/* Builds a str object from the buffer (sb freed either way). */
int pe_sb_to_str(pe_sb *sb, pe_val *out);
/* The end of writing a str into sb: r != 0 (a failed write, exception
 * pending) frees sb and gives -1; else pe_sb_to_str. */
int pe_sb_done_str(pe_sb *sb, int r, pe_val *out);

#endif /* PE_MEM_H */
