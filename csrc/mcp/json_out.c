/*
 * json_out.c - writing JSON text for the MCP server: string literals of
 * arbitrary bytes (program output may hold anything).
 */
#include <string.h>

#include "mcp_internal.h"

int mcp_json_str(dbuf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    if (pd_dbuf_reserve(b, n + 2) || pd_dbuf_u8(b, '"')) return -1;
    size_t i = 0;
    while (i < n) {
        /* the longest run that needs no escape, copied at once */
        size_t j = i;
        while (j < n) {
            unsigned char c = (unsigned char)s[j];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            j++;
        }
        if (j > i && pd_dbuf_put(b, s + i, j - i)) return -1;
        i = j;
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* one sequence, its length from the lead byte */
            size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            size_t ok = want <= n - i && pe_utf8_valid_prefix(s + i, want) == want ? want : 0;
            if (ok) {
                if (pd_dbuf_put(b, s + i, ok)) return -1;
                i += ok;
            } else {
                if (pd_dbuf_put(b, "\\ufffd", 6)) return -1;
                i++;
            }
            continue;
        }
        /* the two-character escapes JSON has, else \u00XX */
        static const char named[] = "\"\\\b\f\n\r\t", letter[] = "\"\\bfnrt";
        const char *k = c ? strchr(named, c) : NULL;
        char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        size_t el = 6;
        if (k) {
            e[1] = letter[k - named];
            el = 2;
        }
        if (pd_dbuf_put(b, e, el)) return -1;
        i++;
    }
    return pd_dbuf_u8(b, '"');
}
