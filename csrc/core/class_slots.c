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
