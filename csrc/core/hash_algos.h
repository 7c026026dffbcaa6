/*
 * hash_algos.h - MD5 (RFC 1321), SHA-1, SHA-224/256 and SHA-384/512
 * (FIPS 180-4), written from the specifications (hash_algos.c), for the
 * hashlib module (mod_hashlib.c). Private to the engine.
 */
#ifndef PE_HASH_ALGOS_H
#define PE_HASH_ALGOS_H

#include <stddef.h>
#include <stdint.h>

typedef struct pe_hash_ctx {
    union {
        uint32_t w32[8];
        uint64_t w64[8];
    } h;
    uint64_t nbytes; /* message length so far (the 128-bit SHA-512 length
                        never exceeds 2**64 bytes here) */
    size_t buflen;
    unsigned char buf[128];
} pe_hash_ctx;

typedef struct pe_hash_algo {
    const char *name;
    unsigned digest_size, block_size;
    void (*init)(pe_hash_ctx *c);
    void (*block)(pe_hash_ctx *c, const unsigned char *p); /* one block */
    unsigned char wide;       /* 64-bit words, 128-bit length (SHA-384/512) */
    unsigned char little;     /* little-endian words and length (MD5) */
} pe_hash_algo;

/* The algorithms, in hashlib's order: md5, sha1, sha224, sha256, sha384,
 * sha512; NULL-named terminator. */
extern const pe_hash_algo pe_hash_algos[];

void pe_hash_update(const pe_hash_algo *a, pe_hash_ctx *c, const unsigned char *p, size_t n);
/* The digest of what was hashed so far (c is not modified). */
void pe_hash_final(const pe_hash_algo *a, const pe_hash_ctx *c, unsigned char *out);

#endif /* PE_HASH_ALGOS_H */
