/*
 * pyexpr.h - public embedding API of the pyexpr engine.
 *
 * A pe_state is one interpreter: allocator, limits, pending exception and
 * all run-time objects. States are independent; one state must not be used
 * by two threads at once. A pe_code is a compiled program; it is immutable
 * once compiled and may be run by any state (compile and run are separate
 * calls so programs can be cached).
 */
#ifndef PYEXPR_H
#define PYEXPR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef PYEXPR_VERSION
#define PYEXPR_VERSION "0.0.0"
#endif

typedef struct pe_state pe_state;
typedef struct pe_code pe_code;

/* Compile modes. */
enum {
    PE_MODE_EXEC = 0, /* statements; result is None */
    PE_MODE_EVAL = 1, /* a single expression; result is its value */
    PE_MODE_CALC = 2, /* statements; if the last is an expression, its value is the result */
    PE_MODE_SINGLE = 3 /* interactive input (CPython's 'single'): every expression statement
                          outside functions echoes its repr unless it is None; result None */
};

/* Where print() and tracebacks go. Return the number of bytes taken. */
typedef size_t (*pe_write_fn)(void *ud, const char *buf, size_t n);

typedef struct pe_limits {
    uint64_t max_steps;  /* bytecode instructions per run; 0 = unlimited */
    size_t max_memory;   /* bytes allocated at once; 0 = unlimited */
    uint32_t max_depth;  /* Python call depth; 0 = default (1000) */
    double timeout;      /* seconds of wall time per run; 0 = none */
} pe_limits;

pe_state *pe_state_new(void);
void pe_state_free(pe_state *S);
void pe_set_output(pe_state *S, pe_write_fn out, void *out_ud, pe_write_fn err, void *err_ud);
void pe_set_limits(pe_state *S, const pe_limits *limits);

/* Compiles source (UTF-8, len bytes). On error returns NULL and leaves a
 * SyntaxError pending in S. The caller owns one reference to the code. */
pe_code *pe_compile(pe_state *S, const char *src, size_t len, const char *filename, int mode);

/* pe_code is reference counted (atomically: any thread may retain/release).
 * pe_compile and pe_cache_get return a new reference; the code is freed when
 * the last one is released. Release only after every state that ran it has
 * printed/cleared its exception and called pe_reset (objects of a run may
 * point into the code). pe_code_free(code) is pe_code_release(code). */
void pe_code_retain(pe_code *code);
void pe_code_release(pe_code *code);
/* The same, recycling the code's memory through a state's allocator cache
 * (S must not be running a program). */
void pe_code_release_in(pe_state *S, pe_code *code);
void pe_code_free(pe_code *code);

/* Runs code in S with fresh globals. Returns 0 on success, -1 when an
 * exception is pending. In PE_MODE_CALC/EVAL, if repr_out is not NULL and
 * the result is not None, *repr_out receives a malloc'ed NUL-terminated
 * repr of the result (caller frees with free()). */
int pe_run_repr(pe_state *S, pe_code *code, char **repr_out);

/* Clears any pending exception and frees every object left by earlier
 * runs (reference cycles included). */
void pe_reset(pe_state *S);

/* Writes the pending exception as CPython's traceback to the err sink and
 * clears it. */
void pe_print_exception(pe_state *S);

/* Uncaught SystemExit, as CPython ends the process: if the pending
 * exception is a SystemExit, clears it, writes str(code) and a newline to
 * the err sink when its code is neither None nor an int, and returns the
 * exit status (0..255, as the process sees it). Otherwise returns -1 and
 * leaves the exception pending (print it with pe_print_exception). */
int pe_exception_exit_status(pe_state *S);

const char *pe_version(void);

/* ------------------------------------------------------------------ */
/* Compile cache (cache.c; docs/cache.md)                              */
/* ------------------------------------------------------------------ */

/* An LRU cache of compiled programs keyed by (source bytes, mode, filename):
 * a seeded 64-bit hash finds the entry, a full byte comparison confirms it,
 * so a hash collision can never return another program. Bounded by entry
 * count and by bytes (pe_code bytes + entry overhead); O(1) hit and
 * eviction. Thread-safe: one mutex, held only for lookup/insert/evict
 * (hashing and compiling happen outside it). Failed compiles that raised a
 * SyntaxError (or IndentationError/TabError) are cached as negative entries
 * and re-raised as an equivalent exception on a hit; other compile failures
 * (MemoryError, LimitError) are not cached. No global state. */
typedef struct pe_cache pe_cache;
typedef struct pe_cache_stats {
    uint64_t hits, misses;
    size_t maxsize, currsize, bytes, maxbytes;
} pe_cache_stats;

/* 0 selects the default (1024 entries / 64 MiB); SIZE_MAX is unbounded.
 * Returns NULL when out of memory. */
pe_cache *pe_cache_new(size_t max_entries, size_t max_bytes);
/* Drops the cache's references; codes still referenced elsewhere live on. */
void pe_cache_free(pe_cache *c);
/* Compiled code for (src, mode, filename): from the cache on a hit, else
 * compiled with S (errors pending in S) and inserted. Returns a NEW
 * reference: call pe_code_release() when done. NULL with an exception
 * pending in S on a (possibly cached) compile error. c == NULL compiles
 * without caching. filename NULL means "<string>". */
pe_code *pe_cache_get(pe_cache *c, pe_state *S, const char *src, size_t len, const char *filename,
                      int mode);
void pe_cache_stats_get(pe_cache *c, pe_cache_stats *out);
/* Empties the cache and zeroes hits/misses (like functools cache_clear). */
void pe_cache_clear(pe_cache *c);
/* New bounds (0 = default, as in pe_cache_new); evicts LRU entries at once
 * down to them. Hit/miss counters are kept. */
void pe_cache_resize(pe_cache *c, size_t max_entries, size_t max_bytes);
/* test hook: force every key to hash to `h` (collision-safety test); 0 disables */
void pe_cache_debug_force_hash(pe_cache *c, uint64_t h);

/* ------------------------------------------------------------------ */
/* Profiling (profile.c; docs/profiling.md)                            */
/* ------------------------------------------------------------------ */

/* Wall time per pipeline stage, in nanoseconds (CLOCK_MONOTONIC):
 *   lex_ns      source validation (UTF-8, NUL) + a separate tokenization
 *               pass (pe_lex_next until ENDMARKER) done only when profiling
 *   parse_ns    parsing to the AST, including the parser's own on-demand
 *               tokenization (so lexing is counted in lex_ns and parse_ns)
 *   compile_ns  AST to bytecode + code finalisation; on a cache hit, the
 *               cache lookup (lex_ns = parse_ns = 0)
 *   execute_ns  globals setup, the VM run (print() output included) and
 *               the run's teardown (globals released)
 *   format_ns   repr of the result (calculator echo); front ends add the
 *               time to write it and flush their output / the traceback
 *   total_ns    the whole call, profiler's extra lex pass included; always
 *               >= the sum of the stages
 * Stages that did not run (compile error, cache hit) are 0. */
enum { PE_PROFILE_CACHE_OFF = 0, PE_PROFILE_CACHE_MISS = 1, PE_PROFILE_CACHE_HIT = 2 };
typedef struct pe_profile {
    uint64_t lex_ns, parse_ns, compile_ns, execute_ns, format_ns, total_ns;
    int cache; /* PE_PROFILE_CACHE_*: off (no cache used), miss, hit */
} pe_profile;

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t pe_clock_ns(void);

/* Staged, timed variants of pe_compile / pe_cache_get / pe_run_repr: same
 * results and ownership; they set the stage fields they cover in *prof
 * (lex/parse/compile/cache, resp. execute/format; prof may be NULL, which
 * is exactly the untimed call). They do not touch total_ns. */
pe_code *pe_compile_profile(pe_state *S, const char *src, size_t len, const char *filename,
                            int mode, pe_profile *prof);
pe_code *pe_cache_get_profile(pe_cache *c, pe_state *S, const char *src, size_t len,
                              const char *filename, int mode, pe_profile *prof);
int pe_run_repr_profile(pe_state *S, pe_code *code, char **repr_out, pe_profile *prof);

/* Compile (through cache c when not NULL) and run src, timing every stage
 * into *out (zeroed first; total_ns set). Returns 0, or -1 with the
 * exception pending. repr_out as in pe_run_repr.
 * code_out != NULL: receives the code (NULL if compilation failed), a new
 *   reference the caller releases after printing the exception and pe_reset.
 * code_out == NULL: a pending exception is printed to S's err sink here
 *   (timed as format), then S is pe_reset and the code released. */
int pe_profile_run(pe_state *S, pe_cache *c, const char *src, size_t len, const char *filename,
                   int mode, pe_profile *out, char **repr_out, pe_code **code_out);

/* Render a profile as the CLI's table (several lines) or as one JSON object
 * {"lex_ns":N,"parse_ns":N,"compile_ns":N,"execute_ns":N,"format_ns":N,
 *  "total_ns":N,"cache":"off"|"miss"|"hit"} followed by a newline.
 * snprintf semantics: returns the length it needs (excluding the NUL). */
int pe_profile_format_table(const pe_profile *p, char *buf, size_t cap);
int pe_profile_format_json(const pe_profile *p, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif /* PYEXPR_H */
