/*
 * mangle.c - private name mangling (the Python reference, "Identifiers":
 * inside a class, an identifier of the form __spam that does not end in
 * two underscores is rewritten to _Class__spam, the class name stripped of
 * its leading underscores; a class whose name is only underscores mangles
 * nothing).
 *
 * A pass over the AST before the compiler's scope analysis, so symbols,
 * attributes and code agree. What is mangled: names (loads, stores,
 * deletes, global/nonlocal), attribute names, def and class names,
 * parameters, `except ... as` names and match captures, in class bodies
 * and in everything nested in them (methods, nested functions, lambdas,
 * comprehensions). What is not: keyword argument names of calls and the
 * attribute names of class patterns (as CPython), and import statements.
 */
#include <string.h>

#include "pe_ast.h"

typedef struct mangler {
    pe_arena *A;
    const char *priv; /* the innermost class's name, leading '_' stripped; NULL outside */
    size_t privlen;
    int failed;      /* out of memory */
    int too_deep;    /* the tree nests deeper than MANGLE_MAX_DEPTH */
    uint32_t depth;  /* nodes on the walk's path */
} mangler;

/* The walk counts every node on its path (the compiler's symbol pass counts
 * statements and expressions only, at most 3000 deep: MAX_AST_DEPTH in
 * compiler.c); a tree this deep fails there anyway, so here it gives the
 * same RecursionError before the C stack runs out. */
#define MANGLE_MAX_DEPTH 8000

static void mangle_name(mangler *M, pe_node *n) {
    const char *s = n->name;
    if (!M->priv || !s) return;
    size_t len = n->namelen ? n->namelen : strlen(s);
    if (len < 3 || s[0] != '_' || s[1] != '_') return;
    if (s[len - 1] == '_' && s[len - 2] == '_') return;
    if (memchr(s, '.', len)) return;
    char *r = pe_arena_alloc(M->A, 1 + M->privlen + len + 1);
    if (!r) {
        M->failed = 1;
        return;
    }
    r[0] = '_';
    memcpy(r + 1, M->priv, M->privlen);
    memcpy(r + 1 + M->privlen, s, len);
    r[1 + M->privlen + len] = 0;
    n->name = r;
    n->namelen = (uint32_t)(1 + M->privlen + len);
}

static void walk_node(mangler *M, pe_node *n);

/* The recursion follows the AST; its depth is bounded by MANGLE_MAX_DEPTH
 * (left-associative operator chains are as deep as they are long). */
static void walk(mangler *M, pe_node *n) {
    if (!n || M->failed || M->too_deep) return;
    if (M->depth >= MANGLE_MAX_DEPTH) {
        M->too_deep = 1;
        return;
    }
    M->depth++;
    walk_node(M, n);
    M->depth--;
}

static void walk_node(mangler *M, pe_node *n) {
    switch (n->kind) {
    case PE_N_IMPORT:
    case PE_N_CONST:
        return;
    case PE_N_KEYWORD:
        break;
    case PE_N_CLASS: {
        const char *cn = n->name ? n->name : "";
        mangle_name(M, n); /* stored in the enclosing scope */
        for (int i = 0; i < 4; i++)
            if (i != 1)
                for (uint32_t k = 0; k < n->l[i].n; k++) walk(M, n->l[i].v[k]);
        /* the body's private name: the class's own (unmangled) name */
        const char *saved = M->priv;
        size_t savedlen = M->privlen;
        while (*cn == '_') cn++;
        M->priv = *cn ? cn : NULL;
        M->privlen = strlen(cn);
        for (uint32_t k = 0; k < n->l[1].n; k++) walk(M, n->l[1].v[k]);
        M->priv = saved;
        M->privlen = savedlen;
        return;
    }
    case PE_N_NAME:
    case PE_N_ATTR:
    case PE_N_DEF:
    case PE_N_ARG:
    case PE_N_EXCEPT:
    case PE_N_PAS:
    case PE_N_PSTAR:
    case PE_N_PMAP:
        mangle_name(M, n);
        break;
    default:
        break;
    }
    walk(M, n->a);
    walk(M, n->b);
    walk(M, n->c);
    for (int i = 0; i < 4; i++)
        for (uint32_t k = 0; k < n->l[i].n; k++) walk(M, n->l[i].v[k]);
}

int pe_ast_mangle(pe_state *S, pe_arena *A, pe_node *mod, const char *src, size_t len) {
    /* nothing to do without a class and a name starting with __ */
    if (!src || !memmem(src, len, "class", 5) || !memmem(src, len, "__", 2)) return 0;
    mangler M = {A, NULL, 0, 0, 0, 0};
    walk(&M, mod);
    if (M.failed) return pe_raise(S, PE_EXC(MemoryError), "out of memory");
    if (M.too_deep)
        return pe_raise(S, PE_EXC(RecursionError),
                        "maximum recursion depth exceeded during compilation");
    return 0;
}
