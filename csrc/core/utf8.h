/*
 * utf8.h - the engine's one UTF-8 module (utf8.c): encode, decode forwards
 * and backwards, validate, count. Every other file uses these; none keeps
 * a private copy.
 *
 * Two kinds of input:
 *  - engine text (str objects, validated source): "generalised" UTF-8,
 *    i.e. valid UTF-8 plus lone surrogates U+D800..U+DFFF in their 3-byte
 *    form (how "\ud800" and chr(0xd800) are stored). The fast functions
 *    below (pe_utf8_decode, _seqlen, _prev, _count) assume it and never
 *    read past the code point they are given.
 *  - untrusted bytes (source files, sockets): check them first with
 *    pe_utf8_check / pe_utf8_valid_prefix, which follow CPython's UTF-8
 *    codec (no overlong forms, nothing above U+10FFFF, surrogates only
 *    with `surrogates` = surrogatepass).
 */
#ifndef PE_UTF8_H
#define PE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Byte length of the sequence that lead byte c starts (1 for ASCII and,
 * so that scans always advance, for a stray continuation byte). */
static inline size_t pe_utf8_seqlen(unsigned char c) {
    return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* Is c a continuation byte (10xxxxxx)? */
static inline bool pe_utf8_is_cont(unsigned char c) { return (c & 0xc0) == 0x80; }

/* Decodes the code point at s (generalised UTF-8); *n = its byte length. */
static inline uint32_t pe_utf8_decode(const char *s, size_t *n) {
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *n = 1;
        return p[0];
    }
    if (p[0] < 0xe0) {
        *n = 2;
        return ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    }
    if (p[0] < 0xf0) {
        *n = 3;
        return ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    }
    *n = 4;
    return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3f) << 12) |
           ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
}

/* Offset of the code point that ends at byte `off` (off > 0). */
static inline size_t pe_utf8_prev(const char *s, size_t off) {
    do off--;
    while (off > 0 && pe_utf8_is_cont((unsigned char)s[off]));
    return off;
}

/* Moves byte offset `off` by k code points (k < 0: backwards); the
 * result must stay inside the text. */
static inline size_t pe_utf8_step(const char *s, size_t off, int64_t k) {
    for (; k > 0; k--) off += pe_utf8_seqlen((unsigned char)s[off]);
    for (; k < 0; k++) off = pe_utf8_prev(s, off);
    return off;
}

/* Encodes c (< 0x110000; surrogates get the 3-byte form) into buf (room
 * for 4 bytes); returns the byte count. */
size_t pe_utf8_encode(uint32_t c, char *buf);

/* Number of code points in generalised UTF-8 (counts the non-continuation
 * bytes). */
size_t pe_utf8_count(const char *s, size_t len);

/* Decodes one code point of untrusted bytes s[0..len) (len >= 1) as
 * CPython's UTF-8 codec does. Returns its byte length (1..4) with *cp set,
 * or 0 when s does not start with a valid sequence (then *cp = the first
 * byte). surrogates: accept U+D800..U+DFFF (surrogatepass). */
size_t pe_utf8_check(const char *s, size_t len, bool surrogates, uint32_t *cp);

/* Length of the longest prefix of s[0..len) made of whole valid sequences
 * (len when all of s is valid). */
size_t pe_utf8_valid_prefix_ex(const char *s, size_t len, bool surrogates);

/* The same, and where the prefix is shorter than len, what CPython's
 * decoder reports at that position: *bad_len bytes (1, or 2..3 for a
 * truncated sequence) and *reason ("invalid start byte", "invalid
 * continuation byte", "unexpected end of data"), as in "'utf-8' codec
 * can't decode byte 0x%02x in position %zu: %s". */
size_t pe_utf8_find_error(const char *s, size_t len, bool surrogates, size_t *bad_len,
                          const char **reason);

#endif /* PE_UTF8_H */
