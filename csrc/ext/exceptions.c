/*
 * exceptions.c - engine exceptions -> Python exceptions (the class map,
 * args, SyntaxError fields, __cause__/__context__), and Python exceptions
 * -> engine exceptions (the stand-in of a failed host call).
 */
#include "ext_internal.h"

/* engine exception id -> Python class, by name (the engine's classes are
 * CPython's builtins; an unknown one maps to its base's class) */
int px_exc_map_init(px_mod *ms) {
    int n = pe_exception_type_count();
    ms->exc_map = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof(PyObject *));
    if (!ms->exc_map) {
        PyErr_NoMemory();
        return -1;
    }
    ms->nexc = n;
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (!builtins) return -1;
    int limit_id = pe_exception_type_lookup("LimitError");
    for (int id = 0; id < n; id++) {
        const char *name = pe_exception_type_name_of(id);
        PyObject *cls = NULL;
        if (id == limit_id) {
            cls = ms->LimitError;
        } else if (name) {
            PyObject *o = PyObject_GetAttrString(builtins, name);
            if (!o) PyErr_Clear();
            if (o && PyExceptionClass_Check(o) &&
                !(((PyTypeObject *)o)->tp_flags & Py_TPFLAGS_HEAPTYPE))
                cls = o; /* static type: a borrowed pointer stays valid */
            Py_XDECREF(o);
        }
        if (!cls) {
            for (int b = pe_exception_type_base(id); b >= 0 && b < id && !cls;) {
                cls = ms->exc_map[b];
                int bb = pe_exception_type_base(b);
                if (bb == b) break;
                b = bb;
            }
            if (!cls) cls = PyExc_Exception;
        }
        ms->exc_map[id] = cls;
    }
    Py_DECREF(builtins);
#define PX_ID(field) ms->id.field = pe_exception_type_lookup(#field);
    PX_ID(Exception)
    PX_ID(TypeError)
    PX_ID(ValueError)
    PX_ID(RuntimeError)
    PX_ID(MemoryError)
    PX_ID(KeyboardInterrupt)
    PX_ID(SyntaxError)
    PX_ID(OSError)
    PX_ID(LimitError)
    PX_ID(UnicodeEncodeError)
    PX_ID(UnicodeDecodeError)
    PX_ID(AttributeError)
#undef PX_ID
    if (ms->id.Exception < 0 || ms->id.TypeError < 0 || ms->id.ValueError < 0 ||
        ms->id.RuntimeError < 0 || ms->id.MemoryError < 0 || ms->id.KeyboardInterrupt < 0 ||
        ms->id.SyntaxError < 0) {
        PyErr_SetString(PyExc_SystemError, "pyexpr: the engine lacks a core exception class");
        return -1;
    }
    return 0;
}

/* Raises MemoryError() in the engine. */
void px_raise_nomem(px_ctx *c) {
    pe_state *S = c->S;
    pe_value args, e;
    if (pe_make_tuple(S, 0, NULL, &args)) return; /* MemoryError raised by the failure */
    if (pe_make_exception(S, c->ms->id.MemoryError, args, &e) == 0) {
        pe_raise_value(S, e);
        pe_value_release(S, e);
    }
    pe_value_release(S, args);
}

/* str(v) through the engine, as a Python str (fallback for exception args
 * that have no Python equivalent). */
static PyObject *px_engine_str(pe_state *S, pe_value v) {
    char *p = NULL;
    size_t n = 0;
    PyObject *r = NULL;
    if (pe_value_str(S, v, &p, &n) == 0)
        r = PyUnicode_DecodeUTF8(p, (Py_ssize_t)n, "surrogatepass");
    else
        pe_exception_clear(S);
    free(p);
    if (!r && !PyErr_Occurred()) r = PyUnicode_FromString("?");
    return r;
}

static PyObject *px_syntax_error(PyObject *cls, pe_value e, PyObject *args) {
    pe_syntax_info si;
    if (pe_exception_syntax_info(e, &si) < 0) return PyObject_Call(cls, args, NULL);
    PyObject *msg = PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0) : Py_None;
    PyObject *fn = pe_value_type(si.filename) == PE_TYPE_STR ? px_out_str(si.filename)
                                                             : Py_NewRef(Py_None);
    PyObject *text = pe_value_type(si.text) == PE_TYPE_STR ? px_out_str(si.text) : Py_NewRef(Py_None);
    PyObject *lineno = si.lineno > 0 ? PyLong_FromLongLong(si.lineno) : Py_NewRef(Py_None);
    PyObject *offset = si.offset > 0 ? PyLong_FromLongLong(si.offset) : Py_NewRef(Py_None);
    PyObject *end_lineno = si.end_offset > 0 && si.lineno > 0 ? PyLong_FromLongLong(si.lineno)
                                                              : Py_NewRef(Py_None);
    PyObject *end_offset = si.end_offset > 0 ? PyLong_FromLongLong(si.end_offset) : Py_NewRef(Py_None);
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

/* A converted exception argument: its Python equivalent, else its str(). */
static PyObject *px_exc_arg(px_mod *ms, px_ctx *c, pe_value a, int depth) {
    px_out co = {ms, c, NULL, false};
    PyObject *pa = px_out_val(&co, a, depth + 1);
    if (!pa && !PyErr_Occurred()) pa = px_engine_str(c->S, a);
    return pa;
}

/* A new Python exception instance for engine exception e (an instance). */
/* The engine's UnicodeEncodeError / UnicodeDecodeError carry only their
 * message; Python's need (encoding, object, start, end, reason). Rebuilds
 * those from the message ("'ascii' codec can't encode character '\\xe9'
 * in position 3: ordinal not in range(128)"), with an object of the right
 * length holding the offending character or byte at `start` (the rest is
 * '?' / zero bytes), so str(e), e.start, e.end, e.reason and e.encoding
 * are CPython's. NULL (no error set) when the message does not parse. */
static PyObject *px_unicode_error(PyObject *cls, PyObject *args) {
    if (PyTuple_GET_SIZE(args) != 1 || !PyUnicode_Check(PyTuple_GET_ITEM(args, 0))) return NULL;
    const char *m = PyUnicode_AsUTF8(PyTuple_GET_ITEM(args, 0));
    if (!m) {
        PyErr_Clear();
        return NULL;
    }
    char enc[64], verb[8];
    int k = 0;
    if (sscanf(m, "'%63[^']' codec can't %7[a-z] %n", enc, verb, &k) != 2 || !k) return NULL;
    bool decode = !strcmp(verb, "decode");
    const char *pos = strstr(m, " in position ");
    if (!pos) return NULL;
    unsigned long long start = 0, end = 0;
    int used = 0;
    if (sscanf(pos, " in position %llu-%llu: %n", &start, &end, &used) == 2 && used) {
        end += 1;
    } else if (sscanf(pos, " in position %llu: %n", &start, &used) == 1 && used) {
        end = start + 1;
    } else {
        return NULL;
    }
    if (end <= start || end > ((unsigned long long)1 << 40)) return NULL;
    const char *reason = pos + used;
    unsigned int bad = '?';
    const char *what = m + k;
    if (end == start + 1) {
        if (decode ? sscanf(what, "byte 0x%2x", &bad) != 1
                   : sscanf(what, "character '\\%*c%x'", &bad) != 1)
            return NULL;
    }
    PyObject *obj;
    if (decode) {
        obj = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)end);
        if (obj) {
            memset(PyBytes_AS_STRING(obj), 0, (size_t)end);
            PyBytes_AS_STRING(obj)[start] = (char)bad;
        }
    } else {
        if (bad > 0x10ffff) return NULL;
        obj = PyUnicode_New((Py_ssize_t)end, bad > '?' ? bad : '?');
        for (unsigned long long i = 0; obj && i < end; i++)
            PyUnicode_WriteChar(obj, (Py_ssize_t)i, i == start ? bad : '?');
    }
    if (!obj) return NULL;
    PyObject *r = PyObject_CallFunction(cls, "sOnns", enc, obj, (Py_ssize_t)start, (Py_ssize_t)end,
                                        reason);
    Py_DECREF(obj);
    return r;
}

PyObject *px_exc_to_py(px_mod *ms, px_ctx *c, pe_value e, int depth) {
    if (c->host_id && pe_value_id(e) == c->host_id) return Py_NewRef(c->host_exc);
    int id = pe_exception_type(e);
    if (id < 0 || id >= ms->nexc) id = ms->id.Exception;
    PyObject *cls = ms->exc_map[id];
    PyObject *script_cls = NULL; /* a class the script defined: its host stand-in */
    const char *tn = pe_value_type_name(e), *bn = pe_exception_type_name_of(id);
    if (tn && bn && strcmp(tn, bn) != 0 && cls != ms->LimitError) {
        PyObject *mod = PyImport_ImportModule("pyexpr._script_exc");
        if (mod) {
            script_cls = PyObject_CallMethod(mod, "script_exception_class", "sO", tn, cls);
            Py_DECREF(mod);
        }
        if (!script_cls) return NULL;
        cls = script_cls;
    }
    /* args */
    pe_value pargs = pe_exception_args(e);
    size_t n = pe_value_type(pargs) == PE_TYPE_TUPLE ? pe_value_len(pargs) : 0;
    PyObject *args = PyTuple_New((Py_ssize_t)n);
    if (!args) {
        Py_XDECREF(script_cls);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        PyObject *pa = px_exc_arg(ms, c, pe_value_item(pargs, i), depth);
        if (!pa) {
            Py_DECREF(args);
            Py_XDECREF(script_cls);
            return NULL;
        }
        PyTuple_SET_ITEM(args, (Py_ssize_t)i, pa);
    }
    pe_value fname, fname2;
    int nfn = n == 2 ? pe_exception_oserror_filenames(e, &fname, &fname2) : -1;
    if (nfn > 0) {
        /* the engine keeps OSError's filenames out of args, as CPython:
         * rebuild OSError(errno, strerror, filename[, None, filename2]) */
        bool two = nfn > 1;
        PyObject *full = PyTuple_New(two ? 5 : 3);
        pe_value extra[3] = {fname, pe_value_none(), fname2};
        for (int i = 0; full && i < (two ? 3 : 1); i++) {
            PyObject *pa = px_exc_arg(ms, c, extra[i], depth);
            if (!pa)
                Py_CLEAR(full);
            else
                PyTuple_SET_ITEM(full, 2 + i, pa);
        }
        if (!full) {
            Py_DECREF(args);
            Py_XDECREF(script_cls);
            return NULL;
        }
        for (Py_ssize_t i = 0; i < 2; i++)
            PyTuple_SET_ITEM(full, i, Py_NewRef(PyTuple_GET_ITEM(args, i)));
        Py_SETREF(args, full);
    }
    PyObject *r;
    if (pe_exception_matches(e, ms->id.SyntaxError))
        r = px_syntax_error(cls, e, args);
    else if ((pe_exception_matches(e, ms->id.UnicodeEncodeError) ||
              pe_exception_matches(e, ms->id.UnicodeDecodeError)) &&
             (r = px_unicode_error(cls, args)) != NULL)
        ;
    else {
        PyErr_Clear();
        r = PyObject_Call(cls, args, NULL);
    }
    Py_DECREF(args);
    Py_XDECREF(script_cls);
    if (!r) return NULL;
    if (!PyExceptionInstance_Check(r)) return r; /* cannot happen */
    if (depth < 16) { /* __cause__ / __context__ chains */
        pe_value cause = pe_exception_cause(e), context = pe_exception_context(e);
        if (pe_value_type(cause) == PE_TYPE_EXCEPTION) {
            PyObject *pc = px_exc_to_py(ms, c, cause, depth + 1);
            if (!pc) {
                Py_DECREF(r);
                return NULL;
            }
            PyException_SetCause(r, pc); /* steals; sets __suppress_context__ */
        } else if (pe_exception_suppress_context(e)) {
            PyObject_SetAttrString(r, "__suppress_context__", Py_True);
        }
        if (pe_value_type(context) == PE_TYPE_EXCEPTION) {
            PyObject *px = px_exc_to_py(ms, c, context, depth + 1);
            if (!px) {
                Py_DECREF(r);
                return NULL;
            }
            PyException_SetContext(r, px); /* steals */
        }
    }
    return r;
}

/* Raises the engine's pending exception as a Python exception and clears
 * it in the engine. */
void px_raise_engine_exc(px_mod *ms, px_ctx *c) {
    pe_state *S = c->S;
    if (!pe_has_exception(S)) {
        PyErr_SetString(PyExc_SystemError, "pyexpr: run failed without an exception");
        return;
    }
    /* converting may raise (and clear) in the engine: hold e, clear it first */
    pe_value e = pe_exception(S);
    pe_value_retain(e);
    pe_exception_clear(S);
    PyObject *exc = px_exc_to_py(ms, c, e, 0);
    pe_value_release(S, e);
    if (exc) px_restore_exc(exc);
}

/* The engine exception type for a Python exception: the nearest class in
 * its MRO that is one of the engine's builtin exceptions. */
int px_pe_exc_type(px_mod *ms, PyObject *exc) {
    PyObject *mro = Py_TYPE(exc)->tp_mro;
    Py_ssize_t n = mro ? PyTuple_GET_SIZE(mro) : 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cls = PyTuple_GET_ITEM(mro, i);
        for (int id = 0; id < ms->nexc; id++)
            if (ms->exc_map[id] == cls) return id;
    }
    return ms->id.Exception;
}

/* The engine args of Python exception exc: its args converted, else
 * (str(exc),), else (). PX_OK or PX_EPE. */
static int px_host_exc_args(px_ctx *c, PyObject *exc, pe_value *args) {
    pe_state *S = c->S;
    PyObject *pargs = ((PyBaseExceptionObject *)exc)->args;
    px_in ci = {c, NULL, !c->allow_callables};
    int r = pargs && PyTuple_Check(pargs) ? px_in_val(&ci, pargs, args, 0) : PX_EBAD;
    if (r == PX_OK) return PX_OK;
    if (r == PX_EPY) PyErr_Clear();
    if (r == PX_EPE) pe_exception_clear(S);
    pe_value s;
    PyObject *str = PyObject_Str(exc);
    if (!str) {
        PyErr_Clear();
        str = PyUnicode_FromString(Py_TYPE(exc)->tp_name);
    }
    r = str ? px_in_str(&ci, str, &s) : PX_EPY;
    Py_XDECREF(str);
    if (r == PX_OK) {
        r = pe_make_tuple(S, 1, &s, args) ? PX_EPE : PX_OK;
        pe_value_release(S, s);
    }
    if (r == PX_EPY) {
        PyErr_Clear();
        r = pe_make_tuple(S, 0, NULL, args) ? PX_EPE : PX_OK;
    }
    return r;
}

/* A host call raised: keep the Python exception (it propagates out of the
 * run as the very same object) and raise its engine stand-in. */
void px_host_failed(px_mod *ms, px_ctx *c) {
    pe_state *S = c->S;
    PyObject *exc = px_fetch_exc();
    if (!exc) {
        pe_raise_id(S, ms->id.RuntimeError, "a Python function failed without an exception");
        return;
    }
    int id = px_pe_exc_type(ms, exc);
    pe_value args, ev;
    bool made = false;
    if (px_host_exc_args(c, exc, &args) == PX_OK) {
        if (pe_make_exception(S, id, args, &ev) == 0) {
            pe_raise_value(S, ev);
            made = pe_value_id(pe_exception(S)) == pe_value_id(ev);
            pe_value_release(S, ev);
        }
        pe_value_release(S, args);
    }
    if (!made) { /* no room for the stand-in: the engine's error (MemoryError, LimitError) wins */
        if (!pe_has_exception(S)) px_raise_nomem(c);
        Py_DECREF(exc);
        return;
    }
    if (c->host_id) pe_value_release(S, c->host_pe);
    Py_XDECREF(c->host_exc);
    c->host_exc = exc;
    c->host_pe = pe_exception(S);
    pe_value_retain(c->host_pe);
    c->host_id = pe_value_id(c->host_pe);
}
