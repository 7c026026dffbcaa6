/*
 * hash_algos.c - message digests from their specifications: MD5 (RFC 1321),
 * SHA-1 and the SHA-2 family (FIPS 180-4). One buffering/padding routine
 * serves all of them; each algorithm contributes its initial values and
 * its block function.
 */
#include <string.h>

#include "hash_algos.h"

static uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static uint64_t ror64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

static uint32_t load_be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint32_t load_le32(const unsigned char *p) {
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
static uint64_t load_be64(const unsigned char *p) {
    return (uint64_t)load_be32(p) << 32 | load_be32(p + 4);
}

/* ---- MD5 ---- */

static void md5_init(pe_hash_ctx *c) {
    static const uint32_t iv[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    memcpy(c->h.w32, iv, sizeof iv);
}

/* T[i] = floor(abs(sin(i + 1)) * 2**32) and the per-round shifts. */
static const uint32_t md5_t[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
};
static const unsigned char md5_s[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23},
                                          {6, 10, 15, 21}};

static void md5_block(pe_hash_ctx *c, const unsigned char *p) {
    uint32_t x[16], a = c->h.w32[0], b = c->h.w32[1], cc = c->h.w32[2], d = c->h.w32[3];
    for (int i = 0; i < 16; i++) x[i] = load_le32(p + 4 * i);
    for (int i = 0; i < 64; i++) {
        int r = i / 16, k;
        uint32_t f;
        switch (r) {
        case 0: f = (b & cc) | (~b & d); k = i; break;
        case 1: f = (b & d) | (cc & ~d); k = (5 * i + 1) & 15; break;
        case 2: f = b ^ cc ^ d; k = (3 * i + 5) & 15; break;
        default: f = cc ^ (b | ~d); k = (7 * i) & 15; break;
        }
        uint32_t t = d;
        d = cc;
        cc = b;
        b = b + rol32(a + f + md5_t[i] + x[k], md5_s[r][i & 3]);
        a = t;
    }
    c->h.w32[0] += a;
    c->h.w32[1] += b;
    c->h.w32[2] += cc;
    c->h.w32[3] += d;
}

/* ---- SHA-1 ---- */

static void sha1_init(pe_hash_ctx *c) {
    static const uint32_t iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    memcpy(c->h.w32, iv, sizeof iv);
}

static void sha1_block(pe_hash_ctx *c, const unsigned char *p) {
    uint32_t w[80], v[5];
    for (int i = 0; i < 16; i++) w[i] = load_be32(p + 4 * i);
    for (int i = 16; i < 80; i++) w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    memcpy(v, c->h.w32, sizeof v);
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) f = (v[1] & v[2]) | (~v[1] & v[3]), k = 0x5a827999;
        else if (i < 40) f = v[1] ^ v[2] ^ v[3], k = 0x6ed9eba1;
        else if (i < 60) f = (v[1] & v[2]) | (v[1] & v[3]) | (v[2] & v[3]), k = 0x8f1bbcdc;
        else f = v[1] ^ v[2] ^ v[3], k = 0xca62c1d6;
        uint32_t t = rol32(v[0], 5) + f + v[4] + k + w[i];
        v[4] = v[3];
        v[3] = v[2];
        v[2] = rol32(v[1], 30);
        v[1] = v[0];
        v[0] = t;
    }
    for (int i = 0; i < 5; i++) c->h.w32[i] += v[i];
}

/* ---- SHA-224 / SHA-256 ---- */

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static void sha224_init(pe_hash_ctx *c) {
    static const uint32_t iv[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                   0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
    memcpy(c->h.w32, iv, sizeof iv);
}

static void sha256_init(pe_hash_ctx *c) {
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h.w32, iv, sizeof iv);
}

/* ---- SHA-384 / SHA-512 ---- */

static const uint64_t sha512_k[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};

static void sha384_init(pe_hash_ctx *c) {
    static const uint64_t iv[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
                                   0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
                                   0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};
    memcpy(c->h.w64, iv, sizeof iv);
}

static void sha512_init(pe_hash_ctx *c) {
    static const uint64_t iv[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                   0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                   0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
    memcpy(c->h.w64, iv, sizeof iv);
}

/* The SHA-2 compression function for word type T (uint32_t: SHA-256,
 * uint64_t: SHA-512), its round constants K (NROUNDS of them), the
 * rotation amounts of the message schedule (s0: R1 R2 >>R3, s1: R4 R5
 * >>R6) and of the rounds (S0: A B C, S1: D E F); FIPS 180-4 6.2 / 6.4. */
#define SHA2_BLOCK(fname, T, W, K, NROUNDS, LOAD, ROR, R1, R2, R3, R4, R5, R6, A, B, C, D, E, F) \
    static void fname(pe_hash_ctx *c, const unsigned char *p) {                                \
        T w[NROUNDS], v[8];                                                                     \
        for (int i = 0; i < 16; i++) w[i] = LOAD(p + sizeof(T) * i);                           \
        for (int i = 16; i < NROUNDS; i++) {                                                    \
            T s0 = ROR(w[i - 15], R1) ^ ROR(w[i - 15], R2) ^ (w[i - 15] >> R3);                 \
            T s1 = ROR(w[i - 2], R4) ^ ROR(w[i - 2], R5) ^ (w[i - 2] >> R6);                    \
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;                                              \
        }                                                                                       \
        memcpy(v, c->h.W, sizeof v);                                                            \
        for (int i = 0; i < NROUNDS; i++) {                                                     \
            T S1 = ROR(v[4], D) ^ ROR(v[4], E) ^ ROR(v[4], F);                                  \
            T t1 = v[7] + S1 + ((v[4] & v[5]) ^ (~v[4] & v[6])) + K[i] + w[i];                  \
            T S0 = ROR(v[0], A) ^ ROR(v[0], B) ^ ROR(v[0], C);                                  \
            T maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);                              \
            memmove(v + 1, v, 7 * sizeof v[0]);                                                 \
            v[4] += t1;                                                                         \
            v[0] = t1 + S0 + maj;                                                               \
        }                                                                                       \
        for (int i = 0; i < 8; i++) c->h.W[i] += v[i];                                          \
    }

SHA2_BLOCK(sha256_block, uint32_t, w32, sha256_k, 64, load_be32, ror32, 7, 18, 3, 17, 19, 10, 2,
           13, 22, 6, 11, 25)
SHA2_BLOCK(sha512_block, uint64_t, w64, sha512_k, 80, load_be64, ror64, 1, 8, 7, 19, 61, 6, 28,
           34, 39, 14, 18, 41)

const pe_hash_algo pe_hash_algos[] = {
    {"md5", 16, 64, md5_init, md5_block, 0, 1},
    {"sha1", 20, 64, sha1_init, sha1_block, 0, 0},
    {"sha224", 28, 64, sha224_init, sha256_block, 0, 0},
    {"sha256", 32, 64, sha256_init, sha256_block, 0, 0},
    {"sha384", 48, 128, sha384_init, sha512_block, 1, 0},
    {"sha512", 64, 128, sha512_init, sha512_block, 1, 0},
    {NULL, 0, 0, NULL, NULL, 0, 0},
};

void pe_hash_update(const pe_hash_algo *a, pe_hash_ctx *c, const unsigned char *p, size_t n) {
    size_t bs = a->block_size;
    c->nbytes += n;
    if (c->buflen) {
        size_t k = bs - c->buflen < n ? bs - c->buflen : n;
        memcpy(c->buf + c->buflen, p, k);
        c->buflen += k;
        p += k;
        n -= k;
        if (c->buflen < bs) return;
        a->block(c, c->buf);
        c->buflen = 0;
    }
    for (; n >= bs; p += bs, n -= bs) a->block(c, p);
    memcpy(c->buf, p, n);
    c->buflen = n;
}

void pe_hash_final(const pe_hash_algo *a, const pe_hash_ctx *c0, unsigned char *out) {
    pe_hash_ctx c = *c0;
    size_t bs = a->block_size, lenbytes = a->wide ? 16 : 8;
    uint64_t bits = c.nbytes << 3;
    unsigned char pad[256];
    size_t padlen = bs - c.buflen;
    if (padlen < 1 + lenbytes) padlen += bs;
    memset(pad, 0, padlen);
    pad[0] = 0x80;
    uint64_t hi = c.nbytes >> 61; /* bits above the low 64 */
    for (size_t i = 0; i < 8; i++) {
        unsigned char b = (unsigned char)(bits >> (8 * i));
        if (a->little) pad[padlen - 8 + i] = b;
        else pad[padlen - 1 - i] = b;
    }
    if (a->wide)
        for (size_t i = 0; i < 8; i++) pad[padlen - 9 - i] = (unsigned char)(hi >> (8 * i));
    pe_hash_update(a, &c, pad, padlen);
    for (unsigned i = 0; i < a->digest_size; i++) {
        if (a->wide) out[i] = (unsigned char)(c.h.w64[i / 8] >> (56 - 8 * (i % 8)));
        else if (a->little) out[i] = (unsigned char)(c.h.w32[i / 4] >> (8 * (i % 4)));
        else out[i] = (unsigned char)(c.h.w32[i / 4] >> (24 - 8 * (i % 4)));
    }
}
