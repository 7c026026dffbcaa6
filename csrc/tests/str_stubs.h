/*
 * str_stubs.h - a minimal stand-in runtime for test_str.c, included by
 * that test only. Every definition is WEAK: under `make check` the test is
 * linked with the whole engine and the real definitions win. The stand-ins
 * let the str files be tested before the rest of the engine existed:
 *
 *   cc -std=c11 -D_GNU_SOURCE -Icsrc csrc/tests/test_str.c csrc/str.c \
 *      csrc/str_methods.c csrc/str_format.c csrc/numfmt.c csrc/state.c \
 *      csrc/slice.c -lm
 *
 * (slice.c's helpers from the container files are stubbed as far as they
 * were needed then; `make check` is the supported way to run the test.)
 *
 * The stub exception model keeps the pending exception's type and message
 * in test-local storage (tests read them through stub_exc_text()).
 */
#ifndef PE_STR_STUBS_H
#define PE_STR_STUBS_H

#include <stdio.h>
#include <stdlib.h>

#include "cont_internal.h"

#define W __attribute__((weak))

/* ---- exceptions ---- */
#define STUB_EXC(n_, b_)                                                       \
    {.ob = PE_STATIC_HEAD(&pe_type_type), .name = #n_,                        \
     .base = &pe_exc_types[PE_EXC_##b_], .kind = PE_K_EXC, .exc_id = PE_EXC_##n_},
W const pe_type pe_exc_types[PE_EXC__COUNT] = {PE_EXCEPTIONS(STUB_EXC)};
W const pe_type pe_type_type = {.ob = PE_STATIC_HEAD(&pe_type_type), .name = "type"};
W const pe_type pe_type_builtin = {.ob = PE_STATIC_HEAD(&pe_type_type),
                                   .name = "builtin_function_or_method"};

static const pe_type *stub_exc_type;
static char stub_exc_msg[512];

W int pe_raise(pe_state *S, const pe_type *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(stub_exc_msg, sizeof stub_exc_msg, fmt, ap);
    va_end(ap);
    stub_exc_type = t;
    S->exc = pe_int(1);
    return -1;
}
W int pe_raise_str(pe_state *S, const pe_type *t, const char *msg, size_t len) {
    return pe_raise(S, t, "%.*s", (int)len, msg);
}
W int pe_raise_nomem(pe_state *S) { return pe_raise(S, PE_EXC(MemoryError), "%s", ""); }
W bool pe_exc_matches(pe_state *S, const pe_type *t) {
    if (S->exc.tag == PE_TUNDEF) return false;
    for (const pe_type *x = stub_exc_type; x; x = x->base == x ? NULL : x->base)
        if (x == t) return true;
    return false;
}
W void pe_exc_clear(pe_state *S) {
    S->exc = pe_undef();
    stub_exc_type = NULL;
}

/* ---- containers ---- */
static void stub_tuple_dealloc(pe_state *S, pe_obj *o) {
    pe_tuple *t = (pe_tuple *)o;
    for (size_t i = 0; i < t->n; i++) pe_decref(S, t->items[i]);
    pe_obj_free(S, o, sizeof(pe_tuple) + t->n * sizeof(pe_val));
}
static void stub_list_dealloc(pe_state *S, pe_obj *o) {
    pe_list *l = (pe_list *)o;
    for (size_t i = 0; i < l->n; i++) pe_decref(S, l->items[i]);
    pe_mem_free(S, l->items, l->cap * sizeof(pe_val));
    pe_obj_free(S, o, sizeof(pe_list));
}
static int stub_seq_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    bool tup = pe_is_kind(v, PE_K_TUPLE);
    size_t n = tup ? PE_TUPLE(v)->n : PE_LIST(v)->n;
    pe_val *items = tup ? PE_TUPLE(v)->items : PE_LIST(v)->items;
    if (key.tag != PE_TINT)
        return pe_raise(S, PE_EXC(TypeError), "%s indices must be integers or slices, not %s",
                        tup ? "tuple" : "list", pe_type_name(key));
    int64_t i = key.u.i < 0 ? key.u.i + (int64_t)n : key.u.i;
    if (i < 0 || i >= (int64_t)n)
        return pe_raise(S, PE_EXC(IndexError), "%s index out of range", tup ? "tuple" : "list");
    pe_incref(items[i]);
    *out = items[i];
    return 0;
}
W const pe_type pe_type_tuple = {.ob = PE_STATIC_HEAD(&pe_type_type), .name = "tuple",
                                 .kind = PE_K_TUPLE, .dealloc = stub_tuple_dealloc,
                                 .getitem = stub_seq_getitem};
W const pe_type pe_type_list = {.ob = PE_STATIC_HEAD(&pe_type_type), .name = "list",
                                .kind = PE_K_LIST, .dealloc = stub_list_dealloc,
                                .getitem = stub_seq_getitem};
W const pe_type pe_type_int = {.ob = PE_STATIC_HEAD(&pe_type_type), .name = "int", .kind = PE_K_INT};
W const pe_type pe_type_bool = {.ob = PE_STATIC_HEAD(&pe_type_type), .name = "bool", .kind = PE_K_BOOL};
W const pe_type pe_type_float = {.ob = PE_STATIC_HEAD(&pe_type_type), .name = "float",
                                 .kind = PE_K_FLOAT};
W const pe_type pe_type_none = {.ob = PE_STATIC_HEAD(&pe_type_type), .name = "NoneType",
                                .kind = PE_K_NONE};

W int pe_tuple_new(pe_state *S, size_t n, pe_val *out) {
    pe_tuple *t = (pe_tuple *)pe_obj_new(S, &pe_type_tuple, sizeof(pe_tuple) + n * sizeof(pe_val));
    if (!t) return -1;
    t->n = n;
    for (size_t i = 0; i < n; i++) t->items[i] = pe_undef();
    *out = pe_obj_val(&t->ob);
    return 0;
}
W int pe_tuple_pack(pe_state *S, size_t n, const pe_val *items, pe_val *out) {
    if (pe_tuple_new(S, n, out)) return -1;
    for (size_t i = 0; i < n; i++) {
        pe_incref(items[i]);
        PE_TUPLE(*out)->items[i] = items[i];
    }
    return 0;
}
W int pe_list_new(pe_state *S, size_t cap, pe_val *out) {
    pe_list *l = (pe_list *)pe_obj_new(S, &pe_type_list, sizeof(pe_list));
    if (!l) return -1;
    l->n = 0;
    l->cap = cap ? cap : 4;
    l->items = pe_mem_alloc(S, l->cap * sizeof(pe_val));
    if (!l->items) return -1;
    *out = pe_obj_val(&l->ob);
    return 0;
}
W int pe_list_append(pe_state *S, pe_list *l, pe_val v) {
    if (l->n == l->cap) {
        pe_val *p = pe_mem_realloc(S, l->items, l->cap * sizeof(pe_val), 2 * l->cap * sizeof(pe_val));
        if (!p) return -1;
        l->items = p;
        l->cap *= 2;
    }
    pe_incref(v);
    l->items[l->n++] = v;
    return 0;
}

/* ---- generic protocol ---- */
W void pe_obj_dealloc(pe_state *S, pe_obj *o) { o->type->dealloc(S, o); }
W const pe_type *pe_typeof(pe_val v) {
    switch (v.tag) {
    case PE_TNONE: return &pe_type_none;
    case PE_TBOOL: return &pe_type_bool;
    case PE_TINT: return &pe_type_int;
    case PE_TFLOAT: return &pe_type_float;
    default: return v.u.o->type;
    }
}
W int pe_repr(pe_state *S, pe_val v, pe_sb *sb) {
    switch (v.tag) {
    case PE_TNONE: return pe_sb_puts(sb, "None");
    case PE_TBOOL: return pe_sb_puts(sb, v.u.i ? "True" : "False");
    case PE_TINT: return pe_sb_printf(sb, "%lld", (long long)v.u.i);
    case PE_TFLOAT: return pe_sb_printf(sb, "%.17g", v.u.f);
    default: break;
    }
    if (pe_is_str(v)) return pe_str_repr(S, PE_STR(v), sb);
    bool tup = pe_is_kind(v, PE_K_TUPLE);
    if (tup || pe_is_kind(v, PE_K_LIST)) {
        size_t n = tup ? PE_TUPLE(v)->n : PE_LIST(v)->n;
        pe_val *items = tup ? PE_TUPLE(v)->items : PE_LIST(v)->items;
        pe_sb_putc(sb, tup ? '(' : '[');
        for (size_t i = 0; i < n; i++) {
            if (i) pe_sb_puts(sb, ", ");
            if (pe_repr(S, items[i], sb)) return -1;
        }
        if (tup && n == 1) pe_sb_putc(sb, ',');
        return pe_sb_putc(sb, tup ? ')' : ']');
    }
    return pe_sb_printf(sb, "<%s object>", pe_type_name(v));
}
W int pe_tostr(pe_state *S, pe_val v, pe_sb *sb) {
    if (pe_is_str(v)) return pe_sb_putn(sb, PE_STR(v)->data, PE_STR(v)->len);
    return pe_repr(S, v, sb);
}
W int pe_repr_val(pe_state *S, pe_val v, pe_val *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_repr(S, v, &sb)) {
        pe_sb_free(&sb);
        return -1;
    }
    return pe_sb_to_str(&sb, out);
}
W int pe_str_val(pe_state *S, pe_val v, pe_val *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_tostr(S, v, &sb)) {
        pe_sb_free(&sb);
        return -1;
    }
    return pe_sb_to_str(&sb, out);
}
W int pe_raise_with_arg(pe_state *S, const pe_type *t, pe_val v) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_repr(S, v, &sb);
    int r = pe_raise(S, t, "%.*s", (int)sb.len, sb.p);
    pe_sb_free(&sb);
    return r;
}
W int pe_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    if (!t->getitem) return pe_raise(S, PE_EXC(TypeError), "'%s' object is not subscriptable", t->name);
    return t->getitem(S, v, key, out);
}
W int pe_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    (void)out;
    return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'", pe_type_name(v),
                    ((pe_str *)name)->data);
}
W int pe_iter(pe_state *S, pe_val v, pe_val *out) {
    const pe_type *t = pe_typeof(v);
    if (!t->iter) return pe_raise(S, PE_EXC(TypeError), "'%s' object is not iterable", t->name);
    return t->iter(S, v, out);
}
W int pe_next(pe_state *S, pe_val it, pe_val *out) { return pe_typeof(it)->next(S, it, out); }
W int pe_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    (void)op, (void)a, (void)b, (void)out;
    return pe_raise(S, PE_EXC(TypeError), "stub richcmp");
}

/* ---- ints (int64 only) ---- */
W int pe_int_sign(pe_val a) { return a.u.i < 0 ? -1 : a.u.i > 0; }
W int pe_int_to_double(pe_state *S, pe_val a, double *out) {
    (void)S;
    *out = (double)a.u.i;
    return 0;
}
W int pe_int_from_double(pe_state *S, double x, pe_val *out) {
    if (x != x) return pe_raise(S, PE_EXC(ValueError), "cannot convert float NaN to integer");
    if (x > 9.2e18 || x < -9.2e18)
        return pe_raise(S, PE_EXC(OverflowError), "cannot convert float infinity to integer");
    *out = pe_int((int64_t)x);
    return 0;
}
W int pe_int_to_str(pe_state *S, pe_val a, int base, bool with_prefix, pe_sb *sb) {
    (void)S, (void)with_prefix;
    int64_t i = a.u.i;
    uint64_t m = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    char tmp[80];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[m % (uint64_t)base];
        m /= (uint64_t)base;
    } while (m);
    if (i < 0) pe_sb_putc(sb, '-');
    while (n) pe_sb_putc(sb, tmp[--n]);
    return 0;
}

/* ---- container helpers used by slice.c ---- */
W int pe_cont_onearg(pe_state *S, const char *qualname, int argc, pe_obj *kwnames) {
    (void)S, (void)qualname, (void)argc, (void)kwnames;
    return 0;
}
W int pe_cont_posargs(pe_state *S, const char *qualname, const char *name, int argc, pe_obj *kwnames,
                   int min, int max) {
    (void)S, (void)qualname, (void)name, (void)argc, (void)kwnames, (void)min, (void)max;
    return 0;
}

W int pe_cont_type_call_check(pe_state *S, pe_val callee) {
    (void)S, (void)callee;
    return 0;
}

#undef W
#endif /* PE_STR_STUBS_H */
