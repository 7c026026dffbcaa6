/*
 * convert_out.c - engine values -> Python values (by copy), through the
 * public accessors pe_value_*.
 */
#include "ext_internal.h"

/* An int: int64 directly, else through its two's complement bytes. */
static PyObject *px_out_int(pe_state *S, pe_value v) {
    int64_t i;
    if (PX_LIKELY(pe_value_id(v) == 0) && pe_value_to_int64(S, v, &i) == 0) /* an immediate */
        return PyLong_FromLongLong((long long)i);
    unsigned char small[8];
    size_t need = 0;
    if (pe_value_int_to_bytes(S, v, small, sizeof small, &need) < 0) return NULL;
    if (PX_LIKELY(need <= sizeof small)) {
        uint64_t u = 0;
        for (size_t i = 0; i < need; i++) u |= (uint64_t)small[i] << (8 * i);
        if (need && need < 8 && (small[need - 1] & 0x80)) u |= ~(uint64_t)0 << (8 * need);
        return PyLong_FromLongLong((long long)u);
    }
    unsigned char *buf = malloc(need);
    if (!buf) return PyErr_NoMemory();
    PyObject *r = NULL;
    if (pe_value_int_to_bytes(S, v, buf, need, &need) == 0) {
#if PY_VERSION_HEX >= 0x030D0000
        r = PyLong_FromNativeBytes(buf, need, Py_ASNATIVEBYTES_LITTLE_ENDIAN);
#else
        r = _PyLong_FromByteArray(buf, need, 1, 1);
#endif
    }
    free(buf);
    return r;
}

PyObject *px_out_str(pe_value s) {
    size_t n;
    const char *p = pe_value_utf8(s, &n);
    if (!p) return PyUnicode_FromString("?");
    return PyUnicode_DecodeUTF8(p, (Py_ssize_t)n, "surrogatepass");
}

/* The builtin class named by a class value's repr "<class 'NAME'>" (a
 * class defined by a script has a dotted name: not one of these). */
static PyObject *px_out_class(px_out *co, pe_value v) {
    pe_state *S = co->c->S;
    char *text = NULL;
    size_t n = 0;
    PyObject *r = NULL;
    if (pe_value_repr(S, v, &text, &n) < 0) {
        pe_exception_clear(S);
        return NULL;
    }
    static const char head[] = "<class '";
    size_t hl = sizeof head - 1;
    if (n > hl + 2 && !memcmp(text, head, hl) && !memcmp(text + n - 2, "'>", 2)) {
        char *name = text + hl;
        text[n - 2] = '\0';
        static const struct {
            const char *name;
            PyTypeObject *type;
        } core[] = {{"int", &PyLong_Type},        {"float", &PyFloat_Type},
                    {"bool", &PyBool_Type},       {"str", &PyUnicode_Type},
                    {"list", &PyList_Type},       {"tuple", &PyTuple_Type},
                    {"dict", &PyDict_Type},       {"set", &PySet_Type},
                    {"frozenset", &PyFrozenSet_Type}, {"type", &PyType_Type},
                    {"bytes", &PyBytes_Type},     {"bytearray", &PyByteArray_Type}};
        if (!strchr(name, '.')) {
            int id = pe_exception_type_lookup(name);
            if (id >= 0 && id < co->ms->nexc) {
                r = co->ms->exc_map[id];
            } else if (!strcmp(name, "NoneType")) {
                r = (PyObject *)Py_TYPE(Py_None);
            } else {
                for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
                    if (!strcmp(core[i].name, name)) r = (PyObject *)core[i].type;
            }
        }
    }
    free(text);
    return r ? Py_NewRef(r) : NULL;
}

static PyObject *px_out_seq(px_out *co, pe_value v, bool is_list, int depth) {
    size_t n = pe_value_len(v);
    PyObject *r = is_list ? PyList_New((Py_ssize_t)n) : PyTuple_New((Py_ssize_t)n);
    if (!r) return NULL;
    for (size_t i = 0; i < n; i++) {
        PyObject *x = px_out_val(co, pe_value_item(v, i), depth + 1);
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

static PyObject *px_out_dict(px_out *co, pe_value v, int depth) {
    PyObject *r = PyDict_New();
    if (!r) return NULL;
    size_t pos = 0;
    pe_value k, val;
    while (pe_value_dict_next(v, &pos, &k, &val)) {
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

static PyObject *px_out_set(px_out *co, pe_value v, bool frozen, int depth) {
    PyObject *r = frozen ? PyFrozenSet_New(NULL) : PySet_New(NULL);
    if (!r) return NULL;
    size_t pos = 0;
    pe_value k;
    while (pe_value_set_next(v, &pos, &k)) {
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

PyObject *px_out_val(px_out *co, pe_value v, int depth) {
    pe_type_id t = pe_value_type(v);
    switch (t) {
    case PE_TYPE_NONE: Py_RETURN_NONE;
    case PE_TYPE_BOOL: return PyBool_FromLong(pe_value_is_true(v) == 1);
    case PE_TYPE_INT: return px_out_int(co->c->S, v);
    case PE_TYPE_FLOAT: {
        double d = 0;
        if (pe_value_to_double(co->c->S, v, &d) < 0) return NULL;
        return PyFloat_FromDouble(d);
    }
    case PE_TYPE_STR: return px_out_str(v);
    case PE_TYPE_BYTES:
    case PE_TYPE_BYTEARRAY: {
        size_t n = 0;
        const char *p = (const char *)pe_value_bytes(v, &n);
        return t == PE_TYPE_BYTES ? PyBytes_FromStringAndSize(p, (Py_ssize_t)n)
                                  : PyByteArray_FromStringAndSize(p, (Py_ssize_t)n);
    }
    case PE_TYPE_HOST: {
        PyObject *fn = pe_host_data(v, &px_host_class);
        if (fn) return Py_NewRef(fn);
        if ((fn = px_out_hostobj(v)) != NULL) return fn; /* the host's object itself */
        co->bad = pe_value_type_name(v);
        return NULL;
    }
    default: break;
    }
    if (depth >= PX_MAX_NEST) {
        co->deep = true;
        return NULL;
    }
    switch (t) {
    case PE_TYPE_LIST: return px_out_seq(co, v, true, depth);
    case PE_TYPE_TUPLE: return px_out_seq(co, v, false, depth);
    case PE_TYPE_DICT: return px_out_dict(co, v, depth);
    case PE_TYPE_SET: return px_out_set(co, v, false, depth);
    case PE_TYPE_FROZENSET: return px_out_set(co, v, true, depth);
    case PE_TYPE_EXCEPTION: return px_exc_to_py(co->ms, co->c, v, depth);
    case PE_TYPE_CALLABLE: {
        PyObject *r = px_out_class(co, v);
        if (!r && !PyErr_Occurred()) co->bad = pe_value_type_name(v);
        return r;
    }
    default: co->bad = pe_value_type_name(v); return NULL;
    }
}

/* Raises the Python error for a failed conversion of a result. */
PyObject *px_out_error(px_out *co, const char *what) {
    if (PyErr_Occurred()) return NULL;
    if (co->deep)
        PyErr_Format(PyExc_ValueError, "cannot convert %s to Python: nested too deeply or recursive",
                     what);
    else
        PyErr_Format(PyExc_TypeError, "cannot convert %s (type '%s') to Python", what,
                     co->bad ? co->bad : "?");
    return NULL;
}
