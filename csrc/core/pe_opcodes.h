/*
 * pe_opcodes.h - the opcode table (PE_OPCODES) and everything derived from
 * it: the enum, the instruction encoding, stack effects, argument kinds,
 * flags. Read by the compiler, the flow pass, the VM and the disassembler.
 */
#ifndef PE_OPCODES_H
#define PE_OPCODES_H

#include "pe_internal.h"

/* ------------------------------------------------------------------ */
/* Opcodes: one table carries every fact about an instruction, and      */
/* every consumer reads it: the enum, the VM's dispatch table, the      */
/* disassembler (names, argument kinds), the compiler's stack-depth     */
/* flow pass (pops/pushes) and the PE_CODE_BOUNDED flag (flags).        */
/*                                                                      */
/*   OP(name, pops, pushes, jpushes, argument kind, flags)              */
/*                                                                      */
/* pops/pushes: values taken from and left on the stack when the        */
/* instruction continues with the next one; PE_SE_VAR: a function of    */
/* the argument (pe_op_stack). An instruction that reads below the      */
/* values it consumes counts them as popped and pushed again (LIST_APPEND */
/* arg: pops arg + 1, pushes arg), so pops is also how deep it reaches. */
/* jpushes: values left in place of the popped ones when a PE_OPF_JUMP  */
/* instruction takes its jump.                                          */
/*                                                                      */
/* Instructions are 32-bit: op in the low 8 bits, arg in the high 24.   */
/* Jump args are absolute instruction indices.                          */
/* ------------------------------------------------------------------ */

#define PE_SE_VAR (-1)

/* How the argument reads (the disassembler shows it by kind). */
enum pe_argkind {
    PE_ARGK_NONE,    /* unused (0) */
    PE_ARGK_CONST,   /* index into consts */
    PE_ARGK_SIGNED,  /* 24-bit two's complement immediate */
    PE_ARGK_LOCAL,   /* local slot */
    PE_ARGK_GLOBAL,  /* program-wide global slot */
    PE_ARGK_CELL,    /* cell/free slot (after the locals) */
    PE_ARGK_INPLACE, /* 1: the augmented-assignment spelling (+=) */
    PE_ARGK_BINOP,   /* pe_binop | inplace << 8 */
    PE_ARGK_CMP,     /* PE_LT..PE_GE */
    PE_ARGK_INVERT,  /* 1: negated (is not, not in) */
    PE_ARGK_JUMP,    /* absolute instruction index */
    PE_ARGK_COUNT,   /* a count or per-opcode flags */
    PE_ARGK_NAME,    /* index into names */
    PE_ARGK_EXC      /* built-in exception type (pe_exc_types index) */
};

/* Instruction flags. */
enum {
    PE_OPF_JUMP = 1u << 0,    /* the argument is a branch target */
    PE_OPF_COND = 1u << 1,    /* a JUMP that may also continue with the next instruction */
    PE_OPF_NOFALL = 1u << 2,  /* never continues with the next instruction */
    PE_OPF_BOUNDED = 1u << 3, /* runs in time bounded by its operands' sizes, calls no
                                 Python code by itself (PE_CODE_BOUNDED; jumps: forward) */
    PE_OPF_CALL = 1u << 4,    /* calls a callable from the stack */
    PE_OPF_REACH = 1u << 5,   /* pushes something found on an object or module: may reach
                                 any callable (a math function, a method) */
    PE_OPF_BUILTIN = 1u << 6, /* pushes a global slot's value, which may be a builtin */
    PE_OPF_BACK = 1u << 7,    /* a JUMP that may go backward: a loop's back-edge, always
                                 right after CHECK_STEPS (the flow pass asserts it) */
    PE_OPF_SUPER = 1u << 8    /* a superinstruction (pe_super_parts) */
};

#define PE_OPF_B PE_OPF_BOUNDED
#define PE_OPF_BR (PE_OPF_JUMP | PE_OPF_COND | PE_OPF_BOUNDED)

#define PE_OPCODES(OP)                                                                        \
    OP(NOP, 0, 0, 0, NONE, PE_OPF_B)                                                          \
    OP(LOAD_CONST, 0, 1, 0, CONST, PE_OPF_B)                                                  \
    OP(LOAD_INT, 0, 1, 0, SIGNED, PE_OPF_B) /* small int immediate */                         \
    OP(LOAD_NONE, 0, 1, 0, NONE, PE_OPF_B)                                                    \
    OP(LOAD_TRUE, 0, 1, 0, NONE, PE_OPF_B)                                                    \
    OP(LOAD_FALSE, 0, 1, 0, NONE, PE_OPF_B)                                                   \
    OP(LOAD_FAST, 0, 1, 0, LOCAL, PE_OPF_B)                                                   \
    OP(STORE_FAST, 1, 0, 0, LOCAL, PE_OPF_B)                                                  \
    OP(DELETE_FAST, 0, 0, 0, LOCAL, PE_OPF_B)                                                 \
    OP(LOAD_GLOBAL, 0, 1, 0, GLOBAL, PE_OPF_B | PE_OPF_BUILTIN)                               \
    OP(STORE_GLOBAL, 1, 0, 0, GLOBAL, PE_OPF_B)                                               \
    OP(DELETE_GLOBAL, 0, 0, 0, GLOBAL, PE_OPF_B)                                              \
    OP(LOAD_DEREF, 0, 1, 0, CELL, PE_OPF_B)                                                   \
    OP(STORE_DEREF, 1, 0, 0, CELL, PE_OPF_B)                                                  \
    OP(DELETE_DEREF, 0, 0, 0, CELL, PE_OPF_B)                                                 \
    OP(LOAD_CLOSURE, 0, 1, 0, CELL, PE_OPF_B) /* push the cell itself */                      \
    OP(POP_TOP, 1, 0, 0, NONE, PE_OPF_B)                                                      \
    OP(DUP_TOP, 1, 2, 0, NONE, PE_OPF_B)                                                      \
    OP(DUP_TOP_TWO, 2, 4, 0, NONE, PE_OPF_B)                                                  \
    OP(ROT_TWO, 2, 2, 0, NONE, PE_OPF_B)                                                      \
    OP(ROT_THREE, 3, 3, 0, NONE, PE_OPF_B)                                                    \
    OP(ROT_FOUR, 4, 4, 0, NONE, PE_OPF_B)                                                     \
    OP(ADD, 2, 1, 0, INPLACE, PE_OPF_B)                                                       \
    OP(SUB, 2, 1, 0, INPLACE, PE_OPF_B)                                                       \
    OP(MUL, 2, 1, 0, INPLACE, PE_OPF_B)                                                       \
    OP(TRUEDIV, 2, 1, 0, INPLACE, PE_OPF_B)                                                   \
    OP(FLOORDIV, 2, 1, 0, INPLACE, PE_OPF_B)                                                  \
    OP(MOD, 2, 1, 0, INPLACE, PE_OPF_B)                                                       \
    OP(BINARY_OP, 2, 1, 0, BINOP, PE_OPF_B) /* bounded unless pe_binop_unbounded(arg) */      \
    OP(COMPARE_OP, 2, 1, 0, CMP, PE_OPF_B)                                                    \
    OP(IS_OP, 2, 1, 0, INVERT, PE_OPF_B)                                                      \
    OP(CONTAINS_OP, 2, 1, 0, INVERT, PE_OPF_B)                                                \
    OP(UNARY_NEG, 1, 1, 0, NONE, PE_OPF_B)                                                    \
    OP(UNARY_POS, 1, 1, 0, NONE, PE_OPF_B)                                                    \
    OP(UNARY_INVERT, 1, 1, 0, NONE, PE_OPF_B)                                                 \
    OP(UNARY_NOT, 1, 1, 0, NONE, PE_OPF_B)                                                    \
    OP(JUMP, 0, 0, 0, JUMP, PE_OPF_JUMP | PE_OPF_NOFALL | PE_OPF_BACK | PE_OPF_B)             \
    OP(POP_JUMP_IF_FALSE, 1, 0, 0, JUMP, PE_OPF_BR)                                           \
    OP(POP_JUMP_IF_TRUE, 1, 0, 0, JUMP, PE_OPF_BR)                                            \
    OP(JUMP_IF_FALSE_OR_POP, 1, 0, 1, JUMP, PE_OPF_BR) /* the jump keeps the value */         \
    OP(JUMP_IF_TRUE_OR_POP, 1, 0, 1, JUMP, PE_OPF_BR)                                         \
    OP(GET_ITER, 1, 1, 0, NONE, 0)                                                            \
    OP(FOR_ITER, 1, 2, 0, JUMP, PE_OPF_JUMP | PE_OPF_COND) /* exhausted: pop, jump */         \
    OP(BUILD_TUPLE, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B)                                         \
    OP(BUILD_LIST, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B)                                          \
    OP(BUILD_SET, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B)                                           \
    OP(BUILD_MAP, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B)                                           \
    OP(BUILD_SLICE, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B)                                         \
    OP(BUILD_STRING, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B)                                        \
    OP(LIST_APPEND, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B) /* list at stack[-arg-1] after pop */ \
    OP(SET_ADD, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B)                                     \
    OP(MAP_ADD, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B)                                     \
    OP(LIST_EXTEND, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B)                                 \
    OP(SET_UPDATE, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B)                                  \
    OP(DICT_UPDATE, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B)                                 \
    OP(DICT_MERGE, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B) /* **kwargs: duplicates are errors */ \
    OP(LIST_TO_TUPLE, 1, 1, 0, NONE, PE_OPF_B)                                                \
    OP(UNPACK_SEQUENCE, 1, PE_SE_VAR, 0, COUNT, PE_OPF_B)                                     \
    OP(UNPACK_EX, 1, PE_SE_VAR, 0, COUNT, PE_OPF_B) /* arg = before | after << 8 */           \
    OP(BINARY_SUBSCR, 2, 1, 0, NONE, PE_OPF_B)                                                \
    OP(STORE_SUBSCR, 3, 0, 0, NONE, PE_OPF_B)                                                 \
    OP(DELETE_SUBSCR, 2, 0, 0, NONE, PE_OPF_B)                                                \
    OP(LOAD_ATTR, 1, 1, 0, NAME, PE_OPF_B | PE_OPF_REACH)                                     \
    OP(STORE_ATTR, 2, 0, 0, NAME, PE_OPF_B)                                                   \
    OP(DELETE_ATTR, 1, 0, 0, NAME, 0) /* always raises: nothing has deletable attrs */        \
    OP(LOAD_METHOD, 1, 2, 0, NAME, PE_OPF_REACH) /* pushes [callable, self-or-UNDEF] */       \
    OP(CALL_METHOD, PE_SE_VAR, 1, 0, COUNT, PE_OPF_CALL)                                      \
    OP(CALL, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B | PE_OPF_CALL)                                  \
    OP(CALL_KW, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B | PE_OPF_CALL) /* kwnames tuple on top */    \
    OP(CALL_EX, PE_SE_VAR, 1, 0, COUNT, PE_OPF_CALL) /* arg 1: kwargs dict present */         \
    OP(MAKE_FUNCTION, PE_SE_VAR, 1, 0, COUNT, 0) /* 1 defaults 2 kwdefaults 8 closure */      \
    OP(RETURN_VALUE, 1, 0, 0, NONE, PE_OPF_NOFALL | PE_OPF_B)                                 \
    OP(RAISE_VARARGS, PE_SE_VAR, 0, 0, COUNT, PE_OPF_NOFALL | PE_OPF_B)                       \
    OP(RERAISE, 1, 0, 0, NONE, PE_OPF_NOFALL | PE_OPF_B)                                      \
    OP(PUSH_EXC_INFO, 1, 2, 0, NONE, PE_OPF_B)                                                \
    OP(POP_EXCEPT, 1, 0, 0, NONE, PE_OPF_B)                                                   \
    OP(CHECK_EXC_MATCH, 2, 2, 0, NONE, PE_OPF_B)                                              \
    OP(LOAD_BUILD_EXC, 0, 1, 0, EXC, PE_OPF_B) /* push builtin exception type arg */          \
    OP(FORMAT_VALUE, PE_SE_VAR, 1, 0, COUNT, PE_OPF_B) /* 1..3 conversion, 4 spec on top */   \
    OP(IMPORT_NAME, 0, 1, 0, NAME, PE_OPF_B | PE_OPF_REACH)                                   \
    OP(IMPORT_FROM, 1, 2, 0, NAME, PE_OPF_REACH) /* push module attribute, ImportError */     \
    OP(IMPORT_STAR, 1, 0, 0, NONE, PE_OPF_REACH) /* pop module; bind its exports */             \
    OP(CHECK_STEPS, 0, 0, 0, COUNT, 0) /* loop back-edge: limits check (arg: steps) */        \
    OP(PRINT_EXPR, 1, 0, 0, NONE, 0) /* PE_MODE_SINGLE: echo an expression */                                       \
    /* generators (gen.c; frames suspend and resume in vm.c) */                              \
    OP(RETURN_GENERATOR, 0, 1, 0, NONE, 0) /* 1st instr: return the generator; resumes     \
                                              with the sent value pushed */                   \
    OP(YIELD_VALUE, 1, 1, 0, COUNT, 0) /* arg 1: a yield from's; resumes with the sent value */ \
    OP(GEN_RETURN, 1, 0, 0, NONE, PE_OPF_NOFALL) /* return from a generator */               \
    OP(GET_YIELD_FROM_ITER, 1, 1, 0, NONE, 0)                                                 \
    OP(SEND, 2, 2, 1, JUMP, PE_OPF_JUMP | PE_OPF_COND) /* [recv, v]: [recv, yielded] or     \
                                                          jump with [result] */ \
    /* ---- with / match (syntax) ---- */                                                     \
    OP(BEFORE_WITH, 1, 2, 0, NONE, PE_OPF_CALL) /* mgr -> bound __exit__, __enter__() */      \
    OP(WITH_EXCEPT_START, 3, 4, 0, NONE, PE_OPF_CALL) /* [exit prev exc] -> + exit(t, e, None) */ \
    OP(COPY, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B) /* push stack[-arg] (arg >= 1) */       \
    OP(GET_LEN, 1, 2, 0, NONE, 0) /* push len(TOS) */                                         \
    OP(MATCH_SEQUENCE, 1, 2, 0, NONE, PE_OPF_B) /* push TOS is a sequence for `case [..]` */  \
    OP(MATCH_MAPPING, 1, 2, 0, NONE, PE_OPF_B) /* push TOS is a mapping */                    \
    OP(MATCH_KEYS, 2, 3, 0, NONE, 0) /* [subj keys] -> + values tuple or None */              \
    OP(MATCH_CLASS, 3, 1, 0, COUNT, PE_OPF_CALL) /* [subj cls names] -> attrs tuple or None */ \
    OP(MATCH_STAR_DICT, 2, 1, 0, NONE, 0) /* [subj keys] -> dict of the other items */ \
    OP(ROT_N, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B) /* TOS down to depth arg */           \
    OP(SWAP, PE_SE_VAR, PE_SE_VAR, 0, COUNT, PE_OPF_B) /* swap TOS and stack[-arg] */         \
    /* class bodies: the namespace dict is local 0 */                                         \
    OP(LOAD_NAME, 0, 1, 0, NAME, PE_OPF_B) /* push ns[name] or UNDEF (then JUMP_IF_BOUND) */   \
    OP(JUMP_IF_BOUND, 1, 0, 1, JUMP, PE_OPF_BR) /* not UNDEF: jump keeping it; else pop */    \
    OP(STORE_NAME, 1, 0, 0, NAME, PE_OPF_B)                                                   \
    OP(DELETE_NAME, 0, 0, 0, NAME, PE_OPF_B)                                                  \
    /* [body func, name, bases.., (kw values.., kwnames)]: arg nbases | nkw << 12 */          \
    OP(BUILD_CLASS, PE_SE_VAR, 1, 0, COUNT, PE_OPF_CALL)                                      \
    /* superinstructions (compiler.c's superinstructions pass, issue 17): A_B is opcode A      \
     * where instruction B follows. It runs both in one dispatch and continues after B, or     \
     * does just A and continues with B; B stays in place (a jump to it runs it alone), so     \
     * each row is A's row and the flow pass reads the pair as A then B (pe_super_parts). */    \
    OP(LOAD_FAST_LOAD_FAST, 0, 1, 0, LOCAL, PE_OPF_B | PE_OPF_SUPER)                          \
    OP(LOAD_FAST_LOAD_INT, 0, 1, 0, LOCAL, PE_OPF_B | PE_OPF_SUPER)                           \
    OP(STORE_FAST_LOAD_FAST, 1, 0, 0, LOCAL, PE_OPF_B | PE_OPF_SUPER)                         \
    OP(FOR_ITER_STORE_FAST, 1, 2, 0, JUMP, PE_OPF_JUMP | PE_OPF_COND | PE_OPF_SUPER)          \
    OP(LOAD_INT_ADD, 0, 1, 0, SIGNED, PE_OPF_B | PE_OPF_SUPER)                                \
    OP(LOAD_INT_MOD, 0, 1, 0, SIGNED, PE_OPF_B | PE_OPF_SUPER)                                \
    OP(LOAD_INT_BINARY_SUBSCR, 0, 1, 0, SIGNED, PE_OPF_B | PE_OPF_SUPER)                      \
    OP(ADD_STORE_FAST, 2, 1, 0, INPLACE, PE_OPF_B | PE_OPF_SUPER)                             \
    /* ---- async / await (coro.c; cold: after every hot opcode) ---- */                      \
    OP(GET_AWAITABLE, 1, 1, 0, COUNT, PE_OPF_CALL) /* x -> iterator to await; arg 1 after     \
                                                      __aenter__, 2 after __aexit__ */        \
    OP(GET_AITER, 1, 1, 0, NONE, PE_OPF_CALL) /* x -> x.__aiter__() */                        \
    OP(GET_ANEXT, 1, 2, 0, NONE, PE_OPF_CALL) /* aiter -> aiter, awaitable of __anext__() */  \
    OP(END_ASYNC_FOR, 2, 2, 0, JUMP, PE_OPF_JUMP | PE_OPF_COND) /* [aiter exc]:           \
                          StopAsyncIteration: pop both, jump (the loop's end); else RERAISE */ \
    OP(BEFORE_ASYNC_WITH, 1, 2, 0, NONE, PE_OPF_CALL) /* mgr -> bound __aexit__, __aenter__() */ \
    OP(ASYNC_GEN_WRAP, 1, 1, 0, NONE, 0) /* an async generator's yielded value, wrapped */

enum pe_opcode {
#define PE_OP_ENUM(name, pops, pushes, jpushes, kind, flags) PE_OP_##name,
    PE_OPCODES(PE_OP_ENUM)
#undef PE_OP_ENUM
        PE_OP__COUNT
};

typedef struct pe_opinfo {
    const char *name;
    int8_t pops, pushes, jpushes; /* PE_SE_VAR: see pe_op_stack */
    uint8_t kind;                 /* enum pe_argkind */
    uint16_t flags;               /* PE_OPF_* */
} pe_opinfo;

extern const pe_opinfo pe_opinfo_table[PE_OP__COUNT];

#define PE_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define PE_OPOF(w) ((w)&0xffu)
#define PE_ARGOF(w) ((w) >> 8)
#define PE_ARG_MAX 0xffffffu
#define PE_OP_BITS 8
/* LOAD_INT's immediate range (24-bit two's complement). */
#define PE_LOAD_INT_MIN (-(1 << 23))
#define PE_LOAD_INT_MAX ((1 << 23) - 1)

_Static_assert(PE_OP__COUNT <= (1 << PE_OP_BITS), "every opcode fits the instruction's op bits");
_Static_assert(PE_ARG_MAX == (UINT32_MAX >> PE_OP_BITS), "the argument is the rest of the word");
_Static_assert(PE_BO__COUNT <= 0xff, "BINARY_OP: the operator fits below the inplace bit");
_Static_assert(PE_EXC__COUNT - 1 <= PE_ARG_MAX, "LOAD_BUILD_EXC: every exception type fits");
_Static_assert(PE_LOAD_INT_MAX <= (int32_t)(PE_ARG_MAX >> 1), "LOAD_INT fits the argument");

/* Values instruction w pops, and pushes when it continues with the next
 * instruction (*pushes) or takes its jump (*jpushes, PE_OPF_JUMP only). */
PE_INLINE void pe_op_stack(uint32_t w, int *pops, int *pushes, int *jpushes) {
    const pe_opinfo *o = &pe_opinfo_table[PE_OPOF(w)];
    int arg = (int)PE_ARGOF(w);
    *pops = o->pops;
    *pushes = o->pushes;
    *jpushes = o->jpushes;
    switch (PE_OPOF(w)) {
    case PE_OP_BUILD_TUPLE: case PE_OP_BUILD_LIST: case PE_OP_BUILD_SET:
    case PE_OP_BUILD_SLICE: case PE_OP_BUILD_STRING:
        *pops = arg;
        break;
    case PE_OP_BUILD_MAP: *pops = 2 * arg; break;
    /* the container sits arg values below the item(s) */
    case PE_OP_LIST_APPEND: case PE_OP_SET_ADD: case PE_OP_LIST_EXTEND:
    case PE_OP_SET_UPDATE: case PE_OP_DICT_UPDATE: case PE_OP_DICT_MERGE:
        *pops = arg + 1;
        *pushes = arg;
        break;
    case PE_OP_MAP_ADD:
        *pops = arg + 2;
        *pushes = arg;
        break;
    case PE_OP_UNPACK_SEQUENCE: *pushes = arg; break;
    case PE_OP_UNPACK_EX: *pushes = (arg & 0xff) + 1 + (arg >> 8); break;
    case PE_OP_CALL: *pops = arg + 1; break;               /* callee, args */
    case PE_OP_CALL_METHOD: *pops = arg + 2; break;        /* callable, self, args */
    case PE_OP_CALL_KW: *pops = arg + 2; break;            /* callee, args, kwnames */
    case PE_OP_CALL_EX: *pops = 2 + (arg & 1); break;      /* callee, args tuple, kwargs */
    case PE_OP_MAKE_FUNCTION:
        *pops = 1 + (arg & 1) + ((arg >> 1) & 1) + ((arg >> 3) & 1);
        break;
    case PE_OP_RAISE_VARARGS: *pops = arg; break;
    case PE_OP_BUILD_CLASS:
        *pops = 2 + (arg & 0xfff) + ((arg >> 12) ? (arg >> 12) + 1 : 0);
        break;
    case PE_OP_FORMAT_VALUE: *pops = 1 + ((arg & 4) != 0); break;
    case PE_OP_COPY:
        *pops = arg;
        *pushes = arg + 1;
        break;
    case PE_OP_ROT_N: case PE_OP_SWAP:
        *pops = arg;
        *pushes = arg;
        break;
    default: break;
    }
}

/* A superinstruction's two parts: its plain first opcode (*first) and the
 * opcode B that must follow it; 0 (and *first = op) for any other opcode.
 * The instruction after a superinstruction is B itself or a superinstruction
 * whose first part is B (the pass runs left to right). */
PE_INLINE uint32_t pe_super_parts(uint32_t op, uint32_t *first) {
    switch (op) {
    case PE_OP_LOAD_FAST_LOAD_FAST: *first = PE_OP_LOAD_FAST; return PE_OP_LOAD_FAST;
    case PE_OP_LOAD_FAST_LOAD_INT: *first = PE_OP_LOAD_FAST; return PE_OP_LOAD_INT;
    case PE_OP_STORE_FAST_LOAD_FAST: *first = PE_OP_STORE_FAST; return PE_OP_LOAD_FAST;
    case PE_OP_FOR_ITER_STORE_FAST: *first = PE_OP_FOR_ITER; return PE_OP_STORE_FAST;
    case PE_OP_LOAD_INT_ADD: *first = PE_OP_LOAD_INT; return PE_OP_ADD;
    case PE_OP_LOAD_INT_MOD: *first = PE_OP_LOAD_INT; return PE_OP_MOD;
    case PE_OP_LOAD_INT_BINARY_SUBSCR: *first = PE_OP_LOAD_INT; return PE_OP_BINARY_SUBSCR;
    case PE_OP_ADD_STORE_FAST: *first = PE_OP_ADD; return PE_OP_STORE_FAST;
    default: *first = op; return 0;
    }
}

/* The plain opcode an instruction starts with (op itself unless a
 * superinstruction). */
PE_INLINE uint32_t pe_super_first(uint32_t op) {
    uint32_t first;
    (void)pe_super_parts(op, &first);
    return first;
}

/* BINARY_OP operators whose result can be exponentially larger than their
 * operands (2 ** n, 1 << n): not PE_OPF_BOUNDED. */
PE_INLINE bool pe_binop_unbounded(uint32_t arg) {
    uint32_t op = arg & 0xffu;
    return op == PE_BO_POW || op == PE_BO_LSHIFT;
}

#endif /* PE_OPCODES_H */
