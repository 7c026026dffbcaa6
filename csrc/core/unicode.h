/*
 * unicode.h - the Unicode character database beyond the str predicates
 * (those are in pe_str.h): per-code-point records, decompositions,
 * canonical composition and character names, for the `unicodedata` module
 * and \N{...} escapes. Everything reads the one generated table
 * (unicode_db.h, tools/gen_unicode_db.py), through unicode.c.
 */
#ifndef PE_UNICODE_H
#define PE_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "unicode_db.h"

/* The record of c (a code point < 0x110000). */
const pe_uni_record *pe_uni_props(uint32_t c);
/* "Lu", "L"/"" (bidirectional), "Na" (east asian width) of a record. */
const char *pe_uni_category_name(const pe_uni_record *r);
const char *pe_uni_bidi_name(const pe_uni_record *r);
const char *pe_uni_eaw_name(const pe_uni_record *r);
/* The numeric value as a double (num / den); false if none. */
bool pe_uni_numeric_value(const pe_uni_record *r, double *out);
/* The one-level decomposition mapping of c as UnicodeData.txt has it
 * (Hangul syllables excluded): the number of code points written to cps
 * (0: none), *tag "<compat>" & co or "" for a canonical mapping. */
int pe_uni_decomposition(uint32_t c, const char **tag, uint32_t cps[PE_UNI_DECOMP_ONE_MAX]);
/* The primary composite of (a, b), Hangul included; 0 if none. */
uint32_t pe_uni_compose(uint32_t a, uint32_t b);
/* Hangul syllables: the algorithmic decomposition into 2 or 3 jamo. */
#define PE_UNI_SBASE 0xAC00u
#define PE_UNI_SCOUNT 11172u
int pe_uni_hangul_decompose(uint32_t c, uint32_t out[3]);
/* The name of c into buf (NUL-terminated); its length, 0 if c has none. */
size_t pe_uni_name(uint32_t c, char buf[PE_UNI_NAME_MAX]);
/* The code points named name[0..n) (case-insensitive as CPython's lookup;
 * with_seqs: named sequences too, else only characters and aliases): the
 * count written to out, 0 if no such name. */
int pe_uni_lookup(const char *name, size_t n, bool with_seqs, uint32_t out[PE_UNI_SEQ_MAX]);

#endif /* PE_UNICODE_H */
