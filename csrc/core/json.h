/*
 * json.h - the JSON encoder and decoder (json.c), used by the `_json`
 * helper module (mod_json.c). Private to the engine.
 */
#ifndef PE_JSON_H
#define PE_JSON_H

#include "pe_internal.h"

struct jenc_table;

/* Encoder options and working state. The caller fills the options; the
 * rest is pe_json_encode's. */
typedef struct pe_json_enc {
    pe_state *S;
    /* options */
    bool skipkeys, ensure_ascii, check_circular, allow_nan, sort_keys;
    bool pymode;         /* CPython's pure-Python encoder's wording (indent, dump) */
    const char *indent;  /* NULL: no indent (compact); else the indent unit */
    size_t indent_len;
    const char *key_sep, *item_sep;
    size_t key_sep_len, item_sep_len;
    pe_val default_fn;   /* callable, or None/UNDEF: TypeError "not JSON serializable" */
    /* state */
    const struct jenc_table *table;
    pe_sb sb;
    pe_obj **markers; /* containers being encoded (the circular check) */
    size_t nmarkers, capmarkers;
    int level, depth;
    uint32_t work;
} pe_json_enc;

/* Nesting levels the encoder and decoder go through at most, whatever the
 * depth limit (max_depth may be up to 10**6; the C stack holds far fewer
 * native levels): deeper is RecursionError, as beyond the depth limit. */
#define PE_JSON_MAX_NESTING 10000

/* pe_recursion_enter with the JSON bound on top (*depth counts levels). */
int pe_json_enter(pe_state *S, int *depth, const char *where);
void pe_json_leave(pe_state *S, int *depth);

/* json.dumps(v) with e's options: *out a new str. */
int pe_json_encode(pe_json_enc *e, pe_val v, pe_val *out);

/* Decoder options. Hooks are callables or None/UNDEF (the default). */
typedef struct pe_json_dec {
    pe_state *S;
    bool strict;
    pe_val object_hook, pairs_hook, parse_float, parse_int, parse_constant;
    pe_val errcls; /* JSONDecodeError (called with msg, doc, pos); None: ValueError */
    /* state */
    pe_val doc;
    const char *s;
    size_t len;
    uint32_t work;
    int depth;
    pe_val *stk; /* items of the containers being built */
    size_t nstk, capstk;
    pe_val *memo; /* PE_JSON_MEMO recent keys (str or UNDEF), by hash */
} pe_json_dec;

#define PE_JSON_MEMO 1024

/* Decodes str doc starting at code point idx. whole: skip whitespace
 * around the value and require the end of the text ("Extra data"),
 * *out = the value; else (raw_decode) *out = (value, end index). */
int pe_json_decode(pe_json_dec *d, pe_val doc, int64_t idx, bool whole, pe_val *out);

#endif /* PE_JSON_H */
