/*
 * ext_internal.h - private header of `pyexpr._pyexpr`, the pyexpr engine as
 * a CPython extension (csrc/ext/). Every file of the extension includes this
 * header, which includes Python.h and the engine's public header pyexpr.h -
 * nothing else of the engine (the extension is built with -Icsrc/include
 * only).
 *
 * Files, one per area:
 *   module.c      module definition, module state, the module's functions
 *   context.c     interpreter contexts (one pe_state each) and their pool,
 *                 GIL hand-over, the print() buffer
 *   convert_in.c  Python -> engine values
 *   convert_out.c engine -> Python values
 *   exceptions.c  engine exceptions -> Python exceptions and back
 *   host.c        Python callables inside the engine (pe_host_class)
 *   interrupt.c   Ctrl-C while a run has released the GIL
 *   run.c         programs, input variables, running, compiling
 *   limits.c      the limit keywords
 *   code_type.c   the pyexpr.Code type
 *
 * Design:
 *
 *  - Multi-phase init; all state lives in the module state: the LimitError
 *    class, the Code heap type, interned keyword names, the default limits,
 *    the engine exception id -> Python class map and a pool of interpreter
 *    contexts (px_ctx = one pe_state plus the extension's per-run
 *    bookkeeping). A call pops a context from the pool and pushes it back
 *    afterwards (the pool is protected by the GIL), so no pe_state is
 *    allocated per call, several threads each run on their own state, and
 *    re-entrant calls (a host function calling pyexpr.eval) get a fresh
 *    one. A pe_code is immutable after compilation and shared.
 *
 *  - The GIL is released while a program runs unless the compiler marked it
 *    PE_CODE_BOUNDED (straight-line code whose run time is bounded by the
 *    size of its inputs): for those a GIL round trip would cost more than
 *    the run. Host functions re-acquire the GIL (PyEval_RestoreThread on the
 *    saved thread state) when it was released.
 *
 *  - print() output is buffered in C (no GIL needed) and written with
 *    sys.stdout.write() when the run returns, before each host call, and
 *    whenever the buffer exceeds 64 KiB (re-acquiring the GIL for that).
 *
 *  - The per-run context is the state's user data (pe_get_userdata) and the
 *    output sink's ud.
 *
 *  - Values are converted by copy in both directions. Host callables are
 *    pe_make_host objects of px_host_class whose ud is a BORROWED
 *    PyObject*; the context keeps a strong reference for the duration of
 *    the run, so no Python reference count is touched without the GIL.
 */
#ifndef PX_EXT_INTERNAL_H
#define PX_EXT_INTERNAL_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pyexpr.h"

#if defined(__unix__) || defined(__APPLE__)
#define PX_HAVE_SIGACTION 1
#else
#define PX_HAVE_SIGACTION 0
#endif

#if defined(__GNUC__)
#define PX_LIKELY(x) __builtin_expect(!!(x), 1)
#define PX_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define PX_LIKELY(x) (x)
#define PX_UNLIKELY(x) (x)
#endif

/* ------------------------------------------------------------------ */
/* Compatibility                                                       */
/* ------------------------------------------------------------------ */

#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *px_Py_NewRef(PyObject *o) {
    Py_INCREF(o);
    return o;
}
#define Py_NewRef(o) px_Py_NewRef((PyObject *)(o))
static inline int px_PyModule_AddObjectRef(PyObject *m, const char *name, PyObject *v) {
    Py_INCREF(v);
    if (PyModule_AddObject(m, name, v) < 0) {
        Py_DECREF(v);
        return -1;
    }
    return 0;
}
#define PyModule_AddObjectRef px_PyModule_AddObjectRef
#endif

/* Is o (a str) pure ASCII, so that its data are its UTF-8 bytes? */
static inline int px_str_is_ascii(PyObject *o) {
#if PY_VERSION_HEX < 0x030C0000
    if (!PyUnicode_IS_READY(o)) return 0;
#endif
    return PyUnicode_IS_ASCII(o);
}

/* Takes the raised exception (normalised, traceback attached). */
static inline PyObject *px_fetch_exc(void) {
#if PY_VERSION_HEX >= 0x030C0000
    return PyErr_GetRaisedException();
#else
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (!t) return NULL;
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb && v) PyException_SetTraceback(v, tb);
    Py_XDECREF(t);
    Py_XDECREF(tb);
    return v;
#endif
}

/* Raises exception instance v (steals the reference). */
static inline void px_restore_exc(PyObject *v) {
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(v);
#else
    PyObject *tb = PyException_GetTraceback(v);
    PyObject *t = (PyObject *)Py_TYPE(v);
    Py_INCREF(t);
    PyErr_Restore(t, v, tb);
#endif
}

/* ------------------------------------------------------------------ */
/* Module state, contexts                                              */
/* ------------------------------------------------------------------ */

#define PX_POOL_MAX 16          /* idle interpreter contexts kept */
#define PX_MAX_NEST 1000        /* container nesting converted either way */
#define PX_OUT_FLUSH (1u << 16) /* print buffer flushed beyond this */
#define PX_MAX_DEPTH_LIMIT 1000000u
#define PX_DEFAULT_DEPTH 1000u  /* the engine's max_depth when 0 is given */
#define PX_COMPILE_NOGIL 16384  /* sources longer than this compile without the GIL */

/* Default limits of the extension (docs/security.md explains the choice):
 * a program from an untrusted source must not be able to hang or exhaust
 * the host unless the host lifts a limit explicitly. */
#define PX_DEFAULT_MAX_MEMORY ((size_t)256 << 20) /* 256 MiB */
#define PX_DEFAULT_TIMEOUT 5.0                    /* seconds of wall time */

struct px_mod;
struct px_row;

/* A shared container (pyexpr.shared) of a run: its engine copy, written
 * back into the host's list/dict when the run ends (hostobj.c). */
typedef struct px_shared_ent {
    pe_value v;
    PyObject *host;
} px_shared_ent;

typedef struct px_ctx {
    pe_state *S;
    struct px_mod *ms;     /* the owning module's state */
    PyThreadState *tstate; /* saved thread state while we released the GIL */
    PyObject *s_write;     /* borrowed from the module state */
    PyObject *s_stdout;    /* borrowed from the module state */
    PyObject *sys_dict;    /* borrowed from the module state: vars(sys) */
    /* print() buffer */
    char *obuf;
    size_t olen, ocap;
    PyObject *out_error; /* exception raised by sys.stdout.write, pending */
    /* strong references to the Python callables wrapped during this run */
    PyObject **keep;
    size_t nkeep, keepcap;
    /* the Python exception of the latest failed host call and the engine
     * exception that stands for it inside the script (reference held);
     * host_id is pe_value_id(host_pe), 0 when there is none */
    PyObject *host_exc;
    pe_value host_pe;
    uintptr_t host_id;
    /* exec(): identities of the builtins bound at the start of the run */
    uintptr_t *bids;
    uint32_t bidcap;
    /* host objects (hostobj.c): shared containers to write back, bound
     * methods made during this run ((id, name) -> method) */
    px_shared_ent *shared;
    size_t nshared, sharedcap;
    PyObject *bound;
    const struct px_row *row; /* Code.eval_many: this row's inputs, bound after names */
    bool allow_callables; /* this run's allow_callable_results */
    bool lim_set;         /* the state's limits are `lim` (pe_set_limits is skipped) */
    pe_limits lim;
} px_ctx;

/* Engine exception type ids the extension raises or tests (looked up by
 * name at module init; ids are stable within a build). */
typedef struct px_exc_ids {
    int Exception, TypeError, ValueError, RuntimeError, MemoryError, KeyboardInterrupt,
        SyntaxError, OSError, LimitError, UnicodeEncodeError, UnicodeDecodeError, AttributeError;
} px_exc_ids;

typedef struct px_mod {
    PyObject *LimitError;
    PyTypeObject *Code_type;
    PyTypeObject *Snapshot_type, *Complete_type; /* snapshot.c */
    unsigned char snap_key[32]; /* Snapshot.dump/load's default key (random, per import) */
    PyObject *s_max_steps, *s_max_memory, *s_max_depth, *s_timeout, *s_write, *s_names,
        *s_mode, *s_filename, *s_compile, *s_eval, *s_exec, *s_stdout;
    PyObject *sys_dict;  /* vars(sys), where print() finds sys.stdout */
    PyObject **exc_map;  /* engine exception id -> class (borrowed), nexc entries */
    int nexc;
    px_exc_ids id;
    PyObject *builtin_names; /* frozenset of the names of the builtins scripts see */
    PyObject *host_modules;  /* pyexpr.register_module: name -> mapping, or NULL */
    /* host objects (hostobj.c) */
    PyTypeObject *Policy_type, *Exposed_type, *Shared_type;
    PyObject *policies;      /* (type, attrs, methods, writable) -> Policy, kept for the
                                module's lifetime (states point to their classes) */
    PyObject *type_policies; /* type -> Policy: instances cross as host objects */
    PyTypeObject *pol_type;  /* px_auto_policy's last hit (a key of type_policies), or NULL */
    PyObject *pol_hit;       /* ... and its policy (both borrowed from type_policies) */
    pe_limits defaults;
    px_ctx *pool[PX_POOL_MAX];
    int npool;
    pe_cache *cache; /* compile cache of pyexpr.eval/exec(source) (issue 5) */
    PyObject *s_cache, *s_limits, *s_allow_callables;
    /* Ctrl-C: only the main thread of the main interpreter handles signals */
    unsigned long main_ident;
    bool signals; /* this module instance lives in the main interpreter */
} px_mod;

static inline px_mod *px_state(PyObject *module) { return (px_mod *)PyModule_GetState(module); }

/* context.c */
px_ctx *px_ctx_new(px_mod *ms);
void px_ctx_free(px_ctx *c);
void px_flush(px_ctx *c);
size_t px_buf_append(char **buf, size_t *len, size_t *cap, const char *p, size_t n);
int px_keep(px_ctx *c, PyObject *o);
void px_keep_clear(px_ctx *c);

static inline px_ctx *px_acquire(px_mod *ms) {
    if (ms->npool) return ms->pool[--ms->npool];
    return px_ctx_new(ms);
}

static inline void px_release(px_mod *ms, px_ctx *c) {
    if (c->ocap > (1u << 20)) { /* do not keep a huge print buffer around */
        free(c->obuf);
        c->obuf = NULL;
        c->ocap = 0;
    }
    if (ms->npool < PX_POOL_MAX)
        ms->pool[ms->npool++] = c;
    else
        px_ctx_free(c);
}

/* Takes the GIL back if this run released it (*saved: what to restore). */
static inline void px_gil_acquire(px_ctx *c, PyThreadState **saved) {
    *saved = c->tstate;
    if (*saved) {
        c->tstate = NULL;
        PyEval_RestoreThread(*saved);
    }
}

static inline void px_gil_restore(px_ctx *c, PyThreadState *saved) {
    if (saved) c->tstate = PyEval_SaveThread();
}

/* ------------------------------------------------------------------ */
/* Conversions                                                         */
/* ------------------------------------------------------------------ */

enum { PX_OK = 0, PX_EPE = -1, PX_EBAD = -2, PX_EDEEP = -3, PX_EPY = -4, PX_ECALL = -5,
       PX_ENONE = -6 /* px_in_hostobj: not a host object */ };

typedef struct px_in {
    px_ctx *c;
    PyObject *bad;     /* PX_EBAD/PX_ECALL: the object that is refused (borrowed) */
    bool no_callables; /* refuse callables (PX_ECALL): values a host function returned */
} px_in;

/* convert_in.c: o as a NEW engine value in *out; PX_OK or an error code
 * (PX_EPE: engine exception pending; PX_EPY: Python exception set). */
int px_in_val(px_in *ci, PyObject *o, pe_value *out, int depth);
/* o as an engine value without a call when it is a float, an int that fits
 * 64 bits, a bool or None (the common values of rows and attributes):
 * true, or false (use px_in_val). */
static inline bool px_in_scalar(PyObject *o, pe_value *out) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyFloat_Type) {
        *out = pe_value_float(PyFloat_AS_DOUBLE(o));
        return true;
    }
    if (tp == &PyLong_Type) {
        int overflow;
        long long x = PyLong_AsLongLongAndOverflow(o, &overflow); /* an exact int: no error */
        if (overflow) return false;
        *out = pe_value_int(x);
        return true;
    }
    if (o == Py_None || tp == &PyBool_Type) {
        *out = o == Py_None ? pe_value_none() : pe_value_bool(o == Py_True);
        return true;
    }
    return false;
}
int px_in_str(px_in *ci, PyObject *o, pe_value *out);

typedef struct px_out {
    struct px_mod *ms;
    px_ctx *c;
    const char *bad; /* type name of a value that has no Python equivalent */
    bool deep;       /* set when nesting exceeded PX_MAX_NEST */
} px_out;

/* convert_out.c: new reference, or NULL: co->bad / co->deep set (no Python
 * error), or a Python error set. */
PyObject *px_out_val(px_out *co, pe_value v, int depth);
PyObject *px_out_str(pe_value s);
PyObject *px_out_error(px_out *co, const char *what);

/* exceptions.c */
PyObject *px_exc_to_py(px_mod *ms, px_ctx *c, pe_value e, int depth);
void px_raise_engine_exc(px_mod *ms, px_ctx *c);
int px_pe_exc_type(px_mod *ms, PyObject *exc);
void px_host_failed(px_mod *ms, px_ctx *c);
void px_raise_nomem(px_ctx *c);
int px_exc_map_init(px_mod *ms);

/* host.c */
extern const pe_host_class px_host_class;
int px_in_host(px_in *ci, PyObject *o, pe_value *out);
int px_host_result(px_ctx *c, PyObject *res, pe_value *out);
int px_host_repr(pe_state *S, void *ud, char *buf, size_t cap);

/* hostobj.c: host objects with a policy (issue 15, docs/host.md) */
enum { PX_A_READ = 1, PX_A_CALL = 2, PX_A_WRITE = 4 };
typedef struct px_attr {
    const char *name; /* UTF-8 of pyname */
    size_t len;
    PyObject *pyname; /* interned str */
    unsigned kind;    /* PX_A_* bits */
    /* how to read it from instances of rd_type (px_read_attr): planned once
     * per type and type version (tp_version_tag), then a direct load */
    PyTypeObject *rd_type; /* borrowed; compared, never dereferenced when stale */
    unsigned int rd_tag;
    int rd_kind;
    Py_ssize_t rd_off;
} px_attr;
typedef struct px_policy {
    PyObject_HEAD
    pe_host_class cls; /* name = tname; its objects' ud is the Python object */
    PyObject *type;
    struct px_mod *ms;
    char *tname;
    Py_ssize_t n;
    px_attr *attrs;
    /* px_find_attr's last hits by the engine's name pointer (checked by
     * content on use: a pointer may be reused for another name) */
    const char *hint[32];
    px_attr *hint_attr[32];
} px_policy;
typedef struct px_wrap { /* pyexpr.Exposed (policy set) / pyexpr.Shared */
    PyObject_HEAD
    PyObject *obj;
    PyObject *policy;
} px_wrap;
extern PyType_Spec px_policy_spec, px_wrap_spec;
PyObject *px_mod_policy(PyObject *module, PyObject *const *args, Py_ssize_t nargs);
PyObject *px_mod_register_type(PyObject *module, PyObject *const *args, Py_ssize_t nargs);
PyObject *px_mod_expose(PyObject *module, PyObject *const *args, Py_ssize_t nargs);
PyObject *px_mod_shared(PyObject *module, PyObject *obj);
/* o as a host object (Exposed, Shared, a registered type, a namedtuple, a
 * numpy scalar): PX_OK..., or PX_ENONE when it is none of those. */
int px_in_hostobj(px_in *ci, PyObject *o, pe_value *out, int depth);
PyObject *px_out_hostobj(pe_value v);
PyObject *px_out_stdlib(px_out *co, pe_value v, bool *handled);
/* The policy of a registered type's instance or a namedtuple (borrowed), or
 * NULL (a Python error set if the lookup failed). */
px_policy *px_auto_policy(struct px_mod *ms, PyObject *o);
/* o.a (o's type has a policy naming a): a new reference, or NULL with a
 * Python error. Instance dicts, __slots__ and (CPython 3.11) inline instance
 * values are read directly; anything else through PyObject_GetAttr. */
PyObject *px_read_attr(px_attr *a, PyObject *o);
int px_shared_note(px_ctx *c, pe_value v, PyObject *host);
int px_shared_writeback(px_ctx *c);
/* The import hook (pe_set_import_hook): modules of pyexpr.register_module. */
int px_import_hook(pe_state *S, const char *name, pe_value module, void *ud);

/* ------------------------------------------------------------------ */
/* Programs, running                                                   */
/* ------------------------------------------------------------------ */

typedef struct px_prog {
    pe_code *code;
    PyObject *pynames; /* tuple of str: the code's global names as Python strs, or NULL */
    /* with pynames (all interned): open-addressed table of slot + 1 (0:
     * empty) keyed by the name object's address, slotmask + 1 entries; or
     * NULL (px_prog_index) */
    uint32_t *slotmap;
    uint32_t slotmask;
    uint32_t nglobals;
    bool cheap; /* PE_CODE_BOUNDED: run it without releasing the GIL */
} px_prog;

static inline void px_prog_init(px_prog *p, pe_code *code) {
    p->code = code;
    p->pynames = NULL;
    p->slotmap = NULL;
    p->slotmask = 0;
    p->nglobals = pe_code_nglobals(code);
    p->cheap = (pe_code_flags(code) & PE_CODE_BOUNDED) != 0;
}

/* Indexes p->pynames by address (p->slotmap); without memory, p keeps
 * none and binds by lookups (run.c). */
void px_prog_index(px_prog *p);

/* Code.eval_many: the inputs of one row, bound after `names` (run.c). */
typedef struct px_row {
    PyObject *dict;         /* a mapping of names, or NULL */
    int64_t slot;           /* row_name=: >= 0 bind obj to this slot, -2 unused; else -1 */
    PyObject *obj;          /* the row */
    const px_policy *pol;   /* not NULL: bind obj's readable attributes as variables */
    const int32_t *attr_of; /* with pol: per global slot, the index of its attribute or -1 */
} px_row;

/* run.c */
PyObject *px_run(px_mod *ms, px_ctx *c, const px_prog *p, PyObject *names, const pe_limits *lim,
                 bool want_exec, double compile_start);
pe_code *px_compile(px_mod *ms, px_ctx *c, const char *src, size_t len, const char *filename,
                    int mode, const pe_limits *lim, double *compile_start);
pe_code *px_cache_compile(px_mod *ms, px_ctx *c, const char *src, size_t len,
                          const char *filename, int mode, const pe_limits *lim,
                          double *compile_start);
int px_assign_names(px_mod *ms, px_ctx *c, const px_prog *p, PyObject *names);
int px_source_text(PyObject *src, const char **p, Py_ssize_t *n, const char *fname);
double px_coarse_now(void);

/* interrupt.c */
typedef struct px_sigsave {
    pe_state *prev; /* the enclosing run's state (nested runs) */
    bool active;
} px_sigsave;
void px_sig_enter(px_mod *ms, px_ctx *c, px_sigsave *sv);
void px_sig_leave(px_ctx *c, const px_sigsave *sv);

/* limits.c */
int px_parse_limit(px_mod *ms, PyObject *key, PyObject *v, pe_limits *L);
int px_parse_run_kw(px_mod *ms, int pass, PyObject *key, PyObject *v, pe_limits *L,
                    bool *allow_callables);
/* Every keyword argument kwv[0..len(kwnames)) of a run through both passes
 * of px_parse_run_kw; one that is not a run option goes to other(ctx, key,
 * value), which takes it (0) or raises (-1). 0, or -1 with an exception. */
typedef int (*px_kw_fn)(void *ctx, PyObject *key, PyObject *v);
int px_parse_run_kwargs(px_mod *ms, PyObject *kwnames, PyObject *const *kwv, pe_limits *L,
                        bool *allow_callables, px_kw_fn other, void *ctx);
int px_unexpected_kw(const char *fname, PyObject *key);
int px_check_names(PyObject **names, const char *fname);
PyObject *px_limits_dict(const pe_limits *L);

static inline bool px_key_is(PyObject *key, PyObject *interned) {
    if (key == interned) return true;
    if (!PyUnicode_Check(key)) return false;
    /* two interned strs are equal only if identical (call sites' keyword
     * names are interned): no comparison */
    if (PyUnicode_CheckExact(key) && PyUnicode_CHECK_INTERNED(key) && PyUnicode_CHECK_INTERNED(interned))
        return false;
    return !PyUnicode_Compare(key, interned);
}

/* clock.c: the clock= keyword of a run (frozen helper, issue 14) */
typedef struct px_clock {
    bool set;         /* clock= given and not None */
    PyObject *fn;     /* the callable (borrowed), or NULL: fixed_ns */
    int64_t fixed_ns;
    px_ctx *c;        /* the run's context (GIL hand-over) */
    PyObject *error;  /* the callable's exception, raised after the run */
} px_clock;
int px_clock_parse(PyObject *v, px_clock *ck);
static inline bool px_key_is_clock(PyObject *key) {
    return PyUnicode_Check(key) && !PyUnicode_CompareWithASCIIString(key, "clock");
}
void px_clock_install(px_ctx *c, px_clock *ck);
PyObject *px_clock_finish(px_ctx *c, px_clock *ck, PyObject *res);

/* code_type.c */
typedef struct px_code_obj {
    PyObject_HEAD
    px_prog prog;
    PyObject *source;   /* str */
    PyObject *filename; /* str */
    int mode;           /* PE_MODE_EXEC or PE_MODE_EVAL */
} px_code_obj;

extern PyType_Spec px_code_spec;
PyObject *px_code_new_from(px_mod *ms, PyObject *source, const char *src, size_t len,
                           PyObject *filename, int mode);

/* snapshot.c: runs that pause at external calls (Code.start) */
extern PyType_Spec px_snapshot_spec, px_complete_spec;
int px_snapshot_key_init(px_mod *ms);
PyObject *px_code_start(PyObject *self, PyTypeObject *cls, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames);

#endif /* PX_EXT_INTERNAL_H */
