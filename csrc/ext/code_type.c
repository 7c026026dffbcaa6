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
    free(self->prog.slotmap);
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
    px_prog_index(&self->prog);
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

/* Code.eval_many(rows, names=None, *, row_name=None, errors='raise', **limits) */
typedef struct {
    px_mod *ms;
    Py_ssize_t nargs;
    PyObject *names, *row_name, *errors;
} many_kw;

static int many_other_kw(void *ctx, PyObject *key, PyObject *v) {
    many_kw *k = ctx;
    if (PyUnicode_Check(key) && !PyUnicode_CompareWithASCIIString(key, "names")) {
        if (k->nargs > 1) {
            PyErr_SetString(PyExc_TypeError, "eval_many() got multiple values for argument 'names'");
            return -1;
        }
        k->names = v;
    } else if (PyUnicode_Check(key) && !PyUnicode_CompareWithASCIIString(key, "row_name")) {
        k->row_name = v;
    } else if (PyUnicode_Check(key) && !PyUnicode_CompareWithASCIIString(key, "errors")) {
        k->errors = v;
    } else {
        return px_unexpected_kw("eval_many", key);
    }
    return 0;
}

/* The policy a row's attributes are read with (borrowed; *obj: the object
 * to read), or NULL when the row is no host object. */
static const px_policy *px_row_policy(px_mod *ms, PyObject *row, PyObject **obj) {
    *obj = row;
    if (Py_TYPE(row) == ms->Exposed_type) {
        *obj = ((px_wrap *)row)->obj;
        return (const px_policy *)((px_wrap *)row)->policy;
    }
    return px_auto_policy(ms, row);
}

/* For each global slot of p, the index in pol of the readable attribute of
 * that name, or -1. */
static void px_map_attrs(const px_prog *p, PyObject *pynames, const px_policy *pol, int32_t *map) {
    for (uint32_t i = 0; i < p->nglobals; i++) {
        map[i] = -1;
        PyObject *name = PyTuple_GET_ITEM(pynames, i);
        for (Py_ssize_t k = 0; k < pol->n; k++)
            if ((pol->attrs[k].kind & PX_A_READ) && pol->attrs[k].pyname == name) map[i] = (int32_t)k;
    }
}

static PyObject *px_code_eval_many(PyObject *self, PyTypeObject *cls, PyObject *const *args,
                                   Py_ssize_t nargs, PyObject *kwnames) {
    px_code_obj *co = (px_code_obj *)self;
    px_mod *ms = (px_mod *)PyType_GetModuleState(cls);
    if (nargs < 1 || nargs > 2)
        return PyErr_Format(PyExc_TypeError,
                            "eval_many() takes 1 or 2 positional arguments (%zd given)", nargs);
    many_kw k = {ms, nargs, nargs > 1 ? args[1] : NULL, NULL, NULL};
    pe_limits L = ms->defaults;
    bool allow = false;
    if (px_parse_run_kwargs(ms, kwnames, args + nargs, &L, &allow, many_other_kw, &k) < 0)
        return NULL;
    PyObject *names = k.names;
    if (names && px_check_names(&names, "eval_many") < 0) return NULL;
    bool collect = false;
    if (k.errors) {
        if (PyUnicode_Check(k.errors) && !PyUnicode_CompareWithASCIIString(k.errors, "collect"))
            collect = true;
        else if (!PyUnicode_Check(k.errors) ||
                 PyUnicode_CompareWithASCIIString(k.errors, "raise"))
            return PyErr_Format(PyExc_ValueError,
                                "eval_many() errors must be 'raise' or 'collect', not %R", k.errors);
    }
    px_row row = {NULL, -1, NULL, NULL, NULL};
    bool by_name = k.row_name && k.row_name != Py_None;
    if (by_name) {
        Py_ssize_t n;
        const char *u = PyUnicode_Check(k.row_name) ? PyUnicode_AsUTF8AndSize(k.row_name, &n) : NULL;
        if (!u) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "eval_many() row_name must be a str, not %.100s",
                             Py_TYPE(k.row_name)->tp_name);
            return NULL;
        }
        row.slot = pe_code_global_slot(co->prog.code, u, (size_t)n);
        if (row.slot < 0) row.slot = -2; /* the program does not read it */
    }
    PyObject *it = PyObject_GetIter(args[0]);
    if (!it) return NULL;
    PyObject *out = PyList_New(0);
    int32_t *map = PyMem_Malloc(((size_t)co->prog.nglobals + 1) * sizeof *map);
    const px_policy *mapped = NULL;
    px_ctx *c = out && map ? px_acquire(ms) : NULL;
    if (!c) {
        if (!map && out) PyErr_NoMemory();
        goto fail;
    }
    unsigned long count = 0;
    for (PyObject *r; (r = PyIter_Next(it)) != NULL; Py_DECREF(r)) {
        row.dict = NULL;
        row.pol = NULL;
        row.obj = r;
        if (by_name) {
            /* row.slot: bound by px_assign_row */
        } else if (PyDict_Check(r)) {
            row.dict = r;
        } else {
            PyObject *obj;
            const px_policy *pol = px_row_policy(ms, r, &obj);
            if (!pol) {
                if (!PyErr_Occurred())
                    PyErr_Format(PyExc_TypeError,
                                 "eval_many() rows must be dicts or exposed objects (or give "
                                 "row_name=), not %.100s",
                                 Py_TYPE(r)->tp_name);
                Py_DECREF(r);
                goto fail_ctx;
            }
            if (pol != mapped) {
                px_map_attrs(&co->prog, co->prog.pynames, pol, map);
                mapped = pol;
            }
            row.obj = obj;
            row.pol = pol;
            row.attr_of = map;
        }
        c->allow_callables = allow;
        c->row = &row;
        PyObject *res = px_run(ms, c, &co->prog, names, &L, false, 0);
        c->row = NULL;
        if (!res) {
            if (!collect || !PyErr_ExceptionMatches(PyExc_Exception)) {
                Py_DECREF(r);
                goto fail_ctx;
            }
            res = px_fetch_exc();
        }
        int ar = PyList_Append(out, res);
        Py_DECREF(res);
        if (ar < 0) {
            Py_DECREF(r);
            goto fail_ctx;
        }
        /* bounded programs keep the GIL while they run: let other threads in
         * now and then */
        if (co->prog.cheap && (++count & 255) == 0) {
            Py_BEGIN_ALLOW_THREADS
            Py_END_ALLOW_THREADS
        }
    }
    if (PyErr_Occurred()) goto fail_ctx;
    px_release(ms, c);
    PyMem_Free(map);
    Py_DECREF(it);
    return out;
fail_ctx:
    px_release(ms, c);
fail:
    PyMem_Free(map);
    Py_DECREF(it);
    Py_XDECREF(out);
    return NULL;
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
    if (!t) return NULL;
    /* a pyexpr._host.Names: the same tuple, callable for the split into
     * reads / calls / attribute chains (issue 15) */
    PyObject *mod = PyImport_ImportModule("pyexpr._host");
    PyObject *res = mod ? PyObject_CallMethod(mod, "_make_names", "OOO", t, co->source,
                                              ms->builtin_names)
                        : NULL;
    Py_XDECREF(mod);
    Py_DECREF(t);
    return res;
}

static PyMethodDef px_code_methods[] = {
    {"eval", (PyCFunction)(void (*)(void))px_code_eval, METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     "eval(names=None, **limits)\n--\n\n"
     "Run the program and return its value (None for an 'exec' program)."},
    {"exec", (PyCFunction)(void (*)(void))px_code_exec, METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     "exec(names=None, **limits)\n--\n\n"
     "Run the program and return a dict of its top-level variables."},
    {"eval_many", (PyCFunction)(void (*)(void))px_code_eval_many,
     METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     "eval_many(rows, names=None, *, row_name=None, errors='raise', **limits)\n--\n\n"
     "Run the program once per row and return the list of results. A row is a\n"
     "dict of input variables, an exposed object (its readable attributes are the\n"
     "variables) or, with row_name=, any value bound to that variable; names are\n"
     "inputs common to every row. errors='collect' puts a row's exception in the\n"
     "list instead of raising it."},
    {"start", (PyCFunction)(void (*)(void))px_code_start, METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     "start(names=None, *, externals=(), resolve_names=False, max_external_calls=None, **limits)\n--\n\n"
     "Run the program until it calls one of the external functions: a Snapshot, or a Complete "
     "when it ends first (docs/host.md)."},
    {"__reduce__", (PyCFunction)(void (*)(void))px_code_reduce,
     METH_METHOD | METH_FASTCALL | METH_KEYWORDS, "Pickle support (recompiles on load)."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef px_code_getset[] = {
    {"source", px_code_get_source, NULL, "The program's source text.", NULL},
    {"mode", px_code_get_mode, NULL, "'eval' or 'exec'.", NULL},
    {"filename", px_code_get_filename, NULL, "The file name used in SyntaxErrors.", NULL},
    {"names", px_code_get_names, NULL,
     "Global names the program uses that are not builtins (its possible input variables);\n"
     "names() splits them into reads / calls / attribute chains.", NULL},
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
