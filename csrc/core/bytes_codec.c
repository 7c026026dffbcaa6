/*
 * bytes_codec.c - the codecs between str and bytes: str.encode,
 * bytes.decode, bytes(str, encoding); int.to_bytes / int.from_bytes.
 *
 * Encodings: utf-8, ascii and latin-1 under every alias CPython's
 * encodings package accepts for them (normalised as
 * encodings.normalize_encoding does). Error handlers: strict, ignore,
 * replace, backslashreplace, xmlcharrefreplace (encoding), surrogateescape
 * and surrogatepass. As in CPython the handler name is only looked up when
 * an error happens. Messages are those of Objects/exceptions.c
 * (UnicodeEncodeError / UnicodeDecodeError __str__) and Python/codecs.c.
 */
#include "pe_vm.h"
#include <stdio.h>

#include "capi.h"
#include "cont_internal.h"

enum { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1 };
static const char *const codec_names[] = {"utf-8", "ascii", "latin-1"};

/* ------------------------------------------------------------------ */
/* Lookup                                                              */
/* ------------------------------------------------------------------ */

typedef struct codec_alias {
    const char *name;
    int codec;
} codec_alias;

static const codec_alias aliases[] = {
    {"utf_8", CODEC_UTF8}, {"u8", CODEC_UTF8}, {"utf", CODEC_UTF8}, {"utf8", CODEC_UTF8},
    {"utf8_ucs2", CODEC_UTF8}, {"utf8_ucs4", CODEC_UTF8}, {"cp65001", CODEC_UTF8},
    {"ascii", CODEC_ASCII}, {"646", CODEC_ASCII}, {"ansi_x3.4_1968", CODEC_ASCII},
    {"ansi_x3_4_1968", CODEC_ASCII}, {"ansi_x3.4_1986", CODEC_ASCII}, {"cp367", CODEC_ASCII},
    {"csascii", CODEC_ASCII}, {"ibm367", CODEC_ASCII}, {"iso646_us", CODEC_ASCII},
    {"iso_646.irv_1991", CODEC_ASCII}, {"iso_ir_6", CODEC_ASCII}, {"us", CODEC_ASCII},
    {"us_ascii", CODEC_ASCII}, {"latin_1", CODEC_LATIN1}, {"8859", CODEC_LATIN1},
    {"cp819", CODEC_LATIN1}, {"csisolatin1", CODEC_LATIN1}, {"ibm819", CODEC_LATIN1},
    {"iso8859", CODEC_LATIN1}, {"iso8859_1", CODEC_LATIN1}, {"iso_8859_1", CODEC_LATIN1},
    {"iso_8859_1_1987", CODEC_LATIN1}, {"iso_ir_100", CODEC_LATIN1}, {"l1", CODEC_LATIN1},
    {"latin", CODEC_LATIN1}, {"latin1", CODEC_LATIN1},
};

/* Codecs CPython has that pyexpr does not: named in a clear error rather
 * than "unknown encoding". */
static const char *const other_codecs[] = {
    "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7",
    "utf_8_sig", "cp1252", "cp1251", "cp1250", "cp437", "cp850", "iso8859_2", "iso8859_15",
    "latin_2", "latin2", "koi8_r", "shift_jis", "euc_jp", "gbk", "gb2312", "gb18030", "big5",
    "cp932", "euc_kr", "mac_roman", "idna", "punycode", "raw_unicode_escape",
    "unicode_escape", "utf16", "utf32", "hex", "base64", "rot13", "rot_13", "zlib",
    "bz2", "uu", "quopri", "mbcs", "oem", "charmap", "cp1255", "cp1256", "iso8859_5",
    "utf_16le", "utf_16be", "utf_32le", "utf_32be", "utf_8_sig",
};

/* encodings.normalize_encoding, lowercased: runs of characters other than
 * ASCII letters, digits and '.' become one '_' (none at either end). */
static size_t normalize(const char *name, size_t len, char *buf, size_t cap) {
    size_t n = 0;
    bool punct = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        bool alnum = (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
        if (alnum || c == '.') {
            if (punct && n && n < cap) buf[n++] = '_';
            if (n < cap) buf[n++] = (char)((c >= 'A' && c <= 'Z') ? c | 32 : c);
            punct = false;
        } else if (c < 0x80) {
            punct = true;
        } else {
            return cap; /* non-ASCII: never a known codec */
        }
    }
    return n;
}

/* The codec of `name`; *fast: a name CPython's PyUnicode_AsEncodedString /
 * PyUnicode_Decode take by their shortcut (the C codec called directly);
 * other names go through the codec registry, which rewords some errors
 * (wrap_error below). */
static int codec_find(pe_state *S, const char *name, size_t len, bool *fast) {
    char buf[40];
    size_t n = normalize(name, len, buf, sizeof buf - 1);
    *fast = false;
    if (n < sizeof buf - 1) {
        buf[n] = 0;
        static const char *const shortcuts[] = {"utf8", "utf_8", "ascii", "us_ascii", "latin1",
                                                "latin_1", "iso_8859_1", "iso8859_1"};
        for (size_t i = 0; i < sizeof shortcuts / sizeof shortcuts[0]; i++)
            if (!strcmp(buf, shortcuts[i])) *fast = true;
        for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
            if (!strcmp(aliases[i].name, buf)) return aliases[i].codec;
        for (char *p = buf; *p; p++) /* the second try of encodings.search_function */
            if (*p == '.') *p = '_';
        for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
            if (!strcmp(aliases[i].name, buf)) return aliases[i].codec;
        for (size_t i = 0; i < sizeof other_codecs / sizeof other_codecs[0]; i++)
            if (!strcmp(other_codecs[i], buf))
                return pe_raise(S, PE_EXC(NotImplementedError),
                                "encoding '%.*s' is not supported by pyexpr (supported: utf-8, "
                                "ascii, latin-1)",
                                (int)len, name);
    }
    return pe_raise(S, PE_EXC(LookupError), "unknown encoding: %.*s", (int)len, name);
}

const char *pe_codec_lookup(pe_state *S, const char *name, size_t len) {
    bool fast;
    int c = codec_find(S, name, len, &fast);
    return c < 0 ? NULL : codec_names[c];
}

/* Error handlers. */
enum { EH_STRICT, EH_IGNORE, EH_REPLACE, EH_BACKSLASH, EH_XMLREF, EH_SURRESCAPE, EH_SURRPASS,
       EH_UNKNOWN };

static int handler_id(const char *errors) {
    static const char *const names[] = {"strict", "ignore", "replace", "backslashreplace",
                                        "xmlcharrefreplace", "surrogateescape", "surrogatepass"};
    if (!errors) return EH_STRICT;
    for (int i = 0; i < EH_UNKNOWN; i++)
        if (!strcmp(errors, names[i])) return i;
    return EH_UNKNOWN;
}

/* An error of the error handler itself (unknown name, a handler that
 * cannot decode). Through the codec registry (a name without CPython's
 * shortcut), CPython rewords it as "encoding with 'L1' codec failed
 * (LookupError: unknown error handler name 'x')" (codecs.c wrap_codec_error). */
typedef struct codec_call {
    const char *op; /* "encoding" / "decoding" */
    const char *name; /* as given; NULL = the default */
    size_t namelen;
    bool fast;
} codec_call;

static int handler_error(pe_state *S, const codec_call *cc, const pe_type *t, const char *msg) {
    if (cc->fast || !cc->name) return pe_raise(S, t, "%s", msg);
    return pe_raise(S, t, "%s with '%.*s' codec failed (%s: %s)", cc->op, (int)cc->namelen,
                    cc->name, t->name, msg);
}

static int unknown_handler(pe_state *S, const codec_call *cc, const char *errors) {
    if (!strcmp(errors, "namereplace"))
        return pe_raise(S, PE_EXC(NotImplementedError),
                        "error handler 'namereplace' is not supported by pyexpr");
    char msg[480];
    snprintf(msg, sizeof msg, "unknown error handler name '%.400s'", errors);
    return handler_error(S, cc, PE_EXC(LookupError), msg);
}

/* ------------------------------------------------------------------ */
/* Encoding                                                            */
/* ------------------------------------------------------------------ */

static int encode_error(pe_state *S, int codec, uint32_t first, size_t start, size_t end,
                        const char *reason) {
    const char *cn = codec_names[codec];
    if (end == start + 1) {
        const char *fmt = first <= 0xff     ? "'%s' codec can't encode character '\\x%02x' in position %zu: %s"
                          : first <= 0xffff ? "'%s' codec can't encode character '\\u%04x' in position %zu: %s"
                                            : "'%s' codec can't encode character '\\U%08x' in position %zu: %s";
        return pe_raise(S, PE_EXC(UnicodeEncodeError), fmt, cn, (unsigned)first, start, reason);
    }
    return pe_raise(S, PE_EXC(UnicodeEncodeError),
                    "'%s' codec can't encode characters in position %zu-%zu: %s", cn, start,
                    end - 1, reason);
}

/* Can code point c be encoded by codec (without a handler)? */
static bool encodable(int codec, uint32_t c) {
    switch (codec) {
    case CODEC_ASCII: return c < 0x80;
    case CODEC_LATIN1: return c < 0x100;
    default: return c < 0xd800 || c > 0xdfff;
    }
}

int pe_text_encode(pe_state *S, const char *s, size_t len, const char *encoding, size_t enclen,
                   const char *errors, pe_val *out) {
    int codec = CODEC_UTF8;
    codec_call cc = {"encoding", encoding, enclen, true};
    if (encoding && (codec = codec_find(S, encoding, enclen, &cc.fast)) < 0) return -1;
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_sb_reserve(&sb, len)) return pe_sb_to_bytes(&sb, &pe_type_bytes, out);
    size_t i = 0, pos = 0; /* byte offset, code point index */
    while (i < len && !sb.failed) {
        unsigned char c0 = (unsigned char)s[i];
        if (c0 < 0x80) {
            sb.p[sb.len++] = (char)c0; /* room reserved: every code point needs <= its bytes */
            i++;
            pos++;
            continue;
        }
        size_t k;
        uint32_t c = pe_utf8_decode(s + i, &k);
        if (encodable(codec, c)) {
            if (codec == CODEC_UTF8) pe_sb_putn(&sb, s + i, k);
            else pe_sb_putc(&sb, (char)c);
            i += k;
            pos++;
            continue;
        }
        /* the run of unencodable code points [pos, endpos) */
        size_t j = i + k, endpos = pos + 1;
        while (j < len) {
            size_t k2;
            uint32_t c2 = pe_utf8_decode(s + j, &k2);
            if (encodable(codec, c2)) break;
            j += k2;
            endpos++;
        }
        const char *reason = codec == CODEC_UTF8    ? "surrogates not allowed"
                             : codec == CODEC_ASCII ? "ordinal not in range(128)"
                                                    : "ordinal not in range(256)";
        int h = handler_id(errors);
        if (h == EH_UNKNOWN) {
            pe_sb_free(&sb);
            return unknown_handler(S, &cc, errors);
        }
        if (h == EH_SURRESCAPE) {
            /* CPython's fast path: the U+DC80..U+DCFF prefix of the run becomes
             * bytes; the rest of the run is the error */
            size_t k2 = k;
            while (i < j && c >= 0xdc80 && c <= 0xdcff) {
                pe_sb_putc(&sb, (char)(c - 0xdc00));
                i += k2;
                pos++;
                if (i < j) c = pe_utf8_decode(s + i, &k2);
            }
            if (i >= j) continue;
            h = EH_STRICT;
        }
        if (h == EH_STRICT || (h == EH_SURRPASS && codec != CODEC_UTF8)) {
            pe_sb_free(&sb);
            return encode_error(S, codec, c, pos, endpos, reason);
        }
        for (size_t q = i; q < j;) {
            size_t k2;
            uint32_t c2 = pe_utf8_decode(s + q, &k2);
            switch (h) {
            case EH_REPLACE: pe_sb_putc(&sb, '?'); break;
            case EH_BACKSLASH:
                if (c2 <= 0xff) pe_sb_printf(&sb, "\\x%02x", (unsigned)c2);
                else if (c2 <= 0xffff) pe_sb_printf(&sb, "\\u%04x", (unsigned)c2);
                else pe_sb_printf(&sb, "\\U%08x", (unsigned)c2);
                break;
            case EH_XMLREF: pe_sb_printf(&sb, "&#%u;", (unsigned)c2); break;
            case EH_SURRPASS: pe_sb_putn(&sb, s + q, k2); break; /* utf-8 only */
            default: break; /* ignore */
            }
            q += k2;
        }
        i = j;
        pos = endpos;
    }
    return pe_sb_to_bytes(&sb, &pe_type_bytes, out);
}

/* ------------------------------------------------------------------ */
/* Decoding                                                            */
/* ------------------------------------------------------------------ */

static int decode_error(pe_state *S, int codec, const unsigned char *p, size_t start, size_t end,
                        const char *reason) {
    const char *cn = codec_names[codec];
    if (end == start + 1)
        return pe_raise(S, PE_EXC(UnicodeDecodeError),
                        "'%s' codec can't decode byte 0x%02x in position %zu: %s", cn, p[start],
                        start, reason);
    return pe_raise(S, PE_EXC(UnicodeDecodeError),
                    "'%s' codec can't decode bytes in position %zu-%zu: %s", cn, start, end - 1,
                    reason);
}

int pe_bytes_decode(pe_state *S, const unsigned char *p, size_t n, const char *encoding,
                    size_t enclen, const char *errors, pe_val *out) {
    int codec = CODEC_UTF8;
    codec_call cc = {"decoding", encoding, enclen, true};
    if (n == 0) { /* CPython returns '' before looking the codec up */
        pe_sb sb;
        pe_sb_init(&sb, S);
        return pe_sb_to_str(&sb, out);
    }
    if (encoding && (codec = codec_find(S, encoding, enclen, &cc.fast)) < 0) return -1;
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_sb_reserve(&sb, n)) return pe_sb_to_str(&sb, out);
    size_t i = 0;
    bool surrpass = handler_id(errors) == EH_SURRPASS && codec == CODEC_UTF8;
    while (i < n && !sb.failed) {
        unsigned char c = p[i];
        if (c < 0x80) {
            sb.p[sb.len++] = (char)c;
            i++;
            continue;
        }
        size_t bad = 1;
        const char *reason = "ordinal not in range(128)";
        if (codec == CODEC_LATIN1) {
            char u[4];
            pe_sb_putn(&sb, u, pe_utf8_encode(c, u));
            i++;
            continue;
        }
        if (codec == CODEC_UTF8) {
            uint32_t cp;
            size_t k = pe_utf8_check((const char *)p + i, n - i, surrpass, &cp);
            if (k) {
                pe_sb_putn(&sb, (const char *)p + i, k);
                i += k;
                continue;
            }
            pe_utf8_find_error((const char *)p + i, n - i, false, &bad, &reason);
        }
        int h = handler_id(errors);
        switch (h) {
        case EH_UNKNOWN:
            pe_sb_free(&sb);
            return unknown_handler(S, &cc, errors);
        case EH_IGNORE: break;
        case EH_REPLACE: pe_sb_putn(&sb, "\xef\xbf\xbd", 3); break;
        case EH_BACKSLASH:
            for (size_t q = i; q < i + bad; q++) pe_sb_printf(&sb, "\\x%02x", p[q]);
            break;
        case EH_SURRESCAPE:
            for (size_t q = i; q < i + bad; q++) {
                char u[4];
                pe_sb_putn(&sb, u, pe_utf8_encode(0xdc00u + p[q], u));
            }
            break;
        case EH_XMLREF:
            pe_sb_free(&sb);
            return handler_error(S, &cc, PE_EXC(TypeError),
                                 "don't know how to handle UnicodeDecodeError in error callback");
        default:
            pe_sb_free(&sb);
            return decode_error(S, codec, p, i, i + bad, reason);
        }
        i += bad;
    }
    return pe_sb_to_str(&sb, out);
}

/* ------------------------------------------------------------------ */
/* str.encode, bytes.decode argument handling                          */
/* ------------------------------------------------------------------ */

/* (encoding='utf-8', errors='strict') by position or keyword. */
static int bind_codec_args(pe_state *S, const char *fname, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val slot[2]) {
    static const char *const names[2] = {"encoding", "errors"};
    if (pe_args_bind(S, fname, argc, argv, kwnames, names, 2, 2, slot) ||
        pe_args_opt_cstr(S, fname, names[0], slot[0]) || pe_args_opt_cstr(S, fname, names[1], slot[1]))
        return -1;
    return 0;
}

int pe_str_encode_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                         pe_obj *kwnames, pe_val *out) {
    pe_val a[2];
    if (bind_codec_args(S, "encode", argc, argv, kwnames, a)) return -1;
    const pe_str *s = PE_STR(self);
    return pe_text_encode(S, s->data, s->len, a[0].tag ? PE_STR(a[0])->data : NULL,
                          a[0].tag ? PE_STR(a[0])->len : 0, a[1].tag ? PE_STR(a[1])->data : NULL,
                          out);
}

int pe_bytes_decode_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out);
int pe_bytes_decode_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out) {
    pe_val a[2];
    if (bind_codec_args(S, "decode", argc, argv, kwnames, a)) return -1;
    const unsigned char *p;
    size_t n;
    pe_bytes_view(self, &p, &n);
    return pe_bytes_decode(S, p, n, a[0].tag ? PE_STR(a[0])->data : NULL,
                           a[0].tag ? PE_STR(a[0])->len : 0, a[1].tag ? PE_STR(a[1])->data : NULL,
                           out);
}

/* ------------------------------------------------------------------ */
/* int.to_bytes / int.from_bytes                                       */
/* ------------------------------------------------------------------ */

/* byteorder argument: 1 little, 0 big, -1 error. */
static int byteorder_arg(pe_state *S, const char *fname, pe_val v) {
    if (v.tag == PE_TUNDEF) return 0;
    if (!pe_is_str(v))
        return pe_raise(S, PE_EXC(TypeError), "%s() argument 'byteorder' must be str, not %s", fname,
                        v.tag == PE_TNONE ? "None" : pe_type_name(v));
    if (cont_str_is(PE_STR(v), "little")) return 1;
    if (cont_str_is(PE_STR(v), "big")) return 0;
    return pe_raise(S, PE_EXC(ValueError), "byteorder must be either 'little' or 'big'");
}

int pe_int_to_bytes_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out) {
    static const char *const names[3] = {"length", "byteorder", "signed"};
    pe_val a[3];
    if (pe_args_bind(S, "to_bytes", argc, argv, kwnames, names, 2, 3, a)) return -1;
    int64_t length = 1;
    if (a[0].tag != PE_TUNDEF) {
        if (pe_is_bigint(a[0])) {
            return pe_raise(S, PE_EXC(OverflowError), "Python int too large to convert to C ssize_t");
        }
        if (pe_ps_arg_ssize(S, a[0], &length)) return -1;
    }
    int little = byteorder_arg(S, "to_bytes", a[1]);
    if (little < 0) return -1;
    int is_signed = 0;
    if (a[2].tag != PE_TUNDEF && (is_signed = pe_truth(S, a[2])) < 0) return -1;
    if (length < 0) return pe_raise(S, PE_EXC(ValueError), "length argument must be non-negative");
    pe_val v = self.tag == PE_TBOOL ? pe_int(self.u.i) : self;
    int sign = pe_int_sign(v);
    if (sign < 0 && !is_signed)
        return pe_raise(S, PE_EXC(OverflowError), "can't convert negative int to unsigned");
    size_t need = 0;
    /* CPython's _PyLong_AsByteArray only asks for a stored sign bit when
     * length > 0: (-1).to_bytes(0, signed=True) is b'' */
    if (length == 0 && v.tag == PE_TINT && v.u.i == -1) sign = 0;
    if (sign != 0) {
        if (pe_value_int_to_bytes(S, pe_value_of(v), NULL, 0, &need)) return -1;
        if (!is_signed) need = (size_t)((pe_int_bit_length(v) + 7) / 8);
    }
    if ((uint64_t)need > (uint64_t)length)
        return pe_raise(S, PE_EXC(OverflowError), "int too big to convert");
    if (pe_mem_check(S, (size_t)length)) return -1;
    pe_bytes *r = pe_bytes_alloc(S, (size_t)length);
    if (!r) return -1;
    memset(r->data, sign < 0 ? 0xff : 0, (size_t)length);
    if (sign != 0) {
        /* two's complement little-endian into a scratch of need (+1 for the
         * sign byte an unsigned value does not keep) bytes */
        size_t cap = need + 1, got = 0;
        unsigned char small[24];
        unsigned char *tmp = cap <= sizeof small ? small : pe_mem_alloc(S, cap);
        if (!tmp || pe_value_int_to_bytes(S, pe_value_of(v), tmp, cap, &got)) {
            if (tmp && tmp != small) pe_mem_free(S, tmp, cap);
            pe_decref_obj(S, &r->ob);
            return -1;
        }
        size_t m = got < (size_t)length ? got : (size_t)length;
        for (size_t i = 0; i < m; i++)
            r->data[little ? i : (size_t)length - 1 - i] = tmp[i];
        if (tmp != small) pe_mem_free(S, tmp, cap);
    }
    *out = pe_obj_val(&r->ob);
    return 0;
}

int pe_int_from_bytes_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                             pe_obj *kwnames, pe_val *out) {
    (void)self;
    static const char *const names[3] = {"bytes", "byteorder", "signed"};
    pe_val a[3];
    if (pe_args_bind(S, "from_bytes", argc, argv, kwnames, names, 2, 3, a)) return -1;
    if (a[0].tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "from_bytes() missing required argument 'bytes' (pos 1)");
    int little = byteorder_arg(S, "from_bytes", a[1]);
    if (little < 0) return -1;
    int is_signed = 0;
    if (a[2].tag != PE_TUNDEF && (is_signed = pe_truth(S, a[2])) < 0) return -1;
    pe_val src = a[0], tmp = pe_undef();
    const unsigned char *p;
    size_t n;
    if (!pe_bytes_view(src, &p, &n)) {
        if (pe_is_str(src) || pe_is_intlike(src) || src.tag == PE_TBOOL ||
            pe_typeof(src)->iter == NULL)
            return pe_raise(S, PE_EXC(TypeError), "cannot convert '%s' object to bytes",
                            pe_type_name(src));
        pe_val targ[1] = {src};
        if (pe_call(S, pe_obj_val((pe_obj *)&pe_type_bytes), 1, targ, NULL, &tmp)) return -1;
        pe_bytes_view(tmp, &p, &n);
    }
    pe_value r;
    int rc = pe_make_int_bytes(S, p, n, little, is_signed, &r);
    pe_decref(S, tmp);
    if (rc) return -1;
    *out = pe_val_of(r);
    return 0;
}

/* ------------------------------------------------------------------ */
/* int(bytes) / float(bytes)                                           */
/* ------------------------------------------------------------------ */

/* Is p[0..n) free of NUL and non-ASCII bytes (text the parsers take)? */
static bool plain_ascii(const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i] == 0 || p[i] >= 0x80) return false;
    return true;
}

/* int() shows a bytearray as bytes (it parses a bytes copy); float() as
 * itself. */
static int literal_error(pe_state *S, pe_val b, const char *head, bool as_bytes) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    const unsigned char *p;
    size_t n;
    pe_bytes_view(b, &p, &n);
    pe_sb_puts(&sb, head);
    bool ba = pe_is_bytearray(b) && !as_bytes;
    if (ba) pe_sb_puts(&sb, "bytearray(");
    pe_bytes_repr_data(&sb, p, n);
    if (ba) pe_sb_putc(&sb, ')');
    if (!sb.failed) pe_raise_str(S, PE_EXC(ValueError), sb.p, sb.len);
    pe_sb_free(&sb);
    return -1;
}

int pe_bytes_to_int(pe_state *S, pe_val b, int base, pe_val *out) {
    const unsigned char *p;
    size_t n;
    pe_bytes_view(b, &p, &n);
    if (plain_ascii(p, n)) {
        if (pe_int_from_str(S, (const char *)p, n, base, out) == 0) return 0;
        /* beyond 4300 digits the error is the digit limit's, kept as is */
        if (!pe_exc_matches(S, PE_EXC(ValueError)) || n > 4300) return -1;
        pe_exc_clear(S);
    }
    char head[64];
    snprintf(head, sizeof head, "invalid literal for int() with base %d: ", base);
    return literal_error(S, b, head, true);
}

int pe_bytes_to_float(pe_state *S, pe_val b, pe_val *out) {
    const unsigned char *p;
    size_t n;
    pe_bytes_view(b, &p, &n);
    double d;
    if (plain_ascii(p, n) && pe_parse_double((const char *)p, n, &d) == 0) {
        *out = pe_float(d);
        return 0;
    }
    return literal_error(S, b, "could not convert string to float: ", false);
}
