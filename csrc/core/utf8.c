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
    /* len minus the continuation bytes (10xxxxxx), eight bytes at a time:
     * bit 0 of each byte of c is 1 for a continuation byte */
    size_t n = len, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t c = (x >> 7) & ~(x >> 6) & 0x0101010101010101ull;
        n -= (size_t)((c * 0x0101010101010101ull) >> 56);
    }
    for (; i < len; i++) n -= pe_utf8_is_cont((unsigned char)s[i]);
    return n;
}

/* One sequence as CPython's strict UTF-8 decoder sees it: its length, or
 * 0 with the reported bad range length and reason. The second byte's
 * range excludes overlong forms (E0, F0), surrogates (ED) and code points
 * above U+10FFFF (F4). */
static size_t strict_seq(const unsigned char *p, size_t len, uint32_t *cp, size_t *bad_len,
                         const char **reason) {
    unsigned c = p[0];
    *cp = c;
    if (c < 0x80) return 1;
    *bad_len = 1;
    *reason = "invalid start byte";
    if (c < 0xc2 || c > 0xf4) return 0;
    size_t n = pe_utf8_seqlen((unsigned char)c);
    unsigned lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
    unsigned hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
    uint32_t v = c & (0x7fu >> n);
    for (size_t i = 1; i < n; i++) {
        /* the reported range is the valid part of the sequence */
        if (i >= len) { /* truncated after valid bytes */
            *bad_len = i;
            *reason = "unexpected end of data";
            return 0;
        }
        unsigned b = p[i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xbf)) {
            *bad_len = i;
            *reason = "invalid continuation byte";
            return 0;
        }
        v = (v << 6) | (b & 0x3f);
    }
    *cp = v;
    return n;
}

/* strict_seq, or with surrogates ("surrogatepass") a whole 3-byte lone
 * surrogate accepted; any other error stays the strict decoder's. */
static size_t seq_check(const unsigned char *p, size_t len, bool surrogates, uint32_t *cp,
                        size_t *bad_len, const char **reason) {
    size_t n = strict_seq(p, len, cp, bad_len, reason);
    if (n || !surrogates || p[0] != 0xed || len < 3 || p[1] < 0xa0 || p[1] > 0xbf ||
        !pe_utf8_is_cont(p[2]))
        return n;
    *cp = 0xd000u | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    return 3;
}

size_t pe_utf8_check(const char *s, size_t len, bool surrogates, uint32_t *cp) {
    size_t bad;
    const char *why;
    return seq_check((const unsigned char *)s, len, surrogates, cp, &bad, &why);
}

size_t pe_utf8_find_error(const char *s, size_t len, bool surrogates, size_t *bad_len,
                          const char **reason) {
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = seq_check((const unsigned char *)s + i, len - i, surrogates, &cp, bad_len, reason);
        if (!n) break;
        i += n;
    }
    return i;
}

size_t pe_utf8_valid_prefix_ex(const char *s, size_t len, bool surrogates) {
    size_t bad;
    const char *why;
    return pe_utf8_find_error(s, len, surrogates, &bad, &why);
}

PE_API size_t pe_utf8_valid_prefix(const char *s, size_t len) {
    return pe_utf8_valid_prefix_ex(s, len, false);
}
