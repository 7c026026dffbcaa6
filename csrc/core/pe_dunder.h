/*
 * pe_dunder.h - special methods of user classes seen from the generic
 * layer (class_slots.c): the operator dispatch object.c, builtins.c and
 * the containers call when an operand's type is a heap type (pe_class),
 * and the NotImplemented singleton. Private to the engine.
 *
 * Every entry point here is a cold path: the built-in types never reach
 * it (callers test pe_du_heap() first, or only call it where they would
 * otherwise raise CPython's "unsupported"/"bad operand" error).
 */
#ifndef PE_DUNDER_H
#define PE_DUNDER_H

#include "pe_class.h"

/* The NotImplemented singleton (type NotImplementedType). */
extern const pe_obj pe_notimplemented_obj;
PE_INLINE pe_val pe_notimplemented(void) { return pe_obj_val((pe_obj *)&pe_notimplemented_obj); }
PE_INLINE bool pe_is_notimplemented(pe_val v) {
    return v.tag == PE_TOBJ && v.u.o == &pe_notimplemented_obj;
}

/* Is v an instance of a heap type (a user class)? */
PE_INLINE bool pe_du_heap(pe_val v) { return v.tag == PE_TOBJ && pe_is_heaptype(v.u.o->type); }

/* Calls the special method d of v's type with self = v: 1 = called (*out
 * owned), 0 = the type has no such method (nothing raised), -1 error.
 * Raises RecursionError "... while calling a Python object" at the depth
 * limit, as CPython's C-to-Python calls do. */
int pe_du_call(pe_state *S, pe_val v, enum pe_dunder d, int argc, const pe_val *argv, pe_val *out);

/* a OP b (OP = enum pe_binop; inplace: `a OP= b`) when a or b is a heap
 * instance: __iop__, then __op__ / __rop__ with CPython's priority for a
 * right operand whose type is a subclass, then the built-in behaviour of
 * the solid bases, then "unsupported operand type(s)". */
int pe_dunder_binop(pe_state *S, int op, pe_val a, pe_val b, bool inplace, pe_val *out);
/* The built-in part of a OP b (numbers, then the solid bases' binop
 * slots), boxed operands taking part as their values: 0, PE_NOTIMPL or -1
 * (int.__add__, list.__mul__ ... of the slot wrappers). */
int pe_dunder_builtin_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);
/* a OP b (not in place) where a is an instance of a class whose solid
 * base is object and no reflected method of b comes first: the protocol
 * is a.__op__(b), then (NotImplemented) pe_dunder_binop_after_left. The
 * __op__ value (borrowed), or UNDEF when the protocol is more than that
 * (the VM then takes pe_binary_op). */
pe_val pe_dunder_binop_left_only(pe_val a, pe_val b, int op);
int pe_dunder_binop_after_left(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);
/* divmod(a, b) / pow(a, b, mod) (mod UNDEF: 2 args) with heap operands;
 * PE_NOTIMPL if neither side implements it (the caller raises). */
int pe_dunder_divmod(pe_state *S, pe_val a, pe_val b, pe_val *out);
int pe_dunder_pow3(pe_state *S, pe_val a, pe_val b, pe_val mod, pe_val *out);
/* a OP b (PE_LT..PE_GE) when a or b is a heap instance (do_richcompare). */
int pe_dunder_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out);
/* format(v, spec) for a heap instance. */
int pe_dunder_format(pe_state *S, pe_val v, const char *spec, size_t speclen, pe_sb *sb);
/* operator.index(v): an int from v's __index__ (1), 0 if v's type has no
 * __index__ (nothing raised), -1 error ("__index__ returned non-int (type
 * str)"). */
int pe_dunder_index(pe_state *S, pe_val v, pe_val *out);
/* int(v) / float(v) of a heap instance via __int__/__index__ or
 * __float__/__index__: 1 done, 0 none defined, -1 error. */
int pe_dunder_int(pe_state *S, pe_val v, pe_val *out);
int pe_dunder_float(pe_state *S, pe_val v, double *out);
/* reversed(v) via __reversed__: 1 done, 0 not defined, -1 error (None:
 * "'A' object is not reversible"). */
int pe_dunder_reversed(pe_state *S, pe_val v, pe_val *out);

/* The built-in type t's special method `name` as a static method-table
 * entry (self UNDEF) calling t's slot on the receiver's built-in part
 * (list.__getitem__, object.__eq__, Exception.__init__...), or NULL when t
 * has no such slot (slot_wrappers.c). */
const pe_cfunc *pe_slot_wrapper_find(const pe_type *t, const pe_str *name);

/* ---- built-in solid bases (class_base.c) ---- */

/* Bytes of the base's struct in an instance of a subclass of the built-in
 * type solid (the exception tree, list, dict); 0 = not subclassable in
 * pyexpr (class creation raises). */
size_t pe_class_base_size(const pe_type *solid);
/* The same as class.c asks for it: 1, the struct size and the teardown
 * without the free (exceptions: args, traceback...; list/dict: clear). */
int pe_class_base_layout(const pe_type *solid, size_t *size, void (**fini)(pe_state *, pe_obj *));
/* The solid base's __new__ for cls (cls->solid is not object): a zeroed
 * instance of cls->basicsize bytes holding a reference to cls; exceptions
 * get args = the positional arguments. Error for unsupported bases:
 * TypeError "pyexpr does not support subclassing 'int'". */
int pe_class_base_new(pe_state *S, pe_class *cls, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out);
/* The solid base's __init__ on self: BaseException.__init__ (args),
 * list.__init__(iterable), dict.__init__(*a, **k); CPython's messages. */
int pe_class_base_init(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames);
/* Sets cls->base_fini for cls->solid (pe_class_install_slots calls it). */
void pe_class_base_setup(pe_class *cls);
/* The type whose slots a class falls back to: the solid base, or for a
 * boxed class (pe_boxed) a proxy applying them to the base value. */
const pe_type *pe_class_slot_base(const pe_class *cls);
/* A unary special method (neg pos invert abs trunc floor ceil round) that
 * a boxed instance's class does not define: the base type's operation on
 * the base value. 1 done, 0 not applicable, -1 error. */
int pe_boxed_unary(pe_state *S, pe_val v, enum pe_dunder d, int argc, pe_val *out);
/* The exception part of an instance, released without freeing (error.c). */
void pe_exc_fini(pe_state *S, pe_obj *o);

#endif /* PE_DUNDER_H */
