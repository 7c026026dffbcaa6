/*
 * sysmodule.c - `import sys`: the subset of CPython's sys module that
 * reveals nothing of the host (docs/language.md, "The sys module").
 *
 * Like math, the module and everything it holds are static immortal
 * objects, made by nobody at start-up: a program that does not import sys
 * pays nothing. What differs per state lives in pe_state: the argument
 * strings the front end set (pe_set_argv), the run's sys.argv list (made on
 * first use, dropped by pe_sys_clear at the end of the run) and the value
 * of sys.setrecursionlimit (reset when a program starts).
 *
 * Attributes: argv, byteorder, exit, float_info, getdefaultencoding,
 * getrecursionlimit, hexversion, implementation, int_info, intern, maxsize,
 * maxunicode, setrecursionlimit, stderr, stdout, version, version_info.
 * Everything that would reach the host (path, modules, executable,
 * platform, environ, getsizeof, ...) is absent: AttributeError.
 */
#include <float.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "pe_vm.h"

#define SFN(name) PE_MODFN(name)

/* The language version pyexpr implements (sys.version_info). */
#define PE_PY_MAJOR 3
#define PE_PY_MINOR 11
#define PE_PY_MICRO 0
#define PE_PY_VERSION "3.11.0"

static int nkw(pe_obj *kw) { return kw ? (int)((pe_tuple *)kw)->n : 0; }

/* METH_NOARGS: "sys.getrecursionlimit() takes no arguments (1 given)". */
static int no_args(pe_state *S, const char *qual, int argc, pe_obj *kw) {
    if (nkw(kw)) return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", qual);
    if (argc) return pe_raise(S, PE_EXC(TypeError), "%s() takes no arguments (%d given)", qual, argc);
    return 0;
}

/* METH_O: "sys.intern() takes exactly one argument (2 given)". */
static int one_arg(pe_state *S, const char *qual, int argc, pe_obj *kw) {
    if (nkw(kw)) return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", qual);
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes exactly one argument (%d given)", qual,
                        argc);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Struct sequences: version_info, float_info, int_info (read-only      */
/* tuples with named fields) and implementation (a namespace)           */
/* ------------------------------------------------------------------ */

typedef struct sys_seq {
    pe_obj ob;
    size_t n;
    const char *const *names;
    const pe_val *vals;
} sys_seq;

#define SEQ(v) ((const sys_seq *)(v).u.o)
#define VAL_INT(x) {PE_TINT, 0, {.i = (x)}}
#define VAL_FLOAT(x) {PE_TFLOAT, 0, {.f = (x)}}
#define VAL_OBJ(p) {PE_TOBJ, 0, {.o = (pe_obj *)(p)}}
#define VAL_NONE {PE_TNONE, 0, {.i = 0}}

extern const pe_type pe_type_sys_namespace;

static bool is_seq_type(const pe_type *t);

/* The fields as a new tuple (for the sequence protocols). */
static int seq_tuple(pe_state *S, pe_val v, pe_val *out) {
    return pe_tuple_pack(S, SEQ(v)->n, SEQ(v)->vals, out);
}

/* "sys.version_info(major=3, ...)"; a namespace is "namespace(...)". */
static int seq_repr(pe_state *S, pe_val v, pe_sb *sb) {
    const sys_seq *q = SEQ(v);
    const pe_type *t = v.u.o->type;
    pe_sb_puts(sb, t == &pe_type_sys_namespace ? "namespace" : t->name);
    pe_sb_putc(sb, '(');
    for (size_t i = 0; i < q->n; i++) {
        if (i) pe_sb_puts(sb, ", ");
        pe_sb_puts(sb, q->names[i]);
        pe_sb_putc(sb, '=');
        if (pe_repr(S, q->vals[i], sb)) return -1;
    }
    pe_sb_putc(sb, ')');
    return sb->failed ? pe_raise_nomem(S) : 0;
}

static int seq_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    const sys_seq *q = SEQ(v);
    const char *n = ((const pe_str *)name)->data;
    for (size_t i = 0; i < q->n; i++)
        if (!strcmp(n, q->names[i])) {
            *out = q->vals[i];
            pe_incref(*out);
            return 0;
        }
    return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'",
                    v.u.o->type->name, n);
}

/* With the tuple t standing for v: r = fn(t, ...). */
#define VIA_TUPLE(call)                                                                        \
    pe_val t;                                                                                  \
    if (seq_tuple(S, v, &t)) return -1;                                                        \
    int r = (call);                                                                            \
    pe_decref(S, t);                                                                           \
    return r

static int seq_hash(pe_state *S, pe_val v, int64_t *out) { VIA_TUPLE(pe_hash(S, t, out)); }
static int seq_len(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    *out = (int64_t)SEQ(v)->n;
    return 0;
}
static int seq_iter(pe_state *S, pe_val v, pe_val *out) { VIA_TUPLE(pe_iter(S, t, out)); }
static int seq_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    VIA_TUPLE(pe_getitem(S, t, key, out));
}
static int seq_contains(pe_state *S, pe_val v, pe_val x) { VIA_TUPLE(pe_contains(S, t, x)); }

/* Compares as a tuple, with tuples and other struct sequences. */
static int seq_richcmp(pe_state *S, pe_val v, pe_val b, int op, pe_val *out) {
    bool b_seq = is_seq_type(pe_typeof(b));
    if (!b_seq && !pe_is_tuple(b)) return PE_NOTIMPL;
    pe_val t, u = b;
    if (seq_tuple(S, v, &t)) return -1;
    if (b_seq && seq_tuple(S, b, &u)) {
        pe_decref(S, t);
        return -1;
    }
    int r = pe_richcmp(S, t, u, op, out);
    pe_decref(S, t);
    if (b_seq) pe_decref(S, u);
    return r;
}

#define SEQ_TYPE(cname, tname)                                                                 \
    static const pe_type cname = PE_TYPE(tname, OTHER,                                         \
        .repr = seq_repr,                                                                      \
        .hash = seq_hash,                                                                      \
        .richcmp = seq_richcmp,                                                                \
        .len = seq_len,                                                                        \
        .iter = seq_iter,                                                                      \
        .getitem = seq_getitem,                                                                \
        .contains = seq_contains,                                                              \
        .getattr = seq_getattr,                                                                \
    )

SEQ_TYPE(version_info_type, "sys.version_info");
SEQ_TYPE(float_info_type, "sys.float_info");
SEQ_TYPE(int_info_type, "sys.int_info");

/* types.SimpleNamespace, read-only here: attributes and a repr. */
const pe_type pe_type_sys_namespace = PE_TYPE("types.SimpleNamespace", OTHER,
    .repr = seq_repr,
    .getattr = seq_getattr,
);

static bool is_seq_type(const pe_type *t) {
    return t == &version_info_type || t == &float_info_type || t == &int_info_type;
}

static const pe_static_str s_final = PE_STATIC_STR("final");
static const pe_static_str s_pyexpr = PE_STATIC_STR("pyexpr");

static const char *const version_names[] = {"major", "minor", "micro", "releaselevel", "serial"};
static const pe_val version_vals[] = {VAL_INT(PE_PY_MAJOR), VAL_INT(PE_PY_MINOR),
                                      VAL_INT(PE_PY_MICRO), VAL_OBJ(&s_final), VAL_INT(0)};
static const sys_seq version_info = {PE_STATIC_HEAD(&version_info_type), 5, version_names,
                                     version_vals};

/* implementation.version: pyexpr's own version. */
static const pe_val impl_version_vals[] = {VAL_INT(PYEXPR_VERSION_MAJOR),
                                           VAL_INT(PYEXPR_VERSION_MINOR),
                                           VAL_INT(PYEXPR_VERSION_PATCH), VAL_OBJ(&s_final),
                                           VAL_INT(0)};
static const sys_seq impl_version = {PE_STATIC_HEAD(&version_info_type), 5, version_names,
                                     impl_version_vals};

#define HEXVERSION(ma, mi, pa) (((ma) << 24) | ((mi) << 16) | ((pa) << 8) | 0xF0)

static const char *const impl_names[] = {"name", "cache_tag", "version", "hexversion"};
static const pe_val impl_vals[] = {
    VAL_OBJ(&s_pyexpr), VAL_NONE, VAL_OBJ(&impl_version),
    VAL_INT(HEXVERSION(PYEXPR_VERSION_MAJOR, PYEXPR_VERSION_MINOR, PYEXPR_VERSION_PATCH))};
static const sys_seq implementation = {PE_STATIC_HEAD(&pe_type_sys_namespace), 4, impl_names,
                                       impl_vals};

static const char *const float_names[] = {"max",     "max_exp",  "max_10_exp", "min",
                                          "min_exp", "min_10_exp", "dig",      "mant_dig",
                                          "epsilon", "radix",    "rounds"};
static const pe_val float_vals[] = {
    VAL_FLOAT(DBL_MAX), VAL_INT(DBL_MAX_EXP), VAL_INT(DBL_MAX_10_EXP), VAL_FLOAT(DBL_MIN),
    VAL_INT(DBL_MIN_EXP), VAL_INT(DBL_MIN_10_EXP), VAL_INT(DBL_DIG), VAL_INT(DBL_MANT_DIG),
    VAL_FLOAT(DBL_EPSILON), VAL_INT(FLT_RADIX), VAL_INT(1)};
static const sys_seq float_info = {PE_STATIC_HEAD(&float_info_type), 11, float_names,
                                   float_vals};

/* CPython's values (its 30-bit digits and the int/str conversion limit
 * that pyexpr enforces as CPython does). */
static const char *const int_names[] = {"bits_per_digit", "sizeof_digit",
                                        "default_max_str_digits", "str_digits_check_threshold"};
static const pe_val int_vals[] = {VAL_INT(30), VAL_INT(4), VAL_INT(4300), VAL_INT(640)};
static const sys_seq int_info = {PE_STATIC_HEAD(&int_info_type), 4, int_names, int_vals};

/* ------------------------------------------------------------------ */
/* sys.stdout / sys.stderr: write() and flush() on the state's sinks    */
/* ------------------------------------------------------------------ */

typedef struct sys_stream {
    pe_obj ob;
    int fd; /* 1 out, 2 err */
} sys_stream;

static int stream_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    return pe_sb_printf(sb, "<_io.TextIOWrapper name='<%s>' mode='w' encoding='utf-8'>",
                        ((const sys_stream *)v.u.o)->fd == 1 ? "stdout" : "stderr");
}

/* write(s): s goes to the sink; returns len(s) in code points. */
SFN(stream_write) {
    if (one_arg(S, "TextIOWrapper.write", argc, kw)) return -1;
    if (!pe_is_str(argv[0]))
        return pe_raise(S, PE_EXC(TypeError), "write() argument must be str, not %s",
                        pe_type_name(argv[0]));
    const pe_str *s = PE_STR(argv[0]);
    if (((const sys_stream *)self.u.o)->fd == 1) S->out(S->out_ud, s->data, s->len);
    else S->err(S->err_ud, s->data, s->len);
    *out = pe_int((int64_t)s->nchars);
    return 0;
}

/* flush(): the sinks belong to the front end, which flushes them itself. */
SFN(stream_flush) {
    (void)argv;
    if (no_args(S, "TextIOWrapper.flush", argc, kw)) return -1;
    *out = pe_none();
    return 0;
}

static const pe_cfunc stream_methods[] = {
    PE_METHOD("flush", stream_flush),
    PE_METHOD("write", stream_write),
    PE_METHOD_END,
};

static const pe_type stream_type = PE_TYPE("_io.TextIOWrapper", OTHER,
    .repr = stream_repr,
    .methods = stream_methods,
);

static const sys_stream sys_stdout = {PE_STATIC_HEAD(&stream_type), 1};
static const sys_stream sys_stderr = {PE_STATIC_HEAD(&stream_type), 2};

int pe_sys_stream_fd(pe_val v) {
    if (v.tag != PE_TOBJ || v.u.o->type != &stream_type) return 0;
    return ((const sys_stream *)v.u.o)->fd;
}

/* ------------------------------------------------------------------ */
/* Functions                                                           */
/* ------------------------------------------------------------------ */

/* exit([code]): raises SystemExit(code); the front end ends with its
 * status (pe_exception_exit_status). */
SFN(sys_exit) {
    if (nkw(kw)) return pe_raise(S, PE_EXC(TypeError), "sys.exit() takes no keyword arguments");
    if (argc > 1)
        return pe_raise(S, PE_EXC(TypeError), "exit expected at most 1 argument, got %d", argc);
    /* PyErr_SetObject(SystemExit, code): None makes SystemExit(), a tuple
     * SystemExit(*code), anything else SystemExit(code) */
    pe_val args, e;
    if (argc == 1 && pe_is_tuple(argv[0])) {
        args = argv[0];
        pe_incref(args);
    } else if (pe_tuple_pack(S, argc == 1 && argv[0].tag == PE_TNONE ? 0 : (size_t)argc, argv,
                             &args)) {
        return -1;
    }
    int r = pe_exc_new(S, PE_EXC(SystemExit), args, &e);
    pe_decref(S, args);
    if (r) return -1;
    pe_raise_exc(S, e);
    pe_decref(S, e);
    (void)out;
    return -1;
}

/* The depth limit in force for the run: the state's max_depth limit. */
static uint32_t depth_bound(const pe_state *S) {
    return S->limits.max_depth ? S->limits.max_depth : 1000;
}

SFN(sys_getrecursionlimit) {
    (void)argv;
    if (no_args(S, "sys.getrecursionlimit", argc, kw)) return -1;
    *out = pe_int(S->rec_limit ? S->rec_limit : S->max_depth);
    return 0;
}

/* setrecursionlimit(n): getrecursionlimit() reports n, as in CPython; the
 * depth actually allowed is min(n, the max_depth limit of the state), so a
 * script can lower the bound but never raise it past the host's. */
SFN(sys_setrecursionlimit) {
    if (one_arg(S, "sys.setrecursionlimit", argc, kw)) return -1;
    pe_val v = argv[0];
    int64_t n;
    if (pe_is_bigint(v) || ((v.tag == PE_TINT) && (v.u.i > INT_MAX || v.u.i < INT_MIN)))
        return pe_raise(S, PE_EXC(OverflowError), "Python int too large to convert to C int");
    if (v.tag != PE_TINT && v.tag != PE_TBOOL)
        return pe_raise_not_index(S, v);
    n = v.u.i;
    if (n < 1)
        return pe_raise(S, PE_EXC(ValueError), "recursion limit must be greater or equal than 1");
    int64_t depth = (int64_t)S->nframes + 1; /* as CPython counts: the call itself too */
    if (depth >= n)
        return pe_raise(S, PE_EXC(RecursionError),
                        "cannot set the recursion limit to %d at the recursion depth %d: the "
                        "limit is too low",
                        (int)n, (int)depth);
    uint32_t bound = depth_bound(S);
    S->rec_limit = (uint32_t)n;
    S->max_depth = (uint64_t)n < bound ? (uint32_t)n : bound;
    *out = pe_none();
    return 0;
}

SFN(sys_getdefaultencoding) {
    (void)argv;
    if (no_args(S, "sys.getdefaultencoding", argc, kw)) return -1;
    return pe_str_from_cstr(S, "utf-8", out);
}

/* intern(s): s itself (pyexpr does not intern run-time strings; identity
 * of equal strings is not something scripts can rely on in CPython
 * either, beyond what intern returns). */
SFN(sys_intern) {
    if (one_arg(S, "sys.intern", argc, kw)) return -1;
    if (!pe_is_str(argv[0]))
        return pe_raise(S, PE_EXC(TypeError), "intern() argument must be str, not %s",
                        pe_type_name(argv[0]));
    *out = argv[0];
    pe_incref(*out);
    return 0;
}

/* ------------------------------------------------------------------ */
/* argv                                                                */
/* ------------------------------------------------------------------ */

/* Appends argument bytes as CPython decodes them (UTF-8 with
 * surrogateescape: an undecodable byte b becomes U+DC00+b, stored as its
 * 3-byte form, which pyexpr's str accepts). Returns bytes written; dst
 * NULL only measures. */
static size_t decode_arg(const char *s, size_t n, char *dst) {
    size_t o = 0, i = 0;
    while (i < n) {
        size_t ok = pe_utf8_valid_prefix(s + i, n - i);
        if (dst) memcpy(dst + o, s + i, ok);
        o += ok;
        i += ok;
        if (i < n) {
            unsigned c = 0xDC00u + (unsigned char)s[i++];
            if (dst) {
                dst[o] = (char)(0xE0 | (c >> 12));
                dst[o + 1] = (char)(0x80 | ((c >> 6) & 0x3F));
                dst[o + 2] = (char)(0x80 | (c & 0x3F));
            }
            o += 3;
        }
    }
    return o;
}

int pe_set_argv(pe_state *S, int argc, const char *const *argv) {
    size_t total = 0;
    if (argc < 0) argc = 0;
    for (int i = 0; i < argc; i++) total += decode_arg(argv[i], strlen(argv[i]), NULL) + 1;
    char *buf = NULL;
    if (total) {
        buf = pe_sys_alloc(S, total);
        if (!buf) return pe_raise_nomem(S);
        size_t o = 0;
        for (int i = 0; i < argc; i++) {
            o += decode_arg(argv[i], strlen(argv[i]), buf + o);
            buf[o++] = 0;
        }
    }
    pe_sys_clear(S);
    if (S->sys_args) pe_sys_free(S, S->sys_args, S->sys_args_len);
    S->sys_args = buf;
    S->sys_args_len = total;
    S->sys_argc = (uint32_t)argc;
    return 0;
}

void pe_sys_clear(pe_state *S) { pe_drop(S, &S->sys_argv); }

/* Called by pe_state_free. */
void pe_sys_fini(pe_state *S) {
    pe_sys_clear(S);
    if (S->sys_args) pe_sys_free(S, S->sys_args, S->sys_args_len);
    S->sys_args = NULL;
    S->sys_args_len = 0;
    S->sys_argc = 0;
}

/* sys.argv: one list per run, made on first use ([''] when the front end
 * set none). */
static int sys_argv_get(pe_state *S, pe_val *out) {
    if (S->sys_argv.tag == PE_TUNDEF) {
        pe_val l;
        if (pe_list_new(S, S->sys_argc ? S->sys_argc : 1, &l)) return -1;
        const char *p = S->sys_args;
        uint32_t n = S->sys_argc;
        for (uint32_t i = 0; i < (n ? n : 1); i++) {
            pe_val s;
            size_t len = n ? strlen(p) : 0;
            if (pe_str_new(S, n ? p : "", len, &s)) {
                pe_decref(S, l);
                return -1;
            }
            int r = pe_list_append(S, PE_LIST(l), s);
            pe_decref(S, s);
            if (r) {
                pe_decref(S, l);
                return -1;
            }
            if (n) p += len + 1;
        }
        S->sys_argv = l;
    }
    *out = S->sys_argv;
    pe_incref(*out);
    return 0;
}

/* ------------------------------------------------------------------ */
/* The module                                                          */
/* ------------------------------------------------------------------ */

/* Sorted by name (binary search). */
static const pe_cfunc sys_functions[] = {
    PE_METHOD("exit", sys_exit),
    PE_METHOD("getdefaultencoding", sys_getdefaultencoding),
    PE_METHOD("getrecursionlimit", sys_getrecursionlimit),
    PE_METHOD("intern", sys_intern),
    PE_METHOD("setrecursionlimit", sys_setrecursionlimit),
};
#define N_SYS_FUNCTIONS (sizeof sys_functions / sizeof sys_functions[0])

static const struct {
    const char *name;
    const pe_obj *obj;
} sys_objects[] = {
    {"float_info", &float_info.ob}, {"implementation", &implementation.ob},
    {"int_info", &int_info.ob},     {"stderr", &sys_stderr.ob},
    {"stdout", &sys_stdout.ob},     {"version_info", &version_info.ob},
};

static int host_is_little_endian(void) {
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static int sys_lookup(pe_state *S, const char *name, pe_val *out) {
    if (pe_cfunc_lookup(sys_functions, N_SYS_FUNCTIONS, name, out)) return 0;
    for (size_t i = 0; i < sizeof sys_objects / sizeof sys_objects[0]; i++)
        if (!strcmp(name, sys_objects[i].name)) {
            *out = pe_obj_val((pe_obj *)sys_objects[i].obj);
            return 0;
        }
    if (!strcmp(name, "argv")) return sys_argv_get(S, out);
    if (!strcmp(name, "maxsize")) {
        *out = pe_int(INT64_MAX);
        return 0;
    }
    if (!strcmp(name, "maxunicode")) {
        *out = pe_int(0x10FFFF);
        return 0;
    }
    if (!strcmp(name, "hexversion")) {
        *out = pe_int(HEXVERSION(PE_PY_MAJOR, PE_PY_MINOR, PE_PY_MICRO));
        return 0;
    }
    if (!strcmp(name, "byteorder"))
        return pe_str_from_cstr(S, host_is_little_endian() ? "little" : "big", out);
    if (!strcmp(name, "version")) {
        char buf[64];
        snprintf(buf, sizeof buf, PE_PY_VERSION " (pyexpr %s)", pe_version());
        return pe_str_from_cstr(S, buf, out);
    }
    return PE_NOTIMPL;
}

static const pe_module sys_module = {.ob = PE_STATIC_HEAD(&pe_type_module), .name = "sys", .lookup = sys_lookup};

/* `import sys`: the static module (immortal: no reference to take). */
int pe_sys_module(pe_state *S, pe_val *out) {
    (void)S;
    *out = pe_obj_val((pe_obj *)&sys_module.ob);
    return 0;
}
