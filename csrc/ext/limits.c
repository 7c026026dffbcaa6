/*
 * limits.c - the limit keywords (max_steps, max_memory, max_depth,
 * timeout, limits=, allow_callable_results=) and the names argument.
 */
#include "ext_internal.h"

#include <math.h>


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
int px_parse_limit(px_mod *ms, PyObject *key, PyObject *v, pe_limits *L) {
    int which = px_key_is(key, ms->s_max_steps)    ? 0
                : px_key_is(key, ms->s_max_memory) ? 1
                : px_key_is(key, ms->s_max_depth)  ? 2
                : px_key_is(key, ms->s_timeout)    ? 3
                                                   : -1;
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
int px_parse_run_kw(px_mod *ms, int pass, PyObject *key, PyObject *v, pe_limits *L,
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

int px_parse_run_kwargs(px_mod *ms, PyObject *kwnames, PyObject *const *kwv, pe_limits *L,
                        bool *allow_callables, px_kw_fn other, void *ctx) {
    if (!kwnames) return 0;
    Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t i = 0; i < nkw; i++)
        if (px_parse_run_kw(ms, 0, PyTuple_GET_ITEM(kwnames, i), kwv[i], L, allow_callables) < 0)
            return -1;
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        int r = px_parse_run_kw(ms, 1, key, kwv[i], L, allow_callables);
        if (r < 0 || (r > 0 && other(ctx, key, kwv[i]) < 0)) return -1;
    }
    return 0;
}

int px_unexpected_kw(const char *fname, PyObject *key) {
    PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
    return -1;
}

int px_check_names(PyObject **names, const char *fname) {
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

PyObject *px_limits_dict(const pe_limits *L) {
    PyObject *steps = L->max_steps ? PyLong_FromUnsignedLongLong(L->max_steps) : Py_NewRef(Py_None);
    PyObject *mem = L->max_memory ? PyLong_FromSize_t(L->max_memory) : Py_NewRef(Py_None);
    PyObject *depth = PyLong_FromUnsignedLong(L->max_depth ? L->max_depth : PX_DEFAULT_DEPTH);
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
