/*
 * pe_str.h - str objects (str.c).
 * One area of the engine's internal object model; include pe_internal.h,
 * which includes every area in order.
 */
#ifndef PE_STR_H
#define PE_STR_H

#include "pe_exc.h"

/* ------------------------------------------------------------------ */
/* Strings (str.c): UTF-8 storage, lengths in code points              */
/* ------------------------------------------------------------------ */

typedef struct pe_str {
    pe_obj ob;
    size_t len;    /* bytes, excluding the trailing NUL */
    size_t nchars; /* code points */
    int64_t hash;  /* -1: not computed yet */
    uint8_t ascii; /* 1: len == nchars */
    uint8_t grown; /* str.c: allocation rounded up by in-place appends */
    char data[];   /* NUL-terminated UTF-8 */
} pe_str;
/* Bytes before the text: a str of n bytes takes PE_STR_HEAD + n + 1 (58 +
 * n + 1, not sizeof(pe_str) + n + 1: the text starts in the struct's tail
 * padding, so a string of up to 5 bytes fits a 64-byte block). */
#define PE_STR_HEAD offsetof(pe_str, data)

#define PE_STR(v) ((pe_str *)(v).u.o)
/* A static immortal str of up to 15 bytes of ASCII (same layout as pe_str;
 * its hash is computed on demand and never cached). */
typedef struct pe_static_str {
    pe_obj ob;
    size_t len, nchars;
    int64_t hash;
    uint8_t ascii, grown;
    char data[16];
} pe_static_str;
_Static_assert(offsetof(pe_static_str, data) == offsetof(pe_str, data), "pe_static_str layout");
#define PE_STATIC_STR(s) {PE_STATIC_HEAD(&pe_type_str), sizeof(s) - 1, sizeof(s) - 1, -1, 1, 0, s}
/* Adds CPython's "Did you mean" hint for `obj.name` to the pending
 * AttributeError (candidates: CPython's dir(obj), csrc/dir_names.h). */
void pe_attr_error_suggest(pe_state *S, pe_val obj, const pe_str *name);
/* Sets .name (and .obj when obj is not UNDEF) of the pending NameError,
 * AttributeError or ImportError, as CPython does for the errors it raises. */
void pe_exc_set_name(pe_state *S, const char *name, pe_val obj);
PE_INLINE bool pe_is_str(pe_val v) { return pe_is_kind(v, PE_K_STR); }

/* New str from valid UTF-8 bytes (not validated: callers guarantee). */
int pe_str_new(pe_state *S, const char *s, size_t len, pe_val *out);
int pe_str_from_cstr(pe_state *S, const char *s, pe_val *out);
/* byte-equality of two str objects */
bool pe_str_eq(const pe_str *a, const pe_str *b);
/* Appends repr(s) with CPython's quote choice and escapes. */
int pe_str_repr(pe_state *S, const pe_str *s, pe_sb *sb);
/* The same for text p[0..len) (generalised UTF-8). */
int pe_text_repr(pe_sb *sb, const char *p, size_t len);
/* A new str or bytes shell: head bytes, then len + 1 for the text and its
 * NUL (MemoryError past SIZE_MAX / 2). */
PE_INLINE pe_obj *pe_text_obj_new(pe_state *S, const pe_type *t, size_t head, size_t len) {
    if (len > SIZE_MAX / 2) {
        pe_raise_nomem(S);
        return NULL;
    }
    return pe_obj_new(S, t, head + len + 1);
}
/* Allocates a str of len bytes, data[len] = NUL, contents uninitialised:
 * fill data[0..len) with valid UTF-8, then call pe_str_finish (computes
 * nchars/ascii) before the string is used. NULL + MemoryError on failure. */
pe_str *pe_str_alloc(pe_state *S, size_t len);
void pe_str_finish(pe_str *s);
/* SipHash-1-3 (fixed key) of the UTF-8 bytes, never -1. Cached in s->hash
 * unless s is immortal (shared read-only constants are never written). */
int64_t pe_str_hash(pe_str *s);
/* `s += t` / `s = s + t` for two strs when the caller owns the ONLY
 * reference to *a (rc 1; the VM drops the variable's own reference first,
 * as CPython's unicode_concatenate): appends in place, with amortised
 * growth when `grow` (an accumulator: the result goes back to the
 * variable), else to the exact size (a temporary such as str(i) + ",",
 * which is not appended to again). Otherwise (shared, immortal, a is b)
 * *a = a + b. The old *a is consumed on success; on error -1 and *a is
 * left as it was. */
int pe_str_concat_inplace(pe_state *S, pe_val *a, pe_val b, bool grow);
/* BUILD_STRING: concatenation of n str values (TypeError if one is not). */
int pe_str_join_n(pe_state *S, size_t n, const pe_val *parts, pe_val *out);
/* sep.join(parts) (sep NULL: ""); TypeError "sequence item 1: expected str
 * instance, int found" for a non-str part. */
int pe_str_join_sep(pe_state *S, const pe_str *sep, size_t n, const pe_val *parts, pe_val *out);
/* f-string / format() glue. conv: 0, 's', 'r' or 'a'; spec: a str or
 * PE_TUNDEF. *out = format(conv(v), spec). */
int pe_format_value(pe_state *S, pe_val v, int conv, pe_val spec, pe_val *out);
/* A module (type pe_type_module, import.c). Static modules (math, sys)
 * answer attributes through lookup (0 found with a new reference,
 * PE_NOTIMPL missing, -1 error); the others hold them in dict and, for a
 * module written in Python, in the global slots of its code. */
typedef struct pe_module {
    pe_obj ob;
    const char *name;
    int (*lookup)(pe_state *S, const char *name, pe_val *out);
    pe_val dict;            /* attributes outside the slots: a dict or UNDEF */
    pe_val slotmap;         /* Python module: global name -> slot index (dict) */
    struct pe_code *code;   /* Python module: its program (retained) or NULL */
    pe_val *globals;        /* Python module: code->nglobals slots */
    pe_val namekey;         /* host module: the str its name points into */
} pe_module;
/* The math module (mathmodule.c): a static, allocation-free module object. */
int pe_math_module(pe_state *S, pe_val *out);
/* The sys module (sysmodule.c): static too; its per-state parts (argv,
 * the recursion limit) live in the state. */
int pe_sys_module(pe_state *S, pe_val *out);
/* print(file=...): 1 for sys.stdout, 2 for sys.stderr, 0 for anything else. */
int pe_sys_stream_fd(pe_val v);
/* Drops the state's sys.argv list (end of a run, pe_reset, pe_set_argv). */
void pe_sys_clear(pe_state *S);
/* Frees the argv strings too (pe_state_free). */
void pe_sys_fini(pe_state *S);
/* Appends format(v, spec): int/bool -> pe_format_int (bool with an empty
 * spec -> "True"), float -> pe_format_float, str -> pe_format_str, others:
 * empty spec -> str(v), else TypeError "unsupported format string passed
 * to list.__format__". */
int pe_format(pe_state *S, pe_val v, const char *spec, size_t speclen, pe_sb *sb);
/* ascii(v): repr(v) with non-ASCII escaped as \xNN, \uNNNN, \UNNNNNNNN. */
int pe_ascii(pe_state *S, pe_val v, pe_sb *sb);
/* chr(i): ValueError "chr() arg not in range(0x110000)". */
int pe_chr(pe_state *S, int64_t c, pe_val *out);
/* ord(v): TypeError "ord() expected a character, but string of length 2
 * found" / "ord() expected string of length 1, but int found". */
int pe_ord(pe_state *S, pe_val v, pe_val *out);
/* Decodes a string literal body (the text between the quotes, valid UTF-8)
 * into a str. raw: no escape processing. Escapes: \n \t \r \\ \' \" \a \b \f
 * \v \ooo \xhh \uXXXX \UXXXXXXXX, backslash-newline; unknown escapes are
 * kept verbatim; \N{...} is not supported (error below).
 * Returns 0 with *out set, or -1:
 *  - *errmsg == NULL: an exception (MemoryError) is pending;
 *  - *errmsg != NULL: bad escape, NO exception pending. *errmsg is the full
 *    SyntaxError message, e.g. "(unicode error) 'unicodeescape' codec can't
 *    decode bytes in position 0-1: truncated \xXX escape"; it lives in a
 *    str object stored in *out, which the caller must pe_decref after use.
 *    *erroff = byte offset of the offending backslash in body. */
int pe_str_decode_literal(pe_state *S, const char *body, size_t len, bool raw, pe_val *out,
                          const char **errmsg, size_t *erroff);

/* UTF-8: encode, decode, validate, count (utf8.c). */
#include "utf8.h"

/* Unicode character database (unicode.c + generated unicode_db.h; the
 * version of the CPython that generated it). */
bool pe_uni_isspace_nonascii(uint32_t c);
/* str.isspace(), split()/strip(): ASCII inline (the common case) */
PE_INLINE bool pe_uni_isspace(uint32_t c) {
    if (c < 128) return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    return pe_uni_isspace_nonascii(c);
}
bool pe_uni_isalpha(uint32_t c);
bool pe_uni_isprintable(uint32_t c);
bool pe_uni_isidstart(uint32_t c);   /* XID_Start (without '_') */
bool pe_uni_isidcontinue(uint32_t c); /* XID_Continue */
int pe_uni_decimal(uint32_t c);      /* decimal digit value 0..9, or -1 */

#endif /* PE_STR_H */
