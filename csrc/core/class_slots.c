/*
 * class_slots.c - the tp slots of heap types: dispatchers that call the
 * special methods a class defines (pe_class_install_slots). The layout
 * and the hook are described in pe_class.h; the dispatchers belong to the
 * special-methods work (`dunders`). This first version installs nothing
 * beyond what pe_class_new set up (inherited slots and the defaults).
 */
#include "pe_class.h"

int pe_class_install_slots(pe_state *S, pe_class *cls) {
    (void)S;
    (void)cls;
    return 0;
}

/* Built-in solid bases with an instance layout: none yet (object only);
 * see pe_class.h. */
int pe_class_base_layout(const pe_type *solid, size_t *size, void (**fini)(pe_state *, pe_obj *)) {
    (void)solid;
    (void)size;
    (void)fini;
    return 0;
}

int pe_class_base_new(pe_state *S, pe_class *cls, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out) {
    (void)argc;
    (void)argv;
    (void)kwnames;
    (void)out;
    return pe_raise(S, PE_EXC(NotImplementedError),
                    "subclassing built-in type '%s' is not supported by pyexpr yet", cls->solid->name);
}

int pe_class_base_init(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames) {
    (void)argc;
    (void)argv;
    (void)kwnames;
    return pe_raise(S, PE_EXC(NotImplementedError),
                    "subclassing built-in type '%s' is not supported by pyexpr yet",
                    PE_CLASS(pe_typeof(self))->solid->name);
}
