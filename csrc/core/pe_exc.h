/*
 * pe_exc.h - the exception table and raising; the static types of the immediates and core objects.
 * One area of the engine's internal object model; include pe_internal.h,
 * which includes every area in order.
 */
#ifndef PE_EXC_H
#define PE_EXC_H

#include "pe_mem.h"

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
/* t(*argv[0..n)) (n may be 0: StopIteration()); returns -1. */
int pe_raise_args(pe_state *S, const pe_type *t, size_t n, const pe_val *argv);
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
    pe_type_slice, pe_type_ellipsis, pe_type_function, pe_type_builtin, pe_type_cell, pe_type_code,
    pe_type_type, pe_type_module;
/* The Ellipsis singleton (builtins.c). */
extern const pe_obj pe_ellipsis_obj;

/* The type of any value (immediates included). */
const pe_type *pe_typeof(pe_val v);
PE_INLINE const char *pe_type_name(pe_val v) { return pe_typeof(v)->name; }
PE_INLINE bool pe_is_kind(pe_val v, int kind) {
    return v.tag == PE_TOBJ && v.u.o->type->kind == kind;
}

#endif /* PE_EXC_H */
