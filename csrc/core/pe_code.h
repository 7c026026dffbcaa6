/*
 * pe_code.h - heaps, compiled code (pe_fcode per function body, pe_code per
 * program), functions and cells.
 */
#ifndef PE_CODE_H
#define PE_CODE_H

#include <stdatomic.h>

#include "pe_opcodes.h"

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
#define PE_CO_DOC 0x4 /* consts[0] is the docstring (__doc__) */

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
    const struct pe_code *prog; /* the program it belongs to (not a reference) */
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
    const char *modname; /* __name__ of its module: NULL for the script ("__main__") */
    atomic_uint refcount; /* pe_code_retain/release; 1 when compiled, freed at 0 */
};

/* Building code objects (compiler.c, api.c; shared with the bytecode
 * loader, marshal.c). */
/* f's arrays in one block (see finish_unit): code/lines/cols, consts and
 * names unset, localnames NULL, cell2arg -1; the caller sets the counts.
 * -1 + MemoryError. */
int pe_fcode_arrays(pe_state *S, pe_fcode *f, uint32_t ncode, uint32_t nconsts, uint32_t nnames,
                    uint32_t nl, uint32_t ncells, uint32_t nexc);
/* The pe_code block: global tables (unset), filename, source copy. */
pe_code *pe_code_block_new(pe_state *S, uint32_t nglobals, const char *filename, const char *src,
                           size_t len);
/* The flow pass (max stack depth); untrusted: bad bytecode is a ValueError. */
int pe_code_stack_depth(pe_state *S, const uint32_t *code, uint32_t n, const pe_exc_entry *exc,
                        uint32_t nexc, uint32_t *max, bool untrusted);
/* PE_CODE_* flags of a finished program (PE_CODE_BOUNDED). */
uint32_t pe_code_compute_flags(const pe_code *code);
/* Moves the objects built on tmp into code (immortal), sets bytes and
 * refcount 1. */
void pe_code_seal(pe_state *S, pe_code *code, pe_heap *tmp, size_t mark);

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
    pe_val dict;       /* __dict__ (attributes set on the function), or UNDEF */
} pe_func;

/* __name__ of the module whose code fc is: "__main__" for the script. */
static inline const char *pe_fcode_module(const pe_fcode *fc) {
    return fc->prog && fc->prog->modname ? fc->prog->modname : "__main__";
}

#endif /* PE_CODE_H */
