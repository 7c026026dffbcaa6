/*
 * str_impl.h - helpers shared by the str implementation files only
 * (str.c: object, slots, Unicode database, literals; str_methods.c: the
 * methods; str_format.c: printf-style '%', str.format and format glue).
 * Prefix ps_ ("pyexpr string"). Not part of the engine-wide interface.
 */
#ifndef PE_STR_IMPL_H
#define PE_STR_IMPL_H

#include "pe_vm.h"

/* A code point view of a str: byte range [p, p+len) holding n code points. */
typedef struct ps_view {
    const char *p;
    size_t len;
    size_t n;
    bool ascii;
} ps_view;

PE_INLINE ps_view ps_view_of(const pe_str *s) {
    ps_view v = {s->data, s->len, s->nchars, s->ascii != 0};
    return v;
}

/* Byte offset of code point i (0 <= i <= nchars) in s. O(1) when ascii. */
size_t pe_ps_offset(const char *p, size_t len, size_t nchars, bool ascii, size_t i);
PE_INLINE size_t ps_str_offset(const pe_str *s, size_t i) {
    return pe_ps_offset(s->data, s->len, s->nchars, s->ascii != 0, i);
}

/* New str from a byte range of valid UTF-8 with a known code point count. */
int pe_ps_new_n(pe_state *S, const char *p, size_t len, size_t nchars, pe_val *out);
/* New str holding the code points [i, j) of s (0 <= i <= j <= nchars);
 * returns s itself (new ref) when the range is all of s. */
int pe_ps_substr(pe_state *S, pe_str *s, size_t i, size_t j, pe_val *out);
/* New one-code-point str. */
int pe_ps_from_cp(pe_state *S, uint32_t c, pe_val *out);
/* Appends the UTF-8 of code point c. */
int pe_ps_sb_putcp(pe_sb *sb, uint32_t c);
/* Appends a str's bytes. */
PE_INLINE int ps_sb_putstr(pe_sb *sb, const pe_str *s) { return pe_sb_putn(sb, s->data, s->len); }

/* Unicode flag lookup (PE_UF_* of unicode_db.h). */
unsigned pe_ps_uni_flags(uint32_t c);
/* Full case mappings: write 1..3 code points to out, return the count.
 * kinds: 0 upper, 1 lower, 2 title, 3 casefold. */
int pe_ps_uni_map(uint32_t c, int kind, uint32_t out[3]);
enum { PS_UPPER = 0, PS_LOWER = 1, PS_TITLE = 2, PS_FOLD = 3 };

/* The iterator types (str.c). */
extern const pe_type pe_ps_type_str_iter, pe_ps_type_str_ascii_iter;

/* Method table (str_methods.c). */
extern const pe_cfunc pe_ps_str_methods[];

/* str.format, str.format_map, str.__format__ (str_format.c). */
int pe_ps_str_format_method(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                         pe_val *out);
int pe_ps_str_format_map_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                             pe_obj *kwnames, pe_val *out);
int pe_ps_str_dunder_format(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                         pe_val *out);

/* '%' operator (str_format.c): *out = fmt % args. */
int pe_ps_percent_format(pe_state *S, pe_str *fmt, pe_val args, pe_val *out);

/* Argument conversion shared by the method files. */
/* (pe_ps_arg_ssize, shared with the containers: pe_proto.h) */
/* Same with C int range ("... to C int"). */
int pe_ps_arg_int(pe_state *S, pe_val v, int *out);

#endif /* PE_STR_IMPL_H */
