/*
 * capi_host.c - host objects (pyexpr.h "Host objects"): C data and
 * callbacks that scripts hold and call. Each pe_host_class used in a state
 * gets one type object there (its name is the class's, so scripts' error
 * messages name it); objects of the class carry the class and ud. Equal
 * and hashed by (class, ud).
 */
#include <stdio.h>
#include <stdlib.h>

#include "capi.h"

typedef struct pe_host_type {
    pe_type t;
    const pe_host_class *cls;
} pe_host_type;

typedef struct host_obj {
    pe_obj ob;
    const pe_host_class *cls;
    void *ud;
    pe_host_call_fn fn; /* pe_make_function: the callback (cls->call otherwise) */
    size_t size;        /* bytes of this object (with the name) */
    char name[];        /* pe_make_function: the function's name */
} host_obj;

#define HOST(v) ((host_obj *)(v).u.o)

static void host_dealloc(pe_state *S, pe_obj *o) {
    host_obj *h = (host_obj *)o;
    if (h->cls->release) h->cls->release(h->ud);
    pe_obj_free(S, o, h->size);
}

static int host_hash(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    uintptr_t a = (uintptr_t)HOST(v)->ud, b = (uintptr_t)HOST(v)->cls;
    uint64_t h = ((uint64_t)a >> 4 | (uint64_t)a << 60) ^ ((uint64_t)b * 0x9E3779B97F4A7C15ull);
    if (HOST(v)->fn) h ^= (uint64_t)(uintptr_t)HOST(v)->fn * 0xBF58476D1CE4E5B9ull;
    int64_t r = (int64_t)(h >> 1);
    *out = r == -1 ? -2 : r;
    return 0;
}

static int host_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    (void)S;
    if ((op != PE_EQ && op != PE_NE) || !pe_is_kind(a, PE_K_HOST) || !pe_is_kind(b, PE_K_HOST))
        return PE_NOTIMPL;
    /* functions: the same callback too */
    bool same = HOST(a)->cls == HOST(b)->cls && HOST(a)->ud == HOST(b)->ud &&
                HOST(a)->fn == HOST(b)->fn;
    *out = pe_bool(op == PE_EQ ? same : !same);
    return 0;
}

static int host_repr(pe_state *S, pe_val v, pe_sb *sb) {
    host_obj *h = HOST(v);
    if (h->fn) return pe_sb_printf(sb, "<function %s>", h->name);
    if (!h->cls->repr) return pe_sb_printf(sb, "<%s object>", h->cls->name);
    char small[256];
    int n = h->cls->repr(S, h->ud, small, sizeof small);
    if (n < 0) {
        if (S->exc.tag == PE_TUNDEF)
            pe_raise(S, PE_EXC(SystemError), "%s repr failed without an exception", h->cls->name);
        return -1;
    }
    if ((size_t)n < sizeof small) return pe_sb_putn(sb, small, (size_t)n);
    if (pe_sb_reserve(sb, (size_t)n + 1)) return -1;
    int m = h->cls->repr(S, h->ud, sb->p + sb->len, (size_t)n + 1);
    if (m < 0) return -1;
    sb->len += (size_t)(m < n ? m : n);
    return 0;
}

static int host_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    host_obj *h = HOST(callee);
    pe_host_call_fn fn = h->fn ? h->fn : h->cls->call;
    pe_value res = pe_value_none();
    pe_value kw = pe_value_of(kwnames ? pe_obj_val(kwnames) : pe_none());
    /* argv is an array of pe_val: the same bytes as an array of pe_value */
    int r = fn(S, h->ud, argc, pe_values_of(argv), kw, &res);
    if (r < 0) {
        /* (an external function suspending the run raises nothing) */
        if (S->exc.tag == PE_TUNDEF && !S->susp.req)
            return pe_raise(S, PE_EXC(SystemError), "%s returned an error without an exception",
                            h->name[0] ? h->name : h->cls->name);
        return -1;
    }
    *out = pe_val_of(res);
    return 0;
}

/* obj.name / obj.name = v: the class's hooks (issue 15). */
static int host_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    host_obj *h = HOST(v);
    const pe_str *n = (const pe_str *)name;
    pe_value res = pe_value_none();
    if (h->cls->getattr(S, h->cls, h->ud, n->data, n->len, &res) < 0) {
        if (S->exc.tag == PE_TUNDEF)
            pe_raise(S, PE_EXC(SystemError), "%s getattr failed without an exception",
                     h->cls->name);
        return -1;
    }
    *out = pe_val_of(res);
    return 0;
}

static int host_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val) {
    host_obj *h = HOST(v);
    const pe_str *n = (const pe_str *)name;
    if (!h->cls->setattr)
        return pe_raise(S, PE_EXC(AttributeError), "'%s' object attribute '%s' is read-only",
                        h->cls->name, n->data);
    pe_value pv = pe_value_of(val);
    if (h->cls->setattr(S, h->cls, h->ud, n->data, n->len, val.tag == PE_TUNDEF ? NULL : &pv) <
        0) {
        if (S->exc.tag == PE_TUNDEF)
            pe_raise(S, PE_EXC(SystemError), "%s setattr failed without an exception",
                     h->cls->name);
        return -1;
    }
    return 0;
}

/* The state's type object for cls, made on first use. */
static const pe_type *host_type(pe_state *S, const pe_host_class *cls) {
    for (uint32_t i = 0; i < S->nhost_types; i++)
        if (S->host_types[i]->cls == cls) return &S->host_types[i]->t;
    if (S->nhost_types == S->host_types_cap) {
        uint32_t cap = S->host_types_cap ? S->host_types_cap * 2 : 4;
        pe_host_type **p = pe_sys_realloc(S, S->host_types, S->host_types_cap * sizeof *p,
                                          cap * sizeof *p);
        if (!p) {
            pe_raise_nomem(S);
            return NULL;
        }
        S->host_types = p;
        S->host_types_cap = cap;
    }
    pe_host_type *ht = pe_sys_alloc(S, sizeof *ht);
    if (!ht) {
        pe_raise_nomem(S);
        return NULL;
    }
    memset(ht, 0, sizeof *ht);
    ht->t.ob.type = &pe_type_type;
    ht->t.ob.rc = 1;
    ht->t.ob.flags = PE_IMMORTAL;
    ht->t.name = cls->name ? cls->name : "host";
    ht->t.kind = PE_K_HOST;
    ht->t.dealloc = host_dealloc;
    ht->t.repr = host_repr;
    ht->t.hash = host_hash;
    ht->t.richcmp = host_richcmp;
    ht->t.call = cls->call ? host_call : NULL;
    if (cls->getattr) {
        ht->t.getattr = host_getattr;
        ht->t.setattr = host_setattr;
    }
    ht->cls = cls;
    S->host_types[S->nhost_types++] = ht;
    return &ht->t;
}

void pe_capi_state_fini(pe_state *S) {
    for (uint32_t i = 0; i < S->nhost_types; i++)
        pe_sys_free(S, S->host_types[i], sizeof(pe_host_type));
    pe_sys_free(S, S->host_types, S->host_types_cap * sizeof *S->host_types);
    S->host_types = NULL;
    S->nhost_types = S->host_types_cap = 0;
    pe_sys_free(S, S->gbuf, S->gbuf_cap * sizeof(pe_val));
    S->gbuf = NULL;
    S->gbuf_cap = 0;
}

static int make_host(pe_state *S, const pe_host_class *cls, void *ud, pe_host_call_fn fn,
                     const char *name, pe_value *out) {
    const pe_type *t = host_type(S, cls);
    if (!t) return -1;
    size_t nl = name ? strlen(name) : 0;
    size_t size = sizeof(host_obj) + nl + 1;
    host_obj *h = (host_obj *)pe_obj_new(S, t, size);
    if (!h) return -1;
    h->cls = cls;
    h->ud = ud;
    h->fn = fn;
    h->size = size;
    if (nl) memcpy(h->name, name, nl);
    h->name[nl] = 0;
    *out = pe_value_of(pe_obj_val(&h->ob));
    return 0;
}

int pe_make_host(pe_state *S, const pe_host_class *cls, void *ud, pe_value *out) {
    return make_host(S, cls, ud, NULL, NULL, out);
}

void *pe_host_data(pe_value pv, const pe_host_class *cls) {
    pe_val v = pe_val_of(pv);
    if (!pe_is_kind(v, PE_K_HOST) || HOST(v)->cls != cls) return NULL;
    return HOST(v)->ud;
}

const pe_host_class *pe_host_class_of(pe_value pv) {
    pe_val v = pe_val_of(pv);
    return pe_is_kind(v, PE_K_HOST) ? HOST(v)->cls : NULL;
}

/* Functions: one class; the callback and name are per object. */
static int function_call(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kwnames,
                         pe_value *result) {
    (void)ud, (void)argc, (void)argv, (void)kwnames, (void)result;
    return pe_raise(S, PE_EXC(SystemError), "host function without a callback");
}
/* (host_repr writes "<function NAME>" itself: the name is per object) */
static const pe_host_class function_class = {.name = "function", .call = function_call};

int pe_make_function(pe_state *S, const char *name, pe_host_call_fn fn, void *ud, pe_value *out) {
    if (!fn) return pe_raise(S, PE_EXC(SystemError), "pe_make_function: NULL callback");
    return make_host(S, &function_class, ud, fn, name ? name : "?", out);
}

/* External functions (suspend.c): a class of their own; ud is the object
 * itself, so that the callback knows which one was called. */
static const pe_host_class external_class = {.name = "function", .call = function_call};

int pe_make_external(pe_state *S, const char *name, size_t len, pe_value *out) {
    char small[128];
    char *nm = len < sizeof small ? small : pe_mem_alloc(S, len + 1);
    if (!nm) return -1;
    memcpy(nm, name, len);
    nm[len] = 0;
    int r = make_host(S, &external_class, NULL, pe_external_call, nm, out);
    if (nm != small) pe_mem_free(S, nm, len + 1);
    if (r) return -1;
    HOST(pe_val_of(*out))->ud = HOST(pe_val_of(*out));
    return 0;
}

const char *pe_external_name(pe_val v) {
    if (!pe_is_kind(v, PE_K_HOST) || HOST(v)->cls != &external_class) return NULL;
    return HOST(v)->name;
}
