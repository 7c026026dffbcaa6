/*
 * snapshot.c - runs that pause at external calls (docs/host.md "External
 * calls and snapshots"): Code.start() runs a program whose `externals`
 * are external functions (pe_external_declare); each call of one suspends
 * the run and gives the host a pyexpr.Snapshot (.function, .args, .kwargs,
 * .resume(value), .resume_error(exc)); the run's end gives a
 * pyexpr.Complete (.value, .output).
 *
 * A paused run owns its interpreter context (a state of its own, not one of
 * the pool: its frames live in it until the run ends) and the output the
 * script printed (collected, not written to sys.stdout). The context moves
 * from snapshot to snapshot: each snapshot can be resumed once.
 */
#include "ext_internal.h"

#include <structmember.h>

/* A paused run: its context, its code and the output printed since the
 * last pause. */
typedef struct px_paused {
    px_ctx *c;
    PyObject *code;   /* the pyexpr.Code (keeps the pe_code alive), or NULL */
    pe_code *loaded;  /* Snapshot.load: the recompiled program (owned), or NULL */
    char *out;
    size_t olen, ocap;
} px_paused;

typedef struct px_snap_obj {
    PyObject_HEAD
    px_paused *run;   /* NULL once resumed (or after a failed start) */
    PyObject *function, *args, *kwargs, *output;
    int kind;         /* PE_PENDING_CALL / PE_PENDING_NAME */
} px_snap_obj;

typedef struct px_done_obj {
    PyObject_HEAD
    PyObject *value, *output;
} px_done_obj;

static size_t px_paused_write(void *ud, const char *p, size_t n) {
    px_paused *r = ud;
    return px_buf_append(&r->out, &r->olen, &r->ocap, p, n);
}

static size_t px_paused_err(void *ud, const char *p, size_t n) {
    (void)ud, (void)p;
    return n;
}

/* The output since the last call, as a str (the buffer is emptied). */
static PyObject *px_paused_output(px_paused *r) {
    PyObject *s = PyUnicode_DecodeUTF8(r->out ? r->out : "", (Py_ssize_t)r->olen, "surrogatepass");
    r->olen = 0;
    return s;
}

static void px_paused_free(px_paused *r) {
    if (!r) return;
    px_ctx *c = r->c;
    if (c) {
        pe_run_end(c->S); /* abandons a suspended run */
        if (c->host_id) pe_value_release(c->S, c->host_pe);
        c->host_pe = pe_value_none();
        c->host_id = 0;
        Py_CLEAR(c->host_exc);
        pe_reset(c->S);
        if (c->nkeep) px_keep_clear(c);
        px_ctx_free(c);
    }
    Py_XDECREF(r->code);
    if (r->loaded) pe_code_release(r->loaded);
    free(r->out);
    free(r);
}

/* After pe_run_exec / pe_resume returned rc: a Snapshot (suspended), a
 * Complete, or NULL with the script's exception raised. Takes r. */
static PyObject *px_paused_result(px_mod *ms, px_paused *r, int rc, pe_value value) {
    px_ctx *c = r->c;
    pe_state *S = c->S;
    PyObject *res = NULL;
    if (rc == PE_SUSPENDED) {
        pe_pending p;
        if (pe_pending_call(S, &p)) {
            px_raise_engine_exc(ms, c);
            goto fail;
        }
        px_snap_obj *o = PyObject_New(px_snap_obj, ms->Snapshot_type);
        if (!o) goto fail;
        o->run = NULL;
        o->kind = p.kind;
        o->function = PyUnicode_DecodeUTF8(p.name, (Py_ssize_t)p.name_len, "surrogatepass");
        px_out co = {ms, c, NULL, false};
        o->args = o->function ? px_out_val(&co, p.args, 0) : NULL;
        o->kwargs = o->args ? px_out_val(&co, p.kwargs, 0) : NULL;
        o->output = o->kwargs ? px_paused_output(r) : NULL;
        if (!o->output) {
            if (!PyErr_Occurred()) px_out_error(&co, "the arguments of the external call");
            Py_DECREF(o);
            goto fail;
        }
        o->run = r;
        return (PyObject *)o;
    }
    if (rc == 0) {
        px_done_obj *d = PyObject_New(px_done_obj, ms->Complete_type);
        if (!d) goto fail_value;
        px_out co = {ms, c, NULL, false};
        d->value = px_out_val(&co, value, 0);
        d->output = NULL;
        if (!d->value) {
            if (!PyErr_Occurred()) px_out_error(&co, "the result");
            Py_DECREF(d);
            goto fail_value;
        }
        d->output = px_paused_output(r);
        if (!d->output) Py_CLEAR(d);
        res = (PyObject *)d;
    fail_value:
        pe_value_release(S, value);
        px_paused_free(r);
        return res;
    }
    px_raise_engine_exc(ms, c);
fail:
    px_paused_free(r);
    return NULL;
}

/* Runs step(S) -> rc with the GIL released (host functions take it back). */
static int px_paused_step(px_paused *r, int (*step)(pe_state *, void *, pe_value *), void *arg,
                          pe_value *value) {
    px_ctx *c = r->c;
    c->tstate = PyEval_SaveThread();
    int rc = step(c->S, arg, value);
    PyThreadState *ts = c->tstate;
    c->tstate = NULL;
    PyEval_RestoreThread(ts);
    return rc;
}

static int step_start(pe_state *S, void *arg, pe_value *value) {
    (void)arg;
    return pe_run_exec(S, value);
}

static int step_resume(pe_state *S, void *arg, pe_value *value) {
    return pe_resume(S, *(pe_value *)arg, value);
}

static int step_raise(pe_state *S, void *arg, pe_value *value) {
    (void)arg;
    return pe_resume_raise(S, value);
}

/* ------------------------------------------------------------------ */
/* Code.start                                                          */
/* ------------------------------------------------------------------ */

typedef struct {
    px_mod *ms;
    PyObject *names, *externals;
    bool resolve;
    unsigned long long max_calls;
    Py_ssize_t nargs;
} start_kw;

static int start_other_kw(void *ctx, PyObject *key, PyObject *v) {
    start_kw *k = ctx;
    const char *kn = PyUnicode_AsUTF8(key);
    if (!kn) return -1;
    if (!strcmp(kn, "names") || !strcmp(kn, "inputs")) {
        if (k->nargs) {
            PyErr_SetString(PyExc_TypeError, "start() got multiple values for argument 'names'");
            return -1;
        }
        k->names = v;
    } else if (!strcmp(kn, "externals")) {
        k->externals = v;
    } else if (!strcmp(kn, "resolve_names")) {
        int t = PyObject_IsTrue(v);
        if (t < 0) return -1;
        k->resolve = t != 0;
    } else if (!strcmp(kn, "max_external_calls")) {
        k->max_calls = v == Py_None ? 0 : PyLong_AsUnsignedLongLong(v);
        if (PyErr_Occurred()) return -1;
    } else {
        return px_unexpected_kw("start", key);
    }
    return 0;
}

/* Declares every name of the iterable `externals`. */
static int px_declare_externals(px_mod *ms, px_ctx *c, PyObject *externals) {
    if (!externals || externals == Py_None) return 0;
    if (PyUnicode_Check(externals)) {
        PyErr_SetString(PyExc_TypeError, "start(): externals must be an iterable of names, not str");
        return -1;
    }
    PyObject *it = PyObject_GetIter(externals);
    if (!it) return -1;
    PyObject *n;
    while ((n = PyIter_Next(it))) {
        Py_ssize_t len;
        const char *s = PyUnicode_Check(n) ? PyUnicode_AsUTF8AndSize(n, &len) : NULL;
        if (!s) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "start(): an external's name must be a str, not %.200s",
                             Py_TYPE(n)->tp_name);
            Py_DECREF(n);
            break;
        }
        int r = pe_external_declare(c->S, s, (size_t)len);
        Py_DECREF(n);
        if (r < 0) {
            px_raise_engine_exc(ms, c);
            break;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

PyObject *px_code_start(PyObject *self, PyTypeObject *cls, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames) {
    px_mod *ms = (px_mod *)PyType_GetModuleState(cls);
    px_code_obj *co = (px_code_obj *)self;
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "start() takes at most 1 positional argument (%zd given)",
                     nargs);
        return NULL;
    }
    start_kw k = {ms, nargs ? args[0] : NULL, NULL, false, 0, nargs};
    pe_limits L = ms->defaults;
    bool allow = false;
    if (px_parse_run_kwargs(ms, kwnames, args + nargs, &L, &allow, start_other_kw, &k) < 0)
        return NULL;
    PyObject *names = k.names;
    if (names && px_check_names(&names, "start") < 0) return NULL;
    px_paused *r = calloc(1, sizeof *r);
    if (!r) return PyErr_NoMemory();
    r->code = Py_NewRef(self);
    r->c = px_ctx_new(ms);
    if (!r->c) {
        px_paused_free(r);
        return NULL;
    }
    px_ctx *c = r->c;
    pe_state *S = c->S;
    c->allow_callables = allow;
    pe_set_output(S, px_paused_write, r, px_paused_err, NULL);
    pe_set_limits(S, &L);
    pe_set_suspend_names(S, k.resolve);
    pe_set_max_external_calls(S, k.max_calls);
    if (pe_run_begin(S, co->prog.code) < 0) {
        px_raise_engine_exc(ms, c);
        px_paused_free(r);
        return NULL;
    }
    if ((names && px_assign_names(ms, c, &co->prog, names) < 0) ||
        px_declare_externals(ms, c, k.externals) < 0) {
        px_paused_free(r);
        return NULL;
    }
    pe_value value = pe_value_none();
    int rc = px_paused_step(r, step_start, NULL, &value);
    return px_paused_result(ms, r, rc, value);
}

/* ------------------------------------------------------------------ */
/* Snapshot                                                            */
/* ------------------------------------------------------------------ */

static px_paused *px_snap_take(px_snap_obj *o) {
    px_paused *r = o->run;
    if (!r) {
        PyErr_SetString(PyExc_RuntimeError, "this snapshot was already resumed");
        return NULL;
    }
    o->run = NULL;
    return r;
}

static int px_one_arg(Py_ssize_t nargs, PyObject *kwnames, const char *fn) {
    if (nargs == 1 && !(kwnames && PyTuple_GET_SIZE(kwnames))) return 0;
    PyErr_Format(PyExc_TypeError, "%s() takes exactly one positional argument", fn);
    return -1;
}

static PyObject *px_snap_resume(PyObject *self, PyTypeObject *cls, PyObject *const *args,
                                Py_ssize_t nargs, PyObject *kwnames) {
    px_mod *ms = (px_mod *)PyType_GetModuleState(cls);
    if (px_one_arg(nargs, kwnames, "resume")) return NULL;
    px_snap_obj *o = (px_snap_obj *)self;
    if (!o->run) {
        px_snap_take(o); /* raises: already resumed */
        return NULL;
    }
    px_ctx *c = o->run->c;
    px_in ci = {c, NULL, !c->allow_callables};
    pe_value v;
    int cr = px_in_val(&ci, args[0], &v, 0);
    if (cr != PX_OK) {
        if (cr == PX_EBAD || cr == PX_ECALL)
            PyErr_Format(PyExc_TypeError, "cannot convert value (type '%.200s') to pyexpr",
                         Py_TYPE(ci.bad)->tp_name);
        else if (cr == PX_EDEEP)
            PyErr_SetString(PyExc_ValueError,
                            "cannot convert value to pyexpr: nested too deeply or recursive");
        else if (cr == PX_EPE) {
            px_raise_engine_exc(ms, c);
            pe_exception_clear(c->S);
        }
        return NULL; /* the snapshot stays resumable */
    }
    px_paused *r = px_snap_take(o);
    pe_value value = pe_value_none();
    int rc = px_paused_step(r, step_resume, &v, &value);
    pe_value_release(r->c->S, v);
    return px_paused_result(ms, r, rc, value);
}

static PyObject *px_snap_resume_error(PyObject *self, PyTypeObject *cls, PyObject *const *args,
                                      Py_ssize_t nargs, PyObject *kwnames) {
    px_mod *ms = (px_mod *)PyType_GetModuleState(cls);
    if (px_one_arg(nargs, kwnames, "resume_error")) return NULL;
    PyObject *exc = args[0];
    if (PyExceptionClass_Check(exc)) {
        exc = PyObject_CallNoArgs(exc);
        if (!exc) return NULL;
    } else if (PyExceptionInstance_Check(exc)) {
        Py_INCREF(exc);
    } else {
        PyErr_Format(PyExc_TypeError, "resume_error() argument must be an exception, not %.200s",
                     Py_TYPE(exc)->tp_name);
        return NULL;
    }
    px_snap_obj *o = (px_snap_obj *)self;
    px_paused *r = px_snap_take(o);
    if (!r) {
        Py_DECREF(exc);
        return NULL;
    }
    /* the engine's stand-in; an uncaught one reaches the host as exc itself */
    px_restore_exc(exc);
    px_host_failed(ms, r->c);
    pe_value value = pe_value_none();
    int rc = px_paused_step(r, step_raise, NULL, &value);
    return px_paused_result(ms, r, rc, value);
}

/* Frees an object of these types: its T_OBJECT members, then itself. */
static void px_members_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    for (PyMemberDef *m = tp->tp_members; m && m->name; m++)
        if (m->type == T_OBJECT) Py_CLEAR(*(PyObject **)((char *)self + m->offset));
    tp->tp_free(self);
    Py_DECREF(tp);
}

static void px_snap_dealloc(PyObject *self) {
    px_snap_obj *o = (px_snap_obj *)self;
    px_paused_free(o->run);
    o->run = NULL;
    px_members_dealloc(self);
}

static PyObject *px_snap_repr(PyObject *self) {
    px_snap_obj *o = (px_snap_obj *)self;
    if (o->kind == PE_PENDING_NAME)
        return PyUnicode_FromFormat("<pyexpr.Snapshot name %R%s>", o->function,
                                    o->run ? "" : " (resumed)");
    return PyUnicode_FromFormat("<pyexpr.Snapshot %U(*%R, **%R)%s>", o->function, o->args,
                                o->kwargs, o->run ? "" : " (resumed)");
}

/* The key= argument: bytes-like, or None for the module's own random key
 * (made at import: good within one process only). */
static int px_snap_key(px_mod *ms, PyObject *key, Py_buffer *view, const void **k, size_t *n) {
    view->obj = NULL;
    if (!key || key == Py_None) {
        *k = ms->snap_key;
        *n = sizeof ms->snap_key;
        return 0;
    }
    if (PyObject_GetBuffer(key, view, PyBUF_SIMPLE) < 0) return -1;
    if (view->len == 0) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "snapshot key must not be empty");
        return -1;
    }
    *k = view->buf;
    *n = (size_t)view->len;
    return 0;
}

/* The optional key= keyword of dump()/load() (args[nargs..] by kwnames). */
static int px_key_kw(PyObject *kwnames, PyObject *const *kwv, const char *fn, PyObject **key) {
    Py_ssize_t nk = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t i = 0; i < nk; i++) {
        if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, i), "key"))
            return px_unexpected_kw(fn, PyTuple_GET_ITEM(kwnames, i));
        *key = kwv[i];
    }
    return 0;
}

static PyObject *px_snap_dump(PyObject *self, PyTypeObject *cls, PyObject *const *args,
                              Py_ssize_t nargs, PyObject *kwnames) {
    px_mod *ms = (px_mod *)PyType_GetModuleState(cls);
    PyObject *key = nargs ? args[0] : NULL;
    if (nargs > 1 || px_key_kw(kwnames, args + nargs, "dump", &key) < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "dump() takes at most 1 argument");
        return NULL;
    }
    px_snap_obj *o = (px_snap_obj *)self;
    if (!o->run) {
        px_snap_take(o); /* raises: already resumed */
        return NULL;
    }
    Py_buffer view;
    const void *k;
    size_t kn;
    if (px_snap_key(ms, key, &view, &k, &kn) < 0) return NULL;
    px_ctx *c = o->run->c;
    char *buf = NULL;
    size_t len = 0;
    int rc = pe_snapshot_dump(c->S, k, kn, &buf, &len);
    if (view.obj) PyBuffer_Release(&view);
    if (rc) {
        px_raise_engine_exc(ms, c);
        pe_exception_clear(c->S);
        return NULL;
    }
    PyObject *b = PyBytes_FromStringAndSize(buf, (Py_ssize_t)len);
    free(buf);
    return b;
}

static PyObject *px_snap_load(PyObject *type, PyTypeObject *cls, PyObject *const *args,
                              Py_ssize_t nargs, PyObject *kwnames) {
    (void)type;
    px_mod *ms = (px_mod *)PyType_GetModuleState(cls);
    PyObject *key = nargs > 1 ? args[1] : NULL;
    if (nargs < 1 || nargs > 2 || px_key_kw(kwnames, args + nargs, "load", &key) < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "load() takes 1 or 2 arguments");
        return NULL;
    }
    Py_buffer data, view;
    if (PyObject_GetBuffer(args[0], &data, PyBUF_SIMPLE) < 0) return NULL;
    const void *k;
    size_t kn;
    if (px_snap_key(ms, key, &view, &k, &kn) < 0) {
        PyBuffer_Release(&data);
        return NULL;
    }
    px_paused *r = calloc(1, sizeof *r);
    PyObject *res = NULL;
    if (!r) {
        PyErr_NoMemory();
        goto out;
    }
    r->c = px_ctx_new(ms);
    if (!r->c) {
        px_paused_free(r);
        goto out;
    }
    pe_set_output(r->c->S, px_paused_write, r, px_paused_err, NULL);
    if (pe_snapshot_load(r->c->S, data.buf, (size_t)data.len, k, kn, &r->loaded)) {
        px_raise_engine_exc(ms, r->c);
        px_paused_free(r);
        goto out;
    }
    res = px_paused_result(ms, r, PE_SUSPENDED, pe_value_none());
out:
    if (view.obj) PyBuffer_Release(&view);
    PyBuffer_Release(&data);
    return res;
}

static PyObject *px_snap_get_kind(PyObject *self, void *closure) {
    (void)closure;
    return PyUnicode_FromString(((px_snap_obj *)self)->kind == PE_PENDING_NAME ? "name" : "call");
}

static PyObject *px_snap_get_resumed(PyObject *self, void *closure) {
    (void)closure;
    return PyBool_FromLong(((px_snap_obj *)self)->run == NULL);
}

#define PX_METH(name, fn, doc) \
    {name, (PyCFunction)(void (*)(void))fn, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, doc}

static PyMethodDef px_snap_methods[] = {
    PX_METH("resume", px_snap_resume,
            "resume(value)\n--\n\nContinue the run: the external call returns value. Returns the "
            "next Snapshot or a Complete."),
    PX_METH("resume_error", px_snap_resume_error,
            "resume_error(exc)\n--\n\nContinue the run: the external call raises exc (an "
            "exception instance or class)."),
    PX_METH("dump", px_snap_dump,
            "dump(key=None)\n--\n\nThe paused run as bytes (authenticated with key: bytes; None: "
            "this process's own random key)."),
    {"load", (PyCFunction)(void (*)(void))px_snap_load,
     METH_METHOD | METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "load(data, key=None)\n--\n\nA Snapshot from dump()'s bytes (the same key)."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef px_snap_members[] = {
    {"function", T_OBJECT, offsetof(px_snap_obj, function), READONLY,
     "The external function's name (or the undefined global's, for kind 'name')."},
    {"args", T_OBJECT, offsetof(px_snap_obj, args), READONLY, "The positional arguments."},
    {"kwargs", T_OBJECT, offsetof(px_snap_obj, kwargs), READONLY, "The keyword arguments."},
    {"output", T_OBJECT, offsetof(px_snap_obj, output), READONLY,
     "What the script printed since the run started or was last resumed."},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef px_snap_getset[] = {
    {"kind", px_snap_get_kind, NULL, "'call' (an external function) or 'name' (resolve_names).",
     NULL},
    {"resumed", px_snap_get_resumed, NULL, "True once resume()/resume_error() was called.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot px_snap_slots[] = {
    {Py_tp_doc, (void *)"A run paused at an external call (see Code.start)."},
    {Py_tp_dealloc, (void *)px_snap_dealloc},
    {Py_tp_repr, (void *)px_snap_repr},
    {Py_tp_methods, px_snap_methods},
    {Py_tp_members, px_snap_members},
    {Py_tp_getset, px_snap_getset},
    {0, NULL},
};

#ifndef Py_TPFLAGS_DISALLOW_INSTANTIATION
#define Py_TPFLAGS_DISALLOW_INSTANTIATION 0
#endif
#ifndef Py_TPFLAGS_IMMUTABLETYPE
#define Py_TPFLAGS_IMMUTABLETYPE 0
#endif

PyType_Spec px_snapshot_spec = {
    .name = "pyexpr.Snapshot",
    .basicsize = sizeof(px_snap_obj),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = px_snap_slots,
};

/* ------------------------------------------------------------------ */
/* Complete                                                            */
/* ------------------------------------------------------------------ */

static PyObject *px_done_repr(PyObject *self) {
    px_done_obj *d = (px_done_obj *)self;
    return PyUnicode_FromFormat("<pyexpr.Complete value=%R output=%R>", d->value, d->output);
}

static PyMemberDef px_done_members[] = {
    {"value", T_OBJECT, offsetof(px_done_obj, value), READONLY,
     "The program's value (None for an 'exec' program)."},
    {"output", T_OBJECT, offsetof(px_done_obj, output), READONLY,
     "What the script printed since it was last resumed."},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot px_done_slots[] = {
    {Py_tp_doc, (void *)"A run started by Code.start that completed."},
    {Py_tp_dealloc, (void *)px_members_dealloc},
    {Py_tp_repr, (void *)px_done_repr},
    {Py_tp_members, px_done_members},
    {0, NULL},
};

PyType_Spec px_complete_spec = {
    .name = "pyexpr.Complete",
    .basicsize = sizeof(px_done_obj),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = px_done_slots,
};

/* The module's default snapshot key: os.urandom(32). */
int px_snapshot_key_init(px_mod *ms) {
    PyObject *os = PyImport_ImportModule("os");
    if (!os) return -1;
    PyObject *b = PyObject_CallMethod(os, "urandom", "i", (int)sizeof ms->snap_key);
    Py_DECREF(os);
    if (!b) return -1;
    int ok = PyBytes_Check(b) && PyBytes_GET_SIZE(b) == (Py_ssize_t)sizeof ms->snap_key;
    if (ok) memcpy(ms->snap_key, PyBytes_AS_STRING(b), sizeof ms->snap_key);
    Py_DECREF(b);
    if (!ok) PyErr_SetString(PyExc_RuntimeError, "os.urandom gave no key");
    return ok ? 0 : -1;
}
