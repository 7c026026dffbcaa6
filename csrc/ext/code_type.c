/*
 * code_type.c - pyexpr.Code: a compiled program (a shared, immutable
 * pe_code) with its source, mode and filename.
 */
#include "ext_internal.h"


static const char *px_mode_name(int mode) { return mode == PE_MODE_EVAL ? "eval" : "exec"; }

static void px_code_dealloc(px_code_obj *self) {
    PyTypeObject *tp = Py_TYPE(self);
    if (self->prog.code) pe_code_release(self->prog.code);
    Py_XDECREF(self->prog.pynames);
    Py_XDECREF(self->source);
    Py_XDECREF(self->filename);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

PyObject *px_code_new_from(px_mod *ms, PyObject *source, const char *src, size_t len,
                                  PyObject *filename, int mode) {
    const char *fn = PyUnicode_AsUTF8(filename);
    if (!fn) return NULL;
    px_ctx *c = px_acquire(ms);
    if (!c) return NULL;
    double compile_start;
    pe_code *code = px_compile(ms, c, src, len, fn, mode, &ms->defaults, &compile_start);
    px_release(ms, c);
    if (!code) return NULL;
    px_code_obj *self = PyObject_New(px_code_obj, ms->Code_type);
    if (!self) {
        pe_code_release(code);
        return NULL;
    }
    px_prog_init(&self->prog, code);
    self->prog.pynames = PyTuple_New((Py_ssize_t)self->prog.nglobals);
    self->source = source; /* owned */
    self->filename = Py_NewRef(filename);
    self->mode = mode;
    if (!self->prog.pynames) goto fail;
    for (uint32_t i = 0; i < self->prog.nglobals; i++) {
        size_t n = 0;
        const char *name = pe_code_global_name(code, i, &n);
        PyObject *s = PyUnicode_DecodeUTF8(name ? name : "", name ? (Py_ssize_t)n : 0, "surrogatepass");
        if (!s) goto fail;
        PyUnicode_InternInPlace(&s);
        PyTuple_SET_ITEM(self->prog.pynames, (Py_ssize_t)i, s);
    }
    return (PyObject *)self;
fail:
    Py_DECREF(self);
    return NULL;
}

/* names= by keyword (the other keywords of Code.eval/exec are run options). */
typedef struct {
    px_mod *ms;
    const char *fname;
    Py_ssize_t nargs;
    PyObject *names;
    px_clock clock;
} code_kw;

static int code_other_kw(void *ctx, PyObject *key, PyObject *v) {
    code_kw *k = ctx;
    if (px_key_is_clock(key)) return px_clock_parse(v, &k->clock);
    if (key != k->ms->s_names && PyUnicode_Compare(key, k->ms->s_names))
        return px_unexpected_kw(k->fname, key);
    if (k->nargs) {
        PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument 'names'", k->fname);
        return -1;
    }
    k->names = v;
    return 0;
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
    code_kw k = {ms, fname, nargs, nargs ? args[0] : NULL, {0}};
    pe_limits L = ms->defaults;
    bool allow = false;
    if (px_parse_run_kwargs(ms, kwnames, args + nargs, &L, &allow, code_other_kw, &k) < 0)
        return NULL;
    PyObject *names = k.names;
    if (names && px_check_names(&names, fname) < 0) return NULL;
    px_ctx *c = px_acquire(ms);
    if (!c) return NULL;
    c->allow_callables = allow;
    px_clock_install(c, &k.clock);
    PyObject *res = px_run(ms, c, &self->prog, names, &L, want_exec, 0);
    res = px_clock_finish(c, &k.clock, res);
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
    px_mod *ms = (px_mod *)PyType_GetModuleState(Py_TYPE(self));
    if (!ms) return NULL;
    PyObject *r = PyList_New(0);
    if (!r) return NULL;
    for (uint32_t i = 0; i < co->prog.nglobals; i++) {
        PyObject *name = PyTuple_GET_ITEM(co->prog.pynames, i);
        int b = PySet_Contains(ms->builtin_names, name);
        if (b < 0) {
            Py_DECREF(r);
            return NULL;
        }
        if (b) continue;
        if (PyList_Append(r, name) < 0) {
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

PyType_Spec px_code_spec = {
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
