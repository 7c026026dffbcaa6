/*
 * hostobj.c - host objects with a policy (issue 15, docs/host.md): Python
 * objects that scripts read (and, where allowed, write and call methods
 * of) with attribute syntax.
 *
 *  - A policy (pyexpr._pyexpr.Policy, made by pyexpr.expose /
 *    register_type through _policy()) names, for one Python type, the
 *    readable attributes, the writable ones and the callable methods. It
 *    embeds the pe_host_class its objects are made with: the class's name
 *    is the type's name, so every engine message names the host's type
 *    ("'Order' object has no attribute 'x'"). Policies are cached by
 *    (type, attrs, methods, writable) and live as long as the module (the
 *    pooled states keep pointers to their classes).
 *  - An engine host object of a policy's class has the Python object itself
 *    as ud (BORROWED: the run's keep list holds it). Converting it back to
 *    Python gives the very same object.
 *  - obj.name: a linear scan of the policy's names (a handful; no Python
 *    dict, no str object made), then PyObject_GetAttr with the interned
 *    name and the usual conversion (callables refused, as for results of
 *    host functions). A method becomes a host function wrapping the bound
 *    method, made once per (object, method) and run.
 *  - pyexpr.shared(list_or_dict): the script gets a copy, written back into
 *    the host's container in place when the run ends.
 */
#include <stddef.h>

#include "ext_internal.h"
#if PY_VERSION_HEX < 0x030C0000
#include <structmember.h> /* T_OBJECT_EX (3.12: Py_T_OBJECT_EX in Python.h) */
#define Py_T_OBJECT_EX T_OBJECT_EX
#endif

static int px_obj_getattr(pe_state *S, const pe_host_class *cls, void *ud, const char *name,
                          size_t len, pe_value *out);
static int px_obj_setattr(pe_state *S, const pe_host_class *cls, void *ud, const char *name,
                          size_t len, const pe_value *val);

static inline px_policy *px_policy_of(const pe_host_class *cls) {
    return (px_policy *)(void *)((char *)cls - offsetof(px_policy, cls));
}

/* ------------------------------------------------------------------ */
/* Policy objects                                                      */
/* ------------------------------------------------------------------ */

static void px_policy_dealloc(PyObject *self) {
    px_policy *p = (px_policy *)self;
    PyTypeObject *tp = Py_TYPE(self);
    for (Py_ssize_t i = 0; i < p->n; i++) Py_XDECREF(p->attrs[i].pyname);
    PyMem_Free(p->attrs);
    PyMem_Free(p->tname);
    Py_XDECREF(p->type);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static PyObject *px_policy_repr(PyObject *self) {
    px_policy *p = (px_policy *)self;
    return PyUnicode_FromFormat("<pyexpr policy for '%s' (%zd names)>", p->tname, p->n);
}

static PyType_Slot px_policy_slots[] = {
    {Py_tp_doc, (void *)"What scripts may do with objects of one host type (pyexpr.expose)."},
    {Py_tp_dealloc, (void *)px_policy_dealloc},
    {Py_tp_repr, (void *)px_policy_repr},
    {0, NULL},
};

PyType_Spec px_policy_spec = {
    .name = "pyexpr.Policy",
    .basicsize = sizeof(px_policy),
    .flags = Py_TPFLAGS_DEFAULT
#ifdef Py_TPFLAGS_DISALLOW_INSTANTIATION
             | Py_TPFLAGS_DISALLOW_INSTANTIATION
#endif
    ,
    .slots = px_policy_slots,
};

/* Adds the names of tuple `names` with kind bits to p (a name already
 * there gets the bits added). */
static int px_policy_add(px_policy *p, PyObject *names, unsigned kind, Py_ssize_t cap) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        PyObject *s = PyTuple_GET_ITEM(names, i);
        Py_ssize_t len;
        const char *u = PyUnicode_Check(s) ? PyUnicode_AsUTF8AndSize(s, &len) : NULL;
        if (!u) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "attribute names must be str, not %.100s",
                             Py_TYPE(s)->tp_name);
            return -1;
        }
        if (len >= 2 && u[0] == '_' && u[1] == '_') {
            PyErr_Format(PyExc_ValueError, "cannot expose the special attribute %R", s);
            return -1;
        }
        Py_ssize_t j = 0;
        while (j < p->n && PyUnicode_Compare(p->attrs[j].pyname, s)) j++;
        if (j == p->n) {
            if (p->n == cap) return -1; /* cannot happen: cap counts every name */
            Py_INCREF(s);
            PyUnicode_InternInPlace(&s);
            p->attrs[j].pyname = s;
            p->attrs[j].name = PyUnicode_AsUTF8AndSize(s, &len);
            p->attrs[j].len = (size_t)len;
            p->attrs[j].kind = 0;
            p->n++;
        }
        p->attrs[j].kind |= kind;
    }
    return 0;
}

static int px_check_str_tuple(PyObject *t, const char *what) {
    if (PyTuple_Check(t)) return 0;
    PyErr_Format(PyExc_TypeError, "_policy(): %s must be a tuple, not %.100s", what,
                 Py_TYPE(t)->tp_name);
    return -1;
}

/* _policy(type, attrs, methods, writable): the cached policy. */
PyObject *px_mod_policy(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    px_mod *ms = px_state(module);
    if (nargs != 4)
        return PyErr_Format(PyExc_TypeError, "_policy() takes 4 arguments (%zd given)", nargs);
    if (!PyType_Check(args[0]))
        return PyErr_Format(PyExc_TypeError, "_policy(): a type is required, not %.100s",
                            Py_TYPE(args[0])->tp_name);
    if (px_check_str_tuple(args[1], "attrs") < 0 || px_check_str_tuple(args[2], "methods") < 0 ||
        px_check_str_tuple(args[3], "writable") < 0)
        return NULL;
    PyObject *key = PyTuple_Pack(4, args[0], args[1], args[2], args[3]);
    if (!key) return NULL;
    PyObject *hit = PyDict_GetItemWithError(ms->policies, key);
    if (hit || PyErr_Occurred()) {
        Py_DECREF(key);
        return hit ? Py_NewRef(hit) : NULL;
    }
    px_policy *p = PyObject_New(px_policy, ms->Policy_type);
    if (!p) {
        Py_DECREF(key);
        return NULL;
    }
    memset((char *)p + sizeof(PyObject), 0, sizeof *p - sizeof(PyObject));
    p->type = Py_NewRef(args[0]);
    p->ms = ms;
    Py_ssize_t cap = PyTuple_GET_SIZE(args[1]) + PyTuple_GET_SIZE(args[2]) +
                     PyTuple_GET_SIZE(args[3]);
    const char *tn = ((PyTypeObject *)args[0])->tp_name;
    const char *dot = strrchr(tn, '.'); /* "module.Name": scripts see "Name", as CPython shows */
    if (dot) tn = dot + 1;
    size_t tl = strlen(tn);
    p->attrs = PyMem_Calloc(cap ? (size_t)cap : 1, sizeof *p->attrs);
    p->tname = PyMem_Malloc(tl + 1);
    if (!p->attrs || !p->tname) {
        PyErr_NoMemory();
        goto fail;
    }
    memcpy(p->tname, tn, tl + 1);
    if (px_policy_add(p, args[1], PX_A_READ, cap) < 0 ||
        px_policy_add(p, args[2], PX_A_CALL, cap) < 0 ||
        px_policy_add(p, args[3], PX_A_READ | PX_A_WRITE, cap) < 0)
        goto fail;
    p->cls.name = p->tname;
    p->cls.repr = px_host_repr;
    p->cls.getattr = px_obj_getattr;
    p->cls.setattr = px_obj_setattr;
    if (PyDict_SetItem(ms->policies, key, (PyObject *)p) < 0) goto fail;
    Py_DECREF(key);
    return (PyObject *)p;
fail:
    Py_DECREF(key);
    Py_DECREF(p);
    return NULL;
}

/* _register_type(type, policy or None): instances of exactly that type
 * cross as host objects of the policy. */
PyObject *px_mod_register_type(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    px_mod *ms = px_state(module);
    if (nargs != 2 || !PyType_Check(args[0]))
        return PyErr_Format(PyExc_TypeError, "_register_type(type, policy)");
    ms->pol_type = NULL; /* px_auto_policy's last hit */
    ms->pol_hit = NULL;
    if (args[1] == Py_None) {
        if (PyDict_DelItem(ms->type_policies, args[0]) < 0) {
            if (!PyErr_ExceptionMatches(PyExc_KeyError)) return NULL;
            PyErr_Clear();
        }
        Py_RETURN_NONE;
    }
    if (Py_TYPE(args[1]) != ms->Policy_type)
        return PyErr_Format(PyExc_TypeError, "_register_type(): a policy is required");
    if (PyDict_SetItem(ms->type_policies, args[0], args[1]) < 0) return NULL;
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ */
/* Reading attributes (issue 15: the pricing-rule benchmark)           */
/* ------------------------------------------------------------------ */

/* How px_read_attr reads attribute a of an instance of a->rd_type. Every
 * plan is what PyObject_GenericGetAttr would do for that type at that
 * version (the type's getattro is the generic one, checked when planning):
 *  - SLOT: a __slots__ member (a data descriptor: it wins over the
 *    instance dict): the object pointer at rd_off (NULL: unset);
 *  - DICT: no data descriptor of that name in the class: the instance dict
 *    at tp_dictoffset rd_off first;
 *  - VALUES (CPython 3.11 only): the same for a class whose instances keep
 *    their attributes inline (Py_TPFLAGS_MANAGED_DICT): value rd_off of
 *    the class's shared keys, or the dict when one was made;
 *  - GENERIC: PyObject_GetAttr.
 * A miss (no value there) falls back to PyObject_GetAttr, which finds a
 * class attribute or raises CPython's AttributeError. */
enum { PX_RD_GENERIC = 1, PX_RD_SLOT, PX_RD_DICT, PX_RD_VALUES };

#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
#define PX_RD_HAVE_VALUES 1
/* CPython 3.11's layout of a class's shared instance keys (the header of a
 * PyDictKeysObject, then the index table, then (key, value) entries) and
 * of a managed-dict object (values pointer at -4, dict pointer at -3
 * words before the object). 3.11 only: 3.12 and 3.13 changed both. */
typedef struct {
    Py_ssize_t refcnt;
    uint8_t log2_size, log2_index_bytes, kind;
    uint32_t version;
    Py_ssize_t usable, nentries;
    char indices[];
} px_keys311;

/* The index of name in tp's shared keys, or -1. */
static Py_ssize_t px_values_index(PyTypeObject *tp, PyObject *name) {
    if (!(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) || !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE))
        return -1;
    const px_keys311 *k = (const px_keys311 *)((PyHeapTypeObject *)tp)->ht_cached_keys;
    if (!k || k->kind != 2 /* split */ || k->log2_index_bytes > 40) return -1;
    PyObject *const *ent = (PyObject *const *)(k->indices + ((size_t)1 << k->log2_index_bytes));
    for (Py_ssize_t i = 0; i < k->nentries && i < 250; i++)
        if (ent[2 * i] == name) return i; /* both interned */
    return -1;
}
#endif

static void px_attr_plan(px_attr *a, PyTypeObject *tp) {
    a->rd_type = NULL;
    a->rd_kind = PX_RD_GENERIC;
    if (tp->tp_getattro != PyObject_GenericGetAttr) return;
    PyObject *d = _PyType_Lookup(tp, a->pyname); /* borrowed; gives tp a version tag */
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)) return;
    a->rd_type = tp;
    a->rd_tag = tp->tp_version_tag;
    if (d && Py_IS_TYPE(d, &PyMemberDescr_Type)) {
        PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
        if (m->type == Py_T_OBJECT_EX && (m->flags & ~1) == 0 /* READONLY at most */ &&
            m->offset > 0) {
            a->rd_kind = PX_RD_SLOT;
            a->rd_off = m->offset;
        }
        return;
    }
    if (d && Py_TYPE(d)->tp_descr_set) return; /* a property or other data descriptor */
    if (tp->tp_dictoffset > 0) {
        a->rd_kind = PX_RD_DICT;
        a->rd_off = tp->tp_dictoffset;
        return;
    }
#ifdef PX_RD_HAVE_VALUES
    Py_ssize_t ix = px_values_index(tp, a->pyname);
    if (ix >= 0) {
        a->rd_kind = PX_RD_VALUES;
        a->rd_off = ix;
    }
#endif
}

PyObject *px_read_attr(px_attr *a, PyObject *o) {
    PyTypeObject *tp = Py_TYPE(o);
    if (PX_UNLIKELY(tp != a->rd_type || tp->tp_version_tag != a->rd_tag ||
                    !(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)))
        px_attr_plan(a, tp);
    PyObject *v = NULL, *dict = NULL;
    switch (a->rd_kind) {
    case PX_RD_SLOT: v = *(PyObject **)((char *)o + a->rd_off); break;
    case PX_RD_DICT: dict = *(PyObject **)((char *)o + a->rd_off); break;
#ifdef PX_RD_HAVE_VALUES
    case PX_RD_VALUES:
        dict = ((PyObject **)o)[-3];
        if (!dict) {
            PyObject **values = ((PyObject ***)o)[-4];
            if (values) v = values[a->rd_off];
        }
        break;
#endif
    default: break;
    }
    if (dict) {
        v = PyDict_GetItemWithError(dict, a->pyname);
        if (!v && PyErr_Occurred()) return NULL;
    }
    if (v) return Py_NewRef(v);
    return PyObject_GetAttr(o, a->pyname);
}

/* ------------------------------------------------------------------ */
/* Exposed and Shared wrappers                                         */
/* ------------------------------------------------------------------ */

static void px_wrap_dealloc(PyObject *self) {
    px_wrap *w = (px_wrap *)self;
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    Py_CLEAR(w->obj);
    Py_CLEAR(w->policy);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static int px_wrap_traverse(PyObject *self, visitproc visit, void *arg) {
    px_wrap *w = (px_wrap *)self;
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(w->obj);
    Py_VISIT(w->policy);
    return 0;
}

static int px_wrap_clear(PyObject *self) {
    px_wrap *w = (px_wrap *)self;
    Py_CLEAR(w->obj);
    Py_CLEAR(w->policy);
    return 0;
}

static PyObject *px_wrap_repr(PyObject *self) {
    px_wrap *w = (px_wrap *)self;
    return PyUnicode_FromFormat("pyexpr.%s(%R)", w->policy ? "expose" : "shared", w->obj);
}

static PyObject *px_wrap_get_obj(PyObject *self, void *closure) {
    (void)closure;
    px_wrap *w = (px_wrap *)self;
    return Py_NewRef(w->obj ? w->obj : Py_None);
}

static PyGetSetDef px_wrap_getset[] = {
    {"obj", px_wrap_get_obj, NULL, "The wrapped host object.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyObject *px_wrap_new(PyTypeObject *tp, PyObject *obj, PyObject *policy) {
    px_wrap *w = PyObject_GC_New(px_wrap, tp);
    if (!w) return NULL;
    w->obj = Py_NewRef(obj);
    w->policy = policy ? Py_NewRef(policy) : NULL;
    PyObject_GC_Track(w);
    return (PyObject *)w;
}

/* pyexpr.Exposed; pyexpr.Shared is made from a copy with the other name
 * (module.c). */
static PyType_Slot px_wrap_slots[] = {
    {Py_tp_doc, (void *)"A host object with a policy (pyexpr.expose), or a list or dict a "
                        "script may change in place (pyexpr.shared)."},
    {Py_tp_dealloc, (void *)px_wrap_dealloc},
    {Py_tp_traverse, (void *)px_wrap_traverse},
    {Py_tp_clear, (void *)px_wrap_clear},
    {Py_tp_repr, (void *)px_wrap_repr},
    {Py_tp_getset, px_wrap_getset},
    {0, NULL},
};

PyType_Spec px_wrap_spec = {
    .name = "pyexpr.Exposed",
    .basicsize = sizeof(px_wrap),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC
#ifdef Py_TPFLAGS_DISALLOW_INSTANTIATION
             | Py_TPFLAGS_DISALLOW_INSTANTIATION
#endif
    ,
    .slots = px_wrap_slots,
};

/* _expose(obj, policy) */
PyObject *px_mod_expose(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    px_mod *ms = px_state(module);
    if (nargs != 2 || Py_TYPE(args[1]) != ms->Policy_type)
        return PyErr_Format(PyExc_TypeError, "_expose(obj, policy)");
    if (!PyObject_TypeCheck(args[0], (PyTypeObject *)((px_policy *)args[1])->type))
        return PyErr_Format(PyExc_TypeError, "_expose(): the policy is for '%s' objects, not %.100s",
                            ((px_policy *)args[1])->tname, Py_TYPE(args[0])->tp_name);
    return px_wrap_new(ms->Exposed_type, args[0], args[1]);
}

/* shared(obj): obj a list or dict. */
PyObject *px_mod_shared(PyObject *module, PyObject *obj) {
    px_mod *ms = px_state(module);
    if (!PyList_CheckExact(obj) && !PyDict_CheckExact(obj))
        return PyErr_Format(PyExc_TypeError, "shared() takes a list or a dict, not %.100s",
                            Py_TYPE(obj)->tp_name);
    return px_wrap_new(ms->Shared_type, obj, NULL);
}

/* ------------------------------------------------------------------ */
/* Conversion                                                          */
/* ------------------------------------------------------------------ */

/* The policy scripts see o with (borrowed), or NULL (no Python error):
 * an Exposed wrapper's, a registered type's, or a namedtuple's (its
 * fields, read-only; made and registered on first sight). */
px_policy *px_auto_policy(px_mod *ms, PyObject *o) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == ms->pol_type) return (px_policy *)ms->pol_hit; /* rows of one type */
    PyObject *p = PyDict_GetItemWithError(ms->type_policies, (PyObject *)tp);
    if (p) {
        ms->pol_type = tp; /* type_policies holds both; _register_type forgets them */
        ms->pol_hit = p;
        return (px_policy *)p;
    }
    if (PyErr_Occurred() || !PyTuple_Check(o) || PyTuple_CheckExact(o)) return NULL;
    /* a namedtuple: a tuple subclass whose class (or a base) has a tuple of
     * str _fields (looked up in the MRO's dicts: no Python code runs) */
    PyObject *fields = NULL, *mro = tp->tp_mro;
    for (Py_ssize_t i = 0; !fields && mro && i < PyTuple_GET_SIZE(mro); i++) {
        PyObject *d = ((PyTypeObject *)PyTuple_GET_ITEM(mro, i))->tp_dict;
        fields = d ? PyDict_GetItemString(d, "_fields") : NULL;
    }
    if (!fields || !PyTuple_Check(fields)) return NULL;
    PyObject *empty = PyTuple_New(0);
    if (!empty) return NULL;
    PyObject *args[4] = {(PyObject *)tp, fields, empty, empty};
    PyObject *mod = PyType_GetModule(ms->Policy_type);
    PyObject *pol = mod ? px_mod_policy(mod, args, 4) : NULL;
    Py_DECREF(empty);
    if (pol && PyDict_SetItem(ms->type_policies, (PyObject *)tp, pol) < 0) Py_CLEAR(pol);
    Py_XDECREF(pol); /* the policy cache holds it */
    return (px_policy *)pol;
}

/* A host object of policy p for o. */
static int px_in_policy(px_in *ci, px_policy *p, PyObject *o, pe_value *out) {
    if (pe_make_host(ci->c->S, &p->cls, o, out)) return PX_EPE;
    if (px_keep(ci->c, o) < 0) {
        pe_value_release(ci->c->S, *out);
        PyErr_NoMemory();
        return PX_EPY;
    }
    return PX_OK;
}

/* numpy scalars (recognised by their type's module, numpy is never
 * imported): integers as int, floating point as float, numpy.bool_ as bool. */
static int px_in_numpy(px_in *ci, PyObject *o, pe_value *out) {
    PyTypeObject *tp = Py_TYPE(o);
    const char *n = tp->tp_name + 6;
    if (!strcmp(n, "bool_") || !strcmp(n, "bool")) {
        int t = PyObject_IsTrue(o);
        if (t < 0) return PX_EPY;
        *out = pe_value_bool(t);
        return PX_OK;
    }
    PyNumberMethods *nb = tp->tp_as_number;
    if (nb && nb->nb_index && !nb->nb_float) {
        PyObject *i = PyNumber_Index(o);
        if (!i) return PX_EPY;
        int r = px_in_val(ci, i, out, 0);
        Py_DECREF(i);
        return r;
    }
    if (nb && nb->nb_float && strstr(n, "complex") == NULL) {
        if (nb->nb_index) { /* integer types with __float__ too */
            PyObject *i = PyNumber_Index(o);
            if (i) {
                int r = px_in_val(ci, i, out, 0);
                Py_DECREF(i);
                return r;
            }
            PyErr_Clear();
        }
        double d = PyFloat_AsDouble(o);
        if (d == -1.0 && PyErr_Occurred()) return PX_EPY;
        *out = pe_value_float(d);
        return PX_OK;
    }
    ci->bad = o;
    return PX_EBAD;
}

/* ------------------------------------------------------------------ */
/* datetime, fractions, decimal: the engine's own classes               */
/* ------------------------------------------------------------------ */

/* The standard-library value classes that cross as the engine's classes of
 * the same module and name (exact types only; subclasses are refused). */
typedef enum { PX_SL_NONE, PX_SL_DATETIME, PX_SL_DATE, PX_SL_TIME, PX_SL_TIMEDELTA,
               PX_SL_TIMEZONE, PX_SL_FRACTION, PX_SL_DECIMAL } px_sl_kind;

static const struct {
    const char *module, *name;
} px_sl_names[] = {{NULL, NULL},           {"datetime", "datetime"},  {"datetime", "date"},
                   {"datetime", "time"},   {"datetime", "timedelta"}, {"datetime", "timezone"},
                   {"fractions", "Fraction"}, {"decimal", "Decimal"}};

static px_sl_kind px_sl_of_type(PyTypeObject *tp) {
    const char *n = tp->tp_name;
    if (!strncmp(n, "datetime.", 9)) {
        for (int k = PX_SL_DATETIME; k <= PX_SL_TIMEZONE; k++)
            if (!strcmp(n + 9, px_sl_names[k].name)) return (px_sl_kind)k;
        return PX_SL_NONE;
    }
    if (!strcmp(n, "decimal.Decimal")) return PX_SL_DECIMAL; /* the C _decimal type */
    if (!strcmp(n, "Fraction") || !strcmp(n, "Decimal")) {  /* classes written in Python */
        PyObject *m = tp->tp_dict ? PyDict_GetItemString(tp->tp_dict, "__module__") : NULL;
        if (m && PyUnicode_Check(m)) {
            if (!PyUnicode_CompareWithASCIIString(m, "fractions") && n[0] == 'F')
                return PX_SL_FRACTION;
            if ((!PyUnicode_CompareWithASCIIString(m, "decimal") ||
                 !PyUnicode_CompareWithASCIIString(m, "_pydecimal")) && n[0] == 'D')
                return PX_SL_DECIMAL;
        }
    }
    return PX_SL_NONE;
}

/* Python attributes o.names[i] as ints (or any value: converted) into argv. */
static int px_sl_args(px_in *ci, PyObject *o, const char *const *names, int n, pe_value *argv) {
    for (int i = 0; i < n; i++) {
        PyObject *v = PyObject_GetAttrString(o, names[i]);
        if (!v) return PX_EPY;
        int r = px_in_val(ci, v, &argv[i], 1);
        Py_DECREF(v);
        if (r) {
            while (i--) pe_value_release(ci->c->S, argv[i]);
            return r;
        }
    }
    return PX_OK;
}

/* module.name(*argv[0..n)) in the engine; argv released. */
static int px_sl_make(px_in *ci, px_sl_kind k, int n, pe_value *argv, pe_value *out) {
    pe_state *S = ci->c->S;
    pe_value mod, cls, kw = pe_value_none(), fold;
    int r = PX_EPE;
    /* datetime and time: the last argument is fold=, keyword-only */
    bool has_fold = k == PX_SL_DATETIME || k == PX_SL_TIME;
    if (has_fold && (pe_make_str(S, "fold", 4, &fold) || pe_make_tuple(S, 1, &fold, &kw))) {
        if (pe_value_type(fold) == PE_TYPE_STR) pe_value_release(S, fold);
        has_fold = false;
        n = -n; /* (error: release only) */
    } else if (has_fold) {
        pe_value_release(S, fold);
    }
    if (n >= 0 && pe_import_module(S, px_sl_names[k].module, &mod) == 0) {
        if (pe_value_getattr(S, mod, px_sl_names[k].name, &cls) == 0) {
            if (pe_value_call(S, cls, n, argv, kw, out) == 0) r = PX_OK;
            pe_value_release(S, cls);
        }
        pe_value_release(S, mod);
    }
    if (n < 0) n = -n;
    pe_value_release(S, kw);
    for (int i = 0; i < n; i++) pe_value_release(S, argv[i]);
    return r;
}

static int px_in_stdlib(px_in *ci, PyObject *o, px_sl_kind k, pe_value *out) {
    static const char *const dt[] = {"year", "month", "day", "hour", "minute", "second",
                                     "microsecond", "tzinfo", "fold"};
    static const char *const tm[] = {"hour", "minute", "second", "microsecond", "tzinfo", "fold"};
    static const char *const td[] = {"days", "seconds", "microseconds"};
    static const char *const fr[] = {"numerator", "denominator"};
    pe_value argv[9];
    int n = 0, r;
    switch (k) {
    case PX_SL_DATETIME: n = 9, r = px_sl_args(ci, o, dt, n, argv); break;
    case PX_SL_DATE: n = 3, r = px_sl_args(ci, o, dt, n, argv); break;
    case PX_SL_TIME: n = 6, r = px_sl_args(ci, o, tm, n, argv); break;
    case PX_SL_TIMEDELTA: n = 3, r = px_sl_args(ci, o, td, n, argv); break;
    case PX_SL_FRACTION: n = 2, r = px_sl_args(ci, o, fr, n, argv); break;
    case PX_SL_TIMEZONE: { /* timezone(offset[, name]): its constructor arguments */
        PyObject *a = PyObject_CallMethod(o, "__getinitargs__", NULL);
        if (!a) return PX_EPY;
        n = PyTuple_Check(a) && PyTuple_GET_SIZE(a) <= 2 ? (int)PyTuple_GET_SIZE(a) : 0;
        r = PX_OK;
        for (int i = 0; i < n && r == PX_OK; i++) {
            r = px_in_val(ci, PyTuple_GET_ITEM(a, i), &argv[i], 1);
            if (r) n = i;
        }
        Py_DECREF(a);
        if (r) {
            for (int i = 0; i < n; i++) pe_value_release(ci->c->S, argv[i]);
            return r;
        }
        break;
    }
    case PX_SL_DECIMAL: { /* Decimal(str(d)): exact, specials included */
        PyObject *s = PyObject_Str(o);
        if (!s) return PX_EPY;
        r = px_in_str(ci, s, &argv[0]);
        Py_DECREF(s);
        n = 1;
        break;
    }
    default: return PX_ENONE;
    }
    if (r) return r;
    return px_sl_make(ci, k, n, argv, out);
}

/* The engine's datetime/date/time/timedelta/timezone/Fraction/Decimal value
 * v as the host's (a new reference), NULL with a Python error, or NULL
 * without one when v is none of those (*handled false). */
PyObject *px_out_stdlib(px_out *co, pe_value v, bool *handled) {
    *handled = false;
    const char *tn = pe_value_type_name(v), *dot = strrchr(tn, '.');
    if (dot) tn = dot + 1; /* "datetime.date", "decimal.Decimal": C types in CPython */
    int k = PX_SL_DATETIME;
    while (k <= PX_SL_DECIMAL && strcmp(tn, px_sl_names[k].name)) k++;
    if (k > PX_SL_DECIMAL) return NULL;
    pe_state *S = co->c->S;
    pe_value mod, cls, vcls;
    bool same = false;
    if (pe_import_module(S, px_sl_names[k].module, &mod) == 0) {
        if (pe_value_getattr(S, mod, px_sl_names[k].name, &cls) == 0) {
            if (pe_value_getattr(S, v, "__class__", &vcls) == 0) {
                same = pe_value_id(vcls) == pe_value_id(cls);
                pe_value_release(S, vcls);
            }
            pe_value_release(S, cls);
        }
        pe_value_release(S, mod);
    }
    if (pe_has_exception(S)) pe_exception_clear(S);
    if (!same) return NULL; /* a script's class of that name */
    *handled = true;
    static const char *const fields[][10] = {
        {NULL},
        {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold", NULL},
        {"year", "month", "day", NULL},
        {"hour", "minute", "second", "microsecond", "tzinfo", "fold", NULL},
        {"days", "seconds", "microseconds", NULL},
        {NULL},
        {"numerator", "denominator", NULL},
        {NULL}};
    PyObject *args = PyList_New(0), *res = NULL, *kw = NULL;
    if (!args) return NULL;
    if (k == PX_SL_TIMEZONE || k == PX_SL_DECIMAL) { /* timezone: by its args; Decimal: str */
        pe_value a;
        const char *how = k == PX_SL_TIMEZONE ? "__getinitargs__" : "__str__";
        pe_value m;
        if (pe_value_getattr(S, v, how, &m) == 0) {
            int cr = pe_value_call(S, m, 0, NULL, pe_value_none(), &a);
            pe_value_release(S, m);
            if (cr == 0) {
                PyObject *x = px_out_val(co, a, 1);
                pe_value_release(S, a);
                if (x && k == PX_SL_DECIMAL) {
                    int e = PyList_Append(args, x);
                    Py_DECREF(x);
                    if (e < 0) goto done;
                } else if (x) {
                    Py_SETREF(args, PySequence_List(x));
                    Py_DECREF(x);
                    if (!args) goto done;
                } else {
                    goto done;
                }
            }
        }
    } else {
        for (int i = 0; fields[k][i]; i++) {
            pe_value f;
            if (pe_value_getattr(S, v, fields[k][i], &f) < 0) break;
            PyObject *x = px_out_val(co, f, 1);
            pe_value_release(S, f);
            if (!x) goto done;
            int e = strcmp(fields[k][i], "fold") ? PyList_Append(args, x) : 0;
            if (!e && !strcmp(fields[k][i], "fold")) {
                kw = Py_BuildValue("{sO}", "fold", x);
                e = kw ? 0 : -1;
            }
            Py_DECREF(x);
            if (e < 0) goto done;
        }
    }
    if (pe_has_exception(S)) { /* a field could not be read: say so in the host */
        pe_exception_clear(S);
        PyErr_Format(PyExc_TypeError, "cannot convert a pyexpr '%s' to Python", tn);
        goto done;
    }
    {
        PyObject *m = PyImport_ImportModule(px_sl_names[k].module);
        PyObject *c = m ? PyObject_GetAttrString(m, px_sl_names[k].name) : NULL;
        PyObject *t = c ? PyList_AsTuple(args) : NULL;
        if (t) res = PyObject_Call(c, t, kw);
        Py_XDECREF(t);
        Py_XDECREF(c);
        Py_XDECREF(m);
    }
done:
    Py_XDECREF(args);
    Py_XDECREF(kw);
    return res;
}

int px_in_hostobj(px_in *ci, PyObject *o, pe_value *out, int depth) {
    px_mod *ms = ci->c->ms;
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == ms->Exposed_type) {
        px_wrap *w = (px_wrap *)o;
        return px_in_policy(ci, (px_policy *)w->policy, w->obj, out);
    }
    if (tp == ms->Shared_type) {
        px_wrap *w = (px_wrap *)o;
        int r = px_in_val(ci, w->obj, out, depth);
        if (r == PX_OK && px_shared_note(ci->c, *out, w->obj) < 0) {
            pe_value_release(ci->c->S, *out);
            return PX_EPY;
        }
        return r;
    }
    px_policy *p = px_auto_policy(ms, o);
    if (p) return px_in_policy(ci, p, o, out);
    if (PyErr_Occurred()) return PX_EPY;
    px_sl_kind sk = px_sl_of_type(tp);
    if (sk != PX_SL_NONE) return px_in_stdlib(ci, o, sk, out);
    if (!strncmp(tp->tp_name, "numpy.", 6)) {
        for (PyTypeObject *b = tp; b; b = b->tp_base) /* scalars only: numpy.generic's */
            if (!strcmp(b->tp_name, "numpy.generic")) return px_in_numpy(ci, o, out);
    }
    return PX_ENONE;
}

/* The host object behind v (a NEW reference) if v is one of a policy's
 * objects, else NULL. */
PyObject *px_out_hostobj(pe_value v) {
    const pe_host_class *cls = pe_host_class_of(v);
    if (!cls || cls->getattr != px_obj_getattr) return NULL;
    return Py_NewRef((PyObject *)pe_host_data(v, cls));
}

/* ------------------------------------------------------------------ */
/* Shared containers: written back when the run ends                   */
/* ------------------------------------------------------------------ */

int px_shared_note(px_ctx *c, pe_value v, PyObject *host) {
    if (c->nshared == c->sharedcap) {
        size_t cap = c->sharedcap ? c->sharedcap * 2 : 4;
        px_shared_ent *n = realloc(c->shared, cap * sizeof *n);
        if (!n) {
            PyErr_NoMemory();
            return -1;
        }
        c->shared = n;
        c->sharedcap = cap;
    }
    pe_value_retain(v);
    c->shared[c->nshared].v = v;
    c->shared[c->nshared].host = Py_NewRef(host);
    c->nshared++;
    return 0;
}

/* Writes every shared container back (GIL held, before pe_run_end): 0, or
 * -1 with a Python error (the first failure; the others are still done). */
int px_shared_writeback(px_ctx *c) {
    int rc = 0;
    for (size_t i = 0; i < c->nshared; i++) {
        px_shared_ent *e = &c->shared[i];
        px_out co = {c->ms, c, NULL, false};
        PyObject *val = rc == 0 ? px_out_val(&co, e->v, 0) : NULL;
        if (rc == 0 && !val) {
            px_out_error(&co, "a shared container's new content");
            rc = -1;
        } else if (val) {
            int r;
            if (PyList_Check(e->host))
                r = PyList_SetSlice(e->host, 0, PY_SSIZE_T_MAX, val);
            else {
                PyDict_Clear(e->host);
                r = PyDict_Update(e->host, val);
            }
            Py_DECREF(val);
            if (r < 0) rc = -1;
        }
        pe_value_release(c->S, e->v);
        Py_DECREF(e->host);
    }
    c->nshared = 0;
    return rc;
}

/* ------------------------------------------------------------------ */
/* The host class callbacks                                            */
/* ------------------------------------------------------------------ */

/* (names are short: a loop beats a call to memcmp) */
static inline bool px_same_bytes(const char *a, const char *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return false;
    return true;
}

static px_attr *px_find_attr(px_policy *p, const char *name, size_t len) {
    /* the hints: 32 slots, up to 4 probes from the name pointer's hash */
    unsigned h = (unsigned)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u) >> 59);
    for (unsigned k = 0; k < 4; k++) {
        unsigned s = (h + k) & 31u;
        px_attr *a = p->hint_attr[s];
        if (!a) break;
        if (p->hint[s] == name && a->len == len && px_same_bytes(a->name, name, len)) return a;
    }
    for (Py_ssize_t i = 0; i < p->n; i++) {
        px_attr *a = &p->attrs[i];
        if (a->len == len && a->name[0] == name[0] && !memcmp(a->name, name, len)) {
            unsigned s = h, k = 0;
            while (k < 3 && p->hint_attr[s] && p->hint[s] != name) s = (h + ++k) & 31u;
            p->hint[s] = name;
            p->hint_attr[s] = a;
            return a;
        }
    }
    return NULL;
}

/* The bound method of obj for a (one per object and method per run). */
static PyObject *px_bound_method(px_ctx *c, PyObject *obj, const px_attr *a) {
    if (!c->bound && !(c->bound = PyDict_New())) return NULL;
    PyObject *id = PyLong_FromVoidPtr(obj); /* the object is kept alive by the run */
    PyObject *k2 = id ? PyTuple_Pack(2, id, a->pyname) : NULL;
    Py_XDECREF(id);
    if (!k2) return NULL;
    PyObject *m = PyDict_GetItemWithError(c->bound, k2);
    if (m) {
        Py_DECREF(k2);
        return Py_NewRef(m);
    }
    m = PyErr_Occurred() ? NULL : PyObject_GetAttr(obj, a->pyname);
    if (m && PyDict_SetItem(c->bound, k2, m) < 0) Py_CLEAR(m);
    Py_DECREF(k2);
    return m;
}

static int px_obj_getattr(pe_state *S, const pe_host_class *cls, void *ud, const char *name,
                          size_t len, pe_value *out) {
    px_policy *p = px_policy_of(cls);
    px_ctx *c = pe_get_userdata(S);
    px_attr *a = px_find_attr(p, name, len);
    if (PX_UNLIKELY(!a))
        return pe_raise_id(S, c->ms->id.AttributeError, "'%s' object has no attribute '%s'",
                           p->tname, name);
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    int r = -1;
    if (!(a->kind & PX_A_CALL)) {
        PyObject *v = px_read_attr(a, (PyObject *)ud);
        if (!v)
            px_host_failed(c->ms, c);
        else {
            r = px_host_result(c, v, out);
            Py_DECREF(v);
        }
    } else {
        PyObject *m = px_bound_method(c, (PyObject *)ud, a);
        if (!m)
            px_host_failed(c->ms, c);
        else {
            px_in ci = {c, NULL, false};
            r = px_in_host(&ci, m, out) == PX_OK ? 0 : -1;
            if (r < 0 && PyErr_Occurred()) px_host_failed(c->ms, c);
            Py_DECREF(m);
        }
    }
    px_gil_restore(c, ts);
    return r;
}

static int px_obj_setattr(pe_state *S, const pe_host_class *cls, void *ud, const char *name,
                          size_t len, const pe_value *val) {
    px_policy *p = px_policy_of(cls);
    px_ctx *c = pe_get_userdata(S);
    px_attr *a = px_find_attr(p, name, len);
    if (!a || !(a->kind & (PX_A_READ | PX_A_WRITE)))
        return pe_raise_id(S, c->ms->id.AttributeError, "'%s' object has no attribute '%s'",
                           p->tname, name);
    if (!(a->kind & PX_A_WRITE) || !val)
        return pe_raise_id(S, c->ms->id.AttributeError, "'%s' object attribute '%s' is read-only",
                           p->tname, name);
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    int r = -1;
    px_out co = {c->ms, c, NULL, false};
    PyObject *v = px_out_val(&co, *val, 0);
    if (!v) {
        if (PyErr_Occurred())
            px_host_failed(c->ms, c);
        else
            pe_raise_id(S, c->ms->id.TypeError,
                        "cannot assign a value of type '%s' to a host object's attribute",
                        co.bad ? co.bad : "?");
    } else if (PyObject_SetAttr((PyObject *)ud, a->pyname, v) < 0) {
        px_host_failed(c->ms, c);
    } else {
        r = 0;
    }
    Py_XDECREF(v);
    px_gil_restore(c, ts);
    return r;
}
