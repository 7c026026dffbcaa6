/*
 * pe_module.h - writing a built-in module (import.c).
 *
 * A C module is one line in modules.def and an init function that fills a
 * fresh module object; a Python module is a file csrc/lib/NAME.py. Either is
 * made on the first import in a state and kept (CPython's sys.modules) until
 * pe_reset, so a run never sees another run's module state.
 */
#ifndef PE_MODULE_H
#define PE_MODULE_H

#include "pe_internal.h"

#define PE_STATICMOD(name, getter) int getter(pe_state *S, pe_val *out);
#define PE_CMOD(name, init) int init(pe_state *S, pe_val mod);
#include "modules.def"
#undef PE_STATICMOD
#undef PE_CMOD

/* mod.name = v. Steals v (also on error). */
int pe_module_set(pe_state *S, pe_val mod, const char *name, pe_val v);
/* Sets every function of a static table (PE_METHOD entries ending with
 * PE_METHOD_END) as an attribute; the entries stay static (no copy). */
int pe_module_add_functions(pe_state *S, pe_val mod, const pe_cfunc *fns);
/* mod.name, a new reference; AttributeError as CPython words it. */
int pe_module_get(pe_state *S, pe_val mod, const char *name, pe_val *out);
/* `import name` from C: the module (a new reference), made on first use. */
int pe_import(pe_state *S, const char *name, pe_val *out);
/* Raises module.cls(fmt % args) (an exception class a module defines, such
 * as binascii.Error or struct.error; the message is cut at 255 bytes).
 * Returns -1. */
int pe_module_raisev(pe_state *S, const char *module, const char *cls, const char *fmt,
                     va_list ap);
/* pe_module_raisev with the arguments in place (error.c):
 * `#define struct_error(S, ...) pe_module_raise(S, "struct", "error", __VA_ARGS__)` */
int pe_module_raise(pe_state *S, const char *module, const char *cls, const char *fmt, ...)
    PE_PRINTF(4, 5);
/* The module's name ("json"). */
const char *pe_module_name(pe_val mod);
/* dir(module): a sorted list of its attribute names. */
int pe_module_dir(pe_state *S, pe_val mod, pe_val *out);

#endif /* PE_MODULE_H */
