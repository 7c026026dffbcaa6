/*
 * capi.h - private glue of the public API (capi_*.c): the public pe_value
 * is the engine's pe_val seen through an opaque 16-byte struct. The two
 * are converted through a union (no copy beyond the register moves the
 * calling convention makes anyway).
 */
#ifndef PE_CAPI_H
#define PE_CAPI_H

#include "pe_vm.h"

_Static_assert(sizeof(pe_value) == sizeof(pe_val), "pe_value must be a pe_val");
_Static_assert(_Alignof(pe_value) == _Alignof(pe_val), "pe_value alignment");

typedef union pe_capi_cvt {
    pe_value pub;
    pe_val in;
} pe_capi_cvt;

PE_INLINE pe_val pe_val_of(pe_value v) {
    pe_capi_cvt c;
    c.pub = v;
    return c.in;
}
PE_INLINE pe_value pe_value_of(pe_val v) {
    pe_capi_cvt c;
    c.in = v;
    return c.pub;
}
/* Arrays of one are arrays of the other (same size and alignment). */
PE_INLINE const pe_val *pe_vals_of(const pe_value *v) { return (const pe_val *)(const void *)v; }
PE_INLINE const pe_value *pe_values_of(const pe_val *v) {
    return (const pe_value *)(const void *)v;
}

/* Copies a builder's bytes into a malloc'ed NUL-terminated string
 * (capi_value.c); frees the builder. MemoryError when malloc fails. */
int pe_capi_sb_export(pe_state *S, pe_sb *sb, char **out, size_t *len);

#endif /* PE_CAPI_H */
