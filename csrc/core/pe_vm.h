/*
 * pe_vm.h - the interpreter state, frames and exception objects, and the
 * entry points of the stages (compiler, VM, builtins, run plumbing).
 * Internal to the engine. The opcode table is in pe_opcodes.h, compiled
 * code in pe_code.h (both included here).
 */
#ifndef PE_VM_H
#define PE_VM_H

#include <stdatomic.h>

#include "pe_code.h"

/* ------------------------------------------------------------------ */
/* Frames and the state                                                 */
/* ------------------------------------------------------------------ */

typedef struct pe_frame {
    union {
        pe_val *ret;         /* caller's slot for the result (the callee object) */
        struct pe_gen *gen;  /* PE_FR_GEN: the generator (a reference held while it runs) */
    };
    uint32_t chunk;       /* stack chunk holding this frame's window */
    pe_fcode *code;
    pe_func *func;        /* NULL for the module frame */
    const uint32_t *pc;   /* next instruction */
    pe_val *locals;       /* locals, then cells, then the value stack */
    pe_val *sp;           /* saved stack pointer */
    pe_val *globals;
    uint32_t entry;       /* PE_FR_ENTRY: return to the C caller (pe_vm_call
                             boundary); PE_FR_GEN: a generator's frame (never
                             reaches RETURN_VALUE: generators end in GEN_RETURN) */
} pe_frame;

#define PE_FR_ENTRY 1u
#define PE_FR_GEN 2u
/* `cls(...)` running a Python __init__ pushed by CALL (class_call_frame):
 * ret holds the new instance (the call's result), the frame a reference
 * to the __init__ function; its return value must be None. */
#define PE_FR_INIT 4u
/* a OP b running a Python a.__op__(b) pushed by the operator's
 * instruction (binop_frame): a and b stay in the caller's stack at
 * ret[0], ret[1]; the operator is entry >> 8; NotImplemented finishes the
 * protocol in C. The frame holds a reference to the function. */
#define PE_FR_BINOP 8u

/* Generators (gen.c, vm.c). A generator owns a saved copy of its frame's
 * window (locals, cells, free variables, then the live value stack) while
 * it is suspended; resuming pushes a frame on the value stack and copies
 * the window in, suspending copies it back out (docs/internals.md). */
enum { PE_GEN_CREATED, PE_GEN_SUSPENDED, PE_GEN_RUNNING, PE_GEN_CLOSED };
typedef struct pe_gen {
    pe_obj ob;
    struct pe_func *func; /* owned (NULL once cleared) */
    pe_val *saved;        /* the window while suspended */
    uint32_t nsaved, cap; /* values in saved, its capacity (the frame size) */
    uint32_t pc;          /* index of the next instruction */
    uint32_t state;       /* PE_GEN_* */
    pe_val exc_state;     /* the exception it handles while suspended, or UNDEF */
    pe_val outer_handled; /* while running: its resumer's handled exception (owned) */
} pe_gen;
extern const pe_type pe_type_generator;
#define PE_IS_GEN(v) ((v).tag == PE_TOBJ && (v).u.o->type == &pe_type_generator)
/* gen.c: a new generator for f with room for `cap` values (state CREATED). */
pe_gen *pe_gen_new(pe_state *S, struct pe_func *f, uint32_t cap);
/* gen.c: g.send(v) / next(g): 0 with the yielded value in *out, -1 with
 * an exception (StopIteration(value) when it returns). */
int pe_gen_send(pe_state *S, pe_gen *g, pe_val v, pe_val *out);
/* next(it) keeping a class's StopIteration(value): its own __next__ is
 * called and the exception stays pending (-1); other iterators as
 * pe_next (1 item, 0 exhausted, -1 error). */
int pe_next_keep_stop(pe_state *S, pe_val it, pe_val *out);
/* One step of a yield from whose receiver is not a generator (CPython's
 * SEND): None goes to the iterator (pe_next_keep_stop), anything else to
 * recv.send(v). 1 with *out, 0 exhausted (*out None), -1 error (a
 * StopIteration carries the value). */
int pe_yield_from_other(pe_state *S, pe_val recv, pe_val v, pe_val *out);
/* builtins.c: callable(v) */
bool pe_is_callable(pe_val v);
/* gen.c: iter(callable, sentinel) ("iter(v, w): v must be callable"). */
int pe_calliter_new(pe_state *S, pe_val callable, pe_val sentinel, pe_val *out);
/* gen.c: at the end of a program (not a session's), closes every
 * generator still suspended, in creation order, as CPython's interpreter
 * exit does (finally blocks and __exit__ run; an escaping exception is
 * reported as unraisable). Runs under the run's limits: -1 when one ran
 * out (LimitError pending, unless an exception already was). */
int pe_gen_finalize_all(pe_state *S);
/* vm.c: resumes a suspended or just-created generator from C, sending v
 * (borrowed), or with throw_ raising the pending exception S->exc at its
 * yield. Returns 1 (yielded, *out), 0 (returned, *out the value) or -1. */
int pe_vm_gen_resume(pe_state *S, pe_gen *g, pe_val v, bool throw_, pe_val *out);

/* Suspended runs (suspend.c, docs/embedding.md "External calls"): a call
 * of an external function (or, opted in, a read of an undefined global)
 * made by the top-level run returns to the host with the frames kept in
 * place; pe_resume continues them. */
typedef struct pe_susp {
    bool enabled;   /* the VM running now may suspend (pe_run_exec, pe_resume) */
    bool req;       /* a callee asked to suspend: the VM's error path, seeing
                       no exception, returns 1 with the frames intact */
    bool suspended; /* the run is suspended */
    bool names;     /* pe_set_suspend_names: undefined globals suspend */
    bool unwinding; /* pe_vm_abandon: exception handlers are skipped */
    uint8_t kind;   /* PE_PENDING_CALL / PE_PENDING_NAME */
    uint32_t npop;  /* stack values a resume drops (the callee and its arguments) */
    int64_t gslot;  /* PE_PENDING_NAME: the global slot the value is bound to */
    pe_val name, args, kwargs; /* the pending call (str, tuple, dict) or UNDEF */
    uint64_t ncalls, max_calls; /* external calls of this run; the cap (0: none) */
    double time_left; /* seconds left of the timeout while suspended, -1: none */
} pe_susp;

struct pe_state {
    pe_heap heap;         /* run heap */
    pe_heap *cur;         /* where new objects go (run heap or a code heap) */
    pe_val exc;           /* pending exception, or UNDEF */
    pe_val handled;       /* exception being handled (for bare raise/context) */

    pe_write_fn out, err;
    void *out_ud, *err_ud;
    /* PRINT_EXPR (PE_MODE_SINGLE, the prompt): the front end's display
     * hook for a value that is not None; NULL writes repr(v) and a newline
     * to the out sink. Returns 0, or -1 with an exception pending. */
    int (*displayhook)(pe_state *S, pe_val v, void *ud);
    void *displayhook_ud;

    pe_limits limits;
    uint64_t steps_left;  /* counts down at back-edges and calls */
    double deadline;      /* monotonic seconds, 0 = none */
    double time_charged;  /* pe_run_charge_time: seconds the next run already used */
    uint32_t max_depth;
    volatile int interrupted; /* set asynchronously (signal/timeout thread) */
    /* Nonzero when the VM's limit check (back-edges, calls) has anything to
     * do: 1 max_steps, 2 a deadline (both set by pe_limits_start), 4 an
     * interrupt arrived (pe_interrupt; never cleared during the run). A
     * stale bit only costs the slow check, which tests the fields
     * themselves; so one load replaces three on every loop iteration. */
    volatile uint32_t armed;
    uint32_t time_check_counter;
    uint64_t work_units;  /* native work charged since the last time check */

    /* value stack: chunks that never move (builtins hold pointers into
     * it while they call back into Python) */
    struct pe_chunk { pe_val *base; size_t cap; } *chunks;
    uint32_t nchunks, chunks_cap;
    pe_frame *frames;     /* never reallocated during a run */
    uint32_t nframes, frames_cap;

    pe_code *code;        /* program being run (for tracebacks) */
    pe_val *globals;      /* its global slots */
    uint32_t nglobals;

    /* small-block cache (state.c): freed blocks of up to PE_FL_MAX bytes are
     * kept per 16-byte size class and reused, which makes the many small
     * allocations of compiling and running cheap */
    void *fl[33];
    uint16_t fln[33];
    bool no_cache;        /* free blocks straight away (throw-away states) */
    void *arena_spare;    /* the parser's first arena chunk, kept for reuse */
    size_t compile_mark;  /* mem_used when the current compile started */
    size_t mem_used;      /* bytes allocated through this state */
    size_t mem_peak;
    uint32_t compile_depth; /* parser/compiler recursion guard */
    void *repr_stack[64]; /* containers whose repr is in progress */
    uint32_t nrepr;       /* repr nesting depth (entries stored below 64) */
    uint32_t c_depth;     /* nested native compare/hash of containers (tuple.c) */
    /* trashcan (tuple.c): nesting of container deallocs; deeper ones are
     * queued in trash (a malloc'ed stack, empty and freed between drains)
     * and freed iteratively by the outermost dealloc */
    uint32_t dealloc_depth, ntrash, trash_cap;
    bool trash_draining;
    pe_obj **trash;

    /* The public API's state (capi_*.c). */
    /* The absolute bound on mem_used in force (0 = none): a run
     * (pe_run_begin .. pe_run_end, inside pe_run and pe_run_repr too) or a
     * compile sets it to mem_used-at-start + max_memory for its duration;
     * none outside them. Messages name limits.max_memory. */
    size_t mem_limit;
    void *userdata;                  /* pe_set_userdata */
    pe_interrupt_fn interrupt_fn;    /* pe_set_interrupt_hook */
    void *interrupt_ud;
    pe_display_fn display_fn;        /* pe_set_display_hook */
    void *display_ud;
    pe_clock_fn clock_fn;            /* pe_set_clock; NULL: the real clock */
    void *clock_ud;
    pe_profile *prof;                /* pe_set_profile */
    pe_alloc_fn alloc;               /* pe_state_new_ex; NULL: malloc */
    void *alloc_ud;
    pe_val *gbuf;                    /* reusable globals of pe_run_begin */
    uint32_t gbuf_cap;
    bool run_begun;                  /* pe_run_begin .. pe_run_end */
    bool run_mem;                    /* the run set mem_limit; run_saved_limit restores it */
    size_t run_saved_limit;
    struct pe_host_type **host_types; /* one type object per pe_host_class used */
    /* classes (class.c): the live heap types, for re-resolving the special
     * methods of subclasses when a class changes; the type version counter */
    struct pe_class *classes;
    uint32_t type_version;
    /* LOAD_METHOD on built-in objects: (type, name) -> method table entry,
     * checked by name on a hit (a name's address may be reused) */
    struct pe_mcache_static {
        const pe_type *t;
        const pe_obj *name;
        const pe_cfunc *m;
    } smcache[128];
    /* LOAD_METHOD on a static C module (math.sqrt): (module, name) -> its
     * built-in function, checked by name on a hit */
    struct pe_mcache_module {
        const pe_obj *mod;
        const pe_obj *name;
        const pe_cfunc *f;
    } modcache[32];
    uint32_t nhost_types, host_types_cap;

    /* The sys module (sysmodule.c). */
    char *sys_args;       /* pe_set_argv: NUL-separated UTF-8 strings, NULL = [''] */
    size_t sys_args_len;  /* bytes in sys_args */
    uint32_t sys_argc;
    pe_val sys_argv;      /* the run's sys.argv list (made on first use) or UNDEF */
    pe_val modules;       /* imported modules by name (a dict) or UNDEF; kept
                             until pe_reset, like CPython's sys.modules */
    struct pe_code **frozen_code; /* compiled Python modules, by table index */
    pe_import_fn import_hook;     /* host modules (pe_set_import_hook) */
    void *import_ud;
    uint32_t rec_limit;   /* sys.setrecursionlimit's value, 0 = not set this run */
    pe_susp susp;         /* suspended runs (suspend.c) */
};

/* Exception instances. The traceback lives on the exception (innermost
 * entry last) so a caught and re-raised exception keeps it. */
typedef struct pe_tbent {
    pe_fcode *code;
    uint32_t line;
    uint16_t col;
} pe_tbent;

typedef struct pe_exc {
    pe_obj ob;
    pe_val args;    /* tuple */
    pe_val cause;   /* exception or UNDEF */
    pe_val context; /* exception or UNDEF */
    bool suppress_context;
    pe_tbent *tb;
    uint32_t ntb, tb_cap;
    /* Two class-specific slots (UNDEF when unset), disjoint families:
     * SyntaxError: filename, text; OSError: filename, filename2;
     * NameError/AttributeError/ImportError: name, obj (AttributeError) or
     * path (ImportError). */
    pe_val filename, text;
    pe_val suggestion;     /* str: "Did you mean" name for Name/AttributeError */
    int64_t lineno, offset, end_offset;
    pe_val dict; /* attributes of a built-in exception instance (__notes__...):
                    dict or UNDEF; instances of user classes use their own */
} pe_exc;

#define PE_EXCOBJ(v) ((pe_exc *)(v).u.o)
int pe_exc_new(pe_state *S, const pe_type *t, pe_val args_tuple, pe_val *out);
/* Sets (val UNDEF: deletes) one of BaseException's data descriptors
 * (__cause__, __context__, __suppress_context__, args, __traceback__) on
 * the exception v: 1 done, 0 n is not one of them, -1 error. (error.c) */
int pe_exc_set_special(pe_state *S, pe_val v, const char *n, pe_val val);
/* Set v (an exception instance or type) as the pending exception; chains
 * the exception being handled as __context__. */
int pe_raise_exc(pe_state *S, pe_val v);
/* cls() for `raise cls` (a new exception instance), or -1 with CPython's
 * TypeError when a user __new__ returns something else. */
int pe_exc_instantiate(pe_state *S, pe_val cls, pe_val *out);
/* str(exc) as CPython: '' / str(arg) / str(args); KeyError: repr(arg). */
int pe_exc_str(pe_state *S, pe_val exc, pe_sb *sb);
/* CPython's suggestion for a mistyped name among candidates (Python/
 * suggestions.c): returns the index of the best candidate or -1. */
int pe_suggest(const char *name, const char *const *cands, size_t n);
/* Attaches a suggestion to the pending exception (copied). */
void pe_exc_set_suggestion(pe_state *S, const char *name);

/* Raise SyntaxError-family with location (1-based line and column). */
int pe_raise_syntax(pe_state *S, const pe_type *t, const char *msg, const char *filename,
                    int64_t lineno, int64_t offset, int64_t end_offset, const char *line,
                    size_t linelen);

/* Compiler (compiler.c). */
struct pe_ast;
pe_code *pe_compile_ast(pe_state *S, struct pe_ast *mod, const char *src, size_t len,
                        const char *filename, int mode);

/* Human-readable bytecode listing (pyexpr --dis). */
void pe_code_dump(pe_state *S, const pe_code *code, pe_sb *sb);

/* VM (vm.c): run the module code of `code` with its globals set up. */
int pe_vm_run(pe_state *S, pe_code *code, pe_val *result);
/* The frame a native function was called from (NULL outside a run). */
static inline pe_frame *pe_caller_frame(pe_state *S) {
    return S->nframes ? &S->frames[S->nframes - 1] : NULL;
}
/* exec(), eval(), globals(), locals() (exec.c). */
extern const pe_cfunc pe_bi_exec, pe_bi_eval, pe_bi_globals, pe_bi_locals;
/* vars()/locals() (globals false) or globals() of frame fr (descr.c). */
int pe_frame_namespace(pe_state *S, const pe_frame *fr, bool globals, pe_val *out);
/* The program whose global slots frame fr runs on: the script's (a
 * session's view) or an imported module's / exec'd string's own code. */
static inline const pe_code *pe_frame_prog(pe_state *S, const pe_frame *fr) {
    return !fr || fr->globals == S->globals || !fr->code->prog ? S->code : fr->code->prog;
}
/* Runs a module body on the given global slots (an import: nested inside
 * a run is fine). */
int pe_vm_run_module(pe_state *S, pe_fcode *module, pe_val *globals, pe_val *result);
/* Call a Python function from C (re-entrant). */
int pe_vm_call_function(pe_state *S, pe_func *f, int argc, const pe_val *argv,
                        pe_obj *kwnames, pe_val *out);

/* Builtins (builtins.c): the table the compiler resolves names against. */
typedef struct pe_builtin_def {
    const char *name;
    pe_val (*get)(void); /* the static immortal value */
} pe_builtin_def;
int pe_builtin_lookup(const char *name, size_t len); /* index or -1 */
pe_val pe_builtin_value(int index);
/* Does a call of builtin `index` run in time bounded by its arguments'
 * size (the table's `bounded` column; false for a bad index)? */
bool pe_builtin_bounded(int index);
const char *pe_builtin_name(int index); /* NULL past the end; "" if host-only */
const char *pe_builtin_suggest(const char *name);
/* A CPython builtin pyexpr lacks: raises NotImplementedError naming it and
 * returns 1; 0 when `name` is not one. */
int pe_builtin_unsupported(pe_state *S, const pe_str *name);

/* Modules (import.c, registry csrc/core/modules.def): `import name`
 * (ModuleNotFoundError for names not listed), `from module import name`,
 * `from module import *` into the frame's globals. */
int pe_module_import(pe_state *S, pe_str *name, pe_val *out);
int pe_module_import_from(pe_state *S, pe_val module, pe_str *name, pe_val *out);
int pe_module_import_star(pe_state *S, pe_val module, pe_val *globals, const pe_code *prog);
/* Drops the state's imported modules (pe_reset); _fini also the compiled
 * code of Python modules (pe_state_free). */
void pe_modules_clear(pe_state *S);
void pe_modules_fini(pe_state *S);

/* Error helpers used by the VM and the front ends. */
void pe_tb_add(pe_state *S, pe_fcode *code, uint32_t line, uint16_t col);
double pe_now(void); /* monotonic seconds */

/* pe_work with its no-timeout test inlined, for per-item charges in
 * native loops (pe_next). */
PE_INLINE int pe_work_fast(pe_state *S, uint64_t units) {
    if (PE_LIKELY(S->deadline <= 0 && !S->interrupted && !S->limits.max_steps)) return 0;
    return pe_work(S, units);
}



/* object.c helpers shared with the VM and builtins. */
const pe_cfunc *pe_find_method(const pe_type *t, const pe_str *name);
int pe_range_iter_new(pe_state *S, int64_t start, int64_t step, int64_t len, pe_val *out);
int pe_cell_new(pe_state *S, pe_val v, pe_val *out);
extern const pe_type pe_type_range_iterator;
typedef struct pe_rangeiter_view {
    pe_obj ob;
    int64_t cur, step, left;
} pe_rangeiter_view; /* layout of range iterators (FOR_ITER fast path) */


/* state.c: the state's system allocator (the pe_config hook, or
 * malloc/realloc/free), uncounted: for blocks outside the object memory
 * (stack chunks, frames, the small-block cache's blocks). Sizes must be
 * the block's own (the hook is told them). */
void *pe_sys_alloc(pe_state *S, size_t n);
void *pe_sys_realloc(pe_state *S, void *p, size_t oldn, size_t newn);
void pe_sys_free(pe_state *S, void *p, size_t n);
/* LimitError "memory limit exceeded (max_memory=N bytes)" naming the
 * user's max_memory; returns -1. */
int pe_raise_memory_limit(pe_state *S);
/* capi_run.c: a run's memory bound. begin: max_memory counts from what the
 * state holds now (frames and the first stack chunk reserved first);
 * end: the bound in force before. Used by pe_run_begin/end and sessions. */
int pe_run_memory_begin(pe_state *S);
void pe_run_memory_end(pe_state *S);
/* vm.c: the frames array (for max_depth) and the first stack chunk,
 * allocated before a run takes its memory base. */
int pe_vm_reserve(pe_state *S);
/* The absolute memory bound for a run or compile starting with mem_used
 * == base: base + max_memory (saturating), 0 without a memory limit. */
PE_INLINE size_t pe_mem_limit_from(const pe_state *S, size_t base) {
    size_t m = S->limits.max_memory;
    if (!m) return 0;
    return base + m < base ? SIZE_MAX : base + m;
}
/* capi_host.c: frees the state's host type objects (after the heap sweep). */
void pe_capi_state_fini(pe_state *S);

/* Suspended runs (suspend.c; vm.c's hooks). */
/* vm.c: continues the suspended run's frames (throw_: raising the pending
 * exception at the suspended instruction): 0, -1, or 1 suspended again. */
int pe_vm_continue(pe_state *S, bool throw_, pe_val *result);
/* vm.c: a frame pushed for a loaded snapshot (snapshot.c): its window of
 * need values (UNDEF) starts at top (NULL: the stack's start) or in a new
 * chunk; every other field is zero. NULL with an exception. */
pe_frame *pe_vm_load_frame(pe_state *S, pe_val *top, size_t need);
/* vm.c: drops every frame of a suspended run (no handler runs). */
void pe_vm_abandon(pe_state *S);
/* suspend.c: LOAD_GLOBAL of an unbound, non-builtin global with
 * susp.names set: -1 when the run suspends for the host to resolve the
 * name (nothing raised), 0 when it cannot (the NameError follows). */
int pe_suspend_name(pe_state *S, pe_frame *f, uint32_t slot);
/* suspend.c: after the VM of pe_run_exec/pe_resume returned rc (1:
 * suspended): the run's end or the pause (PE_SUSPENDED). */
int pe_suspend_after(pe_state *S, int rc, pe_val r, pe_value *result);
/* suspend.c: a suspended run left by pe_run_end / pe_reset / pe_state_free. */
void pe_suspend_abandon(pe_state *S);
/* snapshot.c: pe_snapshot_load without the key check (the fuzz target:
 * every byte string must load or fail cleanly). */
int pe_snapshot_load_unchecked(pe_state *S, const void *data, size_t len, pe_code **code_out);
/* capi_host.c: the name of an external function (NULL: v is none). */
const char *pe_external_name(pe_val v);
int pe_external_call(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kwnames,
                     pe_value *result);

/* api.c: run plumbing shared by the front ends. */
int pe_globals_init(pe_state *S, pe_code *code);
void pe_globals_release(pe_state *S);
void pe_limits_start(pe_state *S);
/* Arms the VM's limit check (S->armed) for the state's max_steps and
 * deadline as they are now (pe_limits_start; a resumed run sets its
 * deadline again). Bits only ever get added here. */
void pe_limits_arm(pe_state *S);
int pe_run_value(pe_state *S, pe_code *code, pe_val *result);

/* complete.c: the interactive prompt's one-statement rule, which pe_compile
 * applies in PE_MODE_SINGLE: 0, or -1 with "invalid syntax" raised at the
 * first token of a statement that follows a compound statement. */
int pe_single_check(pe_state *S, const char *src, size_t len, const char *filename);

/* api.c / cache.c: the staged profiling calls on a shared clock, so stage
 * boundaries cost one clock read each: with prof != NULL, *clk holds the
 * pe_clock_ns() at which the stage starts and receives the last reading
 * taken (when it ended). With prof == NULL, clk is not used. */
pe_code *pe_compile_timed(pe_state *S, const char *src, size_t len, const char *filename,
                          int mode, pe_profile *prof, uint64_t *clk);
pe_code *pe_cache_get_timed(pe_cache *c, pe_state *S, const char *src, size_t len,
                            const char *filename, int mode, pe_profile *prof, uint64_t *clk);
int pe_run_repr_timed(pe_state *S, pe_code *code, char **repr_out, pe_profile *prof,
                      uint64_t *clk);
#endif /* PE_VM_H */
