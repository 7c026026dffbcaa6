/*
 * module.c - `pyexpr._pyexpr`: the module's functions (eval, exec,
 * compile, limits, cache, profile) and its definition (multi-phase init,
 * module state). The overview of the extension is in ext_internal.h.
 *
 *   eval(source, names=None, /, **kw)   -> value of an expression
 *   exec(source, names=None, /, **kw)   -> dict of top-level variables
 *     kw: max_steps, max_memory, max_depth, timeout (None: no limit),
 *     limits=None|dict, allow_callable_results=False, cache=True,
 *     clock=None|seconds|callable (clock.c)
 *   compile(source, mode="exec", filename="<string>") -> Code
 *   Code.eval(names=None, **limits) / Code.exec(names=None, **limits)
 *   set_default_limits(**limits) / get_default_limits()
 *   LimitError (a RuntimeError subclass)
 */
#include "ext_internal.h"

/* ------------------------------------------------------------------ */
/* Module functions                                                    */
/* ------------------------------------------------------------------ */

/* cache= (the other keywords of pyexpr.eval/exec are run options). */
typedef struct {
    px_mod *ms;
    const char *fname;
    bool use_cache;
    px_clock clock;
} run_kw;

static int run_other_kw(void *ctx, PyObject *key, PyObject *v) {
    run_kw *k = ctx;
    if (px_key_is_clock(key)) return px_clock_parse(v, &k->clock);
    if (!px_key_is(key, k->ms->s_cache)) return px_unexpected_kw(k->fname, key);
    int t = PyObject_IsTrue(v);
    if (t < 0) return -1;
    k->use_cache = t != 0;
    return 0;
}

/* pyexpr.eval / pyexpr.exec: (source, names=None, /, **limits) */
static PyObject *px_entry(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames, bool want_exec) {
    px_mod *ms = px_state(module);
    const char *fname = want_exec ? "exec" : "eval";
    if (nargs < 1 || nargs > 2) {
        if (nargs < 1)
            PyErr_Format(PyExc_TypeError, "%s() missing required argument 'source' (pos 1)", fname);
        else
            PyErr_Format(PyExc_TypeError, "%s() takes from 1 to 2 positional arguments but %zd were given",
                         fname, nargs);
        return NULL;
    }
    PyObject *src = args[0], *names = nargs > 1 ? args[1] : NULL;
    pe_limits L = ms->defaults;
    bool allow = false;
    run_kw k = {ms, fname, true, {0}};
    if (px_parse_run_kwargs(ms, kwnames, args + nargs, &L, &allow, run_other_kw, &k) < 0)
        return NULL;
    bool use_cache = k.use_cache;
    if (names && px_check_names(&names, fname) < 0) return NULL;
    if (Py_TYPE(src) == ms->Code_type) {
        px_ctx *c = px_acquire(ms);
        if (!c) return NULL;
        c->allow_callables = allow;
        px_clock_install(c, &k.clock);
        PyObject *res = px_run(ms, c, &((px_code_obj *)src)->prog, names, &L, want_exec, 0);
        res = px_clock_finish(c, &k.clock, res);
        px_release(ms, c);
        return res;
    }
    const char *text;
    Py_ssize_t len;
    if (px_source_text(src, &text, &len, fname) < 0) return NULL;
    px_ctx *c = px_acquire(ms);
    if (!c) return NULL;
    /* The compile cache (issue 5): keyed by (source, mode, filename); a hit
     * shares the immutable pe_code, globals and names are per run. */
    PyObject *res = NULL;
    int mode = want_exec ? PE_MODE_EXEC : PE_MODE_EVAL;
    double compile_start = 0; /* the time limit covers the compile too */
    pe_code *code =
        use_cache && ms->cache
            ? px_cache_compile(ms, c, text, (size_t)len, "<string>", mode, &L, &compile_start)
            : px_compile(ms, c, text, (size_t)len, "<string>", mode, &L, &compile_start);
    if (code) {
        px_prog prog;
        px_prog_init(&prog, code);
        c->allow_callables = allow;
        px_clock_install(c, &k.clock);
        res = px_run(ms, c, &prog, names, &L, want_exec, compile_start);
        res = px_clock_finish(c, &k.clock, res);
        pe_code_release_in(c->S, code);
    }
    px_release(ms, c);
    return res;
}

static PyObject *px_mod_eval(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) {
    return px_entry(module, args, nargs, kwnames, false);
}

static PyObject *px_mod_exec(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) {
    return px_entry(module, args, nargs, kwnames, true);
}

/* Positional-or-keyword arguments of fn(...) into vals[0..n) (NULL when
 * absent); `source` (vals[0]) is required. CPython's wording on errors. */
static int px_parse_args(const char *fn, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames, const char *const *kw, int n, PyObject **vals) {
    if (nargs > n) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d arguments (%zd given)", fn, n, nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) vals[i] = args[i];
    if (kwnames) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, i);
            int k = -1;
            for (int j = 0; j < n; j++)
                if (!PyUnicode_CompareWithASCIIString(key, kw[j])) k = j;
            if (k < 0) return px_unexpected_kw(fn, key), -1;
            if (vals[k]) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fn, kw[k]);
                return -1;
            }
            vals[k] = args[nargs + i];
        }
    }
    if (!vals[0]) {
        PyErr_Format(PyExc_TypeError, "%s() missing required argument 'source' (pos 1)", fn);
        return -1;
    }
    return 0;
}

/* mode="exec" | "eval" (v may be NULL: exec). */
static int px_parse_mode(const char *fn, PyObject *v, int *mode) {
    *mode = PE_MODE_EXEC;
    if (!v) return 0;
    if (!PyUnicode_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s() mode must be a str, not %.200s", fn, Py_TYPE(v)->tp_name);
        return -1;
    }
    if (!PyUnicode_CompareWithASCIIString(v, "eval"))
        *mode = PE_MODE_EVAL;
    else if (PyUnicode_CompareWithASCIIString(v, "exec")) {
        PyErr_Format(PyExc_ValueError, "%s() mode must be 'exec' or 'eval'", fn);
        return -1;
    }
    return 0;
}

/* pyexpr.compile(source, mode="exec", filename="<string>") */
static PyObject *px_mod_compile(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames) {
    px_mod *ms = px_state(module);
    PyObject *vals[3] = {NULL, NULL, NULL};
    static const char *const kw[3] = {"source", "mode", "filename"};
    int mode;
    if (px_parse_args("compile", args, nargs, kwnames, kw, 3, vals) < 0 ||
        px_parse_mode("compile", vals[1], &mode) < 0)
        return NULL;
    PyObject *filename = vals[2];
    if (filename && !PyUnicode_Check(filename)) {
        PyErr_Format(PyExc_TypeError, "compile() filename must be a str, not %.200s",
                     Py_TYPE(filename)->tp_name);
        return NULL;
    }
    if (Py_TYPE(vals[0]) == ms->Code_type) return Py_NewRef(vals[0]);
    const char *text;
    Py_ssize_t len;
    if (px_source_text(vals[0], &text, &len, "compile") < 0) return NULL;
    PyObject *fnobj = filename ? Py_NewRef(filename) : PyUnicode_FromString("<string>");
    if (!fnobj) return NULL;
    PyObject *source = PyUnicode_Check(vals[0]) ? Py_NewRef(vals[0]) : NULL;
    PyObject *res = NULL;
    if (!source) {
        /* bytes: compile first (the engine checks the encoding), then keep text */
        res = px_code_new_from(ms, NULL, text, (size_t)len, fnobj, mode);
        if (res) {
            source = PyUnicode_DecodeUTF8(text, len, "surrogateescape");
            if (!source) Py_CLEAR(res);
            else ((px_code_obj *)res)->source = source;
        }
    } else {
        res = px_code_new_from(ms, source, text, (size_t)len, fnobj, mode);
        if (!res) Py_DECREF(source);
    }
    Py_DECREF(fnobj);
    return res;
}

static PyObject *px_mod_get_default_limits(PyObject *module, PyObject *unused) {
    (void)unused;
    return px_limits_dict(&px_state(module)->defaults);
}

static PyObject *px_mod_set_default_limits(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                           PyObject *kwnames) {
    px_mod *ms = px_state(module);
    if (nargs) {
        PyErr_SetString(PyExc_TypeError, "set_default_limits() takes only keyword arguments");
        return NULL;
    }
    pe_limits L = ms->defaults;
    if (kwnames) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
            int r = px_parse_limit(ms, PyTuple_GET_ITEM(kwnames, i), args[i], &L);
            if (r < 0) return NULL;
            if (r > 0) return px_unexpected_kw("set_default_limits", PyTuple_GET_ITEM(kwnames, i)), NULL;
        }
    }
    ms->defaults = L;
    Py_RETURN_NONE;
}

/* pyexpr.cache_info() builds its CacheInfo from this tuple:
 * (hits, misses, maxsize, currsize, bytes, maxbytes) */
static PyObject *px_mod_cache_info(PyObject *module, PyObject *unused) {
    (void)unused;
    px_mod *ms = px_state(module);
    pe_cache_stats st;
    memset(&st, 0, sizeof st);
    if (ms->cache) pe_cache_stats_get(ms->cache, &st);
    return Py_BuildValue("(KKnnnn)", (unsigned long long)st.hits, (unsigned long long)st.misses,
                         (Py_ssize_t)(st.maxsize > PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX : st.maxsize),
                         (Py_ssize_t)st.currsize, (Py_ssize_t)st.bytes,
                         (Py_ssize_t)(st.maxbytes > PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX : st.maxbytes));
}

static PyObject *px_mod_cache_clear(PyObject *module, PyObject *unused) {
    (void)unused;
    px_mod *ms = px_state(module);
    if (ms->cache) pe_cache_clear(ms->cache);
    Py_RETURN_NONE;
}

/* _cache_resize(maxsize, maxbytes): ints >= 1 (the Python wrapper maps None
 * to the current byte bound). */
static PyObject *px_mod_cache_resize(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    px_mod *ms = px_state(module);
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "_cache_resize() takes exactly 2 arguments");
        return NULL;
    }
    size_t v[2];
    for (int i = 0; i < 2; i++) {
        if (!PyLong_Check(args[i])) {
            PyErr_Format(PyExc_TypeError, "cache_resize() %s must be an int, not %.200s",
                         i ? "maxbytes" : "maxsize", Py_TYPE(args[i])->tp_name);
            return NULL;
        }
        v[i] = PyLong_AsSize_t(args[i]);
        if (v[i] == (size_t)-1 && PyErr_Occurred()) {
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                if (PyObject_RichCompareBool(args[i], Py_False, Py_GT) == 1) {
                    v[i] = SIZE_MAX;
                    continue;
                }
            }
            PyErr_Format(PyExc_ValueError, "cache_resize() %s must be >= 1",
                         i ? "maxbytes" : "maxsize");
            return NULL;
        }
        if (v[i] == 0) {
            PyErr_Format(PyExc_ValueError, "cache_resize() %s must be >= 1",
                         i ? "maxbytes" : "maxsize");
            return NULL;
        }
    }
    if (ms->cache) pe_cache_resize(ms->cache, v[0], v[1]);
    Py_RETURN_NONE;
}

static PyObject *px_profile_dict(const pe_profile *p) {
    const char *cache = p->cache == PE_PROFILE_CACHE_HIT    ? "hit"
                        : p->cache == PE_PROFILE_CACHE_MISS ? "miss"
                                                            : "off";
    return Py_BuildValue("{sKsKsKsKsKsKss}", "lex_ns", (unsigned long long)p->lex_ns, "parse_ns",
                         (unsigned long long)p->parse_ns, "compile_ns",
                         (unsigned long long)p->compile_ns, "execute_ns",
                         (unsigned long long)p->execute_ns, "format_ns",
                         (unsigned long long)p->format_ns, "total_ns",
                         (unsigned long long)p->total_ns, "cache", cache);
}

/* pyexpr.profile(source, names=None, mode="exec"): uncached compile with the
 * staged, timed compiler, then a normal run with names (execute_ns: the run
 * including the conversion of its result). format_ns stays 0 (no output is
 * formatted by the extension). Errors propagate as from eval/exec. */
static PyObject *px_mod_profile(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames) {
    px_mod *ms = px_state(module);
    uint64_t t0 = pe_clock_ns();
    PyObject *vals[3] = {NULL, NULL, NULL};
    static const char *const kw[3] = {"source", "names", "mode"};
    int mode;
    if (px_parse_args("profile", args, nargs, kwnames, kw, 3, vals) < 0 ||
        px_parse_mode("profile", vals[2], &mode) < 0)
        return NULL;
    PyObject *names = vals[1] == Py_None ? NULL : vals[1];
    if (names && px_check_names(&names, "profile") < 0) return NULL;
    const char *text;
    Py_ssize_t len;
    if (px_source_text(vals[0], &text, &len, "profile") < 0) return NULL;
    px_ctx *c = px_acquire(ms);
    if (!c) return NULL;
    static const pe_limits nolimits = {0, 0, 0, 0.0};
    pe_profile prof;
    memset(&prof, 0, sizeof prof);
    prof.cache = PE_PROFILE_CACHE_OFF;
    pe_set_limits(c->S, &nolimits);
    c->lim_set = false;
    pe_set_profile(c->S, &prof);
    pe_code *code = pe_compile(c->S, text, (size_t)len, "<string>", mode);
    pe_set_profile(c->S, NULL);
    PyObject *res = NULL;
    if (!code) {
        px_raise_engine_exc(ms, c);
        pe_reset(c->S);
    } else {
        px_prog prog;
        px_prog_init(&prog, code);
        pe_limits L = ms->defaults;
        uint64_t t1 = pe_clock_ns();
        PyObject *r = px_run(ms, c, &prog, names, &L, mode == PE_MODE_EXEC, 0);
        prof.execute_ns = pe_clock_ns() - t1;
        pe_code_release_in(c->S, code);
        if (r) {
            Py_DECREF(r);
            prof.total_ns = pe_clock_ns() - t0;
            uint64_t sum = prof.lex_ns + prof.parse_ns + prof.compile_ns + prof.execute_ns +
                           prof.format_ns;
            if (prof.total_ns < sum) prof.total_ns = sum;
            res = px_profile_dict(&prof);
        }
    }
    px_release(ms, c);
    return res;
}

static PyObject *px_mod_pool_size(PyObject *module, PyObject *unused) {
    (void)unused;
    return PyLong_FromLong(px_state(module)->npool);
}

/* register_module(name, namespace): scripts can `import name`. */
static PyObject *px_mod_register_module(PyObject *module, PyObject *const *args, Py_ssize_t n) {
    px_mod *ms = px_state(module);
    if (n != 2) return PyErr_Format(PyExc_TypeError, "register_module() takes 2 arguments (%zd given)", n);
    if (!PyUnicode_Check(args[0]))
        return PyErr_Format(PyExc_TypeError, "module name must be str, not %.100s",
                            Py_TYPE(args[0])->tp_name);
    if (!PyMapping_Check(args[1]) || PyUnicode_Check(args[1]))
        return PyErr_Format(PyExc_TypeError, "namespace must be a mapping, not %.100s",
                            Py_TYPE(args[1])->tp_name);
    if (!ms->host_modules && !(ms->host_modules = PyDict_New())) return NULL;
    if (PyDict_SetItem(ms->host_modules, args[0], args[1]) < 0) return NULL;
    Py_RETURN_NONE;
}

static PyObject *px_mod_unregister_module(PyObject *module, PyObject *name) {
    px_mod *ms = px_state(module);
    if (!ms->host_modules || PyDict_DelItem(ms->host_modules, name) < 0) {
        if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_KeyError, "no host module %R", name);
        }
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef px_module_methods[] = {
    {"register_module", (PyCFunction)(void (*)(void))px_mod_register_module, METH_FASTCALL,
     "register_module(name, namespace, /)\n--\n\n"
     "Let scripts `import name`: the module's attributes are namespace's items\n"
     "(a mapping; callables become host functions), read at the first import\n"
     "in each run. Built-in modules cannot be replaced."},
    {"unregister_module", px_mod_unregister_module, METH_O,
     "unregister_module(name, /)\n--\n\nForget a module of register_module."},
    {"eval", (PyCFunction)(void (*)(void))px_mod_eval, METH_FASTCALL | METH_KEYWORDS,
     "eval(source, names=None, /, **limits)\n--\n\n"
     "Evaluate an expression and return its value as a Python object.\n"
     "Keywords: max_steps, max_memory, max_depth, timeout (None: no limit),\n"
     "limits=None (no limits) or a dict, allow_callable_results=False, cache=True."},
    {"exec", (PyCFunction)(void (*)(void))px_mod_exec, METH_FASTCALL | METH_KEYWORDS,
     "exec(source, names=None, /, **limits)\n--\n\n"
     "Run statements; return a dict of the resulting top-level variables.\n"
     "Keywords: as for eval()."},
    {"compile", (PyCFunction)(void (*)(void))px_mod_compile, METH_FASTCALL | METH_KEYWORDS,
     "compile(source, mode='exec', filename='<string>')\n--\n\n"
     "Compile source once; returns a pyexpr.Code."},
    {"get_default_limits", px_mod_get_default_limits, METH_NOARGS,
     "get_default_limits()\n--\n\nThe limits used when a call does not give them."},
    {"set_default_limits", (PyCFunction)(void (*)(void))px_mod_set_default_limits,
     METH_FASTCALL | METH_KEYWORDS,
     "set_default_limits(**limits)\n--\n\n"
     "Change the defaults for max_steps, max_memory, max_depth, timeout (None: no limit)."},
    {"_pool_size", px_mod_pool_size, METH_NOARGS, "Idle interpreter states (for tests)."},
    {"_cache_info", px_mod_cache_info, METH_NOARGS,
     "_cache_info()\n--\n\n(hits, misses, maxsize, currsize, bytes, maxbytes) of the compile cache."},
    {"cache_clear", px_mod_cache_clear, METH_NOARGS,
     "cache_clear()\n--\n\nEmpty the compile cache and zero its hit/miss counters."},
    {"_cache_resize", (PyCFunction)(void (*)(void))px_mod_cache_resize, METH_FASTCALL,
     "_cache_resize(maxsize, maxbytes)\n--\n\nNew compile-cache bounds (evicts LRU entries)."},
    {"profile", (PyCFunction)(void (*)(void))px_mod_profile, METH_FASTCALL | METH_KEYWORDS,
     "profile(source, names=None, mode='exec')\n--\n\n"
     "Compile (uncached) and run source; return a dict of stage timings in ns\n"
     "(lex_ns, parse_ns, compile_ns, execute_ns, format_ns, total_ns, cache)."},
    {"_policy", (PyCFunction)(void (*)(void))px_mod_policy, METH_FASTCALL,
     "_policy(type, attrs, methods, writable, /)\n--\n\n"
     "The (cached) policy for objects of type: tuples of attribute names."},
    {"_register_type", (PyCFunction)(void (*)(void))px_mod_register_type, METH_FASTCALL,
     "_register_type(type, policy, /)\n--\n\nInstances of type cross with policy (None: forget)."},
    {"_expose", (PyCFunction)(void (*)(void))px_mod_expose, METH_FASTCALL,
     "_expose(obj, policy, /)\n--\n\nobj wrapped with policy (see pyexpr.expose)."},
    {"shared", px_mod_shared, METH_O,
     "shared(obj, /)\n--\n\n"
     "A list or dict that scripts may change: the script works on a copy that is\n"
     "written back into obj, in place, when the run ends."},
    {NULL, NULL, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* Module definition                                                   */
/* ------------------------------------------------------------------ */

static int px_module_exec(PyObject *m) {
    px_mod *ms = px_state(m);
    ms->LimitError = PyErr_NewExceptionWithDoc(
        "pyexpr.LimitError",
        "A resource limit (max_steps, max_memory or timeout) was exceeded.", PyExc_RuntimeError,
        NULL);
    if (!ms->LimitError || PyModule_AddObjectRef(m, "LimitError", ms->LimitError) < 0) return -1;
    ms->Code_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &px_code_spec, NULL);
    if (!ms->Code_type || PyModule_AddType(m, ms->Code_type) < 0) return -1;
    ms->Policy_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &px_policy_spec, NULL);
    if (!ms->Policy_type || PyModule_AddType(m, ms->Policy_type) < 0) return -1;
    ms->Exposed_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &px_wrap_spec, NULL);
    if (!ms->Exposed_type || PyModule_AddType(m, ms->Exposed_type) < 0) return -1;
    PyType_Spec shared_spec = px_wrap_spec;
    shared_spec.name = "pyexpr.Shared";
    ms->Shared_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &shared_spec, NULL);
    if (!ms->Shared_type || PyModule_AddType(m, ms->Shared_type) < 0) return -1;
    if (!(ms->policies = PyDict_New()) || !(ms->type_policies = PyDict_New())) return -1;
    ms->Snapshot_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &px_snapshot_spec, NULL);
    if (!ms->Snapshot_type || PyModule_AddType(m, ms->Snapshot_type) < 0) return -1;
    ms->Complete_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &px_complete_spec, NULL);
    if (!ms->Complete_type || PyModule_AddType(m, ms->Complete_type) < 0) return -1;
    if (px_snapshot_key_init(ms) < 0) return -1;
#define PX_INTERN(field, text)                                   \
    if (!(ms->field = PyUnicode_InternFromString(text))) return -1;
    PX_INTERN(s_max_steps, "max_steps")
    PX_INTERN(s_max_memory, "max_memory")
    PX_INTERN(s_max_depth, "max_depth")
    PX_INTERN(s_timeout, "timeout")
    PX_INTERN(s_write, "write")
    PX_INTERN(s_names, "names")
    PX_INTERN(s_mode, "mode")
    PX_INTERN(s_filename, "filename")
    PX_INTERN(s_compile, "compile")
    PX_INTERN(s_eval, "eval")
    PX_INTERN(s_exec, "exec")
    PX_INTERN(s_stdout, "stdout")
    PX_INTERN(s_cache, "cache")
    PX_INTERN(s_limits, "limits")
    PX_INTERN(s_allow_callables, "allow_callable_results")
#undef PX_INTERN
    {
        PyObject *sys = PyImport_ImportModule("sys");
        if (!sys) return -1;
        ms->sys_dict = Py_NewRef(PyModule_GetDict(sys));
        Py_DECREF(sys);
    }
    if (px_exc_map_init(ms) < 0) return -1;
    /* the builtins scripts see (Code.names leaves them out) */
    {
        PyObject *set = PySet_New(NULL);
        if (!set) return -1;
        for (int i = 0;; i++) {
            const char *name = pe_builtin_name(i);
            if (!name) break;
            if (!*name) continue;
            PyObject *s = PyUnicode_FromString(name);
            if (!s || PySet_Add(set, s) < 0) {
                Py_XDECREF(s);
                Py_DECREF(set);
                return -1;
            }
            Py_DECREF(s);
        }
        ms->builtin_names = PyFrozenSet_New(set);
        Py_DECREF(set);
        if (!ms->builtin_names) return -1;
    }
    memset(&ms->defaults, 0, sizeof ms->defaults);
    ms->defaults.max_memory = PX_DEFAULT_MAX_MEMORY;
    ms->defaults.timeout = PX_DEFAULT_TIMEOUT;
    /* Ctrl-C (see px_sig_enter): Python runs signal handlers in the main
     * thread of the main interpreter only */
    ms->signals = false;
    if (PyInterpreterState_Get() == PyInterpreterState_Main()) {
        PyObject *threading = PyImport_ImportModule("threading");
        PyObject *mt = threading ? PyObject_CallMethod(threading, "main_thread", NULL) : NULL;
        PyObject *ident = mt ? PyObject_GetAttrString(mt, "ident") : NULL;
        if (ident && PyLong_Check(ident)) {
            ms->main_ident = PyLong_AsUnsignedLong(ident);
            ms->signals = !PyErr_Occurred();
        }
        Py_XDECREF(ident);
        Py_XDECREF(mt);
        Py_XDECREF(threading);
        if (!ms->signals && PyErr_Occurred()) return -1;
    }
    ms->npool = 0;
    ms->cache = pe_cache_new(0, 0);
    if (!ms->cache) {
        PyErr_NoMemory();
        return -1;
    }
    if (PyModule_AddStringConstant(m, "__version__", PYEXPR_VERSION) < 0) return -1;
    return 0;
}

static int px_module_traverse(PyObject *m, visitproc visit, void *arg) {
    px_mod *ms = px_state(m);
    if (!ms) return 0;
    Py_VISIT(ms->LimitError);
    Py_VISIT(ms->Code_type);
    Py_VISIT(ms->Snapshot_type);
    Py_VISIT(ms->Complete_type);
    Py_VISIT(ms->sys_dict);
    Py_VISIT(ms->builtin_names);
    Py_VISIT(ms->host_modules);
    Py_VISIT(ms->Policy_type);
    Py_VISIT(ms->Exposed_type);
    Py_VISIT(ms->Shared_type);
    Py_VISIT(ms->policies);
    Py_VISIT(ms->type_policies);
    return 0;
}

static int px_module_clear(PyObject *m) {
    px_mod *ms = px_state(m);
    if (!ms) return 0;
    Py_CLEAR(ms->LimitError);
    Py_CLEAR(ms->Code_type);
    Py_CLEAR(ms->Snapshot_type);
    Py_CLEAR(ms->Complete_type);
    Py_CLEAR(ms->sys_dict);
    Py_CLEAR(ms->builtin_names);
    Py_CLEAR(ms->host_modules);
    Py_CLEAR(ms->Exposed_type);
    Py_CLEAR(ms->Shared_type);
    Py_CLEAR(ms->type_policies);
    ms->pol_type = NULL;
    ms->pol_hit = NULL;
    /* ms->policies and Policy_type go in px_module_free, after the states
     * that point to the policies' classes */
    return 0;
}

static void px_module_free(void *m) {
    px_mod *ms = px_state((PyObject *)m);
    if (!ms) return;
    px_module_clear((PyObject *)m);
    Py_CLEAR(ms->s_max_steps);
    Py_CLEAR(ms->s_max_memory);
    Py_CLEAR(ms->s_max_depth);
    Py_CLEAR(ms->s_timeout);
    Py_CLEAR(ms->s_names);
    Py_CLEAR(ms->s_mode);
    Py_CLEAR(ms->s_filename);
    Py_CLEAR(ms->s_compile);
    Py_CLEAR(ms->s_eval);
    Py_CLEAR(ms->s_exec);
    Py_CLEAR(ms->s_stdout);
    Py_CLEAR(ms->s_cache);
    Py_CLEAR(ms->s_limits);
    Py_CLEAR(ms->s_allow_callables);
    while (ms->npool) px_ctx_free(ms->pool[--ms->npool]);
    Py_CLEAR(ms->policies);
    Py_CLEAR(ms->Policy_type);
    Py_CLEAR(ms->s_write);
    PyMem_Free(ms->exc_map);
    ms->exc_map = NULL;
    ms->nexc = 0;
    if (ms->cache) pe_cache_free(ms->cache);
    ms->cache = NULL;
}

static PyModuleDef_Slot px_module_slots[] = {
    {Py_mod_exec, (void *)px_module_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static struct PyModuleDef px_module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pyexpr._pyexpr",
    .m_doc = "The pyexpr engine as a CPython extension (use the `pyexpr` package).",
    .m_size = sizeof(px_mod),
    .m_methods = px_module_methods,
    .m_slots = px_module_slots,
    .m_traverse = px_module_traverse,
    .m_clear = px_module_clear,
    .m_free = px_module_free,
};

PyMODINIT_FUNC PyInit__pyexpr(void) { return PyModuleDef_Init(&px_module_def); }
