/*
 * pe_proto.h - the generic object protocol (object.c).
 * One area of the engine's internal object model; include pe_internal.h,
 * which includes every area in order.
 */
#ifndef PE_PROTO_H
#define PE_PROTO_H

#include "pe_num.h"

/* ------------------------------------------------------------------ */
/* Generic object protocol (object.c)                                   */
/* ------------------------------------------------------------------ */

int pe_repr(pe_state *S, pe_val v, pe_sb *sb);
int pe_tostr(pe_state *S, pe_val v, pe_sb *sb); /* append str(v) */
int pe_repr_val(pe_state *S, pe_val v, pe_val *out); /* new str object */
int pe_str_val(pe_state *S, pe_val v, pe_val *out);
/* A new str of what fmt (pe_repr, pe_tostr, pe_ascii, ...) appends for v. */
int pe_text_val(pe_state *S, int (*fmt)(pe_state *, pe_val, pe_sb *), pe_val v, pe_val *out);
int pe_truth(pe_state *S, pe_val v);                 /* 0/1/-1 */
int pe_hash(pe_state *S, pe_val v, int64_t *out);    /* TypeError "unhashable type: 'list'" */
/* a OP b -> *out (PE_LT..PE_GE); CPython messages when unsupported. */
int pe_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out);
/* a OP b when neither operand implements it: identity for == and !=,
 * else "'<' not supported between instances of 'A' and 'B'". */
int pe_richcmp_default(pe_state *S, pe_val a, pe_val b, int op, pe_val *out);
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

/* An int/bool argument as a C ssize_t (OverflowError "Python int too large
 * to convert to C ssize_t"; TypeError "'str' object cannot be interpreted
 * as an integer"). (str.c; used by str and list methods) */
int pe_ps_arg_ssize(pe_state *S, pe_val v, int64_t *out);

/* ------------------------------------------------------------------ */
/* Arguments of built-in functions (args.c)                            */
/* ------------------------------------------------------------------ */

/* Binds argv (vectorcall layout, see pe_cfunc_fn) to the parameters
 * names[0..nparams): the first npos_max by position or keyword, the rest
 * keyword-only. slot[i] is borrowed, UNDEF when not given. Messages as
 * Argument Clinic's: "decode() takes at most 2 arguments (3 given)",
 * "'x' is an invalid keyword argument for decode()", "argument for
 * decode() given by name ('encoding') and position (1)". */
int pe_args_bind(pe_state *S, const char *fname, int argc, const pe_val *argv, pe_obj *kwnames,
                 const char *const *names, int npos_max, int nparams, pe_val *slot);
/* A module's function table sorted by name: *out = the (immortal) entry
 * named name, true; false if none. */
bool pe_cfunc_lookup(const pe_cfunc *sorted, size_t n, const char *name, pe_val *out);
/* An instance of a user class with __index__: 1 after conv(S, its int,
 * out), -1 on error (conv's or __index__'s), 0 if v has no __index__. */
int pe_args_via_index(pe_state *S, pe_val v, int (*conv)(pe_state *, pe_val, int64_t *),
                      int64_t *out);
/* start/end of find() & co (_PyEval_SliceIndex): UNDEF or None keeps
 * *out, ints (or __index__) are clamped to the int64 range; else "slice
 * indices must be integers or None or have an __index__ method". */
int pe_args_slice_index(pe_state *S, pe_val v, int64_t *out);
/* ADJUST_INDICES: clamp [start, end) to [0, len] (end may end below start). */
void pe_adjust_indices(int64_t *start, int64_t *end, int64_t len);
/* An optional str argument usable as a C string (UNDEF passes): "%s()
 * argument '%s' must be str, not int", "embedded null character". */
int pe_args_opt_cstr(pe_state *S, const char *fname, const char *pname, pe_val v);

#endif /* PE_PROTO_H */
