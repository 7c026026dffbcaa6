/*
 * run.c - running a program in a context: input variables bound by slot
 * (pe_run_begin/bind/exec/global/end), the GIL released unless the code is
 * PE_CODE_BOUNDED, results and exec() dicts converted, compiling (through
 * the compile cache or not).
 */
#include "ext_internal.h"

#include <time.h>

/* A monotonic clock that costs a few ns (the precise one costs ~75 ns on
 * some virtual machines) at the price of a few ms of resolution. Used only
 * to charge a compile's time to the run's timeout. */
double px_coarse_now(void) {
    struct timespec ts;
#if defined(CLOCK_MONOTONIC_COARSE)
    if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) == 0)
        return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
#endif
    return (double)pe_clock_ns() * 1e-9;
}

static inline bool px_limits_eq(const pe_limits *a, const pe_limits *b) {
    return a->max_steps == b->max_steps && a->max_memory == b->max_memory &&
           a->max_depth == b->max_depth && a->timeout == b->timeout;
}

/* Converts value v of input variable slot i and binds it. */
static int px_set_slot(px_mod *ms, px_ctx *c, const px_prog *p, uint32_t i, PyObject *v) {
    px_in ci = {c, NULL, false}; /* the host's own values: callables allowed */
    pe_value pv;
    int r = px_in_val(&ci, v, &pv, 0);
    if (PX_LIKELY(r == PX_OK)) {
        int b = pe_run_bind(c->S, i, pv);
        pe_value_release(c->S, pv);
        if (PX_LIKELY(b == 0)) return 0;
        r = PX_EPE;
    }
    const char *name = pe_code_global_name(p->code, i, NULL);
    if (!name) name = "?";
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

/* A new str for the name of global slot i. */
static PyObject *px_slot_name(const px_prog *p, uint32_t i) {
    if (p->pynames) return Py_NewRef(PyTuple_GET_ITEM(p->pynames, i));
    size_t len = 0;
    const char *s = pe_code_global_name(p->code, i, &len);
    return PyUnicode_DecodeUTF8(s ? s : "", s ? (Py_ssize_t)len : 0, "surrogatepass");
}

static inline size_t px_addr_hash(const void *k, uint32_t mask) {
    return (size_t)(((uint64_t)(uintptr_t)k >> 4) * 0x9E3779B97F4A7C15u >> 32) & mask;
}

void px_prog_index(px_prog *p) {
    uint32_t n = p->nglobals, cap = 8;
    if (!p->pynames || n == 0 || n > (1u << 20)) return;
    for (uint32_t i = 0; i < n; i++)
        if (!PyUnicode_CHECK_INTERNED(PyTuple_GET_ITEM(p->pynames, i))) return;
    while (cap < 2 * n) cap *= 2;
    uint32_t *m = calloc(cap, sizeof *m);
    if (!m) return; /* the lookups still work */
    for (uint32_t i = 0; i < n; i++) {
        size_t h = px_addr_hash(PyTuple_GET_ITEM(p->pynames, i), cap - 1);
        while (m[h]) h = (h + 1) & (cap - 1);
        m[h] = i + 1;
    }
    p->slotmap = m;
    p->slotmask = cap - 1;
}

/* The global slot named by dict key k: >= 0; -1 when the program does not
 * use that name; -2 when k is not an exact str (compared with __eq__ by a
 * dict lookup only). */
static int64_t px_key_slot(const px_prog *p, PyObject *k) {
    size_t h = px_addr_hash(k, p->slotmask);
    for (uint32_t e; (e = p->slotmap[h]) != 0; h = (h + 1) & p->slotmask)
        if (PyTuple_GET_ITEM(p->pynames, e - 1) == k) return e - 1;
    if (!PyUnicode_CheckExact(k)) return -2;
    /* interned like every name: equal would be identical */
    if (PyUnicode_CHECK_INTERNED(k)) return -1;
    Py_ssize_t kl;
    const char *kp = PyUnicode_AsUTF8AndSize(k, &kl);
    if (!kp) {
        PyErr_Clear(); /* lone surrogates: no program name */
        return -1;
    }
    return pe_code_global_slot(p->code, kp, (size_t)kl);
}

/* A dict of about as many names as the program has globals, by iterating
 * it (a table probe per key instead of a dict lookup per global). 1: a
 * key that is not an exact str was met (the caller then looks each name
 * up, binding again what was bound here), 0 done, -1 error. */
static int px_assign_dict_keys(px_mod *ms, px_ctx *c, const px_prog *p, PyObject *names) {
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(names, &pos, &k, &v)) {
        int64_t slot = px_key_slot(p, k);
        if (slot == -2) return 1;
        if (slot < 0) continue;
        Py_INCREF(v); /* a conversion may run code that changes the dict */
        int r = px_set_slot(ms, c, p, (uint32_t)slot, v);
        Py_DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
}

/* Assigns the input variables the program refers to. */
int px_assign_names(px_mod *ms, px_ctx *c, const px_prog *p, PyObject *names) {
    pe_code *code = p->code;
    uint32_t n = p->nglobals;
    if (PX_LIKELY(PyDict_Check(names))) {
        if (p->slotmap && (size_t)PyDict_GET_SIZE(names) <= 2 * (size_t)n + 4) {
            int r = px_assign_dict_keys(ms, c, p, names);
            if (r <= 0) return r;
        }
        if (p->pynames) {
            for (uint32_t i = 0; i < n; i++) {
                PyObject *v = PyDict_GetItemWithError(names, PyTuple_GET_ITEM(p->pynames, i));
                if (!v) {
                    if (PyErr_Occurred()) return -1;
                    continue;
                }
                if (px_set_slot(ms, c, p, i, v) < 0) return -1;
            }
        } else if ((size_t)PyDict_GET_SIZE(names) <= n) {
            /* few names: find each key's slot */
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
                int64_t slot = pe_code_global_slot(code, kp, (size_t)kl);
                if (slot >= 0 && px_set_slot(ms, c, p, (uint32_t)slot, v) < 0) return -1;
            }
        } else {
            for (uint32_t i = 0; i < n; i++) {
                PyObject *key = px_slot_name(p, i);
                if (!key) return -1;
                PyObject *v = PyDict_GetItemWithError(names, key);
                Py_DECREF(key);
                if (!v) {
                    if (PyErr_Occurred()) return -1;
                    continue;
                }
                if (px_set_slot(ms, c, p, i, v) < 0) return -1;
            }
        }
        return 0;
    }
    /* any other mapping */
    for (uint32_t i = 0; i < n; i++) {
        PyObject *key = px_slot_name(p, i);
        if (!key) return -1;
        PyObject *v = PyObject_GetItem(names, key);
        Py_DECREF(key);
        if (!v) {
            if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
            PyErr_Clear();
            continue;
        }
        int r = px_set_slot(ms, c, p, i, v);
        Py_DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
}

/* Code.eval_many: binds the row's inputs. */
static int px_assign_row(px_mod *ms, px_ctx *c, const px_prog *p, const px_row *row) {
    if (row->dict) return px_assign_names(ms, c, p, row->dict);
    if (row->slot != -1)
        return row->slot >= 0 ? px_set_slot(ms, c, p, (uint32_t)row->slot, row->obj) : 0;
    for (uint32_t i = 0; i < p->nglobals; i++) {
        int32_t k = row->attr_of[i];
        if (k < 0) continue;
        PyObject *v = px_read_attr(&row->pol->attrs[k], row->obj);
        if (!v) return -1;
        int r;
        pe_value sv;
        if (px_in_scalar(v, &sv)) { /* the common case: nothing to release */
            r = pe_run_bind(c->S, i, sv);
            if (r < 0) px_raise_engine_exc(ms, c);
        } else {
            r = px_set_slot(ms, c, p, i, v);
        }
        Py_DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
}

/* exec(), before the inputs are bound: the identities of the builtins in
 * the program's global slots (0: not a builtin). */
static int px_note_builtins(px_ctx *c, const px_prog *p) {
    uint32_t n = p->nglobals;
    if (n > c->bidcap) {
        uintptr_t *nb = realloc(c->bids, (size_t)n * sizeof *nb);
        if (!nb) {
            PyErr_NoMemory();
            return -1;
        }
        c->bids = nb;
        c->bidcap = n;
    }
    pe_run_global_ids(c->S, c->bids, n);
    return 0;
}

/* exec(): the caller's names (copied) updated with the program's global
 * variables; unconvertible values (functions, modules) are left out. */
static PyObject *px_exec_result(px_ctx *c, const px_prog *p, PyObject *names) {
    pe_state *S = c->S;
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
    for (uint32_t i = 0; i < p->nglobals; i++) {
        pe_value v;
        int bound = pe_run_global(S, i, &v) == 1;
        uintptr_t b = c->bids[i];
        if (b && (!bound || pe_value_id(v) == b)) { /* a builtin, untouched */
            if (bound) pe_value_release(S, v);
            continue;
        }
        PyObject *key = px_slot_name(p, i);
        if (!key) {
            if (bound) pe_value_release(S, v);
            goto fail;
        }
        PyObject *o = NULL;
        if (bound) {
            px_out co = {c->ms, c, NULL, false};
            o = px_out_val(&co, v, 0);
            pe_value_release(S, v);
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

/* Is the engine's pending exception a KeyboardInterrupt the engine raised
 * itself (not the stand-in of a Python exception)? */
static bool px_engine_kbi(px_ctx *c) {
    pe_value e = pe_exception(c->S);
    return pe_exception_matches(e, c->ms->id.KeyboardInterrupt) == 1 &&
           pe_value_id(e) != c->host_id;
}

/* Runs the code with the GIL released (and Ctrl-C armed in the main
 * thread). *sig_checked: Python's handlers were armed for this run. */
static int px_exec_nogil(px_mod *ms, px_ctx *c, pe_value *value, bool *sig_checked) {
    px_sigsave sv;
    px_sig_enter(ms, c, &sv);
    /* a signal that arrived before the run was published */
    if (sv.active && PyErr_CheckSignals() < 0) {
        px_sig_leave(c, &sv);
        return -2;
    }
    c->tstate = PyEval_SaveThread();
    int r = pe_run_exec(c->S, value);
    PyThreadState *ts = c->tstate;
    c->tstate = NULL;
    PyEval_RestoreThread(ts);
    px_sig_leave(c, &sv);
    *sig_checked = sv.active;
    return r;
}

/* Runs p in context c (GIL held on entry and exit). want_exec: return the
 * variables dict instead of the value. compile_start: when the time limit's
 * clock started with a compile (px_coarse_now), else 0: the compile's time
 * is charged to the run's timeout. */
PyObject *px_run(px_mod *ms, px_ctx *c, const px_prog *p, PyObject *names, const pe_limits *lim,
                 bool want_exec, double compile_start) {
    pe_state *S = c->S;
    PyObject *result = NULL;
    pe_value value = pe_value_none();
    bool sig_checked = false;
    if (PX_UNLIKELY(compile_start > 0 && lim->timeout > 0))
        pe_run_charge_time(S, px_coarse_now() - compile_start);
    if (!c->lim_set || !px_limits_eq(&c->lim, lim)) {
        pe_set_limits(S, lim);
        c->lim = *lim;
        c->lim_set = true;
    }
    if (pe_run_begin(S, p->code) < 0) {
        px_raise_engine_exc(ms, c);
        goto done;
    }
    if (want_exec && px_note_builtins(c, p) < 0) goto done;
    if (names && px_assign_names(ms, c, p, names) < 0) goto done;
    if (PX_UNLIKELY(c->row != NULL) && px_assign_row(ms, c, p, c->row) < 0) goto done;

    int r;
    if (p->cheap) {
        r = pe_run_exec(S, &value);
    } else {
        r = px_exec_nogil(ms, c, &value, &sig_checked);
        if (r == -2) goto done;
    }
    if (c->olen) px_flush(c);
    if (PX_UNLIKELY(c->nshared) && px_shared_writeback(c) < 0 && r == 0) {
        pe_value_release(S, value); /* the run worked, the write-back failed */
        goto done;
    }
    if (PX_LIKELY(r == 0)) {
        if (PX_UNLIKELY(c->out_error != NULL)) {
            px_restore_exc(c->out_error);
            c->out_error = NULL;
        } else if (want_exec) {
            result = px_exec_result(c, p, names);
        } else {
            px_out co = {ms, c, NULL, false};
            result = px_out_val(&co, value, 0);
            if (!result) px_out_error(&co, "the result");
        }
        pe_value_release(S, value);
    } else {
        Py_CLEAR(c->out_error);
        /* interrupted outside the VM's check (a native operation): Python's
         * handler has not run yet; what it raises wins */
        if (!(sig_checked && px_engine_kbi(c) && PyErr_CheckSignals() < 0))
            px_raise_engine_exc(ms, c);
    }
done:
    if (PX_UNLIKELY(c->nshared)) { /* inputs bound, then a failure before the run */
        PyObject *pending = PyErr_Occurred() ? px_fetch_exc() : NULL;
        if (px_shared_writeback(c) < 0) PyErr_Clear();
        if (pending) px_restore_exc(pending);
    }
    pe_run_end(S);
    if (PX_UNLIKELY(c->host_id != 0)) {
        pe_value_release(S, c->host_pe);
        c->host_pe = pe_value_none();
        c->host_id = 0;
        Py_CLEAR(c->host_exc);
    }
    /* objects left by the run (cycles) and a pending exception */
    pe_reset(S);
    if (c->nkeep) px_keep_clear(c);
    if (PX_UNLIKELY(c->bound != NULL)) Py_CLEAR(c->bound);
    c->allow_callables = false;
    return result;
}

/* Puts the memory and time limits of lim on c's state for a compile (steps
 * and depth count at run time only); *compile_start receives the clock for
 * the run's timeout (0 when there is none). */
static void px_compile_limits(px_ctx *c, const pe_limits *lim, double *compile_start) {
    pe_limits L = {0, lim->max_memory, lim->max_depth, lim->timeout};
    pe_set_limits(c->S, &L);
    c->lim_set = false;
    *compile_start = lim->timeout > 0 ? px_coarse_now() : 0;
}

/* After a compile: raise its error as a Python exception. */
static pe_code *px_compile_done(px_mod *ms, px_ctx *c, pe_code *code) {
    if (!code) {
        px_raise_engine_exc(ms, c);
        pe_reset(c->S);
    }
    return code;
}

/* Compiles in c's state under lim's memory and time limits; on failure
 * raises the Python SyntaxError (or LimitError). */
pe_code *px_compile(px_mod *ms, px_ctx *c, const char *src, size_t len, const char *filename,
                    int mode, const pe_limits *lim, double *compile_start) {
    pe_state *S = c->S;
    px_compile_limits(c, lim, compile_start);
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
pe_code *px_cache_compile(px_mod *ms, px_ctx *c, const char *src, size_t len,
                          const char *filename, int mode, const pe_limits *lim,
                          double *compile_start) {
    pe_state *S = c->S;
    px_compile_limits(c, lim, compile_start);
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
int px_source_text(PyObject *src, const char **p, Py_ssize_t *n, const char *fname) {
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
