/*
 * class.c - user classes: heap types (pe_class), instances, the generic
 * attribute protocol, bound methods, descriptors. Layout: pe_class.h.
 */
#include "pe_class.h"

const char *const pe_dunder_names[PE_DU__COUNT] = {
#define PE_DU_NAME(n) "__" #n "__",
    PE_DUNDERS(PE_DU_NAME)
#undef PE_DU_NAME
};
