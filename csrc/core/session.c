/*
 * session.c - globals that live across programs (pe_session_*), as at
 * Python's prompt: every input is compiled on its own, and a function
 * defined by one input reads and writes the variables of later ones.
 *
 * One slot table for the session: each code run in it has its global slots
 * renumbered to session slots (the LOAD/STORE/DELETE_GLOBAL arguments are
 * rewritten in the code, which therefore must not be shared), and
 * S->code points at a view whose gnames and gbuiltin cover every session
 * slot while a session program runs (NameError messages, dir()). The codes
 * stay alive for the session: objects made by a run may point into them.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "capi.h"

struct pe_session {
    pe_code view;        /* S->code while a session program runs */
    pe_obj **gnames;     /* str: owned by the codes below (or by `owned`) */
    int32_t *gbuiltin;
    pe_val *g;           /* the session's global slots */
    uint32_t n, cap;
    uint32_t *index;     /* open addressing: slot + 1, 0 empty */
    uint32_t index_cap;  /* a power of two, > 2 * n */
    pe_code **codes;     /* every code run here, released by pe_session_free */
    size_t ncodes, codes_cap;
    pe_val *owned;       /* names made by pe_session_set */
    size_t nowned, owned_cap;
    int running;
};

static uint32_t name_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The slot of a name, or -1. */
static int64_t find_slot(const pe_session *s, const char *name, size_t len) {
    if (!s->index_cap) return -1;
    uint32_t mask = s->index_cap - 1, i = name_hash(name, len) & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t e = s->index[i];
        if (!e) return -1;
        const pe_str *nm = (const pe_str *)s->gnames[e - 1];
        if (nm->len == len && !memcmp(nm->data, name, len)) return e - 1;
    }
}

static void index_put(pe_session *s, uint32_t slot) {
    const pe_str *nm = (const pe_str *)s->gnames[slot];
    uint32_t mask = s->index_cap - 1, i = name_hash(nm->data, nm->len) & mask;
    while (s->index[i]) i = (i + 1) & mask;
    s->index[i] = slot + 1;
}

/* Grows the slot arrays to hold `need` slots. The value array is moved to
 * a new block: functions made by earlier programs point at it, so their
 * pointers are redirected (no session frame is live: see `running`). */
static int reserve(pe_state *S, pe_session *s, uint32_t need) {
    if (need <= s->cap) return 0;
    if (need > PE_ARG_MAX) return pe_raise_nomem(S);
    uint32_t cap = s->cap ? s->cap : 64;
    while (cap < need) cap *= 2;
    uint32_t icap = cap * 4;
    uint32_t *index = calloc(icap, sizeof *index);
    if (!index) return pe_raise_nomem(S);
    pe_obj **gn = realloc(s->gnames, cap * sizeof *gn);
    if (!gn) {
        free(index);
        return pe_raise_nomem(S);
    }
    s->gnames = gn;
    int32_t *gb = realloc(s->gbuiltin, cap * sizeof *gb);
    if (!gb) {
        free(index);
        return pe_raise_nomem(S);
    }
    s->gbuiltin = gb;
    pe_val *g = malloc(cap * sizeof *g);
    if (!g) {
        free(index);
        return pe_raise_nomem(S);
    }
    if (s->n) memcpy(g, s->g, s->n * sizeof *g);
    pe_heap *h = &S->heap;
    if (s->g)
        for (pe_obj *o = h->head.gc_next; o != &h->head; o = o->gc_next)
            if (o->type == &pe_type_function && ((pe_func *)o)->globals == s->g)
                ((pe_func *)o)->globals = g;
    free(s->g);
    s->g = g;
    s->cap = cap;
    free(s->index);
    s->index = index;
    s->index_cap = icap;
    for (uint32_t k = 0; k < s->n; k++) index_put(s, k);
    return 0;
}

/* The session slot of a global name, created (builtin value or unbound)
 * on first use. Returns the slot or -1 (exception pending). */
static int64_t slot_of(pe_state *S, pe_session *s, pe_obj *name, int32_t builtin) {
    const pe_str *nm = (const pe_str *)name;
    int64_t k = find_slot(s, nm->data, nm->len);
    if (k >= 0) return k;
    if (s->running) return pe_raise(S, PE_EXC(RuntimeError), "session globals changed size during a run");
    if (reserve(S, s, s->n + 1)) return -1;
    uint32_t slot = s->n++;
    s->gnames[slot] = name;
    s->gbuiltin[slot] = builtin;
    s->g[slot] = builtin >= 0 ? pe_builtin_value(builtin) : pe_undef();
    index_put(s, slot);
    return slot;
}

pe_session *pe_session_new(pe_state *S) {
    pe_session *s = calloc(1, sizeof *s);
    if (!s) {
        pe_raise_nomem(S);
        return NULL;
    }
    s->view.filename = "<stdin>";
    s->view.mode = PE_MODE_SINGLE;
    return s;
}

void pe_session_free(pe_state *S, pe_session *s) {
    if (!s) return;
    for (uint32_t i = 0; i < s->n; i++) pe_decref(S, s->g[i]);
    for (size_t i = 0; i < s->nowned; i++) pe_decref(S, s->owned[i]);
    if (S->code == &s->view) {
        S->code = NULL;
        S->globals = NULL;
        S->nglobals = 0;
    }
    /* objects of the session's runs may point into its codes */
    pe_reset(S);
    for (size_t i = 0; i < s->ncodes; i++) pe_code_release_in(S, s->codes[i]);
    free(s->codes);
    free(s->owned);
    free(s->g);
    free(s->gnames);
    free(s->gbuiltin);
    free(s->index);
    free(s);
}

/* Renumbers code's global slots to session slots; the session keeps a
 * reference to the code. */
static int adopt(pe_state *S, pe_session *s, pe_code *code) {
    for (size_t i = 0; i < s->ncodes; i++)
        if (s->codes[i] == code) return 0; /* run here before: already renumbered */
    if (atomic_load(&code->refcount) != 1)
        return pe_raise(S, PE_EXC(ValueError), "a session runs only codes no one else holds");
    if (s->ncodes == s->codes_cap) {
        size_t nc = s->codes_cap ? s->codes_cap * 2 : 16;
        pe_code **cs = realloc(s->codes, nc * sizeof *cs);
        if (!cs) return pe_raise_nomem(S);
        s->codes = cs;
        s->codes_cap = nc;
    }
    uint32_t *map = malloc((code->nglobals ? code->nglobals : 1) * sizeof *map);
    if (!map) return pe_raise_nomem(S);
    for (uint32_t i = 0; i < code->nglobals; i++) {
        int64_t k = slot_of(S, s, code->gnames[i], code->gbuiltin[i]);
        if (k < 0) {
            free(map);
            return -1;
        }
        map[i] = (uint32_t)k;
    }
    for (pe_obj *o = code->heap.head.gc_next; o != &code->heap.head; o = o->gc_next) {
        if (o->type != &pe_type_code) continue;
        pe_fcode *fc = (pe_fcode *)o;
        for (uint32_t k = 0; k < fc->ncode; k++) {
            uint32_t w = fc->code[k], op = PE_OPOF(w);
            if (op == PE_OP_LOAD_GLOBAL || op == PE_OP_STORE_GLOBAL || op == PE_OP_DELETE_GLOBAL)
                fc->code[k] = PE_INSTR(op, map[PE_ARGOF(w)]);
        }
    }
    free(map);
    pe_code_retain(code);
    s->codes[s->ncodes++] = code;
    return 0;
}

int pe_session_run(pe_state *S, pe_session *s, pe_code *code, pe_value *result) {
    if (result) *result = pe_value_none();
    if (s->running) return pe_raise(S, PE_EXC(RuntimeError), "the session is running");
    if (S->run_begun) pe_run_end(S);
    if (adopt(S, s, code)) return -1;
    s->view.gnames = s->gnames;
    s->view.gbuiltin = s->gbuiltin;
    s->view.nglobals = s->n;
    s->view.filename = code->filename;
    s->view.source = code->source;
    s->view.source_len = code->source_len;
    s->view.mode = code->mode;
    s->view.module = code->module;
    pe_val *saved_globals = S->globals;
    uint32_t saved_n = S->nglobals;
    /* S->code stays the view after the run: the traceback printed later
     * names its file (pe_session_free clears it) */
    S->code = &s->view;
    S->globals = s->g;
    S->nglobals = s->n;
    s->running = 1;
    pe_val r = pe_none();
    /* limits per run, as pe_run_begin/pe_run_exec apply them */
    int st = pe_run_memory_begin(S);
    if (st == 0) {
        pe_limits_start(S);
        st = pe_vm_run(S, code, &r);
        S->deadline = 0;
        pe_run_memory_end(S);
    }
    s->running = 0;
    S->globals = saved_globals;
    S->nglobals = saved_n;
    if (st) return -1;
    if (result) *result = pe_value_of(r);
    else pe_decref(S, r);
    return 0;
}

int pe_session_get(pe_state *S, pe_session *s, const char *name, size_t len, int builtins,
                   pe_value *out) {
    (void)S;
    *out = pe_value_none();
    int64_t k = find_slot(s, name, len);
    if (k >= 0 && s->g[k].tag != PE_TUNDEF) {
        pe_incref(s->g[k]);
        *out = pe_value_of(s->g[k]);
        return 1;
    }
    if (!builtins) return 0;
    int b = pe_builtin_lookup(name, len);
    if (b < 0 || !*pe_builtin_name(b)) return 0;
    pe_val v = pe_builtin_value(b);
    pe_incref(v);
    *out = pe_value_of(v);
    return 1;
}

int pe_session_set(pe_state *S, pe_session *s, const char *name, size_t len, const pe_value *v) {
    int64_t k = find_slot(s, name, len);
    if (k < 0) {
        if (s->nowned == s->owned_cap) {
            size_t nc = s->owned_cap ? s->owned_cap * 2 : 4;
            pe_val *ow = realloc(s->owned, nc * sizeof *ow);
            if (!ow) return pe_raise_nomem(S);
            s->owned = ow;
            s->owned_cap = nc;
        }
        pe_val key;
        if (pe_str_new(S, name, len, &key)) return -1;
        s->owned[s->nowned++] = key; /* released by pe_session_free */
        k = slot_of(S, s, key.u.o, -1);
        if (k < 0) return -1;
    }
    pe_val nv = v ? pe_val_of(*v) : pe_undef();
    pe_incref(nv);
    pe_val old = s->g[k];
    s->g[k] = nv;
    pe_decref(S, old);
    return 0;
}

int pe_session_next(const pe_session *s, size_t *pos, const char **name, size_t *len,
                    pe_value *val) {
    while (*pos < s->n) {
        size_t i = (*pos)++;
        if (s->g[i].tag == PE_TUNDEF) continue;
        const pe_str *nm = (const pe_str *)s->gnames[i];
        if (name) *name = nm->data;
        if (len) *len = nm->len;
        if (val) *val = pe_value_of(s->g[i]);
        return 1;
    }
    return 0;
}
