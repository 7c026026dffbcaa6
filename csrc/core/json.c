/*
 * json.c - the JSON encoder and decoder behind the `json` module (the C
 * helper module `_json`, mod_json.c, calls them; csrc/lib/json.py is the
 * public surface: dumps/loads, JSONEncoder/JSONDecoder, JSONDecodeError).
 *
 * Written from the JSON grammar (RFC 8259) and CPython 3.11's documented
 * behaviour, checked against CPython by tests/corpus/json and
 * tests/test_hypothesis_json.py:
 *  - encoder: float repr with Infinity/-Infinity/NaN, "\uXXXX" escapes
 *    (ensure_ascii), key coercion of int/float/bool/None keys, tuples as
 *    lists, list/dict subclasses as lists/dicts, `default` for anything
 *    else, "Circular reference detected" through the path of containers
 *    being encoded (check_circular), indent/separators, sort_keys (the
 *    (key, value) items sorted as CPython sorts them);
 *  - decoder: CPython's scanner, including its error messages and their
 *    positions (in code points), NaN/Infinity/-Infinity, strict control
 *    characters, surrogate pairs in \u escapes, the hooks.
 * Nesting is bounded by the state's depth limit (pe_recursion_enter) and by
 * PE_JSON_MAX_NESTING levels whatever that limit, which
 * raises RecursionError as CPython does; long loops charge the work budget.
 */
#include <math.h>
#include <stdlib.h>

#include "json.h"
#include "pe_vm.h"
#include "pe_class.h"
#include "str_impl.h"

int pe_json_enter(pe_state *S, int *depth, const char *where) {
    if (*depth >= PE_JSON_MAX_NESTING)
        return pe_raise(S, PE_EXC(RecursionError), "maximum recursion depth exceeded%s", where);
    if (pe_recursion_enter(S, where)) return -1;
    ++*depth;
    return 0;
}

void pe_json_leave(pe_state *S, int *depth) {
    --*depth;
    pe_recursion_leave(S);
}

/* ------------------------------------------------------------------ */
/* Encoder                                                             */
/* ------------------------------------------------------------------ */

/* Escape class of a byte: 0 = copy as is; 1 = needs attention (escape, or
 * non-ASCII under ensure_ascii). Indexed [ensure_ascii][byte]. */
static unsigned char esc_class(int ensure_ascii, unsigned char c) {
    if (c < 0x20 || c == '"' || c == '\\') return 1;
    if (ensure_ascii && c >= 0x7f) return 1;
    return 0;
}

typedef struct jenc_table {
    unsigned char cls[2][256];
} jenc_table;

static void jenc_table_init(jenc_table *t) {
    for (int a = 0; a < 2; a++)
        for (int c = 0; c < 256; c++) t->cls[a][c] = esc_class(a, (unsigned char)c);
}

static const char hexdig[] = "0123456789abcdef";

static void put_u4(char *p, uint32_t c) {
    p[0] = '\\';
    p[1] = 'u';
    p[2] = hexdig[(c >> 12) & 15];
    p[3] = hexdig[(c >> 8) & 15];
    p[4] = hexdig[(c >> 4) & 15];
    p[5] = hexdig[c & 15];
}

/* Appends the JSON string literal of UTF-8 text p[0..n). */
static int enc_text(pe_json_enc *e, const char *p, size_t n) {
    const unsigned char *cls = e->table->cls[e->ensure_ascii ? 1 : 0];
    pe_sb *sb = &e->sb;
    if (pe_sb_reserve(sb, n + 2)) return -1;
    sb->p[sb->len++] = '"';
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && !cls[(unsigned char)p[j]]) j++;
        if (j > i && pe_sb_putn(sb, p + i, j - i)) return -1;
        if (j == n) break;
        unsigned char c = (unsigned char)p[j];
        char buf[12];
        size_t bl = 2;
        buf[0] = '\\';
        switch (c) {
        case '"': buf[1] = '"'; break;
        case '\\': buf[1] = '\\'; break;
        case '\n': buf[1] = 'n'; break;
        case '\r': buf[1] = 'r'; break;
        case '\t': buf[1] = 't'; break;
        case '\b': buf[1] = 'b'; break;
        case '\f': buf[1] = 'f'; break;
        default:
            if (c < 0x80) {
                put_u4(buf, c);
                bl = 6;
            } else {
                size_t k;
                uint32_t cp = pe_utf8_decode(p + j, &k);
                i = j + k;
                if (cp >= 0x10000) {
                    cp -= 0x10000;
                    put_u4(buf, 0xd800 | (cp >> 10));
                    put_u4(buf + 6, 0xdc00 | (cp & 0x3ff));
                    bl = 12;
                } else {
                    put_u4(buf, cp);
                    bl = 6;
                }
                if (pe_sb_putn(sb, buf, bl)) return -1;
                continue;
            }
        }
        if (pe_sb_putn(sb, buf, bl)) return -1;
        i = j + 1;
    }
    return pe_sb_putc(sb, '"');
}

static int enc_int64(pe_sb *sb, int64_t v) {
    char buf[24], *q = buf + sizeof buf;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do *--q = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0) *--q = '-';
    return pe_sb_putn(sb, q, (size_t)(buf + sizeof buf - q));
}

/* float: repr, or Infinity/-Infinity/NaN (ValueError without allow_nan). */
static int enc_float(pe_json_enc *e, double x) {
    if (isfinite(x)) {
        char buf[40];
        size_t n = pe_fmt_double_repr(x, buf);
        return pe_sb_putn(&e->sb, buf, n);
    }
    if (!e->allow_nan) /* the pure-Python encoder (indent, dump) adds the repr */
        return pe_raise(e->S, PE_EXC(ValueError),
                        "Out of range float values are not JSON compliant%s",
                        !e->pymode ? "" : isnan(x) ? ": nan" : x > 0 ? ": inf" : ": -inf");
    return pe_sb_puts(&e->sb, isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
}

/* An int or a bigint (not bool). */
static int enc_intval(pe_json_enc *e, pe_val v) {
    if (v.tag == PE_TINT) return enc_int64(&e->sb, v.u.i);
    return pe_int_to_str(e->S, v, 10, false, &e->sb);
}

static int enc_newline(pe_json_enc *e) {
    if (pe_sb_putc(&e->sb, '\n')) return -1;
    for (int i = 0; i < e->level; i++)
        if (pe_sb_putn(&e->sb, e->indent, e->indent_len)) return -1;
    return 0;
}

static int grow_markers(pe_json_enc *e) {
    size_t nc = e->capmarkers ? e->capmarkers * 2 : 16;
    pe_obj **m = pe_mem_realloc(e->S, e->markers, e->capmarkers * sizeof *m, nc * sizeof *m);
    if (!m) return -1;
    e->markers = m;
    e->capmarkers = nc;
    return 0;
}

/* Undoes enc_open after an error; returns -1. */
static int enc_abort(pe_json_enc *e) {
    if (e->check_circular) e->nmarkers--;
    pe_json_leave(e->S, &e->depth);
    return -1;
}

/* Opening bracket of a non-empty container (with the circular check). */
static int enc_open(pe_json_enc *e, pe_obj *o, char bracket, const char *where) {
    if (e->check_circular) {
        for (size_t i = 0; i < e->nmarkers; i++)
            if (e->markers[i] == o)
                return pe_raise(e->S, PE_EXC(ValueError), "Circular reference detected");
    }
    if (pe_json_enter(e->S, &e->depth, where)) return -1;
    if (e->check_circular) {
        if (e->nmarkers == e->capmarkers && grow_markers(e)) {
            pe_json_leave(e->S, &e->depth);
            return -1;
        }
        e->markers[e->nmarkers++] = o;
    }
    if (pe_sb_putc(&e->sb, bracket)) goto fail;
    if (e->indent) {
        e->level++;
        if (enc_newline(e)) goto fail;
    }
    return 0;
fail:
    return enc_abort(e);
}

static int enc_close(pe_json_enc *e, char bracket) {
    if (e->check_circular) e->nmarkers--;
    pe_json_leave(e->S, &e->depth);
    if (e->indent) {
        e->level--;
        if (enc_newline(e)) return -1;
    }
    return pe_sb_putc(&e->sb, bracket);
}

static int enc_item_sep(pe_json_enc *e) {
    if (pe_sb_putn(&e->sb, e->item_sep, e->item_sep_len)) return -1;
    return e->indent ? enc_newline(e) : 0;
}

/* Charges the work budget every 4096 items. */
static int enc_charge(pe_json_enc *e) {
    if (++e->work < 4096) return 0;
    e->work = 0;
    return pe_work(e->S, 4096);
}

static int enc_value(pe_json_enc *e, pe_val v);

static int enc_seq(pe_json_enc *e, pe_obj *o, const pe_val *items, size_t n, bool is_list) {
    if (n == 0) return pe_sb_putn(&e->sb, "[]", 2);
    if (enc_open(e, o, '[', " while encoding a JSON object")) return -1;
    for (size_t i = 0; i < n; i++) {
        if (i && enc_item_sep(e)) goto fail;
        if (is_list) {
            /* a list may change under a `default` callback: re-read it */
            pe_list *l = (pe_list *)o;
            if (i >= l->n) break;
            items = l->items;
        }
        pe_val it = items[i];
        pe_incref(it);
        int r = enc_value(e, it);
        pe_decref(e->S, it);
        if (r || enc_charge(e)) goto fail;
    }
    return enc_close(e, ']');
fail:
    return enc_abort(e);
}

/* Writes the quoted text of dict key k, coerced as CPython does. */
static int enc_key(pe_json_enc *e, pe_val k) {
    pe_sb *sb = &e->sb;
    switch (k.tag) {
    case PE_TNONE: return pe_sb_puts(sb, "\"null\"");
    case PE_TBOOL: return pe_sb_puts(sb, k.u.i ? "\"true\"" : "\"false\"");
    case PE_TINT:
        if (pe_sb_putc(sb, '"') || enc_int64(sb, k.u.i)) return -1;
        return pe_sb_putc(sb, '"');
    case PE_TFLOAT:
        if (pe_sb_putc(sb, '"') || enc_float(e, k.u.f)) return -1;
        return pe_sb_putc(sb, '"');
    default: break;
    }
    if (pe_is_boxed(k)) return enc_key(e, pe_unbox(k)); /* str/int/float subclasses */
    if (pe_is_str(k)) return enc_text(e, PE_STR(k)->data, PE_STR(k)->len);
    if (pe_is_bigint(k)) {
        if (pe_sb_putc(sb, '"') || enc_intval(e, k)) return -1;
        return pe_sb_putc(sb, '"');
    }
    return pe_raise(e->S, PE_EXC(TypeError),
                    "keys must be str, int, float, bool or None, not %s", pe_type_name(k));
}

/* Keys JSON can represent (the others are skipped or an error). */
static bool key_ok(pe_val k) {
    k = pe_unbox(k);
    return k.tag != PE_TOBJ || pe_is_str(k) || pe_is_bigint(k);
}

static int enc_pair(pe_json_enc *e, pe_val k, pe_val v, bool *first) {
    if (!key_ok(k) && e->skipkeys) return 0;
    if (!*first && enc_item_sep(e)) return -1;
    *first = false;
    if (enc_key(e, k) || pe_sb_putn(&e->sb, e->key_sep, e->key_sep_len)) return -1;
    pe_incref(v);
    int r = enc_value(e, v);
    pe_decref(e->S, v);
    return r ? -1 : enc_charge(e);
}

/* The dict's items as a list of (key, value) tuples, sorted as
 * sorted(d.items()) sorts them. */
static int sorted_items(pe_json_enc *e, pe_dict *d, pe_val *out) {
    pe_val lst;
    if (pe_list_new(e->S, d->used, &lst)) return -1;
    size_t pos = 0;
    pe_val kv[2];
    while (pe_dict_next(d, &pos, &kv[0], &kv[1])) {
        pe_val t;
        if (pe_tuple_pack(e->S, 2, kv, &t)) goto fail;
        int r = pe_list_append(e->S, PE_LIST(lst), t);
        pe_decref(e->S, t);
        if (r) goto fail;
    }
    if (pe_list_sort(e->S, PE_LIST(lst), pe_undef(), false)) goto fail;
    *out = lst;
    return 0;
fail:
    pe_decref(e->S, lst);
    return -1;
}

static int enc_dict(pe_json_enc *e, pe_dict *d) {
    if (d->used == 0) return pe_sb_putn(&e->sb, "{}", 2);
    pe_val lst = pe_undef();
    if (e->sort_keys && sorted_items(e, d, &lst)) return -1;
    if (enc_open(e, &d->ob, '{', " while encoding a JSON object")) goto fail;
    bool first = true;
    if (lst.tag != PE_TUNDEF) {
        pe_list *l = PE_LIST(lst);
        for (size_t i = 0; i < l->n; i++) {
            pe_tuple *t = PE_TUPLE(l->items[i]);
            if (enc_pair(e, t->items[0], t->items[1], &first)) goto abort;
        }
        pe_decref(e->S, lst);
    } else {
        uint64_t version = d->version;
        size_t pos = 0;
        pe_val k, v;
        while (pe_dict_next(d, &pos, &k, &v)) {
            if (enc_pair(e, k, v, &first)) goto abort;
            if (d->version != version) {
                pe_raise(e->S, PE_EXC(RuntimeError), "dictionary changed size during iteration");
                goto abort;
            }
        }
    }
    return enc_close(e, '}');
abort:
    enc_abort(e);
fail:
    pe_decref(e->S, lst);
    return -1;
}

/* An object JSON cannot represent: default(o), encoded in its place. */
static int enc_default(pe_json_enc *e, pe_val v) {
    if (e->default_fn.tag == PE_TUNDEF || e->default_fn.tag == PE_TNONE)
        return pe_raise(e->S, PE_EXC(TypeError), "Object of type %s is not JSON serializable",
                        pe_type_name(v));
    bool mark = e->check_circular && v.tag == PE_TOBJ;
    if (mark) {
        for (size_t i = 0; i < e->nmarkers; i++)
            if (e->markers[i] == v.u.o)
                return pe_raise(e->S, PE_EXC(ValueError), "Circular reference detected");
    }
    pe_val nv;
    if (pe_call(e->S, e->default_fn, 1, &v, NULL, &nv)) return -1;
    int r = -1;
    if (pe_json_enter(e->S, &e->depth, " while encoding a JSON object")) goto out;
    if (mark) {
        if (e->nmarkers == e->capmarkers && grow_markers(e)) {
            pe_json_leave(e->S, &e->depth);
            goto out;
        }
        e->markers[e->nmarkers++] = v.u.o;
    }
    r = enc_value(e, nv);
    if (mark) e->nmarkers--;
    pe_json_leave(e->S, &e->depth);
out:
    pe_decref(e->S, nv);
    return r;
}

static int enc_value(pe_json_enc *e, pe_val v) {
    switch (v.tag) {
    case PE_TNONE: return pe_sb_putn(&e->sb, "null", 4);
    case PE_TBOOL: return v.u.i ? pe_sb_putn(&e->sb, "true", 4) : pe_sb_putn(&e->sb, "false", 5);
    case PE_TINT: return enc_int64(&e->sb, v.u.i);
    case PE_TFLOAT: return enc_float(e, v.u.f);
    default: break;
    }
    pe_obj *o = v.u.o;
    switch (o->type->kind) {
    case PE_K_STR: return enc_text(e, PE_STR(v)->data, PE_STR(v)->len);
    case PE_K_INT: return enc_intval(e, v);
    case PE_K_LIST: return enc_seq(e, o, PE_LIST(v)->items, PE_LIST(v)->n, true);
    case PE_K_TUPLE: return enc_seq(e, o, PE_TUPLE(v)->items, PE_TUPLE(v)->n, false);
    case PE_K_DICT: return enc_dict(e, PE_DICT(v));
    default: break;
    }
    /* subclasses of int/float/str/tuple: their value (CPython encodes an
     * IntEnum as its int); bytes subclasses go to default() */
    if (pe_is_boxed(v) && !pe_is_bytes(pe_unbox(v))) {
        pe_val b = pe_unbox(v);
        if (!pe_is_tuple(b)) return enc_value(e, b);
        return enc_seq(e, o, PE_TUPLE(b)->items, PE_TUPLE(b)->n, false);
    }
    return enc_default(e, v);
}

int pe_json_encode(pe_json_enc *e, pe_val v, pe_val *out) {
    jenc_table table;
    jenc_table_init(&table);
    e->table = &table;
    e->markers = NULL;
    e->nmarkers = e->capmarkers = 0;
    e->level = e->depth = 0;
    e->work = 0;
    pe_sb_init(&e->sb, e->S);
    int r = enc_value(e, v);
    pe_mem_free(e->S, e->markers, e->capmarkers * sizeof *e->markers);
    if (r) {
        pe_sb_free(&e->sb);
        return -1;
    }
    return pe_sb_to_str(&e->sb, out);
}

/* ------------------------------------------------------------------ */
/* Decoder                                                             */
/* ------------------------------------------------------------------ */

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static size_t skip_ws(const pe_json_dec *d, size_t i) {
    while (i < d->len && is_ws(d->s[i])) i++;
    return i;
}

/* Code point index of byte offset off. */
static int64_t char_pos(const pe_json_dec *d, size_t off) {
    if (PE_STR(d->doc)->ascii) return (int64_t)off;
    return (int64_t)pe_utf8_count(d->s, off);
}

/* Raises JSONDecodeError(msg, doc, pos) at code point pos. */
static int dec_error_at(pe_json_dec *d, const char *msg, int64_t pos) {
    pe_state *S = d->S;
    if (d->errcls.tag == PE_TUNDEF || d->errcls.tag == PE_TNONE)
        return pe_raise(S, PE_EXC(ValueError), "%s (char %lld)", msg, (long long)pos);
    pe_val args[3] = {pe_undef(), d->doc, pe_int(pos)}, exc;
    if (pe_str_from_cstr(S, msg, &args[0])) return -1;
    int r = pe_call(S, d->errcls, 3, args, NULL, &exc);
    pe_decref(S, args[0]);
    if (r) return -1;
    pe_raise_exc(S, exc);
    pe_decref(S, exc);
    return -1;
}

/* The same at byte offset off. */
static int dec_error(pe_json_dec *d, const char *msg, size_t off) {
    return dec_error_at(d, msg, char_pos(d, off));
}

static bool hook_set(pe_val h) { return h.tag != PE_TUNDEF && h.tag != PE_TNONE; }

/* hook(str of s[a..b)) */
static int call_with_text(pe_json_dec *d, pe_val hook, size_t a, size_t b, pe_val *out) {
    pe_val t;
    if (pe_str_new(d->S, d->s + a, b - a, &t)) return -1;
    int r = pe_call(d->S, hook, 1, &t, NULL, out);
    pe_decref(d->S, t);
    return r;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Four hex digits at s[i..i+4) (bounds checked by the caller); -1 if not. */
static int32_t hex4(const char *s, size_t i) {
    int32_t c = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(s[i + k]);
        if (h < 0) return -1;
        c = (c << 4) | h;
    }
    return c;
}

/* A str of the text s[a..b) that holds nchars code points; keys go
 * through the memo of recent keys (repeated keys share one object and its
 * cached hash, as CPython's decoder memoizes them). */
static int dec_make_str(pe_json_dec *d, size_t a, size_t b, size_t nchars, bool key,
                        pe_val *out) {
    size_t n = b - a;
    if (!key || n > 48 || !d->memo) return pe_ps_new_n(d->S, d->s + a, n, nchars, out);
    uint32_t h = 2166136261u;
    for (size_t k = a; k < b; k++) h = (h ^ (unsigned char)d->s[k]) * 16777619u;
    pe_val *slot = &d->memo[h & (PE_JSON_MEMO - 1)];
    if (slot->tag == PE_TOBJ && PE_STR(*slot)->len == n && !memcmp(PE_STR(*slot)->data, d->s + a, n)) {
        pe_incref(*slot);
        *out = *slot;
        return 0;
    }
    if (pe_ps_new_n(d->S, d->s + a, n, nchars, out)) return -1;
    pe_assign(d->S, slot, *out);
    return 0;
}

/* The string whose opening quote is at byte begin-1; *end = after the
 * closing quote. key: an object's key (memoized). */
static int dec_string(pe_json_dec *d, size_t begin, size_t *end, bool key, pe_val *out) {
    const char *s = d->s;
    size_t n = d->len, i = begin, cont = 0;
    /* fast path: no escapes */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\' || (c < 0x20 && d->strict)) break;
        cont += (c & 0xc0) == 0x80;
        i++;
    }
    if (i < n && s[i] == '"') {
        *end = i + 1;
        return dec_make_str(d, begin, i, i - begin - cont, key, out);
    }
    pe_sb sb;
    pe_sb_init(&sb, d->S);
    i = begin;
    for (;;) {
        size_t j = i;
        unsigned char c = 0;
        for (; j < n; j++) {
            c = (unsigned char)s[j];
            if (c == '"' || c == '\\') break;
            if (c < 0x20 && d->strict) {
                pe_sb_free(&sb);
                return dec_error(d, "Invalid control character at", j);
            }
        }
        if (j == n) goto unterminated;
        if (pe_sb_putn(&sb, s + i, j - i)) goto fail;
        j++;
        if (c == '"') {
            *end = j;
            break;
        }
        if (j == n) goto unterminated;
        char e = s[j];
        if (e != 'u') {
            char r;
            switch (e) {
            case '"': r = '"'; break;
            case '\\': r = '\\'; break;
            case '/': r = '/'; break;
            case 'b': r = '\b'; break;
            case 'f': r = '\f'; break;
            case 'n': r = '\n'; break;
            case 'r': r = '\r'; break;
            case 't': r = '\t'; break;
            default: pe_sb_free(&sb); return dec_error(d, "Invalid \\escape", j - 1);
            }
            if (pe_sb_putc(&sb, r)) goto fail;
            i = j + 1;
            continue;
        }
        /* \uXXXX: j at 'u'; digits at j+1..j+5 */
        size_t dstart = j + 1, dend = j + 5;
        if (dend >= n) {
            pe_sb_free(&sb);
            return dec_error(d, "Invalid \\uXXXX escape", j);
        }
        int32_t cp = hex4(s, dstart);
        if (cp < 0) {
            pe_sb_free(&sb);
            return dec_error(d, "Invalid \\uXXXX escape", dend - 5);
        }
        i = dend;
        if (cp >= 0xd800 && cp <= 0xdbff && dend + 6 < n && s[dend] == '\\' &&
            s[dend + 1] == 'u') {
            int32_t c2 = hex4(s, dend + 2);
            if (c2 < 0) {
                pe_sb_free(&sb);
                return dec_error(d, "Invalid \\uXXXX escape", dend + 1);
            }
            if (c2 >= 0xdc00 && c2 <= 0xdfff) {
                cp = 0x10000 + (((cp - 0xd800) << 10) | (c2 - 0xdc00));
                i = dend + 6;
            }
        }
        char buf[4];
        if (pe_sb_putn(&sb, buf, pe_utf8_encode((uint32_t)cp, buf))) goto fail;
    }
    return pe_sb_to_str(&sb, out);
unterminated:
    pe_sb_free(&sb);
    return dec_error(d, "Unterminated string starting at", begin - 1);
fail:
    pe_sb_free(&sb);
    return -1;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Exact powers of ten (every one up to 1e22 is a double). */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Clinger's fast path for a JSON number p[0..n) (valid syntax): when the
 * significant digits fit in 15 decimal digits and the power of ten is
 * exact, one correctly rounded multiplication or division gives the
 * double. false: use the general conversion. */
static bool fast_double(const char *p, size_t n, double *out) {
    uint64_t m = 0;
    int sig = 0, exp10 = 0;
    bool neg = false, frac = false;
    size_t i = 0;
    if (p[0] == '-') neg = true, i++;
    for (; i < n && p[i] != 'e' && p[i] != 'E'; i++) {
        if (p[i] == '.') {
            frac = true;
            continue;
        }
        if (frac) exp10--;
        if (sig == 0 && p[i] == '0') continue;
        if (++sig > 15) return false;
        m = m * 10 + (uint64_t)(p[i] - '0');
    }
    if (i < n) {
        bool eneg = p[++i] == '-';
        if (p[i] == '-' || p[i] == '+') i++;
        int e = 0;
        for (; i < n; i++) {
            if (e > 10000) return false;
            e = e * 10 + (p[i] - '0');
        }
        exp10 += eneg ? -e : e;
    }
    double x = (double)m;
    if (m == 0) exp10 = 0;
    if (exp10 < -22 || exp10 > 22) return false;
    x = exp10 < 0 ? x / pow10_exact[-exp10] : x * pow10_exact[exp10];
    *out = neg ? -x : x;
    return true;
}

/* A number at byte i (CPython's _match_number): 1 = parsed, 0 = no
 * number here ("Expecting value"), -1 error. */
static int dec_number(pe_json_dec *d, size_t start, size_t *end, pe_val *out) {
    const char *s = d->s;
    size_t n = d->len, i = start;
    bool is_float = false;
    if (s[i] == '-') {
        i++;
        if (i >= n) return 0;
    }
    if (s[i] >= '1' && s[i] <= '9') {
        i++;
        while (i < n && is_digit(s[i])) i++;
    } else if (s[i] == '0') {
        i++;
    } else {
        return 0;
    }
    size_t int_end = i;
    if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
        is_float = true;
        i += 2;
        while (i < n && is_digit(s[i])) i++;
    }
    if (i + 1 < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e_start = i++;
        if (i + 1 < n && (s[i] == '-' || s[i] == '+')) i++;
        while (i < n && is_digit(s[i])) i++;
        if (is_digit(s[i - 1])) is_float = true;
        else i = e_start;
    }
    *end = i;
    pe_val hook = is_float ? d->parse_float : d->parse_int;
    if (hook_set(hook)) return call_with_text(d, hook, start, i, out) ? -1 : 1;
    if (!is_float) {
        size_t nd = int_end - start;
        if (nd <= 18) {
            int64_t v = 0;
            for (size_t k = s[start] == '-' ? start + 1 : start; k < int_end; k++)
                v = v * 10 + (s[k] - '0');
            *out = pe_int(s[start] == '-' ? -v : v);
            return 1;
        }
        return pe_int_from_str(d->S, s + start, i - start, 10, out) ? -1 : 1;
    }
    double x;
    if (fast_double(s + start, i - start, &x)) {
        *out = pe_float(x);
        return 1;
    }
    if (i - start < 64) { /* valid decimal syntax: the C library converts it */
        char buf[64];
        memcpy(buf, s + start, i - start);
        buf[i - start] = '\0';
        *out = pe_float(strtod(buf, NULL));
        return 1;
    }
    if (pe_parse_double(s + start, i - start, &x))
        return pe_raise(d->S, PE_EXC(ValueError), "could not convert string to float");
    *out = pe_float(x);
    return 1;
}

/* NaN / Infinity / -Infinity through parse_constant (default: floats). */
static int dec_constant(pe_json_dec *d, const char *name, double x, pe_val *out) {
    if (!hook_set(d->parse_constant)) {
        *out = pe_float(x);
        return 0;
    }
    pe_val t;
    if (pe_str_from_cstr(d->S, name, &t)) return -1;
    int r = pe_call(d->S, d->parse_constant, 1, &t, NULL, out);
    pe_decref(d->S, t);
    return r;
}

static bool has_word(const pe_json_dec *d, size_t i, const char *w, size_t wl) {
    return d->len - i >= wl && !memcmp(d->s + i, w, wl);
}

static int dec_value(pe_json_dec *d, size_t i, size_t *end, pe_val *out);

static int dec_charge(pe_json_dec *d) {
    if (++d->work < 4096) return 0;
    d->work = 0;
    return pe_work(d->S, 4096);
}

/* After an item ending at byte i: 1 = the container's closer follows (at
 * *at), 0 = a ',' and the next item's start is at *at, -1 = error. */
static int dec_next_item(pe_json_dec *d, size_t i, char closer, size_t *at) {
    i = skip_ws(d, i);
    *at = i;
    if (i < d->len && d->s[i] == closer) return 1;
    if (i >= d->len || d->s[i] != ',') return dec_error(d, "Expecting ',' delimiter", i);
    *at = skip_ws(d, i + 1);
    return 0;
}

/* Pushes v (owned) on the item stack; on failure v is released. */
static int dec_push(pe_json_dec *d, pe_val v) {
    if (d->nstk == d->capstk) {
        size_t nc = d->capstk ? d->capstk * 2 : 64;
        pe_val *p = pe_mem_realloc(d->S, d->stk, d->capstk * sizeof *p, nc * sizeof *p);
        if (!p) {
            pe_decref(d->S, v);
            return -1;
        }
        d->stk = p;
        d->capstk = nc;
    }
    d->stk[d->nstk++] = v;
    return 0;
}

/* Drops the stack's items above base. */
static void dec_pop_to(pe_json_dec *d, size_t base) {
    while (d->nstk > base) pe_decref(d->S, d->stk[--d->nstk]);
}

/* The (key, value) pairs on the stack above base as what the object
 * becomes: object_pairs_hook(list of pairs), object_hook(dict), or the
 * dict. The stack items are released. */
static int dec_build_object(pe_json_dec *d, size_t base, pe_val *out) {
    pe_state *S = d->S;
    size_t n = (d->nstk - base) / 2;
    bool pairs = hook_set(d->pairs_hook);
    pe_val acc;
    int r = pairs ? pe_list_new(S, n, &acc) : pe_dict_new_presized(S, n, &acc);
    for (size_t k = 0; k < n && !r; k++) {
        pe_val *kv = d->stk + base + 2 * k;
        if (!pairs) {
            r = pe_dict_set(S, PE_DICT(acc), kv[0], kv[1]);
            continue;
        }
        pe_val t;
        r = pe_tuple_pack(S, 2, kv, &t);
        if (!r) {
            r = pe_list_append(S, PE_LIST(acc), t);
            pe_decref(S, t);
        }
    }
    dec_pop_to(d, base);
    if (r) {
        if (acc.tag == PE_TOBJ) pe_decref(S, acc);
        return -1;
    }
    pe_val hook = pairs ? d->pairs_hook : d->object_hook;
    if (!hook_set(hook)) {
        *out = acc;
        return 0;
    }
    r = pe_call(S, hook, 1, &acc, NULL, out);
    pe_decref(S, acc);
    return r;
}

/* The array or object whose opening bracket is at byte i-1: items (keys
 * and values) are gathered on the item stack, then moved into a list of
 * the exact size or a presized dict (dec_build_object). */
static int dec_container(pe_json_dec *d, size_t i, bool obj, size_t *end, pe_val *out) {
    size_t base = d->nstk;
    char closer = obj ? '}' : ']';
    i = skip_ws(d, i);
    if (i >= d->len || d->s[i] != closer) {
        for (;;) {
            size_t next;
            pe_val v;
            int r;
            if (obj) {
                if (i >= d->len || d->s[i] != '"') {
                    dec_error(d, "Expecting property name enclosed in double quotes", i);
                    goto fail;
                }
                if (dec_string(d, i + 1, &next, true, &v) || dec_push(d, v)) goto fail;
                i = skip_ws(d, next);
                if (i >= d->len || d->s[i] != ':') {
                    dec_error(d, "Expecting ':' delimiter", i);
                    goto fail;
                }
                i = skip_ws(d, i + 1);
            }
            if (dec_value(d, i, &next, &v) || dec_push(d, v) || dec_charge(d) ||
                (r = dec_next_item(d, next, closer, &i)) < 0)
                goto fail;
            if (r) break;
        }
    }
    *end = i + 1;
    if (obj) return dec_build_object(d, base, out);
    size_t n = d->nstk - base;
    if (pe_list_new(d->S, n, out)) goto fail;
    if (n) memcpy(PE_LIST(*out)->items, d->stk + base, n * sizeof(pe_val));
    PE_LIST(*out)->n = n;
    d->nstk = base;
    return 0;
fail:
    dec_pop_to(d, base);
    return -1;
}

/* The literal names: null, true, false and the constants that go through
 * parse_constant (kind 3). */
static const struct {
    const char *word;
    unsigned char len, kind;
    double x;
} json_words[] = {
    {"null", 4, 0, 0.0},     {"true", 4, 1, 0.0},          {"false", 5, 2, 0.0},
    {"NaN", 3, 3, NAN},      {"Infinity", 8, 3, INFINITY}, {"-Infinity", 9, 3, -INFINITY},
};

/* Any value at byte i (no whitespace skipped): CPython's scan_once. */
static int dec_value(pe_json_dec *d, size_t i, size_t *end, pe_val *out) {
    if (i >= d->len) return dec_error(d, "Expecting value", i);
    char c = d->s[i];
    if (c == '"') return dec_string(d, i + 1, end, false, out);
    if (c == '{' || c == '[') {
        if (pe_json_enter(d->S, &d->depth, c == '{'
                                         ? " while decoding a JSON object from a unicode string"
                                         : " while decoding a JSON array from a unicode string"))
            return -1;
        int r = dec_container(d, i + 1, c == '{', end, out);
        pe_json_leave(d->S, &d->depth);
        return r;
    }
    for (size_t k = 0; k < sizeof json_words / sizeof json_words[0]; k++) {
        if (c != json_words[k].word[0] || !has_word(d, i, json_words[k].word, json_words[k].len))
            continue;
        *end = i + json_words[k].len;
        switch (json_words[k].kind) {
        case 0: *out = pe_none(); return 0;
        case 1: *out = pe_bool(1); return 0;
        case 2: *out = pe_bool(0); return 0;
        default: return dec_constant(d, json_words[k].word, json_words[k].x, out);
        }
    }
    int r = dec_number(d, i, end, out);
    if (r == 0) return dec_error(d, "Expecting value", i);
    return r < 0 ? -1 : 0;
}

static int dec_run(pe_json_dec *d, int64_t idx, bool whole, pe_val *out) {
    pe_str *str = PE_STR(d->doc);
    if (idx < 0) return pe_raise(d->S, PE_EXC(ValueError), "idx cannot be negative");
    if ((size_t)idx >= str->nchars && !whole) return dec_error_at(d, "Expecting value", idx);
    size_t i = str->ascii ? (size_t)idx : pe_utf8_step(d->s, 0, idx);
    if (whole) i = skip_ws(d, i);
    size_t end;
    pe_val v;
    if (dec_value(d, i, &end, &v)) return -1;
    if (whole) {
        end = skip_ws(d, end);
        if (end != d->len) {
            pe_decref(d->S, v);
            return dec_error(d, "Extra data", end);
        }
        *out = v;
        return 0;
    }
    pe_val pair[2] = {v, pe_int(char_pos(d, end))};
    int r = pe_tuple_pack(d->S, 2, pair, out);
    pe_decref(d->S, v);
    return r;
}

int pe_json_decode(pe_json_dec *d, pe_val doc, int64_t idx, bool whole, pe_val *out) {
    pe_str *str = PE_STR(doc);
    d->doc = doc;
    d->s = str->data;
    d->len = str->len;
    d->work = 0;
    d->depth = 0;
    d->stk = NULL;
    d->nstk = d->capstk = 0;
    /* the key memo pays off on documents of some size only */
    d->memo = NULL;
    if (str->len >= 4096) {
        d->memo = pe_mem_alloc(d->S, PE_JSON_MEMO * sizeof(pe_val));
        if (!d->memo) return -1;
        for (size_t k = 0; k < PE_JSON_MEMO; k++) d->memo[k] = pe_undef();
    }
    int r = dec_run(d, idx, whole, out);
    if (d->memo) {
        for (size_t k = 0; k < PE_JSON_MEMO; k++) pe_decref(d->S, d->memo[k]);
        pe_mem_free(d->S, d->memo, PE_JSON_MEMO * sizeof(pe_val));
    }
    pe_mem_free(d->S, d->stk, d->capstk * sizeof(pe_val));
    return r;
}
