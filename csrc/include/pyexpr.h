/*
 * pyexpr.h - the public embedding API of the pyexpr engine, and its only
 * public header. Every front end (the `pyexpr` binary, its daemon, the
 * CPython extension) is written against this header alone.
 * Guide with examples: docs/embedding.md; a complete program:
 * examples/embed.c.
 *
 * Objects:
 *   pe_state  one interpreter: allocator, limits, output sinks, pending
 *             exception and every run-time object. States are independent;
 *             a state is used by one thread at a time.
 *   pe_code   a compiled program. Immutable once compiled and reference
 *             counted atomically: any number of states and threads may run
 *             it (compile once, run many; see also pe_cache).
 *   pe_value  a Python value, 16 bytes, passed by value.
 *
 * Errors: a function that can fail returns int (0 ok, -1 error) or a
 * pointer (NULL on error); the exception is then PENDING in the state (read
 * it with pe_exception*, print it with pe_print_exception, clear it with
 * pe_exception_clear or pe_reset). Nothing longjmps, nothing aborts.
 *
 * Ownership, one rule: pe_value ARGUMENTS are BORROWED (the callee retains
 * what it keeps); values RETURNED through a `pe_value *out` parameter are
 * NEW references that the caller releases with pe_value_release(). Values
 * returned BY VALUE (pe_value_none(), pe_value_item(), pe_exception()...) are
 * borrowed and say so. Immediates (None, bool, int that fits int64,
 * float) need no release, but releasing them is harmless, so uniform code
 * may release every value it owns. Values belong to the state that made
 * them: never pass a value to another state.
 */
#ifndef PYEXPR_H
#define PYEXPR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Version and export                                                  */
/* ------------------------------------------------------------------ */

#define PYEXPR_VERSION_MAJOR 0
#define PYEXPR_VERSION_MINOR 1
#define PYEXPR_VERSION_PATCH 0
/* As one comparable number: 0xMMmmpp. */
#define PYEXPR_VERSION_NUM                                                                   \
    ((PYEXPR_VERSION_MAJOR << 16) | (PYEXPR_VERSION_MINOR << 8) | PYEXPR_VERSION_PATCH)
#ifndef PYEXPR_VERSION
#define PYEXPR_VERSION "0.1.0"
#endif

/* Every public function carries PE_API; the library is compiled with
 * hidden visibility, so nothing else is visible from a shared object that
 * links it. */
#if defined(_WIN32)
#define PE_API
#elif defined(__GNUC__)
#define PE_API __attribute__((visibility("default")))
#else
#define PE_API
#endif

/* The library's version string ("X.Y.Z"), which may differ from the
 * header's PYEXPR_VERSION when linking against another build. */
PE_API const char *pe_version(void);

typedef struct pe_state pe_state;
typedef struct pe_code pe_code;

/* ------------------------------------------------------------------ */
/* States                                                              */
/* ------------------------------------------------------------------ */

/* Where print() output (out) and tracebacks (err) go. Return the number
 * of bytes taken. */
typedef size_t (*pe_write_fn)(void *ud, const char *buf, size_t n);

/* Allocator hook (Lua's convention): ptr NULL = allocate nsize bytes;
 * nsize 0 = free ptr (osize bytes), return NULL; otherwise reallocate
 * from osize to nsize bytes. Return NULL on failure (the engine raises
 * MemoryError). Must be thread-safe only if states sharing it run on
 * several threads. */
typedef void *(*pe_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

typedef struct pe_limits {
    uint64_t max_steps;  /* bytecode instructions (back-edges and calls) per run; 0 = unlimited */
    size_t max_memory;   /* bytes a run may allocate beyond what the state holds when the
                            run starts (pe_run_begin: inputs bound and values made until
                            pe_run_end count) and a compile beyond what it holds when the
                            compile starts; 0 = unlimited. Nothing is bound outside runs
                            and compiles. The LimitError names this number. */
    uint32_t max_depth;  /* Python call depth; 0 = default (1000) */
    double timeout;      /* seconds of wall time per run (and per compile); 0 = none */
} pe_limits;

typedef struct pe_config {
    pe_alloc_fn alloc;   /* NULL: malloc/realloc/free */
    void *alloc_ud;
    const pe_limits *limits; /* NULL: no limits */
} pe_config;

/* A new state, or NULL when out of memory. pe_state_new() is
 * pe_state_new_ex(NULL). */
PE_API pe_state *pe_state_new(void);
PE_API pe_state *pe_state_new_ex(const pe_config *cfg);
/* Frees the state and every object it holds (reference cycles included). */
PE_API void pe_state_free(pe_state *S);

PE_API void pe_set_output(pe_state *S, pe_write_fn out, void *out_ud, pe_write_fn err,
                          void *err_ud);
PE_API void pe_set_limits(pe_state *S, const pe_limits *limits);
PE_API void pe_get_limits(const pe_state *S, pe_limits *out);
/* Wall time (seconds) the next run has already used before pe_run_exec
 * starts its clock, e.g. compiling its source: that run's deadline comes
 * this much earlier. The time LimitError still names limits.timeout. Used
 * once: the next run (or session run) consumes it. */
PE_API void pe_run_charge_time(pe_state *S, double seconds);

/* One pointer of the embedder's, for callbacks to find their context. */
PE_API void pe_set_userdata(pe_state *S, void *ud);
PE_API void *pe_get_userdata(const pe_state *S);

/* Bytes the state holds now / at most since pe_state_new. */
PE_API size_t pe_memory_used(const pe_state *S);
PE_API size_t pe_memory_peak(const pe_state *S);

/* Asks the running program to stop: at its next limit check (a loop
 * back-edge, a call, a slice of long native work) it raises
 * KeyboardInterrupt, unless an interrupt hook is set (below). Safe to call
 * from a signal handler or another thread; harmless when nothing runs. */
PE_API void pe_interrupt(pe_state *S);
/* Called on the running thread when an interrupt request is seen, instead
 * of raising KeyboardInterrupt: return 0 to go on, or -1 with an
 * exception raised (e.g. the host's own signal handling raised). */
typedef int (*pe_interrupt_fn)(pe_state *S, void *ud);
PE_API void pe_set_interrupt_hook(pe_state *S, pe_interrupt_fn fn, void *ud);

/* The wall clock scripts read: time.time()/time_ns(), time.localtime(),
 * gmtime(), ctime() without an argument, datetime's now()/today()/utcnow().
 * fn returns nanoseconds since the Unix epoch (UTC); NULL restores the
 * host's real clock (the default). A fixed clock (fn returns a constant)
 * or a virtual one (fn advances its own counter) makes runs reproducible:
 * with a clock set, `random` seeded with None (or never seeded) also takes
 * its seed from fn instead of the host's entropy. monotonic(),
 * perf_counter(), process_time(), sleep() and the run's timeout keep real
 * time. The hook stays set across runs and pe_reset. */
typedef int64_t (*pe_clock_fn)(void *ud);
PE_API void pe_set_clock(pe_state *S, pe_clock_fn fn, void *ud);

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

typedef struct pe_value {
    uint64_t _opaque[2]; /* read only through the functions below */
} pe_value;

typedef enum pe_type_id {
    PE_TYPE_NONE = 0,
    PE_TYPE_BOOL,
    PE_TYPE_INT,       /* any size */
    PE_TYPE_FLOAT,
    PE_TYPE_STR,
    PE_TYPE_TUPLE,
    PE_TYPE_LIST,
    PE_TYPE_DICT,
    PE_TYPE_SET,
    PE_TYPE_FROZENSET,
    PE_TYPE_EXCEPTION, /* an exception instance */
    PE_TYPE_HOST,      /* made by pe_make_host */
    PE_TYPE_CALLABLE,  /* a Python function, builtin, method or class */
    PE_TYPE_OTHER,     /* range, slice, iterator, module, ... */
    PE_TYPE_BYTES,     /* bytes (see "bytes and bytearray" below) */
    PE_TYPE_BYTEARRAY  /* bytearray */
} pe_type_id;

PE_API pe_type_id pe_value_type(pe_value v);
/* CPython's type name ("int", "NoneType", "ZeroDivisionError"). */
PE_API const char *pe_value_type_name(pe_value v);
PE_API void pe_value_retain(pe_value v);
PE_API void pe_value_release(pe_state *S, pe_value v);
/* Object identity: equal for the same object, 0 for immediates. */
PE_API uintptr_t pe_value_id(pe_value v);

/* Immediates: never fail, never allocate. */
PE_API pe_value pe_value_none(void);
PE_API pe_value pe_value_bool(int b);
PE_API pe_value pe_value_int(int64_t i);
PE_API pe_value pe_value_float(double d);

/* Constructors (0 / -1 with MemoryError or LimitError pending). */
/* UTF-8 text; lone surrogates encoded as 3-byte sequences are accepted
 * (Python's "surrogatepass"). Invalid UTF-8: UnicodeDecodeError. */
PE_API int pe_make_str(pe_state *S, const char *utf8, size_t len, pe_value *out);
/* An int of any size from its two's complement bytes (signed=0: unsigned). */
PE_API int pe_make_int_bytes(pe_state *S, const unsigned char *bytes, size_t n,
                             int little_endian, int is_signed, pe_value *out);
/* An int from text as int(text, base) parses it (base 0, 2..36);
 * ValueError on bad text. */
PE_API int pe_make_int_text(pe_state *S, const char *text, size_t len, int base, pe_value *out);
PE_API int pe_make_tuple(pe_state *S, size_t n, const pe_value *items, pe_value *out);
PE_API int pe_make_list(pe_state *S, size_t n, const pe_value *items, pe_value *out);
PE_API int pe_make_dict(pe_state *S, pe_value *out);
PE_API int pe_make_set(pe_state *S, int frozen, pe_value *out);
/* Mutators: list.append(item), d[key] = val (TypeError if unhashable),
 * set.add(item) (on a set being built, frozen or not). */
PE_API int pe_value_list_append(pe_state *S, pe_value list, pe_value item);
PE_API int pe_value_dict_set(pe_state *S, pe_value dict, pe_value key, pe_value val);
PE_API int pe_value_set_add(pe_state *S, pe_value set, pe_value item);

/* Inspection. Accessors that cannot fail take no state; the others raise
 * TypeError/OverflowError as Python would. */
PE_API int pe_value_is_true(pe_value v); /* bool/int/float/None only: 0/1; else -1 */
/* An int (bool included) as int64: OverflowError when it does not fit. */
PE_API int pe_value_to_int64(pe_state *S, pe_value v, int64_t *out);
/* Two's complement little-endian bytes of an int of any size: the number of
 * bytes it needs (sign bit included) is stored in *needed; the bytes are
 * written when needed <= cap. */
PE_API int pe_value_int_to_bytes(pe_state *S, pe_value v, unsigned char *buf, size_t cap,
                           size_t *needed);
/* A float, or an int/bool converted as float(v) does (OverflowError). */
PE_API int pe_value_to_double(pe_state *S, pe_value v, double *out);
/* A str's UTF-8 bytes (NUL-terminated; valid while v is), or NULL when v
 * is not a str. *len may be NULL. */
PE_API const char *pe_value_utf8(pe_value v, size_t *len);
/* Items of a tuple, list, dict, set, frozenset; code points of a str;
 * 0 for anything else. */
PE_API size_t pe_value_len(pe_value v);
/* Item i of a tuple or list (BORROWED; None when out of range). */
PE_API pe_value pe_value_item(pe_value seq, size_t i);
/* Iterates a dict (insertion order) or a set: start with *pos = 0; returns
 * 1 with BORROWED key (and val for dicts, may be NULL) set, 0 at the end.
 * The container must not change while iterating. */
PE_API int pe_value_dict_next(pe_value dict, size_t *pos, pe_value *key, pe_value *val);
PE_API int pe_value_set_next(pe_value set, size_t *pos, pe_value *item);
/* d[key] as a NEW reference: 1 found, 0 missing (nothing raised), -1 error. */
PE_API int pe_value_dict_get(pe_state *S, pe_value dict, pe_value key, pe_value *out);

/* repr(v) / str(v) as malloc'ed NUL-terminated UTF-8 (free with free());
 * *len may be NULL. */
PE_API int pe_value_repr(pe_state *S, pe_value v, char **out, size_t *len);
PE_API int pe_value_str(pe_state *S, pe_value v, char **out, size_t *len);
/* The names of the methods scripts can call on v (for a class: its own
 * methods), as a new sorted list of str without duplicates. */
PE_API int pe_value_dir(pe_state *S, pe_value v, pe_value *out);

/* ------------------------------------------------------------------ */
/* bytes and bytearray                                                 */
/* ------------------------------------------------------------------ */

/* A new bytes (is_bytearray 0) or bytearray (1) holding a copy of
 * data[0..len) (data may be NULL when len is 0). 0, or -1 with
 * MemoryError / LimitError pending. */
PE_API int pe_make_bytes(pe_state *S, const void *data, size_t len, int is_bytearray,
                         pe_value *out);
/* The contents of a bytes or bytearray (never NULL for those; valid while
 * v is alive and, for a bytearray, until it is next changed), or NULL when
 * v is neither. *len may be NULL. pe_value_len gives the length too. */
PE_API const unsigned char *pe_value_bytes(pe_value v, size_t *len);

/* ------------------------------------------------------------------ */
/* Host objects: C data and callbacks that scripts can call            */
/* ------------------------------------------------------------------ */

/* A call from a script: argv[0..argc) are BORROWED arguments, positional
 * first; kwnames is None or a tuple of str naming the LAST entries of argv
 * (keyword arguments, CPython's vectorcall layout). Return 0 with a NEW
 * reference in *result, or -1 with an exception raised (pe_raise_id, pe_raise_value). */
typedef int (*pe_host_call_fn)(pe_state *S, void *ud, int argc, const pe_value *argv,
                               pe_value kwnames, pe_value *result);

/* A class of host objects; static storage, shared by its objects. Host
 * objects compare equal (and hash equally) iff they have the same class
 * and ud. */
typedef struct pe_host_class {
    const char *name;     /* type name shown to scripts ("function") */
    pe_host_call_fn call; /* NULL: not callable */
    /* repr: writes at most cap bytes of UTF-8 into buf and returns the
     * length it needs (snprintf), or -1 with an exception raised. NULL:
     * "<NAME object>". */
    int (*repr)(pe_state *S, void *ud, char *buf, size_t cap);
    /* Called once when the engine drops its last reference (NULL: none). */
    void (*release)(void *ud);
    /* --- host objects with attributes (issue 15; docs/host.md) --- */
    /* obj.name in a script (name: UTF-8, NUL-terminated, len bytes): 0 with
     * a NEW reference in *out, or -1 with an exception raised (an
     * AttributeError for a name the host does not allow). cls is the class
     * the object was made with (a host may embed it in a larger struct).
     * NULL: the object has no attributes ("'NAME' object has no attribute
     * 'x'"). Method calls (obj.m(x)) are getattr, then a call of the result. */
    int (*getattr)(pe_state *S, const struct pe_host_class *cls, void *ud, const char *name,
                   size_t len, pe_value *out);
    /* obj.name = *val (val BORROWED), or del obj.name when val is NULL: 0, or
     * -1 with an exception raised. NULL: every attribute is read-only
     * (AttributeError, as for getattr). */
    int (*setattr)(pe_state *S, const struct pe_host_class *cls, void *ud, const char *name,
                   size_t len, const pe_value *val);
} pe_host_class;

PE_API int pe_make_host(pe_state *S, const pe_host_class *cls, void *ud, pe_value *out);
/* The ud of a host object of class cls, or NULL. */
PE_API void *pe_host_data(pe_value v, const pe_host_class *cls);
/* (issue 15) The class a host object was made with (pe_make_host), or NULL
 * when v is no host object. With pe_host_data, lets a front end that makes
 * classes at run time (one per host type) recognise its own objects. */
PE_API const pe_host_class *pe_host_class_of(pe_value v);
/* A callable: a host object of the engine's class "function" calling fn
 * with ud; its repr is "<function NAME>". Two are equal iff they have the
 * same fn and ud. (pe_host_data does not apply: the class is internal.) */
PE_API int pe_make_function(pe_state *S, const char *name, pe_host_call_fn fn, void *ud,
                            pe_value *out);

/* (issue 15) Reaching the engine's own objects from a host, e.g. to convert
 * a host's datetime / Fraction into the engine's (module datetime,
 * fractions): v.name (pe_value_getattr) and callee(*argv, **kw)
 * (pe_value_call; kwnames as in pe_host_call_fn), and `import name`
 * (pe_import_module: a built-in or standard-library module, made on first
 * use in S). Callable between pe_run_begin and pe_run_end (inputs may be
 * made with them) and from callbacks during a run. 0 with a NEW reference
 * in *out, or -1 with the exception pending. */
PE_API int pe_value_getattr(pe_state *S, pe_value v, const char *name, pe_value *out);
PE_API int pe_value_call(pe_state *S, pe_value callee, int argc, const pe_value *argv,
                         pe_value kwnames, pe_value *out);
PE_API int pe_import_module(pe_state *S, const char *name, pe_value *out);

/* Host modules: `import NAME` of a module the engine does not have calls
 * the state's import hook (once per NAME until pe_reset), which fills the
 * fresh module with pe_module_add and returns 1, returns 0 when the host
 * has no such module (the script gets CPython's ModuleNotFoundError), or
 * -1 with an exception raised. Built-in modules cannot be replaced. */
typedef int (*pe_import_fn)(pe_state *S, const char *name, pe_value module, void *ud);
PE_API void pe_set_import_hook(pe_state *S, pe_import_fn fn, void *ud);
/* module.name = v (v BORROWED). */
PE_API int pe_module_add(pe_state *S, pe_value module, const char *name, pe_value v);

/* ------------------------------------------------------------------ */
/* Exceptions                                                          */
/* ------------------------------------------------------------------ */

/* The built-in exception classes (CPython 3.11's, plus pyexpr's
 * LimitError): ids are 0..pe_exception_type_count()-1, stable within a
 * build; every class comes after its base. */
PE_API int pe_exception_type_count(void);
PE_API const char *pe_exception_type_name_of(int type_id); /* NULL past the end */
PE_API int pe_exception_type_lookup(const char *name);     /* -1: no such class */
PE_API int pe_exception_type_base(int type_id);            /* BaseException: itself */

/* Raise (always return -1 so callbacks can `return pe_raise_id(...)`). */
PE_API int pe_raise_id(pe_state *S, int type_id, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
PE_API int pe_raise_value(pe_state *S, pe_value exc); /* a pe_make_exception result */
/* An instance as a script calling the class with args_tuple (None: no
 * arguments) makes it: OSError(errno, ...) picks its errno subclass, the
 * Unicode*Error classes check their arguments. The SyntaxError family also
 * takes CPython's (msg, (filename, lineno, offset, text[, end_lineno,
 * end_offset])) and fills the fields pe_exception_syntax_info reads. */
PE_API int pe_make_exception(pe_state *S, int type_id, pe_value args_tuple, pe_value *out);

/* The pending exception. */
PE_API int pe_has_exception(const pe_state *S);
PE_API pe_value pe_exception(const pe_state *S); /* BORROWED; None when none is pending */
PE_API void pe_exception_clear(pe_state *S);
/* Parts of an exception instance e (BORROWED; None when absent). */
PE_API int pe_exception_type(pe_value e);           /* type id, -1 if e is not one */
PE_API int pe_exception_matches(pe_value e, int type_id); /* isinstance(e, cls) */
PE_API pe_value pe_exception_args(pe_value e);      /* tuple */
PE_API pe_value pe_exception_cause(pe_value e);     /* __cause__ */
PE_API pe_value pe_exception_context(pe_value e);   /* __context__ */
PE_API int pe_exception_suppress_context(pe_value e);
/* OSError's filename and filename2 (kept out of args, as CPython does;
 * BORROWED, None when unset): 0 none set, 1 filename only, 2 both; -1
 * when e is no OSError. */
PE_API int pe_exception_oserror_filenames(pe_value e, pe_value *filename, pe_value *filename2);
/* SyntaxError fields (0 / None when unknown); -1 when e is no SyntaxError. */
typedef struct pe_syntax_info {
    pe_value filename, text; /* str or None, BORROWED */
    int64_t lineno, offset, end_lineno, end_offset;
} pe_syntax_info;
PE_API int pe_exception_syntax_info(pe_value e, pe_syntax_info *out);

/* The pending exception as CPython's traceback text, malloc'ed; it stays
 * pending. */
PE_API int pe_format_exception(pe_state *S, char **out, size_t *len);
/* Writes the pending exception as CPython's traceback to the err sink and
 * clears it. */
PE_API void pe_print_exception(pe_state *S);
/* Uncaught SystemExit, as CPython ends the process: if the pending
 * exception is a SystemExit, clears it, writes str(code) and a newline to
 * the err sink when its code is neither None nor an int, and returns the
 * exit status (0..255). Otherwise returns -1 and leaves the exception
 * pending. */
PE_API int pe_exception_exit_status(pe_state *S);

/* ------------------------------------------------------------------ */
/* Compiling                                                           */
/* ------------------------------------------------------------------ */

enum {
    PE_MODE_EXEC = 0,  /* statements; result None */
    PE_MODE_EVAL = 1,  /* a single expression; result its value */
    PE_MODE_CALC = 2,  /* statements; if the last is an expression, its value is the result */
    PE_MODE_SINGLE = 3 /* interactive input (CPython's 'single'): every expression statement
                          outside functions is shown by the display hook; result None */
};

/* Compiles source (UTF-8, len bytes). Returns a NEW reference, or NULL
 * with a SyntaxError (or MemoryError/LimitError) pending in S. filename
 * NULL means "<string>". */
PE_API pe_code *pe_compile(pe_state *S, const char *src, size_t len, const char *filename,
                           int mode);

/* For prompts: 1 when src is a complete interactive input, 0 when it needs
 * more lines (an open bracket, a compound statement, a trailing backslash,
 * an unterminated triple-quoted string), as CPython's prompt decides. Raises
 * nothing. */
PE_API int pe_source_is_complete(pe_state *S, const char *src, size_t len);

/* pe_code is reference counted (atomically: any thread may retain and
 * release). Release only after every state that ran it has cleared its
 * exception and called pe_reset (objects of a run may point into it). */
PE_API void pe_code_retain(pe_code *code);
PE_API void pe_code_release(pe_code *code);
/* The same, recycling the memory through S's allocator cache (S must not
 * be running). */
PE_API void pe_code_release_in(pe_state *S, pe_code *code);

PE_API int pe_code_mode(const pe_code *code);
/* Flags computed by the compiler. PE_CODE_BOUNDED: straight-line code
 * whose run time is bounded by the size of its inputs (no loops, function
 * definitions, comprehensions, exponentiation or left shifts except by a
 * constant of at most 64 (x ** 2, x ** 0.5, x << 3), and calls only of
 * builtins that do not iterate without bound): a host may run it without
 * giving up its own locks. */
enum { PE_CODE_BOUNDED = 1u << 0 };
PE_API unsigned pe_code_flags(const pe_code *code);

/* The program's global names: slot i in 0..pe_code_nglobals()-1. Bind
 * inputs and read results by slot (pe_run_bind, pe_run_global). */
PE_API uint32_t pe_code_nglobals(const pe_code *code);
PE_API const char *pe_code_global_name(const pe_code *code, uint32_t slot, size_t *len);
/* Slot of a name, or -1 when the program does not use it. */
PE_API int64_t pe_code_global_slot(const pe_code *code, const char *name, size_t len);

/* The bytecode listing of a program (a developer aid; the format may
 * change), malloc'ed NUL-terminated text (free with free()). */
PE_API int pe_code_disassemble(pe_state *S, const pe_code *code, char **out, size_t *len);

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

/* One run, in steps: pe_run_begin gives the program fresh globals (the
 * builtins bound) and takes the run's memory base (max_memory counts from
 * here to pe_run_end), pe_run_bind sets inputs, pe_run_exec runs it (the
 * step and time limits start here), pe_run_global reads variables
 * afterwards, pe_run_end releases the globals (a pending exception stays,
 * with its traceback). A state runs one program at a time: pe_run_begin
 * ends a run left open. None of these allocates once the state's globals
 * buffer has grown to the program's size. */
PE_API int pe_run_begin(pe_state *S, pe_code *code);
PE_API int pe_run_bind(pe_state *S, uint32_t slot, pe_value v);
/* By name: 1 bound, 0 the program does not use the name (nothing bound). */
PE_API int pe_run_bind_name(pe_state *S, const char *name, size_t len, pe_value v);
/* Runs; *result (may be NULL) receives a NEW reference to the result
 * (PE_MODE_EVAL/CALC: the value; otherwise None). */
PE_API int pe_run_exec(pe_state *S, pe_value *result);
/* NEW reference to the value in slot: 1 bound, 0 unbound (nothing
 * stored), -1 bad slot. Builtins count as bound. */
PE_API int pe_run_global(pe_state *S, uint32_t slot, pe_value *out);
/* ids[i] = pe_value_id of the value in slot i (0: unbound) for slots 0..n-1:
 * e.g. right after pe_run_begin, which globals are builtins, so that a front
 * end can tell afterwards which ones the program rebound. */
PE_API void pe_run_global_ids(pe_state *S, uintptr_t *ids, uint32_t n);
PE_API void pe_run_end(pe_state *S);

/* All of the above, without inputs: fresh globals, run, release. */
PE_API int pe_run(pe_state *S, pe_code *code, pe_value *result);
/* pe_run whose result is returned as its repr: in PE_MODE_CALC/EVAL, if
 * repr_out is not NULL and the result is not None, *repr_out receives a
 * malloc'ed NUL-terminated repr (free with free()). */
PE_API int pe_run_repr(pe_state *S, pe_code *code, char **repr_out);

/* PE_MODE_SINGLE's display hook for a value that is not None (BORROWED);
 * NULL (the default) writes repr(v) and a newline to the out sink. Return
 * 0, or -1 with an exception raised. */
typedef int (*pe_display_fn)(pe_state *S, pe_value v, void *ud);
PE_API void pe_set_display_hook(pe_state *S, pe_display_fn fn, void *ud);

/* Clears any pending exception and frees every object of the state
 * (reference cycles included): after it, EVERY value of the state is
 * invalid, those the embedder made or still holds included. Objects are
 * freed by reference counting anyway; what only pe_reset (or
 * pe_state_free) reclaims is reference cycles, so call it between runs when
 * the embedder holds no values (cheap when nothing is left). */
PE_API void pe_reset(pe_state *S);

/* Sessions (the interactive prompt's globals): globals that live across
 * programs, as at Python's prompt. Each input is compiled on its own
 * (pe_compile) and run with pe_session_run: a function defined by one
 * input reads and writes the variables of later ones. The session rewrites
 * the global slots of every code it runs to its own and keeps a reference
 * to it until pe_session_free: a code must come from pe_compile and be held
 * by nobody else (not from a cache) the first time it runs here (ValueError
 * otherwise). Do not pe_reset the state while a session lives: its
 * globals are objects of the state; pe_session_free ends with pe_reset.
 * Limits apply per pe_session_run, as per pe_run_exec. */
typedef struct pe_session pe_session;
/* NULL with MemoryError pending when out of memory. */
PE_API pe_session *pe_session_new(pe_state *S);
PE_API void pe_session_free(pe_state *S, pe_session *sess);
/* Runs code with the session's globals; *result (may be NULL) as in
 * pe_run_exec. */
PE_API int pe_session_run(pe_state *S, pe_session *sess, pe_code *code, pe_value *result);
/* The session's global `name` as a NEW reference: 1 bound, 0 unbound (None
 * stored). builtins != 0: a name no global binds is looked up among the
 * builtins. */
PE_API int pe_session_get(pe_state *S, pe_session *sess, const char *name, size_t len,
                          int builtins, pe_value *out);
/* Binds the global `name` to *v (BORROWED), or unbinds it when v is NULL
 * (creating the name if new: a display hook may then bind it during a run;
 * a run cannot add names: RuntimeError). */
PE_API int pe_session_set(pe_state *S, pe_session *sess, const char *name, size_t len,
                          const pe_value *v);
/* Iterates the bound globals: start with *pos = 0; returns 1 with the name
 * (UTF-8, valid while the session lives) and the value (BORROWED), 0 at
 * the end. Any of name, len, val may be NULL. */
PE_API int pe_session_next(const pe_session *sess, size_t *pos, const char **name, size_t *len,
                           pe_value *val);

/* ------------------------------------------------------------------ */
/* External calls and suspended runs (the `pause` block, issue 15)     */
/* ------------------------------------------------------------------ */

/* A script's call of an EXTERNAL function does not run host code: the run
 * returns PE_SUSPENDED from pe_run_exec (or pe_resume) with its frames kept
 * in the state; the host reads the call with pe_pending_call, does the work
 * and continues the run with pe_resume (the call's value) or
 * pe_resume_error / pe_resume_raise (an exception raised at the call),
 * until the run completes (0) or fails (-1). The step and memory limits
 * keep counting across the pauses; the time spent suspended does not count
 * against limits.timeout. While suspended the state may make values
 * (pe_make_*) but runs nothing else; pe_run_end, pe_run_begin, pe_reset or
 * pe_state_free abandon a suspended run (no finally block runs).
 *
 * Only the top-level run can suspend: an external function called from a
 * nested run (a sort key, a __repr__, map(), a generator resumed by a
 * builtin, an imported module's body) raises RuntimeError naming it. So do
 * calls through pe_run / pe_run_repr / pe_session_run, which cannot
 * suspend. */
#define PE_SUSPENDED 1
enum { PE_PENDING_CALL = 1, PE_PENDING_NAME = 2 };
typedef struct pe_pending {
    int kind;          /* PE_PENDING_CALL: an external function was called;
                          PE_PENDING_NAME: an undefined global was read
                          (pe_set_suspend_names) */
    const char *name;  /* the function's (or the global's) name, UTF-8 */
    size_t name_len;
    pe_value args;     /* tuple of the positional arguments (BORROWED) */
    pe_value kwargs;   /* dict of the keyword arguments (BORROWED) */
    uint64_t seq;      /* 1 for the run's first external call, then 2, ... */
} pe_pending;           /* valid until the run is resumed or ended */

/* A new external function named name (its repr is "<function NAME>").
 * Bind it as an input (pe_run_bind_name) or store it anywhere a script
 * can reach. */
PE_API int pe_make_external(pe_state *S, const char *name, size_t len, pe_value *out);
/* Between pe_run_begin and pe_run_exec: binds the global `name` to a new
 * external function of that name. 1 bound, 0 the program does not use the
 * name, -1 error. */
PE_API int pe_external_declare(pe_state *S, const char *name, size_t len);
/* on != 0: reading a global the program never bound (and no builtin has
 * that name) suspends with a PE_PENDING_NAME call instead of raising
 * NameError; the value resumed with is bound to the global. Stays set
 * until changed. */
PE_API void pe_set_suspend_names(pe_state *S, int on);
/* The most external calls (and resolved names) a run may make; 0 (the
 * default): no cap. The next one raises LimitError "external call limit
 * exceeded (max_external_calls=N)" in the script. */
PE_API void pe_set_max_external_calls(pe_state *S, uint64_t max_calls);
/* 1 while a run is suspended. */
PE_API int pe_run_suspended(const pe_state *S);
/* The pending call of the suspended run: 0, or -1 (SystemError) when no
 * run is suspended. */
PE_API int pe_pending_call(pe_state *S, pe_pending *out);
/* Continues the suspended run: the pending call returns value (BORROWED).
 * Returns as pe_run_exec: 0 completed (*result as there), PE_SUSPENDED
 * again, or -1 with the script's exception pending. */
PE_API int pe_resume(pe_state *S, pe_value value, pe_value *result);
/* The same, the pending call raising an exception of class type_id
 * (pe_exception_type_lookup) with message msg (NULL: no arguments). */
PE_API int pe_resume_error(pe_state *S, int type_id, const char *msg, pe_value *result);
/* The same, raising the state's pending exception (pe_raise_value ...). */
PE_API int pe_resume_raise(pe_state *S, pe_value *result);

/* Snapshots: a suspended run as bytes, to resume later, in another state,
 * process or machine (docs/embedding.md "Snapshots"). The bytes hold the
 * program's source (recompiled on load), the limits and what the run used
 * of them, the globals, the frames and every object they reach (shared
 * objects and cycles kept). Objects a snapshot cannot hold (classes and
 * their instances, modules, host objects, bound methods, most iterators)
 * make pe_snapshot_dump fail with TypeError naming the type.
 *
 * The bytes are authenticated with HMAC-SHA256 under key (any bytes, not
 * empty): pe_snapshot_load refuses bytes dumped with another key or
 * altered (ValueError), so the engine never runs frames it did not write;
 * the loader also checks every count, index and reference. */
/* While suspended: the bytes, malloc'ed (free with free()). */
PE_API int pe_snapshot_dump(pe_state *S, const void *key, size_t keylen, char **out, size_t *len);
/* Makes the snapshot's run the state's run, suspended (a run begun in S
 * is ended first): pe_pending_call / pe_resume* continue it. *code_out
 * receives the recompiled program (a NEW reference: release it after
 * pe_run_end and pe_reset). 0, or -1 with ValueError (bad bytes) or the
 * program's compile error pending. */
PE_API int pe_snapshot_load(pe_state *S, const void *data, size_t len, const void *key,
                            size_t keylen, pe_code **code_out);

/* ------------------------------------------------------------------ */
/* Built-in names                                                      */
/* ------------------------------------------------------------------ */

/* The names of the builtins scripts see, i = 0.. until NULL; "" for a slot
 * not visible to scripts. */
PE_API const char *pe_builtin_name(int i);

/* ------------------------------------------------------------------ */
/* The sys module                                                      */
/* ------------------------------------------------------------------ */

/* sys.argv for the programs S runs from now on: argc strings, copied
 * (bytes that are not UTF-8 are decoded as CPython does, with
 * surrogateescape). Never called (or argc 0): sys.argv is [''], as in an
 * embedded CPython. Front ends pass what python3 would: the CLI
 * ['prog.py', args...], ['-c', args...], ['-', args...] (docs/language.md).
 * Returns 0, or -1 with MemoryError pending. */
PE_API int pe_set_argv(pe_state *S, int argc, const char *const *argv);

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* Strict UTF-8 as CPython's codec accepts it (no overlong forms, no
 * surrogates, nothing above U+10FFFF): the length of the longest prefix
 * of s[0..n) made of whole valid sequences; n when all of s is valid. */
PE_API size_t pe_utf8_valid_prefix(const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* Compile cache (docs/cache.md)                                       */
/* ------------------------------------------------------------------ */

/* An LRU cache of compiled programs keyed by (source bytes, mode, filename):
 * a seeded 64-bit hash finds the entry, a full byte comparison confirms it.
 * Bounded by entry count and bytes; O(1) hit and eviction. Thread-safe.
 * Failed compiles that raised a SyntaxError (or IndentationError/TabError)
 * are cached as negative entries and re-raised on a hit; other failures
 * (MemoryError, LimitError) are not cached. */
typedef struct pe_cache pe_cache;
typedef struct pe_cache_stats {
    uint64_t hits, misses;
    size_t maxsize, currsize, bytes, maxbytes;
} pe_cache_stats;

/* 0 selects the default (1024 entries / 64 MiB); SIZE_MAX is unbounded.
 * NULL when out of memory. */
PE_API pe_cache *pe_cache_new(size_t max_entries, size_t max_bytes);
/* Drops the cache's references; codes referenced elsewhere live on. */
PE_API void pe_cache_free(pe_cache *c);
/* Compiled code for (src, mode, filename): from the cache on a hit, else
 * compiled with S and inserted. A NEW reference, or NULL with the
 * exception pending in S. c == NULL compiles without caching. */
PE_API pe_code *pe_cache_get(pe_cache *c, pe_state *S, const char *src, size_t len,
                             const char *filename, int mode);
PE_API void pe_cache_stats_get(pe_cache *c, pe_cache_stats *out);
/* Empties the cache and zeroes hits/misses. */
PE_API void pe_cache_clear(pe_cache *c);
/* New bounds (0 = default); evicts LRU entries at once down to them. */
PE_API void pe_cache_resize(pe_cache *c, size_t max_entries, size_t max_bytes);
/* Test hook: every key hashes to h (collision-safety tests); 0 disables. */
PE_API void pe_cache_debug_force_hash(pe_cache *c, uint64_t h);

/* ------------------------------------------------------------------ */
/* Profiling (docs/profiling.md)                                       */
/* ------------------------------------------------------------------ */

/* Wall time per pipeline stage, in nanoseconds (CLOCK_MONOTONIC):
 *   lex_ns      source validation + a separate tokenization pass (done only
 *               when profiling)
 *   parse_ns    parsing to the AST (the parser's own tokenization included)
 *   compile_ns  AST to bytecode + code finalisation; on a cache hit, the
 *               cache lookup
 *   execute_ns  globals setup, the VM run (print() output included) and
 *               the run's teardown
 *   format_ns   repr of the result; front ends add the time to write it and
 *               flush their output / the traceback
 *   total_ns    the whole operation, always >= the sum of the stages
 * Stages that did not run are 0. */
enum { PE_PROFILE_CACHE_OFF = 0, PE_PROFILE_CACHE_MISS = 1, PE_PROFILE_CACHE_HIT = 2 };
typedef struct pe_profile {
    uint64_t lex_ns, parse_ns, compile_ns, execute_ns, format_ns, total_ns;
    int cache; /* PE_PROFILE_CACHE_*: off, miss, hit */
} pe_profile;

/* The profiling hook: while prof is set (not NULL), pe_compile and
 * pe_cache_get write the lex/parse/compile stages and the cache field,
 * pe_run/pe_run_repr/pe_run_exec the execute/format stages, into *prof
 * (they do not touch total_ns). NULL (the default) turns it off: no clock
 * is read. */
PE_API void pe_set_profile(pe_state *S, pe_profile *prof);

/* CLOCK_MONOTONIC in nanoseconds. */
PE_API uint64_t pe_clock_ns(void);

/* Compile (through cache c when not NULL) and run src, timing every stage
 * into *out (zeroed first; total_ns set). Returns 0, or -1 with the
 * exception pending. repr_out as in pe_run_repr.
 * code_out != NULL: receives the code (NULL if compilation failed), a new
 *   reference the caller releases after printing the exception and pe_reset.
 * code_out == NULL: a pending exception is printed to S's err sink here
 *   (timed as format), then S is pe_reset and the code released. */
PE_API int pe_profile_run(pe_state *S, pe_cache *c, const char *src, size_t len,
                          const char *filename, int mode, pe_profile *out, char **repr_out,
                          pe_code **code_out);

/* A profile as the CLI's table (several lines) or as one JSON object
 * {"lex_ns":N,"parse_ns":N,"compile_ns":N,"execute_ns":N,"format_ns":N,
 *  "total_ns":N,"cache":"off"|"miss"|"hit"} and a newline. snprintf
 * semantics: returns the length it needs (excluding the NUL). */
PE_API int pe_profile_format_table(const pe_profile *p, char *buf, size_t cap);
PE_API int pe_profile_format_json(const pe_profile *p, char *buf, size_t cap);

/* ------------------------------------------------------------------ */
/* JSON text and the module list (added for the MCP server, csrc/mcp/) */
/* ------------------------------------------------------------------ */

/* Parses one JSON document (UTF-8 text, len bytes; whitespace around it
 * allowed) as json.loads does: objects become dicts (a repeated key keeps
 * the last value), arrays lists, numbers int or float, true/false/null
 * bool/None. *out is a NEW reference. -1 with ValueError pending naming
 * the problem and its character offset ("Expecting value (char 3)"),
 * UnicodeDecodeError for text that is not UTF-8, or MemoryError /
 * LimitError. Nesting deeper than 10000 levels: RecursionError. */
PE_API int pe_json_parse(pe_state *S, const char *text, size_t len, pe_value *out);
/* json.dumps(v, separators=(',', ':'), allow_nan=False) as malloc'ed
 * NUL-terminated ASCII text (free with free()); *len may be NULL. -1 with
 * json.dumps's TypeError / ValueError pending for what JSON cannot hold. */
PE_API int pe_json_dump(pe_state *S, pe_value v, char **out, size_t *len);

/* The modules scripts can import, i = 0.. until NULL, sorted by name:
 * those written in C (modules.def) and in Python (csrc/lib); helper
 * modules (a name starting with '_') and submodules (json.decoder) are
 * left out. */
PE_API const char *pe_module_list(int i);

#ifdef __cplusplus
}
#endif
#endif /* PYEXPR_H */
