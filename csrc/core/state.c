/*
 * state.c - interpreter state, memory accounting, object heaps and the
 * string builder.
 *
 * Every allocation goes through pe_mem_* so that max_memory is enforced per
 * state. Objects are linked on the current heap (S->cur): the run heap, or a
 * code object's own heap while compiling. Reference cycles are reclaimed by
 * pe_heap_sweep at the end of a run and when the state is freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pe_ast.h"

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

/* Would allocating n more bytes exceed the limit in force (mem_limit: the
 * run's or compile's base + max_memory)? */
static bool mem_over_limit(pe_state *S, size_t n) {
    size_t lim = S->mem_limit;
    return lim && (S->mem_used + n > lim || S->mem_used + n < S->mem_used);
}

static void mem_count(pe_state *S, size_t n) {
    S->mem_used += n;
    if (S->mem_used > S->mem_peak) S->mem_peak = S->mem_used;
}

/* Raises LimitError with the limit lifted meanwhile: building the
 * exception allocates too. */
static void *mem_limit_error(pe_state *S) {
    pe_raise_memory_limit(S);
    return NULL;
}

int pe_raise_memory_limit(pe_state *S) {
    size_t lim = S->mem_limit;
    S->mem_limit = 0;
    pe_raise(S, PE_EXC(LimitError), "memory limit exceeded (max_memory=%zu bytes)",
             S->limits.max_memory ? S->limits.max_memory : lim);
    S->mem_limit = lim;
    return -1;
}

/* The system allocator of the state: the pe_config hook, or malloc. */
void *pe_sys_alloc(pe_state *S, size_t n) {
    if (!n) n = 1;
    return S->alloc ? S->alloc(S->alloc_ud, NULL, 0, n) : malloc(n);
}

void *pe_sys_realloc(pe_state *S, void *p, size_t oldn, size_t newn) {
    if (!newn) newn = 1;
    if (!p) return pe_sys_alloc(S, newn);
    return S->alloc ? S->alloc(S->alloc_ud, p, oldn ? oldn : 1, newn) : realloc(p, newn);
}

void pe_sys_free(pe_state *S, void *p, size_t n) {
    if (!p) return;
    if (S->alloc) S->alloc(S->alloc_ud, p, n ? n : 1, 0);
    else free(p);
}

/* The small-block cache is off under sanitizers so that they see every
 * allocation and free. */
#if defined(__SANITIZE_ADDRESS__) || defined(PE_NO_FREELIST)
#define PE_FREELIST 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PE_FREELIST 0
#endif
#endif
#ifndef PE_FREELIST
#define PE_FREELIST 1
#endif
#define PE_FL_MAX 512  /* largest cached block */
#define PE_FL_KEEP 128 /* blocks kept per size class */

/* Size class of an n-byte block (16-byte steps); blocks are class*16 bytes. */
static inline size_t fl_class(size_t n) { return n ? (n + 15) >> 4 : 1; }
/* The size of the system block holding an n-byte allocation. */
static inline size_t block_size(size_t n) {
    return PE_FREELIST && n <= PE_FL_MAX ? fl_class(n) << 4 : n ? n : 1;
}

static void *raw_alloc(pe_state *S, size_t n) {
    if (PE_FREELIST && n <= PE_FL_MAX) {
        size_t c = fl_class(n);
        void *p = S->fl[c];
        if (p) {
            S->fl[c] = *(void **)p;
            S->fln[c]--;
            return p;
        }
        return pe_sys_alloc(S, c << 4);
    }
    return pe_sys_alloc(S, n);
}

static void raw_free(pe_state *S, void *p, size_t n) {
    if (!p) return;
    if (PE_FREELIST && n <= PE_FL_MAX && !S->no_cache) {
        size_t c = fl_class(n);
        if (S->fln[c] < PE_FL_KEEP) {
            *(void **)p = S->fl[c];
            S->fl[c] = p;
            S->fln[c]++;
            return;
        }
    }
    pe_sys_free(S, p, block_size(n));
}

/* No allocation can succeed beyond this (128 TiB): refuse it before
 * asking malloc, so absurd sizes are a plain MemoryError everywhere. */
#define PE_MEM_ABSURD ((size_t)1 << 47)

void *pe_mem_alloc(pe_state *S, size_t n) {
    if (PE_UNLIKELY(mem_over_limit(S, n))) return mem_limit_error(S);
    if (PE_UNLIKELY(n > PE_MEM_ABSURD)) {
        pe_raise_nomem(S);
        return NULL;
    }
    void *p = raw_alloc(S, n);
    if (PE_UNLIKELY(!p)) {
        pe_raise_nomem(S);
        return NULL;
    }
    mem_count(S, n);
    return p;
}

void *pe_mem_realloc(pe_state *S, void *p, size_t oldn, size_t newn) {
    if (newn > oldn && PE_UNLIKELY(mem_over_limit(S, newn - oldn))) return mem_limit_error(S);
    if (PE_UNLIKELY(newn > PE_MEM_ABSURD)) {
        pe_raise_nomem(S);
        return NULL;
    }
    void *q;
    if (PE_FREELIST && (oldn <= PE_FL_MAX || newn <= PE_FL_MAX)) {
        if (p && oldn <= PE_FL_MAX && newn <= PE_FL_MAX && fl_class(oldn) == fl_class(newn)) {
            q = p; /* the block already has room */
        } else {
            q = raw_alloc(S, newn);
            if (q && p) {
                memcpy(q, p, oldn < newn ? oldn : newn);
                raw_free(S, p, oldn);
            }
        }
    } else {
        q = pe_sys_realloc(S, p, block_size(oldn), block_size(newn));
    }
    if (PE_UNLIKELY(!q)) {
        pe_raise_nomem(S);
        return NULL;
    }
    S->mem_used -= oldn;
    mem_count(S, newn);
    return q;
}

int pe_mem_check(pe_state *S, size_t n) {
    if (PE_UNLIKELY(mem_over_limit(S, n))) {
        mem_limit_error(S);
        return -1;
    }
    if (PE_UNLIKELY(n > PE_MEM_ABSURD)) return pe_raise_nomem(S);
    return 0;
}

void pe_mem_free(pe_state *S, void *p, size_t n) {
    if (!p) return;
    S->mem_used -= n;
    raw_free(S, p, n);
}

/* ------------------------------------------------------------------ */
/* Time budget of native operations                                    */
/* ------------------------------------------------------------------ */

#define PE_WORK_PER_STEP 16

int pe_raise_step_limit(pe_state *S) {
    return pe_raise(S, PE_EXC(LimitError), "step limit exceeded (max_steps=%llu)",
                    (unsigned long long)S->limits.max_steps);
}

int pe_raise_time_limit(pe_state *S) {
    return pe_raise(S, PE_EXC(LimitError), "time limit exceeded (timeout=%gs)", S->limits.timeout);
}

/* A pending interrupt (Ctrl-C; the timer thread's deadline poke) and the
 * deadline, checked now. The VM, native operations and the compiler all end
 * here, so the errors are raised in one place. */
int pe_check_interrupt_and_time(pe_state *S) {
    if (S->interrupted) {
        S->interrupted = 0;
        if (S->deadline > 0 && pe_now() >= S->deadline) return pe_raise_time_limit(S);
        if (S->interrupt_fn) return S->interrupt_fn(S, S->interrupt_ud);
        return pe_raise(S, PE_EXC(KeyboardInterrupt), "%s", "");
    }
    if (S->deadline > 0 && pe_now() >= S->deadline) return pe_raise_time_limit(S);
    return 0;
}

/* The slow path: the same checks and messages as the VM's back-edge
 * check (vm.c check_limits). Native work also counts against max_steps,
 * one step per PE_WORK_PER_STEP units, so a run limited by steps alone
 * cannot spend minutes inside sum(range(10**10)) either. */
static PE_NOINLINE int work_check(pe_state *S) {
    uint64_t steps = S->work_units / PE_WORK_PER_STEP;
    S->work_units = 0;
    if (S->limits.max_steps) {
        if (S->steps_left < steps + 1) {
            S->steps_left = 0;
            return pe_raise_step_limit(S);
        }
        S->steps_left -= steps;
    }
    return pe_check_interrupt_and_time(S);
}

int pe_work(pe_state *S, uint64_t units) {
    if (PE_LIKELY(S->deadline <= 0 && !S->interrupted && !S->limits.max_steps)) return 0;
    S->work_units += units;
    if (S->work_units < PE_WORK_QUANTUM && !S->interrupted &&
        (!S->limits.max_steps || S->work_units / PE_WORK_PER_STEP < S->steps_left))
        return 0;
    return work_check(S);
}

/* ------------------------------------------------------------------ */
/* Objects and heaps                                                   */
/* ------------------------------------------------------------------ */

void pe_heap_init(pe_heap *h) {
    memset(h, 0, sizeof *h);
    h->head.gc_next = h->head.gc_prev = &h->head;
    h->head.flags = PE_IMMORTAL;
}

pe_obj *pe_obj_new(pe_state *S, const pe_type *t, size_t size) {
    pe_obj *o = pe_mem_alloc(S, size);
    if (!o) return NULL;
    o->type = t;
    o->rc = 1;
    o->flags = 0;
    pe_obj *head = &S->cur->head;
    o->gc_next = head->gc_next;
    o->gc_prev = head;
    head->gc_next->gc_prev = o;
    head->gc_next = o;
    return o;
}

void pe_obj_free(pe_state *S, pe_obj *o, size_t size) {
    o->gc_prev->gc_next = o->gc_next;
    o->gc_next->gc_prev = o->gc_prev;
    pe_mem_free(S, o, size);
}

void pe_obj_dealloc(pe_state *S, pe_obj *o) { o->type->dealloc(S, o); }

void pe_dealloc_cleared(pe_state *S, pe_obj *o) {
    if (pe_trash_begin(S, o)) return;
    const pe_type *t = o->type;
    PE_ASSERT(t->size >= sizeof(pe_obj));
    if (t->clear) t->clear(S, o);
    pe_obj_free(S, o, t->size);
    pe_trash_end(S);
}

int pe_iter_self(pe_state *S, pe_val v, pe_val *out) {
    (void)S;
    pe_incref(v);
    *out = v;
    return 0;
}

/* Reclaims every object on h, cycles included: pin all (so no count reaches
 * zero while we work), drop all held references, then free each shell. */
void pe_heap_sweep(pe_state *S, pe_heap *h) {
    pe_obj *head = &h->head;
    for (pe_obj *o = head->gc_next; o != head; o = o->gc_next) {
        o->rc++;
        o->flags &= ~PE_IMMORTAL;
    }
    for (pe_obj *o = head->gc_next; o != head; o = o->gc_next)
        if (o->type->clear) o->type->clear(S, o);
    while (head->gc_next != head) {
        pe_obj *o = head->gc_next;
        o->type->dealloc(S, o);
    }
}

/* Trashcan: dealloc nesting and the queue of deferred deallocs.
 * Deallocs nest as references are dropped; beyond TRASH_DEPTH levels an
 * object is queued instead, and the outermost dealloc frees the queue
 * iteratively, so a million nested lists or a 100,000-long exception
 * chain do not overflow the C stack. The queue is plain malloc memory (a
 * dealloc must not raise); if it cannot grow, the dealloc recurses (one
 * more level) rather than leak. */
#define TRASH_DEPTH 50

bool pe_trash_begin(pe_state *S, pe_obj *o) {
    if (S->dealloc_depth >= TRASH_DEPTH) {
        if (S->ntrash == S->trash_cap) {
            uint32_t ncap = S->trash_cap ? S->trash_cap * 2 : 64;
            pe_obj **p = ncap > S->trash_cap ? pe_sys_realloc(S, S->trash, S->trash_cap * sizeof *p,
                                                              ncap * sizeof *p)
                                             : NULL;
            if (p) {
                S->trash = p;
                S->trash_cap = ncap;
            }
        }
        if (S->ntrash < S->trash_cap) {
            S->trash[S->ntrash++] = o;
            return true;
        }
    }
    S->dealloc_depth++;
    return false;
}

void pe_trash_end(pe_state *S) {
    if (--S->dealloc_depth || S->trash_draining) return;
    S->trash_draining = true;
    while (S->ntrash) {
        pe_obj *o = S->trash[--S->ntrash];
        o->type->dealloc(S, o);
    }
    S->trash_draining = false;
    pe_sys_free(S, S->trash, S->trash_cap * sizeof *S->trash);
    S->trash = NULL;
    S->trash_cap = 0;
}

uint32_t pe_native_depth_limit(const pe_state *S) {
    uint32_t lim = S->max_depth ? S->max_depth : 1000;
    return lim < PE_NATIVE_DEPTH_MAX ? lim : PE_NATIVE_DEPTH_MAX;
}

int pe_recursion_enter(pe_state *S, const char *where) {
    if (S->nrepr + S->c_depth >= pe_native_depth_limit(S))
        return pe_raise(S, PE_EXC(RecursionError), "maximum recursion depth exceeded%s", where);
    S->c_depth++;
    return 0;
}

void pe_recursion_leave(pe_state *S) { S->c_depth--; }

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

static size_t write_stdout(void *ud, const char *buf, size_t n) {
    (void)ud;
    return fwrite(buf, 1, n, stdout);
}

static size_t write_stderr(void *ud, const char *buf, size_t n) {
    (void)ud;
    return fwrite(buf, 1, n, stderr);
}

void pe_state_init(pe_state *S) {
    memset(S, 0, sizeof *S);
    pe_heap_init(&S->heap);
    S->cur = &S->heap;
    S->exc = pe_undef();
    S->handled = pe_undef();
    S->out = write_stdout;
    S->err = write_stderr;
    S->max_depth = 1000;
}

pe_state *pe_state_new(void) { return pe_state_new_ex(NULL); }

pe_state *pe_state_new_ex(const pe_config *cfg) {
    pe_state *S;
    if (cfg && cfg->alloc) S = cfg->alloc(cfg->alloc_ud, NULL, 0, sizeof *S);
    else S = malloc(sizeof *S);
    if (!S) return NULL;
    pe_state_init(S);
    if (cfg) {
        S->alloc = cfg->alloc;
        S->alloc_ud = cfg->alloc_ud;
        if (cfg->limits) pe_set_limits(S, cfg->limits);
    }
    return S;
}

/* Frees what the small-block cache holds. */
static void fl_release(pe_state *S) {
    if (S->arena_spare) pe_sys_free(S, S->arena_spare, block_size(sizeof(pe_arena_chunk) + 4096));
    S->arena_spare = NULL;
    for (size_t c = 0; c < sizeof S->fl / sizeof S->fl[0]; c++) {
        void *p = S->fl[c];
        while (p) {
            void *next = *(void **)p;
            pe_sys_free(S, p, c << 4);
            p = next;
        }
        S->fl[c] = NULL;
        S->fln[c] = 0;
    }
}

void pe_state_fini(pe_state *S) { fl_release(S); }

void pe_set_output(pe_state *S, pe_write_fn out, void *out_ud, pe_write_fn err, void *err_ud) {
    S->out = out ? out : write_stdout;
    S->out_ud = out_ud;
    S->err = err ? err : write_stderr;
    S->err_ud = err_ud;
}

void pe_set_limits(pe_state *S, const pe_limits *limits) {
    static const pe_limits none = {0, 0, 0, 0.0};
    if (!limits) limits = &none;
    S->limits = *limits;
    S->mem_limit = 0; /* max_memory binds runs and compiles only (they set mem_limit) */
    if (limits->timeout <= 0) S->deadline = 0; /* e.g. after a run, for its traceback */
    S->max_depth = limits->max_depth ? limits->max_depth : 1000;
    S->rec_limit = 0;
}

void pe_get_limits(const pe_state *S, pe_limits *out) { *out = S->limits; }
void pe_run_charge_time(pe_state *S, double seconds) {
    S->time_charged = seconds > 0 ? seconds : 0; /* NaN and negatives: nothing */
}

void pe_set_userdata(pe_state *S, void *ud) { S->userdata = ud; }
void *pe_get_userdata(const pe_state *S) { return S->userdata; }
size_t pe_memory_used(const pe_state *S) { return S->mem_used; }
size_t pe_memory_peak(const pe_state *S) { return S->mem_peak; }

void pe_interrupt(pe_state *S) {
    S->interrupted = 1;
    S->armed |= 4u; /* the VM's limit check runs from now on */
}

void pe_set_interrupt_hook(pe_state *S, pe_interrupt_fn fn, void *ud) {
    S->interrupt_fn = fn;
    S->interrupt_ud = ud;
}

void pe_set_clock(pe_state *S, pe_clock_fn fn, void *ud) {
    S->clock_fn = fn;
    S->clock_ud = ud;
}

void pe_state_free(pe_state *S) {
    if (!S) return;
    if (S->run_begun) pe_run_end(S);
    pe_exc_clear(S);
    pe_decref(S, S->handled);
    S->handled = pe_undef();
    pe_sys_fini(S);
    /* modules first, then what they leave in cycles (classes of a Python
     * module), then the modules' code, whose constants those cycles may
     * still name (a __slots__ member's name) */
    pe_modules_clear(S);
    pe_heap_sweep(S, &S->heap);
    pe_modules_fini(S);
    pe_capi_state_fini(S);
    for (uint32_t i = 0; i < S->nchunks; i++)
        pe_sys_free(S, S->chunks[i].base, S->chunks[i].cap * sizeof(pe_val));
    pe_sys_free(S, S->chunks, S->chunks_cap * sizeof *S->chunks);
    pe_sys_free(S, S->frames, S->frames_cap * sizeof *S->frames);
    fl_release(S);
    if (S->alloc) S->alloc(S->alloc_ud, S, sizeof *S, 0);
    else free(S);
}

double pe_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

const char *pe_version(void) { return PYEXPR_VERSION; }

/* ------------------------------------------------------------------ */
/* String builder                                                      */
/* ------------------------------------------------------------------ */

void pe_sb_init(pe_sb *sb, pe_state *S) {
    sb->S = S;
    sb->p = sb->small;
    sb->len = 0;
    sb->cap = sizeof sb->small;
    sb->failed = 0;
}

void pe_sb_free(pe_sb *sb) {
    if (sb->p != sb->small) pe_mem_free(sb->S, sb->p, sb->cap);
    sb->p = sb->small;
    sb->len = 0;
    sb->cap = sizeof sb->small;
}

int pe_sb_reserve(pe_sb *sb, size_t extra) {
    if (sb->failed) return -1;
    if (sb->len + extra + 1 <= sb->cap) return 0;
    size_t need = sb->len + extra + 1;
    if (need < sb->len) {
        sb->failed = 1;
        return pe_raise_nomem(sb->S);
    }
    size_t ncap = sb->cap * 2;
    if (ncap < need) ncap = need;
    char *np;
    if (sb->p == sb->small) {
        np = pe_mem_alloc(sb->S, ncap);
        if (np) memcpy(np, sb->small, sb->len);
    } else {
        np = pe_mem_realloc(sb->S, sb->p, sb->cap, ncap);
    }
    if (!np) {
        sb->failed = 1;
        return -1;
    }
    sb->p = np;
    sb->cap = ncap;
    return 0;
}

int pe_sb_putn(pe_sb *sb, const char *s, size_t n) {
    if (pe_sb_reserve(sb, n)) return -1;
    memcpy(sb->p + sb->len, s, n);
    sb->len += n;
    return 0;
}

int pe_sb_puts(pe_sb *sb, const char *s) { return pe_sb_putn(sb, s, strlen(s)); }

int pe_sb_putc(pe_sb *sb, char c) {
    if (sb->len + 2 > sb->cap && pe_sb_reserve(sb, 1)) return -1;
    sb->p[sb->len++] = c;
    return 0;
}

int pe_sb_fill(pe_sb *sb, char c, size_t n) {
    if (pe_sb_reserve(sb, n)) return -1;
    memset(sb->p + sb->len, c, n);
    sb->len += n;
    return 0;
}

int pe_sb_printf(pe_sb *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return 0;
    if ((size_t)n < sizeof tmp) return pe_sb_putn(sb, tmp, (size_t)n);
    if (pe_sb_reserve(sb, (size_t)n)) return -1;
    va_start(ap, fmt);
    vsnprintf(sb->p + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    return 0;
}

int pe_sb_to_str(pe_sb *sb, pe_val *out) {
    if (sb->failed) {
        pe_sb_free(sb);
        return -1;
    }
    int r = pe_str_new(sb->S, sb->p, sb->len, out);
    pe_sb_free(sb);
    return r;
}

int pe_sb_done_str(pe_sb *sb, int r, pe_val *out) {
    if (!r) return pe_sb_to_str(sb, out);
    pe_sb_free(sb);
    return -1;
}
