/*
 * bytes_methods.c - the methods of bytes and bytearray.
 */
#include "pe_vm.h"
#include "cont_internal.h"

int pe_bytes_decode_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out);

const pe_cfunc pe_bytes_methods[] = {
    PE_METHOD("decode", pe_bytes_decode_method),
    PE_METHOD_END,
};
const pe_cfunc pe_bytearray_methods[] = {
    PE_METHOD("decode", pe_bytes_decode_method),
    PE_METHOD_END,
};
