/*
 * pe_re.h - the regular-expression engine behind the `re` module:
 * re_compile.c parses a pattern with CPython 3.11's `re` syntax (and its
 * error messages and positions) and compiles it into a small program;
 * re_exec.c runs that program with a backtracking matcher whose
 * backtrack stack lives on the heap (no C recursion while matching) and
 * which charges the state's step/time/memory limits. mod_re.c is the
 * module glue (Pattern and Match objects, sub templates, the cache).
 */
#ifndef PE_RE_H
#define PE_RE_H

#include "pe_internal.h"

/* CPython's flag values (re.RegexFlag). */
enum {
    PE_RE_TEMPLATE = 1, PE_RE_IGNORECASE = 2, PE_RE_LOCALE = 4, PE_RE_MULTILINE = 8,
    PE_RE_DOTALL = 16, PE_RE_UNICODE = 32, PE_RE_VERBOSE = 64, PE_RE_DEBUG = 128,
    PE_RE_ASCII = 256
};
/* _sre.MAXREPEAT: "{m,n}" bounds must be below it; it also means "no max". */
#define PE_RE_MAXREPEAT 4294967295u

/* A compile error: what CPython raises, not yet raised (the glue builds
 * re.error(msg, pattern, pos) from it). kind: 0 re.error, 1 OverflowError,
 * 2 ValueError, 3 RecursionError. pos -1: no position. */
typedef struct pe_re_err {
    int kind;
    int64_t pos;
    pe_sb msg; /* the caller inits and frees it */
} pe_re_err;

typedef struct pe_re_prog pe_re_prog;

/* Program facts the glue needs. */
typedef struct pe_re_info {
    uint32_t ngroups;   /* capturing groups (group 0 excluded) */
    uint32_t flags;     /* final flags (UNICODE added for str patterns) */
    uint32_t nnames;    /* named groups, in order of definition */
    const uint32_t *name_group; /* group number of each name */
    const uint32_t *name_off;   /* offset/length of each name in names[] */
    const uint32_t *name_len;
    const uint32_t *names;      /* code points */
} pe_re_info;

/* Compiles pat[0..n) (code points; bytes patterns pass latin-1 code
 * points with is_bytes). Returns 0 with *out, 1 with *err filled (no
 * exception pending), or -1 with an exception pending (MemoryError,
 * limits). */
int pe_re_compile(pe_state *S, const uint32_t *pat, size_t n, uint32_t flags, bool is_bytes,
                  pe_re_prog **out, pe_re_err *err);
void pe_re_free(pe_state *S, pe_re_prog *p);
const pe_re_info *pe_re_prog_info(const pe_re_prog *p);

/* A subject: one of s8 (ASCII str or bytes) / s32 (other str), len chars. */
typedef struct pe_re_subject {
    const uint8_t *s8;
    const uint32_t *s32;
    size_t len;
} pe_re_subject;

enum { PE_RE_MATCH = 0, PE_RE_SEARCH = 1, PE_RE_FULLMATCH = 2 };

/* Runs p on subj between pos and endpos (0 <= pos <= endpos <= len).
 * must_advance: an empty match at pos is refused (finditer/sub after an
 * empty match). spans[0..2*(ngroups+1)) receive start/end of each group
 * (-1 unset); *lastindex the group closed last (-1 none). Returns 1
 * matched, 0 no match, -1 error (LimitError, MemoryError, interrupt). */
int pe_re_exec(pe_state *S, const pe_re_prog *p, const pe_re_subject *subj, size_t pos,
               size_t endpos, int mode, bool must_advance, int64_t *spans, int64_t *lastindex);

/* re.Pattern and re.Match (mod_re.c): generic in annotations (re.Pattern[str]). */
extern const pe_type pe_re_type_pattern, pe_re_type_match;

/* Unicode helpers shared by the engine and the glue (re_compile.c). */
uint32_t pe_re_lower(uint32_t c);     /* sre's simple lower case */
bool pe_re_isword(uint32_t c, bool ascii);

#endif /* PE_RE_H */
