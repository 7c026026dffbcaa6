/*
 * re_exec.c - the backtracking matcher of the `re` module.
 *
 * One loop runs the program of re_impl.h. Choice points and the undo
 * records of every change (group slots, repeat registers, lastindex) go
 * on one backtrack stack in the state's counted heap, so matching never
 * recurses in C and its memory is charged to the state's limit. Every
 * instruction counts as one unit of native work (pe_work), so a
 * catastrophic pattern stops at the step or time limit with LimitError
 * (CPython's re would run until done).
 *
 * Semantics follow CPython 3.11's sre: the same repeat rules (an
 * iteration that matched the empty string ends a repeat), lookbehind of
 * fixed width, atomic groups and possessive repeats as a cut of the
 * choice points, the "must advance" rule after an empty match.
 */
#include "re_impl.h"
#include "pe_vm.h"

enum { BT_ALT, BT_SLOT, BT_REG, BT_LAST, BT_LAZY, BT_STARG, BT_STARL, BT_LOOK, BT_ATOMIC };

typedef struct bt {
    uint32_t kind, pc;
    int64_t a, b;
} bt;

typedef struct rx {
    pe_state *S;
    const pe_re_prog *p;
    const uint8_t *s8;
    const uint32_t *s32;
    size_t end, start;
    int64_t *slots, *regs, lastindex;
    bt *stk;
    size_t n, cap;
    bool heap; /* stk is on the heap (else the inline buffer) */
    int64_t barrier;
    bool full, must_advance;
} rx;

#define CH(x, i) ((x)->s8 ? (uint32_t)(x)->s8[i] : (x)->s32[i])

static int rx_push(rx *X, uint32_t kind, uint32_t pc, int64_t a, int64_t b) {
    if (PE_UNLIKELY(X->n == X->cap)) {
        size_t nc = X->cap * 2;
        bt *ns;
        if (X->heap) {
            ns = pe_mem_realloc(X->S, X->stk, X->cap * sizeof(bt), nc * sizeof(bt));
        } else {
            ns = pe_mem_alloc(X->S, nc * sizeof(bt));
            if (ns) memcpy(ns, X->stk, X->n * sizeof(bt));
        }
        if (!ns) return -1;
        X->stk = ns;
        X->cap = nc;
        X->heap = true;
    }
    X->stk[X->n++] = (bt){kind, pc, a, b};
    return 0;
}

static bool rx_single(const rx *X, const uint32_t *ins, size_t sp) {
    if (sp >= X->end) return false;
    uint32_t ch = CH(X, sp);
    switch (ins[0]) {
    case RO_CHAR: return ch == ins[1];
    case RO_NOTCHAR: return ch != ins[1];
    case RO_CHAR_I: return pe_re_lower(ch) == ins[1];
    case RO_NOTCHAR_I: return pe_re_lower(ch) != ins[1];
    case RO_CHAR_AI: return (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) == ins[1];
    case RO_NOTCHAR_AI: return (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) != ins[1];
    case RO_ANY: return ch != '\n';
    case RO_ANYALL: return true;
    default: return pe_re_set_test(X->p, &X->p->sets[ins[1]], ch);
    }
}

static bool rx_word_at(const rx *X, size_t i, bool ascii) {
    return pe_re_isword(CH(X, i), ascii);
}

static bool rx_at(const rx *X, uint32_t kind, size_t sp) {
    size_t end = X->end;
    switch (kind) {
    case RA_BEGIN: return sp == 0;
    case RA_BEGIN_LINE: return sp == 0 || CH(X, sp - 1) == '\n';
    case RA_END: return sp == end;
    case RA_END_DOLLAR: return sp == end || (sp + 1 == end && CH(X, sp) == '\n');
    case RA_END_LINE: return sp == end || CH(X, sp) == '\n';
    default: {
        if (end == 0) return false;
        bool ascii = kind == RA_BOUND_A || kind == RA_NBOUND_A;
        bool that = sp > 0 && rx_word_at(X, sp - 1, ascii);
        bool thisw = sp < end && rx_word_at(X, sp, ascii);
        return (kind == RA_BOUND || kind == RA_BOUND_A) ? that != thisw : that == thisw;
    }
    }
}

static uint32_t rx_fold(uint32_t op, uint32_t c) {
    if (op == RO_REF_I) return pe_re_lower(c);
    if (op == RO_REF_AI) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    return c;
}

/* Removes the choice points above the barrier at index bar (and the
 * barrier), keeping the undo records. */
static void rx_cut(rx *X, size_t bar) {
    size_t w = bar;
    for (size_t i = bar + 1; i < X->n; i++) {
        uint32_t k = X->stk[i].kind;
        if (k == BT_SLOT || k == BT_REG || k == BT_LAST) X->stk[w++] = X->stk[i];
    }
    X->n = w;
}

static void rx_undo(rx *X, const bt *e) {
    switch (e->kind) {
    case BT_SLOT: X->slots[e->pc] = e->a; break;
    case BT_REG:
        X->regs[2 * e->pc] = e->a;
        X->regs[2 * e->pc + 1] = e->b;
        break;
    case BT_LAST: X->lastindex = e->a; break;
    default: break;
    }
}

#define PUSH(k, pc_, a_, b_)                                                                  \
    do {                                                                                      \
        if (rx_push(X, (k), (pc_), (a_), (b_))) return -1;                                    \
    } while (0)
#define SETREG(r, cnt, last)                                                                  \
    do {                                                                                      \
        PUSH(BT_REG, (r), X->regs[2 * (r)], X->regs[2 * (r) + 1]);                            \
        X->regs[2 * (r)] = (cnt);                                                             \
        X->regs[2 * (r) + 1] = (last);                                                        \
    } while (0)

/* Runs the program from pc 0 at sp. 1 matched, 0 failed, -1 error. */
static int rx_run(rx *X, size_t sp) {
    const uint32_t *code = X->p->code;
    uint32_t pc = 0;
    uint64_t work = 0;
    X->n = 0;
    X->barrier = -1;
    for (;;) {
        if (PE_UNLIKELY(++work >= 1024)) {
            if (pe_work_fast(X->S, work)) return -1;
            work = 0;
        }
        const uint32_t *ins = code + pc;
        switch (ins[0]) {
        case RO_CHAR:
            if (sp < X->end && CH(X, sp) == ins[1]) {
                sp++;
                pc += 2;
                continue;
            }
            goto fail;
        case RO_NOTCHAR: case RO_CHAR_I: case RO_NOTCHAR_I: case RO_CHAR_AI: case RO_NOTCHAR_AI:
        case RO_ANY: case RO_ANYALL: case RO_SET:
            if (!rx_single(X, ins, sp)) goto fail;
            sp++;
            pc += 2;
            continue;
        case RO_AT:
            if (!rx_at(X, ins[1], sp)) goto fail;
            pc += 2;
            continue;
        case RO_SPLIT:
            PUSH(BT_ALT, ins[2], (int64_t)sp, 0);
            pc = ins[1];
            continue;
        case RO_JMP: pc = ins[1]; continue;
        case RO_SAVE: {
            uint32_t s = ins[1];
            PUSH(BT_SLOT, s, X->slots[s], 0);
            X->slots[s] = (int64_t)sp;
            if ((s & 1) && s > 1) {
                PUSH(BT_LAST, 0, X->lastindex, 0);
                X->lastindex = s / 2;
            }
            pc += 2;
            continue;
        }
        case RO_REF: case RO_REF_I: case RO_REF_AI: {
            int64_t b = X->slots[2 * ins[1]], e = X->slots[2 * ins[1] + 1];
            if (b < 0 || e < 0 || e < b) goto fail;
            if ((size_t)(e - b) > X->end - sp) goto fail;
            for (int64_t i = b; i < e; i++, sp++)
                if (rx_fold(ins[0], CH(X, (size_t)i)) != rx_fold(ins[0], CH(X, sp))) goto fail;
            work += (uint64_t)(e - b);
            pc += 2;
            continue;
        }
        case RO_RINIT:
            SETREG(ins[1], -1, -1);
            pc += 2;
            continue;
        case RO_UNTIL: {
            uint32_t r = ins[1], min = ins[2], max = ins[3], greedy = ins[4], body = ins[5];
            int64_t count = X->regs[2 * r] + 1, last = X->regs[2 * r + 1];
            SETREG(r, count, last);
            if (count < (int64_t)min) {
                pc = body;
                continue;
            }
            bool more = (count < (int64_t)max || max == PE_RE_MAXREPEAT) && (int64_t)sp != last;
            if (greedy) {
                if (more) {
                    PUSH(BT_ALT, pc + 6, (int64_t)sp, 0);
                    SETREG(r, count, (int64_t)sp);
                    pc = body;
                } else {
                    pc += 6;
                }
            } else {
                if (more) PUSH(BT_LAZY, pc, (int64_t)sp, 0);
                pc += 6;
            }
            continue;
        }
        case RO_STAR: {
            uint32_t min = ins[1], max = ins[2], greedy = ins[3];
            const uint32_t *one = ins + 4;
            if ((size_t)min > X->end - sp) goto fail;
            size_t i = sp, lim = max == PE_RE_MAXREPEAT || (size_t)max > X->end - sp ? X->end : sp + max;
            if (greedy) {
                if (one[0] == RO_ANYALL) i = lim;
                else if (one[0] == RO_CHAR && X->s8) {
                    while (i < lim && X->s8[i] == one[1]) i++;
                } else {
                    while (i < lim && rx_single(X, one, i)) i++;
                }
                work += i - sp;
                if (i - sp < min) goto fail;
                if (i > sp + min) PUSH(BT_STARG, pc, (int64_t)(sp + min), (int64_t)i);
                sp = i;
            } else {
                while (i < sp + min && rx_single(X, one, i)) i++;
                if (i < sp + min) goto fail;
                PUSH(BT_STARL, pc, (int64_t)i, (int64_t)min);
                sp = i;
            }
            pc += 6;
            continue;
        }
        case RO_LOOK: {
            uint32_t neg = ins[1], behind = ins[2], width = ins[3];
            if (behind && sp < width) {
                if (!neg) goto fail;
                pc = ins[4];
                continue;
            }
            PUSH(BT_LOOK, pc, (int64_t)sp, X->barrier);
            X->barrier = (int64_t)X->n - 1;
            if (behind) sp -= width;
            pc += 5;
            continue;
        }
        case RO_ATOMIC:
            PUSH(BT_ATOMIC, pc, (int64_t)sp, X->barrier);
            X->barrier = (int64_t)X->n - 1;
            pc += 2;
            continue;
        case RO_LOOKEND:
        case RO_ATOMICEND: {
            size_t bar = (size_t)X->barrier;
            bt e = X->stk[bar];
            X->barrier = e.b;
            if (e.kind == BT_LOOK && code[e.pc + 1]) { /* negative: the body matched */
                while (X->n > bar + 1) rx_undo(X, &X->stk[--X->n]);
                X->n = bar;
                goto fail;
            }
            rx_cut(X, bar);
            if (e.kind == BT_LOOK) {
                sp = (size_t)e.a;
                pc = code[e.pc + 4];
            } else {
                pc += 1;
            }
            continue;
        }
        case RO_COND: {
            int64_t b = X->slots[2 * ins[1]], e = X->slots[2 * ins[1] + 1];
            pc = (b < 0 || e < 0 || e < b) ? ins[2] : pc + 3;
            continue;
        }
        case RO_MATCH:
            if (X->full && sp != X->end) goto fail;
            if (X->must_advance && sp == X->start) goto fail;
            if (work && pe_work_fast(X->S, work)) return -1;
            return 1;
        default: goto fail;
        }
    fail:
        for (;;) {
            if (X->n == 0) {
                if (work && pe_work_fast(X->S, work)) return -1;
                return 0;
            }
            bt e = X->stk[--X->n];
            switch (e.kind) {
            case BT_SLOT: case BT_REG: case BT_LAST: rx_undo(X, &e); continue;
            case BT_ALT:
                pc = e.pc;
                sp = (size_t)e.a;
                break;
            case BT_LAZY: {
                const uint32_t *u = code + e.pc;
                sp = (size_t)e.a;
                SETREG(u[1], X->regs[2 * u[1]], (int64_t)sp);
                pc = u[5];
                break;
            }
            case BT_STARG: {
                const uint32_t *st = code + e.pc;
                int64_t pos = e.b - 1;
                if (st[6] == RO_CHAR) { /* the tail starts with a literal */
                    while (pos >= e.a && ((size_t)pos >= X->end || CH(X, (size_t)pos) != st[7])) pos--;
                    work += (uint64_t)(e.b - pos);
                }
                if (pos < e.a) continue;
                if (pos > e.a) PUSH(BT_STARG, e.pc, e.a, pos);
                sp = (size_t)pos;
                pc = e.pc + 6;
                break;
            }
            case BT_STARL: {
                const uint32_t *st = code + e.pc;
                uint32_t max = st[2];
                int64_t count = e.b;
                if (max != PE_RE_MAXREPEAT && count >= (int64_t)max) continue;
                if (!rx_single(X, st + 4, (size_t)e.a)) continue;
                sp = (size_t)e.a + 1;
                PUSH(BT_STARL, e.pc, (int64_t)sp, count + 1);
                pc = e.pc + 6;
                break;
            }
            case BT_LOOK:
                X->barrier = e.b;
                if (!code[e.pc + 1]) continue; /* positive lookaround failed */
                sp = (size_t)e.a;
                pc = code[e.pc + 4];
                break;
            default: /* BT_ATOMIC */
                X->barrier = e.b;
                continue;
            }
            break;
        }
    }
}

int pe_re_exec(pe_state *S, const pe_re_prog *p, const pe_re_subject *subj, size_t pos,
               size_t endpos, int mode, bool must_advance, int64_t *spans, int64_t *lastindex) {
    rx X;
    memset(&X, 0, sizeof X);
    X.S = S;
    X.p = p;
    X.s8 = subj->s8;
    X.s32 = subj->s32;
    X.end = endpos;
    X.full = mode == PE_RE_FULLMATCH;
    size_t nslots = 2 * ((size_t)p->info.ngroups + 1), nregs = 2 * (size_t)p->nregs;
    int64_t small[64];
    bt stk0[64];
    int64_t *mem = small;
    size_t nmem = nslots + nregs;
    if (nmem > 64) {
        mem = pe_mem_alloc(S, nmem * sizeof(int64_t));
        if (!mem) return -1;
    }
    X.slots = mem;
    X.regs = mem + nslots;
    X.stk = stk0;
    X.cap = 64;
    int r = 0;
    for (size_t start = pos; start <= endpos; start++) {
        if (p->first >= 0 && start > pos) {
            /* skip to the next place the first literal occurs */
            if (X.s8) {
                const uint8_t *f = p->first < 256 && start < endpos
                                       ? memchr(X.s8 + start, (int)p->first, endpos - start)
                                       : NULL;
                if (!f) break;
                start = (size_t)(f - X.s8);
            } else {
                while (start < endpos && X.s32[start] != (uint32_t)p->first) start++;
                if (start == endpos) break;
            }
        }
        if (p->firstpc >= 0 && start > pos) { /* skip to where the first item can match */
            const uint32_t *one = p->code + p->firstpc;
            while (start < endpos && !rx_single(&X, one, start)) start++;
            if (start == endpos) break;
        }
        for (size_t i = 0; i < nmem; i++) mem[i] = -1;
        X.lastindex = -1;
        X.start = start;
        X.must_advance = must_advance && start == pos;
        r = rx_run(&X, start);
        if (r != 0 || mode != PE_RE_SEARCH || p->anchored) break;
    }
    if (r == 1) {
        memcpy(spans, X.slots, nslots * sizeof(int64_t));
        *lastindex = X.lastindex;
    }
    if (X.heap) pe_mem_free(S, X.stk, X.cap * sizeof(bt));
    if (mem != small) pe_mem_free(S, mem, nmem * sizeof(int64_t));
    return r;
}
