/*
 * str.c - the str type: storage, Unicode database lookups, slots
 * (repr, hash, comparison, +, *, %, len, iteration, indexing, `in`, the
 * str() constructor), chr/ord and string literal decoding.
 *
 * Storage (pe_str): UTF-8 bytes, NUL-terminated, with the code point count
 * `nchars` and an `ascii` flag (len == nchars). Lone surrogates (from
 * "\ud800" or chr(0xd800)) are stored as their generalised 3-byte UTF-8
 * form, which keeps byte order == code point order. Code point indexing is
 * O(1) for ASCII strings and a forward/backward scan otherwise.
 *
 * Methods live in str_methods.c, the '%' operator, str.format and the
 * format() glue in str_format.c.
 */
#include "str_impl.h"
#include "unicode_db.h"

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */
/* ------------------------------------------------------------------ */

/* Sequence length from the high nibble of a lead byte. */
static const uint8_t ps_u8len[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};

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
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xc0) != 0x80;
    return n;
}

/* Byte offset of code point i; scans from the nearer end when not ASCII. */
size_t ps_offset(const char *p, size_t len, size_t nchars, bool ascii, size_t i) {
    if (ascii) return i < len ? i : len;
    if (i >= nchars) return len;
    size_t off;
    if (i <= nchars / 2) {
        off = 0;
        for (; i > 0; i--) off += ps_u8len[(unsigned char)p[off] >> 4];
    } else {
        off = len;
        for (size_t k = nchars; k > i; k--) {
            do off--;
            while (((unsigned char)p[off] & 0xc0) == 0x80);
        }
    }
    return off;
}

int ps_sb_putcp(pe_sb *sb, uint32_t c) {
    char buf[4];
    return pe_sb_putn(sb, buf, pe_utf8_encode(c, buf));
}

/* ------------------------------------------------------------------ */
/* Unicode database                                                    */
/* ------------------------------------------------------------------ */

unsigned ps_uni_flags(uint32_t c) {
    size_t lo = 0, hi = PE_UNI_NRUNS; /* invariant: run_start[lo] <= c < run_start[hi] */
    if (c >= 0x110000) return 0;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (pe_uni_run_start[mid] <= c) lo = mid;
        else hi = mid;
    }
    return pe_uni_run_flags[lo];
}

bool pe_uni_isspace(uint32_t c) {
    if (c < 128) return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    return (ps_uni_flags(c) & PE_UF_SPACE) != 0;
}
bool pe_uni_isalpha(uint32_t c) { return (ps_uni_flags(c) & PE_UF_ALPHA) != 0; }
bool pe_uni_isprintable(uint32_t c) {
    if (c < 128) return c >= 32 && c < 127;
    return (ps_uni_flags(c) & PE_UF_PRINTABLE) != 0;
}
bool pe_uni_isidstart(uint32_t c) { return (ps_uni_flags(c) & PE_UF_XID_START) != 0; }
bool pe_uni_isidcontinue(uint32_t c) { return (ps_uni_flags(c) & PE_UF_XID_CONTINUE) != 0; }

/* Decimal runs start at digit zero (checked by the generator), so the
 * value is the distance from the start of the run modulo 10. */
int pe_uni_decimal(uint32_t c) {
    if (c < 128) return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
    if (c >= 0x110000) return -1;
    size_t lo = 0, hi = PE_UNI_NRUNS;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (pe_uni_run_start[mid] <= c) lo = mid;
        else hi = mid;
    }
    if (!(pe_uni_run_flags[lo] & PE_UF_DECIMAL)) return -1;
    return (int)((c - pe_uni_run_start[lo]) % 10);
}

/* Single-code-point mapping of c in a run table, or -1 if none applies. */
static int64_t uni_run_lookup(const pe_uni_caserun *t, size_t n, uint32_t c) {
    size_t lo = 0, hi = n; /* first run with first > c is at hi */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].first <= c) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return -1;
    const pe_uni_caserun *r = &t[lo - 1];
    if (c > r->last || (c - r->first) % r->stride != 0) return -1;
    return (int64_t)c + r->delta;
}

/* Multi-code-point mapping of (c, kind): count written, or 0. */
static int uni_special_lookup(uint32_t c, int kind, uint32_t out[3]) {
    size_t lo = 0, hi = PE_UNI_NSPECIAL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const pe_uni_special *e = &pe_uni_specials[mid];
        if (e->cp < c || (e->cp == c && e->kind < kind)) lo = mid + 1;
        else hi = mid;
    }
    if (lo == PE_UNI_NSPECIAL || pe_uni_specials[lo].cp != c || pe_uni_specials[lo].kind != kind)
        return 0;
    for (int i = 0; i < pe_uni_specials[lo].n; i++) out[i] = pe_uni_specials[lo].r[i];
    return pe_uni_specials[lo].n;
}

/* One mapping kind without fallback: 0 when the table has no entry. */
static int uni_map_kind(uint32_t c, int kind, uint32_t out[3]) {
    static const struct { const pe_uni_caserun *t; size_t n; } tabs[4] = {
        {pe_uni_upper, PE_UNI_NUPPER},
        {pe_uni_lower, PE_UNI_NLOWER},
        {pe_uni_title, PE_UNI_NTITLE},
        {pe_uni_fold, PE_UNI_NFOLD},
    };
    int n = uni_special_lookup(c, kind, out);
    if (n) return n;
    int64_t m = uni_run_lookup(tabs[kind].t, tabs[kind].n, c);
    if (m < 0) return 0;
    out[0] = (uint32_t)m;
    return 1;
}

/* Title case falls back to upper case, folding to lower case (the
 * generator stores only the differences). */
int ps_uni_map(uint32_t c, int kind, uint32_t out[3]) {
    if (c < 128) {
        bool up = c >= 'a' && c <= 'z', lo = c >= 'A' && c <= 'Z';
        if ((kind == PS_LOWER || kind == PS_FOLD) && lo) c += 32;
        else if ((kind == PS_UPPER || kind == PS_TITLE) && up) c -= 32;
        out[0] = c;
        return 1;
    }
    int n = uni_map_kind(c, kind, out);
    if (n) return n;
    if (kind == PS_TITLE || kind == PS_FOLD) {
        n = uni_map_kind(c, kind == PS_TITLE ? PS_UPPER : PS_LOWER, out);
        if (n) return n;
    }
    out[0] = c;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Objects                                                             */
/* ------------------------------------------------------------------ */

pe_str *pe_str_alloc(pe_state *S, size_t len) {
    if (len > SIZE_MAX / 2) {
        pe_raise_nomem(S);
        return NULL;
    }
    pe_str *s = (pe_str *)pe_obj_new(S, &pe_type_str, sizeof(pe_str) + len + 1);
    if (!s) return NULL;
    s->len = len;
    s->nchars = len;
    s->hash = -1;
    s->ascii = 1;
    s->data[len] = '\0';
    return s;
}

void pe_str_finish(pe_str *s) {
    s->nchars = pe_utf8_count(s->data, s->len);
    s->ascii = s->nchars == s->len;
}

int ps_new_n(pe_state *S, const char *p, size_t len, size_t nchars, pe_val *out) {
    pe_str *s = pe_str_alloc(S, len);
    if (!s) return -1;
    if (len) memcpy(s->data, p, len);
    s->nchars = nchars;
    s->ascii = nchars == len;
    *out = pe_obj_val(&s->ob);
    return 0;
}

int pe_str_new(pe_state *S, const char *p, size_t len, pe_val *out) {
    return ps_new_n(S, p, len, pe_utf8_count(p, len), out);
}

int pe_str_from_cstr(pe_state *S, const char *s, pe_val *out) {
    return pe_str_new(S, s, strlen(s), out);
}

int ps_from_cp(pe_state *S, uint32_t c, pe_val *out) {
    char buf[4];
    return ps_new_n(S, buf, pe_utf8_encode(c, buf), 1, out);
}

int ps_substr(pe_state *S, pe_str *s, size_t i, size_t j, pe_val *out) {
    if (i == 0 && j >= s->nchars) {
        pe_incref_obj(&s->ob);
        *out = pe_obj_val(&s->ob);
        return 0;
    }
    size_t a = ps_str_offset(s, i);
    size_t b = s->ascii ? j : a + ps_offset(s->data + a, s->len - a, s->nchars - i, false, j - i);
    return ps_new_n(S, s->data + a, b - a, j - i, out);
}

bool pe_str_eq(const pe_str *a, const pe_str *b) {
    if (a == b) return true;
    if (a->len != b->len) return false;
    if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) return false;
    return memcmp(a->data, b->data, a->len) == 0;
}

static void str_dealloc(pe_state *S, pe_obj *o) {
    pe_obj_free(S, o, sizeof(pe_str) + ((pe_str *)o)->len + 1);
}

/* ------------------------------------------------------------------ */
/* Hash: SipHash-1-3 with a fixed key (CPython randomises its key, so   */
/* no program can depend on the values).                               */
/* ------------------------------------------------------------------ */

#define PS_ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define PS_SIPROUND                                                                       \
    do {                                                                                  \
        v0 += v1; v1 = PS_ROTL(v1, 13); v1 ^= v0; v0 = PS_ROTL(v0, 32);                   \
        v2 += v3; v3 = PS_ROTL(v3, 16); v3 ^= v2;                                         \
        v0 += v3; v3 = PS_ROTL(v3, 21); v3 ^= v0;                                         \
        v2 += v1; v1 = PS_ROTL(v1, 17); v1 ^= v2; v2 = PS_ROTL(v2, 32);                   \
    } while (0)

static uint64_t load_le64(const unsigned char *p) {
    uint64_t x = 0;
    for (int i = 7; i >= 0; i--) x = (x << 8) | p[i];
    return x;
}

static uint64_t siphash13(const void *src, size_t len) {
    const uint64_t k0 = 0x0706050403020100ULL, k1 = 0x0f0e0d0c0b0a0908ULL;
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
    uint64_t b = (uint64_t)len << 56;
    const unsigned char *in = src;
    for (; len >= 8; in += 8, len -= 8) {
        uint64_t m = load_le64(in);
        v3 ^= m;
        PS_SIPROUND;
        v0 ^= m;
    }
    for (size_t i = 0; i < len; i++) b |= (uint64_t)in[i] << (8 * i);
    v3 ^= b;
    PS_SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    PS_SIPROUND;
    PS_SIPROUND;
    PS_SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

int64_t pe_str_hash(pe_str *s) {
    if (s->hash != -1) return s->hash;
    int64_t h = (int64_t)siphash13(s->data, s->len);
    if (h == -1) h = -2;
    if (!(s->ob.flags & PE_IMMORTAL)) s->hash = h;
    return h;
}

static int str_hash_slot(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    *out = pe_str_hash(PE_STR(v));
    return 0;
}

/* ------------------------------------------------------------------ */
/* repr / ascii                                                        */
/* ------------------------------------------------------------------ */

/* Appends the escape of a non-printable code point: \xNN, \uNNNN or
 * \UNNNNNNNN (lowercase hex, as CPython). */
static int put_cp_escape(pe_sb *sb, uint32_t c) {
    if (c < 0x100) return pe_sb_printf(sb, "\\x%02x", (unsigned)c);
    if (c < 0x10000) return pe_sb_printf(sb, "\\u%04x", (unsigned)c);
    return pe_sb_printf(sb, "\\U%08x", (unsigned)c);
}

/* Quote choice: ' unless the text has ' and no ". */
static char repr_quote(const pe_str *s) {
    bool sq = memchr(s->data, '\'', s->len) != NULL;
    bool dq = memchr(s->data, '"', s->len) != NULL;
    return sq && !dq ? '"' : '\'';
}

static int repr_ascii_char(pe_sb *sb, unsigned char c, char quote) {
    switch (c) {
    case '\\': return pe_sb_putn(sb, "\\\\", 2);
    case '\t': return pe_sb_putn(sb, "\\t", 2);
    case '\n': return pe_sb_putn(sb, "\\n", 2);
    case '\r': return pe_sb_putn(sb, "\\r", 2);
    default: break;
    }
    if (c == (unsigned char)quote) {
        char q[2] = {'\\', quote};
        return pe_sb_putn(sb, q, 2);
    }
    if (c < 0x20 || c == 0x7f) return put_cp_escape(sb, c);
    return pe_sb_putc(sb, (char)c);
}

int pe_str_repr(pe_state *S, const pe_str *s, pe_sb *sb) {
    (void)S;
    char quote = repr_quote(s);
    if (pe_sb_reserve(sb, s->len + 2) || pe_sb_putc(sb, quote)) return -1;
    for (size_t i = 0; i < s->len;) {
        unsigned char c = (unsigned char)s->data[i];
        if (c < 0x80) {
            if (repr_ascii_char(sb, c, quote)) return -1;
            i++;
            continue;
        }
        size_t n;
        uint32_t cp = pe_utf8_decode(s->data + i, &n);
        int r = pe_uni_isprintable(cp) ? pe_sb_putn(sb, s->data + i, n) : put_cp_escape(sb, cp);
        if (r) return -1;
        i += n;
    }
    return pe_sb_putc(sb, quote);
}

static int str_repr_slot(pe_state *S, pe_val v, pe_sb *sb) { return pe_str_repr(S, PE_STR(v), sb); }

static int str_str_slot(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    return ps_sb_putstr(sb, PE_STR(v));
}

/* ascii(v): the repr with every non-ASCII code point backslash-escaped. */
int pe_ascii(pe_state *S, pe_val v, pe_sb *sb) {
    pe_sb tmp;
    pe_sb_init(&tmp, S);
    if (pe_repr(S, v, &tmp)) {
        pe_sb_free(&tmp);
        return -1;
    }
    int r = 0;
    for (size_t i = 0; i < tmp.len && !r;) {
        size_t n;
        uint32_t cp = pe_utf8_decode(tmp.p + i, &n);
        r = cp < 0x80 ? pe_sb_putc(sb, (char)cp) : put_cp_escape(sb, cp);
        i += n;
    }
    pe_sb_free(&tmp);
    return r;
}

/* ------------------------------------------------------------------ */
/* Comparison, concatenation, repetition                               */
/* ------------------------------------------------------------------ */

/* memcmp order of UTF-8 == code point order. */
static int str_compare(const pe_str *a, const pe_str *b) {
    size_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(a->data, b->data, n) : 0;
    if (c) return c < 0 ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len;
}

static int str_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    (void)S;
    if (!pe_is_str(a) || !pe_is_str(b)) return PE_NOTIMPL;
    const pe_str *x = PE_STR(a), *y = PE_STR(b);
    bool r;
    if (op == PE_EQ || op == PE_NE) {
        r = pe_str_eq(x, y) == (op == PE_EQ);
    } else {
        int c = str_compare(x, y);
        r = op == PE_LT ? c < 0 : op == PE_LE ? c <= 0 : op == PE_GT ? c > 0 : c >= 0;
    }
    *out = pe_bool(r);
    return 0;
}

static int str_concat(pe_state *S, pe_str *a, pe_str *b, pe_val *out) {
    if (b->len == 0 || a->len == 0) {
        pe_str *r = b->len == 0 ? a : b;
        pe_incref_obj(&r->ob);
        *out = pe_obj_val(&r->ob);
        return 0;
    }
    pe_str *s = pe_str_alloc(S, a->len + b->len);
    if (!s) return -1;
    memcpy(s->data, a->data, a->len);
    memcpy(s->data + a->len, b->data, b->len);
    s->nchars = a->nchars + b->nchars;
    s->ascii = a->ascii && b->ascii;
    *out = pe_obj_val(&s->ob);
    return 0;
}

int pe_str_join_n(pe_state *S, size_t n, const pe_val *parts, pe_val *out) {
    size_t len = 0, nchars = 0;
    for (size_t i = 0; i < n; i++) {
        if (!pe_is_str(parts[i]))
            return pe_raise(S, PE_EXC(TypeError), "sequence item %zu: expected str instance, %s found",
                            i, pe_type_name(parts[i]));
        len += PE_STR(parts[i])->len;
        nchars += PE_STR(parts[i])->nchars;
    }
    if (n == 1) {
        pe_incref(parts[0]);
        *out = parts[0];
        return 0;
    }
    pe_str *s = pe_str_alloc(S, len);
    if (!s) return -1;
    char *p = s->data;
    for (size_t i = 0; i < n; i++) {
        const pe_str *x = PE_STR(parts[i]);
        if (x->len) memcpy(p, x->data, x->len);
        p += x->len;
    }
    s->nchars = nchars;
    s->ascii = nchars == len;
    *out = pe_obj_val(&s->ob);
    return 0;
}

/* Repetition count (sequence_repeat): int/bool; bigints overflow. 1 if
 * count is not an int (caller raises its TypeError). */
static int repeat_count(pe_state *S, pe_val n, int64_t *out) {
    if (n.tag == PE_TINT || n.tag == PE_TBOOL) {
        *out = n.u.i;
        return 0;
    }
    if (pe_is_bigint(n))
        return pe_raise(S, PE_EXC(OverflowError), "cannot fit 'int' into an index-sized integer");
    return 1;
}

static int str_repeat(pe_state *S, pe_str *a, int64_t n, pe_val *out) {
    if (n <= 0 || a->len == 0) return pe_str_new(S, "", 0, out);
    if (n == 1) {
        pe_incref_obj(&a->ob);
        *out = pe_obj_val(&a->ob);
        return 0;
    }
    if ((uint64_t)n > (uint64_t)INT64_MAX / a->len)
        return pe_raise(S, PE_EXC(OverflowError), "repeated string is too long");
    size_t total = a->len * (size_t)n;
    pe_str *s = pe_str_alloc(S, total);
    if (!s) return -1;
    /* doubling copy: the filled prefix is always whole repetitions */
    memcpy(s->data, a->data, a->len);
    size_t done = a->len;
    while (done < total) {
        size_t k = done <= total - done ? done : total - done;
        memcpy(s->data + done, s->data, k);
        done += k;
    }
    s->nchars = a->nchars * (size_t)n;
    s->ascii = a->ascii;
    *out = pe_obj_val(&s->ob);
    return 0;
}

/* str * n, n * str (the left operand wins when both are sequences, as
 * CPython's sq_repeat order; a left non-str sequence handles it first). */
static int str_mul(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    pe_val seq = pe_is_str(a) ? a : b, cnt = pe_is_str(a) ? b : a;
    int64_t n = 0;
    int r = repeat_count(S, cnt, &n);
    if (r < 0) return -1;
    if (r > 0)
        return pe_raise(S, PE_EXC(TypeError), "can't multiply sequence by non-int of type '%s'",
                        pe_type_name(cnt));
    return str_repeat(S, PE_STR(seq), n, out);
}

static int str_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    switch (op) {
    case PE_BO_ADD:
        if (!pe_is_str(a)) return PE_NOTIMPL;
        if (!pe_is_str(b))
            return pe_raise(S, PE_EXC(TypeError), "can only concatenate str (not \"%s\") to str",
                            pe_type_name(b));
        return str_concat(S, PE_STR(a), PE_STR(b), out);
    case PE_BO_MUL:
        return str_mul(S, a, b, out);
    case PE_BO_MOD:
        if (!pe_is_str(a)) return PE_NOTIMPL;
        return ps_percent_format(S, PE_STR(a), b, out);
    default:
        return PE_NOTIMPL;
    }
}

/* ------------------------------------------------------------------ */
/* Sequence slots                                                      */
/* ------------------------------------------------------------------ */

static int str_truth(pe_state *S, pe_val v) {
    (void)S;
    return PE_STR(v)->len != 0;
}

static int str_len(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    *out = (int64_t)PE_STR(v)->nchars;
    return 0;
}

/* s[i] for an int index (negative from the end). */
static int str_index(pe_state *S, pe_str *s, pe_val key, pe_val *out) {
    if (pe_is_bigint(key))
        return pe_raise(S, PE_EXC(IndexError), "cannot fit 'int' into an index-sized integer");
    int64_t i = key.u.i, n = (int64_t)s->nchars;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return pe_raise(S, PE_EXC(IndexError), "string index out of range");
    if (s->ascii) return ps_new_n(S, s->data + i, 1, 1, out);
    size_t off = ps_str_offset(s, (size_t)i);
    return ps_new_n(S, s->data + off, ps_u8len[(unsigned char)s->data[off] >> 4], 1, out);
}

/* Moves a byte offset by k code points (k < 0: backwards). */
static size_t utf8_step(const char *p, size_t off, int64_t k) {
    for (; k > 0; k--) off += ps_u8len[(unsigned char)p[off] >> 4];
    for (; k < 0; k++) {
        do off--;
        while (((unsigned char)p[off] & 0xc0) == 0x80);
    }
    return off;
}

/* s[a:b:c] with step != 1: n code points from index start; one walk over
 * the visited range (O(range) also for non-ASCII strings). */
static int str_slice_step(pe_state *S, pe_str *s, int64_t start, int64_t step, int64_t n,
                          pe_val *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (s->ascii) {
        if (pe_sb_reserve(&sb, (size_t)n)) return pe_sb_to_str(&sb, out);
        for (int64_t k = 0, i = start; k < n; k++, i += step) sb.p[sb.len++] = s->data[i];
        return pe_sb_to_str(&sb, out);
    }
    size_t off = ps_str_offset(s, (size_t)start);
    for (int64_t k = 0; k < n && !sb.failed; k++) {
        if (k) off = utf8_step(s->data, off, step);
        pe_sb_putn(&sb, s->data + off, ps_u8len[(unsigned char)s->data[off] >> 4]);
    }
    return pe_sb_to_str(&sb, out);
}

static int str_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    pe_str *s = PE_STR(v);
    if (pe_is_intlike(key) || key.tag == PE_TBOOL) return str_index(S, s, key, out);
    if (!pe_is_slice(key))
        return pe_raise(S, PE_EXC(TypeError), "string indices must be integers, not '%s'",
                        pe_type_name(key));
    int64_t start, stop, step, n;
    if (pe_slice_indices(S, key, (int64_t)s->nchars, &start, &stop, &step, &n)) return -1;
    if (n <= 0) return pe_str_new(S, "", 0, out);
    if (step == 1) return ps_substr(S, s, (size_t)start, (size_t)stop, out);
    return str_slice_step(S, s, start, step, n, out);
}

static int str_contains(pe_state *S, pe_val v, pe_val x) {
    if (!pe_is_str(x))
        return pe_raise(S, PE_EXC(TypeError), "'in <string>' requires string as left operand, not %s",
                        pe_type_name(x));
    const pe_str *h = PE_STR(v), *n = PE_STR(x);
    if (n->len == 0) return 1;
    if (n->len > h->len) return 0;
    return memmem(h->data, h->len, n->data, n->len) != NULL;
}

/* ------------------------------------------------------------------ */
/* Iterators: str_ascii_iterator / str_iterator                        */
/* ------------------------------------------------------------------ */

typedef struct ps_iter {
    pe_obj ob;
    pe_val str; /* the string, or UNDEF once exhausted */
    size_t off; /* byte offset of the next code point */
} ps_iter;

static void iter_clear(pe_state *S, pe_obj *o) {
    ps_iter *it = (ps_iter *)o;
    pe_val s = it->str;
    it->str = pe_undef();
    pe_decref(S, s);
}

static void iter_dealloc(pe_state *S, pe_obj *o) {
    iter_clear(S, o);
    pe_obj_free(S, o, sizeof(ps_iter));
}

static int iter_self(pe_state *S, pe_val v, pe_val *out) {
    (void)S;
    pe_incref(v);
    *out = v;
    return 0;
}

static int iter_next(pe_state *S, pe_val v, pe_val *out) {
    ps_iter *it = (ps_iter *)v.u.o;
    if (it->str.tag == PE_TUNDEF) return 0;
    const pe_str *s = PE_STR(it->str);
    if (it->off >= s->len) {
        iter_clear(S, &it->ob);
        return 0;
    }
    size_t n = ps_u8len[(unsigned char)s->data[it->off] >> 4];
    if (ps_new_n(S, s->data + it->off, n, 1, out)) return -1;
    it->off += n;
    return 1;
}

#define PS_ITER_TYPE(var, tname)                                                         \
    const pe_type var = {                                                                \
        .ob = PE_STATIC_HEAD(&pe_type_type),                                             \
        .name = tname,                                                                   \
        .kind = PE_K_ITER,                                                               \
        .dealloc = iter_dealloc,                                                         \
        .clear = iter_clear,                                                             \
        .iter = iter_self,                                                               \
        .next = iter_next,                                                               \
    }
PS_ITER_TYPE(ps_type_str_iter, "str_iterator");
PS_ITER_TYPE(ps_type_str_ascii_iter, "str_ascii_iterator");

static int str_iter(pe_state *S, pe_val v, pe_val *out) {
    const pe_type *t = PE_STR(v)->ascii ? &ps_type_str_ascii_iter : &ps_type_str_iter;
    ps_iter *it = (ps_iter *)pe_obj_new(S, t, sizeof(ps_iter));
    if (!it) return -1;
    pe_incref(v);
    it->str = v;
    it->off = 0;
    *out = pe_obj_val(&it->ob);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Constructor: str(object='', encoding=..., errors=...)               */
/* ------------------------------------------------------------------ */

static bool kw_is(const pe_str *k, const char *name) {
    return k->len == strlen(name) && memcmp(k->data, name, k->len) == 0;
}

/* Binds argv to the parameters (object, encoding, errors); slots UNDEF
 * when not given. CPython's messages for clinic "|Oss:str". */
static int str_call_bind(pe_state *S, int argc, const pe_val *argv, pe_obj *kwnames,
                         pe_val slot[3]) {
    static const char *const names[3] = {"object", "encoding", "errors"};
    size_t nkw = kwnames ? ((pe_tuple *)kwnames)->n : 0;
    size_t npos = (size_t)argc - nkw;
    if ((size_t)argc > 3)
        return pe_raise(S, PE_EXC(TypeError), "str() takes at most 3 arguments (%d given)", argc);
    for (size_t i = 0; i < npos; i++) slot[i] = argv[i];
    for (size_t k = 0; k < nkw; k++) {
        const pe_str *name = PE_STR(((pe_tuple *)kwnames)->items[k]);
        size_t j = 0;
        while (j < 3 && !kw_is(name, names[j])) j++;
        if (j == 3)
            return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for str()",
                            name->data);
        if (j < npos)
            return pe_raise(S, PE_EXC(TypeError),
                            "argument for str() given by name ('%s') and position (%zu)", names[j],
                            j + 1);
        slot[j] = argv[npos + k];
    }
    return 0;
}

static int str_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    (void)callee;
    pe_val slot[3] = {pe_undef(), pe_undef(), pe_undef()};
    if (str_call_bind(S, argc, argv, kwnames, slot)) return -1;
    for (int j = 1; j < 3; j++) {
        if (slot[j].tag != PE_TUNDEF && !pe_is_str(slot[j]))
            return pe_raise(S, PE_EXC(TypeError), "str() argument '%s' must be str, not %s",
                            j == 1 ? "encoding" : "errors", pe_type_name(slot[j]));
    }
    if (slot[0].tag == PE_TUNDEF) return pe_str_new(S, "", 0, out);
    if (slot[1].tag != PE_TUNDEF || slot[2].tag != PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "decoding to str: need a bytes-like object, %s found",
                        pe_type_name(slot[0]));
    if (pe_is_str(slot[0])) {
        pe_incref(slot[0]);
        *out = slot[0];
        return 0;
    }
    return pe_str_val(S, slot[0], out);
}

const pe_type pe_type_str = {
    .ob = PE_STATIC_HEAD(&pe_type_type),
    .name = "str",
    .kind = PE_K_STR,
    .dealloc = str_dealloc,
    .repr = str_repr_slot,
    .str = str_str_slot,
    .hash = str_hash_slot,
    .richcmp = str_richcmp,
    .binop = str_binop,
    .truth = str_truth,
    .len = str_len,
    .iter = str_iter,
    .getitem = str_getitem,
    .contains = str_contains,
    .call = str_call,
    .methods = ps_str_methods,
};

/* ------------------------------------------------------------------ */
/* chr / ord                                                           */
/* ------------------------------------------------------------------ */

int pe_chr(pe_state *S, int64_t c, pe_val *out) {
    if (c < 0 || c >= 0x110000)
        return pe_raise(S, PE_EXC(ValueError), "chr() arg not in range(0x110000)");
    return ps_from_cp(S, (uint32_t)c, out);
}

int pe_ord(pe_state *S, pe_val v, pe_val *out) {
    if (!pe_is_str(v))
        return pe_raise(S, PE_EXC(TypeError), "ord() expected string of length 1, but %s found",
                        pe_type_name(v));
    const pe_str *s = PE_STR(v);
    if (s->nchars != 1)
        return pe_raise(S, PE_EXC(TypeError),
                        "ord() expected a character, but string of length %zu found", s->nchars);
    size_t n;
    *out = pe_int(pe_utf8_decode(s->data, &n));
    return 0;
}

/* ------------------------------------------------------------------ */
/* String literals                                                     */
/* ------------------------------------------------------------------ */

/* CPython rewrites every non-ASCII character of a literal as \UXXXXXXXX
 * (and a backslash before one as \u005c) before decoding escapes, so error
 * positions count those as 10 (6) bytes. Position of byte off in body. */
static size_t lit_errpos(const char *body, size_t off) {
    size_t pos = 0;
    for (size_t i = 0; i < off;) {
        unsigned char c = (unsigned char)body[i];
        if (c & 0x80) {
            pos += 10;
            i += ps_u8len[c >> 4];
        } else if (c == '\\' && i + 1 < off) {
            /* the backslash and the byte after it are copied as a pair */
            bool wide = ((unsigned char)body[i + 1] & 0x80) != 0;
            pos += wide ? 6 : 2;
            i += wide ? 1 : 2;
        } else {
            pos++;
            i++;
        }
    }
    return pos;
}

/* Builds the decode error message into a str stored in *out. */
static int lit_error(pe_state *S, const char *body, size_t start, size_t end, const char *why,
                     pe_val *out, const char **errmsg, size_t *erroff) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_sb_printf(&sb,
                 "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
                 lit_errpos(body, start), lit_errpos(body, end) - 1, why);
    if (pe_sb_to_str(&sb, out)) {
        *errmsg = NULL;
        return -1;
    }
    *errmsg = PE_STR(*out)->data;
    *erroff = start;
    return -1;
}

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* \N{...}: position of the end of the escape and the reason it fails. */
static const char *lit_named(const char *b, size_t len, size_t *i) {
    if (*i >= len || b[*i] != '{') return "malformed \\N character escape";
    size_t j = *i + 1;
    while (j < len && b[j] != '}') j++;
    if (j >= len) {
        *i = len;
        return "malformed \\N character escape";
    }
    if (j == *i + 1) {
        *i = j;
        return "malformed \\N character escape";
    }
    *i = j + 1;
    return "\\N escapes are not supported by pyexpr";
}

/* Decodes one escape whose letter is at b[*i]; appends to sb. Returns the
 * error reason (and *i = end of the bad bytes) or NULL. */
static const char *lit_escape(pe_sb *sb, const char *b, size_t len, size_t *i) {
    unsigned char c = (unsigned char)b[(*i)++];
    static const char simple_in[] = "\\'\"abfnrtv\n", simple_out[] = "\\'\"\a\b\f\n\r\t\v";
    const char *p = c ? strchr(simple_in, c) : NULL;
    if (p) {
        if (c != '\n') pe_sb_putc(sb, simple_out[p - simple_in]);
        return NULL;
    }
    if (c >= '0' && c <= '7') {
        uint32_t v = c - '0';
        for (int k = 0; k < 2 && *i < len && b[*i] >= '0' && b[*i] <= '7'; k++)
            v = v * 8 + (uint32_t)(b[(*i)++] - '0');
        ps_sb_putcp(sb, v);
        return NULL;
    }
    int count = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (count) {
        const char *why = c == 'x'   ? "truncated \\xXX escape"
                          : c == 'u' ? "truncated \\uXXXX escape"
                                     : "truncated \\UXXXXXXXX escape";
        uint32_t v = 0;
        for (; count; count--, (*i)++) {
            int h = *i < len ? hexval((unsigned char)b[*i]) : -1;
            if (h < 0) return why;
            v = v * 16 + (uint32_t)h;
        }
        if (v > 0x10ffff) return "illegal Unicode character";
        ps_sb_putcp(sb, v);
        return NULL;
    }
    if (c == 'N') return lit_named(b, len, i);
    /* unknown escape (CPython: DeprecationWarning): kept verbatim */
    pe_sb_putc(sb, '\\');
    (*i)--;
    return NULL;
}

int pe_str_decode_literal(pe_state *S, const char *body, size_t len, bool raw, pe_val *out,
                          const char **errmsg, size_t *erroff) {
    *errmsg = NULL;
    *erroff = 0;
    const char *bs = raw ? NULL : memchr(body, '\\', len);
    if (!bs) return pe_str_new(S, body, len, out);
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t i = 0;
    while (i < len) {
        const char *q = memchr(body + i, '\\', len - i);
        size_t run = q ? (size_t)(q - (body + i)) : len - i;
        pe_sb_putn(&sb, body + i, run);
        i += run;
        if (i >= len) break;
        size_t start = i++;
        if (i >= len) { /* cannot happen for a lexed literal */
            pe_sb_putc(&sb, '\\');
            break;
        }
        const char *why = lit_escape(&sb, body, len, &i);
        if (why) {
            pe_sb_free(&sb);
            return lit_error(S, body, start, i, why, out, errmsg, erroff);
        }
    }
    return pe_sb_to_str(&sb, out);
}

/* ------------------------------------------------------------------ */
/* Argument conversion shared with str_methods.c / str_format.c        */
/* ------------------------------------------------------------------ */

int ps_arg_ssize(pe_state *S, pe_val v, int64_t *out) {
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        *out = v.u.i;
        return 0;
    }
    if (pe_is_bigint(v))
        return pe_raise(S, PE_EXC(OverflowError), "Python int too large to convert to C ssize_t");
    return pe_raise(S, PE_EXC(TypeError), "'%s' object cannot be interpreted as an integer",
                    pe_type_name(v));
}

int ps_arg_int(pe_state *S, pe_val v, int *out) {
    int64_t x;
    if (pe_is_bigint(v) || ((v.tag == PE_TINT) && (v.u.i > INT32_MAX || v.u.i < INT32_MIN)))
        return pe_raise(S, PE_EXC(OverflowError), "Python int too large to convert to C int");
    if (ps_arg_ssize(S, v, &x)) return -1;
    *out = (int)x;
    return 0;
}
