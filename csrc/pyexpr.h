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
    PE_MODE_CALC = 2  /* statements; if the last is an expression, its value is the result */
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
 * SyntaxError pending in S. The code is owned by the caller. */
pe_code *pe_compile(pe_state *S, const char *src, size_t len, const char *filename, int mode);
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

/* Is the pending exception a SystemExit / which exit status it asks for? */
int pe_exception_exit_status(pe_state *S);

const char *pe_version(void);

#ifdef __cplusplus
}
#endif
#endif /* PYEXPR_H */
