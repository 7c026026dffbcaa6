/*
 * re_impl.h - the compiled form of a regular expression, shared by
 * re_compile.c (which builds it) and re_exec.c (which runs it). Private
 * to the re_*.c files.
 *
 * A program is an array of 32-bit words. Single-character instructions
 * are exactly two words (op, argument) so RO_STAR can find the
 * instruction it repeats and the tail after it.
 */
#ifndef PE_RE_IMPL_H
#define PE_RE_IMPL_H

#include "pe_re.h"

enum re_op {
    /* single-character tests: op, arg */
    RO_CHAR,      /* ch == arg */
    RO_NOTCHAR,   /* ch != arg (end of subject never matches) */
    RO_CHAR_I,    /* lower(ch) == arg (unicode simple lower case) */
    RO_NOTCHAR_I,
    RO_CHAR_AI,   /* ascii_lower(ch) == arg */
    RO_NOTCHAR_AI,
    RO_ANY,       /* anything but '\n' (arg unused) */
    RO_ANYALL,    /* anything */
    RO_SET,       /* sets[arg] */
    RO__SINGLE_END,
    /* others */
    RO_AT = RO__SINGLE_END, /* kind (RA_*) */
    RO_SPLIT,     /* x y: continue at x, on failure at y */
    RO_JMP,       /* x */
    RO_SAVE,      /* slot: 2g start of group g, 2g+1 end */
    RO_REF,       /* group: backreference */
    RO_REF_I,
    RO_REF_AI,
    RO_RINIT,     /* reg: a general repeat starts (count -1, last -1) */
    RO_UNTIL,     /* reg min max greedy body: one more iteration or the tail (next pc) */
    RO_STAR,      /* min max greedy: the single-char insn that follows, repeated; tail after it */
    RO_LOOK,      /* neg behind width end: body follows, closed by RO_LOOKEND */
    RO_LOOKEND,
    RO_ATOMIC,    /* end: body follows, closed by RO_ATOMICEND */
    RO_ATOMICEND,
    RO_COND,      /* group no: yes-branch follows (it jumps over the no-branch) */
    RO_MATCH
};

enum re_at {
    RA_BEGIN, RA_BEGIN_LINE, RA_END, RA_END_DOLLAR, RA_END_LINE,
    RA_BOUND, RA_NBOUND, RA_BOUND_A, RA_NBOUND_A
};

/* Character categories (bit numbers in re_set.cats). */
enum re_cat {
    RC_DIGIT, RC_NOT_DIGIT, RC_SPACE, RC_NOT_SPACE, RC_WORD, RC_NOT_WORD, /* unicode */
    RC_A_DIGIT, RC_A_NOT_DIGIT, RC_A_SPACE, RC_A_NOT_SPACE, RC_A_WORD, RC_A_NOT_WORD
};

/* How a set looks at the character: as is, ASCII-lowered, Unicode-lowered. */
enum { RS_RAW, RS_LOWER_A, RS_LOWER_U };

typedef struct re_set {
    uint32_t mode, negate, cats;
    uint32_t nr, roff;  /* sorted disjoint ranges lo,hi in prog->ranges */
    uint32_t nu, uoff;  /* "uni ignore" ranges: ch or upper(ch) in [lo, hi] */
    uint8_t low[32];    /* the whole test's result for ch < 256 */
} re_set;

struct pe_re_prog {
    uint32_t *code;
    size_t ncode;
    re_set *sets;
    size_t nsets;
    uint32_t *ranges;
    size_t nranges; /* words */
    uint32_t nregs;
    uint32_t *namebuf; /* name_group, name_off, name_len, names */
    size_t namebuf_words;
    bool anchored;     /* starts with \A: search tries pos only */
    int64_t first;     /* a literal every match starts with, or -1 */
    int64_t firstpc;   /* a single-char insn every match starts with, or -1 */
    pe_re_info info;
};

bool pe_re_set_test(const pe_re_prog *p, const re_set *s, uint32_t ch);
bool pe_re_cat_test(int cat, uint32_t ch);
uint32_t pe_re_upper(uint32_t c);

#endif /* PE_RE_IMPL_H */
