/*
 * error.c - exception types, raising, and CPython-shaped tracebacks.
 *
 * The pending exception lives in S->exc (a new reference owned by the
 * state). Raising never fails: if the exception object cannot be built,
 * the static MemoryError instance is raised instead.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "pe_class.h"
#include "pe_vm.h"
#include "dir_names.h"
#include "pe_dunder.h"
#include "pe_module.h"

static void exc_dealloc(pe_state *S, pe_obj *o);
static void exc_clear(pe_state *S, pe_obj *o);
static int exc_repr(pe_state *S, pe_val v, pe_sb *sb);
static int exc_str_slot(pe_state *S, pe_val v, pe_sb *sb);
static int exc_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out);
static int exc_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out);
static int exc_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val);
static const pe_cfunc exc_methods[];

extern const pe_type pe_type_type;

#define EXC_TYPE_INIT(N, B)                                                             \
    [PE_EXC_##N] = PE_TYPE(#N, EXC,                                                     \
        .base = PE_EXC_##N == PE_EXC_BaseException ? NULL : &pe_exc_types[PE_EXC_##B],  \
        .exc_id = PE_EXC_##N,                                                           \
        .dealloc = exc_dealloc,                                                         \
        .clear = exc_clear,                                                             \
        .repr = exc_repr,                                                               \
        .str = exc_str_slot,                                                            \
        .call = exc_call,                                                               \
        .getattr = exc_getattr,                                                         \
        .setattr = exc_setattr,                                                         \
        .methods = exc_methods,                                                         \
    ),

const pe_type pe_exc_types[PE_EXC__COUNT] = {PE_EXCEPTIONS(EXC_TYPE_INIT)};

/* Raised when even the exception object cannot be allocated. */
static const pe_exc memerr_instance = {
    .ob = PE_STATIC_HEAD(&pe_exc_types[PE_EXC_MemoryError]),
    .args = {PE_TUNDEF, 0, {.i = 0}},
    .cause = {PE_TUNDEF, 0, {.i = 0}},
    .context = {PE_TUNDEF, 0, {.i = 0}},
    .filename = {PE_TUNDEF, 0, {.i = 0}},
    .text = {PE_TUNDEF, 0, {.i = 0}},
    .suggestion = {PE_TUNDEF, 0, {.i = 0}},
};

/* ------------------------------------------------------------------ */
/* Exception objects                                                   */
/* ------------------------------------------------------------------ */

static void exc_clear(pe_state *S, pe_obj *o) {
    pe_exc *e = (pe_exc *)o;
    pe_val vals[7] = {e->args, e->cause, e->context, e->filename, e->text, e->suggestion, e->dict};
    e->args = e->cause = e->context = e->filename = e->text = e->suggestion = e->dict = pe_undef();
    for (int i = 0; i < 7; i++) pe_decref(S, vals[i]);
}

/* Through the trashcan: a __cause__/__context__ chain (or args holding
 * exceptions) of any length is freed without deep C recursion. */
static void exc_dealloc(pe_state *S, pe_obj *o) {
    if (pe_trash_begin(S, o)) return;
    pe_exc *e = (pe_exc *)o;
    exc_clear(S, o);
    pe_mem_free(S, e->tb, e->tb_cap * sizeof(pe_tbent));
    pe_obj_free(S, o, sizeof(pe_exc));
    pe_trash_end(S);
}

/* The exception part of an instance of a user subclass (class_base.c):
 * released without freeing the block, which is the instance's. */
void pe_exc_fini(pe_state *S, pe_obj *o) {
    pe_exc *e = (pe_exc *)o;
    exc_clear(S, o);
    pe_mem_free(S, e->tb, e->tb_cap * sizeof(pe_tbent));
    e->tb = NULL;
    e->ntb = e->tb_cap = 0;
}

int pe_exc_new(pe_state *S, const pe_type *t, pe_val args, pe_val *out) {
    pe_exc *e = (pe_exc *)pe_obj_new(S, t, sizeof(pe_exc));
    if (!e) return -1;
    pe_incref(args);
    e->args = args;
    e->cause = e->context = e->filename = e->text = e->suggestion = e->dict = pe_undef();
    e->suppress_context = false;
    e->tb = NULL;
    e->ntb = e->tb_cap = 0;
    e->lineno = e->offset = e->end_offset = 0;
    *out = pe_obj_val(&e->ob);
    return 0;
}

static size_t exc_nargs(const pe_exc *e) {
    return e->args.tag == PE_TOBJ ? PE_TUPLE(e->args)->n : 0;
}

static bool is_a(const pe_exc *e, const pe_type *t) { return pe_type_is_subtype(e->ob.type, t); }

static bool is_number(pe_val v) {
    return v.tag == PE_TINT || v.tag == PE_TBOOL || v.tag == PE_TFLOAT || pe_is_bigint(v);
}

/* args[i] (borrowed), or None when there are not that many. */
static pe_val exc_arg(const pe_exc *e, size_t i) {
    return i < exc_nargs(e) ? PE_TUPLE(e->args)->items[i] : pe_none();
}

/* OSError's str (Objects/exceptions.c OSError_str): "[Errno 2] msg",
 * with ": 'file'" and " -> 'file2'" when filenames were given. 1: not the
 * errno form (use BaseException's). */
static int oserror_str(pe_state *S, const pe_exc *e, pe_sb *sb) {
    size_t n = exc_nargs(e);
    bool has_fn = e->filename.tag != PE_TUNDEF && e->filename.tag != PE_TNONE;
    if (!has_fn && (n < 2 || n > 5)) return 1;
    if (pe_sb_puts(sb, "[Errno ") || pe_tostr(S, exc_arg(e, 0), sb) || pe_sb_puts(sb, "] ") ||
        pe_tostr(S, exc_arg(e, 1), sb))
        return -1;
    if (!has_fn) return 0;
    if (pe_sb_puts(sb, ": ") || pe_repr(S, e->filename, sb)) return -1;
    if (e->text.tag != PE_TUNDEF && e->text.tag != PE_TNONE)
        if (pe_sb_puts(sb, " -> ") || pe_repr(S, e->text, sb)) return -1;
    return 0;
}

/* UnicodeEncodeError / UnicodeTranslateError str (the arguments were
 * checked by the constructor): "'enc' codec can't encode character '\xe9'
 * in position 3: reason" or "... characters in position 3-5: reason". */
static int unicode_error_str(pe_state *S, const pe_exc *e, pe_sb *sb) {
    bool enc = e->ob.type == PE_EXC(UnicodeEncodeError);
    size_t o = enc ? 1 : 0;
    pe_str *obj = PE_STR(exc_arg(e, o));
    int64_t start = exc_arg(e, o + 1).u.i, end = exc_arg(e, o + 2).u.i;
    if (enc) {
        if (pe_sb_putc(sb, '\'') || pe_sb_putn(sb, PE_STR(exc_arg(e, 0))->data,
                                                PE_STR(exc_arg(e, 0))->len) ||
            pe_sb_puts(sb, "' codec can't encode "))
            return -1;
    } else if (pe_sb_puts(sb, "can't translate ")) {
        return -1;
    }
    if (start < (int64_t)obj->nchars && end == start + 1) {
        if (start < 0) return pe_raise(S, PE_EXC(IndexError), "string index out of range");
        const char *p = obj->data;
        size_t k;
        for (int64_t i = 0; i < start; i++) {
            pe_utf8_decode(p, &k);
            p += k;
        }
        uint32_t c = pe_utf8_decode(p, &k);
        const char *fmt = c <= 0xff ? "character '\\x%02x'" : c <= 0xffff ? "character '\\u%04x'"
                                                                          : "character '\\U%08x'";
        if (pe_sb_printf(sb, fmt, (unsigned)c) || pe_sb_printf(sb, " in position %lld: ", (long long)start))
            return -1;
    } else if (pe_sb_printf(sb, "characters in position %lld-%lld: ", (long long)start,
                            (long long)(end - 1))) {
        return -1;
    }
    pe_val reason = exc_arg(e, o + 3);
    return pe_sb_putn(sb, PE_STR(reason)->data, PE_STR(reason)->len);
}

/* str(e): nested exceptions in args recurse, so the depth is guarded
 * (CPython: "... while getting the str of an object"). */
int pe_exc_str(pe_state *S, pe_val v, pe_sb *sb) {
    pe_exc *e = PE_EXCOBJ(v);
    if (is_a(e, PE_EXC(OSError))) {
        int r = oserror_str(S, e, sb);
        if (r <= 0) return r;
    }
    if ((e->ob.type == PE_EXC(UnicodeEncodeError) && exc_nargs(e) == 5) ||
        (e->ob.type == PE_EXC(UnicodeTranslateError) && exc_nargs(e) == 4))
        return unicode_error_str(S, e, sb);
    size_t n = exc_nargs(e);
    if (n == 0) return 0;
    pe_val a0 = PE_TUPLE(e->args)->items[0];
    if (is_a(e, PE_EXC(SyntaxError)) && (e->lineno > 0 || pe_is_str(e->filename))) {
        /* SyntaxError.__str__: "msg (file, line N)", the file's basename */
        if (pe_tostr(S, a0, sb)) return -1;
        const char *fn = pe_is_str(e->filename) ? PE_STR(e->filename)->data : NULL;
        const char *base = fn ? strrchr(fn, '/') : NULL;
        base = base ? base + 1 : fn;
        if (base && e->lineno > 0) return pe_sb_printf(sb, " (%s, line %lld)", base, (long long)e->lineno);
        if (base) return pe_sb_printf(sb, " (%s)", base);
        return pe_sb_printf(sb, " (line %lld)", (long long)e->lineno);
    }
    if (n == 1 && !is_a(e, PE_EXC(KeyError))) {
        if (pe_recursion_enter(S, " while getting the str of an object")) return -1;
        int r = pe_tostr(S, a0, sb);
        pe_recursion_leave(S);
        return r;
    }
    if (pe_recursion_enter(S, " while getting the repr of an object")) return -1;
    int r = pe_repr(S, n == 1 ? a0 : e->args, sb);
    pe_recursion_leave(S);
    return r;
}

static int exc_str_slot(pe_state *S, pe_val v, pe_sb *sb) { return pe_exc_str(S, v, sb); }

static int exc_repr_args(pe_state *S, const pe_exc *e, pe_sb *sb) {
    if (pe_sb_puts(sb, e->ob.type->name)) return -1;
    size_t n = exc_nargs(e);
    if (n == 0) return pe_sb_puts(sb, "()");
    if (n == 1) {
        if (pe_sb_putc(sb, '(') || pe_repr(S, PE_TUPLE(e->args)->items[0], sb)) return -1;
        return pe_sb_putc(sb, ')');
    }
    return pe_repr(S, e->args, sb);
}

/* OSError(errno, ...) creates the subclass for that errno, as CPython
 * does (Objects/exceptions.c errnomap). */
static const pe_type *oserror_subtype(pe_val err) {
    if (err.tag != PE_TINT && err.tag != PE_TBOOL) return PE_EXC(OSError);
    switch (err.u.i) {
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY:
    case EINPROGRESS: return PE_EXC(BlockingIOError);
    case ECHILD: return PE_EXC(ChildProcessError);
    case EPIPE:
    case ESHUTDOWN: return PE_EXC(BrokenPipeError);
    case ECONNABORTED: return PE_EXC(ConnectionAbortedError);
    case ECONNREFUSED: return PE_EXC(ConnectionRefusedError);
    case ECONNRESET: return PE_EXC(ConnectionResetError);
    case EEXIST: return PE_EXC(FileExistsError);
    case ENOENT: return PE_EXC(FileNotFoundError);
    case EISDIR: return PE_EXC(IsADirectoryError);
    case ENOTDIR: return PE_EXC(NotADirectoryError);
    case EINTR: return PE_EXC(InterruptedError);
    case EACCES:
    case EPERM: return PE_EXC(PermissionError);
    case ESRCH: return PE_EXC(ProcessLookupError);
    case ETIMEDOUT: return PE_EXC(TimeoutError);
    default: return PE_EXC(OSError);
    }
}

/* PyArg_ParseTuple's complaints for the Unicode*Error constructors:
 * kind 's' str, 'n' index, 'b' bytes-like (never: pyexpr has no bytes). */
static int unicode_error_check(pe_state *S, const char *kinds, int argc, const pe_val *argv) {
    int want = (int)strlen(kinds);
    if (argc != want)
        return pe_raise(S, PE_EXC(TypeError), "function takes exactly %d arguments (%d given)", want,
                        argc);
    for (int i = 0; i < argc; i++) {
        pe_val a = argv[i];
        if (kinds[i] == 's' && !pe_is_str(a))
            return pe_raise(S, PE_EXC(TypeError), "argument %d must be str, not %s", i + 1,
                            pe_type_name(a));
        if (kinds[i] == 'b')
            return pe_raise(S, PE_EXC(TypeError), "a bytes-like object is required, not '%s'",
                            pe_type_name(a));
        if (kinds[i] == 'n') {
            if (pe_is_bigint(a))
                return pe_raise(S, PE_EXC(OverflowError), "Python int too large to convert to C ssize_t");
            if (a.tag != PE_TINT && a.tag != PE_TBOOL)
                return pe_raise_not_index(S, a);
        }
    }
    return 0;
}

/* Keyword arguments of the exception constructors that take any:
 * NameError(name=), AttributeError(name=, obj=), ImportError(name=, path=)
 * (Objects/exceptions.c, PyArg_ParseTupleAndKeywords wording). */
static int exc_kwargs(pe_state *S, const pe_type *t, int argc, const pe_val *argv,
                      pe_obj *kwnames, pe_val slots[2]) {
    const char *second = pe_type_is_subtype(t, PE_EXC(AttributeError)) ? "obj"
                         : pe_type_is_subtype(t, PE_EXC(ImportError)) ? "path"
                                                                     : NULL;
    if (!second && !pe_type_is_subtype(t, PE_EXC(NameError)))
        return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", t->name);
    pe_tuple *kw = PE_TUPLE(pe_obj_val(kwnames));
    size_t most = second ? 2 : 1;
    if (kw->n > most)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes at most %zu keyword argument%s (%zu given)",
                        t->name, most, most == 1 ? "" : "s", kw->n);
    int npos = argc - (int)kw->n;
    for (size_t i = 0; i < kw->n; i++) {
        const char *k = PE_STR(kw->items[i])->data;
        int j = !strcmp(k, "name") ? 0 : second && !strcmp(k, second) ? 1 : -1;
        if (j < 0)
            return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for %s()", k,
                            t->name);
        slots[j] = argv[npos + (int)i];
    }
    return 0;
}

/* repr(e), depth-guarded like str(e). */
static int exc_repr(pe_state *S, pe_val v, pe_sb *sb) {
    if (pe_recursion_enter(S, " while getting the repr of an object")) return -1;
    int r = exc_repr_args(S, PE_EXCOBJ(v), sb);
    pe_recursion_leave(S);
    return r;
}

static int exc_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    const pe_type *t = (const pe_type *)callee.u.o;
    pe_val slots[2] = {pe_undef(), pe_undef()};
    size_t nkw = kwnames ? PE_TUPLE(pe_obj_val(kwnames))->n : 0;
    if (nkw && exc_kwargs(S, t, argc, argv, kwnames, slots)) return -1;
    argc -= (int)nkw;
    const char *kinds = t == PE_EXC(UnicodeEncodeError)      ? "ssnns"
                        : t == PE_EXC(UnicodeDecodeError)    ? "sbnns"
                        : t == PE_EXC(UnicodeTranslateError) ? "snns"
                                                             : NULL;
    if (kinds && unicode_error_check(S, kinds, argc, argv)) return -1;
    bool oserr = pe_type_is_subtype(t, PE_EXC(OSError));
    if (t == PE_EXC(OSError) && argc >= 2 && argc <= 5) t = oserror_subtype(argv[0]);
    /* OSError(errno, strerror, filename[, winerror[, filename2]]): the
     * filenames move out of args, which keeps (errno, strerror) */
    pe_val fn = pe_undef(), fn2 = pe_undef();
    int nargs = argc;
    if (oserr && argc >= 3 && argc <= 5) {
        fn = argv[2];
        if (argc == 5) fn2 = argv[4];
        /* BlockingIOError(errno, strerror, characters_written) */
        if (t == PE_EXC(BlockingIOError) && fn.tag == PE_TFLOAT)
            return pe_raise_not_index(S, fn);
        if (t == PE_EXC(BlockingIOError) && is_number(fn)) fn = fn2 = pe_undef();
        else if (fn.tag != PE_TNONE) nargs = 2;
    }
    pe_val args;
    if (pe_tuple_pack(S, (size_t)nargs, argv, &args)) return -1;
    int r = pe_exc_new(S, t, args, out);
    pe_decref(S, args);
    if (r) return -1;
    pe_exc *e = PE_EXCOBJ(*out);
    if (!oserr) {
        fn = slots[0]; /* name= of NameError, AttributeError, ImportError */
        fn2 = slots[1]; /* obj= / path= */
    }
    pe_incref(fn);
    pe_incref(fn2);
    e->filename = fn;
    e->text = fn2;
    return 0;
}

/* The per-class data attributes, all read from args (or the OSError
 * filename slots): StopIteration.value, SystemExit.code, OSError.errno,
 * .strerror, .filename, .filename2, the Unicode errors' .encoding,
 * .object, .start, .end, .reason. true when `n` is one (borrowed *out). */
static bool exc_attr(const pe_exc *e, const char *n, pe_val *out) {
    size_t na = exc_nargs(e);
    if (is_a(e, PE_EXC(StopIteration)) && !strcmp(n, "value")) {
        *out = exc_arg(e, 0);
        return true;
    }
    if (is_a(e, PE_EXC(SystemExit)) && !strcmp(n, "code")) {
        *out = na == 0 ? pe_none() : na == 1 ? exc_arg(e, 0) : e->args;
        return true;
    }
    if (is_a(e, PE_EXC(OSError))) {
        bool errno_form = na >= 2 && na <= 5;
        const pe_val *slot = !strcmp(n, "filename") ? &e->filename : !strcmp(n, "filename2") ? &e->text : NULL;
        if (slot) {
            *out = slot->tag == PE_TUNDEF ? pe_none() : *slot;
            return true;
        }
        if (e->ob.type == PE_EXC(BlockingIOError) && !strcmp(n, "characters_written") && na >= 3 &&
            na <= 5 && is_number(exc_arg(e, 2))) {
            *out = exc_arg(e, 2);
            return true;
        }
        int k = !strcmp(n, "errno") ? 0 : !strcmp(n, "strerror") ? 1 : -1;
        if (k >= 0) {
            *out = errno_form ? exc_arg(e, (size_t)k) : pe_none();
            return true;
        }
        return false;
    }
    if (is_a(e, PE_EXC(SyntaxError))) {
        /* msg, filename, lineno, offset, text, end_lineno, end_offset */
        if (!strcmp(n, "msg")) *out = na >= 1 ? exc_arg(e, 0) : pe_none();
        else if (!strcmp(n, "filename")) *out = e->filename.tag == PE_TUNDEF ? pe_none() : e->filename;
        else if (!strcmp(n, "text")) *out = e->text.tag == PE_TUNDEF ? pe_none() : e->text;
        else if (!strcmp(n, "lineno") || !strcmp(n, "end_lineno"))
            *out = e->lineno > 0 ? pe_int(e->lineno) : pe_none();
        else if (!strcmp(n, "offset")) *out = e->lineno > 0 ? pe_int(e->offset) : pe_none();
        else if (!strcmp(n, "end_offset")) *out = e->lineno > 0 ? pe_int(e->end_offset) : pe_none();
        else if (!strcmp(n, "print_file_and_line")) *out = pe_none();
        else return false;
        return true;
    }
    bool imp = is_a(e, PE_EXC(ImportError)), attr = is_a(e, PE_EXC(AttributeError));
    if (imp || attr || is_a(e, PE_EXC(NameError))) {
        const pe_val *slot = !strcmp(n, "name")                  ? &e->filename
                             : (attr && !strcmp(n, "obj")) ||
                                       (imp && !strcmp(n, "path")) ? &e->text
                                                                   : NULL;
        if (slot) {
            *out = slot->tag == PE_TUNDEF ? pe_none() : *slot;
            return true;
        }
        if (imp && !strcmp(n, "msg")) {
            *out = na == 1 ? exc_arg(e, 0) : pe_none();
            return true;
        }
        return false;
    }
    bool enc = e->ob.type == PE_EXC(UnicodeEncodeError) || e->ob.type == PE_EXC(UnicodeDecodeError);
    if (enc || e->ob.type == PE_EXC(UnicodeTranslateError)) {
        static const char *const names[] = {"encoding", "object", "start", "end", "reason"};
        for (size_t i = enc ? 0 : 1; i < 5; i++)
            if (!strcmp(n, names[i])) {
                *out = exc_arg(e, enc ? i : i - 1);
                return true;
            }
        if (!enc && !strcmp(n, "encoding")) {
            *out = pe_none();
            return true;
        }
    }
    return false;
}

static int exc_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    pe_exc *e = PE_EXCOBJ(v);
    const char *n = ((pe_str *)name)->data;
    if (!strcmp(n, "args")) {
        if (e->args.tag == PE_TUNDEF) return pe_tuple_new(S, 0, out);
        pe_incref(e->args);
        *out = e->args;
        return 0;
    }
    pe_val a;
    if (exc_attr(e, n, &a)) {
        pe_incref(a);
        *out = a;
        return 0;
    }
    pe_val *field = NULL;
    if (!strcmp(n, "__cause__")) field = &e->cause;
    else if (!strcmp(n, "__context__")) field = &e->context;
    if (field) {
        *out = field->tag == PE_TUNDEF ? pe_none() : *field;
        pe_incref(*out);
        return 0;
    }
    if (!strcmp(n, "__suppress_context__")) {
        *out = pe_bool(e->suppress_context);
        return 0;
    }
    if (!strcmp(n, "__traceback__")) { /* no traceback objects */
        *out = pe_none();
        return 0;
    }
    bool builtin = !pe_is_heaptype(e->ob.type);
    if (builtin && !strcmp(n, "__dict__")) {
        if (e->dict.tag == PE_TUNDEF && pe_dict_new(S, &e->dict)) return -1;
        pe_incref(e->dict);
        *out = e->dict;
        return 0;
    }
    if (builtin && e->dict.tag == PE_TOBJ) {
        pe_val x = pe_dict_get_str(PE_DICT(e->dict), (pe_str *)name);
        if (x.tag != PE_TUNDEF) {
            pe_incref(x);
            *out = x;
            return 0;
        }
    }
    /* the instance's own attributes (user classes), add_note... come next */
    if (!builtin || pe_find_method(e->ob.type, (pe_str *)name)) return PE_NOTIMPL;
    return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'",
                    e->ob.type->name, n);
}

/* BaseException's data descriptors (__cause__, __context__,
 * __suppress_context__, args, __traceback__): 1 done, 0 not one of them. */
int pe_exc_set_special(pe_state *S, pe_val v, const char *n, pe_val val) {
    pe_exc *e = PE_EXCOBJ(v);
    bool cause = !strcmp(n, "__cause__"), context = !strcmp(n, "__context__");
    if (cause || context || !strcmp(n, "__suppress_context__") || !strcmp(n, "args") ||
        !strcmp(n, "__traceback__")) {
        if (val.tag == PE_TUNDEF) {
            if (!strcmp(n, "args")) return pe_raise(S, PE_EXC(TypeError), "args may not be deleted");
            return pe_raise(S, PE_EXC(TypeError), "%s may not be deleted", n);
        }
    } else {
        return 0;
    }
    if (cause || context) {
        bool none = val.tag == PE_TNONE;
        if (!none && !(val.tag == PE_TOBJ && val.u.o->type->kind == PE_K_EXC))
            return pe_raise(S, PE_EXC(TypeError), "exception %s must be None or derive from BaseException",
                            cause ? "cause" : "context");
        pe_val *field = cause ? &e->cause : &e->context;
        pe_val old = *field;
        *field = none ? pe_undef() : val;
        pe_incref(*field);
        pe_decref(S, old);
        if (cause) e->suppress_context = true;
        return 1;
    }
    if (n[0] == '_' && n[2] == 's') { /* __suppress_context__ */
        int t = pe_truth(S, val);
        if (t < 0) return -1;
        e->suppress_context = t;
        return 1;
    }
    if (n[0] == 'a') { /* args = tuple(value) */
        pe_val t;
        if (pe_tuple_from_iter(S, val, &t)) return -1;
        pe_val old = e->args;
        e->args = t;
        pe_decref(S, old);
        return 1;
    }
    if (val.tag != PE_TNONE) /* __traceback__: pyexpr has no traceback objects */
        return pe_raise(S, PE_EXC(TypeError), "__traceback__ must be a traceback or None");
    return 1;
}

/* Attribute set/del on a built-in exception instance: the descriptors
 * above, else its __dict__. */
static int exc_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val) {
    pe_exc *e = PE_EXCOBJ(v);
    const char *n = ((pe_str *)name)->data;
    int r = pe_exc_set_special(S, v, n, val);
    if (r) return r < 0 ? -1 : 0;
    if (val.tag == PE_TUNDEF) {
        int d = e->dict.tag == PE_TOBJ ? pe_dict_del(S, PE_DICT(e->dict), pe_obj_val(name)) : 0;
        if (d < 0) return -1;
        if (d == 0)
            return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'",
                            e->ob.type->name, n);
        return 0;
    }
    if (e->dict.tag == PE_TUNDEF && pe_dict_new(S, &e->dict)) return -1;
    return pe_dict_set(S, PE_DICT(e->dict), pe_obj_val(name), val);
}

/* BaseException.add_note(note): appended to the __notes__ list. */
static int exc_add_note(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                        pe_val *out) {
    if (pe_no_kwargs(S, "add_note", kw)) return -1;
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "BaseException.add_note() takes exactly one argument (%d given)", argc);
    if (!pe_is_str(pe_unbox(argv[0])))
        return pe_raise(S, PE_EXC(TypeError), "note must be a str, not '%s'", pe_type_name(argv[0]));
    pe_val key, notes;
    if (pe_str_from_cstr(S, "__notes__", &key)) return -1;
    int r = pe_getattr(S, self, key.u.o, &notes);
    if (r && pe_exc_matches(S, PE_EXC(AttributeError))) {
        pe_exc_clear(S);
        r = pe_list_new(S, 0, &notes);
        if (!r && pe_setattr(S, self, key.u.o, notes)) {
            pe_decref(S, notes);
            r = -1;
        }
    }
    pe_decref(S, key);
    if (r) return -1;
    if (!pe_is_list(notes)) r = pe_raise(S, PE_EXC(TypeError), "Cannot add note: __notes__ is not a list");
    else r = pe_list_append(S, PE_LIST(notes), argv[0]);
    pe_decref(S, notes);
    if (r) return -1;
    *out = pe_none();
    return 0;
}

/* BaseException.with_traceback(tb): self (pyexpr has no traceback objects:
 * only None is accepted). */
static int exc_with_traceback(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                              pe_val *out) {
    if (pe_no_kwargs(S, "with_traceback", kw)) return -1;
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "BaseException.with_traceback() takes exactly one argument (%d given)", argc);
    if (argv[0].tag != PE_TNONE)
        return pe_raise(S, PE_EXC(TypeError), "__traceback__ must be a traceback or None");
    pe_incref(self);
    *out = self;
    return 0;
}

static const pe_cfunc exc_methods[] = {
    PE_METHOD("add_note", exc_add_note),
    PE_METHOD("with_traceback", exc_with_traceback),
    PE_METHOD_END,
};

/* ------------------------------------------------------------------ */
/* Raising                                                             */
/* ------------------------------------------------------------------ */

static bool is_exc_type(pe_val v) {
    return pe_is_kind(v, PE_K_TYPE) && ((const pe_type *)v.u.o)->kind == PE_K_EXC;
}

bool pe_type_is_subtype(const pe_type *t, const pe_type *base) {
    if (pe_is_heaptype(t) || base == &pe_type_object) return pe_class_is_subtype(t, base);
    for (; t; t = t->base)
        if (t == base) return true;
    return false;
}

/* Installs exc (owned reference) as the pending exception. */
static int set_pending(pe_state *S, pe_val exc) {
    pe_exc *e = PE_EXCOBJ(exc);
    if (S->handled.tag == PE_TOBJ && S->handled.u.o != exc.u.o && e->context.tag == PE_TUNDEF &&
        !(e->ob.flags & PE_IMMORTAL)) {
        pe_incref(S->handled);
        e->context = S->handled;
    }
    pe_val old = S->exc;
    S->exc = exc;
    pe_decref(S, old);
    return -1;
}

int pe_raise_nomem(pe_state *S) {
    return set_pending(S, pe_obj_val((pe_obj *)&memerr_instance.ob));
}

/* `raise cls`: cls() as the instance; a user __new__ that returns
 * something else than an exception is CPython's TypeError. */
int pe_exc_instantiate(pe_state *S, pe_val cls, pe_val *out) {
    pe_val inst;
    if (pe_call(S, cls, 0, NULL, NULL, &inst)) return -1;
    if (PE_LIKELY(pe_is_kind(inst, PE_K_EXC))) {
        *out = inst;
        return 0;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (!pe_sb_puts(&sb, "calling ") && !pe_repr(S, cls, &sb) &&
        !pe_sb_puts(&sb, " should have returned an instance of BaseException, not ") &&
        !pe_repr(S, pe_obj_val((pe_obj *)pe_typeof(inst)), &sb))
        pe_raise(S, PE_EXC(TypeError), "%.*s", (int)(sb.len > 500 ? 500 : sb.len), sb.p);
    pe_sb_free(&sb);
    pe_decref(S, inst);
    return -1;
}

int pe_raise_exc(pe_state *S, pe_val v) {
    if (is_exc_type(v)) {
        pe_val inst;
        if (pe_exc_instantiate(S, v, &inst)) return -1;
        return set_pending(S, inst);
    }
    if (!pe_is_kind(v, PE_K_EXC))
        return pe_raise(S, PE_EXC(TypeError), "exceptions must derive from BaseException");
    pe_incref(v);
    return set_pending(S, v);
}

int pe_raise_errno(pe_state *S, const pe_type *t, int err, const char *text) {
    pe_val items[2] = {pe_int(err), pe_undef()}, args, exc;
    if (pe_str_from_cstr(S, text, &items[1])) return -1;
    int r = pe_tuple_pack(S, 2, items, &args);
    pe_decref(S, items[1]);
    if (r) return -1;
    r = pe_exc_new(S, t, args, &exc);
    pe_decref(S, args);
    if (r) return -1;
    return set_pending(S, exc);
}

int pe_raise_args(pe_state *S, const pe_type *t, size_t n, const pe_val *argv) {
    pe_val args, exc;
    if (pe_tuple_pack(S, n, argv, &args)) return -1;
    int r = pe_exc_new(S, t, args, &exc);
    pe_decref(S, args);
    if (r) return -1;
    return set_pending(S, exc);
}

int pe_raise_with_arg(pe_state *S, const pe_type *t, pe_val v) { return pe_raise_args(S, t, 1, &v); }

int pe_raise_str(pe_state *S, const pe_type *t, const char *msg, size_t len) {
    pe_heap *saved = S->cur;
    S->cur = &S->heap; /* exceptions always live on the run heap */
    pe_val s;
    int r = -1;
    if (pe_str_new(S, msg, len, &s) == 0) {
        r = pe_raise_with_arg(S, t, s);
        pe_decref(S, s);
    }
    S->cur = saved;
    return r < 0 ? -1 : -1;
}

int pe_raise(pe_state *S, const pe_type *t, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof buf) n = sizeof buf - 1;
    return pe_raise_str(S, t, buf, (size_t)n);
}

bool pe_exc_matches(pe_state *S, const pe_type *t) {
    return S->exc.tag == PE_TOBJ && pe_type_is_subtype(S->exc.u.o->type, t);
}

void pe_exc_clear(pe_state *S) {
    pe_drop(S, &S->exc);
}

int pe_raise_syntax(pe_state *S, const pe_type *t, const char *msg, const char *filename,
                    int64_t lineno, int64_t offset, int64_t end_offset, const char *line,
                    size_t linelen) {
    pe_heap *saved = S->cur;
    S->cur = &S->heap;
    pe_val m, args, exc, fn = pe_undef(), text = pe_undef();
    int ok = pe_str_from_cstr(S, msg, &m) == 0;
    if (ok) {
        ok = pe_tuple_pack(S, 1, &m, &args) == 0;
        pe_decref(S, m);
    }
    if (ok) {
        ok = pe_exc_new(S, t, args, &exc) == 0;
        pe_decref(S, args);
    }
    if (ok && filename) ok = pe_str_from_cstr(S, filename, &fn) == 0;
    if (ok && line) ok = pe_str_new(S, line, linelen, &text) == 0;
    S->cur = saved;
    if (!ok) {
        pe_decref(S, fn);
        return -1;
    }
    pe_exc *e = PE_EXCOBJ(exc);
    e->filename = fn;
    e->text = text;
    e->lineno = lineno;
    e->offset = offset;
    e->end_offset = end_offset;
    return set_pending(S, exc);
}

/* ------------------------------------------------------------------ */
/* Tracebacks                                                          */
/* ------------------------------------------------------------------ */

void pe_tb_add(pe_state *S, pe_fcode *code, uint32_t line, uint16_t col) {
    if (S->exc.tag != PE_TOBJ) return;
    pe_exc *e = PE_EXCOBJ(S->exc);
    if (e->ob.flags & PE_IMMORTAL) return;
    if (e->ntb == e->tb_cap) {
        uint32_t ncap = e->tb_cap ? e->tb_cap * 2 : 8;
        if (ncap > 4096) return; /* bounded: keep the innermost entries */
        {
            pe_tbent *nt = pe_sys_realloc(S, e->tb, e->tb_cap * sizeof(pe_tbent),
                                          ncap * sizeof(pe_tbent));
            if (!nt) return;
            S->mem_used += (ncap - e->tb_cap) * sizeof(pe_tbent);
            e->tb = nt;
            e->tb_cap = ncap;
        }
    }
    e->tb[e->ntb++] = (pe_tbent){code, line, col};
}

static void emit(pe_state *S, const char *s, size_t n) { S->err(S->err_ud, s, n); }

static void emits(pe_state *S, const char *s) { emit(S, s, strlen(s)); }

/* Finds line `lineno` (1-based) of src; returns its start and length. */
static const char *source_line(const char *src, size_t len, uint32_t lineno, size_t *outlen) {
    if (!src || lineno == 0) return NULL;
    const char *p = src, *end = src + len;
    for (uint32_t l = 1; l < lineno; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (!e) e = end;
    *outlen = (size_t)(e - p);
    return p;
}

static bool shows_source(const char *filename) {
    return filename && strcmp(filename, "<string>") && strcmp(filename, "<stdin>");
}

/* "    <line stripped>\n" */
static void print_src_line(pe_state *S, const char *line, size_t n, size_t *stripped) {
    size_t k = 0;
    while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\f')) k++;
    while (n > k && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\n')) n--;
    if (stripped) *stripped = k;
    emits(S, "    ");
    emit(S, line + k, n - k);
    emits(S, "\n");
}

/* The exception's __notes__, one per line after its last line (str notes
 * as they are, others by repr), as CPython's traceback printer. */
static void print_notes(pe_state *S, pe_val exc, pe_sb *sb) {
    pe_val key, notes;
    if (pe_str_from_cstr(S, "__notes__", &key)) {
        pe_exc_clear(S);
        return;
    }
    int r = pe_getattr(S, exc, key.u.o, &notes);
    pe_decref(S, key);
    if (r) {
        pe_exc_clear(S);
        return;
    }
    if (pe_is_list(notes) || pe_is_tuple(notes)) {
        size_t n = pe_is_list(notes) ? PE_LIST(notes)->n : PE_TUPLE(notes)->n;
        for (size_t i = 0; i < n; i++) {
            if (!pe_is_list(notes) && !pe_is_tuple(notes)) break;
            size_t m = pe_is_list(notes) ? PE_LIST(notes)->n : PE_TUPLE(notes)->n;
            if (i >= m) break; /* a note's repr shrank the list */
            pe_val x = pe_is_list(notes) ? PE_LIST(notes)->items[i] : PE_TUPLE(notes)->items[i];
            pe_incref(x);
            if (pe_is_str(pe_unbox(x))) pe_sb_putn(sb, PE_STR(pe_unbox(x))->data, PE_STR(pe_unbox(x))->len);
            else if (pe_repr(S, x, sb)) pe_exc_clear(S);
            pe_decref(S, x);
            pe_sb_putc(sb, '\n');
        }
    } else {
        if (pe_repr(S, notes, sb)) pe_exc_clear(S);
        pe_sb_putc(sb, '\n');
    }
    pe_decref(S, notes);
}

static void print_last_line(pe_state *S, pe_val exc) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    const pe_type *t = exc.u.o->type;
    pe_class_put_exc_name(&sb, t); /* module.qualname unless __main__/builtins */
    size_t mark = sb.len;
    pe_sb_puts(&sb, ": ");
    size_t before = sb.len;
    /* a SyntaxError shows its msg only (the location is printed above) */
    pe_exc *se = PE_EXCOBJ(exc);
    bool syn = pe_type_is_subtype(t, PE_EXC(SyntaxError)) && exc_nargs(se) >= 1;
    if (syn ? pe_tostr(S, PE_TUPLE(se->args)->items[0], &sb) : pe_tostr(S, exc, &sb)) {
        pe_exc_clear(S);
        sb.failed = 0;
        sb.len = before;
        pe_sb_puts(&sb, "<exception str() failed>");
    }
    if (sb.len == before) sb.len = mark;
    pe_exc *e = PE_EXCOBJ(exc);
    if (e->suggestion.tag == PE_TOBJ)
        pe_sb_printf(&sb, ". Did you mean: '%s'?", PE_STR(e->suggestion)->data);
    pe_sb_putc(&sb, '\n');
    print_notes(S, exc, &sb);
    if (!sb.failed) emit(S, sb.p, sb.len);
    pe_sb_free(&sb);
}

static void print_syntax_error(pe_state *S, pe_exc *e) {
    char buf[64];
    const char *fn = e->filename.tag == PE_TOBJ ? PE_STR(e->filename)->data : "<string>";
    emits(S, "  File \"");
    emits(S, fn);
    snprintf(buf, sizeof buf, "\", line %lld\n", (long long)e->lineno);
    emits(S, buf);
    if (e->text.tag == PE_TOBJ) {
        pe_str *t = PE_STR(e->text);
        size_t k = 0;
        print_src_line(S, t->data, t->len, &k);
        if (e->offset > 0) {
            /* columns are 1-based code points; count bytes of the prefix */
            int64_t col = e->offset - 1 - (int64_t)k, width = 1;
            if (e->end_offset > e->offset) width = e->end_offset - e->offset;
            if (col < 0) return; /* left of the text: no caret, as CPython */
            emits(S, "    ");
            for (int64_t i = 0; i < col; i++) emits(S, " ");
            for (int64_t i = 0; i < width && i < 1000; i++) emits(S, "^");
            emits(S, "\n");
        }
    }
}

static void print_one(pe_state *S, pe_val exc, int depth) {
    pe_exc *e = PE_EXCOBJ(exc);
    if (depth < 32) {
        if (e->cause.tag == PE_TOBJ) {
            print_one(S, e->cause, depth + 1);
            emits(S, "\nThe above exception was the direct cause of the following "
                     "exception:\n\n");
        } else if (e->context.tag == PE_TOBJ && !e->suppress_context) {
            print_one(S, e->context, depth + 1);
            emits(S, "\nDuring handling of the above exception, another exception "
                     "occurred:\n\n");
        }
    }
    if (e->ntb) emits(S, "Traceback (most recent call last):\n");
    for (uint32_t i = e->ntb; i-- > 0;) { /* entries are stored innermost first */
        char buf[96];
        const pe_tbent *t = &e->tb[i];
        /* a frame of an imported module's code names that module's file */
        const pe_code *code = t->code && t->code->prog && t->code->prog->modname
                                  ? t->code->prog
                                  : S->code;
        const char *fn = code && code->filename ? code->filename : "<string>";
        emits(S, "  File \"");
        emits(S, fn);
        snprintf(buf, sizeof buf, "\", line %u, in ", t->line);
        emits(S, buf);
        emits(S, t->code && t->code->name ? ((pe_str *)t->code->name)->data : "<module>");
        emits(S, "\n");
        size_t n;
        const char *l = code && shows_source(fn)
                            ? source_line(code->source, code->source_len, t->line, &n)
                            : NULL;
        if (l) print_src_line(S, l, n, NULL);
    }
    if (pe_type_is_subtype(e->ob.type, PE_EXC(SyntaxError)) && e->lineno > 0)
        print_syntax_error(S, e);
    print_last_line(S, exc);
}

void pe_print_exception(pe_state *S) {
    pe_val exc = S->exc;
    if (exc.tag != PE_TOBJ) return;
    S->exc = pe_undef();
    print_one(S, exc, 0);
    pe_decref(S, exc);
}

/* CPython's handling of an uncaught SystemExit (Python/pythonrun.c): the
 * code is args[0] (one arg), None (none) or the args tuple; None exits 0,
 * an int exits with it (as the C int exit() takes: a value beyond the C
 * long range is -1), anything else is written with str() to stderr and
 * exits 1. */
int pe_exception_exit_status(pe_state *S) {
    pe_val exc = S->exc;
    if (exc.tag != PE_TOBJ || !pe_type_is_subtype(exc.u.o->type, PE_EXC(SystemExit))) return -1;
    pe_exc *e = PE_EXCOBJ(exc);
    pe_val code = pe_none();
    if (e->args.tag == PE_TOBJ) {
        pe_tuple *t = PE_TUPLE(e->args);
        if (t->n == 1) code = t->items[0];
        else if (t->n > 1) code = e->args;
    }
    pe_incref(code);
    S->exc = pe_undef();
    pe_decref(S, exc);
    int status = 0;
    if (code.tag == PE_TINT || code.tag == PE_TBOOL) {
        status = (int)(code.u.i & 0xff);
    } else if (pe_is_bigint(code)) {
        status = 255; /* PyLong_AsLong overflows: -1 */
    } else if (code.tag != PE_TNONE) {
        pe_val s;
        if (pe_str_val(S, code, &s) == 0) {
            emit(S, PE_STR(s)->data, PE_STR(s)->len);
            pe_decref(S, s);
        } else {
            pe_exc_clear(S);
        }
        emits(S, "\n");
        status = 1;
    }
    pe_decref(S, code);
    return status;
}

/* ------------------------------------------------------------------ */
/* Suggestions (the algorithm of CPython's Python/suggestions.c)        */
/* ------------------------------------------------------------------ */

#define SUGGEST_MAX_STRING 40
#define SUGGEST_MOVE_COST 2
#define SUGGEST_CASE_COST 1
#define SUGGEST_MAX_ITEMS 750

static size_t subst_cost(char a, char b) {
    if (a == b) return 0;
    if ((a | 32) == (b | 32) && ((a | 32) >= 'a' && (a | 32) <= 'z')) return SUGGEST_CASE_COST;
    return SUGGEST_MOVE_COST;
}

/* Levenshtein distance with CPython's costs; > max_cost means "too far". */
static size_t levenshtein(const char *a, size_t an, const char *b, size_t bn, size_t max_cost) {
    size_t buf[SUGGEST_MAX_STRING];
    if (an == bn && !memcmp(a, b, an)) return 0;
    while (an && bn && a[0] == b[0]) a++, b++, an--, bn--;
    while (an && bn && a[an - 1] == b[bn - 1]) an--, bn--;
    if (an == 0 || bn == 0) return (an + bn) * SUGGEST_MOVE_COST;
    if (an > SUGGEST_MAX_STRING || bn > SUGGEST_MAX_STRING) return max_cost + 1;
    if (bn < an) {
        const char *t = a; a = b; b = t;
        size_t tn = an; an = bn; bn = tn;
    }
    if ((bn - an) * SUGGEST_MOVE_COST > max_cost) return max_cost + 1;
    for (size_t i = 0; i < an; i++) buf[i] = (i + 1) * SUGGEST_MOVE_COST;
    size_t result = 0;
    for (size_t bi = 0; bi < bn; bi++) {
        char code = b[bi];
        size_t distance = result = bi * SUGGEST_MOVE_COST;
        size_t minimum = SIZE_MAX;
        for (size_t ai = 0; ai < an; ai++) {
            size_t subst = distance + subst_cost(code, a[ai]);
            distance = buf[ai];
            size_t ins_del = (result < distance ? result : distance) + SUGGEST_MOVE_COST;
            result = ins_del < subst ? ins_del : subst;
            buf[ai] = result;
            if (result < minimum) minimum = result;
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

int pe_suggest(const char *name, const char *const *cands, size_t n) {
    if (n >= SUGGEST_MAX_ITEMS) return -1;
    size_t best_d = SIZE_MAX, nl = strlen(name);
    int best = -1;
    for (size_t i = 0; i < n; i++) {
        if (!cands[i] || !strcmp(cands[i], name)) continue;
        size_t il = strlen(cands[i]);
        size_t maxd = (nl + il + 3) * SUGGEST_MOVE_COST / 6;
        if (best_d != SIZE_MAX && best_d - 1 < maxd) maxd = best_d - 1;
        size_t d = levenshtein(name, nl, cands[i], il, maxd);
        if (d > maxd) continue;
        if (best < 0 || d < best_d) {
            best = (int)i;
            best_d = d;
        }
    }
    return best;
}

void pe_exc_set_suggestion(pe_state *S, const char *name) {
    if (S->exc.tag != PE_TOBJ) return;
    pe_exc *e = PE_EXCOBJ(S->exc);
    if (e->ob.flags & PE_IMMORTAL) return;
    pe_val s;
    if (pe_str_from_cstr(S, name, &s)) {
        pe_exc_clear(S);
        return;
    }
    pe_decref(S, e->suggestion);
    e->suggestion = s;
}

static const pe_dir_names *dir_names_find(const char *key) {
    for (size_t i = 0; i < sizeof pe_dir_table / sizeof pe_dir_table[0]; i++)
        if (!strcmp(pe_dir_table[i].type_name, key)) return &pe_dir_table[i];
    return NULL;
}

/* The dir() list CPython would use for obj: its type's, a type object's
 * own, or the math module's. */
static const pe_dir_names *dir_names_of(pe_val obj) {
    const pe_type *t = pe_typeof(obj);
    const char *key = t->name;
    if (t->kind == PE_K_MODULE)
        key = strcmp(((const pe_module *)obj.u.o)->name, "sys") ? "module math" : "module sys";
    else if (t->kind == PE_K_TYPE && obj.tag == PE_TOBJ) key = ((const pe_type *)obj.u.o)->name;
    return dir_names_find(key);
}

int pe_dir_builtin(pe_state *S, pe_val obj, pe_val *out) {
    if (pe_is_kind(obj, PE_K_MODULE)) {
        const char *mn = ((const pe_module *)obj.u.o)->name;
        if (strcmp(mn, "math") && strcmp(mn, "sys")) return 0;
    }
    const pe_dir_names *d = dir_names_of(obj);
    if (!d) return 0;
    if (pe_list_new(S, 0, out)) return -1;
    const char *p = d->names;
    for (unsigned i = 0; i < d->count; i++, p += strlen(p) + 1) {
        pe_val sv;
        if (pe_str_from_cstr(S, p, &sv) || pe_list_append_steal(S, PE_LIST(*out), sv)) {
            pe_decref(S, *out);
            return -1;
        }
    }
    return 1;
}

/* The closest of a dir() list to name, or NULL. */
static const char *suggest_from(const pe_dir_names *d, const char *name) {
    if (!d || d->count >= SUGGEST_MAX_ITEMS) return NULL;
    const char *cands[SUGGEST_MAX_ITEMS];
    const char *p = d->names;
    for (unsigned i = 0; i < d->count; i++) {
        cands[i] = p;
        p += strlen(p) + 1;
    }
    int k = pe_suggest(name, cands, d->count);
    return k < 0 ? NULL : cands[k];
}

void pe_exc_set_name(pe_state *S, const char *name, pe_val obj) {
    if (S->exc.tag != PE_TOBJ) return;
    pe_exc *e = PE_EXCOBJ(S->exc);
    if ((e->ob.flags & PE_IMMORTAL) || e->filename.tag != PE_TUNDEF) return;
    pe_val s;
    if (pe_str_from_cstr(S, name, &s)) return; /* MemoryError pending instead */
    e->filename = s;
    if (obj.tag != PE_TUNDEF && e->text.tag == PE_TUNDEF) {
        pe_incref(obj);
        e->text = obj;
    }
}

void pe_attr_error_suggest(pe_state *S, pe_val obj, const pe_str *name) {
    pe_exc *e = PE_EXCOBJ(S->exc);
    if ((e->ob.flags & PE_IMMORTAL) || e->suggestion.tag != PE_TUNDEF) return;
    pe_incref(S->exc);
    pe_val keep = S->exc;
    pe_exc_set_name(S, name->data, obj);
    const char *s = S->exc.u.o == keep.u.o ? suggest_from(dir_names_of(obj), name->data) : NULL;
    pe_decref(S, keep);
    if (s) pe_exc_set_suggestion(S, s);
}

/* The builtin closest to a mistyped name, or NULL: CPython's builtins
 * namespace in its dict order (so ties resolve alike), including the
 * builtins pyexpr lacks, as CPython would suggest them. */
const char *pe_builtin_suggest(const char *name) {
    return suggest_from(dir_names_find("builtins"), name);
}

/* Raises module.cls(fmt % ...) (pe_module.h). */
int pe_module_raise(pe_state *S, const char *module, const char *cls, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = pe_module_raisev(S, module, cls, fmt, ap);
    va_end(ap);
    return r;
}

#ifdef PE_DEBUG
#include <stdio.h>
#include <stdlib.h>
/* A failed PE_ASSERT: an engine bug. Reports and aborts (debug builds). */
void pe_assert_fail(const char *cond, const char *file, int line) {
    fprintf(stderr, "pyexpr: internal assertion failed: %s (%s:%d)\n", cond, file, line);
    abort();
}
#endif
