/*
 * str_format.c - string formatting:
 *   - format() / f-string glue: pe_format, pe_format_value;
 *   - printf-style `fmt % args` (CPython's PyUnicode_Format, same parse
 *     order so the same error wins);
 *   - str.format / str.format_map / str.__format__ (CPython's
 *     Objects/stringlib/unicode_format.h: MarkupIterator, field names,
 *     auto-numbering, nested specs up to depth 2).
 * Format specs themselves are interpreted by numfmt.c (pe_fmtspec_parse,
 * pe_format_int/float/str).
 */
#include <limits.h>

#include "str_impl.h"
#include "pe_dunder.h"

/* ------------------------------------------------------------------ */
/* format(v, spec)                                                     */
/* ------------------------------------------------------------------ */

int pe_format(pe_state *S, pe_val v, const char *spec, size_t speclen, pe_sb *sb) {
    pe_fmtspec fs;
    if (pe_is_str(v)) {
        if (speclen == 0) return ps_sb_putstr(sb, PE_STR(v));
        if (pe_fmtspec_parse(S, spec, speclen, "str", 's', &fs)) return -1;
        return pe_format_str(S, PE_STR(v), &fs, sb);
    }
    if (v.tag == PE_TINT || v.tag == PE_TBOOL || pe_is_bigint(v)) {
        if (speclen == 0 && v.tag != PE_TBOOL) return pe_tostr(S, v, sb);
        const char *tname = v.tag == PE_TBOOL ? "bool" : "int";
        if (pe_fmtspec_parse(S, spec, speclen, tname, 'd', &fs)) return -1;
        return pe_format_int(S, v, &fs, sb);
    }
    if (v.tag == PE_TFLOAT) {
        if (speclen == 0) return pe_tostr(S, v, sb);
        if (pe_fmtspec_parse(S, spec, speclen, "float", 0, &fs)) return -1;
        return pe_format_float(S, v.u.f, &fs, sb);
    }
    if (PE_UNLIKELY(pe_du_heap(v))) return pe_dunder_format(S, v, spec, speclen, sb);
    if (speclen == 0) return pe_tostr(S, v, sb);
    return pe_raise(S, PE_EXC(TypeError), "unsupported format string passed to %s.__format__",
                    pe_type_name(v));
}

/* New str for conv(v): 's' str, 'r' repr, 'a' ascii. */
static int convert(pe_state *S, pe_val v, int conv, pe_val *out) {
    if (conv == 'r') return pe_repr_val(S, v, out);
    if (conv == 'a') return pe_text_val(S, pe_ascii, v, out);
    if (pe_is_str(v)) {
        pe_incref(v);
        *out = v;
        return 0;
    }
    return pe_str_val(S, v, out);
}

int pe_format_value(pe_state *S, pe_val v, int conv, pe_val spec, pe_val *out) {
    pe_val x = v;
    if (conv && convert(S, v, conv, &x)) return -1;
    const char *sp = "";
    size_t sl = 0;
    if (spec.tag != PE_TUNDEF && pe_is_str(spec)) {
        sp = PE_STR(spec)->data;
        sl = PE_STR(spec)->len;
    }
    int r;
    if (sl == 0 && pe_is_str(x)) {
        pe_incref(x);
        *out = x;
        r = 0;
    } else {
        pe_sb sb;
        pe_sb_init(&sb, S);
        r = pe_format(S, x, sp, sl, &sb);
        if (r) pe_sb_free(&sb);
        else r = pe_sb_to_str(&sb, out);
    }
    if (conv) pe_decref(S, x);
    return r;
}

/* ------------------------------------------------------------------ */
/* printf-style formatting: fmt % args                                 */
/* ------------------------------------------------------------------ */

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

/* Cursor over the format string plus the argument state of
 * unicode_formatter_t: arglen -1 / argidx -2 means "one non-tuple arg". */
typedef struct pf_ctx {
    const char *p;
    size_t len, i;    /* bytes: i = next byte */
    size_t cpos;      /* code point index of byte i */
    pe_val args;      /* current args (borrowed, or owned when args_owned) */
    bool args_owned;
    int64_t arglen, argidx;
    pe_val dict;      /* mapping for %(key)s or UNDEF */
    bool bytes;       /* bytes % args (PEP 461): p is raw bytes, positions count bytes */
} pf_ctx;

typedef struct pf_arg {
    uint32_t ch;
    int flags;
    int64_t width, prec;
    bool sign;
} pf_arg;

/* Reads the next code point (the caller checked i < len). */
static uint32_t pf_read(pf_ctx *c) {
    if (c->bytes) {
        c->cpos++;
        return (unsigned char)c->p[c->i++];
    }
    size_t n;
    uint32_t ch = pe_utf8_decode(c->p + c->i, &n);
    c->i += n;
    c->cpos++;
    return ch;
}

static int pf_nextarg(pe_state *S, pf_ctx *c, pe_val *out) {
    if (c->argidx < c->arglen) {
        int64_t k = c->argidx++;
        *out = c->arglen < 0 ? c->args : PE_TUPLE(c->args)->items[k];
        return 0;
    }
    return pe_raise(S, PE_EXC(TypeError), "not enough arguments for format string");
}

static void pf_set_args(pe_state *S, pf_ctx *c, pe_val v) {
    if (c->args_owned) pe_decref(S, c->args);
    c->args = v;
    c->args_owned = true;
    c->arglen = -1;
    c->argidx = -2;
}

/* "%(key)": looks key up in the mapping; nested parentheses balance. */
static int pf_parse_key(pe_state *S, pf_ctx *c) {
    if (c->dict.tag == PE_TUNDEF) return pe_raise(S, PE_EXC(TypeError), "format requires a mapping");
    c->i++;
    c->cpos++;
    size_t kstart = c->i, kend = 0;
    int depth = 1;
    while (depth > 0 && c->i < c->len) {
        char ch = c->p[c->i];
        if (ch == ')') depth--;
        else if (ch == '(') depth++;
        kend = c->i;
        pf_read(c);
    }
    if (depth > 0) return pe_raise(S, PE_EXC(ValueError), "incomplete format key");
    pe_val key, v;
    if (c->bytes ? pe_bytes_new(S, c->p + kstart, kend - kstart, &key)
                 : pe_str_new(S, c->p + kstart, kend - kstart, &key))
        return -1;
    int r = pe_getitem(S, c->dict, key, &v);
    pe_decref(S, key);
    if (r) return -1;
    pf_set_args(S, c, v);
    return 0;
}

/* '*' width or precision from the arguments. */
static int pf_star(pe_state *S, pf_ctx *c, bool is_prec, int64_t *out) {
    pe_val v;
    if (pf_nextarg(S, c, &v)) return -1;
    if (v.tag != PE_TINT && v.tag != PE_TBOOL && !pe_is_bigint(v))
        return pe_raise(S, PE_EXC(TypeError), "* wants int");
    if (is_prec) {
        int p;
        if (pe_ps_arg_int(S, v, &p)) return -1;
        *out = p;
        return 0;
    }
    return pe_ps_arg_ssize(S, v, out);
}

/* Digits of a width/precision; ch holds the first digit on entry and the
 * first non-digit (if any) on exit. */
static int pf_digits(pe_state *S, pf_ctx *c, pf_arg *a, int64_t limit, const char *msg,
                     int64_t *out, bool *more) {
    int64_t v = a->ch - '0';
    *more = false;
    while (c->i < c->len) {
        a->ch = pf_read(c);
        if (a->ch < '0' || a->ch > '9') {
            *more = true;
            break;
        }
        if (v > (limit - (int64_t)(a->ch - '0')) / 10) return pe_raise(S, PE_EXC(ValueError), "%s", msg);
        v = v * 10 + (a->ch - '0');
    }
    *out = v;
    return 0;
}

/* unicode_format_arg_parse: key, flags, width, precision, length
 * modifier; leaves the conversion char in a->ch. `more` tracks whether a
 * character was read (CPython's fmtcnt >= 0). */
static int pf_parse(pe_state *S, pf_ctx *c, pf_arg *a) {
    if (c->i < c->len && c->p[c->i] == '(' && pf_parse_key(S, c)) return -1;
    bool more = false;
    while (c->i < c->len) {
        a->ch = pf_read(c);
        more = true;
        int f = a->ch == '-' ? F_LJUST : a->ch == '+' ? F_SIGN : a->ch == ' ' ? F_BLANK
              : a->ch == '#' ? F_ALT : a->ch == '0' ? F_ZERO : 0;
        if (!f) break;
        a->flags |= f;
        more = false;
    }
    if (more && a->ch == '*') {
        if (pf_star(S, c, false, &a->width)) return -1;
        if (a->width < 0) {
            a->flags |= F_LJUST;
            /* CPython negates a Py_ssize_t; -PY_SSIZE_T_MIN wraps to itself,
             * a width below every length: no padding. No UB here. */
            a->width = a->width == INT64_MIN ? 0 : -a->width;
        }
        more = c->i < c->len;
        if (more) a->ch = pf_read(c);
    } else if (more && a->ch >= '0' && a->ch <= '9') {
        if (pf_digits(S, c, a, INT64_MAX, "width too big", &a->width, &more)) return -1;
    }
    if (more && a->ch == '.') {
        a->prec = 0;
        more = c->i < c->len;
        if (more) a->ch = pf_read(c);
        if (more && a->ch == '*') {
            if (pf_star(S, c, true, &a->prec)) return -1;
            if (a->prec < 0) a->prec = 0;
            more = c->i < c->len;
            if (more) a->ch = pf_read(c);
        } else if (more && a->ch >= '0' && a->ch <= '9') {
            if (pf_digits(S, c, a, INT32_MAX, "precision too big", &a->prec, &more)) return -1;
        }
    }
    if (more && (a->ch == 'h' || a->ch == 'l' || a->ch == 'L')) {
        more = c->i < c->len;
        if (more) a->ch = pf_read(c);
    }
    if (!more) return pe_raise(S, PE_EXC(ValueError), "incomplete format");
    return 0;
}

static bool is_number(pe_val v) {
    return v.tag == PE_TINT || v.tag == PE_TBOOL || v.tag == PE_TFLOAT || pe_is_bigint(v);
}

/* An int/float/str subclass instance formats as its value (the message
 * for anything else names the argument's own type). */
static pe_val pf_value(pe_val v) {
    pe_val u = pe_unbox(v);
    return is_number(u) || pe_is_str(u) ? u : v;
}

/* _PyUnicode_FormatLong: sign, "0x"/"0o" prefix when alt, digits
 * zero-padded to prec, upper case for 'X'. */
static int pf_format_long(pe_state *S, pe_val x, const pf_arg *a, pe_sb *out) {
    if (a->prec > INT_MAX - 3) return pe_raise(S, PE_EXC(OverflowError), "precision too large");
    int base = a->ch == 'o' ? 8 : (a->ch == 'x' || a->ch == 'X') ? 16 : 10;
    pe_sb d;
    pe_sb_init(&d, S);
    if (pe_int_to_str(S, x, base, false, &d)) {
        pe_sb_free(&d);
        return -1;
    }
    bool neg = d.len > 0 && d.p[0] == '-';
    size_t nd = d.len - neg;
    if (neg) pe_sb_putc(out, '-');
    if ((a->flags & F_ALT) && base != 10) pe_sb_putn(out, base == 8 ? "0o" : "0x", 2);
    if (a->prec > 0 && (size_t)a->prec > nd) pe_sb_fill(out, '0', (size_t)a->prec - nd);
    pe_sb_putn(out, d.p + neg, nd);
    pe_sb_free(&d);
    if (a->ch == 'X' && !out->failed)
        for (size_t k = 0; k < out->len; k++)
            if (out->p[k] >= 'a' && out->p[k] <= 'x') out->p[k] = (char)(out->p[k] - 32);
    return out->failed ? -1 : 0;
}

/* mainformatlong: %d %i %u %o %x %X. */
static int pf_int(pe_state *S, pe_val v, pf_arg *a, pe_sb *out) {
    v = pf_value(v);
    bool hex_oct = a->ch == 'o' || a->ch == 'x' || a->ch == 'X';
    if (!is_number(v) && pe_du_heap(v)) {
        /* an instance: %x via __index__, %d via __int__ (or __index__) */
        pe_val iv;
        int du = hex_oct ? pe_dunder_index(S, v, &iv) : pe_dunder_int(S, v, &iv);
        if (du < 0) return -1;
        if (du > 0) {
            int r = pf_int(S, iv, a, out);
            pe_decref(S, iv);
            return r;
        }
    }
    if (!is_number(v) || (v.tag == PE_TFLOAT && hex_oct)) {
        return pe_raise(S, PE_EXC(TypeError), "%%%c format: %s is required, not %s", (char)a->ch,
                        hex_oct ? "an integer" : "a real number", pe_type_name(v));
    }
    pe_val iv = v;
    if (v.tag == PE_TFLOAT && pe_int_from_double(S, v.u.f, &iv)) return -1;
    if (iv.tag == PE_TBOOL) iv = pe_int(iv.u.i);
    int r = pf_format_long(S, iv, a, out);
    if (v.tag == PE_TFLOAT) pe_decref(S, iv);
    a->sign = true;
    return r;
}

/* formatfloat: %e %E %f %F %g %G via the format-spec float formatter. */
static int pf_float(pe_state *S, pe_val v, pf_arg *a, pe_sb *out, bool c_bytes) {
    v = pf_value(v);
    double x;
    int du;
    if (v.tag == PE_TFLOAT) x = v.u.f;
    else if (v.tag == PE_TINT || v.tag == PE_TBOOL) x = (double)v.u.i;
    else if (pe_is_bigint(v)) {
        if (pe_int_to_double(S, v, &x)) return -1;
    } else if (pe_du_heap(v) && (du = pe_dunder_float(S, v, &x)) != 0) {
        if (du < 0) return -1; /* an instance's __float__ (or __index__) */
    } else {
        return pe_raise(S, PE_EXC(TypeError), c_bytes ? "float argument required, not %s"
                                                      : "must be real number, not %s",
                        pe_type_name(v));
    }
    pe_fmtspec fs;
    memset(&fs, 0, sizeof fs);
    fs.fill[0] = ' ';
    fs.width = -1;
    fs.precision = a->prec < 0 ? 6 : a->prec;
    fs.alt = (a->flags & F_ALT) != 0;
    fs.type = a->ch;
    a->sign = true;
    return pe_format_float(S, x, &fs, out);
}

/* formatchar: %c */
static int pf_char(pe_state *S, pe_val v, pe_sb *out) {
    v = pf_value(v);
    if (pe_is_str(v)) {
        if (PE_STR(v)->nchars == 1) return ps_sb_putstr(out, PE_STR(v));
    } else if (v.tag == PE_TINT || v.tag == PE_TBOOL || pe_is_bigint(v)) {
        if (pe_is_bigint(v) || v.u.i < 0 || v.u.i > 0x10ffff)
            return pe_raise(S, PE_EXC(OverflowError), "%%c arg not in range(0x110000)");
        return pe_ps_sb_putcp(out, (uint32_t)v.u.i);
    } else if (pe_du_heap(v)) {
        pe_val iv;
        int du = pe_dunder_index(S, v, &iv);
        if (du < 0) return -1;
        if (du > 0) {
            int r = pf_char(S, iv, out);
            pe_decref(S, iv);
            return r;
        }
    }
    return pe_raise(S, PE_EXC(TypeError), "%%c requires int or char");
}

/* unicode_format_arg_format: converts the next argument into text. */
/* The bytes conversions of PEP 461 (%s/%b, %r/%a, %c); 1 = not one of them. */
static int pf_convert_bytes(pe_state *S, pe_val v, const pf_arg *a, pe_sb *text) {
    const unsigned char *bp;
    size_t bn;
    switch (a->ch) {
    case 's': case 'b':
        if (pe_bytes_view(v, &bp, &bn)) return pe_sb_putn(text, (const char *)bp, bn);
        return pe_raise(S, PE_EXC(TypeError),
                        "%%b requires a bytes-like object, or an object that implements __bytes__, "
                        "not '%s'",
                        pe_type_name(v));
    case 'r': case 'a': return pe_ascii(S, v, text);
    case 'c':
        if (pe_bytes_view(v, &bp, &bn) && bn == 1) return pe_sb_putc(text, (char)bp[0]);
        if (v.tag == PE_TINT || v.tag == PE_TBOOL || pe_is_bigint(v)) {
            if (pe_is_bigint(v) || v.u.i < 0 || v.u.i > 255)
                return pe_raise(S, PE_EXC(OverflowError), "%%c arg not in range(256)");
            return pe_sb_putc(text, (char)v.u.i);
        }
        return pe_raise(S, PE_EXC(TypeError),
                        "%%c requires an integer in range(256) or a single byte");
    default: return 1;
    }
}

static int pf_convert(pe_state *S, pf_ctx *c, pf_arg *a, pe_sb *text) {
    pe_val v;
    if (pf_nextarg(S, c, &v)) return -1;
    if (c->bytes) {
        int r = pf_convert_bytes(S, v, a, text);
        if (r <= 0) return r;
    }
    switch (a->ch) {
    case 's': return pe_is_str(v) ? ps_sb_putstr(text, PE_STR(v)) : pe_tostr(S, v, text);
    case 'r': return pe_repr(S, v, text);
    case 'a': return pe_ascii(S, v, text);
    case 'i': case 'd': case 'u': case 'o': case 'x': case 'X': return pf_int(S, v, a, text);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': return pf_float(S, v, a, text, c->bytes);
    case 'c': return pf_char(S, v, text);
    default:
        return pe_raise(S, PE_EXC(ValueError), "unsupported format character '%c' (0x%x) at index %zu",
                        (a->ch >= 31 && a->ch <= 126) ? (char)a->ch : '?', (unsigned)a->ch,
                        c->cpos - 1);
    }
}

/* unicode_format_arg_output: sign, "0x" prefix, padding and truncation. */
static int pf_output(const pf_arg *arg, const char *p, size_t blen, pe_sb *sb, bool bytes) {
    pf_arg a = *arg;
    int64_t len = bytes ? (int64_t)blen : (int64_t)pe_utf8_count(p, blen);
    char fill = a.sign && (a.flags & F_ZERO) ? '0' : ' ';
    if ((a.width == -1 || a.width <= len) && (a.prec == -1 || a.prec >= len) &&
        !(a.flags & (F_SIGN | F_BLANK)))
        return pe_sb_putn(sb, p, blen);
    if ((a.ch == 's' || a.ch == 'r' || a.ch == 'a' || (bytes && a.ch == 'b')) && a.prec >= 0 &&
        len > a.prec)
        len = a.prec;
    size_t pindex = 0;
    char signchar = 0;
    bool prefix = (a.flags & F_ALT) && (a.ch == 'x' || a.ch == 'X' || a.ch == 'o');
    if (a.sign) {
        if (p[0] == '-' || p[0] == '+') {
            signchar = p[0];
            len--;
            pindex++;
        } else if (a.flags & F_SIGN) signchar = '+';
        else if (a.flags & F_BLANK) signchar = ' ';
    }
    if (a.width < len) a.width = len;
    if (signchar) {
        if (fill != ' ') pe_sb_putc(sb, signchar);
        if (a.width > len) a.width--;
    }
    if (prefix) {
        if (fill != ' ') {
            pe_sb_putn(sb, p + pindex, 2);
            pindex += 2;
        }
        a.width = a.width - 2 < 0 ? 0 : a.width - 2;
        len -= 2;
    }
    if (a.width > len && !(a.flags & F_LJUST)) {
        pe_sb_fill(sb, fill, (size_t)(a.width - len));
        a.width = len;
    }
    if (fill == ' ') {
        if (signchar) pe_sb_putc(sb, signchar);
        if (prefix) {
            pe_sb_putn(sb, p + pindex, 2);
            pindex += 2;
        }
    }
    if (len > 0 && bytes) {
        pe_sb_putn(sb, p + pindex, (size_t)len);
    } else if (len > 0) {
        size_t nb = pe_ps_offset(p + pindex, blen - pindex, pe_utf8_count(p + pindex, blen - pindex),
                              false, (size_t)len);
        pe_sb_putn(sb, p + pindex, nb);
    }
    if (a.width > len) pe_sb_fill(sb, ' ', (size_t)(a.width - len));
    return sb->failed ? -1 : 0;
}

/* One conversion specification (after its '%'). */
static int pf_one(pe_state *S, pf_ctx *c, pe_sb *sb) {
    if (c->i < c->len && c->p[c->i] == '%') {
        pf_read(c);
        return pe_sb_putc(sb, '%');
    }
    pf_arg a = {0, 0, -1, -1, false};
    if (pf_parse(S, c, &a)) return -1;
    pe_sb text;
    pe_sb_init(&text, S);
    int r = pf_convert(S, c, &a, &text);
    if (!r) r = pf_output(&a, text.p, text.len, sb, c->bytes);
    pe_sb_free(&text);
    if (!r && c->dict.tag != PE_TUNDEF && c->argidx < c->arglen)
        r = pe_raise(S, PE_EXC(TypeError), "not all arguments converted during %s formatting",
                     c->bytes ? "bytes" : "string");
    return r;
}

static bool is_mapping(pe_val v, bool bytes) {
    if (v.tag != PE_TOBJ || (bytes ? pe_is_bytes(v) : pe_is_str(v)) || pe_is_kind(v, PE_K_TUPLE))
        return false;
    return pe_typeof(v)->getitem != NULL;
}

/* The % operator over the format p[0..n) (str text, or bytes for
 * bytes/bytearray % args) into sb (sb.failed on memory errors). */
static int pf_run(pe_state *S, const char *p, size_t n, bool ascii, bool bytes, pe_val args,
                  pe_sb *sb) {
    pf_ctx c = {p, n, 0, 0, args, false, -1, -2, pe_undef(), bytes};
    if (pe_is_kind(args, PE_K_TUPLE)) {
        c.arglen = (int64_t)PE_TUPLE(args)->n;
        c.argidx = 0;
    }
    if (is_mapping(args, bytes)) c.dict = args;
    int r = 0;
    while (c.i < c.len && !r) {
        const char *pct = memchr(c.p + c.i, '%', c.len - c.i);
        size_t run = pct ? (size_t)(pct - (c.p + c.i)) : c.len - c.i;
        pe_sb_putn(sb, c.p + c.i, run);
        c.cpos += ascii ? run : pe_utf8_count(c.p + c.i, run);
        c.i += run;
        if (c.i < c.len) {
            pf_read(&c); /* the '%' */
            r = pf_one(S, &c, sb);
        }
    }
    if (!r && c.argidx < c.arglen && c.dict.tag == PE_TUNDEF)
        r = pe_raise(S, PE_EXC(TypeError), "not all arguments converted during %s formatting",
                     bytes ? "bytes" : "string");
    if (c.args_owned) pe_decref(S, c.args);
    return r || sb->failed ? -1 : 0;
}

int pe_ps_percent_format(pe_state *S, pe_str *fmt, pe_val args, pe_val *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pf_run(S, fmt->data, fmt->len, fmt->ascii, false, args, &sb);
    return pe_sb_done_str(&sb, r, out);
}

/* ------------------------------------------------------------------ */
/* str.format                                                          */
/* ------------------------------------------------------------------ */

enum { ANS_INIT, ANS_AUTO, ANS_MANUAL };

typedef struct sf_ctx {
    const pe_val *args; /* positional arguments */
    size_t nargs;
    bool positional;    /* false for format_map: no positional fields */
    const pe_val *kwvals; /* keyword values (format) */
    pe_obj *kwnames;
    pe_val mapping;       /* format_map's mapping, else UNDEF */
    int an_state;
    int64_t an_field;
} sf_ctx;

/* A parsed replacement field: byte ranges into the format string. */
typedef struct sf_field {
    size_t name_a, name_b;
    size_t spec_a, spec_b;
    bool expand;   /* the spec contains '{' */
    uint32_t conv; /* 0 or the conversion code point */
} sf_field;

/* get_integer: decimal (any Unicode decimal digits) or -1; -2 on error. */
static int64_t sf_integer(pe_state *S, const char *p, size_t a, size_t b) {
    if (a >= b) return -1;
    int64_t acc = 0;
    size_t n;
    for (size_t i = a; i < b; i += n) {
        int d = pe_uni_decimal(pe_utf8_decode(p + i, &n));
        if (d < 0) return -1;
        if (acc > (INT64_MAX - d) / 10) {
            pe_raise(S, PE_EXC(ValueError), "Too many decimal digits in format string");
            return -2;
        }
        acc = acc * 10 + d;
    }
    return acc;
}

/* parse_field: from just after '{' to just after the closing '}'. */
static int sf_parse_field(pe_state *S, const char *p, size_t len, size_t *ip, sf_field *f) {
    size_t i = *ip;
    char c = 0;
    memset(f, 0, sizeof *f);
    f->name_a = i;
    bool stopped = false;
    while (i < len) {
        c = p[i++];
        if (c == '{') return pe_raise(S, PE_EXC(ValueError), "unexpected '{' in field name");
        if (c == '[') {
            while (i < len && p[i] != ']') i++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!') {
            stopped = true;
            break;
        }
    }
    f->name_b = stopped ? i - 1 : i;
    if (stopped && (c == '!' || c == ':')) {
        if (c == '!') {
            if (i >= len)
                return pe_raise(S, PE_EXC(ValueError), "end of string while looking for conversion specifier");
            size_t n;
            f->conv = pe_utf8_decode(p + i, &n);
            i += n;
            if (i < len) {
                c = p[i++];
                if (c == '}') {
                    f->spec_a = f->spec_b = i;
                    *ip = i;
                    return 0;
                }
                if (c != ':')
                    return pe_raise(S, PE_EXC(ValueError), "expected ':' after conversion specifier");
            }
        }
        f->spec_a = i;
        int count = 1;
        while (i < len) {
            c = p[i++];
            if (c == '{') {
                f->expand = true;
                count++;
            } else if (c == '}' && --count == 0) {
                f->spec_b = i - 1;
                *ip = i;
                return 0;
            }
        }
        return pe_raise(S, PE_EXC(ValueError), "unmatched '{' in format spec");
    }
    if (!stopped || c != '}')
        return pe_raise(S, PE_EXC(ValueError), "expected '}' before end of string");
    f->spec_a = f->spec_b = i;
    *ip = i;
    return 0;
}

/* Keyword argument `key` of format(), or KeyError(key). */
static int sf_lookup_kw(pe_state *S, sf_ctx *c, pe_val key, pe_val *out) {
    if (c->mapping.tag != PE_TUNDEF) return pe_getitem(S, c->mapping, key, out);
    size_t nk = c->kwnames ? ((pe_tuple *)c->kwnames)->n : 0;
    for (size_t k = 0; k < nk; k++) {
        if (pe_str_eq(PE_STR(((pe_tuple *)c->kwnames)->items[k]), PE_STR(key))) {
            pe_incref(c->kwvals[k]);
            *out = c->kwvals[k];
            return 0;
        }
    }
    return pe_raise_with_arg(S, PE_EXC(KeyError), key);
}

/* The first part of a field name: auto/manual number or keyword. */
static int sf_first(pe_state *S, sf_ctx *c, const char *p, size_t a, size_t b, pe_val *out) {
    int64_t idx = sf_integer(S, p, a, b);
    if (idx == -2) return -1;
    bool empty = a >= b;
    if (empty || idx != -1) {
        if (c->an_state == ANS_INIT) c->an_state = empty ? ANS_AUTO : ANS_MANUAL;
        if (c->an_state == ANS_MANUAL && empty)
            return pe_raise(S, PE_EXC(ValueError),
                            "cannot switch from manual field specification to automatic field numbering");
        if (c->an_state == ANS_AUTO && !empty)
            return pe_raise(S, PE_EXC(ValueError),
                            "cannot switch from automatic field numbering to manual field specification");
        if (empty) idx = c->an_field++;
    }
    if (idx == -1) {
        pe_val key;
        if (pe_str_new(S, p + a, b - a, &key)) return -1;
        int r = sf_lookup_kw(S, c, key, out);
        pe_decref(S, key);
        return r;
    }
    if (!c->positional)
        return pe_raise(S, PE_EXC(ValueError), "Format string contains positional fields");
    if ((uint64_t)idx >= c->nargs)
        return pe_raise(S, PE_EXC(IndexError),
                        "Replacement index %lld out of range for positional args tuple", (long long)idx);
    pe_incref(c->args[idx]);
    *out = c->args[idx];
    return 0;
}

/* One ".attr" or "[key]" step of a field name at *ip; replaces *obj. */
static int sf_step(pe_state *S, const char *p, size_t b, size_t *ip, pe_val *obj) {
    size_t i = *ip;
    char c = p[i++];
    size_t na = i, nb;
    if (c == '.') {
        while (i < b && p[i] != '.' && p[i] != '[') i++;
        nb = i;
    } else if (c == '[') {
        while (i < b && p[i] != ']') i++;
        if (i >= b) return pe_raise(S, PE_EXC(ValueError), "Missing ']' in format string");
        nb = i++;
    } else {
        return pe_raise(S, PE_EXC(ValueError),
                        "Only '.' or '[' may follow ']' in format field specifier");
    }
    *ip = i;
    if (na == nb) return pe_raise(S, PE_EXC(ValueError), "Empty attribute in format string");
    pe_val key, v;
    int64_t idx = c == '[' ? sf_integer(S, p, na, nb) : -1;
    if (idx == -2) return -1;
    if (idx >= 0) key = pe_int(idx);
    else if (pe_str_new(S, p + na, nb - na, &key)) return -1;
    int r = c == '.' ? pe_getattr(S, *obj, key.u.o, &v) : pe_getitem(S, *obj, key, &v);
    pe_decref(S, key);
    if (r) return -1;
    pe_decref(S, *obj);
    *obj = v;
    return 0;
}

/* get_field_object: the object named by p[a:b] (new reference). */
static int sf_field_object(pe_state *S, sf_ctx *c, const char *p, size_t a, size_t b, pe_val *out) {
    size_t i = a;
    while (i < b && p[i] != '.' && p[i] != '[') i++;
    if (sf_first(S, c, p, a, i, out)) return -1;
    while (i < b) {
        if (sf_step(S, p, b, &i, out)) {
            pe_decref(S, *out);
            return -1;
        }
    }
    return 0;
}

static int sf_build(pe_state *S, sf_ctx *c, const char *p, size_t len, int depth, pe_sb *sb);

/* Converts (!r/!s/!a) and formats one field into sb. */
static int sf_render(pe_state *S, sf_ctx *c, const char *p, const sf_field *f, int depth, pe_sb *sb) {
    pe_val obj, tmp;
    if (sf_field_object(S, c, p, f->name_a, f->name_b, &obj)) return -1;
    if (f->conv) {
        int r;
        if (f->conv == 'r' || f->conv == 's' || f->conv == 'a') {
            r = convert(S, obj, (int)f->conv, &tmp);
        } else if (f->conv > 32 && f->conv < 127) {
            r = pe_raise(S, PE_EXC(ValueError), "Unknown conversion specifier %c", (char)f->conv);
        } else {
            r = pe_raise(S, PE_EXC(ValueError), "Unknown conversion specifier \\x%x", (unsigned)f->conv);
        }
        pe_decref(S, obj);
        if (r) return -1;
        obj = tmp;
    }
    int r;
    if (f->expand) {
        pe_sb spec;
        pe_sb_init(&spec, S);
        r = sf_build(S, c, p + f->spec_a, f->spec_b - f->spec_a, depth - 1, &spec);
        if (!r) r = pe_format(S, obj, spec.p, spec.len, sb);
        pe_sb_free(&spec);
    } else {
        r = pe_format(S, obj, p + f->spec_a, f->spec_b - f->spec_a, sb);
    }
    pe_decref(S, obj);
    return r;
}

/* build_string + MarkupIterator: literal text, "{{" / "}}" escapes and
 * replacement fields. */
static int sf_build(pe_state *S, sf_ctx *c, const char *p, size_t len, int depth, pe_sb *sb) {
    if (depth <= 0) return pe_raise(S, PE_EXC(ValueError), "Max string recursion exceeded");
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        char ch = 0;
        bool markup = false;
        while (i < len) {
            ch = p[i++];
            if (ch == '{' || ch == '}') {
                markup = true;
                break;
            }
        }
        bool at_end = i >= len;
        size_t litlen = i - start;
        if (markup && ch == '}' && (at_end || p[i] != '}'))
            return pe_raise(S, PE_EXC(ValueError), "Single '}' encountered in format string");
        if (markup && at_end && ch == '{')
            return pe_raise(S, PE_EXC(ValueError), "Single '{' encountered in format string");
        if (markup && !at_end) {
            if (p[i] == ch) {
                i++;
                markup = false;
            } else {
                litlen--;
            }
        }
        if (pe_sb_putn(sb, p + start, litlen)) return -1;
        if (!markup) continue;
        sf_field f;
        if (sf_parse_field(S, p, len, &i, &f)) return -1;
        if (sf_render(S, c, p, &f, depth, sb)) return -1;
    }
    return 0;
}

static int sf_run(pe_state *S, pe_val self, sf_ctx *c, pe_val *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = sf_build(S, c, PE_STR(self)->data, PE_STR(self)->len, 2, &sb);
    return pe_sb_done_str(&sb, r, out);
}

int pe_ps_str_format_method(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                         pe_val *out) {
    size_t nkw = kwnames ? ((pe_tuple *)kwnames)->n : 0;
    size_t npos = (size_t)argc - nkw;
    sf_ctx c = {argv, npos, true, nkw ? argv + npos : NULL, kwnames, pe_undef(), ANS_INIT, 0};
    return sf_run(S, self, &c, out);
}

int pe_ps_str_format_map_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                             pe_obj *kwnames, pe_val *out) {
    if (kwnames && ((pe_tuple *)kwnames)->n)
        return pe_raise(S, PE_EXC(TypeError), "str.format_map() takes no keyword arguments");
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "str.format_map() takes exactly one argument (%d given)",
                        argc);
    sf_ctx c = {NULL, 0, false, NULL, NULL, argv[0], ANS_INIT, 0};
    return sf_run(S, self, &c, out);
}

int pe_ps_str_dunder_format(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                         pe_val *out) {
    if (kwnames && ((pe_tuple *)kwnames)->n)
        return pe_raise(S, PE_EXC(TypeError), "str.__format__() takes no keyword arguments");
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "str.__format__() takes exactly one argument (%d given)",
                        argc);
    if (!pe_is_str(argv[0]))
        return pe_raise(S, PE_EXC(TypeError), "__format__() argument must be str, not %s",
                        pe_type_name(argv[0]));
    return pe_format_value(S, self, 0, argv[0], out);
}

/* bytes % args / bytearray % args (PEP 461; CPython's _PyBytes_FormatEx):
 * the format is copied first (a bytearray may change while arguments are
 * looked up); the result has type t. */
int pe_bytes_percent_format(pe_state *S, const unsigned char *p, size_t n, const pe_type *t,
                            pe_val args, pe_val *out) {
    char *fmt = pe_mem_alloc(S, n + 1);
    if (!fmt) return -1;
    if (n) memcpy(fmt, p, n);
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pf_run(S, fmt, n, true, true, args, &sb);
    pe_mem_free(S, fmt, n + 1);
    if (r) {
        pe_sb_free(&sb);
        return -1;
    }
    return pe_sb_to_bytes(&sb, t, out);
}
