/*
 * pe_bytes.h - bytes and bytearray (bytes.c: objects, slots, constructors,
 * literals, codecs; bytes_methods.c: the methods).
 * One area of the engine's internal object model; include pe_internal.h,
 * which includes every area in order.
 */
#ifndef PE_BYTES_H
#define PE_BYTES_H

#include "pe_cont.h"

/* Immutable bytes: the data inline, NUL-terminated (not counted in len). */
typedef struct pe_bytes {
    pe_obj ob;
    size_t len;
    int64_t hash; /* -1: not computed yet (never cached on immortal constants) */
    unsigned char data[];
} pe_bytes;

/* Mutable bytearray: a separate buffer of cap bytes (NULL when cap 0). */
typedef struct pe_bytearray {
    pe_obj ob;
    size_t len, cap;
    unsigned char *data;
} pe_bytearray;

#define PE_BYTES(v) ((pe_bytes *)(v).u.o)
#define PE_BYTEARRAY(v) ((pe_bytearray *)(v).u.o)

extern const pe_type pe_type_bytes, pe_type_bytearray, pe_type_bytes_iterator,
    pe_type_bytearray_iterator;

PE_INLINE bool pe_is_bytes(pe_val v) { return pe_is_kind(v, PE_K_BYTES); }
PE_INLINE bool pe_is_bytearray(pe_val v) { return pe_is_kind(v, PE_K_BYTEARRAY); }
/* A bytes-like value (bytes or bytearray): its current data and length.
 * The pointer of a bytearray is valid only until the next mutation, that
 * is until Python code or an allocation may run. */
/* The bytes value of an instance of a bytes subclass (a boxed instance,
 * class_base.c): the bytes object, or UNDEF. */
pe_val pe_boxed_bytes(pe_val v);
PE_INLINE bool pe_bytes_view(pe_val v, const unsigned char **p, size_t *n) {
    if (PE_UNLIKELY(pe_is_kind(v, PE_K_INSTANCE))) v = pe_boxed_bytes(v);
    if (pe_is_bytes(v)) {
        *p = PE_BYTES(v)->data;
        *n = PE_BYTES(v)->len;
        return true;
    }
    if (pe_is_bytearray(v)) {
        /* never NULL, so that memcpy & co may take it even when empty */
        *p = PE_BYTEARRAY(v)->data ? PE_BYTEARRAY(v)->data : (const unsigned char *)"";
        *n = PE_BYTEARRAY(v)->len;
        return true;
    }
    *p = NULL;
    *n = 0;
    return false;
}

/* A bytes object of len bytes, contents uninitialised (data[len] = 0).
 * NULL + MemoryError on failure. */
pe_bytes *pe_bytes_alloc(pe_state *S, size_t len);
/* New bytes / bytearray holding a copy of p[0..len) (p may be NULL when
 * len is 0). */
int pe_bytes_new(pe_state *S, const void *p, size_t len, pe_val *out);
int pe_bytearray_new(pe_state *S, const void *p, size_t len, pe_val *out);
/* New object of type t (bytes or bytearray) from p[0..len). */
int pe_bytes_new_as(pe_state *S, const pe_type *t, const void *p, size_t len, pe_val *out);
/* Builds a bytes / bytearray (type t) from the builder (sb freed either way). */
int pe_sb_to_bytes(pe_sb *sb, const pe_type *t, pe_val *out);
/* Room for `extra` more bytes in a bytearray (amortised growth). */
int pe_bytearray_reserve(pe_state *S, pe_bytearray *b, size_t extra);
/* Appends repr(bytes-like p[0..n)) as CPython's bytes repr: b'...'. */
int pe_bytes_repr_data(pe_sb *sb, const unsigned char *p, size_t n);
/* SipHash-1-3 of a byte range (str.c; the hash of str and bytes). */
int64_t pe_hash_bytes(const void *p, size_t len);

/* bytearray += x / *= n: mutates a and returns it (new ref) in *out;
 * PE_NOTIMPL when op has no in-place form here. (bytes.c) */
int pe_bytearray_inplace(pe_state *S, int op, pe_val a, pe_val b, pe_val *out);

/* Decodes a bytes literal body (between the quotes; valid UTF-8 source).
 * Same contract as pe_str_decode_literal: -1 with *errmsg NULL = exception
 * pending; *errmsg set = SyntaxError text (held by *out's str object,
 * pe_decref it after use), *erroff = byte offset in body. Non-ASCII
 * characters: "bytes can only contain ASCII literal characters". */
int pe_bytes_decode_literal(pe_state *S, const char *body, size_t len, bool raw, pe_val *out,
                            const char **errmsg, size_t *erroff);

/* Codecs (bytes.c): the codec name normalised as CPython's lookup does
 * ("utf-8", "ascii", "latin-1"); NULL + LookupError "unknown encoding: X". */
const char *pe_codec_lookup(pe_state *S, const char *name, size_t len);
/* s.encode(encoding, errors) for UTF-8 text s[0..len) -> new bytes. */
int pe_text_encode(pe_state *S, const char *s, size_t len, const char *encoding,
                   size_t enclen, const char *errors, pe_val *out);
/* p[0..n).decode(encoding, errors) -> new str. */
int pe_bytes_decode(pe_state *S, const unsigned char *p, size_t n, const char *encoding,
                    size_t enclen, const char *errors, pe_val *out);

/* Methods: str.encode (bytes.c), int.to_bytes / int.from_bytes (bytes.c),
 * the method tables of bytes and bytearray (bytes_methods.c). */
int pe_str_encode_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                         pe_obj *kwnames, pe_val *out);
int pe_int_to_bytes_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out);
int pe_int_from_bytes_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                             pe_obj *kwnames, pe_val *out);
extern const pe_cfunc pe_bytes_methods[], pe_bytearray_methods[];

/* fmt % args for a bytes-like format p[0..n) (str_format.c); result of type t. */
int pe_bytes_percent_format(pe_state *S, const unsigned char *p, size_t n, const pe_type *t,
                            pe_val args, pe_val *out);

/* int(b, base) / float(b) for a bytes-like b (ASCII text; CPython's
 * ValueError shows repr(b): "invalid literal for int() with base 10:
 * b'x'", "could not convert string to float: b'x'"). (bytes_codec.c) */
int pe_bytes_to_int(pe_state *S, pe_val b, int base, pe_val *out);
int pe_bytes_to_float(pe_state *S, pe_val b, pe_val *out);

#endif /* PE_BYTES_H */
