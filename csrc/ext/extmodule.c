/*
 * extmodule.c - `pyexpr._pyexpr`: the pyexpr engine as a CPython extension.
 *
 * The ONLY file of the project that includes Python.h. It links the same
 * engine sources as the `pyexpr` binary (see setup.py) and adds:
 *
 *   eval(source, names=None, /, **kw)   -> value of an expression
 *   exec(source, names=None, /, **kw)   -> dict of top-level variables
 *     kw: max_steps, max_memory, max_depth, timeout (None: no limit),
 *     limits=None|dict, allow_callable_results=False, cache=True
 *   compile(source, mode="exec", filename="<string>") -> Code
 *   Code.eval(names=None, **limits) / Code.exec(names=None, **limits)
 *   set_default_limits(**limits) / get_default_limits()
 *   LimitError (a RuntimeError subclass)
 *
 * Design (see also pyexpr/__init__.py):
 *
 *  - Multi-phase init; all state lives in the module state: the LimitError
 *    class, the Code heap type, interned keyword names, the default limits
 *    and a pool of interpreter contexts (px_ctx = one pe_state plus the
 *    extension's per-run bookkeeping). A call pops a context from the pool
 *    and pushes it back afterwards (the pool is protected by the GIL), so no
 *    pe_state is allocated per call, several threads each run on their own
 *    state, and re-entrant calls (a host function calling pyexpr.eval) get
 *    a fresh one. A pe_code is immutable after compilation and shared.
 *
 *  - The GIL is released while a program runs unless the program is
 *    "cheap": straight-line code (no loops, no function definitions, no
 *    exponentiation/shift, calls only of a fixed set of non-iterating
 *    builtins and of host functions) whose run time is bounded by the size
 *    of its inputs; for those a GIL round trip would cost more than the run.
 *    Host functions re-acquire the GIL (PyEval_RestoreThread on the saved
 *    thread state) when it was released.
 *
 *  - print() output is buffered in C (no GIL needed) and written with
 *    sys.stdout.write() when the run returns, before each host call, and
 *    whenever the buffer exceeds 64 KiB (re-acquiring the GIL for that).
 *
 *  - The per-run context is found from a pe_state through its output sink's
 *    user data (S->out_ud), so host calls need no engine support beyond the
 *    PE_K_HOST kind.
 *
 *  - Values are converted by copy in both directions. Host callables are
 *    wrapped in a PE_K_HOST engine object holding a BORROWED PyObject*;
 *    the context keeps a strong reference for the duration of the run, so
 *    no Python reference count is touched without the GIL.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__unix__) || defined(__APPLE__)
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#define PX_HAVE_SIGACTION 1
#else
#define PX_HAVE_SIGACTION 0
#endif

#include "pe_vm.h"

/* ------------------------------------------------------------------ */
/* Compatibility                                                       */
/* ------------------------------------------------------------------ */

#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *px_Py_NewRef(PyObject *o) {
    Py_INCREF(o);
    return o;
}
#define Py_NewRef(o) px_Py_NewRef((PyObject *)(o))
static int PyModule_AddObjectRef(PyObject *m, const char *name, PyObject *v) {
    Py_INCREF(v);
    if (PyModule_AddObject(m, name, v) < 0) {
        Py_DECREF(v);
        return -1;
    }
    return 0;
}
#endif

/* Is o (a str) pure ASCII, so that its data are its UTF-8 bytes? */
static inline int px_str_is_ascii(PyObject *o) {
#if PY_VERSION_HEX < 0x030C0000
    if (!PyUnicode_IS_READY(o)) return 0;
#endif
    return PyUnicode_IS_ASCII(o);
}

/* Takes the raised exception (normalised, traceback attached). */
static PyObject *px_fetch_exc(void) {
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
static void px_restore_exc(PyObject *v) {
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
#define PX_COMPILE_NOGIL 16384  /* sources longer than this compile without the GIL */

/* Default limits of the extension (docs/security.md explains the choice):
 * a program from an untrusted source must not be able to hang or exhaust
 * the host unless the host lifts a limit explicitly. */
#define PX_DEFAULT_MAX_MEMORY ((size_t)256 << 20) /* 256 MiB */
#define PX_DEFAULT_TIMEOUT 5.0                    /* seconds of wall time */

struct px_mod;

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
     * exception that stands for it inside the script (reference held) */
    PyObject *host_exc;
    pe_obj *host_pe;
    /* reusable global slots */
    pe_val *g;
    uint32_t gcap;
    size_t user_max_memory; /* max_memory of the current run (messages) */
    bool allow_callables;   /* this run's allow_callable_results */
} px_ctx;

typedef struct px_mod {
    PyObject *LimitError;
    PyTypeObject *Code_type;
    PyObject *s_max_steps, *s_max_memory, *s_max_depth, *s_timeout, *s_write, *s_names,
        *s_mode, *s_filename, *s_compile, *s_eval, *s_exec, *s_stdout;
    PyObject *sys_dict; /* vars(sys), where print() finds sys.stdout */
    PyObject *exc_map[PE_EXC__COUNT]; /* engine exception id -> class (borrowed) */
    pe_limits defaults;
    px_ctx *pool[PX_POOL_MAX];
    int npool;
    pe_code *warm; /* "None": sizes a fresh state's frames and stack */
    pe_cache *cache; /* compile cache of pyexpr.eval/exec(source) (issue 5) */
    PyObject *s_cache, *s_limits, *s_allow_callables;
    /* Ctrl-C: only the main thread of the main interpreter handles signals */
    unsigned long main_ident;
    bool signals; /* this module instance lives in the main interpreter */
} px_mod;

static inline px_mod *px_state(PyObject *module) { return (px_mod *)PyModule_GetState(module); }

static size_t px_write(void *ud, const char *p, size_t n);
static size_t px_write_err(void *ud, const char *p, size_t n) {
    (void)ud;
    (void)p;
    return n; /* tracebacks are never printed by the extension */
}

static void px_ctx_free(px_ctx *c) {
    if (!c) return;
    pe_state_free(c->S);
    free(c->obuf);
    free(c->keep);
    free(c->g);
    Py_XDECREF(c->out_error);
    free(c);
}

static int px_set_globals(px_ctx *c, pe_code *code);
static void px_release_globals(px_ctx *c);

/* Runs the trivial program once so that the frame array and the first
 * stack chunk exist before memory is counted for a run. */
static void px_warm(px_mod *ms, px_ctx *c) {
    pe_state *S = c->S;
    if (!ms->warm) return;
    pe_limits saved = S->limits, nolim = saved;
    nolim.max_steps = 0;
    nolim.max_memory = 0;
    nolim.timeout = 0;
    pe_set_limits(S, &nolim);
    pe_val v = pe_none();
    if (px_set_globals(c, ms->warm) == 0) {
        if (pe_run_value(S, ms->warm, &v) == 0) pe_decref(S, v);
        px_release_globals(c);
    }
    pe_reset(S);
    pe_set_limits(S, &saved);
}

static px_ctx *px_ctx_new(px_mod *ms) {
    px_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        PyErr_NoMemory();
        return NULL;
    }
    c->S = pe_state_new();
    if (!c->S) {
        free(c);
        PyErr_NoMemory();
        return NULL;
    }
    c->s_write = ms->s_write;
    c->s_stdout = ms->s_stdout;
    c->sys_dict = ms->sys_dict;
    c->ms = ms;
    pe_set_output(c->S, px_write, c, px_write_err, c);
    if (!ms->warm) ms->warm = pe_compile(c->S, "None", 4, "<warmup>", PE_MODE_EVAL);
    pe_reset(c->S);
    px_warm(ms, c);
    return c;
}

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

/* ------------------------------------------------------------------ */
/* GIL and output                                                      */
/* ------------------------------------------------------------------ */

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

/* Writes the buffered output to sys.stdout (GIL held). */
static void px_flush(px_ctx *c) {
    if (!c->olen) return;
    size_t n = c->olen;
    c->olen = 0;
    PyObject *pending = PyErr_Occurred() ? px_fetch_exc() : NULL;
    PyObject *s = PyUnicode_DecodeUTF8(c->obuf, (Py_ssize_t)n, "surrogatepass");
    if (s) {
        /* sys.stdout, looked up at each flush (it may be redirected) */
        PyObject *f = PyDict_GetItemWithError(c->sys_dict, c->s_stdout); /* borrowed */
        if (f && f != Py_None) {
            Py_INCREF(f); /* write() may replace sys.stdout */
            PyObject *args[2] = {f, s};
            PyObject *r = PyObject_VectorcallMethod(c->s_write, args,
                                                    2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
            Py_XDECREF(r);
            Py_DECREF(f);
        }
        Py_DECREF(s);
    }
    if (PyErr_Occurred()) {
        if (!c->out_error)
            c->out_error = px_fetch_exc();
        else
            PyErr_Clear();
    }
    if (pending) px_restore_exc(pending);
}

static size_t px_write(void *ud, const char *p, size_t n) {
    px_ctx *c = ud;
    if (c->olen && c->olen + n > PX_OUT_FLUSH) {
        PyThreadState *ts;
        px_gil_acquire(c, &ts);
        px_flush(c);
        px_gil_restore(c, ts);
    }
    if (c->olen + n > c->ocap) {
        size_t cap = c->ocap ? c->ocap * 2 : 256;
        if (cap < c->olen + n) cap = c->olen + n;
        char *nb = realloc(c->obuf, cap);
        if (!nb) return 0;
        c->obuf = nb;
        c->ocap = cap;
    }
    memcpy(c->obuf + c->olen, p, n);
    c->olen += n;
    return n;
}

/* Keeps o alive until the end of the run (GIL held). */
static int px_keep(px_ctx *c, PyObject *o) {
    if (c->nkeep == c->keepcap) {
        size_t cap = c->keepcap ? c->keepcap * 2 : 8;
        PyObject **nk = realloc(c->keep, cap * sizeof *nk);
        if (!nk) return -1;
        c->keep = nk;
        c->keepcap = cap;
    }
    Py_INCREF(o);
    c->keep[c->nkeep++] = o;
    return 0;
}

static void px_keep_clear(px_ctx *c) {
    while (c->nkeep) Py_DECREF(c->keep[--c->nkeep]);
}

/* ------------------------------------------------------------------ */
/* Host functions: a Python callable inside the engine                 */
/* ------------------------------------------------------------------ */

typedef struct px_host {
    pe_obj ob;
    PyObject *fn; /* borrowed: the context's keep list owns it */
} px_host;

static int px_host_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                        pe_val *out);
static int px_host_repr(pe_state *S, pe_val v, pe_sb *sb);

static void px_host_dealloc(pe_state *S, pe_obj *o) { pe_obj_free(S, o, sizeof(px_host)); }

static int px_host_hash(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    uintptr_t p = (uintptr_t)((px_host *)v.u.o)->fn;
    int64_t h = (int64_t)((p >> 4) | (p << (8 * sizeof(uintptr_t) - 4)));
    *out = h == -1 ? -2 : h;
    return 0;
}

static const pe_type px_host_type;

static int px_host_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    (void)S;
    if ((op != PE_EQ && op != PE_NE) || !pe_is_kind(a, PE_K_HOST) || !pe_is_kind(b, PE_K_HOST))
        return PE_NOTIMPL;
    bool same = ((px_host *)a.u.o)->fn == ((px_host *)b.u.o)->fn;
    *out = pe_bool(op == PE_EQ ? same : !same);
    return 0;
}

static const pe_type px_host_type = {
    .ob = PE_STATIC_HEAD(&pe_type_type),
    .name = "function",
    .kind = PE_K_HOST,
    .dealloc = px_host_dealloc,
    .repr = px_host_repr,
    .hash = px_host_hash,
    .richcmp = px_host_richcmp,
    .call = px_host_call,
};

/* ------------------------------------------------------------------ */
/* Python -> engine                                                    */
/* ------------------------------------------------------------------ */

enum { PX_OK = 0, PX_EPE = -1, PX_EBAD = -2, PX_EDEEP = -3, PX_EPY = -4, PX_ECALL = -5 };

typedef struct px_in {
    px_ctx *c;
    PyObject *bad;     /* PX_EBAD/PX_ECALL: the object that is refused (borrowed) */
    bool no_callables; /* refuse callables (PX_ECALL): values a host function returned */
} px_in;

static int px_in_bigint(px_in *ci, PyObject *o, int sign, pe_val *out) {
    pe_state *S = ci->c->S;
    PyObject *a = sign < 0 ? PyNumber_Negative(o) : (Py_INCREF(o), o);
    if (!a) return PX_EPY;
    unsigned char *buf = NULL;
    size_t nb;
#if PY_VERSION_HEX >= 0x030D0000
    int flags = Py_ASNATIVEBYTES_LITTLE_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER;
    Py_ssize_t need = PyLong_AsNativeBytes(a, NULL, 0, flags);
    if (need < 0) {
        Py_DECREF(a);
        return PX_EPY;
    }
    nb = (size_t)need;
    buf = malloc(nb ? nb : 1);
    if (!buf || PyLong_AsNativeBytes(a, buf, (Py_ssize_t)nb, flags) < 0) {
        Py_DECREF(a);
        free(buf);
        if (!buf) PyErr_NoMemory();
        return PX_EPY;
    }
#else
    size_t nbits = _PyLong_NumBits(a);
    if (nbits == (size_t)-1 && PyErr_Occurred()) {
        Py_DECREF(a);
        return PX_EPY;
    }
    nb = (nbits + 7) / 8;
    buf = malloc(nb ? nb : 1);
    if (!buf) {
        Py_DECREF(a);
        PyErr_NoMemory();
        return PX_EPY;
    }
    if (_PyLong_AsByteArray((PyLongObject *)a, buf, nb, 1, 0) < 0) {
        Py_DECREF(a);
        free(buf);
        return PX_EPY;
    }
#endif
    Py_DECREF(a);
    while (nb && buf[nb - 1] == 0) nb--;
    size_t nd = (nb + 3) / 4;
    if (nd == 0 || nd > ((size_t)1 << 24)) {
        free(buf);
        if (nd == 0) { /* cannot happen: |o| > INT64_MAX */
            *out = pe_int(0);
            return PX_OK;
        }
        return pe_raise_nomem(S), PX_EPE;
    }
    pe_bigint *b = (pe_bigint *)pe_obj_new(S, &pe_type_int, pe_bigint_size((uint32_t)nd));
    if (!b) {
        free(buf);
        return PX_EPE;
    }
    b->sign = sign < 0 ? -1 : 1;
    b->n = (uint32_t)nd;
    for (size_t i = 0; i < nd; i++) {
        pe_digit d = 0;
        for (size_t k = 0; k < 4 && 4 * i + k < nb; k++) d |= (pe_digit)buf[4 * i + k] << (8 * k);
        b->d[i] = d;
    }
    free(buf);
    *out = pe_obj_val(&b->ob);
    return PX_OK;
}

static inline int px_in_int(px_in *ci, PyObject *o, pe_val *out) {
    int overflow;
    long long x = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (PE_LIKELY(!overflow)) {
        if (x == -1 && PyErr_Occurred()) return PX_EPY;
        *out = pe_int(x);
        return PX_OK;
    }
    return px_in_bigint(ci, o, overflow, out);
}

static int px_in_str(px_in *ci, PyObject *o, pe_val *out) {
    pe_state *S = ci->c->S;
    Py_ssize_t n;
    const char *p;
    PyObject *tmp = NULL;
    if (px_str_is_ascii(o)) {
        p = (const char *)PyUnicode_DATA(o);
        n = PyUnicode_GET_LENGTH(o);
    } else {
        p = PyUnicode_AsUTF8AndSize(o, &n);
        if (!p) { /* lone surrogates: the engine stores them as generalised UTF-8 */
            PyErr_Clear();
            tmp = PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass");
            if (!tmp) return PX_EPY;
            p = PyBytes_AS_STRING(tmp);
            n = PyBytes_GET_SIZE(tmp);
        }
    }
    pe_str *s = pe_str_alloc(S, (size_t)n);
    if (!s) {
        Py_XDECREF(tmp);
        return PX_EPE;
    }
    memcpy(s->data, p, (size_t)n);
    s->nchars = (size_t)PyUnicode_GET_LENGTH(o);
    s->ascii = s->nchars == (size_t)n;
    Py_XDECREF(tmp);
    *out = pe_obj_val(&s->ob);
    return PX_OK;
}

static int px_in_host(px_in *ci, PyObject *o, pe_val *out) {
    px_host *h = (px_host *)pe_obj_new(ci->c->S, &px_host_type, sizeof(px_host));
    if (!h) return PX_EPE;
    if (px_keep(ci->c, o) < 0) {
        pe_obj_free(ci->c->S, &h->ob, sizeof(px_host));
        PyErr_NoMemory();
        return PX_EPY;
    }
    h->fn = o;
    *out = pe_obj_val(&h->ob);
    return PX_OK;
}

static int px_in_val(px_in *ci, PyObject *o, pe_val *out, int depth);

static int px_in_seq(px_in *ci, PyObject *o, bool is_list, pe_val *out, int depth) {
    pe_state *S = ci->c->S;
    Py_ssize_t n = is_list ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o);
    pe_val seq;
    if (is_list ? pe_list_new(S, (size_t)n, &seq) : pe_tuple_new(S, (size_t)n, &seq)) return PX_EPE;
    for (Py_ssize_t i = 0; i < n; i++) {
        /* a list cannot change size here: converting runs no Python code */
        PyObject *item = is_list ? PyList_GET_ITEM(o, i) : PyTuple_GET_ITEM(o, i);
        pe_val v;
        int r = px_in_val(ci, item, &v, depth + 1);
        if (r) {
            pe_decref(S, seq);
            return r;
        }
        if (is_list) {
            pe_list *l = PE_LIST(seq);
            l->items[l->n++] = v;
        } else {
            PE_TUPLE(seq)->items[i] = v;
        }
    }
    *out = seq;
    return PX_OK;
}

static int px_in_dict(px_in *ci, PyObject *o, pe_val *out, int depth) {
    pe_state *S = ci->c->S;
    pe_val d;
    if (pe_dict_new_presized(S, (size_t)PyDict_GET_SIZE(o), &d)) return PX_EPE;
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(o, &pos, &k, &v)) {
        pe_val pk, pv;
        int r = px_in_val(ci, k, &pk, depth + 1);
        if (r == PX_OK) {
            r = px_in_val(ci, v, &pv, depth + 1);
            if (r == PX_OK) {
                if (pe_dict_set(S, PE_DICT(d), pk, pv)) r = PX_EPE;
                pe_decref(S, pv);
            }
            pe_decref(S, pk);
        }
        if (r) {
            pe_decref(S, d);
            return r;
        }
    }
    *out = d;
    return PX_OK;
}

static int px_in_set(px_in *ci, PyObject *o, bool frozen, pe_val *out, int depth) {
    pe_state *S = ci->c->S;
    pe_val s;
    if (pe_set_new(S, frozen ? &pe_type_frozenset : &pe_type_set, &s)) return PX_EPE;
#if PY_VERSION_HEX < 0x030D0000
    Py_ssize_t pos = 0;
    PyObject *k;
    Py_hash_t h;
    while (_PySet_NextEntry(o, &pos, &k, &h)) {
#else
    PyObject *it = PyObject_GetIter(o), *k; /* a set iterator runs no Python code */
    if (!it) {
        pe_decref(S, s);
        return PX_EPY;
    }
    for (; (k = PyIter_Next(it)) != NULL; Py_DECREF(k)) {
#endif
        pe_val pk;
        int r = px_in_val(ci, k, &pk, depth + 1);
        if (r == PX_OK) {
            if (pe_set_add(S, s.u.o, pk)) r = PX_EPE;
            pe_decref(S, pk);
        }
        if (r) {
#if PY_VERSION_HEX >= 0x030D0000
            Py_DECREF(k);
            Py_DECREF(it);
#endif
            pe_decref(S, s);
            return r;
        }
    }
#if PY_VERSION_HEX >= 0x030D0000
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        pe_decref(S, s);
        return PX_EPY;
    }
#endif
    *out = s;
    return PX_OK;
}

/* Converts o to a new engine value. No Python code runs (only concrete
 * APIs are used), so containers cannot change while they are walked. */
static int px_in_val(px_in *ci, PyObject *o, pe_val *out, int depth) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyLong_Type) return px_in_int(ci, o, out);
    if (tp == &PyFloat_Type) {
        *out = pe_float(PyFloat_AS_DOUBLE(o));
        return PX_OK;
    }
    if (tp == &PyUnicode_Type) return px_in_str(ci, o, out);
    if (o == Py_None) {
        *out = pe_none();
        return PX_OK;
    }
    if (tp == &PyBool_Type) {
        *out = pe_bool(o == Py_True);
        return PX_OK;
    }
    if (depth >= PX_MAX_NEST) return PX_EDEEP;
    if (PyList_Check(o)) return px_in_seq(ci, o, true, out, depth);
    if (PyTuple_Check(o)) return px_in_seq(ci, o, false, out, depth);
    if (PyDict_Check(o)) return px_in_dict(ci, o, out, depth);
    if (PyAnySet_Check(o)) return px_in_set(ci, o, PyFrozenSet_Check(o), out, depth);
    if (PyLong_Check(o)) return px_in_int(ci, o, out); /* int subclasses (IntEnum, ...) */
    if (PyFloat_Check(o)) {
        *out = pe_float(PyFloat_AS_DOUBLE(o));
        return PX_OK;
    }
    if (PyUnicode_Check(o)) return px_in_str(ci, o, out);
    if (PyCallable_Check(o)) {
        if (PE_UNLIKELY(ci->no_callables)) { /* the capability rule, docs/security.md */
            ci->bad = o;
            return PX_ECALL;
        }
        return px_in_host(ci, o, out);
    }
    ci->bad = o;
    return PX_EBAD;
}

/* ------------------------------------------------------------------ */
/* Engine -> Python                                                    */
/* ------------------------------------------------------------------ */

struct px_mod;

typedef struct px_out {
    struct px_mod *ms;  /* for exceptions and exception classes */
    px_ctx *c;
    const pe_type *bad; /* set when a value has no Python equivalent */
    bool deep;          /* set when nesting exceeded PX_MAX_NEST */
} px_out;

static PyObject *px_out_exc(px_out *co, pe_val v, int depth);
static PyObject *px_out_type(px_out *co, const pe_type *t);

static PyObject *px_out_bigint(const pe_bigint *b) {
    size_t nb = (size_t)b->n * 4;
    PyObject *r;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const unsigned char *bytes = (const unsigned char *)b->d;
    unsigned char *buf = NULL;
#else
    unsigned char *buf = malloc(nb);
    if (!buf) return PyErr_NoMemory();
    for (uint32_t i = 0; i < b->n; i++)
        for (int k = 0; k < 4; k++) buf[4 * i + (uint32_t)k] = (unsigned char)(b->d[i] >> (8 * k));
    const unsigned char *bytes = buf;
#endif
#if PY_VERSION_HEX >= 0x030D0000
    r = PyLong_FromUnsignedNativeBytes(bytes, (Py_ssize_t)nb, Py_ASNATIVEBYTES_LITTLE_ENDIAN);
#else
    r = _PyLong_FromByteArray(bytes, nb, 1, 0);
#endif
    free(buf);
    if (r && b->sign < 0) {
        PyObject *neg = PyNumber_Negative(r);
        Py_DECREF(r);
        r = neg;
    }
    return r;
}

static inline PyObject *px_out_str(const pe_str *s) {
    return PyUnicode_DecodeUTF8(s->data, (Py_ssize_t)s->len, "surrogatepass");
}

/* New reference, or NULL: co->bad / co->deep set (no Python error), or a
 * Python error set. */
static PyObject *px_out_val(px_out *co, pe_val v, int depth) {
    switch (v.tag) {
    case PE_TNONE: Py_RETURN_NONE;
    case PE_TBOOL: return PyBool_FromLong((long)v.u.i);
    case PE_TINT: return PyLong_FromLongLong(v.u.i);
    case PE_TFLOAT: return PyFloat_FromDouble(v.u.f);
    case PE_TOBJ: break;
    default: co->bad = pe_typeof(v); return NULL;
    }
    pe_obj *o = v.u.o;
    int kind = o->type->kind;
    if (kind == PE_K_STR) return px_out_str((pe_str *)o);
    if (kind == PE_K_INT) return px_out_bigint((pe_bigint *)o);
    if (kind == PE_K_HOST) return Py_NewRef(((px_host *)o)->fn);
    if (depth >= PX_MAX_NEST) {
        co->deep = true;
        return NULL;
    }
    switch (kind) {
    case PE_K_LIST:
    case PE_K_TUPLE: {
        bool is_list = kind == PE_K_LIST;
        size_t n = is_list ? PE_LIST(v)->n : PE_TUPLE(v)->n;
        const pe_val *items = is_list ? PE_LIST(v)->items : PE_TUPLE(v)->items;
        PyObject *r = is_list ? PyList_New((Py_ssize_t)n) : PyTuple_New((Py_ssize_t)n);
        if (!r) return NULL;
        for (size_t i = 0; i < n; i++) {
            PyObject *x = px_out_val(co, items[i], depth + 1);
            if (!x) {
                Py_DECREF(r);
                return NULL;
            }
            if (is_list)
                PyList_SET_ITEM(r, (Py_ssize_t)i, x);
            else
                PyTuple_SET_ITEM(r, (Py_ssize_t)i, x);
        }
        return r;
    }
    case PE_K_DICT: {
        PyObject *r = PyDict_New();
        if (!r) return NULL;
        size_t pos = 0;
        pe_val k, val;
        while (pe_dict_next(PE_DICT(v), &pos, &k, &val)) {
            PyObject *pk = px_out_val(co, k, depth + 1);
            PyObject *pv = pk ? px_out_val(co, val, depth + 1) : NULL;
            int bad = !pv || PyDict_SetItem(r, pk, pv) < 0;
            Py_XDECREF(pk);
            Py_XDECREF(pv);
            if (bad) {
                Py_DECREF(r);
                return NULL;
            }
        }
        return r;
    }
    case PE_K_SET:
    case PE_K_FROZENSET: {
        PyObject *r = kind == PE_K_SET ? PySet_New(NULL) : PyFrozenSet_New(NULL);
        if (!r) return NULL;
        size_t pos = 0;
        pe_val k;
        while (pe_set_next(PE_SET(v), &pos, &k)) {
            PyObject *pk = px_out_val(co, k, depth + 1);
            if (!pk || PySet_Add(r, pk) < 0) {
                Py_XDECREF(pk);
                Py_DECREF(r);
                return NULL;
            }
            Py_DECREF(pk);
        }
        return r;
    }
    case PE_K_EXC:
        return px_out_exc(co, v, depth);
    case PE_K_TYPE:
        return px_out_type(co, (const pe_type *)o);
    default:
        co->bad = o->type;
        return NULL;
    }
}

/* Raises the Python error for a failed conversion of a result. */
static PyObject *px_out_error(px_out *co, const char *what) {
    if (PyErr_Occurred()) return NULL;
    if (co->deep)
        PyErr_Format(PyExc_ValueError, "cannot convert %s to Python: nested too deeply or recursive",
                     what);
    else
        PyErr_Format(PyExc_TypeError, "cannot convert %s (type '%s') to Python", what,
                     co->bad ? co->bad->name : "?");
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Exceptions: engine -> Python                                        */
/* ------------------------------------------------------------------ */

/* str(v) through the engine, as a Python str (fallback for exception args
 * that have no Python equivalent). */
static PyObject *px_engine_str(pe_state *S, pe_val v) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    PyObject *r = NULL;
    if (pe_tostr(S, v, &sb) == 0 && !sb.failed)
        r = PyUnicode_DecodeUTF8(sb.p, (Py_ssize_t)sb.len, "surrogatepass");
    else
        pe_exc_clear(S);
    pe_sb_free(&sb);
    if (!r && !PyErr_Occurred()) r = PyUnicode_FromString("?");
    return r;
}

static PyObject *px_exc_to_py(px_mod *ms, px_ctx *c, pe_val e, int depth);

static PyObject *px_syntax_error(PyObject *cls, pe_exc *e, PyObject *args) {
    PyObject *msg = PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0) : Py_None;
    PyObject *fn = e->filename.tag == PE_TOBJ ? px_out_str(PE_STR(e->filename)) : Py_NewRef(Py_None);
    PyObject *text = e->text.tag == PE_TOBJ ? px_out_str(PE_STR(e->text)) : Py_NewRef(Py_None);
    PyObject *lineno = e->lineno > 0 ? PyLong_FromLongLong(e->lineno) : Py_NewRef(Py_None);
    PyObject *offset = e->offset > 0 ? PyLong_FromLongLong(e->offset) : Py_NewRef(Py_None);
    PyObject *end_lineno = e->end_offset > 0 && e->lineno > 0 ? PyLong_FromLongLong(e->lineno)
                                                              : Py_NewRef(Py_None);
    PyObject *end_offset = e->end_offset > 0 ? PyLong_FromLongLong(e->end_offset) : Py_NewRef(Py_None);
    PyObject *r = NULL;
    if (fn && text && lineno && offset && end_lineno && end_offset) {
#if PY_VERSION_HEX >= 0x030A0000
        r = PyObject_CallFunction(cls, "O(OOOOOO)", msg, fn, lineno, offset, text, end_lineno,
                                  end_offset);
#else
        r = PyObject_CallFunction(cls, "O(OOOO)", msg, fn, lineno, offset, text);
#endif
    }
    Py_XDECREF(fn);
    Py_XDECREF(text);
    Py_XDECREF(lineno);
    Py_XDECREF(offset);
    Py_XDECREF(end_lineno);
    Py_XDECREF(end_offset);
    return r;
}

/* A new Python exception instance for engine exception e (an instance). */
static PyObject *px_exc_to_py(px_mod *ms, px_ctx *c, pe_val e, int depth) {
    if (c->host_pe && e.u.o == c->host_pe) return Py_NewRef(c->host_exc);
    pe_state *S = c->S;
    pe_exc *x = PE_EXCOBJ(e);
    const pe_type *t = x->ob.type;
    unsigned id = t->exc_id < PE_EXC__COUNT ? t->exc_id : PE_EXC_Exception;
    PyObject *cls = ms->exc_map[id];
    /* args */
    size_t n = x->args.tag == PE_TOBJ ? PE_TUPLE(x->args)->n : 0;
    PyObject *args = PyTuple_New((Py_ssize_t)n);
    if (!args) return NULL;
    for (size_t i = 0; i < n; i++) {
        pe_val a = PE_TUPLE(x->args)->items[i];
        px_out co = {c->ms, c, NULL, false};
        PyObject *pa = px_out_val(&co, a, depth + 1);
        if (!pa) {
            if (PyErr_Occurred()) {
                Py_DECREF(args);
                return NULL;
            }
            pa = px_engine_str(S, a);
            if (!pa) {
                Py_DECREF(args);
                return NULL;
            }
        }
        PyTuple_SET_ITEM(args, (Py_ssize_t)i, pa);
    }
    if (id == PE_EXC_LimitError && c->user_max_memory && n == 1) {
        /* the engine reports the run's absolute limit (the state's memory
         * in use when the run started + max_memory): say what was asked */
        pe_val m = PE_TUPLE(x->args)->items[0];
        if (pe_is_str(m) && !strncmp(PE_STR(m)->data, "memory limit exceeded", 21)) {
            PyObject *msg = PyUnicode_FromFormat("memory limit exceeded (max_memory=%zu bytes)",
                                                 c->user_max_memory);
            if (!msg) {
                Py_DECREF(args);
                return NULL;
            }
            PyObject *old = PyTuple_GET_ITEM(args, 0);
            PyTuple_SET_ITEM(args, 0, msg);
            Py_DECREF(old);
        }
    }
    if (pe_type_is_subtype(t, PE_EXC(OSError)) && n == 2 && x->filename.tag != PE_TUNDEF) {
        /* the engine keeps OSError's filenames out of args, as CPython:
         * rebuild OSError(errno, strerror, filename[, None, filename2]) */
        bool two = x->text.tag != PE_TUNDEF;
        PyObject *full = PyTuple_New(two ? 5 : 3);
        pe_val extra[3] = {x->filename, pe_none(), x->text};
        for (int i = 0; full && i < (two ? 3 : 1); i++) {
            px_out co = {c->ms, c, NULL, false};
            PyObject *pa = px_out_val(&co, extra[i], depth + 1);
            if (!pa) pa = PyErr_Occurred() ? NULL : px_engine_str(S, extra[i]);
            if (!pa) Py_CLEAR(full);
            else PyTuple_SET_ITEM(full, 2 + i, pa);
        }
        if (!full) {
            Py_DECREF(args);
            return NULL;
        }
        for (Py_ssize_t i = 0; i < 2; i++) PyTuple_SET_ITEM(full, i, Py_NewRef(PyTuple_GET_ITEM(args, i)));
        Py_SETREF(args, full);
    }
    PyObject *r;
    if (pe_type_is_subtype(t, PE_EXC(SyntaxError)))
        r = px_syntax_error(cls, x, args);
    else
        r = PyObject_Call(cls, args, NULL);
    Py_DECREF(args);
    if (!r) return NULL;
    if (!PyExceptionInstance_Check(r)) return r; /* cannot happen */
    if (depth < 16) { /* __cause__ / __context__ chains */
        if (x->cause.tag == PE_TOBJ) {
            PyObject *cause = px_exc_to_py(ms, c, x->cause, depth + 1);
            if (!cause) {
                Py_DECREF(r);
                return NULL;
            }
            PyException_SetCause(r, cause); /* steals; sets __suppress_context__ */
        } else if (x->suppress_context) {
            PyObject_SetAttrString(r, "__suppress_context__", Py_True);
        }
        if (x->context.tag == PE_TOBJ) {
            PyObject *ctx = px_exc_to_py(ms, c, x->context, depth + 1);
            if (!ctx) {
                Py_DECREF(r);
                return NULL;
            }
            PyException_SetContext(r, ctx); /* steals */
        }
    }
    return r;
}

static PyObject *px_out_exc(px_out *co, pe_val v, int depth) {
    if (!co->c) {
        co->bad = v.u.o->type;
        return NULL;
    }
    return px_exc_to_py(co->ms, co->c, v, depth);
}

/* Exception classes and the core builtin types have Python equivalents. */
static PyObject *px_out_type(px_out *co, const pe_type *t) {
    PyObject *r = NULL;
    if (t->kind == PE_K_EXC && co->ms && t->exc_id < PE_EXC__COUNT && t == &pe_exc_types[t->exc_id])
        r = co->ms->exc_map[t->exc_id];
    else if (t == &pe_type_int) r = (PyObject *)&PyLong_Type;
    else if (t == &pe_type_float) r = (PyObject *)&PyFloat_Type;
    else if (t == &pe_type_bool) r = (PyObject *)&PyBool_Type;
    else if (t == &pe_type_str) r = (PyObject *)&PyUnicode_Type;
    else if (t == &pe_type_list) r = (PyObject *)&PyList_Type;
    else if (t == &pe_type_tuple) r = (PyObject *)&PyTuple_Type;
    else if (t == &pe_type_dict) r = (PyObject *)&PyDict_Type;
    else if (t == &pe_type_set) r = (PyObject *)&PySet_Type;
    else if (t == &pe_type_frozenset) r = (PyObject *)&PyFrozenSet_Type;
    else if (t == &pe_type_type) r = (PyObject *)&PyType_Type;
    else if (t == &pe_type_none) r = (PyObject *)Py_TYPE(Py_None);
    if (!r) {
        co->bad = &pe_type_type;
        return NULL;
    }
    return Py_NewRef(r);
}

/* Raises the engine's pending exception as a Python exception. */
static void px_raise_engine_exc(px_mod *ms, px_ctx *c) {
    pe_val e = c->S->exc;
    if (e.tag != PE_TOBJ) {
        PyErr_SetString(PyExc_SystemError, "pyexpr: run failed without an exception");
        return;
    }
    PyObject *exc = px_exc_to_py(ms, c, e, 0);
    if (exc) px_restore_exc(exc);
}

/* ------------------------------------------------------------------ */
/* Host calls                                                          */
/* ------------------------------------------------------------------ */

/* The engine exception type for a Python exception: the nearest class in
 * its MRO that is one of the engine's builtin exceptions. */
static const pe_type *px_pe_exc_type(px_mod *ms, PyObject *exc) {
    PyObject *mro = Py_TYPE(exc)->tp_mro;
    Py_ssize_t n = mro ? PyTuple_GET_SIZE(mro) : 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cls = PyTuple_GET_ITEM(mro, i);
        for (int id = 0; id < PE_EXC__COUNT; id++)
            if (ms->exc_map[id] == cls) return &pe_exc_types[id];
    }
    return PE_EXC(Exception);
}

/* A host call raised: keep the Python exception (it propagates out of the
 * run as the very same object) and raise its engine stand-in. */
static void px_host_failed(px_mod *ms, px_ctx *c) {
    pe_state *S = c->S;
    PyObject *exc = px_fetch_exc();
    if (!exc) {
        pe_raise(S, PE_EXC(RuntimeError), "a Python function failed without an exception");
        return;
    }
    const pe_type *t = px_pe_exc_type(ms, exc);
    pe_val args = pe_undef();
    PyObject *pargs = ((PyBaseExceptionObject *)exc)->args;
    px_in ci = {c, NULL, !c->allow_callables};
    int r = pargs && PyTuple_Check(pargs) ? px_in_val(&ci, pargs, &args, 0) : PX_EBAD;
    if (r != PX_OK) {
        if (r == PX_EPY) PyErr_Clear();
        if (r == PX_EPE) pe_exc_clear(S);
        pe_val s;
        PyObject *str = PyObject_Str(exc);
        if (!str) {
            PyErr_Clear();
            str = PyUnicode_FromString(Py_TYPE(exc)->tp_name);
        }
        r = str ? px_in_str(&ci, str, &s) : PX_EPY;
        Py_XDECREF(str);
        if (r == PX_OK) {
            r = pe_tuple_pack(S, 1, &s, &args) ? PX_EPE : PX_OK;
            pe_decref(S, s);
        }
        if (r == PX_EPY) {
            PyErr_Clear();
            args = pe_undef();
            r = pe_tuple_new(S, 0, &args) ? PX_EPE : PX_OK;
        }
    }
    pe_val ev;
    bool made = false;
    if (r == PX_OK && pe_exc_new(S, t, args, &ev) == 0) {
        pe_raise_exc(S, ev);
        made = S->exc.tag == PE_TOBJ && S->exc.u.o == ev.u.o;
        pe_decref(S, ev);
    }
    pe_decref(S, args);
    if (!made) { /* no room for the stand-in: the engine's error (MemoryError, LimitError) wins */
        if (S->exc.tag != PE_TOBJ) pe_raise_nomem(S);
        Py_DECREF(exc);
        return;
    }
    if (c->host_pe) pe_decref_obj(S, c->host_pe);
    Py_XDECREF(c->host_exc);
    c->host_exc = exc;
    c->host_pe = S->exc.u.o;
    pe_incref_obj(c->host_pe);
}

static int px_host_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                        pe_val *out) {
    px_ctx *c = S->out_ud;
    PyObject *fn = ((px_host *)callee.u.o)->fn;
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    if (c->olen) px_flush(c);
    size_t nkw = kwnames ? PE_TUPLE(pe_obj_val(kwnames))->n : 0;
    PyObject *small[8], **args = small, *kw = NULL, *res = NULL;
    int r = -1, i = 0;
    if (argc > 8) {
        args = PyMem_Malloc((size_t)argc * sizeof(PyObject *));
        if (!args) {
            args = small;
            pe_raise_nomem(S);
            goto done;
        }
    }
    for (; i < argc; i++) {
        px_out co = {c->ms, c, NULL, false};
        args[i] = px_out_val(&co, argv[i], 0);
        if (!args[i]) {
            if (PyErr_Occurred())
                px_host_failed(c->ms, c);
            else if (co.deep)
                pe_raise(S, PE_EXC(ValueError),
                         "cannot pass a value to a Python function: nested too deeply or recursive");
            else
                pe_raise(S, PE_EXC(TypeError), "cannot pass a value of type '%s' to a Python function",
                         co.bad ? co.bad->name : "?");
            goto done;
        }
    }
    if (nkw) {
        kw = PyTuple_New((Py_ssize_t)nkw);
        if (!kw) {
            px_host_failed(c->ms, c);
            goto done;
        }
        for (size_t k = 0; k < nkw; k++) {
            PyObject *name = px_out_str(PE_STR(PE_TUPLE(pe_obj_val(kwnames))->items[k]));
            if (!name) {
                px_host_failed(c->ms, c);
                goto done;
            }
            PyTuple_SET_ITEM(kw, (Py_ssize_t)k, name);
        }
    }
    res = PyObject_Vectorcall(fn, args, (size_t)argc - nkw, kw);
    if (!res) {
        px_host_failed(c->ms, c);
        goto done;
    }
    {
        px_in ci = {c, NULL, !c->allow_callables};
        int cr = px_in_val(&ci, res, out, 0);
        if (cr == PX_OK)
            r = 0;
        else if (cr == PX_ECALL)
            pe_raise(S, PE_EXC(TypeError),
                     "a Python function returned %s callable (type '%.200s'): callables returned "
                     "by host functions are refused unless the host passes "
                     "allow_callable_results=True",
                     ci.bad == res ? "a" : "a container holding a", Py_TYPE(ci.bad)->tp_name);
        else if (cr == PX_EBAD)
            pe_raise(S, PE_EXC(TypeError),
                     "cannot convert the result of a Python function (type '%.200s') to pyexpr",
                     Py_TYPE(ci.bad)->tp_name);
        else if (cr == PX_EDEEP)
            pe_raise(S, PE_EXC(ValueError),
                     "cannot convert the result of a Python function to pyexpr: nested too "
                     "deeply or recursive");
        else if (cr == PX_EPY)
            px_host_failed(c->ms, c);
    }
done:
    for (int j = 0; j < i; j++) Py_DECREF(args[j]);
    if (args != small) PyMem_Free(args);
    Py_XDECREF(kw);
    Py_XDECREF(res);
    px_gil_restore(c, ts);
    return r;
}

static int px_host_repr(pe_state *S, pe_val v, pe_sb *sb) {
    px_ctx *c = S->out_ud;
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    int rc = -2;
    PyObject *r = PyObject_Repr(((px_host *)v.u.o)->fn);
    if (r) {
        Py_ssize_t n;
        const char *p = PyUnicode_AsUTF8AndSize(r, &n);
        if (p) rc = pe_sb_putn(sb, p, (size_t)n);
        Py_DECREF(r);
    }
    if (rc == -2) {
        PyErr_Clear();
        rc = pe_sb_puts(sb, "<function>");
    }
    px_gil_restore(c, ts);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Programs, globals and names                                         */
/* ------------------------------------------------------------------ */

typedef struct px_prog {
    pe_code *code;
    PyObject *pynames; /* tuple of str: code->gnames as Python strs, or NULL */
    bool cheap;        /* run it without releasing the GIL */
} px_prog;

/* Builtins that take O(size of their arguments) time: calling them keeps a
 * program "cheap". (range/iter/next/map/zip/... can loop arbitrarily.) */
static bool px_safe_builtin(int b, const pe_str *name) {
    static const char *const safe[] = {
        "abs", "round", "min", "max", "len", "int", "float", "bool", "str", "repr", "ascii",
        "hash", "divmod", "hex", "oct", "bin", "chr", "ord", "isinstance", "callable", "id",
        "print", "tuple", "list", "dict", "set", "frozenset", "sorted", "sum", "any", "all",
        "slice", "type", NULL};
    pe_val v = pe_builtin_value(b);
    if (v.tag == PE_TOBJ && v.u.o->type->kind == PE_K_TYPE &&
        ((const pe_type *)v.u.o)->kind == PE_K_EXC)
        return true;
    for (const char *const *s = safe; *s; s++)
        if (!strcmp(*s, name->data)) return true;
    return false;
}

/* Is the program straight-line code that finishes in time bounded by the
 * size of its inputs (see the comment at the top)? */
static bool px_is_cheap(const pe_code *code) {
    const pe_fcode *fc = code->module;
    bool calls = false, attrs = false, unsafe = false;
    for (uint32_t i = 0; i < fc->ncode; i++) {
        uint32_t w = fc->code[i], arg = PE_ARGOF(w);
        switch (PE_OPOF(w)) {
        case PE_OP_NOP: case PE_OP_LOAD_CONST: case PE_OP_LOAD_INT: case PE_OP_LOAD_NONE:
        case PE_OP_LOAD_TRUE: case PE_OP_LOAD_FALSE: case PE_OP_LOAD_FAST: case PE_OP_STORE_FAST:
        case PE_OP_DELETE_FAST: case PE_OP_STORE_GLOBAL: case PE_OP_DELETE_GLOBAL:
        case PE_OP_LOAD_DEREF: case PE_OP_STORE_DEREF: case PE_OP_DELETE_DEREF:
        case PE_OP_LOAD_CLOSURE: case PE_OP_POP_TOP: case PE_OP_DUP_TOP: case PE_OP_DUP_TOP_TWO:
        case PE_OP_ROT_TWO: case PE_OP_ROT_THREE: case PE_OP_ROT_FOUR: case PE_OP_ADD:
        case PE_OP_SUB: case PE_OP_MUL: case PE_OP_TRUEDIV: case PE_OP_FLOORDIV: case PE_OP_MOD:
        case PE_OP_COMPARE_OP: case PE_OP_IS_OP: case PE_OP_CONTAINS_OP: case PE_OP_UNARY_NEG:
        case PE_OP_UNARY_POS: case PE_OP_UNARY_INVERT: case PE_OP_UNARY_NOT:
        case PE_OP_BUILD_TUPLE: case PE_OP_BUILD_LIST: case PE_OP_BUILD_SET: case PE_OP_BUILD_MAP:
        case PE_OP_BUILD_SLICE: case PE_OP_BUILD_STRING: case PE_OP_LIST_APPEND:
        case PE_OP_SET_ADD: case PE_OP_MAP_ADD: case PE_OP_LIST_EXTEND: case PE_OP_SET_UPDATE:
        case PE_OP_DICT_UPDATE: case PE_OP_DICT_MERGE: case PE_OP_LIST_TO_TUPLE:
        case PE_OP_UNPACK_SEQUENCE: case PE_OP_UNPACK_EX: case PE_OP_BINARY_SUBSCR:
        case PE_OP_STORE_SUBSCR: case PE_OP_DELETE_SUBSCR: case PE_OP_STORE_ATTR:
        case PE_OP_RETURN_VALUE: case PE_OP_RAISE_VARARGS: case PE_OP_RERAISE:
        case PE_OP_PUSH_EXC_INFO: case PE_OP_POP_EXCEPT: case PE_OP_CHECK_EXC_MATCH:
        case PE_OP_LOAD_BUILD_EXC: case PE_OP_FORMAT_VALUE:
            break;
        case PE_OP_LOAD_GLOBAL:
            if (arg < code->nglobals && code->gbuiltin[arg] >= 0 &&
                !px_safe_builtin(code->gbuiltin[arg], (const pe_str *)code->gnames[arg]))
                unsafe = true;
            break;
        case PE_OP_LOAD_ATTR: case PE_OP_IMPORT_NAME:
            attrs = true;
            break;
        case PE_OP_CALL: case PE_OP_CALL_KW:
            calls = true;
            break;
        case PE_OP_BINARY_OP: {
            uint32_t op = arg & 0xffu;
            if (op == PE_BO_POW || op == PE_BO_LSHIFT) return false;
            break;
        }
        case PE_OP_JUMP: case PE_OP_POP_JUMP_IF_FALSE: case PE_OP_POP_JUMP_IF_TRUE:
        case PE_OP_JUMP_IF_FALSE_OR_POP: case PE_OP_JUMP_IF_TRUE_OR_POP:
            if (arg <= i) return false; /* a loop */
            break;
        default: /* loops, calls of functions, methods, anything new */
            return false;
        }
    }
    return !(calls && (attrs || unsafe));
}

static int px_set_globals(px_ctx *c, pe_code *code) {
    pe_state *S = c->S;
    uint32_t n = code->nglobals;
    if (n > c->gcap || !c->g) {
        uint32_t cap = n > 8 ? n : 8;
        pe_val *ng = realloc(c->g, cap * sizeof(pe_val));
        if (!ng) return -1;
        c->g = ng;
        c->gcap = cap;
    }
    const int32_t *gb = code->gbuiltin;
    for (uint32_t i = 0; i < n; i++) c->g[i] = gb[i] >= 0 ? pe_builtin_value(gb[i]) : pe_undef();
    S->code = code;
    S->globals = c->g;
    S->nglobals = n;
    return 0;
}

static void px_release_globals(px_ctx *c) {
    pe_state *S = c->S;
    uint32_t n = S->nglobals;
    for (uint32_t i = 0; i < n; i++) {
        pe_val v = c->g[i];
        c->g[i] = pe_undef();
        pe_decref(S, v);
    }
    S->globals = NULL;
    S->nglobals = 0;
    S->code = NULL;
}

/* Converts value v of input variable slot i into the global slot. */
static int px_set_slot(px_mod *ms, px_ctx *c, uint32_t i, PyObject *v) {
    px_in ci = {c, NULL, false}; /* the host's own values: callables allowed */
    pe_val pv;
    int r = px_in_val(&ci, v, &pv, 0);
    if (PE_LIKELY(r == PX_OK)) {
        pe_val old = c->g[i];
        c->g[i] = pv;
        pe_decref(c->S, old);
        return 0;
    }
    const char *name = ((pe_str *)c->S->code->gnames[i])->data;
    if (r == PX_EBAD)
        PyErr_Format(PyExc_TypeError, "cannot convert value of variable '%.200s' (type '%.200s') to pyexpr",
                     name, Py_TYPE(ci.bad)->tp_name);
    else if (r == PX_EDEEP)
        PyErr_Format(PyExc_ValueError,
                     "cannot convert value of variable '%.200s' to pyexpr: nested too deeply or "
                     "recursive",
                     name);
    else if (r == PX_EPE)
        px_raise_engine_exc(ms, c);
    return -1;
}

/* Assigns the input variables the program refers to. */
static int px_assign_names(px_mod *ms, px_ctx *c, const px_prog *p, PyObject *names) {
    pe_code *code = p->code;
    uint32_t n = code->nglobals;
    if (PE_LIKELY(PyDict_Check(names))) {
        if (p->pynames) {
            for (uint32_t i = 0; i < n; i++) {
                PyObject *v = PyDict_GetItemWithError(names, PyTuple_GET_ITEM(p->pynames, i));
                if (!v) {
                    if (PyErr_Occurred()) return -1;
                    continue;
                }
                if (px_set_slot(ms, c, i, v) < 0) return -1;
            }
        } else if ((size_t)PyDict_GET_SIZE(names) <= n) {
            /* few names: match each key against the slots' names */
            Py_ssize_t pos = 0;
            PyObject *k, *v;
            while (PyDict_Next(names, &pos, &k, &v)) {
                if (!PyUnicode_Check(k)) continue;
                Py_ssize_t kl;
                const char *kp = PyUnicode_AsUTF8AndSize(k, &kl);
                if (!kp) {
                    PyErr_Clear();
                    continue;
                }
                for (uint32_t i = 0; i < n; i++) {
                    const pe_str *g = (const pe_str *)code->gnames[i];
                    if (g->len == (size_t)kl && !memcmp(g->data, kp, (size_t)kl)) {
                        if (px_set_slot(ms, c, i, v) < 0) return -1;
                        break;
                    }
                }
            }
        } else {
            for (uint32_t i = 0; i < n; i++) {
                const pe_str *g = (const pe_str *)code->gnames[i];
                PyObject *key = PyUnicode_FromStringAndSize(g->data, (Py_ssize_t)g->len);
                if (!key) return -1;
                PyObject *v = PyDict_GetItemWithError(names, key);
                Py_DECREF(key);
                if (!v) {
                    if (PyErr_Occurred()) return -1;
                    continue;
                }
                if (px_set_slot(ms, c, i, v) < 0) return -1;
            }
        }
        return 0;
    }
    /* any other mapping */
    for (uint32_t i = 0; i < n; i++) {
        const pe_str *g = (const pe_str *)code->gnames[i];
        PyObject *key = p->pynames ? Py_NewRef(PyTuple_GET_ITEM(p->pynames, i))
                                   : PyUnicode_FromStringAndSize(g->data, (Py_ssize_t)g->len);
        if (!key) return -1;
        PyObject *v = PyObject_GetItem(names, key);
        Py_DECREF(key);
        if (!v) {
            if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
            PyErr_Clear();
            continue;
        }
        int r = px_set_slot(ms, c, i, v);
        Py_DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
}

/* exec(): the caller's names (copied) updated with the program's global
 * variables; unconvertible values (functions, modules) are left out. */
static PyObject *px_exec_result(px_ctx *c, const px_prog *p, PyObject *names) {
    pe_code *code = p->code;
    PyObject *d;
    if (!names)
        d = PyDict_New();
    else if (PyDict_CheckExact(names))
        d = PyDict_Copy(names);
    else {
        d = PyDict_New();
        if (d && PyDict_Merge(d, names, 1) < 0) Py_CLEAR(d);
    }
    if (!d) return NULL;
    for (uint32_t i = 0; i < code->nglobals; i++) {
        pe_val v = c->g[i];
        int b = code->gbuiltin[i];
        if (b >= 0 && (v.tag == PE_TUNDEF || pe_is(v, pe_builtin_value(b)))) continue;
        const pe_str *g = (const pe_str *)code->gnames[i];
        PyObject *key = p->pynames ? Py_NewRef(PyTuple_GET_ITEM(p->pynames, i)) : px_out_str(g);
        if (!key) goto fail;
        PyObject *o = NULL;
        if (v.tag != PE_TUNDEF) {
            px_out co = {c->ms, c, NULL, false};
            o = px_out_val(&co, v, 0);
            if (!o && PyErr_Occurred()) {
                Py_DECREF(key);
                goto fail;
            }
        }
        int rc = 0;
        if (o) {
            rc = PyDict_SetItem(d, key, o);
            Py_DECREF(o);
        } else {
            rc = PyDict_Contains(d, key);
            if (rc > 0) rc = PyDict_DelItem(d, key);
        }
        Py_DECREF(key);
        if (rc < 0) goto fail;
    }
    return d;
fail:
    Py_DECREF(d);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Ctrl-C                                                              */
/* ------------------------------------------------------------------ */

/*
 * A program that runs with the GIL released in the main thread must stop on
 * Ctrl-C as Python code does. While such a run lasts, a SIGINT handler is
 * chained in front of the current one (Python's): it sets the running
 * state's `interrupted` flag, which the VM's limit check polls at every loop
 * back-edge and call, then calls the previous handler, which records the
 * signal for Python. The VM then calls px_on_interrupt, which takes the GIL
 * and runs Python's signal handlers (PyErr_CheckSignals) where CPython would
 * run them: between two bytecodes. What they raise (KeyboardInterrupt from
 * the default handler) enters the program like a host function's exception
 * and leaves the run as the very same object; a handler that returns lets
 * the program go on. The previous handler is put back when the run ends
 * (unless a host function installed another one meanwhile).
 *
 * sigaction costs about a microsecond per call here, more than a short run,
 * so runs do not install the handler themselves: a run only publishes its
 * flag (a mutex and two stores), and a watcher thread, which ticks every
 * PX_SIG_TICK_MS while main-thread runs happen and sleeps otherwise,
 * installs the handler for a run that has lasted a tick. A SIGINT in a run's
 * first tick only reaches Python's handler: Python raises KeyboardInterrupt
 * when the run returns (or a second Ctrl-C interrupts it).
 *
 * Signal dispositions are process-wide, so this is the extension's only
 * process-global mutable data (under px_sig_mu; the handler reads
 * px_sig_flag and px_sig_prev only). Nothing is installed when SIGINT is
 * ignored or has its default action, for "cheap" runs (which keep the GIL
 * and end in bounded time) or in other threads (Python delivers
 * KeyboardInterrupt to the main thread only).
 */
#if PX_HAVE_SIGACTION
#define PX_SIG_TICK_MS 20
#define PX_SIG_IDLE_TICKS 50 /* the watcher sleeps after a second without runs */

static pthread_mutex_t px_sig_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t px_sig_cv = PTHREAD_COND_INITIALIZER;
static volatile int *_Atomic px_sig_flag; /* `interrupted` of the main thread's run, or NULL */
static struct sigaction px_sig_prev;       /* the handler chained behind ours */
static uint64_t px_sig_gen;                /* main-thread runs started */
static unsigned px_sig_depth;              /* nested main-thread runs */
static bool px_sig_installed, px_sig_watching, px_sig_idle;

static void px_sigint(int sig, siginfo_t *info, void *uc) {
    int saved = errno;
    volatile int *flag = atomic_load(&px_sig_flag);
    if (flag) *flag = 1;
    if (px_sig_prev.sa_flags & SA_SIGINFO) {
        if (px_sig_prev.sa_sigaction) px_sig_prev.sa_sigaction(sig, info, uc);
    } else if (px_sig_prev.sa_handler != SIG_DFL && px_sig_prev.sa_handler != SIG_IGN) {
        px_sig_prev.sa_handler(sig);
    }
    errno = saved;
}

/* (px_sig_mu held) Chains px_sigint in front of the current handler. */
static bool px_sig_install(void) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = px_sigint;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    /* swap in one call, so that a handler installed meanwhile by the main
     * thread (signal.signal in a host function) cannot be lost */
    if (sigaction(SIGINT, &sa, &old) != 0) return false;
    if (!(old.sa_flags & SA_SIGINFO) && (old.sa_handler == SIG_DFL || old.sa_handler == SIG_IGN)) {
        sigaction(SIGINT, &old, NULL); /* ignored or fatal: nothing to chain to */
        return false;
    }
    px_sig_prev = old; /* (until here a SIGINT sees the previous run's: the same, Python's) */
    px_sig_installed = true;
    return true;
}

/* (px_sig_mu held) Puts the previous handler back. */
static void px_sig_uninstall(void) {
    struct sigaction cur;
    px_sig_installed = false;
    if (sigaction(SIGINT, &px_sig_prev, &cur) == 0 &&
        ((cur.sa_flags & SA_SIGINFO) == 0 || cur.sa_sigaction != px_sigint))
        sigaction(SIGINT, &cur, NULL); /* a host function installed its own: keep it */
}

/* The watcher thread (never touches Python). */
static void *px_sig_watch(void *arg) {
    (void)arg;
    unsigned idle = 0;
    uint64_t declined = 0;
    pthread_mutex_lock(&px_sig_mu);
    for (;;) {
        if (!atomic_load(&px_sig_flag)) {
            if (++idle > PX_SIG_IDLE_TICKS) {
                px_sig_idle = true;
                while (px_sig_idle) pthread_cond_wait(&px_sig_cv, &px_sig_mu);
                idle = 0;
                continue;
            }
        } else {
            idle = 0;
        }
        uint64_t gen = px_sig_gen;
        bool running = atomic_load(&px_sig_flag) != NULL;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += PX_SIG_TICK_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&px_sig_cv, &px_sig_mu, &ts);
        /* the same run for a whole tick: arm Ctrl-C. (No flag is set here:
         * native operations may treat `interrupted` as a KeyboardInterrupt,
         * so only a real SIGINT sets it.) */
        if (running && atomic_load(&px_sig_flag) && gen == px_sig_gen && !px_sig_installed &&
            declined != gen && !px_sig_install())
            declined = gen;
    }
    return NULL;
}

static void px_sig_atfork_child(void) {
    /* the child has no watcher; the lock may have been held by it */
    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
    memcpy(&px_sig_mu, &mu, sizeof mu);
    memcpy(&px_sig_cv, &cv, sizeof cv);
    px_sig_watching = false;
    px_sig_idle = false;
}

/* (px_sig_mu held) Starts the watcher with every signal blocked. */
static void px_sig_start_watcher(void) {
    static bool atfork;
    if (!atfork) atfork = pthread_atfork(NULL, NULL, px_sig_atfork_child) == 0;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t t;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) == 0) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&attr, 64 * 1024);
        px_sig_watching = pthread_create(&t, &attr, px_sig_watch, NULL) == 0;
        pthread_attr_destroy(&attr);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}
#endif

typedef struct px_sigsave {
    volatile int *flag; /* the enclosing run's flag (nested runs) */
    bool active;
} px_sigsave;

/* VM hook (pe_state.on_interrupt): run Python's signal handlers. */
static int px_on_interrupt(pe_state *S) {
    px_ctx *c = S->out_ud;
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    if (c->olen) px_flush(c);
    int r = 0;
    if (PyErr_CheckSignals() < 0) {
        px_host_failed(c->ms, c);
        r = -1;
    }
    px_gil_restore(c, ts);
    return r;
}

/* Publishes a run of c in this thread for Ctrl-C (GIL held). */
static void px_sig_enter(px_mod *ms, px_ctx *c, px_sigsave *sv) {
    sv->active = false;
    sv->flag = NULL;
#if PX_HAVE_SIGACTION
    if (!ms->signals || PyThread_get_thread_ident() != ms->main_ident) return;
    sv->active = true;
    c->S->on_interrupt = px_on_interrupt;
    pthread_mutex_lock(&px_sig_mu);
    sv->flag = atomic_load(&px_sig_flag);
    atomic_store(&px_sig_flag, &c->S->interrupted);
    px_sig_gen++;
    px_sig_depth++;
    if (!px_sig_watching) {
        px_sig_start_watcher();
    } else if (px_sig_idle) {
        px_sig_idle = false;
        pthread_cond_signal(&px_sig_cv);
    }
    pthread_mutex_unlock(&px_sig_mu);
#else
    (void)ms;
    (void)c;
    (void)px_on_interrupt;
#endif
}

static void px_sig_leave(px_ctx *c, const px_sigsave *sv) {
#if PX_HAVE_SIGACTION
    if (!sv->active) return;
    pthread_mutex_lock(&px_sig_mu);
    atomic_store(&px_sig_flag, sv->flag);
    if (--px_sig_depth == 0 && px_sig_installed) px_sig_uninstall();
    pthread_mutex_unlock(&px_sig_mu);
    c->S->on_interrupt = NULL;
#else
    (void)c;
    (void)sv;
#endif
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

/* A monotonic clock that costs a few ns (the precise one costs ~75 ns on
 * some virtual machines, a third of a short eval) at the price of a few ms
 * of resolution: it lags behind, so a deadline from it comes early by at
 * most that much. */
static double px_coarse_now(void) {
#if defined(CLOCK_MONOTONIC_COARSE)
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) == 0)
        return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
#endif
    return pe_now();
}

/* pe_limits_start without its clock read: the deadline is `deadline` when
 * the clock started earlier (a compile), else now + timeout. */
static void px_limits_start(pe_state *S, double deadline) {
    double timeout = S->limits.timeout;
    S->limits.timeout = 0;
    pe_limits_start(S); /* steps, counters, flags */
    S->limits.timeout = timeout;
    if (timeout > 0) S->deadline = deadline > 0 ? deadline : px_coarse_now() + timeout;
}

/* Is the engine's pending exception a KeyboardInterrupt the engine raised
 * itself (not the stand-in of a Python exception)? */
static bool px_engine_kbi(px_ctx *c) {
    pe_val e = c->S->exc;
    return e.tag == PE_TOBJ && e.u.o != c->host_pe &&
           pe_type_is_subtype(e.u.o->type, PE_EXC(KeyboardInterrupt));
}

/* Runs p in context c (GIL held on entry and exit). want_exec: return the
 * variables dict instead of the value. deadline: when the time limit's
 * clock started with the compile (0: it starts now). */
static PyObject *px_run(px_mod *ms, px_ctx *c, const px_prog *p, PyObject *names,
                        const pe_limits *lim, bool want_exec, double deadline) {
    pe_state *S = c->S;
    pe_code *code = p->code;
    PyObject *result = NULL;
    pe_val value = pe_none();
    bool sig_checked = false;

    pe_set_limits(S, lim);
    if (PE_UNLIKELY(S->frames_cap < S->max_depth + 4 || S->nchunks == 0)) px_warm(ms, c);
    c->user_max_memory = lim->max_memory;
    if (lim->max_memory) { /* bytes for this run: on top of what the state holds */
        pe_limits L = *lim;
        size_t base = S->mem_used;
        L.max_memory = base + lim->max_memory < base ? SIZE_MAX : base + lim->max_memory;
        pe_set_limits(S, &L);
    }
    if (px_set_globals(c, code) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    if (names && px_assign_names(ms, c, p, names) < 0) goto done;

    int r;
    px_limits_start(S, deadline);
    if (p->cheap) {
        r = pe_vm_run(S, code, &value);
    } else {
        px_sigsave sv;
        px_sig_enter(ms, c, &sv);
        /* a signal that arrived before the flag was armed */
        if (sv.active && PyErr_CheckSignals() < 0) {
            px_sig_leave(c, &sv);
            goto done;
        }
        c->tstate = PyEval_SaveThread();
        r = pe_vm_run(S, code, &value);
        PyThreadState *ts = c->tstate;
        c->tstate = NULL;
        PyEval_RestoreThread(ts);
        px_sig_leave(c, &sv);
        sig_checked = sv.active;
    }
    if (c->olen) px_flush(c);
    if (PE_LIKELY(r == 0)) {
        if (PE_UNLIKELY(c->out_error != NULL)) {
            px_restore_exc(c->out_error);
            c->out_error = NULL;
        } else if (want_exec) {
            result = px_exec_result(c, p, names);
        } else {
            px_out co = {c->ms, c, NULL, false};
            result = px_out_val(&co, value, 0);
            if (!result) px_out_error(&co, "the result");
        }
        pe_decref(S, value);
    } else {
        Py_CLEAR(c->out_error);
        /* interrupted outside the VM's check (a native operation): Python's
         * handler has not run yet; what it raises wins */
        if (!(sig_checked && px_engine_kbi(c) && PyErr_CheckSignals() < 0))
            px_raise_engine_exc(ms, c);
    }
done:
    px_release_globals(c);
    if (PE_UNLIKELY(c->host_pe != NULL)) {
        pe_decref_obj(S, c->host_pe);
        c->host_pe = NULL;
        Py_CLEAR(c->host_exc);
    }
    /* objects left on the run heap (cycles) and a pending exception */
    if (S->heap.head.gc_next != &S->heap.head || S->exc.tag != PE_TUNDEF ||
        S->handled.tag != PE_TUNDEF)
        pe_reset(S);
    if (c->nkeep) px_keep_clear(c);
    c->user_max_memory = 0;
    c->allow_callables = false;
    return result;
}

/* Puts the memory and time limits of lim on c's state for a compile (steps
 * and depth count at run time only); *deadline receives the time limit's
 * deadline, which goes on for the run. */
static void px_compile_limits(px_ctx *c, const pe_limits *lim, double *deadline) {
    pe_state *S = c->S;
    pe_limits L = {0, 0, lim->max_depth, lim->timeout};
    if (lim->max_memory) {
        size_t base = S->mem_used;
        L.max_memory = base + lim->max_memory < base ? SIZE_MAX : base + lim->max_memory;
    }
    pe_set_limits(S, &L);
    px_limits_start(S, 0);
    *deadline = S->deadline;
    c->user_max_memory = lim->max_memory; /* for the LimitError message */
}

/* After a compile: raise its error as a Python exception. */
static pe_code *px_compile_done(px_mod *ms, px_ctx *c, pe_code *code) {
    if (!code) {
        px_raise_engine_exc(ms, c);
        pe_reset(c->S);
    }
    c->user_max_memory = 0;
    return code;
}

/* Compiles in c's state under lim's memory and time limits; on failure
 * raises the Python SyntaxError (or LimitError). */
static pe_code *px_compile(px_mod *ms, px_ctx *c, const char *src, size_t len, const char *filename,
                           int mode, const pe_limits *lim, double *deadline) {
    pe_state *S = c->S;
    px_compile_limits(c, lim, deadline);
    pe_code *code;
    if (len > PX_COMPILE_NOGIL) {
        Py_BEGIN_ALLOW_THREADS
        code = pe_compile(S, src, len, filename, mode);
        Py_END_ALLOW_THREADS
    } else {
        code = pe_compile(S, src, len, filename, mode);
    }
    return px_compile_done(ms, c, code);
}

/* px_compile through the module's compile cache: a new reference to the
 * cached (or freshly compiled and inserted) code; on a (possibly cached)
 * compile error raises the Python SyntaxError and returns NULL. A miss
 * compiles under lim's limits like px_compile (a LimitError is not cached). */
static pe_code *px_cache_compile(px_mod *ms, px_ctx *c, const char *src, size_t len,
                                 const char *filename, int mode, const pe_limits *lim,
                                 double *deadline) {
    pe_state *S = c->S;
    px_compile_limits(c, lim, deadline);
    pe_code *code;
    if (len > PX_COMPILE_NOGIL) {
        Py_BEGIN_ALLOW_THREADS
        code = pe_cache_get(ms->cache, S, src, len, filename, mode);
        Py_END_ALLOW_THREADS
    } else {
        code = pe_cache_get(ms->cache, S, src, len, filename, mode);
    }
    return px_compile_done(ms, c, code);
}

/* The UTF-8 text of a source argument. */
static int px_source_text(PyObject *src, const char **p, Py_ssize_t *n, const char *fname) {
    if (PyUnicode_Check(src)) {
        if (px_str_is_ascii(src)) {
            *p = (const char *)PyUnicode_DATA(src);
            *n = PyUnicode_GET_LENGTH(src);
            return 0;
        }
        *p = PyUnicode_AsUTF8AndSize(src, n);
        return *p ? 0 : -1;
    }
    if (PyBytes_Check(src)) {
        *p = PyBytes_AS_STRING(src);
        *n = PyBytes_GET_SIZE(src);
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s() arg 1 must be a string, bytes or pyexpr.Code object, not %.200s",
                 fname, Py_TYPE(src)->tp_name);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Limits                                                              */
/* ------------------------------------------------------------------ */

static int px_limit_int(PyObject *v, const char *what, unsigned long long max, unsigned long long *out) {
    if (v == Py_None) {
        *out = 0;
        return 0;
    }
    if (!PyLong_Check(v) || PyBool_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s must be an int or None, not %.200s", what,
                     Py_TYPE(v)->tp_name);
        return -1;
    }
    int overflow;
    long long sx = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (sx == -1 && !overflow && PyErr_Occurred()) return -1;
    if (overflow < 0 || (!overflow && sx <= 0)) {
        PyErr_Format(PyExc_ValueError, "%s must be a positive int or None", what);
        return -1;
    }
    unsigned long long x = overflow > 0 ? max : (unsigned long long)sx; /* huge: no limit */
    if (x > max) {
        PyErr_Format(PyExc_ValueError, "%s must be at most %llu", what, max);
        return -1;
    }
    *out = x;
    return 0;
}

/* One `name=value` limit into *L. Returns 0, -1 (error), 1 (not a limit). */
static int px_parse_limit(px_mod *ms, PyObject *key, PyObject *v, pe_limits *L) {
    int which = key == ms->s_max_steps ? 0 : key == ms->s_max_memory ? 1 : key == ms->s_max_depth ? 2
                : key == ms->s_timeout ? 3 : -1;
    if (which < 0 && PyUnicode_Check(key)) {
        if (!PyUnicode_Compare(key, ms->s_max_steps)) which = 0;
        else if (!PyUnicode_Compare(key, ms->s_max_memory)) which = 1;
        else if (!PyUnicode_Compare(key, ms->s_max_depth)) which = 2;
        else if (!PyUnicode_Compare(key, ms->s_timeout)) which = 3;
    }
    unsigned long long x;
    switch (which) {
    case 0:
        if (px_limit_int(v, "max_steps", UINT64_MAX, &x)) return -1;
        L->max_steps = x;
        return 0;
    case 1:
        if (px_limit_int(v, "max_memory", SIZE_MAX, &x)) return -1;
        L->max_memory = (size_t)x;
        return 0;
    case 2:
        if (px_limit_int(v, "max_depth", PX_MAX_DEPTH_LIMIT, &x)) return -1;
        L->max_depth = (uint32_t)x;
        return 0;
    case 3: {
        if (v == Py_None) {
            L->timeout = 0;
            return 0;
        }
        if (PyBool_Check(v) || !(PyFloat_Check(v) || PyLong_Check(v))) {
            PyErr_Format(PyExc_TypeError, "timeout must be a number or None, not %.200s",
                         Py_TYPE(v)->tp_name);
            return -1;
        }
        double t = PyFloat_AsDouble(v);
        if (t == -1.0 && PyErr_Occurred()) return -1;
        if (!(t > 0)) {
            PyErr_SetString(PyExc_ValueError, "timeout must be a positive number of seconds or None");
            return -1;
        }
        L->timeout = isinf(t) ? 0 : t;
        return 0;
    }
    default:
        return 1;
    }
}

static inline bool px_key_is(PyObject *key, PyObject *interned) {
    return key == interned || (PyUnicode_Check(key) && !PyUnicode_Compare(key, interned));
}

/* `limits=`: None lifts max_steps, max_memory and timeout (max_depth keeps
 * its default: the depth guard protects the C stack); a dict overrides the
 * limits it names. */
static int px_apply_limits_arg(px_mod *ms, PyObject *v, pe_limits *L) {
    if (v == Py_None) {
        L->max_steps = 0;
        L->max_memory = 0;
        L->timeout = 0;
        return 0;
    }
    if (!PyDict_Check(v)) {
        PyErr_Format(PyExc_TypeError, "limits must be a dict or None, not %.200s", Py_TYPE(v)->tp_name);
        return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *k, *x;
    while (PyDict_Next(v, &pos, &k, &x)) {
        int r = px_parse_limit(ms, k, x, L);
        if (r < 0) return -1;
        if (r > 0) {
            PyErr_Format(PyExc_TypeError,
                         "limits: unknown limit %R (max_steps, max_memory, max_depth, timeout)", k);
            return -1;
        }
    }
    return 0;
}

/* The keywords of every run, in two passes so that `limits=` applies
 * before the single limits whatever the order: call with pass 0 for each
 * keyword, then pass 1. Returns 0 (taken), -1 (error), 1 (not one of them). */
static int px_parse_run_kw(px_mod *ms, int pass, PyObject *key, PyObject *v, pe_limits *L,
                           bool *allow_callables) {
    if (px_key_is(key, ms->s_limits)) return pass == 0 ? px_apply_limits_arg(ms, v, L) : 0;
    if (pass == 0) return 0;
    if (px_key_is(key, ms->s_allow_callables)) {
        int t = PyObject_IsTrue(v);
        if (t < 0) return -1;
        *allow_callables = t != 0;
        return 0;
    }
    return px_parse_limit(ms, key, v, L);
}

static int px_unexpected_kw(const char *fname, PyObject *key) {
    PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
    return -1;
}

static int px_check_names(PyObject **names, const char *fname) {
    PyObject *n = *names;
    if (!n || n == Py_None) {
        *names = NULL;
        return 0;
    }
    if (PyDict_Check(n)) return 0;
    if (PyMapping_Check(n) && !PyList_Check(n) && !PyTuple_Check(n) && !PyUnicode_Check(n)) {
        int has = PyObject_HasAttrString(n, "keys");
        if (has) return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s() names must be a mapping or None, not %.200s", fname,
                 Py_TYPE(n)->tp_name);
    return -1;
}

/* ------------------------------------------------------------------ */
/* The Code type                                                       */
/* ------------------------------------------------------------------ */

typedef struct px_code_obj {
    PyObject_HEAD
    px_prog prog;
    PyObject *source;   /* str */
    PyObject *filename; /* str */
    int mode;           /* PE_MODE_EXEC or PE_MODE_EVAL */
} px_code_obj;

static const char *px_mode_name(int mode) { return mode == PE_MODE_EVAL ? "eval" : "exec"; }

static void px_code_dealloc(px_code_obj *self) {
    PyTypeObject *tp = Py_TYPE(self);
    pe_code_free(self->prog.code);
    Py_XDECREF(self->prog.pynames);
    Py_XDECREF(self->source);
    Py_XDECREF(self->filename);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyObject *px_code_new_from(px_mod *ms, PyObject *source, const char *src, size_t len,
                                  PyObject *filename, int mode) {
    const char *fn = PyUnicode_AsUTF8(filename);
    if (!fn) return NULL;
    px_ctx *c = px_acquire(ms);
    if (!c) return NULL;
    double deadline;
    pe_code *code = px_compile(ms, c, src, len, fn, mode, &ms->defaults, &deadline);
    px_release(ms, c);
    if (!code) return NULL;
    px_code_obj *self = PyObject_New(px_code_obj, ms->Code_type);
    if (!self) {
        pe_code_free(code);
        return NULL;
    }
    self->prog.code = code;
    self->prog.cheap = px_is_cheap(code);
    self->prog.pynames = PyTuple_New((Py_ssize_t)code->nglobals);
    self->source = source; /* owned */
    self->filename = Py_NewRef(filename);
    self->mode = mode;
    if (!self->prog.pynames) goto fail;
    for (uint32_t i = 0; i < code->nglobals; i++) {
        PyObject *s = PyUnicode_InternFromString(((pe_str *)code->gnames[i])->data);
        if (!s) goto fail;
        PyTuple_SET_ITEM(self->prog.pynames, (Py_ssize_t)i, s);
    }
    return (PyObject *)self;
fail:
    Py_DECREF(self);
    return NULL;
}

/* Code.eval / Code.exec: (names=None, **limits) */
static PyObject *px_code_run(px_code_obj *self, PyTypeObject *cls, PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames, bool want_exec) {
    px_mod *ms = (px_mod *)PyType_GetModuleState(cls);
    const char *fname = want_exec ? "exec" : "eval";
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most 1 positional argument (%zd given)", fname,
                     nargs);
        return NULL;
    }
    PyObject *names = nargs ? args[0] : NULL;
    pe_limits L = ms->defaults;
    bool allow = false;
    if (kwnames) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t i = 0; i < nkw; i++)
            if (px_parse_run_kw(ms, 0, PyTuple_GET_ITEM(kwnames, i), args[nargs + i], &L, &allow) < 0)
                return NULL;
        for (Py_ssize_t i = 0; i < nkw; i++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, i), *v = args[nargs + i];
            int r = px_parse_run_kw(ms, 1, key, v, &L, &allow);
            if (r < 0) return NULL;
            if (r > 0) {
                if (key == ms->s_names || !PyUnicode_Compare(key, ms->s_names)) {
                    if (nargs) {
                        PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument 'names'",
                                     fname);
                        return NULL;
                    }
                    names = v;
                } else {
                    px_unexpected_kw(fname, key);
                    return NULL;
                }
            }
        }
    }
    if (names && px_check_names(&names, fname) < 0) return NULL;
    px_ctx *c = px_acquire(ms);
    if (!c) return NULL;
    c->allow_callables = allow;
    PyObject *res = px_run(ms, c, &self->prog, names, &L, want_exec, 0);
    px_release(ms, c);
    return res;
}

static PyObject *px_code_eval(PyObject *self, PyTypeObject *cls, PyObject *const *args,
                              Py_ssize_t nargs, PyObject *kwnames) {
    return px_code_run((px_code_obj *)self, cls, args, nargs, kwnames, false);
}

static PyObject *px_code_exec(PyObject *self, PyTypeObject *cls, PyObject *const *args,
                              Py_ssize_t nargs, PyObject *kwnames) {
    return px_code_run((px_code_obj *)self, cls, args, nargs, kwnames, true);
}

static PyObject *px_code_reduce(PyObject *self, PyTypeObject *cls, PyObject *const *args,
                                Py_ssize_t nargs, PyObject *kwnames) {
    (void)args;
    if (nargs || (kwnames && PyTuple_GET_SIZE(kwnames))) {
        PyErr_SetString(PyExc_TypeError, "__reduce__() takes no arguments");
        return NULL;
    }
    px_mod *ms = (px_mod *)PyType_GetModuleState(cls);
    PyObject *mod = PyType_GetModule(cls); /* borrowed */
    if (!mod) return NULL;
    PyObject *fn = PyObject_GetAttr(mod, ms->s_compile);
    if (!fn) return NULL;
    px_code_obj *co = (px_code_obj *)self;
    return Py_BuildValue("N(OsO)", fn, co->source, px_mode_name(co->mode), co->filename);
}

static PyObject *px_code_repr(PyObject *self) {
    px_code_obj *co = (px_code_obj *)self;
    PyObject *src = co->source;
    Py_ssize_t n = PyUnicode_GET_LENGTH(src);
    PyObject *shown = n > 60 ? PyUnicode_Substring(src, 0, 57) : Py_NewRef(src);
    if (!shown) return NULL;
    PyObject *r;
    if (PyUnicode_CompareWithASCIIString(co->filename, "<string>"))
        r = PyUnicode_FromFormat("<pyexpr.Code mode='%s' filename=%R source=%R%s>",
                                 px_mode_name(co->mode), co->filename, shown, n > 60 ? "..." : "");
    else
        r = PyUnicode_FromFormat("<pyexpr.Code mode='%s' source=%R%s>", px_mode_name(co->mode), shown,
                                 n > 60 ? "..." : "");
    Py_DECREF(shown);
    return r;
}

static PyObject *px_code_richcompare(PyObject *a, PyObject *b, int op) {
    if ((op != Py_EQ && op != Py_NE) || Py_TYPE(a) != Py_TYPE(b)) Py_RETURN_NOTIMPLEMENTED;
    px_code_obj *x = (px_code_obj *)a, *y = (px_code_obj *)b;
    int eq = x->mode == y->mode;
    if (eq) {
        eq = PyObject_RichCompareBool(x->source, y->source, Py_EQ);
        if (eq > 0) eq = PyObject_RichCompareBool(x->filename, y->filename, Py_EQ);
        if (eq < 0) return NULL;
    }
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static Py_hash_t px_code_hash(PyObject *self) {
    px_code_obj *co = (px_code_obj *)self;
    Py_hash_t h1 = PyObject_Hash(co->source);
    if (h1 == -1) return -1;
    Py_hash_t h2 = PyObject_Hash(co->filename);
    if (h2 == -1) return -1;
    /* unsigned arithmetic: the multiplication wraps (no signed overflow) */
    Py_uhash_t u = (Py_uhash_t)h1 ^ ((Py_uhash_t)h2 * 1000003u) ^ (Py_uhash_t)co->mode;
    Py_hash_t h = (Py_hash_t)u;
    return h == -1 ? -2 : h;
}

static PyObject *px_code_get_source(PyObject *self, void *closure) {
    (void)closure;
    return Py_NewRef(((px_code_obj *)self)->source);
}

static PyObject *px_code_get_filename(PyObject *self, void *closure) {
    (void)closure;
    return Py_NewRef(((px_code_obj *)self)->filename);
}

static PyObject *px_code_get_mode(PyObject *self, void *closure) {
    (void)closure;
    return PyUnicode_FromString(px_mode_name(((px_code_obj *)self)->mode));
}

static PyObject *px_code_get_names(PyObject *self, void *closure) {
    (void)closure;
    px_code_obj *co = (px_code_obj *)self;
    pe_code *code = co->prog.code;
    PyObject *r = PyList_New(0);
    if (!r) return NULL;
    for (uint32_t i = 0; i < code->nglobals; i++) {
        if (code->gbuiltin[i] >= 0) continue;
        if (PyList_Append(r, PyTuple_GET_ITEM(co->prog.pynames, i)) < 0) {
            Py_DECREF(r);
            return NULL;
        }
    }
    PyObject *t = PyList_AsTuple(r);
    Py_DECREF(r);
    return t;
}

static PyMethodDef px_code_methods[] = {
    {"eval", (PyCFunction)(void (*)(void))px_code_eval, METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     "eval(names=None, **limits)\n--\n\n"
     "Run the program and return its value (None for an 'exec' program)."},
    {"exec", (PyCFunction)(void (*)(void))px_code_exec, METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     "exec(names=None, **limits)\n--\n\n"
     "Run the program and return a dict of its top-level variables."},
    {"__reduce__", (PyCFunction)(void (*)(void))px_code_reduce,
     METH_METHOD | METH_FASTCALL | METH_KEYWORDS, "Pickle support (recompiles on load)."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef px_code_getset[] = {
    {"source", px_code_get_source, NULL, "The program's source text.", NULL},
    {"mode", px_code_get_mode, NULL, "'eval' or 'exec'.", NULL},
    {"filename", px_code_get_filename, NULL, "The file name used in SyntaxErrors.", NULL},
    {"names", px_code_get_names, NULL,
     "Global names the program uses that are not builtins (its possible input variables).", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#ifndef Py_TPFLAGS_DISALLOW_INSTANTIATION
static PyObject *px_code_tp_new(PyTypeObject *t, PyObject *a, PyObject *k) {
    (void)t;
    (void)a;
    (void)k;
    PyErr_SetString(PyExc_TypeError, "cannot create 'pyexpr.Code' instances; use pyexpr.compile()");
    return NULL;
}
#endif

static PyType_Slot px_code_slots[] = {
    {Py_tp_doc, (void *)"A compiled pyexpr program (see pyexpr.compile)."},
    {Py_tp_dealloc, (void *)px_code_dealloc},
    {Py_tp_repr, (void *)px_code_repr},
    {Py_tp_richcompare, (void *)px_code_richcompare},
    {Py_tp_hash, (void *)px_code_hash},
    {Py_tp_methods, px_code_methods},
    {Py_tp_getset, px_code_getset},
#ifndef Py_TPFLAGS_DISALLOW_INSTANTIATION
    {Py_tp_new, (void *)px_code_tp_new},
#endif
    {0, NULL},
};

static PyType_Spec px_code_spec = {
    .name = "pyexpr.Code",
    .basicsize = sizeof(px_code_obj),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT
#ifdef Py_TPFLAGS_DISALLOW_INSTANTIATION
             | Py_TPFLAGS_DISALLOW_INSTANTIATION
#endif
#ifdef Py_TPFLAGS_IMMUTABLETYPE
             | Py_TPFLAGS_IMMUTABLETYPE
#endif
    ,
    .slots = px_code_slots,
};

/* ------------------------------------------------------------------ */
/* Module functions                                                    */
/* ------------------------------------------------------------------ */

/* pyexpr.eval / pyexpr.exec: (source, names=None, /, **limits) */
static PyObject *px_entry(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames, bool want_exec) {
    px_mod *ms = px_state(module);
    const char *fname = want_exec ? "exec" : "eval";
    if (nargs < 1 || nargs > 2) {
        if (nargs < 1)
            PyErr_Format(PyExc_TypeError, "%s() missing required argument 'source' (pos 1)", fname);
        else
            PyErr_Format(PyExc_TypeError, "%s() takes from 1 to 2 positional arguments but %zd were given",
                         fname, nargs);
        return NULL;
    }
    PyObject *src = args[0], *names = nargs > 1 ? args[1] : NULL;
    pe_limits L = ms->defaults;
    bool use_cache = true, allow = false;
    if (kwnames) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t i = 0; i < nkw; i++)
            if (px_parse_run_kw(ms, 0, PyTuple_GET_ITEM(kwnames, i), args[nargs + i], &L, &allow) < 0)
                return NULL;
        for (Py_ssize_t i = 0; i < nkw; i++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, i);
            if (px_key_is(key, ms->s_cache)) {
                int t = PyObject_IsTrue(args[nargs + i]);
                if (t < 0) return NULL;
                use_cache = t != 0;
                continue;
            }
            int r = px_parse_run_kw(ms, 1, key, args[nargs + i], &L, &allow);
            if (r < 0) return NULL;
            if (r > 0) return px_unexpected_kw(fname, key), NULL;
        }
    }
    if (names && px_check_names(&names, fname) < 0) return NULL;
    if (Py_TYPE(src) == ms->Code_type) {
        px_ctx *c = px_acquire(ms);
        if (!c) return NULL;
        c->allow_callables = allow;
        PyObject *res = px_run(ms, c, &((px_code_obj *)src)->prog, names, &L, want_exec, 0);
        px_release(ms, c);
        return res;
    }
    const char *text;
    Py_ssize_t len;
    if (px_source_text(src, &text, &len, fname) < 0) return NULL;
    px_ctx *c = px_acquire(ms);
    if (!c) return NULL;
    /* The compile cache (issue 5): keyed by (source, mode, filename); a hit
     * shares the immutable pe_code, globals and names are per run. */
    PyObject *res = NULL;
    int mode = want_exec ? PE_MODE_EXEC : PE_MODE_EVAL;
    double deadline = 0; /* the time limit covers the compile too */
    pe_code *code =
        use_cache && ms->cache
            ? px_cache_compile(ms, c, text, (size_t)len, "<string>", mode, &L, &deadline)
            : px_compile(ms, c, text, (size_t)len, "<string>", mode, &L, &deadline);
    if (code) {
        px_prog prog = {code, NULL, px_is_cheap(code)};
        c->allow_callables = allow;
        res = px_run(ms, c, &prog, names, &L, want_exec, deadline);
        pe_code_release_in(c->S, code);
    }
    px_release(ms, c);
    return res;
}

static PyObject *px_mod_eval(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) {
    return px_entry(module, args, nargs, kwnames, false);
}

static PyObject *px_mod_exec(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) {
    return px_entry(module, args, nargs, kwnames, true);
}

/* Positional-or-keyword arguments of fn(...) into vals[0..n) (NULL when
 * absent); `source` (vals[0]) is required. CPython's wording on errors. */
static int px_parse_args(const char *fn, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames, const char *const *kw, int n, PyObject **vals) {
    if (nargs > n) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d arguments (%zd given)", fn, n, nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) vals[i] = args[i];
    if (kwnames) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, i);
            int k = -1;
            for (int j = 0; j < n; j++)
                if (!PyUnicode_CompareWithASCIIString(key, kw[j])) k = j;
            if (k < 0) return px_unexpected_kw(fn, key), -1;
            if (vals[k]) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fn, kw[k]);
                return -1;
            }
            vals[k] = args[nargs + i];
        }
    }
    if (!vals[0]) {
        PyErr_Format(PyExc_TypeError, "%s() missing required argument 'source' (pos 1)", fn);
        return -1;
    }
    return 0;
}

/* mode="exec" | "eval" (v may be NULL: exec). */
static int px_parse_mode(const char *fn, PyObject *v, int *mode) {
    *mode = PE_MODE_EXEC;
    if (!v) return 0;
    if (!PyUnicode_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s() mode must be a str, not %.200s", fn, Py_TYPE(v)->tp_name);
        return -1;
    }
    if (!PyUnicode_CompareWithASCIIString(v, "eval"))
        *mode = PE_MODE_EVAL;
    else if (PyUnicode_CompareWithASCIIString(v, "exec")) {
        PyErr_Format(PyExc_ValueError, "%s() mode must be 'exec' or 'eval'", fn);
        return -1;
    }
    return 0;
}

/* pyexpr.compile(source, mode="exec", filename="<string>") */
static PyObject *px_mod_compile(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames) {
    px_mod *ms = px_state(module);
    PyObject *vals[3] = {NULL, NULL, NULL};
    static const char *const kw[3] = {"source", "mode", "filename"};
    int mode;
    if (px_parse_args("compile", args, nargs, kwnames, kw, 3, vals) < 0 ||
        px_parse_mode("compile", vals[1], &mode) < 0)
        return NULL;
    PyObject *filename = vals[2];
    if (filename && !PyUnicode_Check(filename)) {
        PyErr_Format(PyExc_TypeError, "compile() filename must be a str, not %.200s",
                     Py_TYPE(filename)->tp_name);
        return NULL;
    }
    if (Py_TYPE(vals[0]) == ms->Code_type) return Py_NewRef(vals[0]);
    const char *text;
    Py_ssize_t len;
    if (px_source_text(vals[0], &text, &len, "compile") < 0) return NULL;
    PyObject *fnobj = filename ? Py_NewRef(filename) : PyUnicode_FromString("<string>");
    if (!fnobj) return NULL;
    PyObject *source = PyUnicode_Check(vals[0]) ? Py_NewRef(vals[0]) : NULL;
    PyObject *res = NULL;
    if (!source) {
        /* bytes: compile first (the engine checks the encoding), then keep text */
        res = px_code_new_from(ms, NULL, text, (size_t)len, fnobj, mode);
        if (res) {
            source = PyUnicode_DecodeUTF8(text, len, "surrogateescape");
            if (!source) Py_CLEAR(res);
            else ((px_code_obj *)res)->source = source;
        }
    } else {
        res = px_code_new_from(ms, source, text, (size_t)len, fnobj, mode);
        if (!res) Py_DECREF(source);
    }
    Py_DECREF(fnobj);
    return res;
}

static PyObject *px_limits_dict(const pe_limits *L) {
    PyObject *steps = L->max_steps ? PyLong_FromUnsignedLongLong(L->max_steps) : Py_NewRef(Py_None);
    PyObject *mem = L->max_memory ? PyLong_FromSize_t(L->max_memory) : Py_NewRef(Py_None);
    PyObject *depth = PyLong_FromUnsignedLong(L->max_depth ? L->max_depth : 1000);
    PyObject *to = L->timeout > 0 ? PyFloat_FromDouble(L->timeout) : Py_NewRef(Py_None);
    PyObject *r = NULL;
    if (steps && mem && depth && to)
        r = Py_BuildValue("{sOsOsOsO}", "max_steps", steps, "max_memory", mem, "max_depth", depth,
                          "timeout", to);
    Py_XDECREF(steps);
    Py_XDECREF(mem);
    Py_XDECREF(depth);
    Py_XDECREF(to);
    return r;
}

static PyObject *px_mod_get_default_limits(PyObject *module, PyObject *unused) {
    (void)unused;
    return px_limits_dict(&px_state(module)->defaults);
}

static PyObject *px_mod_set_default_limits(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                           PyObject *kwnames) {
    px_mod *ms = px_state(module);
    if (nargs) {
        PyErr_SetString(PyExc_TypeError, "set_default_limits() takes only keyword arguments");
        return NULL;
    }
    pe_limits L = ms->defaults;
    if (kwnames) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
            int r = px_parse_limit(ms, PyTuple_GET_ITEM(kwnames, i), args[i], &L);
            if (r < 0) return NULL;
            if (r > 0) return px_unexpected_kw("set_default_limits", PyTuple_GET_ITEM(kwnames, i)), NULL;
        }
    }
    ms->defaults = L;
    Py_RETURN_NONE;
}

/* pyexpr.cache_info() builds its CacheInfo from this tuple:
 * (hits, misses, maxsize, currsize, bytes, maxbytes) */
static PyObject *px_mod_cache_info(PyObject *module, PyObject *unused) {
    (void)unused;
    px_mod *ms = px_state(module);
    pe_cache_stats st;
    memset(&st, 0, sizeof st);
    if (ms->cache) pe_cache_stats_get(ms->cache, &st);
    return Py_BuildValue("(KKnnnn)", (unsigned long long)st.hits, (unsigned long long)st.misses,
                         (Py_ssize_t)(st.maxsize > PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX : st.maxsize),
                         (Py_ssize_t)st.currsize, (Py_ssize_t)st.bytes,
                         (Py_ssize_t)(st.maxbytes > PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX : st.maxbytes));
}

static PyObject *px_mod_cache_clear(PyObject *module, PyObject *unused) {
    (void)unused;
    px_mod *ms = px_state(module);
    if (ms->cache) pe_cache_clear(ms->cache);
    Py_RETURN_NONE;
}

/* _cache_resize(maxsize, maxbytes): ints >= 1 (the Python wrapper maps None
 * to the current byte bound). */
static PyObject *px_mod_cache_resize(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    px_mod *ms = px_state(module);
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "_cache_resize() takes exactly 2 arguments");
        return NULL;
    }
    size_t v[2];
    for (int i = 0; i < 2; i++) {
        if (!PyLong_Check(args[i])) {
            PyErr_Format(PyExc_TypeError, "cache_resize() %s must be an int, not %.200s",
                         i ? "maxbytes" : "maxsize", Py_TYPE(args[i])->tp_name);
            return NULL;
        }
        v[i] = PyLong_AsSize_t(args[i]);
        if (v[i] == (size_t)-1 && PyErr_Occurred()) {
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                if (PyObject_RichCompareBool(args[i], Py_False, Py_GT) == 1) {
                    v[i] = SIZE_MAX;
                    continue;
                }
            }
            PyErr_Format(PyExc_ValueError, "cache_resize() %s must be >= 1",
                         i ? "maxbytes" : "maxsize");
            return NULL;
        }
        if (v[i] == 0) {
            PyErr_Format(PyExc_ValueError, "cache_resize() %s must be >= 1",
                         i ? "maxbytes" : "maxsize");
            return NULL;
        }
    }
    if (ms->cache) pe_cache_resize(ms->cache, v[0], v[1]);
    Py_RETURN_NONE;
}

static PyObject *px_profile_dict(const pe_profile *p) {
    const char *cache = p->cache == PE_PROFILE_CACHE_HIT    ? "hit"
                        : p->cache == PE_PROFILE_CACHE_MISS ? "miss"
                                                            : "off";
    return Py_BuildValue("{sKsKsKsKsKsKss}", "lex_ns", (unsigned long long)p->lex_ns, "parse_ns",
                         (unsigned long long)p->parse_ns, "compile_ns",
                         (unsigned long long)p->compile_ns, "execute_ns",
                         (unsigned long long)p->execute_ns, "format_ns",
                         (unsigned long long)p->format_ns, "total_ns",
                         (unsigned long long)p->total_ns, "cache", cache);
}

/* pyexpr.profile(source, names=None, mode="exec"): uncached compile with the
 * staged, timed compiler, then a normal run with names (execute_ns: the run
 * including the conversion of its result). format_ns stays 0 (no output is
 * formatted by the extension). Errors propagate as from eval/exec. */
static PyObject *px_mod_profile(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames) {
    px_mod *ms = px_state(module);
    uint64_t t0 = pe_clock_ns();
    PyObject *vals[3] = {NULL, NULL, NULL};
    static const char *const kw[3] = {"source", "names", "mode"};
    int mode;
    if (px_parse_args("profile", args, nargs, kwnames, kw, 3, vals) < 0 ||
        px_parse_mode("profile", vals[2], &mode) < 0)
        return NULL;
    PyObject *names = vals[1] == Py_None ? NULL : vals[1];
    if (names && px_check_names(&names, "profile") < 0) return NULL;
    const char *text;
    Py_ssize_t len;
    if (px_source_text(vals[0], &text, &len, "profile") < 0) return NULL;
    px_ctx *c = px_acquire(ms);
    if (!c) return NULL;
    static const pe_limits nolimits = {0, 0, 0, 0.0};
    pe_profile prof;
    memset(&prof, 0, sizeof prof);
    prof.cache = PE_PROFILE_CACHE_OFF;
    pe_set_limits(c->S, &nolimits);
    pe_code *code = pe_compile_profile(c->S, text, (size_t)len, "<string>", mode, &prof);
    PyObject *res = NULL;
    if (!code) {
        px_raise_engine_exc(ms, c);
        pe_reset(c->S);
    } else {
        px_prog prog = {code, NULL, px_is_cheap(code)};
        pe_limits L = ms->defaults;
        uint64_t t1 = pe_clock_ns();
        PyObject *r = px_run(ms, c, &prog, names, &L, mode == PE_MODE_EXEC, 0);
        prof.execute_ns = pe_clock_ns() - t1;
        pe_code_release_in(c->S, code);
        if (r) {
            Py_DECREF(r);
            prof.total_ns = pe_clock_ns() - t0;
            uint64_t sum = prof.lex_ns + prof.parse_ns + prof.compile_ns + prof.execute_ns +
                           prof.format_ns;
            if (prof.total_ns < sum) prof.total_ns = sum;
            res = px_profile_dict(&prof);
        }
    }
    px_release(ms, c);
    return res;
}

static PyObject *px_mod_pool_size(PyObject *module, PyObject *unused) {
    (void)unused;
    return PyLong_FromLong(px_state(module)->npool);
}

static PyMethodDef px_module_methods[] = {
    {"eval", (PyCFunction)(void (*)(void))px_mod_eval, METH_FASTCALL | METH_KEYWORDS,
     "eval(source, names=None, /, **limits)\n--\n\n"
     "Evaluate an expression and return its value as a Python object.\n"
     "Keywords: max_steps, max_memory, max_depth, timeout (None: no limit),\n"
     "limits=None (no limits) or a dict, allow_callable_results=False, cache=True."},
    {"exec", (PyCFunction)(void (*)(void))px_mod_exec, METH_FASTCALL | METH_KEYWORDS,
     "exec(source, names=None, /, **limits)\n--\n\n"
     "Run statements; return a dict of the resulting top-level variables.\n"
     "Keywords: as for eval()."},
    {"compile", (PyCFunction)(void (*)(void))px_mod_compile, METH_FASTCALL | METH_KEYWORDS,
     "compile(source, mode='exec', filename='<string>')\n--\n\n"
     "Compile source once; returns a pyexpr.Code."},
    {"get_default_limits", px_mod_get_default_limits, METH_NOARGS,
     "get_default_limits()\n--\n\nThe limits used when a call does not give them."},
    {"set_default_limits", (PyCFunction)(void (*)(void))px_mod_set_default_limits,
     METH_FASTCALL | METH_KEYWORDS,
     "set_default_limits(**limits)\n--\n\n"
     "Change the defaults for max_steps, max_memory, max_depth, timeout (None: no limit)."},
    {"_pool_size", px_mod_pool_size, METH_NOARGS, "Idle interpreter states (for tests)."},
    {"_cache_info", px_mod_cache_info, METH_NOARGS,
     "_cache_info()\n--\n\n(hits, misses, maxsize, currsize, bytes, maxbytes) of the compile cache."},
    {"cache_clear", px_mod_cache_clear, METH_NOARGS,
     "cache_clear()\n--\n\nEmpty the compile cache and zero its hit/miss counters."},
    {"_cache_resize", (PyCFunction)(void (*)(void))px_mod_cache_resize, METH_FASTCALL,
     "_cache_resize(maxsize, maxbytes)\n--\n\nNew compile-cache bounds (evicts LRU entries)."},
    {"profile", (PyCFunction)(void (*)(void))px_mod_profile, METH_FASTCALL | METH_KEYWORDS,
     "profile(source, names=None, mode='exec')\n--\n\n"
     "Compile (uncached) and run source; return a dict of stage timings in ns\n"
     "(lex_ns, parse_ns, compile_ns, execute_ns, format_ns, total_ns, cache)."},
    {NULL, NULL, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* Module definition                                                   */
/* ------------------------------------------------------------------ */

static int px_module_exec(PyObject *m) {
    px_mod *ms = px_state(m);
    ms->LimitError = PyErr_NewExceptionWithDoc(
        "pyexpr.LimitError",
        "A resource limit (max_steps, max_memory or timeout) was exceeded.", PyExc_RuntimeError,
        NULL);
    if (!ms->LimitError || PyModule_AddObjectRef(m, "LimitError", ms->LimitError) < 0) return -1;
    ms->Code_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &px_code_spec, NULL);
    if (!ms->Code_type || PyModule_AddType(m, ms->Code_type) < 0) return -1;
#define PX_INTERN(field, text)                                   \
    if (!(ms->field = PyUnicode_InternFromString(text))) return -1;
    PX_INTERN(s_max_steps, "max_steps")
    PX_INTERN(s_max_memory, "max_memory")
    PX_INTERN(s_max_depth, "max_depth")
    PX_INTERN(s_timeout, "timeout")
    PX_INTERN(s_write, "write")
    PX_INTERN(s_names, "names")
    PX_INTERN(s_mode, "mode")
    PX_INTERN(s_filename, "filename")
    PX_INTERN(s_compile, "compile")
    PX_INTERN(s_eval, "eval")
    PX_INTERN(s_exec, "exec")
    PX_INTERN(s_stdout, "stdout")
    PX_INTERN(s_cache, "cache")
    PX_INTERN(s_limits, "limits")
    PX_INTERN(s_allow_callables, "allow_callable_results")
#undef PX_INTERN
    {
        PyObject *sys = PyImport_ImportModule("sys");
        if (!sys) return -1;
        ms->sys_dict = Py_NewRef(PyModule_GetDict(sys));
        Py_DECREF(sys);
    }
    /* engine exception -> Python class, by name (the engine's classes are
     * CPython's builtins; an unknown one maps to its base's class) */
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (!builtins) return -1;
    for (int id = 0; id < PE_EXC__COUNT; id++) {
        const pe_type *t = &pe_exc_types[id];
        PyObject *cls = NULL;
        if (id == PE_EXC_LimitError) {
            cls = ms->LimitError;
        } else {
            PyObject *o = PyObject_GetAttrString(builtins, t->name);
            if (!o) PyErr_Clear();
            if (o && PyExceptionClass_Check(o) &&
                !(((PyTypeObject *)o)->tp_flags & Py_TPFLAGS_HEAPTYPE))
                cls = o; /* static type: a borrowed pointer stays valid */
            Py_XDECREF(o);
        }
        if (!cls) {
            for (const pe_type *b = t->base; b && !cls; b = b->base)
                if (b->exc_id < id) cls = ms->exc_map[b->exc_id];
            if (!cls) cls = PyExc_Exception;
        }
        ms->exc_map[id] = cls;
    }
    Py_DECREF(builtins);
    memset(&ms->defaults, 0, sizeof ms->defaults);
    ms->defaults.max_memory = PX_DEFAULT_MAX_MEMORY;
    ms->defaults.timeout = PX_DEFAULT_TIMEOUT;
    /* Ctrl-C (see px_sig_enter): Python runs signal handlers in the main
     * thread of the main interpreter only */
    ms->signals = false;
    if (PyInterpreterState_Get() == PyInterpreterState_Main()) {
        PyObject *threading = PyImport_ImportModule("threading");
        PyObject *mt = threading ? PyObject_CallMethod(threading, "main_thread", NULL) : NULL;
        PyObject *ident = mt ? PyObject_GetAttrString(mt, "ident") : NULL;
        if (ident && PyLong_Check(ident)) {
            ms->main_ident = PyLong_AsUnsignedLong(ident);
            ms->signals = !PyErr_Occurred();
        }
        Py_XDECREF(ident);
        Py_XDECREF(mt);
        Py_XDECREF(threading);
        if (!ms->signals && PyErr_Occurred()) return -1;
    }
    ms->npool = 0;
    ms->warm = NULL;
    ms->cache = pe_cache_new(0, 0);
    if (!ms->cache) {
        PyErr_NoMemory();
        return -1;
    }
    if (PyModule_AddStringConstant(m, "__version__", PYEXPR_VERSION) < 0) return -1;
    return 0;
}

static int px_module_traverse(PyObject *m, visitproc visit, void *arg) {
    px_mod *ms = px_state(m);
    if (!ms) return 0;
    Py_VISIT(ms->LimitError);
    Py_VISIT(ms->Code_type);
    Py_VISIT(ms->sys_dict);
    return 0;
}

static int px_module_clear(PyObject *m) {
    px_mod *ms = px_state(m);
    if (!ms) return 0;
    Py_CLEAR(ms->LimitError);
    Py_CLEAR(ms->Code_type);
    Py_CLEAR(ms->sys_dict);
    return 0;
}

static void px_module_free(void *m) {
    px_mod *ms = px_state((PyObject *)m);
    if (!ms) return;
    px_module_clear((PyObject *)m);
    Py_CLEAR(ms->s_max_steps);
    Py_CLEAR(ms->s_max_memory);
    Py_CLEAR(ms->s_max_depth);
    Py_CLEAR(ms->s_timeout);
    Py_CLEAR(ms->s_names);
    Py_CLEAR(ms->s_mode);
    Py_CLEAR(ms->s_filename);
    Py_CLEAR(ms->s_compile);
    Py_CLEAR(ms->s_eval);
    Py_CLEAR(ms->s_exec);
    Py_CLEAR(ms->s_stdout);
    Py_CLEAR(ms->s_cache);
    Py_CLEAR(ms->s_limits);
    Py_CLEAR(ms->s_allow_callables);
    while (ms->npool) px_ctx_free(ms->pool[--ms->npool]);
    Py_CLEAR(ms->s_write);
    pe_code_free(ms->warm);
    ms->warm = NULL;
    if (ms->cache) pe_cache_free(ms->cache);
    ms->cache = NULL;
}

static PyModuleDef_Slot px_module_slots[] = {
    {Py_mod_exec, (void *)px_module_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static struct PyModuleDef px_module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pyexpr._pyexpr",
    .m_doc = "The pyexpr engine as a CPython extension (use the `pyexpr` package).",
    .m_size = sizeof(px_mod),
    .m_methods = px_module_methods,
    .m_slots = px_module_slots,
    .m_traverse = px_module_traverse,
    .m_clear = px_module_clear,
    .m_free = px_module_free,
};

PyMODINIT_FUNC PyInit__pyexpr(void) { return PyModuleDef_Init(&px_module_def); }
