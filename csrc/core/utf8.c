/*
 * utf8.c - the engine's one UTF-8 module (see utf8.h).
 */
#include "pe_internal.h"

size_t pe_utf8_encode(uint32_t c, char *buf) {
    unsigned char *b = (unsigned char *)buf;
    if (c < 0x80) {
        b[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        b[0] = (unsigned char)(0xc0 | (c >> 6));
        b[1] = (unsigned char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        b[0] = (unsigned char)(0xe0 | (c >> 12));
        b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
        b[2] = (unsigned char)(0x80 | (c & 0x3f));
        return 3;
    }
    b[0] = (unsigned char)(0xf0 | (c >> 18));
    b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
    b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
    b[3] = (unsigned char)(0x80 | (c & 0x3f));
    return 4;
}

size_t pe_utf8_count(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += !pe_utf8_is_cont((unsigned char)s[i]);
    return n;
}

size_t pe_utf8_check(const char *s, size_t len, bool surrogates, uint32_t *cp) {
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    *cp = c;
    if (c < 0x80) return 1;
    size_t n = pe_utf8_seqlen((unsigned char)c);
    if (c < 0xc2 || c > 0xf4 || len < n) return 0;
    uint32_t v = c & (0x7fu >> n);
    for (size_t i = 1; i < n; i++) {
        if (!pe_utf8_is_cont(p[i])) return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[n] || v > 0x10ffff || (!surrogates && v >= 0xd800 && v <= 0xdfff)) return 0;
    *cp = v;
    return n;
}

size_t pe_utf8_valid_prefix_ex(const char *s, size_t len, bool surrogates) {
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = pe_utf8_check(s + i, len - i, surrogates, &cp);
        if (!n) break;
        i += n;
    }
    return i;
}

PE_API size_t pe_utf8_valid_prefix(const char *s, size_t len) {
    return pe_utf8_valid_prefix_ex(s, len, false);
}
