/*
 * snapshot.c - a suspended run as bytes (pyexpr.h "Snapshots"): the
 * program's source (recompiled on load: the compiler is deterministic, so
 * code objects are named by their index in a walk of the code tree), the
 * limits and what the run used of them, the global slots, the frames with
 * their windows (locals, cells, value stack), the pending call, and every
 * heap object reachable from them, each once (sharing and cycles kept).
 *
 * Format (all integers LEB128 varints, signed ones zigzag-coded):
 *   "PXSNAP" u8 version  [32-byte HMAC-SHA256 of everything after it]
 *   source, filename (len + bytes), mode
 *   limits (max_steps, max_memory, max_depth, timeout as 8 bytes LE),
 *   steps_left, time_left, ncalls, max_calls, names flag
 *   objects: n, then per object its kind and what creating it needs
 *            (shells), then per object index + payload: the immutable
 *            objects first, each after the immutables it holds
 *   nglobals + values; the handled exception; the pending call;
 *   nframes + frames
 * A value is a tag byte (UNDEF, None, False, True, int, float, object
 * reference, builtin) and its data.
 *
 * Loading: pass 1 makes every object that holds references as an empty
 * shell (lists, dicts, sets, cells, functions, generators, iterators,
 * exceptions), pass 2 makes the immutable ones (str, int, bytes, tuple,
 * frozenset, and bytearray) in that order - their children exist by then:
 * immutables cannot form cycles - and pass 3 fills the shells. Everything read is
 * bounds-checked: bad bytes are a ValueError, never a crash. What the VM
 * takes on trust (the kinds of the values a frame's stack holds where its
 * instructions expect them) is covered by the MAC: a snapshot loads only
 * with the key it was dumped with.
 *
 * Modules are written by name and imported again on load (a library
 * module's own state, e.g. random's generator, is not kept); so are a
 * library's functions and classes (module + qualified name). The script's
 * own classes (object layout with a __dict__, no __slots__) are made again
 * on load with a stub namespace once their bases exist (make_classes), then
 * get their real namespace and special methods after pass 3; their
 * instances are made right after the classes and get their attributes in
 * pass 3. Objects a snapshot cannot hold (other classes and instances,
 * host objects, bound methods, most iterators...) are a TypeError at dump
 * time naming the type.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "capi.h"
#include "hash_algos.h"
#include "pe_bytes.h"
#include "pe_class.h"
#include "pe_cont.h"
#include "pe_module.h"
#include "pe_str.h"

#define SNAP_MAGIC "PXSNAP"
#define SNAP_VERSION 1
#define SNAP_MAC 32
#define SNAP_HDR (6 + 1 + SNAP_MAC)

enum { V_UNDEF, V_NONE, V_FALSE, V_TRUE, V_INT, V_FLOAT, V_REF, V_BUILTIN, V_METHOD };
enum {
    K_STR = 1, K_INT, K_BYTES, K_TUPLE, K_FROZENSET, /* immutable: made in pass 2 */
    K_BYTEARRAY, K_LIST, K_DICT, K_SET, K_CELL, K_FUNC, K_EXTERNAL, K_GEN, K_RANGEITER,
    K_LISTITER, K_TUPLEITER, K_EXC, K_MODULE, K_LIBFUNC, K_CLASS, K_INSTANCE,
    K_STATICMETHOD, K_CLASSMETHOD, K_PROPERTY,
    K__END
};
#define K_IMMUTABLE(k) ((k) >= K_STR && (k) <= K_FROZENSET)
enum { FR_MODULE = 1, FR_CALL, FR_GEN };

/* ------------------------------------------------------------------ */
/* HMAC-SHA256 (RFC 2104) on hash_algos.c's SHA-256                     */
/* ------------------------------------------------------------------ */

static void hmac_sha256(const unsigned char *key, size_t keylen, const unsigned char *msg,
                        size_t n, unsigned char out[32]) {
    const pe_hash_algo *a = &pe_hash_algos[3];
    unsigned char k[64] = {0}, pad[64], inner[32];
    pe_hash_ctx c;
    if (keylen > 64) {
        a->init(&c);
        c.nbytes = 0;
        c.buflen = 0;
        pe_hash_update(a, &c, key, keylen);
        pe_hash_final(a, &c, k);
    } else if (keylen) {
        memcpy(k, key, keylen);
    }
    for (int i = 0; i < 64; i++) pad[i] = k[i] ^ 0x36;
    a->init(&c);
    c.nbytes = 0;
    c.buflen = 0;
    pe_hash_update(a, &c, pad, 64);
    pe_hash_update(a, &c, msg, n);
    pe_hash_final(a, &c, inner);
    for (int i = 0; i < 64; i++) pad[i] = k[i] ^ 0x5c;
    a->init(&c);
    c.nbytes = 0;
    c.buflen = 0;
    pe_hash_update(a, &c, pad, 64);
    pe_hash_update(a, &c, inner, 32);
    pe_hash_final(a, &c, out);
}

/* ------------------------------------------------------------------ */
/* The program's code objects, in a fixed order                         */
/* ------------------------------------------------------------------ */

typedef struct codes {
    pe_fcode **v;
    uint32_t n, cap;
} codes;

static int codes_add(pe_state *S, codes *cs, pe_fcode *fc) {
    if (cs->n == cs->cap) {
        uint32_t cap = cs->cap ? cs->cap * 2 : 16;
        pe_fcode **p = pe_sys_realloc(S, cs->v, cs->cap * sizeof *p, cap * sizeof *p);
        if (!p) return pe_raise_nomem(S);
        cs->v = p;
        cs->cap = cap;
    }
    cs->v[cs->n++] = fc;
    return 0;
}

/* Breadth-first from the module code: the order depends only on the
 * compiled program (no recursion). */
static int codes_collect(pe_state *S, const pe_code *code, codes *cs) {
    cs->v = NULL;
    cs->n = cs->cap = 0;
    if (codes_add(S, cs, code->module)) return -1;
    for (uint32_t i = 0; i < cs->n; i++) {
        pe_fcode *fc = cs->v[i];
        for (uint32_t k = 0; k < fc->nconsts; k++)
            if (pe_is_kind(fc->consts[k], PE_K_CODE) &&
                codes_add(S, cs, (pe_fcode *)fc->consts[k].u.o))
                return -1;
    }
    return 0;
}

static void codes_free(pe_state *S, codes *cs) {
    pe_sys_free(S, cs->v, cs->cap * sizeof *cs->v);
    cs->v = NULL;
}

static int64_t code_index(const codes *cs, const pe_fcode *fc) {
    for (uint32_t i = 0; i < cs->n; i++)
        if (cs->v[i] == fc) return i;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

struct wframe {
    uint32_t idx;
    size_t pend_at; /* order(): the child cursor */
};

typedef struct wr {
    pe_state *S;
    pe_sb *sb;
    codes cs;
    /* objects: index by address (open addressing), in discovery order */
    pe_obj **objs;
    uint32_t nobjs, objs_cap;
    uint32_t *slot_idx; /* hash table: index+1, 0 empty */
    pe_obj **slot_key;
    size_t mask;
    uint32_t *post; /* the order of the payloads (order()) */
    uint32_t npost, post_cap;
    pe_val *pend; /* children of the object being numbered */
    size_t npend, pend_cap;
    size_t npairs; /* inst_attrs count_pair */
} wr;

static int put(wr *w, const void *p, size_t n) { return pe_sb_putn(w->sb, (const char *)p, n); }

static int put_u(wr *w, uint64_t v) {
    unsigned char b[10];
    size_t n = 0;
    do {
        b[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v) b[n] |= 0x80;
        n++;
    } while (v);
    return put(w, b, n);
}

static int put_i(wr *w, int64_t v) { return put_u(w, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63)); }

static int put_f(wr *w, double d) {
    uint64_t u;
    memcpy(&u, &d, 8);
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)(u >> (8 * i));
    return put(w, b, 8);
}

static int put_bytes(wr *w, const void *p, size_t n) { return put_u(w, n) || put(w, p, n); }

static size_t ptr_hash(const pe_obj *o, size_t mask) {
    uint64_t h = (uint64_t)(uintptr_t)o * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & mask;
}

/* The index of o, or -1. */
static int64_t obj_find(const wr *w, const pe_obj *o) {
    if (!w->mask) return -1;
    for (size_t i = ptr_hash(o, w->mask);; i = (i + 1) & w->mask) {
        if (!w->slot_idx[i]) return -1;
        if (w->slot_key[i] == o) return (int64_t)w->slot_idx[i] - 1;
    }
}

static int grow(pe_state *S, void **p, uint32_t *cap, size_t elem, uint32_t need) {
    if (need <= *cap) return 0;
    uint32_t nc = *cap ? *cap * 2 : 64;
    while (nc < need) nc *= 2;
    void *np = pe_sys_realloc(S, *p, (size_t)*cap * elem, (size_t)nc * elem);
    if (!np) return pe_raise_nomem(S);
    *p = np;
    *cap = nc;
    return 0;
}

static int obj_add(wr *w, pe_obj *o) {
    pe_state *S = w->S;
    if ((size_t)(w->nobjs + 1) * 2 > w->mask + 1) {
        size_t nm = w->mask ? w->mask * 2 + 1 : 255;
        uint32_t *ni = pe_sys_alloc(S, (nm + 1) * sizeof *ni);
        pe_obj **nk = pe_sys_alloc(S, (nm + 1) * sizeof *nk);
        if (!ni || !nk) {
            if (ni) pe_sys_free(S, ni, (nm + 1) * sizeof *ni);
            if (nk) pe_sys_free(S, nk, (nm + 1) * sizeof *nk);
            return pe_raise_nomem(S);
        }
        memset(ni, 0, (nm + 1) * sizeof *ni);
        for (uint32_t k = 0; k < w->nobjs; k++) {
            size_t i = ptr_hash(w->objs[k], nm);
            while (ni[i]) i = (i + 1) & nm;
            ni[i] = k + 1;
            nk[i] = w->objs[k];
        }
        if (w->mask) {
            pe_sys_free(S, w->slot_idx, (w->mask + 1) * sizeof *ni);
            pe_sys_free(S, w->slot_key, (w->mask + 1) * sizeof *nk);
        }
        w->slot_idx = ni;
        w->slot_key = nk;
        w->mask = nm;
    }
    if (grow(S, (void **)&w->objs, &w->objs_cap, sizeof *w->objs, w->nobjs + 1)) return -1;
    size_t i = ptr_hash(o, w->mask);
    while (w->slot_idx[i]) i = (i + 1) & w->mask;
    w->slot_idx[i] = w->nobjs + 1;
    w->slot_key[i] = o;
    w->objs[w->nobjs++] = o;
    return 0;
}

/* A builtin's index when v is one of the immortal builtin values, else -1. */
static int builtin_index(pe_val v) {
    for (int i = 0; pe_builtin_name(i); i++) {
        pe_val b = pe_builtin_value(i);
        if (b.tag == v.tag && b.u.o == v.u.o) return i;
    }
    return -1;
}

static const pe_type *const simple_types[] = {
    [K_STR] = &pe_type_str, [K_BYTES] = &pe_type_bytes, [K_TUPLE] = &pe_type_tuple,
    [K_FROZENSET] = &pe_type_frozenset, [K_BYTEARRAY] = &pe_type_bytearray,
    [K_LIST] = &pe_type_list, [K_DICT] = &pe_type_dict, [K_SET] = &pe_type_set,
    [K_CELL] = &pe_type_cell, [K_FUNC] = &pe_type_function, [K_GEN] = &pe_type_generator,
    [K_RANGEITER] = &pe_type_range_iterator, [K_LISTITER] = &pe_type_list_iterator,
    [K_TUPLEITER] = &pe_type_tuple_iterator, [K_STATICMETHOD] = &pe_type_staticmethod,
    [K_CLASSMETHOD] = &pe_type_classmethod, [K_PROPERTY] = &pe_type_property,
};

/* The __module__ str of class c, or NULL. */
static const pe_str *class_module(const pe_class *c) {
    size_t pos = 0;
    pe_value k, v;
    if (c->dict.tag != PE_TOBJ) return NULL;
    while (pe_value_dict_next(pe_value_of(c->dict), &pos, &k, &v)) {
        pe_val kk = pe_val_of(k), vv = pe_val_of(v);
        if (pe_is_str(kk) && PE_STR(kk)->len == 10 && !memcmp(PE_STR(kk)->data, "__module__", 10))
            return pe_is_str(vv) ? PE_STR(vv) : NULL;
    }
    return NULL;
}

/* o is a function or a class of a library module (not the script's):
 * true with its module's name and its qualified name (a snapshot holds
 * it by those; libfunc_check makes sure they find it again). */
static bool libref_names(const pe_obj *o, const char **mod, const pe_str **name) {
    if (o->type == &pe_type_function) {
        const pe_fcode *fc = ((const pe_func *)o)->code;
        if (!fc->prog || !fc->prog->modname) return false;
        *mod = fc->prog->modname;
        *name = (const pe_str *)fc->qualname;
        return true;
    }
    if (o->type == &pe_type_type && pe_is_heaptype((const pe_type *)o)) {
        const pe_class *c = (const pe_class *)o;
        const pe_str *m = class_module(c);
        if (!m || !strcmp(m->data, "__main__") || !pe_is_str(c->qualname)) return false;
        *mod = m->data;
        *name = PE_STR(c->qualname);
        return true;
    }
    return false;
}

/* A class of the script a snapshot can hold with its instances: made by a
 * class statement or type() here (__module__ '__main__'), its metaclass
 * `type`, instances laid out as `object`'s with a __dict__ (no __slots__,
 * no built-in base other than object). */
static bool script_class(const pe_type *t) {
    if (!pe_is_heaptype(t) || t->ob.type != &pe_type_type) return false;
    const pe_class *c = (const pe_class *)t;
    const pe_str *m = class_module(c);
    return m && !strcmp(m->data, "__main__") && c->solid == &pe_type_object &&
           !(c->flags & PE_CLS_BOXED) && (c->flags & PE_CLS_HAS_DICT) && c->nslots == 0 &&
           c->dictoffset && pe_is_str(c->name) && pe_is_str(c->qualname) &&
           pe_is_kind(c->bases, PE_K_TUPLE);
}

/* Calls fn(w, name, value) for each attribute of instance o, in order. */
static int inst_attrs(wr *w, pe_obj *o, int (*fn)(wr *, pe_val, pe_val)) {
    const pe_class *c = (const pe_class *)o->type;
    pe_val *dp = (pe_val *)((char *)o + c->dictoffset);
    if (dp->tag == PE_TOBJ) {
        size_t pos = 0;
        pe_value k, v;
        while (pe_value_dict_next(pe_value_of(*dp), &pos, &k, &v))
            if (fn(w, pe_val_of(k), pe_val_of(v))) return -1;
        return 0;
    }
    pe_val *vals = pe_inst_values(o, c);
    for (uint32_t i = 0; i < PE_INST_NV(o); i++)
        if (vals[i].tag != PE_TUNDEF && fn(w, pe_obj_val(c->keys[i]), vals[i])) return -1;
    return 0;
}

/* The snapshot kind of object o (0: it cannot be in a snapshot). */
static int obj_kind(const pe_obj *o) {
    const pe_type *t = o->type;
    if (t->kind == PE_K_INT) return K_INT;
    if (t->kind == PE_K_EXC && t->exc_id < PE_EXC__COUNT && t == &pe_exc_types[t->exc_id])
        return K_EXC;
    if (pe_external_name(pe_obj_val((pe_obj *)o))) return K_EXTERNAL;
    if (t == &pe_type_module && ((const pe_module *)o)->name) return K_MODULE; /* by name */
    const char *mod;
    const pe_str *name;
    if (libref_names(o, &mod, &name)) return K_LIBFUNC; /* a library's function or class */
    if (t == &pe_type_type && script_class((const pe_type *)o)) return K_CLASS;
    if (script_class(t)) return K_INSTANCE;
    for (int k = 1; k < K__END; k++)
        if (k < (int)(sizeof simple_types / sizeof *simple_types) && simple_types[k] == t) return k;
    return 0;
}

static int pend_push(wr *w, pe_val v) {
    if (v.tag != PE_TOBJ) return 0;
    if (w->npend == w->pend_cap) {
        size_t nc = w->pend_cap ? w->pend_cap * 2 : 256;
        pe_val *p = pe_sys_realloc(w->S, w->pend, w->pend_cap * sizeof *p, nc * sizeof *p);
        if (!p) return pe_raise_nomem(w->S);
        w->pend = p;
        w->pend_cap = nc;
    }
    w->pend[w->npend++] = v;
    return 0;
}

static int pend_vals(wr *w, const pe_val *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (pend_push(w, v[i])) return -1;
    return 0;
}

/* Built-in types whose methods a frame may hold (LOAD_METHOD pushes the
 * method table's entry): a method is (type index, entry index). */
static const pe_type *method_type(uint32_t i) {
    static const pe_type *const t[] = {
        &pe_type_str, &pe_type_list, &pe_type_dict, &pe_type_set, &pe_type_frozenset,
        &pe_type_tuple, &pe_type_bytes, &pe_type_bytearray, &pe_type_int, &pe_type_float,
    };
    return i < sizeof t / sizeof *t ? t[i] : NULL;
}

/* v as a method table entry of one of those types: 1 with *ti, *mi. */
static int method_index(pe_val v, uint32_t *ti, uint32_t *mi) {
    if (v.tag != PE_TOBJ || !(v.u.o->flags & PE_IMMORTAL) || v.u.o->type != &pe_type_builtin)
        return 0;
    const pe_type *t;
    for (uint32_t i = 0; (t = method_type(i)); i++)
        for (uint32_t k = 0; t->methods && t->methods[k].name; k++)
            if (&t->methods[k].ob == v.u.o) {
                *ti = i;
                *mi = k;
                return 1;
            }
    return 0;
}

static bool is_builtin_static(pe_val v) {
    uint32_t a, b;
    return v.tag == PE_TOBJ && (v.u.o->flags & PE_IMMORTAL) &&
           (builtin_index(v) >= 0 || method_index(v, &a, &b));
}

/* The value fields of a staticmethod / classmethod (func, dict) or a
 * property (fget, fset, fdel, doc, name), in the order a snapshot has them. */
static size_t descr_fields(pe_obj *o, int kind, pe_val **f) {
    if (kind == K_PROPERTY) {
        pe_property *p = (pe_property *)o;
        f[0] = &p->fget, f[1] = &p->fset, f[2] = &p->fdel, f[3] = &p->doc, f[4] = &p->name;
        return 5;
    }
    f[0] = &((pe_wrapper *)o)->func;
    f[1] = &((pe_wrapper *)o)->dict;
    return 2;
}

static int pend_pair(wr *w, pe_val k, pe_val v) { return pend_push(w, k) || pend_push(w, v); }

/* Pushes the objects o refers to. */
static int children(wr *w, pe_obj *o, int kind) {
    pe_val v = pe_obj_val(o);
    switch (kind) {
    case K_TUPLE: return pend_vals(w, PE_TUPLE(v)->items, PE_TUPLE(v)->n);
    case K_LIST: return pend_vals(w, PE_LIST(v)->items, PE_LIST(v)->n);
    case K_DICT:
    case K_SET:
    case K_FROZENSET: {
        size_t pos = 0;
        pe_value k, val;
        if (kind == K_DICT) {
            while (pe_value_dict_next(pe_value_of(v), &pos, &k, &val))
                if (pend_push(w, pe_val_of(k)) || pend_push(w, pe_val_of(val))) return -1;
        } else {
            while (pe_value_set_next(pe_value_of(v), &pos, &k))
                if (pend_push(w, pe_val_of(k))) return -1;
        }
        return 0;
    }
    case K_CELL: return pend_push(w, ((pe_cell *)o)->v);
    case K_FUNC: {
        pe_func *f = (pe_func *)o;
        return pend_push(w, f->defaults) || pend_push(w, f->kwdefaults) ||
               pend_push(w, f->closure) || pend_push(w, f->dict);
    }
    case K_GEN: {
        pe_gen *g = (pe_gen *)o;
        if (!g->func) return 0;
        return pend_push(w, pe_obj_val(&g->func->ob)) || pend_vals(w, g->saved, g->nsaved) ||
               pend_push(w, g->exc_state) || pend_push(w, g->outer_handled);
    }
    case K_LISTITER:
    case K_TUPLEITER: return pend_push(w, ((pe_indexed_iter *)o)->seq);
    case K_EXC: {
        pe_exc *e = (pe_exc *)o;
        return pend_push(w, e->args) || pend_push(w, e->cause) || pend_push(w, e->context) ||
               pend_push(w, e->dict);
    }
    case K_CLASS: {
        pe_class *c = (pe_class *)o;
        return pend_vals(w, PE_TUPLE(c->bases)->items, PE_TUPLE(c->bases)->n) ||
               pend_push(w, c->dict);
    }
    case K_INSTANCE: return pend_push(w, pe_obj_val((pe_obj *)&o->type->ob)) ||
                            inst_attrs(w, o, pend_pair);
    case K_STATICMETHOD:
    case K_CLASSMETHOD:
    case K_PROPERTY: {
        pe_val *f[5];
        for (size_t i = 0, n = descr_fields(o, kind, f); i < n; i++)
            if (pend_push(w, *f[i])) return -1;
        return 0;
    }
    default: return 0;
    }
}

/* module.name (a new reference) of library function f, or -1 with the
 * exception a dump raises: f must be what its module's attribute of that
 * name is (a top-level function), so that a load finds it by name. */
static int libfunc_lookup(pe_state *S, const char *mod, const char *name, pe_val *out) {
    pe_val m, key;
    if (pe_import(S, mod, &m)) return -1;
    int r = pe_str_from_cstr(S, name, &key);
    if (r == 0) {
        r = pe_getattr(S, m, key.u.o, out);
        pe_decref(S, key);
    }
    pe_decref(S, m);
    return r;
}

static int libfunc_check(pe_state *S, const pe_obj *o) {
    const char *mod = NULL;
    const pe_str *name = NULL;
    libref_names(o, &mod, &name);
    const char *q = name->data;
    pe_val found;
    bool same = false;
    if (!strchr(q, '.') && !strchr(q, '<') && strlen(mod) < 256 && name->len < 256 &&
        libfunc_lookup(S, mod, q, &found) == 0) {
        same = found.tag == PE_TOBJ && found.u.o == o;
        pe_decref(S, found);
    }
    if (S->exc.tag != PE_TUNDEF) pe_exc_clear(S);
    if (same) return 0;
    return pe_raise(S, PE_EXC(TypeError), "cannot snapshot %s of another module ('%s')",
                    o->type == &pe_type_function ? "a function" : "a class", q);
}

/* Numbers root, then (breadth-first over the numbered objects, no
 * recursion) everything it reaches. */
static int number(wr *w, pe_val c) {
    pe_state *S = w->S;
    if (c.tag != PE_TOBJ || obj_find(w, c.u.o) >= 0) return 0;
    int kind = obj_kind(c.u.o);
    if (!kind && is_builtin_static(c)) return 0; /* written as a builtin or method */
    if (!kind) {
        const pe_type *t = c.u.o->type;
        static const char why[] = "only the script's own classes with a __dict__ and no "
                                  "built-in base other than object, without __slots__ or a "
                                  "metaclass, are supported";
        if (t == &pe_type_type && pe_is_heaptype((const pe_type *)c.u.o))
            return pe_raise(S, PE_EXC(TypeError), "cannot snapshot class '%s' (%s)",
                            ((const pe_type *)c.u.o)->name, why);
        if (pe_is_heaptype(t))
            return pe_raise(S, PE_EXC(TypeError), "cannot snapshot an instance of class '%s' (%s)",
                            t->name, why);
        return pe_raise(S, PE_EXC(TypeError), "cannot snapshot a '%s' object", pe_type_name(c));
    }
    if (kind == K_FUNC && ((pe_func *)c.u.o)->globals != S->globals)
        return pe_raise(S, PE_EXC(TypeError), "cannot snapshot a function of another module ('%s')",
                        ((pe_str *)((pe_func *)c.u.o)->code->qualname)->data);
    if (kind == K_LIBFUNC && libfunc_check(S, c.u.o)) return -1;
    if (kind == K_GEN && !((pe_gen *)c.u.o)->func)
        return pe_raise(S, PE_EXC(TypeError), "cannot snapshot a cleared generator");
    return obj_add(w, c.u.o);
}

static int visit(wr *w, pe_val root) {
    uint32_t from = w->nobjs;
    if (number(w, root)) return -1;
    for (uint32_t i = from; i < w->nobjs; i++) {
        w->npend = 0;
        if (children(w, w->objs[i], obj_kind(w->objs[i]))) return -1;
        for (size_t k = 0; k < w->npend; k++)
            if (number(w, w->pend[k])) return -1;
    }
    return 0;
}

/* The next immutable child of immutable o after *cursor, or 0. */
static int next_imm_child(const pe_obj *o, size_t *cursor, pe_val *out) {
    pe_val v = pe_obj_val((pe_obj *)o);
    int kind = obj_kind(o);
    for (;;) {
        pe_val c;
        if (kind == K_TUPLE) {
            if (*cursor >= PE_TUPLE(v)->n) return 0;
            c = PE_TUPLE(v)->items[(*cursor)++];
        } else if (kind == K_FROZENSET) {
            pe_value k;
            if (!pe_value_set_next(pe_value_of(v), cursor, &k)) return 0;
            c = pe_val_of(k);
        } else {
            return 0;
        }
        if (c.tag == PE_TOBJ && K_IMMUTABLE(obj_kind(c.u.o))) {
            *out = c;
            return 1;
        }
    }
}

/* w->post: the immutable objects, each after the immutables it holds (they
 * form no cycle), then the others. Depth-first without recursion. */
static int order(wr *w) {
    pe_state *S = w->S;
    uint32_t n = w->nobjs;
    w->post_cap = n ? n : 1;
    w->post = pe_sys_alloc(S, w->post_cap * sizeof *w->post);
    uint8_t *done = pe_sys_alloc(S, n ? n : 1);
    struct wframe *path = pe_sys_alloc(S, (n ? n : 1) * sizeof *path);
    int r = 0;
    if (!w->post || !done || !path) {
        r = pe_raise_nomem(S);
        goto out;
    }
    memset(done, 0, n);
    for (uint32_t i = 0; i < n; i++) {
        if (done[i] || !K_IMMUTABLE(obj_kind(w->objs[i]))) continue;
        uint32_t np = 0;
        path[np++] = (struct wframe){i, 0};
        done[i] = 1;
        while (np) {
            struct wframe *t = &path[np - 1];
            pe_val c;
            if (next_imm_child(w->objs[t->idx], &t->pend_at, &c)) {
                uint32_t ci = (uint32_t)obj_find(w, c.u.o);
                if (!done[ci]) {
                    done[ci] = 1;
                    path[np++] = (struct wframe){ci, 0};
                }
                continue;
            }
            w->post[w->npost++] = t->idx;
            np--;
        }
    }
    for (uint32_t i = 0; i < n; i++)
        if (!done[i]) w->post[w->npost++] = i;
out:
    if (done) pe_sys_free(S, done, n ? n : 1);
    if (path) pe_sys_free(S, path, (n ? n : 1) * sizeof *path);
    return r;
}

static int put_val(wr *w, pe_val v) {
    unsigned char t;
    switch (v.tag) {
    case PE_TUNDEF: t = V_UNDEF; return put(w, &t, 1);
    case PE_TNONE: t = V_NONE; return put(w, &t, 1);
    case PE_TBOOL: t = v.u.i ? V_TRUE : V_FALSE; return put(w, &t, 1);
    case PE_TINT: t = V_INT; return put(w, &t, 1) || put_i(w, v.u.i);
    case PE_TFLOAT: t = V_FLOAT; return put(w, &t, 1) || put_f(w, v.u.f);
    default: break;
    }
    int64_t idx = obj_find(w, v.u.o); /* every object of a snapshot kind */
    if (idx >= 0) {
        t = V_REF;
        return put(w, &t, 1) || put_u(w, (uint64_t)idx);
    }
    uint32_t ti, mi;
    if (method_index(v, &ti, &mi)) {
        t = V_METHOD;
        return put(w, &t, 1) || put_u(w, ti) || put_u(w, mi);
    }
    int b = builtin_index(v);
    if (b < 0) return pe_raise(w->S, PE_EXC(SystemError), "snapshot: an object was not numbered");
    t = V_BUILTIN;
    return put(w, &t, 1) || put_u(w, (uint64_t)b);
}

static int put_vals(wr *w, const pe_val *v, size_t n) {
    if (put_u(w, n)) return -1;
    for (size_t i = 0; i < n; i++)
        if (put_val(w, v[i])) return -1;
    return 0;
}

/* What pass 1 needs to make object o. */
static int put_shell(wr *w, pe_obj *o) {
    int kind = obj_kind(o);
    unsigned char k = (unsigned char)kind;
    if (put(w, &k, 1)) return -1;
    switch (kind) {
    case K_FUNC: return put_u(w, (uint64_t)code_index(&w->cs, ((pe_func *)o)->code));
    case K_EXTERNAL: {
        const char *n = pe_external_name(pe_obj_val(o));
        return put_bytes(w, n, strlen(n));
    }
    case K_EXC: return put_u(w, o->type->exc_id);
    case K_MODULE: {
        const char *n = ((const pe_module *)o)->name;
        return put_bytes(w, n, strlen(n));
    }
    case K_LIBFUNC: {
        const char *mod = NULL;
        const pe_str *q = NULL;
        libref_names(o, &mod, &q);
        return put_bytes(w, mod, strlen(mod)) || put_bytes(w, q->data, q->len);
    }
    case K_CLASS: { /* name, qualname, bases: made once its bases are */
        pe_class *c = (pe_class *)o;
        return put_bytes(w, PE_STR(c->name)->data, PE_STR(c->name)->len) ||
               put_bytes(w, PE_STR(c->qualname)->data, PE_STR(c->qualname)->len) ||
               put_vals(w, PE_TUPLE(c->bases)->items, PE_TUPLE(c->bases)->n);
    }
    case K_INSTANCE: return put_val(w, pe_obj_val((pe_obj *)&o->type->ob));
    case K_GEN: {
        pe_gen *g = (pe_gen *)o;
        int64_t fi = g->func ? obj_find(w, &g->func->ob) : -1;
        return put_i(w, fi);
    }
    default: return 0;
    }
}

static int count_pair(wr *w, pe_val k, pe_val v) {
    (void)k;
    (void)v;
    w->npairs++;
    return 0;
}

static int put_pair(wr *w, pe_val k, pe_val v) { return put_val(w, k) || put_val(w, v); }

/* The payload of object o (pass 2 or 3). */
static int put_payload(wr *w, pe_obj *o) {
    pe_state *S = w->S;
    pe_val v = pe_obj_val(o);
    switch (obj_kind(o)) {
    case K_STR: return put_bytes(w, PE_STR(v)->data, PE_STR(v)->len);
    case K_INT: {
        size_t need = 0;
        if (pe_value_int_to_bytes(S, pe_value_of(v), NULL, 0, &need)) return -1;
        unsigned char small[64], *b = need <= sizeof small ? small : pe_mem_alloc(S, need);
        if (!b) return -1;
        int r = pe_value_int_to_bytes(S, pe_value_of(v), b, need, &need) || put_bytes(w, b, need);
        if (b != small) pe_mem_free(S, b, need);
        return r;
    }
    case K_BYTES:
    case K_BYTEARRAY: {
        size_t n = 0;
        const unsigned char *p = pe_value_bytes(pe_value_of(v), &n);
        return put_bytes(w, p, n);
    }
    case K_TUPLE: return put_vals(w, PE_TUPLE(v)->items, PE_TUPLE(v)->n);
    case K_LIST: return put_vals(w, PE_LIST(v)->items, PE_LIST(v)->n);
    case K_DICT:
    case K_SET:
    case K_FROZENSET: {
        bool d = obj_kind(o) == K_DICT;
        if (put_u(w, pe_value_len(pe_value_of(v)))) return -1;
        size_t pos = 0;
        pe_value k, val;
        while (d ? pe_value_dict_next(pe_value_of(v), &pos, &k, &val)
                 : pe_value_set_next(pe_value_of(v), &pos, &k))
            if (put_val(w, pe_val_of(k)) || (d && put_val(w, pe_val_of(val)))) return -1;
        return 0;
    }
    case K_CELL: return put_val(w, ((pe_cell *)o)->v);
    case K_FUNC: {
        pe_func *f = (pe_func *)o;
        return put_val(w, f->defaults) || put_val(w, f->kwdefaults) || put_val(w, f->closure) ||
               put_val(w, f->dict);
    }
    case K_GEN: {
        pe_gen *g = (pe_gen *)o;
        return put_u(w, g->state) || put_u(w, g->pc) || put_vals(w, g->saved, g->nsaved) ||
               put_val(w, g->exc_state) || put_val(w, g->outer_handled);
    }
    case K_RANGEITER: {
        pe_rangeiter_view *r = (pe_rangeiter_view *)o;
        return put_i(w, r->cur) || put_i(w, r->step) || put_i(w, r->left);
    }
    case K_LISTITER:
    case K_TUPLEITER: {
        pe_indexed_iter *it = (pe_indexed_iter *)o;
        return put_val(w, it->seq) || put_u(w, it->index);
    }
    case K_EXC: {
        pe_exc *e = (pe_exc *)o;
        return put_val(w, e->args) || put_val(w, e->cause) || put_val(w, e->context) ||
               put_u(w, e->suppress_context) || put_val(w, e->dict);
    }
    case K_CLASS: return put_val(w, ((pe_class *)o)->dict);
    case K_STATICMETHOD:
    case K_CLASSMETHOD:
    case K_PROPERTY: {
        pe_val *f[5];
        for (size_t i = 0, n = descr_fields(o, obj_kind(o), f); i < n; i++)
            if (put_val(w, *f[i])) return -1;
        return 0;
    }
    case K_INSTANCE: /* the attributes, in order: a count, then (name, value) pairs */
        w->npairs = 0;
        return inst_attrs(w, o, count_pair) || put_u(w, w->npairs) || inst_attrs(w, o, put_pair);
    default: return 0;
    }
}

/* The window of frame i: its values end where the next frame's call
 * slot ends (a call) or at its saved sp (a generator resumed inline, the
 * top frame). */
static size_t frame_window(pe_state *S, uint32_t i) {
    pe_frame *f = &S->frames[i];
    if (i + 1 < S->nframes) {
        pe_frame *n = &S->frames[i + 1];
        if (!(n->entry & PE_FR_GEN)) return (size_t)(n->ret + 1 - f->locals);
    }
    return (size_t)(f->sp - f->locals);
}

static size_t fsize(const pe_fcode *c) {
    return (size_t)c->nlocals + c->ncells + c->nfree + c->stacksize;
}

static int frame_kind(pe_state *S, uint32_t i) {
    pe_frame *f = &S->frames[i];
    if (i == 0) return f->entry == PE_FR_ENTRY && !f->func ? FR_MODULE : 0;
    if (f->entry == 0 && f->func) {
        /* the call slot must be the caller's stack top */
        pe_frame *c = &S->frames[i - 1];
        return f->ret >= c->locals && f->ret < c->locals + fsize(c->code) &&
                       f->chunk == c->chunk
                   ? FR_CALL
                   : 0;
    }
    if (f->entry == PE_FR_GEN && f->func) return FR_GEN;
    return 0;
}

static int write_all(wr *w) {
    pe_state *S = w->S;
    pe_susp *s = &S->susp;
    const pe_code *code = S->code;
    /* number every object reachable from the run */
    for (uint32_t i = 0; i < S->nglobals; i++)
        if (visit(w, S->globals[i])) return -1;
    if (visit(w, S->handled) || visit(w, s->name) || visit(w, s->args) || visit(w, s->kwargs))
        return -1;
    for (uint32_t i = 0; i < S->nframes; i++) {
        pe_frame *f = &S->frames[i];
        int fk = frame_kind(S, i);
        if (!fk)
            return pe_raise(S, PE_EXC(TypeError),
                            "cannot snapshot the run: a frame of '%s' runs a class construction "
                            "or an operator method",
                            ((pe_str *)f->code->qualname)->data);
        if (code_index(&w->cs, f->code) < 0)
            return pe_raise(S, PE_EXC(TypeError), "cannot snapshot the run: '%s' belongs to another module",
                            ((pe_str *)f->code->qualname)->data);
        if (f->func && visit(w, pe_obj_val(&f->func->ob))) return -1;
        if (fk == FR_GEN && visit(w, pe_obj_val(&f->gen->ob))) return -1;
        size_t n = frame_window(S, i);
        for (size_t k = 0; k < n; k++)
            if (visit(w, f->locals[k])) return -1;
    }
    /* the header's fields */
    if (put_bytes(w, code->source, code->source_len) ||
        put_bytes(w, code->filename, strlen(code->filename)) || put_u(w, (uint64_t)code->mode))
        return -1;
    const pe_limits *L = &S->limits;
    if (put_u(w, L->max_steps) || put_u(w, L->max_memory) || put_u(w, L->max_depth) ||
        put_f(w, L->timeout) || put_u(w, S->steps_left) || put_f(w, s->time_left) ||
        put_u(w, s->ncalls) || put_u(w, s->max_calls) || put_u(w, s->names))
        return -1;
    /* objects: shells, then payloads (immutables first, children first) */
    if (order(w) || put_u(w, w->nobjs)) return -1;
    for (uint32_t i = 0; i < w->nobjs; i++)
        if (put_shell(w, w->objs[i])) return -1;
    for (uint32_t i = 0; i < w->npost; i++) {
        uint32_t idx = w->post[i];
        if (put_u(w, idx) || put_payload(w, w->objs[idx])) return -1;
    }
    if (put_vals(w, S->globals, S->nglobals) || put_val(w, S->handled)) return -1;
    if (put_u(w, s->kind) || put_u(w, s->npop) || put_i(w, s->gslot) || put_val(w, s->name) ||
        put_val(w, s->args) || put_val(w, s->kwargs))
        return -1;
    if (put_u(w, S->nframes)) return -1;
    for (uint32_t i = 0; i < S->nframes; i++) {
        pe_frame *f = &S->frames[i];
        int fk = frame_kind(S, i);
        if (put_u(w, (uint64_t)fk) || put_u(w, (uint64_t)code_index(&w->cs, f->code)) ||
            put_u(w, (uint64_t)(f->pc - f->code->code)) ||
            put_val(w, f->func ? pe_obj_val(&f->func->ob) : pe_none()) ||
            put_val(w, fk == FR_GEN ? pe_obj_val(&f->gen->ob) : pe_none()) ||
            put_vals(w, f->locals, frame_window(S, i)))
            return -1;
    }
    return 0;
}

static void wr_free(wr *w) {
    pe_state *S = w->S;
    codes_free(S, &w->cs);
    if (w->mask) {
        pe_sys_free(S, w->slot_idx, (w->mask + 1) * sizeof *w->slot_idx);
        pe_sys_free(S, w->slot_key, (w->mask + 1) * sizeof *w->slot_key);
    }
    pe_sys_free(S, w->objs, w->objs_cap * sizeof *w->objs);
    pe_sys_free(S, w->post, w->post_cap * sizeof *w->post);
    pe_sys_free(S, w->pend, w->pend_cap * sizeof *w->pend);
}

int pe_snapshot_dump(pe_state *S, const void *key, size_t keylen, char **out, size_t *len) {
    *out = NULL;
    if (!S->susp.suspended)
        return pe_raise(S, PE_EXC(SystemError), "pe_snapshot_dump: no run is suspended");
    if (!keylen) return pe_raise(S, PE_EXC(ValueError), "snapshot key must not be empty");
    pe_sb sb;
    pe_sb_init(&sb, S);
    wr w;
    memset(&w, 0, sizeof w);
    w.S = S;
    w.sb = &sb;
    unsigned char hdr[SNAP_HDR] = SNAP_MAGIC;
    hdr[6] = SNAP_VERSION;
    int r = codes_collect(S, S->code, &w.cs) || put(&w, hdr, SNAP_HDR) || write_all(&w);
    wr_free(&w);
    if (r || sb.failed) {
        pe_sb_free(&sb);
        return -1;
    }
    hmac_sha256(key, keylen, (unsigned char *)sb.p + SNAP_HDR, sb.len - SNAP_HDR,
                (unsigned char *)sb.p + 7);
    return pe_capi_sb_export(S, &sb, out, len);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

typedef struct rd {
    pe_state *S;
    const unsigned char *p, *end;
    codes cs;
    pe_val *objs; /* owned; UNDEF until made */
    uint8_t *kinds;
    const unsigned char **at; /* classes and instances: where their shell's data is */
    uint32_t n;
} rd;

static int bad(rd *r, const char *what) {
    return pe_raise(r->S, PE_EXC(ValueError), "invalid snapshot: %s", what);
}

static int get_u(rd *r, uint64_t *out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) return bad(r, "truncated");
        unsigned char b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return bad(r, "bad number");
}

static int get_u32(rd *r, uint32_t *out, uint64_t max) {
    uint64_t v;
    if (get_u(r, &v)) return -1;
    if (v > max || v > UINT32_MAX) return bad(r, "number out of range");
    *out = (uint32_t)v;
    return 0;
}

static int get_i(rd *r, int64_t *out) {
    uint64_t u;
    if (get_u(r, &u)) return -1;
    *out = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
    return 0;
}

static int get_f(rd *r, double *out) {
    if (r->end - r->p < 8) return bad(r, "truncated");
    uint64_t u = 0;
    for (int i = 0; i < 8; i++) u |= (uint64_t)r->p[i] << (8 * i);
    r->p += 8;
    memcpy(out, &u, 8);
    return 0;
}

static int get_bytes(rd *r, const unsigned char **p, size_t *n) {
    uint64_t len;
    if (get_u(r, &len)) return -1;
    if (len > (uint64_t)(r->end - r->p)) return bad(r, "truncated");
    *p = r->p;
    *n = (size_t)len;
    r->p += len;
    return 0;
}

/* A value: BORROWED (objects are held by r->objs). */
static int get_val(rd *r, pe_val *out) {
    if (r->p >= r->end) return bad(r, "truncated");
    unsigned char t = *r->p++;
    uint64_t u;
    switch (t) {
    case V_UNDEF: *out = pe_undef(); return 0;
    case V_NONE: *out = pe_none(); return 0;
    case V_FALSE: *out = pe_bool(0); return 0;
    case V_TRUE: *out = pe_bool(1); return 0;
    case V_INT: {
        int64_t i;
        if (get_i(r, &i)) return -1;
        *out = pe_int(i);
        return 0;
    }
    case V_FLOAT: {
        double d;
        if (get_f(r, &d)) return -1;
        *out = pe_float(d);
        return 0;
    }
    case V_REF:
        if (get_u(r, &u)) return -1;
        if (u >= r->n) return bad(r, "object reference out of range");
        if (r->objs[u].tag == PE_TUNDEF) return bad(r, "object used before it is made");
        *out = r->objs[u];
        return 0;
    case V_BUILTIN:
        if (get_u(r, &u)) return -1;
        if (u > INT32_MAX || !pe_builtin_name((int)u)) return bad(r, "unknown builtin");
        *out = pe_builtin_value((int)u);
        if (out->tag == PE_TUNDEF) return bad(r, "unknown builtin");
        return 0;
    case V_METHOD: {
        uint64_t mi;
        if (get_u(r, &u) || get_u(r, &mi)) return -1;
        const pe_type *t = u < 64 ? method_type((uint32_t)u) : NULL;
        uint64_t k = 0;
        while (t && t->methods && t->methods[k].name && k < mi) k++;
        if (!t || !t->methods || !t->methods[k].name || k != mi) return bad(r, "unknown method");
        *out = pe_obj_val((pe_obj *)&t->methods[k].ob);
        return 0;
    }
    default: return bad(r, "bad value tag");
    }
}

/* A value that must be UNDEF or of kind k (0: any). */
static int get_val_kind(rd *r, pe_val *out, int k, bool undef_ok, const char *what) {
    if (get_val(r, out)) return -1;
    if (out->tag == PE_TUNDEF) return undef_ok ? 0 : bad(r, what);
    if (k && !(out->tag == PE_TOBJ && obj_kind(out->u.o) == k)) return bad(r, what);
    return 0;
}

static int get_count(rd *r, uint64_t *n) {
    if (get_u(r, n)) return -1;
    if (*n > (uint64_t)(r->end - r->p)) return bad(r, "count too large");
    return 0;
}

static int is_exc_or_undef(pe_val v) {
    return v.tag == PE_TUNDEF || v.tag == PE_TNONE ||
           (v.tag == PE_TOBJ && obj_kind(v.u.o) == K_EXC);
}

/* A module or function name into buf (NUL-terminated). */
static int get_name(rd *r, char *buf, size_t cap) {
    const unsigned char *p;
    size_t n;
    if (get_bytes(r, &p, &n)) return -1;
    if (!n || n >= cap) return bad(r, "bad module or function name");
    for (size_t i = 0; i < n; i++) /* identifiers and dots (ASCII: what the library names) */
        if (!(p[i] == '_' || p[i] == '.' || (p[i] >= '0' && p[i] <= '9') ||
              ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')))
            return bad(r, "bad module or function name");
    memcpy(buf, p, n);
    buf[n] = 0;
    return 0;
}

/* Skips a reference (an object index or a builtin). */
static int skip_ref(rd *r) {
    uint64_t u;
    if (r->p >= r->end) return bad(r, "truncated");
    unsigned char t = *r->p++;
    if (t != V_REF && t != V_BUILTIN) return bad(r, "bad class reference");
    return get_u(r, &u);
}

/* The classes, each once its bases are made (in rounds: a base may come
 * later in the table), with a stub namespace: the real one is put in when
 * the payloads are read (finish_classes). */
static int make_classes(rd *r) {
    pe_state *S = r->S;
    bool progress = true;
    while (progress) {
        progress = false;
        for (uint32_t i = 0; i < r->n; i++) {
            if (r->kinds[i] != K_CLASS || r->objs[i].tag != PE_TUNDEF) continue;
            const unsigned char *save = r->p, *p, *q;
            size_t np, nq;
            uint64_t nb;
            r->p = r->at[i];
            int rc = get_bytes(r, &p, &np) || get_bytes(r, &q, &nq) || get_count(r, &nb);
            pe_val bases = pe_undef(), b[64];
            uint64_t k = 0;
            bool ready = true;
            for (; rc == 0 && k < nb && ready; k++) {
                unsigned char t = *r->p;
                uint64_t u;
                if (t == V_REF) { /* (skip_ref checked the bytes in pass 1) */
                    const unsigned char *at = r->p++;
                    if (get_u(r, &u)) rc = -1;
                    else if (u < r->n && r->objs[u].tag == PE_TUNDEF && r->kinds[u] == K_CLASS)
                        ready = false;
                    else {
                        r->p = at;
                        rc = get_val(r, &b[k]);
                    }
                } else {
                    rc = get_val(r, &b[k]);
                }
                if (rc == 0 && ready && !pe_is_kind(b[k], PE_K_TYPE)) rc = bad(r, "a base that is not a class");
            }
            if (rc == 0 && ready) {
                pe_val name, qual, ns = pe_undef(), mod;
                rc = pe_str_new(S, (const char *)p, np, &name);
                if (rc == 0) {
                    rc = pe_str_new(S, (const char *)q, nq, &qual) ||
                         pe_tuple_new(S, (size_t)nb, &bases);
                    if (rc == 0) {
                        for (uint64_t j = 0; j < nb; j++) {
                            pe_incref(b[j]);
                            PE_TUPLE(bases)->items[j] = b[j];
                        }
                        rc = pe_dict_new(S, &ns) || pe_str_from_cstr(S, "__main__", &mod);
                        if (rc == 0) {
                            pe_val kq, km;
                            rc = pe_str_from_cstr(S, "__qualname__", &kq);
                            if (rc == 0) {
                                rc = pe_dict_set(S, PE_DICT(ns), kq, qual);
                                pe_decref(S, kq);
                            }
                            if (rc == 0 && (rc = pe_str_from_cstr(S, "__module__", &km)) == 0) {
                                rc = pe_dict_set(S, PE_DICT(ns), km, mod);
                                pe_decref(S, km);
                            }
                            pe_decref(S, mod);
                        }
                        if (rc == 0) rc = pe_class_new(S, name, bases, ns, 0, NULL, NULL, &r->objs[i]);
                        pe_decref(S, qual);
                    }
                    pe_decref(S, name);
                }
                pe_decref(S, ns);
                pe_decref(S, bases);
                if (rc == 0) progress = true;
            }
            r->p = save;
            if (rc) return -1;
        }
    }
    for (uint32_t i = 0; i < r->n; i++)
        if (r->kinds[i] == K_CLASS && r->objs[i].tag == PE_TUNDEF)
            return bad(r, "classes whose bases never exist");
    /* the instances, now that their classes exist */
    for (uint32_t i = 0; i < r->n; i++) {
        if (r->kinds[i] != K_INSTANCE) continue;
        const unsigned char *save = r->p;
        pe_val c;
        r->p = r->at[i];
        int rc = get_val(r, &c);
        r->p = save;
        if (rc) return -1;
        if (c.tag != PE_TOBJ || !script_class((const pe_type *)c.u.o) || !pe_is_kind(c, PE_K_TYPE))
            return bad(r, "an instance of no class");
        if (pe_instance_new(S, (const pe_type *)c.u.o, &r->objs[i])) return -1;
    }
    return 0;
}

/* Pass 1: the objects that hold references, empty. */
static int make_shell(rd *r, uint32_t i, bool gens) {
    pe_state *S = r->S;
    if (r->p >= r->end) return bad(r, "truncated");
    int k = *r->p++;
    if (k <= 0 || k >= K__END) return bad(r, "bad object kind");
    r->kinds[i] = (uint8_t)k;
    pe_val *o = &r->objs[i];
    uint64_t u;
    int64_t si;
    switch (k) {
    case K_LIST: return gens ? 0 : pe_list_new(S, 0, o);
    case K_DICT: return gens ? 0 : pe_dict_new(S, o);
    case K_SET: {
        if (gens) return 0;
        pe_value v;
        if (pe_make_set(S, 0, &v)) return -1;
        *o = pe_val_of(v);
        return 0;
    }
    case K_CELL: return gens ? 0 : pe_cell_new(S, pe_undef(), o);
    case K_FUNC: {
        if (get_u(r, &u)) return -1;
        if (u >= r->cs.n) return bad(r, "code index out of range");
        if (gens) return 0;
        pe_fcode *fc = r->cs.v[u];
        if (fc == r->cs.v[0]) return bad(r, "a function of the module code");
        pe_func *f = (pe_func *)pe_obj_new(S, &pe_type_function, sizeof(pe_func));
        if (!f) return -1;
        pe_incref_obj(&fc->ob);
        f->code = fc;
        f->defaults = f->kwdefaults = f->closure = f->dict = pe_undef();
        f->globals = S->globals;
        *o = pe_obj_val(&f->ob);
        return 0;
    }
    case K_EXTERNAL: {
        const unsigned char *p;
        size_t n;
        if (get_bytes(r, &p, &n)) return -1;
        if (gens) return 0;
        if (memchr(p, 0, n)) return bad(r, "bad external name");
        pe_value v;
        if (pe_make_external(S, (const char *)p, n, &v)) return -1;
        *o = pe_val_of(v);
        return 0;
    }
    case K_CLASS: { /* made by make_classes once its bases are */
        const unsigned char *p;
        size_t n;
        r->at[i] = r->p;
        if (get_bytes(r, &p, &n) || get_bytes(r, &p, &n) || get_count(r, &u)) return -1;
        if (u > 64) return bad(r, "too many bases");
        for (uint64_t b = 0; b < u; b++)
            if (skip_ref(r)) return -1;
        return 0;
    }
    case K_STATICMETHOD:
    case K_CLASSMETHOD:
        if (gens) return 0;
        if (pe_wrap_descriptor(S, simple_types[k], pe_none(), o)) return -1;
        return 0;
    case K_PROPERTY: {
        if (gens) return 0;
        pe_property *pp = (pe_property *)pe_obj_new(S, &pe_type_property, sizeof *pp);
        if (!pp) return -1;
        pp->fget = pp->fset = pp->fdel = pp->doc = pe_none();
        pp->name = pe_undef();
        *o = pe_obj_val(&pp->ob);
        return 0;
    }
    case K_INSTANCE: /* made by make_instances once the classes are */
        r->at[i] = r->p;
        return skip_ref(r);
    case K_MODULE:    /* imported again, by name: the module's own state is not kept */
    case K_LIBFUNC: { /* module name, then the function's name in it */
        char name[256], attr[256];
        if (get_name(r, name, sizeof name) || (k == K_LIBFUNC && get_name(r, attr, sizeof attr)))
            return -1;
        if (gens) return 0;
        if ((k == K_MODULE ? pe_import(S, name, o) : libfunc_lookup(S, name, attr, o)) == 0)
            return 0;
        pe_exc_clear(S); /* e.g. a module this host does not have */
        return k == K_MODULE ? pe_raise(S, PE_EXC(ValueError), "invalid snapshot: cannot import "
                                        "module '%s'", name)
                             : pe_raise(S, PE_EXC(ValueError), "invalid snapshot: cannot find "
                                        "'%s' in module '%s'", attr, name);
    }
    case K_EXC: {
        if (get_u(r, &u)) return -1;
        if (u >= PE_EXC__COUNT) return bad(r, "bad exception class");
        if (gens) return 0;
        pe_val args;
        if (pe_tuple_new(S, 0, &args)) return -1;
        int rc = pe_exc_new(S, &pe_exc_types[u], args, o);
        pe_decref(S, args);
        return rc;
    }
    case K_GEN: {
        if (get_i(r, &si)) return -1;
        if (!gens) return 0;
        if (si < 0 || (uint64_t)si >= r->n || r->kinds[si] != K_FUNC || r->objs[si].tag != PE_TOBJ)
            return bad(r, "a generator without its function");
        pe_func *f = (pe_func *)r->objs[si].u.o;
        pe_gen *g = pe_gen_new(S, f, (uint32_t)fsize(f->code));
        if (!g) return -1;
        *o = pe_obj_val(&g->ob);
        return 0;
    }
    case K_RANGEITER: return gens ? 0 : pe_range_iter_new(S, 0, 1, 0, o);
    case K_LISTITER:
    case K_TUPLEITER: {
        if (gens) return 0;
        pe_indexed_iter *it = (pe_indexed_iter *)pe_obj_new(S, simple_types[k], sizeof *it);
        if (!it) return -1;
        it->seq = pe_undef();
        it->index = 0;
        *o = pe_obj_val(&it->ob);
        return 0;
    }
    default: return 0; /* made in pass 2 */
    }
}

/* n values into a tuple (new reference in *out). */
static int get_tuple(rd *r, pe_val *out) {
    uint64_t n;
    if (get_count(r, &n) || pe_tuple_new(r->S, (size_t)n, out)) return -1;
    for (uint64_t i = 0; i < n; i++) {
        pe_val v;
        if (get_val(r, &v)) return -1; /* the tuple is freed by the caller's reset */
        if (v.tag == PE_TUNDEF) return bad(r, "an empty tuple item");
        pe_incref(v);
        PE_TUPLE(*out)->items[i] = v;
    }
    return 0;
}

/* Sets v (borrowed) into *slot (owned, was UNDEF). */
static void set_ref(pe_val *slot, pe_val v) {
    pe_incref(v);
    *slot = v;
}

/* The code's fixed slots [nlocals, nlocals+ncells+nfree) of a window must
 * hold cells (LOAD_DEREF reads them without checking). */
static int check_window(rd *r, const pe_fcode *c, const pe_val *w, size_t n, size_t cap) {
    size_t fixed = (size_t)c->nlocals + c->ncells + c->nfree;
    if (n < fixed || n > cap) return bad(r, "bad frame window");
    for (size_t i = c->nlocals; i < fixed; i++)
        if (!(w[i].tag == PE_TOBJ && obj_kind(w[i].u.o) == K_CELL)) return bad(r, "a cell slot without a cell");
    return 0;
}

/* Reads a window of values into w (cap values, UNDEF): owned references. */
static int get_window(rd *r, pe_val *w, size_t cap, size_t *n) {
    uint64_t cnt;
    if (get_count(r, &cnt)) return -1;
    if (cnt > cap) return bad(r, "frame window too large");
    for (uint64_t i = 0; i < cnt; i++) {
        pe_val v;
        if (get_val(r, &v)) return -1;
        set_ref(&w[i], v);
    }
    *n = (size_t)cnt;
    return 0;
}

/* Pass 2 (immutables) and 3 (filling the shells): one payload. */
static int payload(rd *r, uint32_t i) {
    pe_state *S = r->S;
    pe_val *o = &r->objs[i], v;
    const unsigned char *p;
    size_t n;
    uint64_t cnt;
    switch (r->kinds[i]) {
    case K_STR: {
        if (get_bytes(r, &p, &n)) return -1;
        pe_value s;
        if (pe_make_str(S, (const char *)p, n, &s)) return -1;
        *o = pe_val_of(s);
        return 0;
    }
    case K_INT: {
        if (get_bytes(r, &p, &n)) return -1;
        pe_value x;
        if (pe_make_int_bytes(S, p, n, 1, 1, &x)) return -1;
        *o = pe_val_of(x);
        return 0;
    }
    case K_BYTES:
    case K_BYTEARRAY: {
        if (get_bytes(r, &p, &n)) return -1;
        pe_value b;
        if (pe_make_bytes(S, p, n, r->kinds[i] == K_BYTEARRAY, &b)) return -1;
        *o = pe_val_of(b);
        return 0;
    }
    case K_TUPLE: return get_tuple(r, o);
    case K_FROZENSET:
    case K_SET: {
        if (r->kinds[i] == K_FROZENSET) {
            pe_value fs;
            if (pe_make_set(S, 1, &fs)) return -1;
            *o = pe_val_of(fs);
        }
        if (get_count(r, &cnt)) return -1;
        for (uint64_t k = 0; k < cnt; k++)
            if (get_val_kind(r, &v, 0, false, "an empty set item") ||
                pe_value_set_add(S, pe_value_of(*o), pe_value_of(v)))
                return -1;
        return 0;
    }
    case K_LIST:
        if (get_count(r, &cnt)) return -1;
        for (uint64_t k = 0; k < cnt; k++)
            if (get_val_kind(r, &v, 0, false, "an empty list item") ||
                pe_list_append(S, PE_LIST(*o), v))
                return -1;
        return 0;
    case K_DICT:
        if (get_count(r, &cnt)) return -1;
        for (uint64_t k = 0; k < cnt; k++) {
            pe_val key;
            if (get_val_kind(r, &key, 0, false, "an empty dict key") ||
                get_val_kind(r, &v, 0, false, "an empty dict value") ||
                pe_dict_set(S, PE_DICT(*o), key, v))
                return -1;
        }
        return 0;
    case K_CELL:
        if (get_val(r, &v)) return -1;
        set_ref(&((pe_cell *)o->u.o)->v, v);
        return 0;
    case K_FUNC: {
        pe_func *f = (pe_func *)o->u.o;
        pe_val d, kd, cl, dict;
        if (get_val_kind(r, &d, K_TUPLE, true, "bad function defaults") ||
            get_val_kind(r, &kd, K_DICT, true, "bad function keyword defaults") ||
            get_val_kind(r, &cl, K_TUPLE, true, "bad function closure") ||
            get_val_kind(r, &dict, K_DICT, true, "bad function attributes"))
            return -1;
        size_t nc = cl.tag == PE_TOBJ ? PE_TUPLE(cl)->n : 0;
        if (nc != f->code->nfree) return bad(r, "a closure of the wrong size");
        for (size_t k = 0; k < nc; k++)
            if (!(PE_TUPLE(cl)->items[k].tag == PE_TOBJ &&
                  obj_kind(PE_TUPLE(cl)->items[k].u.o) == K_CELL))
                return bad(r, "a closure of non-cells");
        set_ref(&f->defaults, d);
        set_ref(&f->kwdefaults, kd);
        set_ref(&f->closure, cl);
        set_ref(&f->dict, dict);
        return 0;
    }
    case K_GEN: {
        pe_gen *g = (pe_gen *)o->u.o;
        uint32_t state = 0, pc = 0;
        if (get_u32(r, &state, PE_GEN_CLOSED) || get_u32(r, &pc, g->func->code->ncode)) return -1;
        size_t ns = 0;
        if (get_window(r, g->saved, g->cap, &ns)) return -1;
        g->nsaved = (uint32_t)ns;
        pe_val es, oh;
        if (get_val(r, &es) || get_val(r, &oh)) return -1;
        if (!is_exc_or_undef(es) || !is_exc_or_undef(oh)) return bad(r, "bad generator exception");
        const pe_fcode *c = g->func->code;
        if (state == PE_GEN_SUSPENDED || state == PE_GEN_CREATED) {
            if (check_window(r, c, g->saved, ns, g->cap)) return -1;
            if (state == PE_GEN_SUSPENDED && (pc == 0 || PE_OPOF(c->code[pc - 1]) != PE_OP_YIELD_VALUE))
                return bad(r, "a generator suspended elsewhere than at a yield");
            if (state == PE_GEN_CREATED && (pc == 0 || PE_OPOF(c->code[pc - 1]) != PE_OP_RETURN_GENERATOR))
                return bad(r, "a new generator not at its start");
        } else if (ns) {
            return bad(r, "a running or closed generator with saved values");
        }
        g->state = state;
        g->pc = pc;
        set_ref(&g->exc_state, es);
        if (state == PE_GEN_RUNNING) set_ref(&g->outer_handled, oh);
        return 0;
    }
    case K_RANGEITER: {
        pe_rangeiter_view *it = (pe_rangeiter_view *)o->u.o;
        if (get_i(r, &it->cur) || get_i(r, &it->step) || get_i(r, &it->left)) return -1;
        if (it->left < 0) return bad(r, "bad range iterator");
        return 0;
    }
    case K_LISTITER:
    case K_TUPLEITER: {
        pe_indexed_iter *it = (pe_indexed_iter *)o->u.o;
        uint64_t idx;
        if (get_val_kind(r, &v, r->kinds[i] == K_LISTITER ? K_LIST : K_TUPLE, true,
                         "bad iterator sequence") ||
            get_u(r, &idx))
            return -1;
        set_ref(&it->seq, v);
        it->index = (size_t)idx;
        return 0;
    }
    case K_EXC: {
        pe_exc *e = (pe_exc *)o->u.o;
        pe_val args, cause, ctx, dict;
        uint64_t sup;
        if (get_val_kind(r, &args, K_TUPLE, false, "bad exception args") || get_val(r, &cause) ||
            get_val(r, &ctx) || get_u(r, &sup) ||
            get_val_kind(r, &dict, K_DICT, true, "bad exception attributes"))
            return -1;
        if (!is_exc_or_undef(cause) || !is_exc_or_undef(ctx) || sup > 1)
            return bad(r, "bad exception chain");
        pe_assign(S, &e->args, args);
        set_ref(&e->cause, cause);
        set_ref(&e->context, ctx);
        e->suppress_context = sup != 0;
        set_ref(&e->dict, dict);
        return 0;
    }
    case K_CLASS: { /* its namespace: in place once filled (finish_classes) */
        pe_val d;
        if (get_val_kind(r, &d, K_DICT, false, "bad class namespace")) return -1;
        pe_assign(S, &((pe_class *)o->u.o)->dict, d);
        return 0;
    }
    case K_STATICMETHOD:
    case K_CLASSMETHOD: {
        pe_wrapper *wp = (pe_wrapper *)o->u.o;
        pe_val f, d;
        if (get_val(r, &f) || get_val_kind(r, &d, K_DICT, true, "bad descriptor attributes"))
            return -1;
        if (f.tag == PE_TUNDEF) return bad(r, "a descriptor without its function");
        pe_assign(S, &wp->func, f);
        set_ref(&wp->dict, d);
        return 0;
    }
    case K_PROPERTY: {
        pe_property *pp = (pe_property *)o->u.o;
        pe_val f[4], nm;
        for (int j = 0; j < 4; j++) {
            if (get_val(r, &f[j])) return -1;
            if (f[j].tag == PE_TUNDEF) return bad(r, "bad property");
        }
        if (get_val(r, &nm)) return -1;
        if (nm.tag != PE_TUNDEF && !pe_is_str(nm)) return bad(r, "bad property name");
        pe_assign(S, &pp->fget, f[0]);
        pe_assign(S, &pp->fset, f[1]);
        pe_assign(S, &pp->fdel, f[2]);
        pe_assign(S, &pp->doc, f[3]);
        set_ref(&pp->name, nm);
        return 0;
    }
    case K_INSTANCE: {
        if (get_count(r, &cnt)) return -1;
        pe_class *c = (pe_class *)o->u.o->type;
        for (uint64_t k = 0; k < cnt; k++) {
            pe_val name;
            if (get_val_kind(r, &name, K_STR, false, "bad attribute name") || get_val(r, &v))
                return -1;
            if (v.tag == PE_TUNDEF) return bad(r, "bad attribute value");
            if (pe_inst_add(S, o->u.o, c, name.u.o, v)) return -1;
        }
        return 0;
    }
    default: return 0; /* external: made with its shell */
    }
}

static int get_header(rd *r, pe_code **code_out, pe_limits *L, uint64_t *steps, double *tl,
                      uint64_t *ncalls, uint64_t *maxc, uint64_t *names) {
    pe_state *S = r->S;
    const unsigned char *src, *fn;
    size_t srclen, fnlen;
    uint64_t mode, depth;
    if (get_bytes(r, &src, &srclen) || get_bytes(r, &fn, &fnlen) || get_u(r, &mode)) return -1;
    if (mode > PE_MODE_SINGLE || fnlen > 4096 || memchr(fn, 0, fnlen)) return bad(r, "bad program");
    uint64_t ms, mm;
    if (get_u(r, &ms) || get_u(r, &mm) || get_u(r, &depth) || get_f(r, &L->timeout) ||
        get_u(r, steps) || get_f(r, tl) || get_u(r, ncalls) || get_u(r, maxc) || get_u(r, names))
        return -1;
    if (depth > 1000000 || !(L->timeout >= 0) || isinf(L->timeout) || isnan(*tl))
        return bad(r, "bad limits");
    L->max_steps = ms;
    L->max_memory = (size_t)mm;
    L->max_depth = (uint32_t)depth;
    char fname[4097];
    memcpy(fname, fn, fnlen);
    fname[fnlen] = 0;
    *code_out = pe_compile(S, (const char *)src, srclen, fname, (int)mode);
    return *code_out ? 0 : -1;
}

/* The instruction the top frame suspended at, against the pending call. */
static int check_pending(rd *r, const pe_frame *f, size_t n) {
    pe_susp *s = &r->S->susp;
    const pe_fcode *c = f->code;
    size_t fixed = (size_t)c->nlocals + c->ncells + c->nfree;
    uint32_t w = f->pc[-1], arg = PE_ARGOF(w), npop;
    if (s->kind == PE_PENDING_NAME) {
        if (PE_OPOF(w) != PE_OP_LOAD_GLOBAL || s->npop || s->gslot != (int64_t)arg)
            return bad(r, "the pending name does not match its instruction");
        return 0;
    }
    switch (PE_OPOF(w)) {
    case PE_OP_CALL:
    case PE_OP_CALL_METHOD: npop = arg + 1; break;
    case PE_OP_CALL_KW: npop = arg + 2; break;
    case PE_OP_CALL_EX: npop = 2; break;
    default: return bad(r, "the pending call does not match its instruction");
    }
    if (s->npop != npop || n < fixed + npop) return bad(r, "the pending call does not match its instruction");
    return 0;
}

static bool is_call_op(uint32_t w) {
    uint32_t op = PE_OPOF(w);
    return op == PE_OP_CALL || op == PE_OP_CALL_METHOD || op == PE_OP_CALL_KW || op == PE_OP_CALL_EX;
}

static int get_frames(rd *r) {
    pe_state *S = r->S;
    uint64_t nf;
    if (get_count(r, &nf)) return -1;
    if (nf == 0) return bad(r, "no frames");
    for (uint64_t i = 0; i < nf; i++) {
        uint32_t fk = 0, ci = 0, pc = 0;
        pe_val fnv, gv;
        if (get_u32(r, &fk, FR_GEN) || get_u32(r, &ci, r->cs.n ? r->cs.n - 1 : 0)) return -1;
        const pe_fcode *c = r->cs.v[ci];
        if (get_u32(r, &pc, c->ncode) || get_val(r, &fnv) || get_val(r, &gv)) return -1;
        if ((i == 0) != (fk == FR_MODULE) || (fk == FR_MODULE) != (ci == 0))
            return bad(r, "the module frame must come first");
        if (pc == 0) return bad(r, "a frame that has not started");
        pe_func *fn = NULL;
        pe_gen *g = NULL;
        if (fk != FR_MODULE) {
            if (!(fnv.tag == PE_TOBJ && obj_kind(fnv.u.o) == K_FUNC) ||
                ((pe_func *)fnv.u.o)->code != c)
                return bad(r, "a frame without its function");
            fn = (pe_func *)fnv.u.o;
        }
        if (fk == FR_GEN) {
            if (!(gv.tag == PE_TOBJ && obj_kind(gv.u.o) == K_GEN)) return bad(r, "a generator frame without its generator");
            g = (pe_gen *)gv.u.o;
            if (g->func != fn || g->state != PE_GEN_RUNNING) return bad(r, "a generator frame of another generator");
            for (uint32_t k = 1; k < S->nframes; k++)
                if ((S->frames[k].entry & PE_FR_GEN) && S->frames[k].gen == g)
                    return bad(r, "a generator running twice");
        }
        pe_frame *prev = i ? &S->frames[S->nframes - 1] : NULL;
        if (prev) {
            /* the caller stopped at a call (a function) or at the
             * instruction that resumed the generator */
            uint32_t op = PE_OPOF(prev->pc[-1]);
            if (fk == FR_CALL ? !is_call_op(prev->pc[-1])
                              : pe_super_first(op) != PE_OP_FOR_ITER && op != PE_OP_SEND)
                return bad(r, "a caller frame not at a call");
            size_t pfixed = (size_t)prev->code->nlocals + prev->code->ncells + prev->code->nfree;
            if ((size_t)(prev->sp - prev->locals) < pfixed + 1) return bad(r, "a caller frame without the callee");
        }
        size_t cap = g ? g->cap : fsize(c);
        pe_frame *f = pe_vm_load_frame(S, prev ? prev->sp : NULL, cap);
        if (!f) return -1;
        f->code = (pe_fcode *)c;
        f->pc = c->code + pc;
        f->globals = S->globals;
        f->func = fn;
        if (fk == FR_MODULE) {
            f->entry = PE_FR_ENTRY;
        } else if (fk == FR_CALL) {
            f->ret = prev->sp - 1;
        } else {
            f->entry = PE_FR_GEN;
            f->gen = g;
            pe_incref_obj(&g->ob);
        }
        size_t n = 0;
        if (get_window(r, f->locals, cap, &n)) {
            f->sp = f->locals + n;
            return -1;
        }
        f->sp = f->locals + n;
        if (check_window(r, c, f->locals, n, cap)) return -1;
    }
    pe_frame *top = &S->frames[S->nframes - 1];
    return check_pending(r, top, (size_t)(top->sp - top->locals));
}

static int read_all(rd *r, pe_code **code_out) {
    pe_state *S = r->S;
    pe_limits L;
    uint64_t steps, ncalls, maxc, names;
    double tl;
    if (get_header(r, code_out, &L, &steps, &tl, &ncalls, &maxc, &names)) return -1;
    pe_set_limits(S, &L);
    if (pe_run_begin(S, *code_out) || codes_collect(S, *code_out, &r->cs)) return -1;
    uint64_t n;
    if (get_count(r, &n)) return -1;
    r->n = (uint32_t)n;
    r->objs = pe_sys_alloc(S, (n ? n : 1) * sizeof *r->objs);
    r->kinds = pe_sys_alloc(S, n ? n : 1);
    r->at = pe_sys_alloc(S, (n ? n : 1) * sizeof *r->at);
    if (!r->objs || !r->kinds || !r->at) return pe_raise_nomem(S);
    for (uint64_t i = 0; i < n; i++) r->objs[i] = pe_undef();
    memset(r->kinds, 0, n);
    /* pass 1: shells (generators last: they need their function) */
    const unsigned char *shells = r->p;
    for (uint32_t i = 0; i < n; i++)
        if (make_shell(r, i, false)) return -1;
    r->p = shells;
    for (uint32_t i = 0; i < n; i++)
        if (make_shell(r, i, true)) return -1;
    if (make_classes(r)) return -1;
    /* passes 2 and 3: payloads, each object once, immutables first */
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = 0;
        if (get_u32(r, &i, n - 1)) return -1;
        bool imm = K_IMMUTABLE(r->kinds[i]) || r->kinds[i] == K_BYTEARRAY;
        if (imm != (r->objs[i].tag == PE_TUNDEF)) return bad(r, "an object given twice");
        if (payload(r, i)) return -1;
    }
    for (uint32_t i = 0; i < n; i++)
        if (r->objs[i].tag == PE_TUNDEF) return bad(r, "an object without its contents");
    /* the classes' namespaces are complete: their special methods now */
    for (uint32_t i = 0; i < n; i++)
        if (r->kinds[i] == K_CLASS && pe_class_refresh(S, (pe_class *)r->objs[i].u.o)) return -1;
    /* globals, the handled exception, the pending call */
    uint64_t ng;
    if (get_u(r, &ng)) return -1;
    if (ng != S->nglobals) return bad(r, "globals of another program");
    for (uint32_t i = 0; i < ng; i++) {
        pe_val v;
        if (get_val(r, &v)) return -1;
        pe_assign(S, &S->globals[i], v);
    }
    pe_val h, nm, args, kwargs;
    uint64_t kind, npop;
    int64_t gslot;
    if (get_val(r, &h) || !is_exc_or_undef(h)) return bad(r, "bad handled exception");
    if (get_u(r, &kind) || get_u(r, &npop) || get_i(r, &gslot) ||
        get_val_kind(r, &nm, K_STR, false, "bad pending name") ||
        get_val_kind(r, &args, K_TUPLE, false, "bad pending arguments") ||
        get_val_kind(r, &kwargs, K_DICT, false, "bad pending keyword arguments"))
        return -1;
    if ((kind != PE_PENDING_CALL && kind != PE_PENDING_NAME) || npop > 1u << 24 ||
        (kind == PE_PENDING_NAME && (gslot < 0 || (uint64_t)gslot >= S->nglobals)))
        return bad(r, "bad pending call");
    pe_susp *s = &S->susp;
    pe_assign(S, &S->handled, h);
    s->kind = (uint8_t)kind;
    s->npop = (uint32_t)npop;
    s->gslot = gslot;
    pe_assign(S, &s->name, nm);
    pe_assign(S, &s->args, args);
    pe_assign(S, &s->kwargs, kwargs);
    s->ncalls = ncalls;
    s->max_calls = maxc;
    s->names = names != 0;
    s->time_left = tl < 0 ? -1 : tl;
    S->steps_left = steps;
    /* the frames: marked suspended first, so that a failure abandons them */
    s->suspended = true;
    if (get_frames(r)) return -1;
    if (r->p != r->end) return bad(r, "trailing bytes");
    /* every running generator is on the stack */
    for (uint32_t i = 0; i < n; i++)
        if (r->kinds[i] == K_GEN && ((pe_gen *)r->objs[i].u.o)->state == PE_GEN_RUNNING) {
            bool found = false;
            for (uint32_t k = 1; k < S->nframes; k++)
                found |= (S->frames[k].entry & PE_FR_GEN) && &S->frames[k].gen->ob == r->objs[i].u.o;
            if (!found) return bad(r, "a running generator without its frame");
        }
    return 0;
}

int pe_snapshot_load_unchecked(pe_state *S, const void *data, size_t len, pe_code **code_out) {
    *code_out = NULL;
    const unsigned char *p = data;
    if (len < SNAP_HDR || memcmp(p, SNAP_MAGIC, 6))
        return pe_raise(S, PE_EXC(ValueError), "not a pyexpr snapshot");
    if (p[6] != SNAP_VERSION)
        return pe_raise(S, PE_EXC(ValueError), "unsupported snapshot version %u (this build reads %u)",
                        (unsigned)p[6], (unsigned)SNAP_VERSION);
    if (S->run_begun) pe_run_end(S);
    rd r;
    memset(&r, 0, sizeof r);
    r.S = S;
    r.p = p + SNAP_HDR;
    r.end = p + len;
    int rc = read_all(&r, code_out);
    for (uint32_t i = 0; r.objs && i < r.n; i++) pe_decref(S, r.objs[i]);
    if (r.objs) pe_sys_free(S, r.objs, (r.n ? r.n : 1) * sizeof *r.objs);
    if (r.kinds) pe_sys_free(S, r.kinds, r.n ? r.n : 1);
    if (r.at) pe_sys_free(S, r.at, (r.n ? r.n : 1) * sizeof *r.at);
    codes_free(S, &r.cs);
    if (rc && *code_out) {
        /* the half-made run and its objects go (the exception too: it is
         * raised again after them), then the code they point into */
        int tid = pe_exception_type(pe_exception(S));
        char *msg = NULL;
        if (pe_value_str(S, pe_exception(S), &msg, NULL)) msg = NULL;
        pe_exception_clear(S);
        pe_run_end(S);
        pe_reset(S);
        pe_code_release(*code_out);
        *code_out = NULL;
        pe_raise_id(S, tid < 0 ? PE_EXC_ValueError : tid, "%s", msg ? msg : "invalid snapshot");
        free(msg);
    }
    return rc;
}

int pe_snapshot_load(pe_state *S, const void *data, size_t len, const void *key, size_t keylen,
                     pe_code **code_out) {
    *code_out = NULL;
    const unsigned char *p = data;
    if (!keylen) return pe_raise(S, PE_EXC(ValueError), "snapshot key must not be empty");
    if (len < SNAP_HDR || memcmp(p, SNAP_MAGIC, 6))
        return pe_raise(S, PE_EXC(ValueError), "not a pyexpr snapshot");
    unsigned char mac[SNAP_MAC];
    hmac_sha256(key, keylen, p + SNAP_HDR, len - SNAP_HDR, mac);
    unsigned diff = 0;
    for (int i = 0; i < SNAP_MAC; i++) diff |= (unsigned)(mac[i] ^ p[7 + i]);
    if (diff)
        return pe_raise(S, PE_EXC(ValueError),
                        "snapshot authentication failed (another key, or altered bytes)");
    return pe_snapshot_load_unchecked(S, data, len, code_out);
}
