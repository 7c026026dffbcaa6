/*
 * convert_in.c - Python values -> engine values (by copy), through the
 * public constructors pe_make_* / pe_value_*_append/set/add.
 */
#include "ext_internal.h"

#define PX_MAX_INT_BYTES ((size_t)1 << 26) /* 64 MiB: larger ints are refused (MemoryError) */

/* An int that does not fit int64: through its two's complement bytes. */
static int px_in_bigint(px_in *ci, PyObject *o, pe_value *out) {
    pe_state *S = ci->c->S;
    unsigned char *buf;
    size_t nb;
#if PY_VERSION_HEX >= 0x030D0000
    int flags = Py_ASNATIVEBYTES_LITTLE_ENDIAN;
    Py_ssize_t need = PyLong_AsNativeBytes(o, NULL, 0, flags);
    if (need < 0) return PX_EPY;
    nb = (size_t)need;
#else
    size_t nbits = _PyLong_NumBits(o);
    if (nbits == (size_t)-1 && PyErr_Occurred()) return PX_EPY;
    nb = nbits / 8 + 1; /* room for the sign bit */
#endif
    if (nb > PX_MAX_INT_BYTES) {
        px_raise_nomem(ci->c);
        return PX_EPE;
    }
    buf = malloc(nb ? nb : 1);
    if (!buf) {
        PyErr_NoMemory();
        return PX_EPY;
    }
#if PY_VERSION_HEX >= 0x030D0000
    if (PyLong_AsNativeBytes(o, buf, (Py_ssize_t)nb, flags) < 0) {
#else
    if (_PyLong_AsByteArray((PyLongObject *)o, buf, nb, 1, 1) < 0) {
#endif
        free(buf);
        return PX_EPY;
    }
    int r = pe_make_int_bytes(S, buf, nb, 1, 1, out);
    free(buf);
    return r ? PX_EPE : PX_OK;
}

static inline int px_in_int(px_in *ci, PyObject *o, pe_value *out) {
    int overflow;
    long long x = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (PX_LIKELY(!overflow)) {
        if (x == -1 && PyErr_Occurred()) return PX_EPY;
        *out = pe_value_int(x);
        return PX_OK;
    }
    return px_in_bigint(ci, o, out);
}

int px_in_str(px_in *ci, PyObject *o, pe_value *out) {
    pe_state *S = ci->c->S;
    Py_ssize_t n;
    const char *p;
    PyObject *tmp = NULL;
    if (px_str_is_ascii(o)) {
        p = (const char *)PyUnicode_DATA(o);
        n = PyUnicode_GET_LENGTH(o);
    } else {
        p = PyUnicode_AsUTF8AndSize(o, &n);
        if (!p) { /* lone surrogates: the engine takes them as generalised UTF-8 */
            PyErr_Clear();
            tmp = PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass");
            if (!tmp) return PX_EPY;
            p = PyBytes_AS_STRING(tmp);
            n = PyBytes_GET_SIZE(tmp);
        }
    }
    int r = pe_make_str(S, p, (size_t)n, out);
    Py_XDECREF(tmp);
    return r ? PX_EPE : PX_OK;
}

/* Items converted into a temporary array, then one tuple/list built. */
static int px_in_seq(px_in *ci, PyObject *o, bool is_list, pe_value *out, int depth) {
    pe_state *S = ci->c->S;
    Py_ssize_t n = is_list ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o);
    pe_value small[16], *items = small;
    if (n > 16) {
        items = PyMem_Malloc((size_t)n * sizeof *items);
        if (!items) {
            PyErr_NoMemory();
            return PX_EPY;
        }
    }
    Py_ssize_t i = 0;
    int r = PX_OK;
    for (; i < n; i++) {
        /* a list cannot change size here: converting runs no Python code */
        PyObject *item = is_list ? PyList_GET_ITEM(o, i) : PyTuple_GET_ITEM(o, i);
        r = px_in_val(ci, item, &items[i], depth + 1);
        if (r) break;
    }
    if (r == PX_OK) {
        int e = is_list ? pe_make_list(S, (size_t)n, items, out)
                        : pe_make_tuple(S, (size_t)n, items, out);
        if (e) r = PX_EPE;
    }
    for (Py_ssize_t j = 0; j < i; j++) pe_value_release(S, items[j]);
    if (items != small) PyMem_Free(items);
    return r;
}

static int px_in_dict(px_in *ci, PyObject *o, pe_value *out, int depth) {
    pe_state *S = ci->c->S;
    pe_value d;
    if (pe_make_dict(S, &d)) return PX_EPE;
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(o, &pos, &k, &v)) {
        pe_value pk, pv;
        int r = px_in_val(ci, k, &pk, depth + 1);
        if (r == PX_OK) {
            r = px_in_val(ci, v, &pv, depth + 1);
            if (r == PX_OK) {
                if (pe_value_dict_set(S, d, pk, pv)) r = PX_EPE;
                pe_value_release(S, pv);
            }
            pe_value_release(S, pk);
        }
        if (r) {
            pe_value_release(S, d);
            return r;
        }
    }
    *out = d;
    return PX_OK;
}

static int px_in_set(px_in *ci, PyObject *o, bool frozen, pe_value *out, int depth) {
    pe_state *S = ci->c->S;
    pe_value s;
    if (pe_make_set(S, frozen, &s)) return PX_EPE;
#if PY_VERSION_HEX < 0x030D0000
    Py_ssize_t pos = 0;
    PyObject *k;
    Py_hash_t h;
    while (_PySet_NextEntry(o, &pos, &k, &h)) {
#else
    PyObject *it = PyObject_GetIter(o), *k; /* a set iterator runs no Python code */
    if (!it) {
        pe_value_release(S, s);
        return PX_EPY;
    }
    for (; (k = PyIter_Next(it)) != NULL; Py_DECREF(k)) {
#endif
        pe_value pk;
        int r = px_in_val(ci, k, &pk, depth + 1);
        if (r == PX_OK) {
            if (pe_value_set_add(S, s, pk)) r = PX_EPE;
            pe_value_release(S, pk);
        }
        if (r) {
#if PY_VERSION_HEX >= 0x030D0000
            Py_DECREF(k);
            Py_DECREF(it);
#endif
            pe_value_release(S, s);
            return r;
        }
    }
#if PY_VERSION_HEX >= 0x030D0000
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        pe_value_release(S, s);
        return PX_EPY;
    }
#endif
    *out = s;
    return PX_OK;
}

/* Converts o to a new engine value. No Python code runs (only concrete
 * APIs are used), so containers cannot change while they are walked. */
int px_in_val(px_in *ci, PyObject *o, pe_value *out, int depth) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyLong_Type) return px_in_int(ci, o, out);
    if (tp == &PyFloat_Type) {
        *out = pe_value_float(PyFloat_AS_DOUBLE(o));
        return PX_OK;
    }
    if (tp == &PyUnicode_Type) return px_in_str(ci, o, out);
    if (o == Py_None) {
        *out = pe_value_none();
        return PX_OK;
    }
    if (tp == &PyBool_Type) {
        *out = pe_value_bool(o == Py_True);
        return PX_OK;
    }
    if (depth >= PX_MAX_NEST) return PX_EDEEP;
    if (PyList_Check(o)) return px_in_seq(ci, o, true, out, depth);
    if (PyTuple_Check(o)) {
        if (PX_UNLIKELY(!PyTuple_CheckExact(o))) { /* a namedtuple crosses as a host object */
            int r = px_in_hostobj(ci, o, out, depth);
            if (r != PX_ENONE) return r;
        }
        return px_in_seq(ci, o, false, out, depth);
    }
    if (PyDict_Check(o)) return px_in_dict(ci, o, out, depth);
    if (PyAnySet_Check(o)) return px_in_set(ci, o, PyFrozenSet_Check(o), out, depth);
    if (PyLong_Check(o)) return px_in_int(ci, o, out); /* int subclasses (IntEnum, ...) */
    if (PyFloat_Check(o)) {
        *out = pe_value_float(PyFloat_AS_DOUBLE(o));
        return PX_OK;
    }
    if (PyUnicode_Check(o)) return px_in_str(ci, o, out);
    if (PyBytes_Check(o) || PyByteArray_Check(o)) { /* subclasses too: copied as the base type */
        bool ba = PyByteArray_Check(o);
        const char *p = ba ? PyByteArray_AS_STRING(o) : PyBytes_AS_STRING(o);
        Py_ssize_t n = ba ? PyByteArray_GET_SIZE(o) : PyBytes_GET_SIZE(o);
        return pe_make_bytes(ci->c->S, p, (size_t)n, ba, out) ? PX_EPE : PX_OK;
    }
    int hr = px_in_hostobj(ci, o, out, depth); /* exposed objects, numpy scalars, shared() */
    if (hr != PX_ENONE) return hr;
    if (PyCallable_Check(o)) {
        if (PX_UNLIKELY(ci->no_callables)) { /* the capability rule, docs/security.md */
            ci->bad = o;
            return PX_ECALL;
        }
        return px_in_host(ci, o, out);
    }
    ci->bad = o;
    return PX_EBAD;
}
