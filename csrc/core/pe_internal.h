/*
 * pe_internal.h - the engine's internal object model, shared by every stage.
 *
 * Conventions (see docs/internals.md):
 *  - Every function that can fail returns int: 0 = ok, -1 = error with an
 *    exception pending in S (pe_raise*). Functions returning a pointer return
 *    NULL on error with the exception pending.
 *  - pe_val arguments are BORROWED. Values written through `pe_val *out` are
 *    NEW references owned by the caller. Functions with `_steal` in the name
 *    take ownership of the named argument.
 *  - No mutable globals: all run-time state hangs off pe_state. Static type
 *    objects are immortal and never written.
 *  - Ints that fit in int64_t are ALWAYS PE_TINT; a pe_bigint only ever holds
 *    a value outside [INT64_MIN, INT64_MAX] (normalised on every result).
 */
#ifndef PE_INTERNAL_H
#define PE_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pyexpr.h"

#if defined(__GNUC__)
#define PE_LIKELY(x) __builtin_expect(!!(x), 1)
#define PE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define PE_INLINE static inline __attribute__((always_inline))
#define PE_NOINLINE __attribute__((noinline))
#else
#define PE_LIKELY(x) (x)
#define PE_UNLIKELY(x) (x)
#define PE_PRINTF(a, b)
#define PE_INLINE static inline
#define PE_NOINLINE
#endif

/* PE_ASSERT(cond): an engine invariant (stack depth, frame bounds, handler
 * regions). Checked in debug and sanitizer builds (-DPE_DEBUG), where a
 * violation aborts with its location; compiled out of release builds. */
#ifdef PE_DEBUG
void pe_assert_fail(const char *cond, const char *file, int line);
#define PE_ASSERT(cond) ((cond) ? (void)0 : pe_assert_fail(#cond, __FILE__, __LINE__))
#else
#define PE_ASSERT(cond) ((void)0)
#endif

typedef struct pe_obj pe_obj;
typedef struct pe_type pe_type;
typedef struct pe_sb pe_sb;

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/* PE_TUNDEF marks "no value" (unbound local, empty slot); never visible to
 * Python code. Everything that is not an immediate is PE_TOBJ. */
enum { PE_TUNDEF = 0, PE_TNONE, PE_TBOOL, PE_TINT, PE_TFLOAT, PE_TOBJ };

typedef struct pe_val {
    uint32_t tag;
    uint32_t aux; /* unused by value semantics; must be 0 */
    union {
        int64_t i; /* PE_TINT, PE_TBOOL (0/1) */
        double f;  /* PE_TFLOAT */
        pe_obj *o; /* PE_TOBJ */
    } u;
} pe_val;

PE_INLINE pe_val pe_undef(void) { pe_val v = {PE_TUNDEF, 0, {.i = 0}}; return v; }
PE_INLINE pe_val pe_none(void) { pe_val v = {PE_TNONE, 0, {.i = 0}}; return v; }
PE_INLINE pe_val pe_bool(int b) { pe_val v = {PE_TBOOL, 0, {.i = b != 0}}; return v; }
PE_INLINE pe_val pe_int(int64_t i) { pe_val v = {PE_TINT, 0, {.i = i}}; return v; }
PE_INLINE pe_val pe_float(double f) { pe_val v = {PE_TFLOAT, 0, {.f = f}}; return v; }
PE_INLINE pe_val pe_obj_val(pe_obj *o) { pe_val v = {PE_TOBJ, 0, {.o = o}}; return v; }

/* ------------------------------------------------------------------ */
/* Objects                                                             */
/* ------------------------------------------------------------------ */

#define PE_IMMORTAL 0x1u /* static or code-owned constant: never counted */

/* Every heap object starts with this header. All live heap objects of a
 * state are on a doubly linked list so pe_state_free / end of a run can
 * reclaim reference cycles. */
struct pe_obj {
    const pe_type *type;
    uint32_t rc;
    uint32_t flags;
    pe_obj *gc_next, *gc_prev;
};

/* Kinds: a small integer per type so hot code can switch without pointer
 * comparisons. ORDER is irrelevant (no tables indexed by it outside this
 * list). */
#define PE_KINDS(X)                                                            \
    X(NONE) X(BOOL) X(INT) X(FLOAT) X(STR) X(TUPLE) X(LIST) X(DICT) X(SET)     \
    X(FROZENSET) X(RANGE) X(SLICE) X(FUNC) X(CFUNC) X(BMETHOD) X(CELL) X(CODE) \
    X(TYPE) X(EXC) X(MODULE) X(ITER) X(VIEW) X(HOST) X(OTHER)

enum pe_kind {
#define PE_K_ENUM(n) PE_K_##n,
    PE_KINDS(PE_K_ENUM)
#undef PE_K_ENUM
        PE_K__COUNT
};

/* Comparison operators (same order as CPython's Py_LT..Py_GE). */
enum { PE_LT = 0, PE_LE, PE_EQ, PE_NE, PE_GT, PE_GE };

/* The truth of `x OP y` given the three-way result c = sign(x - y). */
static inline bool pe_cmp_order(int c, int op) {
    switch (op) {
    case PE_LT: return c < 0;
    case PE_LE: return c <= 0;
    case PE_EQ: return c == 0;
    case PE_NE: return c != 0;
    case PE_GT: return c > 0;
    default: return c >= 0;
    }
}

/* `a OP b` for doubles (IEEE semantics: every comparison with NaN is
 * false except !=). */
static inline bool pe_cmp_double(double a, double b, int op) {
    switch (op) {
    case PE_LT: return a < b;
    case PE_LE: return a <= b;
    case PE_EQ: return a == b;
    case PE_NE: return a != b;
    case PE_GT: return a > b;
    default: return a >= b;
    }
}

/* Result of a slot that may decline an operation. */
#define PE_NOTIMPL 1

/* A native function. argv[0..argc-1] are borrowed positional args;
 * kwnames is NULL or a tuple of str naming the LAST nkw entries of argv
 * (CPython vectorcall layout: argc counts positional + keyword values).
 * self is the bound receiver for methods (PE_TUNDEF for plain functions). */
typedef int (*pe_cfunc_fn)(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out);

/* A native function object. Static immortal instances form the method
 * tables of types (self UNDEF there); LOAD_METHOD pushes the entry and the
 * receiver, so calling a method allocates nothing. Bound methods made by
 * attribute access (`s.upper`) are heap copies with self set. */
typedef struct pe_cfunc {
    pe_obj ob;
    const char *name;
    pe_cfunc_fn fn;
    pe_val self; /* bound receiver or UNDEF */
} pe_cfunc;

extern const pe_type pe_type_builtin;
#define PE_STATIC_HEAD(tp) {(tp), 1, PE_IMMORTAL, NULL, NULL}
/* One entry of a method table: PE_METHOD("upper", str_upper) */
#define PE_METHOD(n, f) {PE_STATIC_HEAD(&pe_type_builtin), (n), (f), {PE_TUNDEF, 0, {.i = 0}}}
#define PE_METHOD_END {PE_STATIC_HEAD(NULL), NULL, NULL, {PE_TUNDEF, 0, {.i = 0}}}

/* Type objects. Slots are NULL when unsupported; the generic layer
 * (object.c) produces CPython's error messages in that case. */
struct pe_type {
    pe_obj ob;
    const char *name;    /* as in CPython's messages: "int", "NoneType" */
    const pe_type *base; /* single inheritance (bool->int, exceptions) */
    uint16_t kind;       /* enum pe_kind */
    uint16_t exc_id;     /* for exception types: enum pe_exc_id */
    /* frees owned references and the object itself (via pe_obj_free) */
    void (*dealloc)(pe_state *S, pe_obj *o);
    /* drops every reference the object holds, leaving it empty but valid
     * for dealloc (used to reclaim reference cycles); NULL if it holds none */
    void (*clear)(pe_state *S, pe_obj *o);
    int (*repr)(pe_state *S, pe_val v, pe_sb *sb); /* append repr */
    int (*str)(pe_state *S, pe_val v, pe_sb *sb);  /* NULL: use repr */
    int (*hash)(pe_state *S, pe_val v, int64_t *out); /* NULL: unhashable */
    /* a OP b where at least one operand has this type; PE_NOTIMPL to decline */
    int (*richcmp)(pe_state *S, pe_val a, pe_val b, int op, pe_val *out);
    int (*binop)(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);
    int (*truth)(pe_state *S, pe_val v);       /* 0/1, -1 error; NULL: len or true */
    int (*len)(pe_state *S, pe_val v, int64_t *out);
    int (*iter)(pe_state *S, pe_val v, pe_val *out);
    /* 1 = produced *out, 0 = exhausted (no exception), -1 = error */
    int (*next)(pe_state *S, pe_val it, pe_val *out);
    int (*getitem)(pe_state *S, pe_val v, pe_val key, pe_val *out);
    int (*setitem)(pe_state *S, pe_val v, pe_val key, pe_val val); /* val UNDEF = delete */
    int (*contains)(pe_state *S, pe_val v, pe_val x);              /* 0/1/-1 */
    int (*call)(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                pe_val *out);
    int (*getattr)(pe_state *S, pe_val v, pe_obj *name, pe_val *out); /* NULL: methods */
    const pe_cfunc *methods; /* terminated by PE_METHOD_END (name NULL) */
};

/* ------------------------------------------------------------------ */
/* Reference counting                                                  */
/* ------------------------------------------------------------------ */

void pe_obj_dealloc(pe_state *S, pe_obj *o); /* rc reached 0 */

PE_INLINE void pe_incref_obj(pe_obj *o) {
    if (!(o->flags & PE_IMMORTAL)) o->rc++;
}
PE_INLINE void pe_decref_obj(pe_state *S, pe_obj *o) {
    PE_ASSERT((o->flags & PE_IMMORTAL) || o->rc > 0); /* no release of a dead object */
    if (!(o->flags & PE_IMMORTAL) && --o->rc == 0) pe_obj_dealloc(S, o);
}
PE_INLINE void pe_incref(pe_val v) {
    if (v.tag == PE_TOBJ) pe_incref_obj(v.u.o);
}
PE_INLINE void pe_decref(pe_state *S, pe_val v) {
    if (v.tag == PE_TOBJ) pe_decref_obj(S, v.u.o);
}
/* Replace *slot with v (v borrowed; slot's old value released). */
PE_INLINE void pe_assign(pe_state *S, pe_val *slot, pe_val v) {
    pe_val old = *slot;
    pe_incref(v);
    *slot = v;
    pe_decref(S, old);
}

/* ------------------------------------------------------------------ */
/* Memory: every byte goes through the state's allocator and is counted */
/* against its limit. On failure: MemoryError pending, NULL returned.  */
/* ------------------------------------------------------------------ */

void *pe_mem_alloc(pe_state *S, size_t n);
void *pe_mem_realloc(pe_state *S, void *p, size_t oldn, size_t newn);
void pe_mem_free(pe_state *S, void *p, size_t n);

/* Up-front check for an operation about to allocate about `n` more bytes
 * at once (sequence repetition, big powers, padding...): when the state's
 * max_memory is certain to trip, LimitError now instead of after the work;
 * beyond any possible allocation, MemoryError. 0 = go on, -1 = raised.
 * Without a memory limit this only refuses absurd sizes. (state.c) */
int pe_mem_check(pe_state *S, size_t n);

/* Time budget of long native operations (big-number kernels, math
 * functions, native loops over many items). A kernel charges `units` of
 * work (about one digit operation or one item each); every
 * PE_WORK_QUANTUM units the run's deadline and the interrupt flag are
 * checked, raising the VM's own LimitError ("time limit exceeded") or
 * KeyboardInterrupt, and the units are charged to max_steps (one step per
 * 16 units: "step limit exceeded"). Nearly free when the run has neither
 * timeout nor max_steps. Callers batch small charges themselves (pe_work
 * is a function call).
 * 0 = go on, -1 = raised. (state.c) */
#define PE_WORK_QUANTUM ((uint64_t)1 << 20)
int pe_work(pe_state *S, uint64_t units);
/* The limit checks' shared slow paths (state.c): a pending interrupt and
 * the deadline, checked now; the step and time LimitErrors. Return -1 with
 * the exception pending (0: nothing to report). */
int pe_check_interrupt_and_time(pe_state *S);
int pe_raise_step_limit(pe_state *S);
int pe_raise_time_limit(pe_state *S);

/* Allocates `size` bytes (>= sizeof(pe_obj)), header initialised, rc=1,
 * linked on the state's object list. */
pe_obj *pe_obj_new(pe_state *S, const pe_type *t, size_t size);
/* Unlinks and frees an object's memory (called from dealloc slots). */
void pe_obj_free(pe_state *S, pe_obj *o, size_t size);

/* ------------------------------------------------------------------ */
/* String builder (growable byte buffer on the state's allocator)      */
/* ------------------------------------------------------------------ */

struct pe_sb {
    pe_state *S;
    char *p;
    size_t len, cap;
    int failed; /* an allocation failed: MemoryError pending */
    char small[128];
};

void pe_sb_init(pe_sb *sb, pe_state *S);
void pe_sb_free(pe_sb *sb);
int pe_sb_reserve(pe_sb *sb, size_t extra); /* ensure room for extra bytes */
int pe_sb_putn(pe_sb *sb, const char *s, size_t n);
int pe_sb_puts(pe_sb *sb, const char *s);
int pe_sb_putc(pe_sb *sb, char c);
int pe_sb_printf(pe_sb *sb, const char *fmt, ...) PE_PRINTF(2, 3);
int pe_sb_fill(pe_sb *sb, char c, size_t n);
/* Builds a str object from the buffer (sb freed either way). */
int pe_sb_to_str(pe_sb *sb, pe_val *out);

/* ------------------------------------------------------------------ */
/* Exceptions                                                          */
/* ------------------------------------------------------------------ */

/* The built-in exception hierarchy: X(Name, Base), every base before its
 * subclasses. One table generates the id enum, the static type objects and
 * the builtins bindings; it holds every exception class of CPython 3.11's
 * builtins except the exception groups (tests/test_semantics.py checks this
 * against the running CPython). LimitError is pyexpr's own (host only). */
#define PE_EXCEPTIONS(X)                                                      \
    X(BaseException, BaseException)                                           \
    X(Exception, BaseException)                                               \
    X(ArithmeticError, Exception)                                             \
    X(ZeroDivisionError, ArithmeticError)                                     \
    X(OverflowError, ArithmeticError)                                         \
    X(FloatingPointError, ArithmeticError)                                    \
    X(AssertionError, Exception)                                              \
    X(AttributeError, Exception)                                              \
    X(LookupError, Exception)                                                 \
    X(IndexError, LookupError)                                                \
    X(KeyError, LookupError)                                                  \
    X(NameError, Exception)                                                   \
    X(UnboundLocalError, NameError)                                           \
    X(TypeError, Exception)                                                   \
    X(ValueError, Exception)                                                  \
    X(UnicodeError, ValueError)                                               \
    X(UnicodeEncodeError, UnicodeError)                                       \
    X(UnicodeDecodeError, UnicodeError)                                       \
    X(UnicodeTranslateError, UnicodeError)                                    \
    X(RuntimeError, Exception)                                                \
    X(RecursionError, RuntimeError)                                           \
    X(NotImplementedError, RuntimeError)                                      \
    X(StopIteration, Exception)                                               \
    X(StopAsyncIteration, Exception)                                          \
    X(MemoryError, Exception)                                                 \
    X(SyntaxError, Exception)                                                 \
    X(IndentationError, SyntaxError)                                          \
    X(TabError, IndentationError)                                             \
    X(ImportError, Exception)                                                 \
    X(ModuleNotFoundError, ImportError)                                       \
    X(KeyboardInterrupt, BaseException)                                       \
    X(SystemExit, BaseException)                                              \
    X(GeneratorExit, BaseException)                                           \
    X(BufferError, Exception)                                                 \
    X(EOFError, Exception)                                                    \
    X(ReferenceError, Exception)                                              \
    X(SystemError, Exception)                                                 \
    X(OSError, Exception)                                                     \
    X(BlockingIOError, OSError)                                               \
    X(ChildProcessError, OSError)                                             \
    X(ConnectionError, OSError)                                               \
    X(BrokenPipeError, ConnectionError)                                       \
    X(ConnectionAbortedError, ConnectionError)                                \
    X(ConnectionRefusedError, ConnectionError)                                \
    X(ConnectionResetError, ConnectionError)                                  \
    X(FileExistsError, OSError)                                               \
    X(FileNotFoundError, OSError)                                             \
    X(InterruptedError, OSError)                                              \
    X(IsADirectoryError, OSError)                                             \
    X(NotADirectoryError, OSError)                                            \
    X(PermissionError, OSError)                                               \
    X(ProcessLookupError, OSError)                                            \
    X(TimeoutError, OSError)                                                  \
    X(Warning, Exception)                                                     \
    X(UserWarning, Warning)                                                   \
    X(DeprecationWarning, Warning)                                            \
    X(PendingDeprecationWarning, Warning)                                     \
    X(SyntaxWarning, Warning)                                                 \
    X(RuntimeWarning, Warning)                                                \
    X(FutureWarning, Warning)                                                 \
    X(ImportWarning, Warning)                                                 \
    X(UnicodeWarning, Warning)                                                \
    X(BytesWarning, Warning)                                                  \
    X(ResourceWarning, Warning)                                               \
    X(EncodingWarning, Warning)                                               \
    X(LimitError, RuntimeError)

enum pe_exc_id {
#define PE_EXC_ENUM(name, base) PE_EXC_##name,
    PE_EXCEPTIONS(PE_EXC_ENUM)
#undef PE_EXC_ENUM
        PE_EXC__COUNT
};

/* Static exception type objects, indexed by enum pe_exc_id. */
extern const pe_type pe_exc_types[PE_EXC__COUNT];
#define PE_EXC(name) (&pe_exc_types[PE_EXC_##name])

/* Set a pending exception of type t with a printf-formatted message.
 * Always returns -1 so callers can `return pe_raise(...)`. */
int pe_raise(pe_state *S, const pe_type *t, const char *fmt, ...) PE_PRINTF(3, 4);
/* Same with a message already built (copied). */
int pe_raise_str(pe_state *S, const pe_type *t, const char *msg, size_t len);
/* KeyError(key) etc.: an exception whose single arg is the value v. */
int pe_raise_with_arg(pe_state *S, const pe_type *t, pe_val v);
/* Raises t(err, text): the (errno, strerror) args CPython gives errors it
 * raises from errno (e.g. OverflowError(34, 'Numerical result out of
 * range')). Returns -1. */
int pe_raise_errno(pe_state *S, const pe_type *t, int err, const char *text);
int pe_raise_nomem(pe_state *S);
/* Is the pending exception an instance of t (or a subclass)? */
bool pe_exc_matches(pe_state *S, const pe_type *t);
bool pe_type_is_subtype(const pe_type *t, const pe_type *base);
void pe_exc_clear(pe_state *S);

/* ------------------------------------------------------------------ */
/* Static types of the immediates and core objects                     */
/* ------------------------------------------------------------------ */

extern const pe_type pe_type_none, pe_type_bool, pe_type_int, pe_type_float, pe_type_str,
    pe_type_tuple, pe_type_list, pe_type_dict, pe_type_set, pe_type_frozenset, pe_type_range,
    pe_type_slice, pe_type_function, pe_type_builtin, pe_type_cell, pe_type_code,
    pe_type_type, pe_type_module;

/* The type of any value (immediates included). */
const pe_type *pe_typeof(pe_val v);
PE_INLINE const char *pe_type_name(pe_val v) { return pe_typeof(v)->name; }
PE_INLINE bool pe_is_kind(pe_val v, int kind) {
    return v.tag == PE_TOBJ && v.u.o->type->kind == kind;
}

/* ------------------------------------------------------------------ */
/* Strings (str.c): UTF-8 storage, lengths in code points              */
/* ------------------------------------------------------------------ */

typedef struct pe_str {
    pe_obj ob;
    size_t len;    /* bytes, excluding the trailing NUL */
    size_t nchars; /* code points */
    int64_t hash;  /* -1: not computed yet */
    uint32_t ascii; /* 1: len == nchars */
    uint32_t grown; /* str.c: allocation rounded up by in-place appends */
    char data[];    /* NUL-terminated UTF-8 */
} pe_str;

#define PE_STR(v) ((pe_str *)(v).u.o)
/* A static immortal str of up to 15 bytes of ASCII (same layout as pe_str;
 * its hash is computed on demand and never cached). */
typedef struct pe_static_str {
    pe_obj ob;
    size_t len, nchars;
    int64_t hash;
    uint32_t ascii, grown;
    char data[16];
} pe_static_str;
_Static_assert(offsetof(pe_static_str, data) == offsetof(pe_str, data), "pe_static_str layout");
#define PE_STATIC_STR(s) {PE_STATIC_HEAD(&pe_type_str), sizeof(s) - 1, sizeof(s) - 1, -1, 1, 0, s}
/* Adds CPython's "Did you mean" hint for `obj.name` to the pending
 * AttributeError (candidates: CPython's dir(obj), csrc/dir_names.h). */
void pe_attr_error_suggest(pe_state *S, pe_val obj, const pe_str *name);
/* Sets .name (and .obj when obj is not UNDEF) of the pending NameError,
 * AttributeError or ImportError, as CPython does for the errors it raises. */
void pe_exc_set_name(pe_state *S, const char *name, pe_val obj);
PE_INLINE bool pe_is_str(pe_val v) { return pe_is_kind(v, PE_K_STR); }

/* New str from valid UTF-8 bytes (not validated: callers guarantee). */
int pe_str_new(pe_state *S, const char *s, size_t len, pe_val *out);
int pe_str_from_cstr(pe_state *S, const char *s, pe_val *out);
/* byte-equality of two str objects */
bool pe_str_eq(const pe_str *a, const pe_str *b);
/* Appends repr(s) with CPython's quote choice and escapes. */
int pe_str_repr(pe_state *S, const pe_str *s, pe_sb *sb);
/* The same for text p[0..len) (generalised UTF-8). */
int pe_text_repr(pe_sb *sb, const char *p, size_t len);
/* Allocates a str of len bytes, data[len] = NUL, contents uninitialised:
 * fill data[0..len) with valid UTF-8, then call pe_str_finish (computes
 * nchars/ascii) before the string is used. NULL + MemoryError on failure. */
pe_str *pe_str_alloc(pe_state *S, size_t len);
void pe_str_finish(pe_str *s);
/* SipHash-1-3 (fixed key) of the UTF-8 bytes, never -1. Cached in s->hash
 * unless s is immortal (shared read-only constants are never written). */
int64_t pe_str_hash(pe_str *s);
/* `s += t` / `s = s + t` for two strs when the caller owns the ONLY
 * reference to *a (rc 1; the VM drops the variable's own reference first,
 * as CPython's unicode_concatenate): appends in place with amortised
 * growth. Otherwise (shared, immortal, a is b) *a = a + b. The old *a is
 * consumed on success; on error -1 and *a is left as it was. */
int pe_str_concat_inplace(pe_state *S, pe_val *a, pe_val b);
/* BUILD_STRING: concatenation of n str values (TypeError if one is not). */
int pe_str_join_n(pe_state *S, size_t n, const pe_val *parts, pe_val *out);
/* f-string / format() glue. conv: 0, 's', 'r' or 'a'; spec: a str or
 * PE_TUNDEF. *out = format(conv(v), spec). */
int pe_format_value(pe_state *S, pe_val v, int conv, pe_val spec, pe_val *out);
/* The math module (mathmodule.c): a static, allocation-free module object. */
int pe_math_module(pe_state *S, pe_val *out);
/* Appends format(v, spec): int/bool -> pe_format_int (bool with an empty
 * spec -> "True"), float -> pe_format_float, str -> pe_format_str, others:
 * empty spec -> str(v), else TypeError "unsupported format string passed
 * to list.__format__". */
int pe_format(pe_state *S, pe_val v, const char *spec, size_t speclen, pe_sb *sb);
/* ascii(v): repr(v) with non-ASCII escaped as \xNN, \uNNNN, \UNNNNNNNN. */
int pe_ascii(pe_state *S, pe_val v, pe_sb *sb);
/* chr(i): ValueError "chr() arg not in range(0x110000)". */
int pe_chr(pe_state *S, int64_t c, pe_val *out);
/* ord(v): TypeError "ord() expected a character, but string of length 2
 * found" / "ord() expected string of length 1, but int found". */
int pe_ord(pe_state *S, pe_val v, pe_val *out);
/* Decodes a string literal body (the text between the quotes, valid UTF-8)
 * into a str. raw: no escape processing. Escapes: \n \t \r \\ \' \" \a \b \f
 * \v \ooo \xhh \uXXXX \UXXXXXXXX, backslash-newline; unknown escapes are
 * kept verbatim; \N{...} is not supported (error below).
 * Returns 0 with *out set, or -1:
 *  - *errmsg == NULL: an exception (MemoryError) is pending;
 *  - *errmsg != NULL: bad escape, NO exception pending. *errmsg is the full
 *    SyntaxError message, e.g. "(unicode error) 'unicodeescape' codec can't
 *    decode bytes in position 0-1: truncated \xXX escape"; it lives in a
 *    str object stored in *out, which the caller must pe_decref after use.
 *    *erroff = byte offset of the offending backslash in body. */
int pe_str_decode_literal(pe_state *S, const char *body, size_t len, bool raw, pe_val *out,
                          const char **errmsg, size_t *erroff);

/* UTF-8: encode, decode, validate, count (utf8.c). */
#include "utf8.h"

/* Unicode character database (unicode.c + generated unicode_db.h; the
 * version of the CPython that generated it). */
bool pe_uni_isspace(uint32_t c);     /* str.isspace(), split()/strip() */
bool pe_uni_isalpha(uint32_t c);
bool pe_uni_isprintable(uint32_t c);
bool pe_uni_isidstart(uint32_t c);   /* XID_Start (without '_') */
bool pe_uni_isidcontinue(uint32_t c); /* XID_Continue */
int pe_uni_decimal(uint32_t c);      /* decimal digit value 0..9, or -1 */

/* ------------------------------------------------------------------ */
/* Arbitrary-precision ints (bigint.c)                                  */
/* ------------------------------------------------------------------ */

typedef uint32_t pe_digit;   /* base 2**32 */
typedef uint64_t pe_twodigit;

typedef struct pe_bigint {
    pe_obj ob;
    int32_t sign; /* -1 or +1 (zero is never a bigint) */
    uint32_t n;   /* number of digits, d[n-1] != 0 */
    pe_digit d[]; /* magnitude, little-endian */
} pe_bigint;

PE_INLINE bool pe_is_bigint(pe_val v) { return pe_is_kind(v, PE_K_INT); }
/* Is v an int (immediate or big; bool is NOT included)? */
PE_INLINE bool pe_is_intlike(pe_val v) { return v.tag == PE_TINT || pe_is_bigint(v); }

/* All pe_int_* take ints (PE_TINT or bigint; callers map bool to PE_TINT
 * first) and write normalised results. CPython's messages on error. */
int pe_int_add(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_sub(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_mul(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_floordiv(pe_state *S, pe_val a, pe_val b, pe_val *out); /* "integer division or modulo by zero" */
int pe_int_mod(pe_state *S, pe_val a, pe_val b, pe_val *out);      /* "integer modulo by zero" */
int pe_int_divmod(pe_state *S, pe_val a, pe_val b, pe_val *q, pe_val *r);
int pe_int_truediv(pe_state *S, pe_val a, pe_val b, double *out); /* correctly rounded */
/* a ** b for b >= 0 (int result); mod: PE_TUNDEF or an int (3-arg pow,
 * negative b allowed then: modular inverse). For b < 0 without mod the
 * caller does float pow. */
int pe_int_pow(pe_state *S, pe_val a, pe_val b, pe_val mod, pe_val *out);
int pe_int_lshift(pe_state *S, pe_val a, pe_val b, pe_val *out); /* "negative shift count" */
int pe_int_rshift(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_and(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_or(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_xor(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_int_neg(pe_state *S, pe_val a, pe_val *out);
int pe_int_invert(pe_state *S, pe_val a, pe_val *out);
int pe_int_abs(pe_state *S, pe_val a, pe_val *out);
int pe_int_cmp(pe_val a, pe_val b);          /* -1, 0, 1 */
int pe_int_sign(pe_val a);                   /* -1, 0, 1 */
/* Exact comparison of int with double (no rounding); nan: returns 2. */
int pe_int_cmp_double(pe_val a, double b);
/* "int too large to convert to float" on overflow; correctly rounded. */
int pe_int_to_double(pe_state *S, pe_val a, double *out);
/* int(x) for a finite double (truncation); inf/nan raise as CPython:
 * "cannot convert float infinity to integer", "cannot convert float NaN to integer" */
int pe_int_from_double(pe_state *S, double x, pe_val *out);
/* int(str, base): CPython rules (whitespace, sign, underscores, base 0
 * prefixes, 4300-digit limit for non-power-of-two bases); on a syntax error
 * raises ValueError "invalid literal for int() with base %d: %R" using
 * repr of the original text `orig` (pass the whole argument string). */
int pe_int_from_str(pe_state *S, const char *s, size_t len, int base, pe_val *out);
/* Parse a source literal (already validated by the lexer, underscores
 * allowed, with 0x/0o/0b prefix); no digit limit message differences. */
int pe_int_from_literal(pe_state *S, const char *s, size_t len, pe_val *out);
/* Appends the digits in base 2/8/10/16 (lowercase), with '-' when
 * negative, and "0x"/"0o"/"0b" prefix when with_prefix. Base 10 over 4300
 * digits raises ValueError "Exceeds the limit (4300 digits) for integer
 * string conversion; use sys.set_int_max_str_digits() to increase the limit". */
int pe_int_to_str(pe_state *S, pe_val a, int base, bool with_prefix, pe_sb *sb);
int64_t pe_int_hash(pe_val a); /* CPython's: modulo 2**61-1, -1 -> -2 */
int64_t pe_int_bit_length(pe_val a);
/* Build from a 128-bit product/sum that overflowed int64 (VM fast path). */
int pe_int_from_i128(pe_state *S, __int128 x, pe_val *out);
/* Number of bytes a bigint occupies (for dealloc / memory accounting). */
size_t pe_bigint_size(uint32_t ndigits);
/* The dealloc slot of pe_type_int (frees pe_bigint_size(n) bytes). */
void pe_bigint_dealloc(pe_state *S, pe_obj *o);
/* round(int, ndigits) for ndigits < 0: round half to even at 10**-ndigits. */
int pe_int_round(pe_state *S, pe_val a, pe_val ndigits, pe_val *out);

/* ------------------------------------------------------------------ */
/* Floats (floatobj.c) and number formatting (numfmt.c)                */
/* ------------------------------------------------------------------ */

/* Float arithmetic with CPython's exact semantics and messages. */
int pe_float_div(pe_state *S, double a, double b, double *out);      /* "float division by zero" */
int pe_float_floordiv(pe_state *S, double a, double b, double *out); /* "float floor division by zero" */
int pe_float_mod(pe_state *S, double a, double b, double *out);      /* "float modulo" */
int pe_float_divmod(pe_state *S, double a, double b, double *q, double *r);
/* float ** float with CPython's float_pow special cases and messages
 * ("0.0 cannot be raised to a negative power", OverflowError
 * "(34, 'Numerical result out of range')"). A negative base with a
 * non-integral exponent gives a complex in CPython; pyexpr has no complex
 * type and raises ValueError "complex numbers are not supported". */
int pe_float_pow(pe_state *S, double a, double b, double *out);
int64_t pe_float_hash(double x); /* CPython's hash(float) */
/* round(x) -> int (half to even); round(x, n) -> float as CPython. */
int pe_float_round0(pe_state *S, double x, pe_val *out);
int pe_float_round(pe_state *S, double x, int64_t ndigits, double *out);
/* repr(float): shortest round-trip, CPython 'r' format. buf >= 32 bytes.
 * Returns the length written (NUL-terminated). */
size_t pe_fmt_double_repr(double x, char *buf);
/* float(str) rules: optional whitespace, sign, digits with single
 * underscores between digits, inf/infinity/nan any case. 0 ok, -1 invalid
 * (no exception set; caller raises "could not convert string to float: %R"). */
int pe_parse_double(const char *s, size_t len, double *out);

/* Format-spec mini-language (format(), f-strings, str.format). */
typedef struct pe_fmtspec {
    char fill[5];   /* UTF-8 of the fill char (may be U+0000), default " " */
    char align;     /* '<', '>', '^', '=' or 0 */
    char sign;      /* '+', '-', ' ' or 0 */
    bool no_neg_0;  /* 'z' */
    bool alt;       /* '#' */
    bool zero;      /* '0' given */
    bool empty;     /* the spec was "" (format(x, '') is str(x)) */
    int64_t width;  /* -1 if absent */
    char grouping;  /* ',' or '_' or 0 */
    int64_t precision; /* -1 if absent */
    uint32_t type;  /* code point; default_type if absent */
} pe_fmtspec;

/* Parses a spec; ValueError with CPython's message on a bad spec.
 * type_name is for messages ("float", "int", "bool", "str"); default_type
 * is the object's default presentation type: 'd' for int and bool, 's'
 * for str, 0 for float. */
int pe_fmtspec_parse(pe_state *S, const char *s, size_t len, const char *type_name,
                     char default_type, pe_fmtspec *spec);
int pe_format_float(pe_state *S, double x, const pe_fmtspec *spec, pe_sb *sb);
int pe_format_int(pe_state *S, pe_val x, const pe_fmtspec *spec, pe_sb *sb);
int pe_format_str(pe_state *S, const pe_str *s, const pe_fmtspec *spec, pe_sb *sb);

/* ------------------------------------------------------------------ */
/* Generic object protocol (object.c)                                   */
/* ------------------------------------------------------------------ */

int pe_repr(pe_state *S, pe_val v, pe_sb *sb);
int pe_tostr(pe_state *S, pe_val v, pe_sb *sb); /* append str(v) */
int pe_repr_val(pe_state *S, pe_val v, pe_val *out); /* new str object */
int pe_str_val(pe_state *S, pe_val v, pe_val *out);
int pe_truth(pe_state *S, pe_val v);                 /* 0/1/-1 */
int pe_hash(pe_state *S, pe_val v, int64_t *out);    /* TypeError "unhashable type: 'list'" */
/* a OP b -> *out (PE_LT..PE_GE); CPython messages when unsupported. */
int pe_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out);
/* Equality as a C bool for containers (0/1, -1 on error). Identity first. */
int pe_eq(pe_state *S, pe_val a, pe_val b);
bool pe_is(pe_val a, pe_val b);
int pe_len(pe_state *S, pe_val v, int64_t *out);
int pe_iter(pe_state *S, pe_val v, pe_val *out);
int pe_next(pe_state *S, pe_val it, pe_val *out); /* 1/0/-1 as the slot */
int pe_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out);
int pe_setitem(pe_state *S, pe_val v, pe_val key, pe_val val);
int pe_delitem(pe_state *S, pe_val v, pe_val key);
int pe_contains(pe_state *S, pe_val container, pe_val x); /* 0/1/-1 */
int pe_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out);
int pe_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
            pe_val *out);

/* Binary operators, in the order of the BINARY_OP argument. */
#define PE_BINOPS(X)                                                           \
    X(ADD, "+") X(SUB, "-") X(MUL, "*") X(TRUEDIV, "/") X(FLOORDIV, "//")      \
    X(MOD, "%") X(POW, "**") X(LSHIFT, "<<") X(RSHIFT, ">>") X(AND, "&")      \
    X(OR, "|") X(XOR, "^") X(MATMUL, "@")

enum pe_binop {
#define PE_BO_ENUM(n, s) PE_BO_##n,
    PE_BINOPS(PE_BO_ENUM)
#undef PE_BO_ENUM
        PE_BO__COUNT
};
extern const char *const pe_binop_symbols[PE_BO__COUNT];

/* Full binary-op dispatch (numbers, then type binop slots, then CPython's
 * "unsupported operand type(s) for +: 'int' and 'str'"). inplace selects
 * the "+=" spelling in messages. */
int pe_binary_op(pe_state *S, int op, pe_val a, pe_val b, bool inplace, pe_val *out);
/* Numeric part only: returns PE_NOTIMPL when an operand is not a number. */
int pe_number_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);
int pe_unary_neg(pe_state *S, pe_val a, pe_val *out);
int pe_unary_pos(pe_state *S, pe_val a, pe_val *out);
int pe_unary_invert(pe_state *S, pe_val a, pe_val *out);

/* ------------------------------------------------------------------ */
/* Containers (tuple.c, list.c, dict.c, set.c, slice.c, iter.c)         */
/* ------------------------------------------------------------------ */

typedef struct pe_tuple {
    pe_obj ob;
    size_t n;
    pe_val items[];
} pe_tuple;

typedef struct pe_list {
    pe_obj ob;
    size_t n, cap;
    pe_val *items; /* NULL when cap == 0 */
} pe_list;

/* Insertion-ordered hash table (CPython's compact dict layout): entries in
 * insertion order, an index table of 2**k slots. Deleted entries have key
 * PE_TUNDEF. Growth mirrors dictobject.c (usable = 2/3 of the slots, resize
 * to used*3 when no usable entry is left) so that mutation during iteration
 * behaves as in CPython. An empty dict owns no table (mask 0, index NULL).
 * (Sets have their own table in set.c mirroring setobject.c so that
 * iteration order matches CPython for ints.) */
typedef struct pe_dict_entry {
    int64_t hash;
    pe_val key, value;
} pe_dict_entry;

typedef struct pe_dict {
    pe_obj ob;
    size_t used;     /* live entries */
    size_t nentries; /* entries used incl. deleted */
    size_t cap;      /* entries capacity: (mask+1)*2/3, 0 when no table */
    size_t usable;   /* entries left before a resize (CPython's dk_usable) */
    size_t mask;     /* index table size - 1 (0 when no table) */
    int64_t *index;  /* -1 empty, -2 deleted, else entry number */
    pe_dict_entry *entries;
    uint64_t version; /* bumped on every mutation (iterators detect change) */
} pe_dict;

/* set / frozenset: open addressing exactly as CPython's setobject.c
 * (LINEAR_PROBES 9, PERTURB_SHIFT 5, 8-slot small table, fill*5 >= mask*3
 * growth to used*4) so iteration order matches CPython. A slot is empty
 * when key is PE_TUNDEF and hash 0, a dummy (deleted) when key is
 * PE_TUNDEF and hash -1. */
typedef struct pe_set_entry {
    pe_val key;
    int64_t hash;
} pe_set_entry;

#define PE_SET_MINSIZE 8
typedef struct pe_set {
    pe_obj ob;
    size_t fill;  /* active + dummy slots */
    size_t used;  /* active slots */
    size_t mask;  /* table size - 1 */
    size_t finger; /* where pop() starts searching */
    int64_t hash; /* frozenset hash cache, -1 when not computed */
    pe_set_entry *table; /* smalltable or a pe_mem block of mask+1 */
    pe_set_entry smalltable[PE_SET_MINSIZE];
} pe_set;

#define PE_TUPLE(v) ((pe_tuple *)(v).u.o)
#define PE_LIST(v) ((pe_list *)(v).u.o)
#define PE_DICT(v) ((pe_dict *)(v).u.o)
#define PE_SET(v) ((pe_set *)(v).u.o)
PE_INLINE bool pe_is_tuple(pe_val v) { return pe_is_kind(v, PE_K_TUPLE); }
PE_INLINE bool pe_is_list(pe_val v) { return pe_is_kind(v, PE_K_LIST); }
PE_INLINE bool pe_is_dict(pe_val v) { return pe_is_kind(v, PE_K_DICT); }
PE_INLINE bool pe_is_anyset(pe_val v) {
    return pe_is_kind(v, PE_K_SET) || pe_is_kind(v, PE_K_FROZENSET);
}

int pe_tuple_new(pe_state *S, size_t n, pe_val *out); /* items PE_TUNDEF (fill them) */
int pe_tuple_pack(pe_state *S, size_t n, const pe_val *items, pe_val *out); /* increfs */
int pe_tuple_from_iter(pe_state *S, pe_val iterable, pe_val *out);       /* tuple(x) */
int pe_list_new(pe_state *S, size_t cap, pe_val *out);
int pe_list_append(pe_state *S, pe_list *l, pe_val v); /* increfs v */
int pe_list_from_iter(pe_state *S, pe_val iterable, pe_val *out); /* list(x) */
int pe_list_extend(pe_state *S, pe_list *l, pe_val iterable);     /* l.extend(x) */
int pe_list_to_tuple(pe_state *S, pe_list *l, pe_val *out);       /* LIST_TO_TUPLE */
/* Stable sort in place; key UNDEF or None = no key function. CPython's
 * "'<' not supported between instances of ..." on uncomparable items; the
 * list is left a permutation of its items on error. */
int pe_list_sort(pe_state *S, pe_list *l, pe_val key, bool reverse);
int pe_dict_new(pe_state *S, pe_val *out);
/* A dict with room for n entries (CPython's _PyDict_NewPresized, as used by
 * BUILD_MAP: presized only beyond 5 entries). */
int pe_dict_new_presized(pe_state *S, size_t n, pe_val *out);
int pe_dict_set(pe_state *S, pe_dict *d, pe_val key, pe_val value); /* increfs both */
/* 1 found (*out borrowed), 0 missing, -1 error (e.g. unhashable key) */
int pe_dict_get(pe_state *S, pe_dict *d, pe_val key, pe_val *out);
int pe_dict_del(pe_state *S, pe_dict *d, pe_val key); /* 1 deleted, 0 missing, -1 error */
/* Iteration over live entries: *pos starts at 0; returns 1 with borrowed
 * *key / *value (either pointer may be NULL), 0 at the end. The dict must
 * not be mutated between calls. */
int pe_dict_next(pe_dict *d, size_t *pos, pe_val *key, pe_val *value);
/* d.update(other): a dict (merged fast) or an iterable of pairs, with
 * CPython's messages ("dictionary update sequence element #0 has length 1;
 * 2 is required"). */
int pe_dict_update(pe_state *S, pe_dict *d, pe_val other);
int pe_dict_copy(pe_state *S, pe_dict *d, pe_val *out);
int pe_set_new(pe_state *S, const pe_type *t, pe_val *out); /* set or frozenset */
int pe_set_add(pe_state *S, pe_obj *set, pe_val key);
int pe_set_update(pe_state *S, pe_obj *set, pe_val iterable); /* SET_UPDATE, set.update */
int pe_set_contains(pe_state *S, pe_obj *set, pe_val key);    /* 0/1/-1 */
/* Iteration over the table: *pos starts at 0; 1 with borrowed *key, 0 at end. */
int pe_set_next(pe_set *s, size_t *pos, pe_val *key);
/* The frozenset constant CPython's compiler makes for a display of more
 * than 2 constants: frozenset(items) rebuilt from its own iteration order
 * (merge_consts_recursive). CPython compiles `{1, 2, 3}` to BUILD_SET 0;
 * LOAD_CONST <this>; SET_UPDATE, and `for x in {1, 2, 3}` / `x in {...}`
 * to iteration / membership of this constant; the element order of the
 * result (visible in print) only matches CPython when done the same way. */
int pe_set_const_frozenset(pe_state *S, const pe_val *items, size_t n, pe_val *out);

/* In-place operators of the mutable containers: list += (any iterable),
 * list *= int, set |= &= -= ^= (set operands), dict |= (mapping or pairs).
 * Mutates a and writes it (new reference) to *out. Returns PE_NOTIMPL when a
 * has no in-place form for op or declines b (the caller then performs the
 * plain binary operator, which produces CPython's "unsupported operand
 * type(s) for |=: ..." message). */
int pe_container_inplace(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);

/* Unpacking for UNPACK_SEQUENCE / UNPACK_EX: writes before + [a list of the
 * middle, when star] + after values (new references) to dst in order, with
 * CPython's "not enough values to unpack (expected 3, got 2)" etc. On error
 * nothing is left in dst. */
int pe_unpack(pe_state *S, pe_val seq, size_t before, bool star, size_t after, pe_val *dst);

/* Cycle guard for container reprs (CPython's Py_ReprEnter/Leave) using
 * S->repr_stack: 0 = go on (call pe_repr_leave after), 1 = o's repr is
 * already in progress (print "[...]"; do not call leave), -1 = error
 * (RecursionError "maximum recursion depth exceeded while getting the repr
 * of an object"). */
int pe_repr_enter(pe_state *S, pe_obj *o);
void pe_repr_leave(pe_state *S, pe_obj *o);

/* Recursion guard for nested native operations (compare, hash, str/repr
 * of nested objects): counts against the state's max_depth like CPython's
 * Py_EnterRecursiveCall. `where` completes "maximum recursion depth
 * exceeded<where>" (RecursionError). 0 = go on, call pe_recursion_leave
 * after; -1 = raised. (state.c) */
int pe_recursion_enter(pe_state *S, const char *where);
void pe_recursion_leave(pe_state *S);

/* Trashcan (CPython's Py_TRASHCAN_BEGIN/END) around the dealloc of any
 * object that holds references: `if (pe_trash_begin(S, o)) return;` first
 * (true = queued, dealloc'ed later by the outermost dealloc), then
 * pe_trash_end(S) last. Bounds the C recursion of freeing a chain of any
 * length (nested lists, exception __context__ chains...). (state.c) */
bool pe_trash_begin(pe_state *S, pe_obj *o);
void pe_trash_end(pe_state *S);

/* Converts an int/bool index operand to int64_t. Returns 1 when v is an
 * integer (converted), 0 when it is not one (nothing raised), -1 when it
 * does not fit: exc (IndexError / OverflowError) "cannot fit 'int' into an
 * index-sized integer" is raised. */
int pe_index_int64(pe_state *S, pe_val v, const pe_type *exc, int64_t *out);

/* ------------------------------------------------------------------ */
/* slices (slice.c)                                                    */
/* ------------------------------------------------------------------ */

typedef struct pe_slice {
    pe_obj ob;
    pe_val start, stop, step;
} pe_slice;
#define PE_SLICE(v) ((pe_slice *)(v).u.o)

int pe_slice_new(pe_state *S, pe_val start, pe_val stop, pe_val step, pe_val *out);
PE_INLINE bool pe_is_slice(pe_val v) { return pe_is_kind(v, PE_K_SLICE); }
/* PySlice_GetIndicesEx: clamps to length; *slicelen = number of items.
 * "slice step cannot be zero", "slice indices must be integers or None or
 * have an __index__ method". */
int pe_slice_indices(pe_state *S, pe_val slice, int64_t length, int64_t *start, int64_t *stop,
                     int64_t *step, int64_t *slicelen);
/* _PySlice_GetLongIndices: the exact (unclipped) start, stop and step of a
 * slice over `length` (an int >= 0) items, as new references; same errors.
 * Used where the bounds themselves are the result (range slicing,
 * slice.indices). */
int pe_slice_long_indices(pe_state *S, pe_val slice, pe_val length, pe_val *start, pe_val *stop,
                          pe_val *step);

/* ------------------------------------------------------------------ */
/* Iterators and views (iter.c)                                        */
/* ------------------------------------------------------------------ */

/* Built-in iterator types, callable as constructors like CPython's
 * (enumerate(x, start=1), zip(*its, strict=False), map(f, *its),
 * filter(f_or_None, it), reversed(seq)). */
extern const pe_type pe_type_enumerate, pe_type_zip, pe_type_map, pe_type_filter,
    pe_type_reversed;
/* Iterators over the built-in containers and the dict views. */
extern const pe_type pe_type_tuple_iterator, pe_type_list_iterator,
    pe_type_list_reverseiterator, pe_type_dict_keyiterator, pe_type_dict_valueiterator,
    pe_type_dict_itemiterator, pe_type_dict_reversekeyiterator,
    pe_type_dict_reversevalueiterator, pe_type_dict_reverseitemiterator, pe_type_set_iterator,
    pe_type_dict_keys, pe_type_dict_values, pe_type_dict_items;

/* iter(tuple/list), iter(reversed list): seq must be of the matching type. */
int pe_seqiter_new(pe_state *S, const pe_type *t, pe_val seq, pe_val *out);
/* Iterator over a dict: t is one of the dict iterator types. */
int pe_dictiter_new(pe_state *S, const pe_type *t, pe_dict *d, pe_val *out);
int pe_setiter_new(pe_state *S, pe_set *s, pe_val *out);
/* d.keys() / d.values() / d.items(): t is pe_type_dict_keys etc. */
int pe_dictview_new(pe_state *S, const pe_type *t, pe_dict *d, pe_val *out);

/* Argument parsing helper errors worded like CPython's. */
int pe_arg_count_error(pe_state *S, const char *fname, int min, int max, int got);
int pe_no_kwargs(pe_state *S, const char *fname, pe_obj *kwnames);

#endif /* PE_INTERNAL_H */
