/*
 * iter.c - iterators over the built-in containers, dict views, the
 * enumerate / zip / map / filter / reversed types, and sequence unpacking.
 *
 * Invariants: an iterator holds a reference to what it iterates until it
 * is exhausted (then it drops it, like CPython, so later mutation of the
 * container is not seen); clear() drops every reference and leaves an
 * exhausted iterator. The dict iterators follow dictobject.c: a size change
 * raises "dictionary changed size during iteration" (sticky), and running
 * into entries beyond the expected count raises "dictionary keys changed
 * during iteration".
 */
#include "cont_internal.h"
#include "pe_dunder.h"




/* ------------------------------------------------------------------ */
/* tuple / list iterators                                              */
/* ------------------------------------------------------------------ */

void pe_seqiter_clear(pe_state *S, pe_obj *o) { pe_drop(S, &((pe_indexed_iter *)o)->seq); }

int pe_seqiter_new(pe_state *S, const pe_type *t, pe_val seq, pe_val *out) {
    pe_indexed_iter *it = (pe_indexed_iter *)pe_obj_new(S, t, sizeof(pe_indexed_iter));
    if (!it) return -1;
    pe_incref(seq);
    it->seq = seq;
    it->index = t == &pe_type_list_reverseiterator ? PE_LIST(seq)->n : 0;
    *out = pe_obj_val(&it->ob);
    return 0;
}

static int tupleiter_next(pe_state *S, pe_val v, pe_val *out) {
    pe_indexed_iter *it = (pe_indexed_iter *)v.u.o;
    if (it->seq.tag == PE_TUNDEF) return 0;
    pe_tuple *t = PE_TUPLE(it->seq);
    if (it->index < t->n) {
        *out = t->items[it->index++];
        pe_incref(*out);
        return 1;
    }
    pe_drop(S, &it->seq);
    return 0;
}

static int listiter_next(pe_state *S, pe_val v, pe_val *out) {
    pe_indexed_iter *it = (pe_indexed_iter *)v.u.o;
    if (it->seq.tag == PE_TUNDEF) return 0;
    pe_list *l = PE_LIST(it->seq);
    if (it->index < l->n) {
        *out = l->items[it->index++];
        pe_incref(*out);
        return 1;
    }
    pe_drop(S, &it->seq);
    return 0;
}

static int listreviter_next(pe_state *S, pe_val v, pe_val *out) {
    pe_indexed_iter *it = (pe_indexed_iter *)v.u.o;
    if (it->seq.tag == PE_TUNDEF) return 0;
    pe_list *l = PE_LIST(it->seq);
    if (it->index > 0 && it->index - 1 < l->n) {
        *out = l->items[--it->index];
        pe_incref(*out);
        return 1;
    }
    pe_drop(S, &it->seq);
    return 0;
}

const pe_type pe_type_tuple_iterator =
    PE_ITER_TYPE("tuple_iterator", pe_indexed_iter, tupleiter_next, pe_seqiter_clear);
const pe_type pe_type_list_iterator =
    PE_ITER_TYPE("list_iterator", pe_indexed_iter, listiter_next, pe_seqiter_clear);
const pe_type pe_type_list_reverseiterator =
    PE_ITER_TYPE("list_reverseiterator", pe_indexed_iter, listreviter_next, pe_seqiter_clear);

/* ------------------------------------------------------------------ */
/* dict iterators                                                      */
/* ------------------------------------------------------------------ */

typedef struct {
    pe_obj ob;
    pe_val dict;   /* UNDEF once exhausted */
    size_t used;   /* d->used at creation; SIZE_MAX after a size error */
    int64_t pos;   /* next entry (reverse: current entry, -1 = done) */
    size_t len;    /* items still expected */
} dictiter;

enum { DI_KEYS, DI_VALUES, DI_ITEMS };

static void dictiter_clear(pe_state *S, pe_obj *o) { pe_drop(S, &((dictiter *)o)->dict); }

static bool is_reverse_dictiter(const pe_type *t) {
    return t == &pe_type_dict_reversekeyiterator || t == &pe_type_dict_reversevalueiterator ||
           t == &pe_type_dict_reverseitemiterator;
}

int pe_dictiter_new(pe_state *S, const pe_type *t, pe_dict *d, pe_val *out) {
    dictiter *it = (dictiter *)pe_obj_new(S, t, sizeof(dictiter));
    if (!it) return -1;
    pe_incref_obj(&d->ob);
    it->dict = pe_obj_val(&d->ob);
    it->used = d->used;
    it->len = d->used;
    it->pos = is_reverse_dictiter(t) ? (int64_t)d->nentries - 1 : 0;
    *out = pe_obj_val(&it->ob);
    return 0;
}

/* The value produced for entry e by an iterator of the given kind. */
static int entry_value(pe_state *S, const pe_dict_entry *e, int kind, pe_val *out) {
    if (kind == DI_ITEMS) {
        pe_val kv[2] = {e->key, e->value};
        return pe_tuple_pack(S, 2, kv, out);
    }
    *out = kind == DI_KEYS ? e->key : e->value;
    pe_incref(*out);
    return 0;
}

static int size_changed(pe_state *S, dictiter *it) {
    it->used = SIZE_MAX; /* sticky */
    return pe_raise(S, PE_EXC(RuntimeError), "dictionary changed size during iteration");
}

static int dictiter_next_kind(pe_state *S, pe_val v, pe_val *out, int kind) {
    dictiter *it = (dictiter *)v.u.o;
    if (it->dict.tag == PE_TUNDEF) return 0;
    pe_dict *d = PE_DICT(it->dict);
    if (it->used != d->used) return size_changed(S, it);
    size_t i = (size_t)it->pos;
    while (i < d->nentries && d->entries[i].key.tag == PE_TUNDEF) i++;
    if (i >= d->nentries) {
        pe_drop(S, &it->dict);
        return 0;
    }
    if (it->len == 0) {
        pe_drop(S, &it->dict);
        return pe_raise(S, PE_EXC(RuntimeError), "dictionary keys changed during iteration");
    }
    it->pos = (int64_t)i + 1;
    it->len--;
    return entry_value(S, &d->entries[i], kind, out) ? -1 : 1;
}

static int dictreviter_next_kind(pe_state *S, pe_val v, pe_val *out, int kind) {
    dictiter *it = (dictiter *)v.u.o;
    if (it->dict.tag == PE_TUNDEF) return 0;
    pe_dict *d = PE_DICT(it->dict);
    if (it->used != d->used) return size_changed(S, it);
    int64_t i = it->pos;
    while (i >= 0 && ((size_t)i >= d->nentries || d->entries[i].key.tag == PE_TUNDEF)) i--;
    if (i < 0) {
        pe_drop(S, &it->dict);
        return 0;
    }
    it->pos = i - 1;
    it->len--;
    return entry_value(S, &d->entries[i], kind, out) ? -1 : 1;
}

static int dik_next(pe_state *S, pe_val v, pe_val *o) { return dictiter_next_kind(S, v, o, DI_KEYS); }
static int div_next(pe_state *S, pe_val v, pe_val *o) { return dictiter_next_kind(S, v, o, DI_VALUES); }
static int dii_next(pe_state *S, pe_val v, pe_val *o) { return dictiter_next_kind(S, v, o, DI_ITEMS); }
static int drk_next(pe_state *S, pe_val v, pe_val *o) { return dictreviter_next_kind(S, v, o, DI_KEYS); }
static int drv_next(pe_state *S, pe_val v, pe_val *o) { return dictreviter_next_kind(S, v, o, DI_VALUES); }
static int dri_next(pe_state *S, pe_val v, pe_val *o) { return dictreviter_next_kind(S, v, o, DI_ITEMS); }

const pe_type pe_type_dict_keyiterator =
    PE_ITER_TYPE("dict_keyiterator", dictiter, dik_next, dictiter_clear);
const pe_type pe_type_dict_valueiterator =
    PE_ITER_TYPE("dict_valueiterator", dictiter, div_next, dictiter_clear);
const pe_type pe_type_dict_itemiterator =
    PE_ITER_TYPE("dict_itemiterator", dictiter, dii_next, dictiter_clear);
const pe_type pe_type_dict_reversekeyiterator =
    PE_ITER_TYPE("dict_reversekeyiterator", dictiter, drk_next, dictiter_clear);
const pe_type pe_type_dict_reversevalueiterator =
    PE_ITER_TYPE("dict_reversevalueiterator", dictiter, drv_next, dictiter_clear);
const pe_type pe_type_dict_reverseitemiterator =
    PE_ITER_TYPE("dict_reverseitemiterator", dictiter, dri_next, dictiter_clear);

/* ------------------------------------------------------------------ */
/* set iterator                                                        */
/* ------------------------------------------------------------------ */

typedef struct {
    pe_obj ob;
    pe_val set; /* UNDEF once exhausted */
    size_t used; /* SIZE_MAX after a size error */
    size_t pos;
} setiter;

static void setiter_clear(pe_state *S, pe_obj *o) { pe_drop(S, &((setiter *)o)->set); }

int pe_setiter_new(pe_state *S, pe_set *s, pe_val *out) {
    setiter *it = (setiter *)pe_obj_new(S, &pe_type_set_iterator, sizeof(setiter));
    if (!it) return -1;
    pe_incref_obj(&s->ob);
    it->set = pe_obj_val(&s->ob);
    it->used = s->used;
    it->pos = 0;
    *out = pe_obj_val(&it->ob);
    return 0;
}

static int setiter_next(pe_state *S, pe_val v, pe_val *out) {
    setiter *it = (setiter *)v.u.o;
    if (it->set.tag == PE_TUNDEF) return 0;
    pe_set *s = PE_SET(it->set);
    if (it->used != s->used) {
        it->used = SIZE_MAX;
        return pe_raise(S, PE_EXC(RuntimeError), "Set changed size during iteration");
    }
    if (!pe_set_next(s, &it->pos, out)) {
        pe_drop(S, &it->set);
        return 0;
    }
    pe_incref(*out);
    return 1;
}

const pe_type pe_type_set_iterator =
    PE_ITER_TYPE("set_iterator", setiter, setiter_next, setiter_clear);

/* ------------------------------------------------------------------ */
/* dict views                                                          */
/* ------------------------------------------------------------------ */

typedef struct {
    pe_obj ob;
    pe_val dict; /* UNDEF only after clear() */
} dictview;

#define VIEW_DICT(v) PE_DICT(((dictview *)(v).u.o)->dict)

static void view_clear(pe_state *S, pe_obj *o) { pe_drop(S, &((dictview *)o)->dict); }

int pe_dictview_new(pe_state *S, const pe_type *t, pe_dict *d, pe_val *out) {
    dictview *v = (dictview *)pe_obj_new(S, t, sizeof(dictview));
    if (!v) return -1;
    pe_incref_obj(&d->ob);
    v->dict = pe_obj_val(&d->ob);
    *out = pe_obj_val(&v->ob);
    return 0;
}

static bool is_setview(pe_val v) {
    return v.tag == PE_TOBJ &&
           (v.u.o->type == &pe_type_dict_keys || v.u.o->type == &pe_type_dict_items);
}

static bool view_alive(pe_val v) { return ((dictview *)v.u.o)->dict.tag == PE_TOBJ; }

static int view_len(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    *out = view_alive(v) ? (int64_t)VIEW_DICT(v)->used : 0;
    return 0;
}

static const pe_type *view_iter_type(const pe_type *view, bool reverse) {
    if (view == &pe_type_dict_keys)
        return reverse ? &pe_type_dict_reversekeyiterator : &pe_type_dict_keyiterator;
    if (view == &pe_type_dict_values)
        return reverse ? &pe_type_dict_reversevalueiterator : &pe_type_dict_valueiterator;
    return reverse ? &pe_type_dict_reverseitemiterator : &pe_type_dict_itemiterator;
}

static int view_iter(pe_state *S, pe_val v, pe_val *out) {
    if (!view_alive(v)) { /* only after clear(): iterate nothing */
        pe_val empty;
        pe_tuple_new(S, 0, &empty);
        return pe_seqiter_new(S, &pe_type_tuple_iterator, empty, out);
    }
    return pe_dictiter_new(S, view_iter_type(v.u.o->type, false), VIEW_DICT(v), out);
}

/* dictview_repr: "dict_keys([1, 2])" */
static int view_repr(pe_state *S, pe_val v, pe_sb *sb) {
    int st = pe_repr_enter(S, v.u.o);
    if (st) return st < 0 ? -1 : pe_sb_puts(sb, "...");
    pe_val l;
    int r = pe_list_from_iter(S, v, &l);
    if (!r) {
        r = pe_sb_puts(sb, v.u.o->type->name) || pe_sb_putc(sb, '(') || pe_repr(S, l, sb) ||
            pe_sb_putc(sb, ')');
        pe_decref(S, l);
    }
    pe_repr_leave(S, v.u.o);
    return r ? -1 : 0;
}

static int keys_contains(pe_state *S, pe_val v, pe_val x) {
    if (!view_alive(v)) return 0;
    pe_val dummy;
    return pe_dict_get(S, VIEW_DICT(v), x, &dummy);
}

static int items_contains(pe_state *S, pe_val v, pe_val x) {
    if (!view_alive(v) || !pe_is_tuple(x) || PE_TUPLE(x)->n != 2) return 0;
    pe_val found;
    int r = pe_dict_get(S, VIEW_DICT(v), PE_TUPLE(x)->items[0], &found);
    if (r <= 0) return r;
    r = cont_eq_held(S, found, PE_TUPLE(x)->items[1]);
    return r;
}

static int values_contains(pe_state *S, pe_val v, pe_val x) {
    if (!view_alive(v)) return 0;
    pe_dict *d = VIEW_DICT(v);
    for (size_t i = 0; i < d->nentries; i++) {
        pe_val y = d->entries[i].value;
        if (d->entries[i].key.tag == PE_TUNDEF) continue;
        int k = cont_eq_held(S, y, x);
        if (k) return k;
    }
    return 0;
}

static int setview_contains(pe_state *S, pe_val view, pe_val x) {
    return view.u.o->type == &pe_type_dict_keys ? keys_contains(S, view, x)
                                                  : items_contains(S, view, x);
}

/* all_contained_in: every item of a is in b (1/0/-1). */
static int all_contained_in(pe_state *S, pe_val a, pe_val b) {
    int r = pe_cont_find_membership(S, a, b, pe_contains, 0);
    return r < 0 ? -1 : !r;
}

static const int swapped_op[6] = {PE_GT, PE_GE, PE_EQ, PE_NE, PE_LT, PE_LE};

/* dictview_richcompare: set-like comparison with sets and set-like views. */
static int setview_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if (!is_setview(a)) { /* reflected call: the view is the right operand */
        pe_val t = a;
        a = b;
        b = t;
        op = swapped_op[op];
    }
    if (!pe_is_anyset(b) && !is_setview(b)) return PE_NOTIMPL;
    int64_t la, lb;
    if (pe_len(S, a, &la) || pe_len(S, b, &lb)) return -1;
    int ok = 0;
    switch (op) {
    case PE_EQ:
    case PE_NE:
        if (la == lb) ok = all_contained_in(S, a, b);
        if (op == PE_NE && ok >= 0) ok = !ok;
        break;
    case PE_LT: if (la < lb) ok = all_contained_in(S, a, b); break;
    case PE_LE: if (la <= lb) ok = all_contained_in(S, a, b); break;
    case PE_GT: if (la > lb) ok = all_contained_in(S, b, a); break;
    default: if (la >= lb) ok = all_contained_in(S, b, a); break;
    }
    if (ok < 0) return -1;
    *out = pe_bool(ok);
    return 0;
}

/* dictviews_to_set: set(self) (a keys view goes through its dict). */
static int view_to_set(pe_state *S, pe_val self, pe_val *out) {
    if (pe_set_new(S, &pe_type_set, out)) return -1;
    pe_val src = self.tag == PE_TOBJ && self.u.o->type == &pe_type_dict_keys && view_alive(self)
                     ? ((dictview *)self.u.o)->dict
                     : self;
    if (pe_set_update(S, out->u.o, src)) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

/* set(self) updated in place by op (| - ^) with any iterable other, as
 * dictviews_or / dictviews_sub / dictviews_xor do through set methods. */
static int view_set_op(pe_state *S, pe_val self, pe_val other, int op, pe_val *out) {
    if (view_to_set(S, self, out)) return -1;
    if (pe_cont_set_update_op(S, PE_SET(*out), op, other)) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

/* _PyDictView_Intersect */
static int view_intersect(pe_state *S, pe_val self, pe_val other, pe_val *out) {
    if (!is_setview(self)) { /* the view was the right operand */
        pe_val t = self;
        self = other;
        other = t;
    }
    int64_t ls, lo;
    if (pe_len(S, self, &ls)) return -1;
    if (pe_is_kind(other, PE_K_SET) && ls <= (int64_t)PE_SET(other)->used)
        return pe_cont_set_intersection(S, PE_SET(other), self, out);
    if (is_setview(other)) {
        if (pe_len(S, other, &lo)) return -1;
        if (lo > ls) {
            pe_val t = self;
            self = other;
            other = t;
        }
    }
    if (pe_set_new(S, &pe_type_set, out)) return -1;
    pe_val it, key;
    if (pe_iter(S, other, &it)) {
        pe_decref(S, *out);
        return -1;
    }
    int r;
    while ((r = pe_next(S, it, &key)) == 1) {
        int c = setview_contains(S, self, key);
        if (c > 0) c = pe_set_add(S, out->u.o, key);
        pe_decref(S, key);
        if (c < 0) {
            r = -1;
            break;
        }
    }
    pe_decref(S, it);
    if (r < 0) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

/* dictitems_xor for two items views. */
static int items_xor(pe_state *S, pe_dict *d1, pe_dict *d2, pe_val *out) {
    pe_val tmp;
    if (pe_dict_copy(S, d1, &tmp)) return -1;
    if (pe_set_new(S, &pe_type_set, out)) {
        pe_decref(S, tmp);
        return -1;
    }
    int r = 0;
    for (size_t i = 0; !r && i < d2->nentries; i++) {
        pe_dict_entry e = d2->entries[i];
        if (e.key.tag == PE_TUNDEF) continue;
        pe_val v1;
        pe_incref(e.key);
        pe_incref(e.value);
        int found = pe_cont_dict_get_h(S, PE_DICT(tmp), e.key, e.hash, &v1);
        int del = found;
        if (found == 1) {
            pe_incref(v1);
            del = cont_eq(S, v1, e.value);
            pe_decref(S, v1);
        }
        if (del < 0) r = -1;
        else if (del) r = pe_dict_del(S, PE_DICT(tmp), e.key) < 0 ? -1 : 0;
        else {
            pe_val kv[2] = {e.key, e.value}, pair;
            r = pe_tuple_pack(S, 2, kv, &pair);
            if (!r) {
                r = pe_set_add(S, out->u.o, pair);
                pe_decref(S, pair);
            }
        }
        pe_decref(S, e.key);
        pe_decref(S, e.value);
    }
    if (!r) {
        pe_val items;
        r = pe_dictview_new(S, &pe_type_dict_items, PE_DICT(tmp), &items);
        if (!r) {
            r = pe_set_update(S, out->u.o, items);
            pe_decref(S, items);
        }
    }
    pe_decref(S, tmp);
    if (r) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

static int setview_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    switch (op) {
    case PE_BO_OR:
    case PE_BO_SUB: return view_set_op(S, a, b, op, out);
    case PE_BO_AND: return view_intersect(S, a, b, out);
    case PE_BO_XOR:
        if (a.tag == PE_TOBJ && b.tag == PE_TOBJ && a.u.o->type == &pe_type_dict_items &&
            b.u.o->type == &pe_type_dict_items && view_alive(a) && view_alive(b))
            return items_xor(S, VIEW_DICT(a), VIEW_DICT(b), out);
        return view_set_op(S, a, b, op, out);
    default: return PE_NOTIMPL;
    }
}

/* keys().isdisjoint(other) / items().isdisjoint(other) */
static int view_isdisjoint(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out) {
    const char *q = self.u.o->type == &pe_type_dict_keys ? "dict_keys.isdisjoint"
                                                         : "dict_items.isdisjoint";
    if (pe_cont_onearg(S, q, argc, kwnames)) return -1;
    pe_val other = argv[0], a = self, b = other;
    if (other.tag == PE_TOBJ && other.u.o == self.u.o) {
        int64_t n;
        view_len(S, self, &n);
        *out = pe_bool(n == 0);
        return 0;
    }
    if (pe_is_anyset(other) || is_setview(other)) {
        int64_t ls, lo;
        if (pe_len(S, self, &ls) || pe_len(S, other, &lo)) return -1;
        if (lo > ls) {
            a = other;
            b = self;
        }
    }
    int r = pe_cont_find_membership(S, b, a, pe_contains, 1);
    if (r < 0) return -1;
    *out = pe_bool(!r);
    return 0;
}

static const pe_cfunc setview_methods[] = {
    PE_METHOD("isdisjoint", view_isdisjoint),
    PE_METHOD_END,
};

#define VIEW_TYPE(cname, pyname, containsfn, cmpfn, binopfn, meths) \
    const pe_type cname = PE_TYPE(pyname, VIEW,                     \
        PE_DEALLOC_CLEARED(dictview),                               \
        .clear = view_clear,                                        \
        .repr = view_repr,                                          \
        .richcmp = cmpfn,                                           \
        .binop = binopfn,                                           \
        .len = view_len,                                            \
        .iter = view_iter,                                          \
        .contains = containsfn,                                     \
        .methods = meths,                                           \
    )

VIEW_TYPE(pe_type_dict_keys, "dict_keys", keys_contains, setview_richcmp, setview_binop,
          setview_methods);
VIEW_TYPE(pe_type_dict_items, "dict_items", items_contains, setview_richcmp, setview_binop,
          setview_methods);
VIEW_TYPE(pe_type_dict_values, "dict_values", values_contains, NULL, NULL, NULL);

/* ------------------------------------------------------------------ */
/* enumerate                                                           */
/* ------------------------------------------------------------------ */

typedef struct {
    pe_obj ob;
    pe_val it;    /* UNDEF after clear() */
    pe_val count; /* an int */
} enumobj;

static void enum_clear(pe_state *S, pe_obj *o) {
    enumobj *e = (enumobj *)o;
    pe_drop(S, &e->it);
    pe_drop(S, &e->count);
}

static int enum_new(pe_state *S, pe_val iterable, pe_val start, pe_val *out) {
    pe_val count = pe_int(0);
    if (start.tag != PE_TUNDEF && pe_index_int_value(S, start, &count)) return -1;
    pe_val it;
    if (pe_iter(S, iterable, &it)) return -1;
    enumobj *e = (enumobj *)pe_obj_new(S, &pe_type_enumerate, sizeof(enumobj));
    if (!e) {
        pe_decref(S, it);
        return -1;
    }
    e->it = it;
    pe_incref(count);
    e->count = count;
    *out = pe_obj_val(&e->ob);
    return 0;
}

static int enum_next(pe_state *S, pe_val v, pe_val *out) {
    enumobj *e = (enumobj *)v.u.o;
    if (e->it.tag == PE_TUNDEF) return 0;
    pe_val item, next;
    int r = pe_next(S, e->it, &item);
    if (r <= 0) return r;
    if (e->count.tag == PE_TINT && e->count.u.i < INT64_MAX) next = pe_int(e->count.u.i + 1);
    else if (pe_int_add(S, e->count, pe_int(1), &next)) {
        pe_decref(S, item);
        return -1;
    }
    pe_val pair[2] = {e->count, item};
    r = pe_tuple_pack(S, 2, pair, out);
    pe_decref(S, item);
    pe_val old = e->count;
    e->count = next;
    pe_decref(S, old);
    return r ? -1 : 1;
}

static bool kw_is(pe_obj *kwnames, size_t i, const char *name) {
    return cont_str_is(cont_kwname(kwnames, i), name);
}

static int enum_badkw(pe_state *S, pe_obj *kwnames, size_t i) {
    return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for enumerate()",
                    cont_kwname(kwnames, i)->data);
}

/* enumerate_vectorcall's argument rules. */
static int enum_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    size_t nkw = cont_nkw(kwnames);
    int nargs = argc - (int)nkw;
    if (argc == 2) {
        if (nkw == 1 && !kw_is(kwnames, 0, "start")) return enum_badkw(S, kwnames, 0);
        if (nkw == 2) {
            if (kw_is(kwnames, 0, "start")) {
                if (!kw_is(kwnames, 1, "iterable")) return enum_badkw(S, kwnames, 1);
                return enum_new(S, argv[1], argv[0], out);
            }
            if (!kw_is(kwnames, 0, "iterable")) return enum_badkw(S, kwnames, 0);
            if (!kw_is(kwnames, 1, "start")) return enum_badkw(S, kwnames, 1);
        }
        return enum_new(S, argv[0], argv[1], out);
    }
    if (argc == 1) {
        if (nkw == 1 && !kw_is(kwnames, 0, "iterable")) return enum_badkw(S, kwnames, 0);
        return enum_new(S, argv[0], pe_undef(), out);
    }
    if (nargs == 0)
        return pe_raise(S, PE_EXC(TypeError), "enumerate() missing required argument 'iterable'");
    return pe_raise(S, PE_EXC(TypeError), "enumerate() takes at most 2 arguments (%d given)", argc);
}

/* ------------------------------------------------------------------ */
/* zip and map (both hold an array of iterators)                       */
/* ------------------------------------------------------------------ */

typedef struct {
    pe_obj ob;
    pe_val func;   /* map: the function; zip: UNDEF */
    bool strict;   /* zip(strict=True) */
    size_t n;
    pe_val its[];  /* UNDEF after clear() */
} multiobj;

static size_t multi_size(size_t n) { return sizeof(multiobj) + n * sizeof(pe_val); }

static void multi_clear(pe_state *S, pe_obj *o) {
    multiobj *m = (multiobj *)o;
    pe_drop(S, &m->func);
    for (size_t i = 0; i < m->n; i++) pe_drop(S, &m->its[i]);
}

static void multiobj_dealloc(pe_state *S, pe_obj *o) {
    if (cont_trash_begin(S, o)) return;
    multi_clear(S, o);
    pe_obj_free(S, o, multi_size(((multiobj *)o)->n));
    cont_trash_end(S);
}

/* Builds the object with iter() of each of the n iterables. */
static int multi_new(pe_state *S, const pe_type *t, pe_val func, const pe_val *iterables, size_t n,
                     pe_val *out) {
    multiobj *m = (multiobj *)pe_obj_new(S, t, multi_size(n));
    if (!m) return -1;
    m->func = pe_undef();
    m->strict = false;
    m->n = n;
    for (size_t i = 0; i < n; i++) m->its[i] = pe_undef();
    *out = pe_obj_val(&m->ob);
    for (size_t i = 0; i < n; i++) {
        if (pe_iter(S, iterables[i], &m->its[i])) {
            m->its[i] = pe_undef();
            pe_decref(S, *out);
            return -1;
        }
    }
    pe_incref(func);
    m->func = func;
    return 0;
}

/* Fetches one item from each iterator into buf. 1 = all produced, 0 = the
 * iterator *at stopped (buf[0..*at) filled and released), -1 = error. */
static int multi_fetch(pe_state *S, multiobj *m, pe_val *buf, size_t *at) {
    for (size_t i = 0; i < m->n; i++) {
        int r = m->its[i].tag == PE_TUNDEF ? 0 : pe_next(S, m->its[i], &buf[i]);
        if (r != 1) {
            for (size_t j = 0; j < i; j++) pe_decref(S, buf[j]);
            *at = i;
            return r;
        }
    }
    return 1;
}

/* zip(strict=True): the iterator at `i` stopped first; check the others. */
static int zip_strict_check(pe_state *S, multiobj *m, size_t i) {
    const char *plural = i == 1 ? " " : "s 1-";
    if (i)
        return pe_raise(S, PE_EXC(ValueError), "zip() argument %zu is shorter than argument%s%zu",
                        i + 1, plural, i);
    for (i = 1; i < m->n; i++) {
        pe_val x;
        int r = pe_next(S, m->its[i], &x);
        if (r < 0) return -1;
        if (r == 1) {
            pe_decref(S, x);
            plural = i == 1 ? " " : "s 1-";
            return pe_raise(S, PE_EXC(ValueError), "zip() argument %zu is longer than argument%s%zu",
                            i + 1, plural, i);
        }
    }
    return 0;
}

static int zip_next(pe_state *S, pe_val v, pe_val *out) {
    multiobj *m = (multiobj *)v.u.o;
    if (m->n == 0) return 0;
    if (pe_tuple_new(S, m->n, out)) return -1;
    size_t at;
    int r = multi_fetch(S, m, PE_TUPLE(*out)->items, &at);
    if (r == 1) return 1;
    for (size_t j = 0; j < m->n; j++) PE_TUPLE(*out)->items[j] = pe_undef();
    pe_decref(S, *out);
    if (r < 0) return -1;
    return m->strict ? zip_strict_check(S, m, at) : 0;
}

static int zip_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    size_t nkw = cont_nkw(kwnames);
    int strict = 0;
    if (nkw > 1)
        return pe_raise(S, PE_EXC(TypeError), "zip() takes at most 1 keyword argument (%zu given)", nkw);
    if (nkw == 1) {
        if (!kw_is(kwnames, 0, "strict"))
            return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for zip()",
                            cont_kwname(kwnames, 0)->data);
        if ((strict = pe_truth(S, argv[argc - 1])) < 0) return -1;
    }
    size_t n = (size_t)argc - nkw;
    if (multi_new(S, &pe_type_zip, pe_undef(), argv, n, out)) return -1;
    ((multiobj *)out->u.o)->strict = strict != 0;
    return 0;
}

static int map_next(pe_state *S, pe_val v, pe_val *out) {
    multiobj *m = (multiobj *)v.u.o;
    pe_val small[8], *args = small;
    if (m->func.tag == PE_TUNDEF) return 0;
    if (m->n > 8 && !(args = pe_mem_alloc(S, m->n * sizeof(pe_val)))) return -1;
    size_t at;
    int r = multi_fetch(S, m, args, &at);
    if (r == 1) {
        r = pe_call(S, m->func, (int)m->n, args, NULL, out) ? -1 : 1;
        for (size_t i = 0; i < m->n; i++) pe_decref(S, args[i]);
    }
    if (args != small) pe_mem_free(S, args, m->n * sizeof(pe_val));
    return r;
}

static int map_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    if (pe_cont_nokw(S, "map", kwnames)) return -1;
    if (argc < 2) return pe_raise(S, PE_EXC(TypeError), "map() must have at least two arguments.");
    return multi_new(S, &pe_type_map, argv[0], argv + 1, (size_t)argc - 1, out);
}

/* ------------------------------------------------------------------ */
/* filter                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    pe_obj ob;
    pe_val func; /* None or a callable */
    pe_val it;   /* UNDEF after clear() */
} filterobj;

static void filter_clear(pe_state *S, pe_obj *o) {
    pe_drop(S, &((filterobj *)o)->func);
    pe_drop(S, &((filterobj *)o)->it);
}

static int filter_next(pe_state *S, pe_val v, pe_val *out) {
    filterobj *f = (filterobj *)v.u.o;
    if (f->it.tag == PE_TUNDEF) return 0;
    for (;;) {
        pe_val item, res;
        int r = pe_next(S, f->it, &item);
        if (r <= 0) return r;
        int ok;
        if (f->func.tag == PE_TNONE ||
            (f->func.tag == PE_TOBJ && f->func.u.o == (const pe_obj *)&pe_type_bool)) {
            ok = pe_truth(S, item);
        } else if (pe_call(S, f->func, 1, &item, NULL, &res)) {
            ok = -1;
        } else {
            ok = pe_truth(S, res);
            pe_decref(S, res);
        }
        if (ok > 0) {
            *out = item;
            return 1;
        }
        pe_decref(S, item);
        if (ok < 0) return -1;
    }
}

static int filter_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                       pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    if (pe_cont_posargs(S, "filter", "filter", argc, kwnames, 2, 2)) return -1;
    pe_val it;
    if (pe_iter(S, argv[1], &it)) return -1;
    filterobj *f = (filterobj *)pe_obj_new(S, &pe_type_filter, sizeof(filterobj));
    if (!f) {
        pe_decref(S, it);
        return -1;
    }
    pe_incref(argv[0]);
    f->func = argv[0];
    f->it = it;
    *out = pe_obj_val(&f->ob);
    return 0;
}

/* ------------------------------------------------------------------ */
/* reversed                                                            */
/* ------------------------------------------------------------------ */

typedef struct {
    pe_obj ob;
    pe_val seq;    /* UNDEF once exhausted */
    int64_t index; /* next index to fetch, -1 when done */
} revobj;

static void rev_clear(pe_state *S, pe_obj *o) { pe_drop(S, &((revobj *)o)->seq); }

static int rev_next(pe_state *S, pe_val v, pe_val *out) {
    revobj *r = (revobj *)v.u.o;
    if (r->seq.tag == PE_TUNDEF) return 0;
    if (r->index >= 0) {
        if (pe_getitem(S, r->seq, pe_int(r->index), out) == 0) {
            r->index--;
            return 1;
        }
        if (!pe_exc_matches(S, PE_EXC(IndexError)) && !pe_exc_matches(S, PE_EXC(StopIteration)))
            return -1;
        pe_exc_clear(S);
    }
    r->index = -1;
    pe_drop(S, &r->seq);
    return 0;
}

static int reversed_call(pe_state *S, pe_val callee, int argc, const pe_val *argv,
                         pe_obj *kwnames, pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    if (pe_cont_posargs(S, "reversed", "reversed", argc, kwnames, 1, 1)) return -1;
    pe_val seq = argv[0];
    if (pe_du_heap(seq)) { /* __reversed__, else the sequence protocol below */
        int du = pe_dunder_reversed(S, seq, out);
        if (du) return du < 0 ? -1 : 0;
    }
    if (pe_is_list(seq)) return pe_seqiter_new(S, &pe_type_list_reverseiterator, seq, out);
    if (pe_is_dict(seq)) return pe_dictiter_new(S, &pe_type_dict_reversekeyiterator, PE_DICT(seq), out);
    if (pe_is_kind(seq, PE_K_VIEW) && view_alive(seq))
        return pe_dictiter_new(S, view_iter_type(seq.u.o->type, true), VIEW_DICT(seq), out);
    const pe_type *t = pe_typeof(seq);
    int64_t n;
    if (!t->getitem || !t->len || pe_is_anyset(seq))
        return pe_raise(S, PE_EXC(TypeError), "'%s' object is not reversible", t->name);
    if (pe_len(S, seq, &n)) return -1;
    revobj *r = (revobj *)pe_obj_new(S, &pe_type_reversed, sizeof(revobj));
    if (!r) return -1;
    pe_incref(seq);
    r->seq = seq;
    r->index = n - 1;
    *out = pe_obj_val(&r->ob);
    return 0;
}

/* zip and map are variable-size (multiobj_dealloc); the others fixed. */
#define CALLABLE_ITER_TYPE(cname, pyname, dealloc_init, nextfn, clearfn, callfn) \
    const pe_type cname = PE_TYPE(pyname, ITER,                                \
        dealloc_init,                                                          \
        .clear = clearfn,                                                      \
        .iter = pe_iter_self,                                                  \
        .next = nextfn,                                                        \
        .call = callfn,                                                        \
    )

CALLABLE_ITER_TYPE(pe_type_enumerate, "enumerate", PE_DEALLOC_CLEARED(enumobj), enum_next,
                   enum_clear, enum_call);
CALLABLE_ITER_TYPE(pe_type_zip, "zip", .dealloc = multiobj_dealloc, zip_next, multi_clear,
                   zip_call);
CALLABLE_ITER_TYPE(pe_type_map, "map", .dealloc = multiobj_dealloc, map_next, multi_clear,
                   map_call);
CALLABLE_ITER_TYPE(pe_type_filter, "filter", PE_DEALLOC_CLEARED(filterobj), filter_next,
                   filter_clear, filter_call);
CALLABLE_ITER_TYPE(pe_type_reversed, "reversed", PE_DEALLOC_CLEARED(revobj), rev_next, rev_clear,
                   reversed_call);

/* ------------------------------------------------------------------ */
/* Unpacking                                                           */
/* ------------------------------------------------------------------ */

static int unpack_count_error(pe_state *S, size_t before, bool star, size_t after, size_t got) {
    if (star)
        return pe_raise(S, PE_EXC(ValueError),
                        "not enough values to unpack (expected at least %zu, got %zu)",
                        before + after, got);
    return pe_raise(S, PE_EXC(ValueError), "not enough values to unpack (expected %zu, got %zu)",
                    before, got);
}

/* From an array (tuple/list fast path). */
static int unpack_array(pe_state *S, const pe_val *items, size_t n, size_t before, bool star,
                        size_t after, pe_val *dst) {
    if (!star && n != before) {
        if (n > before)
            return pe_raise(S, PE_EXC(ValueError), "too many values to unpack (expected %zu)", before);
        return unpack_count_error(S, before, false, 0, n);
    }
    if (star && n < before + after) return unpack_count_error(S, before, true, after, n);
    size_t mid = n - before - after;
    pe_val l = pe_undef();
    if (star) {
        if (pe_list_new(S, mid, &l)) return -1;
        for (size_t i = 0; i < mid; i++) pe_list_append(S, PE_LIST(l), items[before + i]);
    }
    size_t k = 0;
    for (size_t i = 0; i < before; i++) {
        pe_incref(items[i]);
        dst[k++] = items[i];
    }
    if (star) dst[k++] = l;
    for (size_t i = 0; i < after; i++) {
        pe_incref(items[before + mid + i]);
        dst[k++] = items[before + mid + i];
    }
    return 0;
}

/* From an iterator (CPython's unpack_iterable). */
static int unpack_iter(pe_state *S, pe_val it, size_t before, bool star, size_t after, pe_val *dst) {
    size_t i;
    int r;
    for (i = 0; i < before; i++) {
        r = pe_next(S, it, &dst[i]);
        if (r != 1) {
            if (r == 0) unpack_count_error(S, before, star, after, i);
            goto fail;
        }
    }
    if (!star) {
        pe_val extra;
        r = pe_next(S, it, &extra);
        if (r == 0) return 0;
        if (r == 1) {
            pe_decref(S, extra);
            pe_raise(S, PE_EXC(ValueError), "too many values to unpack (expected %zu)", before);
        }
        goto fail;
    }
    if (pe_list_from_iter(S, it, &dst[i])) goto fail;
    pe_list *l = PE_LIST(dst[i]);
    i++;
    if (l->n < after) {
        unpack_count_error(S, before, true, after, before + l->n);
        goto fail;
    }
    /* move the tail of the list into the after slots */
    for (size_t j = 0; j < after; j++) dst[i + j] = l->items[l->n - after + j];
    l->n -= after;
    return 0;
fail:
    for (size_t j = 0; j < i; j++) pe_decref(S, dst[j]);
    return -1;
}

int pe_unpack(pe_state *S, pe_val seq, size_t before, bool star, size_t after, pe_val *dst) {
    if (pe_is_tuple(seq))
        return unpack_array(S, PE_TUPLE(seq)->items, PE_TUPLE(seq)->n, before, star, after, dst);
    if (pe_is_list(seq))
        return unpack_array(S, PE_LIST(seq)->items, PE_LIST(seq)->n, before, star, after, dst);
    pe_val it;
    if (pe_iter(S, seq, &it)) {
        const pe_type *t = pe_typeof(seq);
        if (pe_exc_matches(S, PE_EXC(TypeError)) && !t->iter && !t->getitem) {
            pe_exc_clear(S);
            pe_raise(S, PE_EXC(TypeError), "cannot unpack non-iterable %s object", t->name);
        }
        return -1;
    }
    int r = unpack_iter(S, it, before, star, after, dst);
    pe_decref(S, it);
    return r;
}
