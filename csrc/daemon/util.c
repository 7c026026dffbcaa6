/*
 * util.c - small utilities: byte order, write(2) loops, growable buffers,
 * the frame reader, UTF-8 check.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon_internal.h"

/* ------------------------------------------------------------------ */
/* Small utilities                                                     */
/* ------------------------------------------------------------------ */

/* write(2) all of it (EINTR retried); -1 on error. */
int pd_write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

void pd_say(int fd, const char *fmt, ...) {
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n >= sizeof buf) n = (int)sizeof buf - 1;
    (void)pd_write_all(fd, buf, (size_t)n);
}

void pd_dbuf_free(dbuf *b) {
    free(b->p);
    b->p = NULL;
    b->off = b->len = b->cap = 0;
}

/* Moves unconsumed data to the front. */
void pd_dbuf_compact(dbuf *b) {
    if (!b->off) return;
    memmove(b->p, b->p + b->off, b->len - b->off);
    b->len -= b->off;
    b->off = 0;
}

/* Room for `extra` more bytes after len. 0 ok, -1 out of memory. */
int pd_dbuf_reserve(dbuf *b, size_t extra) {
    if (b->cap - b->len >= extra) return 0;
    if (b->off) {
        pd_dbuf_compact(b);
        if (b->cap - b->len >= extra) return 0;
    }
    if (extra > SIZE_MAX - b->len) return -1;
    size_t need = b->len + extra, nc = b->cap ? b->cap : 256;
    while (nc < need) nc = nc > SIZE_MAX / 2 ? need : nc * 2;
    char *np = realloc(b->p, nc);
    if (!np) return -1;
    b->p = np;
    b->cap = nc;
    return 0;
}

int pd_dbuf_put(dbuf *b, const void *s, size_t n) {
    if (pd_dbuf_reserve(b, n)) return -1;
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

int pd_dbuf_u8(dbuf *b, unsigned v) {
    unsigned char c = (unsigned char)v;
    return pd_dbuf_put(b, &c, 1);
}

int pd_dbuf_u32(dbuf *b, uint32_t v) {
    unsigned char t[4];
    put_le32(t, v);
    return pd_dbuf_put(b, t, 4);
}

int pd_dbuf_u64(dbuf *b, uint64_t v) {
    unsigned char t[8];
    put_le32(t, (uint32_t)v);
    put_le32(t + 4, (uint32_t)(v >> 32));
    return pd_dbuf_put(b, t, 8);
}

/* u32 length + bytes */
int pd_dbuf_blob(dbuf *b, const void *s, size_t n) {
    if (n > UINT32_MAX) return -1;
    return pd_dbuf_u32(b, (uint32_t)n) || pd_dbuf_put(b, s, n) ? -1 : 0;
}

int pd_dbuf_printf(dbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || pd_dbuf_reserve(b, (size_t)n + 1)) return -1;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

/* A JSON string literal. */
int pd_dbuf_json_str(dbuf *b, const char *s) {
    if (pd_dbuf_u8(b, '"')) return -1;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            if (pd_dbuf_u8(b, '\\') || pd_dbuf_u8(b, c)) return -1;
        } else if (c < 0x20) {
            if (pd_dbuf_printf(b, "\\u%04x", c)) return -1;
        } else if (pd_dbuf_u8(b, c)) {
            return -1;
        }
    }
    return pd_dbuf_u8(b, '"');
}

/* The next n bytes, or NULL (and r marked bad) when fewer are left. */
static const unsigned char *rd_take(rd *r, size_t n) {
    if (r->bad || rd_left(r) < n) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = r->p;
    r->p += n;
    return p;
}

uint8_t pd_rd_u8(rd *r) {
    const unsigned char *p = rd_take(r, 1);
    return p ? *p : 0;
}

uint32_t pd_rd_u32(rd *r) {
    const unsigned char *p = rd_take(r, 4);
    return p ? get_le32(p) : 0;
}

uint64_t pd_rd_u64(rd *r) {
    const unsigned char *p = rd_take(r, 8);
    return p ? get_le64(p) : 0;
}

const char *pd_rd_blob(rd *r, uint32_t *n) {
    *n = pd_rd_u32(r);
    const char *s = (const char *)rd_take(r, *n);
    if (!s) *n = 0;
    return s;
}

/* Strict UTF-8 (no surrogates, no overlong forms). */
bool pd_utf8_valid(const unsigned char *p, size_t n) {
    const unsigned char *e = p + n;
    while (p < e) {
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        int k = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!k || e - p < k) return false;
        uint32_t cp = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
        for (int i = 1; i < k; i++) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += k;
    }
    return true;
}
