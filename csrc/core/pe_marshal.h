/*
 * pe_marshal.h - the code and value serializer (marshal.c): compiled
 * programs to bytes and back (the build-time bytecode of csrc/lib, and the
 * building block of snapshots).
 *
 * Format: a header (magic "PEXC", format version, engine version, opcode
 * table fingerprint), then varint-encoded records. Values are one tag byte
 * and a payload (see marshal.c). The loader validates everything it reads:
 * truncated, corrupted or hostile bytes give ValueError "bad marshal data
 * (...)" and never read out of bounds; bytecode operands are checked
 * against the code's tables, the stack depth is recomputed by the
 * compiler's flow pass, and every loop must pay the step limit.
 *
 * Writers and readers are structs so other callers (snapshots) can write
 * their own records around values and code: the put/get helpers below, and
 * a hook for value types this file does not know.
 */
#ifndef PE_MARSHAL_H
#define PE_MARSHAL_H

#include "pe_internal.h"
#include "pe_code.h"

#define PE_MARSHAL_VERSION 1u
/* Deepest nesting of values (containers, code objects) written or read. */
#define PE_MARSHAL_MAX_DEPTH 200

typedef struct pe_marshal_w pe_marshal_w;
typedef struct pe_marshal_r pe_marshal_r;

struct pe_marshal_w {
    pe_state *S;
    pe_sb *sb; /* output (the caller's) */
    int depth;
    /* Values of other types: write them (a tag byte the reader's hook knows,
     * then a payload) and return 0, or -1 with an exception pending. NULL:
     * ValueError "unmarshallable object". */
    int (*write_other)(pe_marshal_w *w, pe_val v);
    void *ud; /* the hook's */
};

struct pe_marshal_r {
    pe_state *S;
    const uint8_t *p, *end;
    int depth;
    bool code_ok;      /* code objects allowed (inside a program being read) */
    uint32_t nglobals; /* the program's global slots (operand check) */
    /* Tags this file does not know: read the payload into *out (new
     * reference) and return 0, or -1 with an exception pending. NULL: a
     * ValueError. */
    int (*read_other)(pe_marshal_r *r, int tag, pe_val *out);
    void *ud;
};

void pe_marshal_w_init(pe_marshal_w *w, pe_state *S, pe_sb *sb);
void pe_marshal_r_init(pe_marshal_r *r, pe_state *S, const void *buf, size_t len);

/* Writer primitives (-1: MemoryError pending). */
int pe_marshal_put_u8(pe_marshal_w *w, uint8_t b);
int pe_marshal_put_uvarint(pe_marshal_w *w, uint64_t x);
int pe_marshal_put_svarint(pe_marshal_w *w, int64_t x); /* zigzag */
int pe_marshal_put_blob(pe_marshal_w *w, const void *p, size_t n); /* varint length + bytes */
/* The header (magic, versions, opcode fingerprint). */
int pe_marshal_write_header(pe_marshal_w *w);
/* One value: None, bool, int (any size), float, str, bytes, tuple,
 * frozenset, list, set, dict, Ellipsis, code objects; others through the
 * hook. */
int pe_marshal_write_val(pe_marshal_w *w, pe_val v);
/* A whole program (globals, module code, filename, mode, source). */
int pe_marshal_write_code(pe_marshal_w *w, const pe_code *code);

/* Reader primitives: -1 with ValueError "bad marshal data (...)" on
 * truncated or invalid input. */
int pe_marshal_error(pe_marshal_r *r, const char *what);
int pe_marshal_get_u8(pe_marshal_r *r, uint8_t *out);
int pe_marshal_get_uvarint(pe_marshal_r *r, uint64_t *out);
int pe_marshal_get_svarint(pe_marshal_r *r, int64_t *out);
/* A count of items each taking at least min_bytes of the remaining input
 * (so a hostile count never makes a large allocation); at most max. */
int pe_marshal_get_count(pe_marshal_r *r, size_t min_bytes, uint32_t max, uint32_t *out);
/* A varint length + that many bytes (borrowed from the input). */
int pe_marshal_get_blob(pe_marshal_r *r, const uint8_t **p, size_t *n);
int pe_marshal_read_header(pe_marshal_r *r);
int pe_marshal_read_val(pe_marshal_r *r, pe_val *out);
/* A program written by pe_marshal_write_code; *out has refcount 1
 * (pe_code_release). */
int pe_marshal_read_code(pe_marshal_r *r, pe_code **out);

/* Whole buffers: header + program. */
int pe_code_serialize(pe_state *S, const pe_code *code, pe_sb *out);
int pe_code_deserialize(pe_state *S, const void *buf, size_t len, pe_code **out);

#endif /* PE_MARSHAL_H */
