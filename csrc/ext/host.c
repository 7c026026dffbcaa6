/*
 * host.c - Python callables inside the engine: pe_host objects of
 * px_host_class whose ud is the callable (BORROWED: the run's context keeps
 * a strong reference until the run ends). Calls and reprs take the GIL
 * back when the run released it.
 */
#include "ext_internal.h"

static int px_host_call(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kwnames,
                        pe_value *out);

const pe_host_class px_host_class = {
    .name = "function",
    .call = px_host_call,
    .repr = px_host_repr,
    .release = NULL, /* the context's keep list owns the callable */
};

int px_in_host(px_in *ci, PyObject *o, pe_value *out) {
    if (pe_make_host(ci->c->S, &px_host_class, o, out)) return PX_EPE;
    if (px_keep(ci->c, o) < 0) {
        pe_value_release(ci->c->S, *out);
        PyErr_NoMemory();
        return PX_EPY;
    }
    return PX_OK;
}

/* Raises, in the engine, the error for an argument that has no Python
 * equivalent. */
static void px_arg_error(px_ctx *c, const px_out *co) {
    if (PyErr_Occurred())
        px_host_failed(c->ms, c);
    else if (co->deep)
        pe_raise_id(c->S, c->ms->id.ValueError,
                    "cannot pass a value to a Python function: nested too deeply or recursive");
    else
        pe_raise_id(c->S, c->ms->id.TypeError,
                    "cannot pass a value of type '%s' to a Python function",
                    co->bad ? co->bad : "?");
}

/* Converts the result of a host function into *out (0), or raises in the
 * engine (-1). */
int px_host_result(px_ctx *c, PyObject *res, pe_value *out) {
    if (px_in_scalar(res, out)) return 0;
    pe_state *S = c->S;
    px_in ci = {c, NULL, !c->allow_callables};
    int cr = px_in_val(&ci, res, out, 0);
    switch (cr) {
    case PX_OK: return 0;
    case PX_ECALL:
        pe_raise_id(S, c->ms->id.TypeError,
                    "a Python function returned %s callable (type '%.200s'): callables returned "
                    "by host functions are refused unless the host passes "
                    "allow_callable_results=True",
                    ci.bad == res ? "a" : "a container holding a", Py_TYPE(ci.bad)->tp_name);
        break;
    case PX_EBAD:
        pe_raise_id(S, c->ms->id.TypeError,
                    "cannot convert the result of a Python function (type '%.200s') to pyexpr",
                    Py_TYPE(ci.bad)->tp_name);
        break;
    case PX_EDEEP:
        pe_raise_id(S, c->ms->id.ValueError,
                    "cannot convert the result of a Python function to pyexpr: nested too "
                    "deeply or recursive");
        break;
    case PX_EPY: px_host_failed(c->ms, c); break;
    default: break; /* PX_EPE: raised */
    }
    return -1;
}

static int px_host_call(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kwnames,
                        pe_value *out) {
    px_ctx *c = pe_get_userdata(S);
    PyObject *fn = ud;
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    if (c->olen) px_flush(c);
    size_t nkw = pe_value_type(kwnames) == PE_TYPE_TUPLE ? pe_value_len(kwnames) : 0;
    PyObject *small[8], **args = small, *kw = NULL, *res = NULL;
    int r = -1, i = 0;
    if (argc > 8) {
        args = PyMem_Malloc((size_t)argc * sizeof(PyObject *));
        if (!args) {
            args = small;
            px_raise_nomem(c);
            goto done;
        }
    }
    for (; i < argc; i++) {
        px_out co = {c->ms, c, NULL, false};
        args[i] = px_out_val(&co, argv[i], 0);
        if (!args[i]) {
            px_arg_error(c, &co);
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
            PyObject *name = px_out_str(pe_value_item(kwnames, k));
            if (!name) {
                px_host_failed(c->ms, c);
                goto done;
            }
            PyTuple_SET_ITEM(kw, (Py_ssize_t)k, name);
        }
    }
    res = PyObject_Vectorcall(fn, args, (size_t)argc - nkw, kw);
    if (!res)
        px_host_failed(c->ms, c);
    else
        r = px_host_result(c, res, out);
done:
    for (int j = 0; j < i; j++) Py_DECREF(args[j]);
    if (args != small) PyMem_Free(args);
    Py_XDECREF(kw);
    Py_XDECREF(res);
    px_gil_restore(c, ts);
    return r;
}

/* repr() of the callable (snprintf contract); "<function>" if it raises. */
int px_host_repr(pe_state *S, void *ud, char *buf, size_t cap) {
    px_ctx *c = pe_get_userdata(S);
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    const char *p = NULL;
    Py_ssize_t n = 0;
    PyObject *r = PyObject_Repr((PyObject *)ud);
    if (r) p = PyUnicode_AsUTF8AndSize(r, &n);
    if (!p) {
        PyErr_Clear();
        p = "<function>";
        n = (Py_ssize_t)strlen(p);
    }
    if (cap) {
        size_t k = (size_t)n < cap ? (size_t)n : cap;
        memcpy(buf, p, k);
        if (k < cap) buf[k] = '\0';
    }
    Py_XDECREF(r);
    px_gil_restore(c, ts);
    return n > INT32_MAX ? INT32_MAX : (int)n;
}

/* `import NAME` of a module pyexpr.register_module registered: each entry
 * of its mapping becomes an attribute, converted as input variables are
 * (callables become host functions). Read at the first import of each run,
 * so a change to the mapping shows in the next run. */
int px_import_hook(pe_state *S, const char *name, pe_value module, void *ud) {
    (void)ud;
    px_ctx *c = pe_get_userdata(S);
    px_mod *ms = c->ms;
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    int r = 0;
    PyObject *items = NULL;
    PyObject *ns = ms->host_modules ? PyDict_GetItemString(ms->host_modules, name) : NULL;
    if (!ns) goto done;
    r = -1;
    items = PyMapping_Items(ns);
    if (!items) {
        px_host_failed(ms, c);
        goto done;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        PyObject *kv = PyList_GET_ITEM(items, i), *k, *v;
        if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2) continue;
        k = PyTuple_GET_ITEM(kv, 0);
        v = PyTuple_GET_ITEM(kv, 1);
        const char *ks = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
        if (!ks) {
            PyErr_Clear();
            pe_raise_id(S, ms->id.TypeError, "module '%s': attribute names must be str", name);
            goto done;
        }
        px_in ci = {c, NULL, false};
        pe_value pv;
        int cr = px_in_val(&ci, v, &pv, 0);
        if (cr != PX_OK) {
            if (cr == PX_EPE) goto done;
            if (cr == PX_EPY) {
                px_host_failed(ms, c);
                goto done;
            }
            pe_raise_id(S, ms->id.TypeError,
                        "cannot convert attribute '%s' of module '%s' (type '%s') to pyexpr", ks,
                        name, ci.bad ? Py_TYPE(ci.bad)->tp_name : "?");
            goto done;
        }
        int ar = pe_module_add(S, module, ks, pv);
        pe_value_release(S, pv);
        if (ar) goto done;
    }
    r = 1;
done:
    Py_XDECREF(items);
    px_gil_restore(c, ts);
    return r;
}
