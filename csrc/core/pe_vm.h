/*
 * pe_vm.h - interpreter state, compiled code, frames and the opcode table.
 * Internal to the engine (compiler.c, vm.c, state.c, builtins.c, front ends
 * that need more than pyexpr.h).
 */
#ifndef PE_VM_H
#define PE_VM_H

#include <stdatomic.h>

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
    PE_OPF_BACK = 1u << 7     /* a JUMP that may go backward: a loop's back-edge, always
                                 right after CHECK_STEPS (the flow pass asserts it) */
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
    OP(CHECK_STEPS, 0, 0, 0, COUNT, 0) /* loop back-edge: limits check (arg: steps) */        \
    OP(PRINT_EXPR, 1, 0, 0, NONE, 0) /* PE_MODE_SINGLE: echo an expression */

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
    case PE_OP_FORMAT_VALUE: *pops = 1 + ((arg & 4) != 0); break;
    default: break;
    }
}

/* BINARY_OP operators whose result can be exponentially larger than their
 * operands (2 ** n, 1 << n): not PE_OPF_BOUNDED. */
PE_INLINE bool pe_binop_unbounded(uint32_t arg) {
    uint32_t op = arg & 0xffu;
    return op == PE_BO_POW || op == PE_BO_LSHIFT;
}

/* ------------------------------------------------------------------ */
/* Heaps: where objects live. A state has a run heap; compilation puts  */
/* constants on the code's own heap, made immortal when compilation    */
/* succeeds.                                                           */
/* ------------------------------------------------------------------ */

typedef struct pe_heap {
    pe_obj head; /* sentinel of the circular object list */
} pe_heap;

void pe_heap_init(pe_heap *h);

/* A state living in the caller's storage (no allocation), e.g. to release
 * a code object's heap; pe_state_fini frees what it cached. */
void pe_state_init(pe_state *S);
void pe_state_fini(pe_state *S);
/* Frees every object on the heap (cycles included): clear all, then
 * dealloc all. Used at end of run and for code teardown. */
void pe_heap_sweep(pe_state *S, pe_heap *h);

/* ------------------------------------------------------------------ */
/* Code objects (one per function body / module)                        */
/* ------------------------------------------------------------------ */

#define PE_CO_VARARGS 0x1
#define PE_CO_VARKW 0x2

/* Exception table entry: instructions [start, end) are protected by the
 * handler at target, which runs with the value stack cut to depth. */
typedef struct pe_exc_entry {
    uint32_t start, end, target, depth;
} pe_exc_entry;

typedef struct pe_fcode {
    pe_obj ob;
    uint32_t *code;   /* instructions */
    uint32_t ncode;
    uint32_t *lines;  /* source line per instruction (cold) */
    uint16_t *cols;   /* 1-based column per instruction (cold), 0 unknown */
    pe_val *consts;
    uint32_t nconsts;
    pe_obj **names;   /* str: attribute names, kwnames */
    uint32_t nnames;
    pe_obj **localnames; /* str: locals then cells */
    uint32_t nlocals;    /* incl. parameters */
    uint32_t ncells;     /* cells created by this frame (after locals) */
    uint32_t nfree;      /* free vars taken from the closure (after cells) */
    int32_t *cell2arg;   /* for each cell: parameter index it starts from or -1 */
    uint32_t nargs;      /* positional parameters */
    uint32_t nposonly;   /* leading positional-only parameters (before '/') */
    uint32_t nkwonly;
    uint32_t flags;
    uint32_t stacksize;
    pe_exc_entry *exctab;
    uint32_t nexctab;
    void *arrays;     /* one block holding code, lines, cols, consts, names,
                         localnames, cell2arg and exctab */
    size_t arrays_size;
    pe_obj *name;     /* str: function name or "<module>" */
    pe_obj *qualname; /* str */
    int firstline;
} pe_fcode;

/* A whole compiled program (pe_code in the public API). */
struct pe_code {
    pe_alloc_fn alloc;   /* the compiling state's allocator (NULL: malloc): */
    void *alloc_ud;      /* this block and the heap's objects go back to it */
    size_t block_size;   /* bytes of this block (tables, filename, source) */
    pe_heap heap;        /* constants, code objects, strings */
    pe_fcode *module;    /* top-level code */
    pe_obj **gnames;     /* str: global names, by slot */
    int32_t *gbuiltin;   /* builtin index for each slot, or -1 */
    uint32_t nglobals;
    char *filename;
    char *source;        /* copy for traceback source lines */
    size_t source_len;
    int mode;
    size_t bytes;        /* approximate memory held (for cache bounds) */
    uint32_t flags;      /* PE_CODE_* (pe_code_flags), computed by the compiler */
    atomic_uint refcount; /* pe_code_retain/release; 1 when compiled, freed at 0 */
};

/* ------------------------------------------------------------------ */
/* Functions, cells, builtins                                           */
/* ------------------------------------------------------------------ */

typedef struct pe_cell {
    pe_obj ob;
    pe_val v;
} pe_cell;

typedef struct pe_func {
    pe_obj ob;
    pe_fcode *code;
    pe_val defaults;   /* tuple or UNDEF */
    pe_val kwdefaults; /* dict or UNDEF */
    pe_val closure;    /* tuple of cells or UNDEF */
    pe_val *globals;   /* the run's global slots */
} pe_func;

/* ------------------------------------------------------------------ */
/* Frames and the state                                                 */
/* ------------------------------------------------------------------ */

typedef struct pe_frame {
    pe_val *ret;          /* caller's slot for the result (the callee object) */
    uint32_t chunk;       /* stack chunk holding this frame's window */
    pe_fcode *code;
    pe_func *func;        /* NULL for the module frame */
    const uint32_t *pc;   /* next instruction */
    pe_val *locals;       /* locals, then cells, then the value stack */
    pe_val *sp;           /* saved stack pointer */
    pe_val *globals;
    uint32_t entry;       /* 1: return to the C caller (pe_vm_call boundary) */
} pe_frame;

struct pe_state {
    pe_heap heap;         /* run heap */
    pe_heap *cur;         /* where new objects go (run heap or a code heap) */
    pe_val exc;           /* pending exception, or UNDEF */
    pe_val handled;       /* exception being handled (for bare raise/context) */

    pe_write_fn out, err;
    void *out_ud, *err_ud;
    /* PRINT_EXPR (PE_MODE_SINGLE, the prompt): the front end's display
     * hook for a value that is not None; NULL writes repr(v) and a newline
     * to the out sink. Returns 0, or -1 with an exception pending. */
    int (*displayhook)(pe_state *S, pe_val v, void *ud);
    void *displayhook_ud;

    pe_limits limits;
    uint64_t steps_left;  /* counts down at back-edges and calls */
    double deadline;      /* monotonic seconds, 0 = none */
    uint32_t max_depth;
    volatile int interrupted; /* set asynchronously (signal/timeout thread) */
    uint32_t time_check_counter;
    uint64_t work_units;  /* native work charged since the last time check */

    /* value stack: chunks that never move (builtins hold pointers into
     * it while they call back into Python) */
    struct pe_chunk { pe_val *base; size_t cap; } *chunks;
    uint32_t nchunks, chunks_cap;
    pe_frame *frames;     /* never reallocated during a run */
    uint32_t nframes, frames_cap;

    pe_code *code;        /* program being run (for tracebacks) */
    pe_val *globals;      /* its global slots */
    uint32_t nglobals;

    /* small-block cache (state.c): freed blocks of up to PE_FL_MAX bytes are
     * kept per 16-byte size class and reused, which makes the many small
     * allocations of compiling and running cheap */
    void *fl[33];
    uint16_t fln[33];
    bool no_cache;        /* free blocks straight away (throw-away states) */
    void *arena_spare;    /* the parser's first arena chunk, kept for reuse */
    size_t compile_mark;  /* mem_used when the current compile started */
    size_t mem_used;      /* bytes allocated through this state */
    size_t mem_peak;
    uint32_t compile_depth; /* parser/compiler recursion guard */
    void *repr_stack[64]; /* containers whose repr is in progress */
    uint32_t nrepr;       /* repr nesting depth (entries stored below 64) */
    uint32_t c_depth;     /* nested native compare/hash of containers (tuple.c) */
    /* trashcan (tuple.c): nesting of container deallocs; deeper ones are
     * queued in trash (a malloc'ed stack, empty and freed between drains)
     * and freed iteratively by the outermost dealloc */
    uint32_t dealloc_depth, ntrash, trash_cap;
    bool trash_draining;
    pe_obj **trash;

    /* The public API's state (capi_*.c). */
    /* The absolute bound on mem_used in force (0 = none): a run
     * (pe_run_begin .. pe_run_end, inside pe_run and pe_run_repr too) or a
     * compile sets it to mem_used-at-start + max_memory for its duration;
     * none outside them. Messages name limits.max_memory. */
    size_t mem_limit;
    void *userdata;                  /* pe_set_userdata */
    pe_interrupt_fn interrupt_fn;    /* pe_set_interrupt_hook */
    void *interrupt_ud;
    pe_display_fn display_fn;        /* pe_set_display_hook */
    void *display_ud;
    pe_profile *prof;                /* pe_set_profile */
    pe_alloc_fn alloc;               /* pe_state_new_ex; NULL: malloc */
    void *alloc_ud;
    pe_val *gbuf;                    /* reusable globals of pe_run_begin */
    uint32_t gbuf_cap;
    bool run_begun;                  /* pe_run_begin .. pe_run_end */
    bool run_mem;                    /* the run set mem_limit; run_saved_limit restores it */
    size_t run_saved_limit;
    struct pe_host_type **host_types; /* one type object per pe_host_class used */
    uint32_t nhost_types, host_types_cap;
};

/* Exception instances. The traceback lives on the exception (innermost
 * entry last) so a caught and re-raised exception keeps it. */
typedef struct pe_tbent {
    pe_fcode *code;
    uint32_t line;
    uint16_t col;
} pe_tbent;

typedef struct pe_exc {
    pe_obj ob;
    pe_val args;    /* tuple */
    pe_val cause;   /* exception or UNDEF */
    pe_val context; /* exception or UNDEF */
    bool suppress_context;
    pe_tbent *tb;
    uint32_t ntb, tb_cap;
    /* Two class-specific slots (UNDEF when unset), disjoint families:
     * SyntaxError: filename, text; OSError: filename, filename2;
     * NameError/AttributeError/ImportError: name, obj (AttributeError) or
     * path (ImportError). */
    pe_val filename, text;
    pe_val suggestion;     /* str: "Did you mean" name for Name/AttributeError */
    int64_t lineno, offset, end_offset;
} pe_exc;

#define PE_EXCOBJ(v) ((pe_exc *)(v).u.o)
int pe_exc_new(pe_state *S, const pe_type *t, pe_val args_tuple, pe_val *out);
/* Set v (an exception instance or type) as the pending exception; chains
 * the exception being handled as __context__. */
int pe_raise_exc(pe_state *S, pe_val v);
/* str(exc) as CPython: '' / str(arg) / str(args); KeyError: repr(arg). */
int pe_exc_str(pe_state *S, pe_val exc, pe_sb *sb);
/* CPython's suggestion for a mistyped name among candidates (Python/
 * suggestions.c): returns the index of the best candidate or -1. */
int pe_suggest(const char *name, const char *const *cands, size_t n);
/* Attaches a suggestion to the pending exception (copied). */
void pe_exc_set_suggestion(pe_state *S, const char *name);

/* Raise SyntaxError-family with location (1-based line and column). */
int pe_raise_syntax(pe_state *S, const pe_type *t, const char *msg, const char *filename,
                    int64_t lineno, int64_t offset, int64_t end_offset, const char *line,
                    size_t linelen);

/* Compiler (compiler.c). */
struct pe_ast;
pe_code *pe_compile_ast(pe_state *S, struct pe_ast *mod, const char *src, size_t len,
                        const char *filename, int mode);

/* Human-readable bytecode listing (pyexpr --dis). */
void pe_code_dump(pe_state *S, const pe_code *code, pe_sb *sb);

/* VM (vm.c): run the module code of `code` with its globals set up. */
int pe_vm_run(pe_state *S, pe_code *code, pe_val *result);
/* Call a Python function from C (re-entrant). */
int pe_vm_call_function(pe_state *S, pe_func *f, int argc, const pe_val *argv,
                        pe_obj *kwnames, pe_val *out);

/* Builtins (builtins.c): the table the compiler resolves names against. */
typedef struct pe_builtin_def {
    const char *name;
    pe_val (*get)(void); /* the static immortal value */
} pe_builtin_def;
int pe_builtin_lookup(const char *name, size_t len); /* index or -1 */
pe_val pe_builtin_value(int index);
/* Does a call of builtin `index` run in time bounded by its arguments'
 * size (the table's `bounded` column; false for a bad index)? */
bool pe_builtin_bounded(int index);
const char *pe_builtin_name(int index); /* NULL past the end; "" if host-only */
const char *pe_builtin_suggest(const char *name);
/* A CPython builtin pyexpr lacks: raises NotImplementedError naming it and
 * returns 1; 0 when `name` is not one. */
int pe_builtin_unsupported(pe_state *S, const pe_str *name);

/* Modules (builtins.c): `import name` (only math, pe_math_module in
 * pe_internal.h; ModuleNotFoundError otherwise), `from module import name`. */
int pe_module_import(pe_state *S, pe_str *name, pe_val *out);
int pe_module_import_from(pe_state *S, pe_val module, pe_str *name, pe_val *out);

/* Error helpers used by the VM and the front ends. */
void pe_tb_add(pe_state *S, pe_fcode *code, uint32_t line, uint16_t col);
double pe_now(void); /* monotonic seconds */

/* pe_work with its no-timeout test inlined, for per-item charges in
 * native loops (pe_next). */
PE_INLINE int pe_work_fast(pe_state *S, uint64_t units) {
    if (PE_LIKELY(S->deadline <= 0 && !S->interrupted && !S->limits.max_steps)) return 0;
    return pe_work(S, units);
}



/* object.c helpers shared with the VM and builtins. */
const pe_cfunc *pe_find_method(const pe_type *t, const pe_str *name);
int pe_range_iter_new(pe_state *S, int64_t start, int64_t step, int64_t len, pe_val *out);
int pe_cell_new(pe_state *S, pe_val v, pe_val *out);
extern const pe_type pe_type_range_iterator;
typedef struct pe_rangeiter_view {
    pe_obj ob;
    int64_t cur, step, left;
} pe_rangeiter_view; /* layout of range iterators (FOR_ITER fast path) */


/* state.c: the state's system allocator (the pe_config hook, or
 * malloc/realloc/free), uncounted: for blocks outside the object memory
 * (stack chunks, frames, the small-block cache's blocks). Sizes must be
 * the block's own (the hook is told them). */
void *pe_sys_alloc(pe_state *S, size_t n);
void *pe_sys_realloc(pe_state *S, void *p, size_t oldn, size_t newn);
void pe_sys_free(pe_state *S, void *p, size_t n);
/* LimitError "memory limit exceeded (max_memory=N bytes)" naming the
 * user's max_memory; returns -1. */
int pe_raise_memory_limit(pe_state *S);
/* vm.c: the frames array (for max_depth) and the first stack chunk,
 * allocated before a run takes its memory base. */
int pe_vm_reserve(pe_state *S);
/* The absolute memory bound for a run or compile starting with mem_used
 * == base: base + max_memory (saturating), 0 without a memory limit. */
PE_INLINE size_t pe_mem_limit_from(const pe_state *S, size_t base) {
    size_t m = S->limits.max_memory;
    if (!m) return 0;
    return base + m < base ? SIZE_MAX : base + m;
}
/* capi_host.c: frees the state's host type objects (after the heap sweep). */
void pe_capi_state_fini(pe_state *S);

/* api.c: run plumbing shared by the front ends. */
int pe_globals_init(pe_state *S, pe_code *code);
void pe_globals_release(pe_state *S);
void pe_limits_start(pe_state *S);
int pe_run_value(pe_state *S, pe_code *code, pe_val *result);

/* complete.c: the interactive prompt's one-statement rule, which pe_compile
 * applies in PE_MODE_SINGLE: 0, or -1 with "invalid syntax" raised at the
 * first token of a statement that follows a compound statement. */
int pe_single_check(pe_state *S, const char *src, size_t len, const char *filename);

/* api.c / cache.c: the staged profiling calls on a shared clock, so stage
 * boundaries cost one clock read each: with prof != NULL, *clk holds the
 * pe_clock_ns() at which the stage starts and receives the last reading
 * taken (when it ended). With prof == NULL, clk is not used. */
pe_code *pe_compile_timed(pe_state *S, const char *src, size_t len, const char *filename,
                          int mode, pe_profile *prof, uint64_t *clk);
pe_code *pe_cache_get_timed(pe_cache *c, pe_state *S, const char *src, size_t len,
                            const char *filename, int mode, pe_profile *prof, uint64_t *clk);
int pe_run_repr_timed(pe_state *S, pe_code *code, char **repr_out, pe_profile *prof,
                      uint64_t *clk);
#endif /* PE_VM_H */
