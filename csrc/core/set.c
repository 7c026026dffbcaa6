/*
 * set.c - set and frozenset, a line-by-line mirror of CPython 3.11's
 * setobject.c table so that iteration order (and so repr/print of int
 * sets) is identical: open addressing with runs of LINEAR_PROBES adjacent
 * slots, then perturbed jumps; fill*5 >= mask*3 triggers a resize to the
 * smallest power of two > used*4 (used*2 above 50000); dummies mark deleted
 * slots; merges of sets copy or re-insert exactly as set_merge does.
 *
 * Invariants: table has mask+1 slots (>= 8; the inline smalltable when 8);
 * an empty slot is {UNDEF, 0}, a dummy {UNDEF, -1}; fill = active + dummy;
 * at least one slot is always empty; frozenset hash cached in `hash`.
 */
#include "cont_internal.h"

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

enum { DISCARD_NOTFOUND = 0, DISCARD_FOUND = 1 };

static bool is_frozen(const pe_set *s) { return s->ob.type->kind == PE_K_FROZENSET; }
static bool slot_active(const pe_set_entry *e) { return e->key.tag != PE_TUNDEF; }
static bool slot_unused(const pe_set_entry *e) { return e->key.tag == PE_TUNDEF && e->hash == 0; }

static void reset_small(pe_set *s) {
    for (int i = 0; i < PE_SET_MINSIZE; i++) {
        s->smalltable[i].key = pe_undef();
        s->smalltable[i].hash = 0;
    }
    s->table = s->smalltable;
    s->mask = PE_SET_MINSIZE - 1;
    s->fill = s->used = 0;
}

static void free_table(pe_state *S, pe_set_entry *table, pe_set *s, size_t mask) {
    if (table != s->smalltable) pe_mem_free(S, table, (mask + 1) * sizeof(pe_set_entry));
}

int pe_set_new(pe_state *S, const pe_type *t, pe_val *out) {
    pe_set *s = (pe_set *)pe_obj_new(S, t, sizeof(pe_set));
    if (!s) return -1;
    reset_small(s);
    s->finger = 0;
    s->hash = -1;
    *out = pe_obj_val(&s->ob);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Table core                                                          */
/* ------------------------------------------------------------------ */

PE_INLINE int keys_equal(pe_state *S, pe_val a, pe_val b) {
    if (pe_is(a, b)) return 1;
    if (pe_is_str(a) && pe_is_str(b)) return pe_str_eq(PE_STR(a), PE_STR(b));
    return cont_eq_held(S, a, b); /* __eq__ may remove the table's key a */
}

/* set_lookkey: the slot holding key, or NULL (*err = 0 missing, -1 error). */
static pe_set_entry *lookkey(pe_state *S, pe_set *s, pe_val key, int64_t hash, int *err) {
restart:;
    size_t mask = s->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        pe_set_entry *entry = &s->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (slot_unused(entry)) {
                *err = 0;
                return NULL;
            }
            if (entry->hash == hash && slot_active(entry)) {
                pe_val startkey = entry->key;
                pe_set_entry *table = s->table;
                int cmp = keys_equal(S, startkey, key);
                if (cmp < 0) {
                    *err = -1;
                    return NULL;
                }
                if (table != s->table || !pe_is(entry->key, startkey)) goto restart;
                if (cmp > 0) return entry;
                mask = s->mask;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* set_insert_clean: key known absent, no dummies in the table. Steals key. */
static void insert_clean(pe_set_entry *table, size_t mask, pe_val key, int64_t hash) {
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        pe_set_entry *entry = &table[i];
        if (entry->key.tag == PE_TUNDEF) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key.tag == PE_TUNDEF) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

/* set_table_resize: rebuild into the smallest power of two > minused. */
static int table_resize(pe_state *S, pe_set *s, size_t minused) {
    size_t newsize = PE_SET_MINSIZE;
    while (newsize <= minused) {
        if (newsize > SIZE_MAX / 2 / sizeof(pe_set_entry)) return pe_raise_nomem(S);
        newsize <<= 1;
    }
    pe_set_entry *oldtable = s->table, *newtable;
    size_t oldmask = s->mask;
    pe_set_entry small_copy[PE_SET_MINSIZE];
    if (newsize == PE_SET_MINSIZE) {
        newtable = s->smalltable;
        if (newtable == oldtable) {
            if (s->fill == s->used) return 0; /* no dummies: nothing to do */
            memcpy(small_copy, oldtable, sizeof small_copy);
            oldtable = small_copy;
        }
    } else {
        newtable = pe_mem_alloc(S, newsize * sizeof(pe_set_entry));
        if (!newtable) return -1;
    }
    for (size_t i = 0; i < newsize; i++) {
        newtable[i].key = pe_undef();
        newtable[i].hash = 0;
    }
    s->mask = newsize - 1;
    s->table = newtable;
    s->fill = s->used;
    for (size_t i = 0; i <= oldmask; i++)
        if (slot_active(&oldtable[i]))
            insert_clean(newtable, s->mask, oldtable[i].key, oldtable[i].hash);
    if (oldtable != small_copy) free_table(S, oldtable, s, oldmask);
    return 0;
}

/* set_add_entry: adds key (borrowed) with a known hash. */
static int add_entry(pe_state *S, pe_set *s, pe_val key, int64_t hash) {
    pe_incref(key);
restart:;
    size_t mask = s->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    pe_set_entry *freeslot = NULL, *entry;
    for (;;) {
        entry = &s->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (slot_unused(entry)) goto found_unused_or_dummy;
            if (entry->hash == hash && slot_active(entry)) {
                pe_val startkey = entry->key;
                pe_set_entry *table = s->table;
                int cmp = keys_equal(S, startkey, key);
                if (cmp > 0) goto found_active;
                if (cmp < 0) {
                    pe_decref(S, key);
                    return -1;
                }
                if (table != s->table || !pe_is(entry->key, startkey)) goto restart;
                mask = s->mask;
            } else if (entry->hash == -1 && !slot_active(entry)) {
                freeslot = entry; /* the last dummy seen, as CPython */
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        s->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    s->fill++;
    s->used++;
    entry->key = key;
    entry->hash = hash;
    if (s->fill * 5 < mask * 3) return 0;
    return table_resize(S, s, s->used > 50000 ? s->used * 2 : s->used * 4);
found_active:
    pe_decref(S, key);
    return 0;
}

/* set_discard_entry */
static int discard_entry(pe_state *S, pe_set *s, pe_val key, int64_t hash) {
    int err;
    pe_set_entry *entry = lookkey(S, s, key, hash, &err);
    if (!entry) return err;
    pe_val old = entry->key;
    entry->key = pe_undef();
    entry->hash = -1;
    s->used--;
    pe_decref(S, old);
    return DISCARD_FOUND;
}

int pe_cont_set_contains_h(pe_state *S, pe_set *s, pe_val key, int64_t hash) {
    int err;
    pe_set_entry *entry = lookkey(S, s, key, hash, &err);
    return entry ? 1 : err;
}

int pe_set_add(pe_state *S, pe_obj *set, pe_val key) {
    int64_t hash;
    if (pe_cont_hash(S, key, &hash)) return -1;
    return add_entry(S, (pe_set *)set, key, hash);
}

/* set_next over active slots: *pos starts at 0. */
static pe_set_entry *next_entry(pe_set *s, size_t *pos) {
    for (size_t i = *pos; i <= s->mask; i++) {
        if (slot_active(&s->table[i])) {
            *pos = i + 1;
            return &s->table[i];
        }
    }
    *pos = s->mask + 1;
    return NULL;
}

int pe_set_next(pe_set *s, size_t *pos, pe_val *key) {
    pe_set_entry *e = next_entry(s, pos);
    if (!e) return 0;
    *key = e->key;
    return 1;
}

/* Serialized sets (marshal.c): the table size and each item's slot (the
 * slot before pe_set_next's *pos) rebuild exactly the same table, so the
 * iteration order survives (re-adding the items would not: see
 * pe_set_const_frozenset). s is new and empty; every key is then looked up
 * and must be found in its own slot, else ValueError. */
int pe_set_fill_layout(pe_state *S, pe_set *s, size_t size, const pe_val *keys,
                       const uint32_t *slots, size_t n) {
    const char *bad = NULL;
    if (size < PE_SET_MINSIZE || (size & (size - 1)) || size > ((size_t)1 << 28) ||
        size / 64 > n || n >= size)
        bad = "set table size";
    pe_set_entry *table = s->smalltable;
    if (!bad && size > PE_SET_MINSIZE) {
        table = pe_mem_alloc(S, size * sizeof(pe_set_entry));
        if (!table) return -1;
        for (size_t i = 0; i < size; i++) table[i] = (pe_set_entry){pe_undef(), 0};
        s->table = table;
        s->mask = size - 1;
    }
    for (size_t i = 0; !bad && i < n; i++) {
        int64_t h;
        if (pe_cont_hash(S, keys[i], &h)) return -1;
        if (slots[i] >= size || slot_active(&table[slots[i]])) {
            bad = "set layout";
            break;
        }
        pe_incref(keys[i]);
        table[slots[i]] = (pe_set_entry){keys[i], h};
        s->fill = ++s->used;
    }
    for (size_t i = 0; !bad && i < n; i++) {
        int err = 0;
        if (lookkey(S, s, keys[i], table[slots[i]].hash, &err) != &table[slots[i]]) {
            if (err) return -1;
            bad = "set layout";
        }
    }
    if (bad) return pe_raise(S, PE_EXC(ValueError), "bad marshal data (%s)", bad);
    return 0;
}

size_t pe_set_table_size(const pe_set *s) { return s->mask + 1; }

/* set_clear_internal: back to the empty small table; references dropped
 * after the set is consistent. */
static void clear_internal(pe_state *S, pe_set *s) {
    pe_set_entry *table = s->table;
    size_t mask = s->mask;
    pe_set_entry copy[PE_SET_MINSIZE];
    if (table == s->smalltable) {
        memcpy(copy, table, sizeof copy);
        table = copy;
    }
    reset_small(s);
    for (size_t i = 0; i <= mask; i++) pe_decref(S, table[i].key);
    if (table != copy) pe_mem_free(S, table, (mask + 1) * sizeof(pe_set_entry));
}

/* ------------------------------------------------------------------ */
/* Bulk operations (set_merge, set_update_internal, ...)               */
/* ------------------------------------------------------------------ */

static int set_merge(pe_state *S, pe_set *s, pe_set *o) {
    if (o == s || o->used == 0) return 0;
    if ((s->fill + o->used) * 5 >= s->mask * 3 &&
        table_resize(S, s, (s->used + o->used) * 2))
        return -1;
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        for (size_t i = 0; i <= o->mask; i++) {
            if (slot_active(&o->table[i])) {
                pe_incref(o->table[i].key);
                s->table[i] = o->table[i];
            }
        }
        s->fill = o->fill;
        s->used = o->used;
        return 0;
    }
    if (s->fill == 0) {
        s->fill = s->used = o->used;
        for (size_t i = 0; i <= o->mask; i++) {
            if (slot_active(&o->table[i])) {
                pe_incref(o->table[i].key);
                insert_clean(s->table, s->mask, o->table[i].key, o->table[i].hash);
            }
        }
        return 0;
    }
    for (size_t i = 0; i <= o->mask; i++) {
        pe_set_entry e = o->table[i];
        if (slot_active(&e) && add_entry(S, s, e.key, e.hash)) return -1;
    }
    return 0;
}

static int update_internal(pe_state *S, pe_set *s, pe_val other) {
    if (pe_is_anyset(other)) return set_merge(S, s, PE_SET(other));
    if (pe_is_dict(other)) {
        pe_dict *d = PE_DICT(other);
        if ((s->fill + d->used) * 5 >= s->mask * 3 && table_resize(S, s, (s->used + d->used) * 2))
            return -1;
        for (size_t i = 0; i < d->nentries; i++) {
            pe_dict_entry e = d->entries[i];
            if (e.key.tag != PE_TUNDEF && add_entry(S, s, e.key, e.hash)) return -1;
        }
        return 0;
    }
    pe_val it, key;
    if (pe_iter(S, other, &it)) return -1;
    int r;
    while ((r = pe_next(S, it, &key)) == 1) {
        r = pe_set_add(S, &s->ob, key);
        pe_decref(S, key);
        if (r) break;
    }
    pe_decref(S, it);
    return r < 0 ? -1 : 0;
}

int pe_set_update(pe_state *S, pe_obj *set, pe_val iterable) {
    return update_internal(S, (pe_set *)set, iterable);
}

/* v is the set s itself. */
static bool is_self(const pe_set *s, pe_val v) { return v.tag == PE_TOBJ && v.u.o == &s->ob; }

/* make_new_set(type, iterable): iterable UNDEF for an empty set. */
static int make_new_set(pe_state *S, const pe_type *t, pe_val iterable, pe_val *out) {
    if (pe_set_new(S, t, out)) return -1;
    if (iterable.tag == PE_TUNDEF) return 0;
    return pe_out_done(S, update_internal(S, PE_SET(*out), iterable), out);
}

/* The result type of an operation on s: set or frozenset. */
/* results of set operations are plain sets/frozensets, also for subclasses */
static const pe_type *basetype(const pe_set *s) { return is_frozen(s) ? &pe_type_frozenset : &pe_type_set; }

static int set_copy(pe_state *S, pe_set *s, pe_val *out) {
    return make_new_set(S, basetype(s), pe_obj_val(&s->ob), out);
}

/* fn(s, key, hash) for a key that may be an (unhashable) set: retried as a
 * frozenset (set_contains_key / set_discard_key). */
PE_INLINE int hashed_key(pe_state *S, pe_set *s, pe_val key,
                      int (*fn)(pe_state *, pe_set *, pe_val, int64_t)) {
    int64_t hash;
    if (pe_cont_hash(S, key, &hash) == 0) return fn(S, s, key, hash);
    if (!pe_is_kind(key, PE_K_SET) || !pe_exc_matches(S, PE_EXC(TypeError))) return -1;
    pe_exc_clear(S);
    pe_val tmp;
    if (make_new_set(S, &pe_type_frozenset, key, &tmp)) return -1;
    int r = pe_hash(S, tmp, &hash) ? -1 : fn(S, s, tmp, hash);
    pe_decref(S, tmp);
    return r;
}

static int contains_key(pe_state *S, pe_set *s, pe_val key) {
    return hashed_key(S, s, key, pe_cont_set_contains_h);
}

static int discard_key(pe_state *S, pe_set *s, pe_val key) {
    return hashed_key(S, s, key, discard_entry);
}

static int set_contains_slot(pe_state *S, pe_val v, pe_val x) { return contains_key(S, PE_SET(v), x); }

int pe_cont_find_membership(pe_state *S, pe_val items, pe_val container,
                            int (*contains)(pe_state *, pe_val, pe_val), int want) {
    pe_val it, x;
    if (pe_iter(S, items, &it)) return -1;
    int r;
    while ((r = pe_next(S, it, &x)) == 1) {
        int c = contains(S, container, x);
        pe_decref(S, x);
        if (c < 0 || (c > 0) == want) {
            r = c < 0 ? -1 : 2;
            break;
        }
    }
    pe_decref(S, it);
    return r < 0 ? -1 : r == 2;
}

int pe_set_contains(pe_state *S, pe_obj *set, pe_val key) {
    return contains_key(S, (pe_set *)set, key);
}

/* One element of a non-set iterable for intersection: 0 go on, 1 stop
 * (the result already holds every element of s), -1 error. */
static int intersect_one(pe_state *S, pe_set *s, pe_set *res, pe_val key) {
    int64_t hash;
    if (pe_cont_hash(S, key, &hash)) return -1;
    int c = pe_cont_set_contains_h(S, s, key, hash);
    if (c <= 0) return c;
    if (add_entry(S, res, key, hash)) return -1;
    return res->used >= s->used;
}

/* Swaps *a and *b when *b is the larger: iterate b, probe a. */
static void smaller_second(pe_set **a, pe_set **b) {
    if ((*b)->used <= (*a)->used) return;
    pe_set *t = *a;
    *a = *b;
    *b = t;
}

/* Intersection of two sets: iterate the smaller, probe the larger. */
static int intersect_sets(pe_state *S, pe_set *a, pe_set *b, pe_set *res) {
    smaller_second(&a, &b);
    size_t pos = 0;
    pe_set_entry *e;
    int r = 0;
    while (!r && (e = next_entry(b, &pos))) {
        pe_set_entry c = *e;
        pe_incref(c.key);
        r = pe_cont_set_contains_h(S, a, c.key, c.hash);
        if (r > 0) r = add_entry(S, res, c.key, c.hash);
        pe_decref(S, c.key);
    }
    return r;
}

static int intersect_iter(pe_state *S, pe_set *s, pe_val other, pe_set *res) {
    pe_val it, key;
    if (pe_iter(S, other, &it)) return -1;
    int r = 0;
    while (r == 0) {
        int n = pe_next(S, it, &key);
        if (n <= 0) {
            r = n;
            break;
        }
        r = intersect_one(S, s, res, key);
        pe_decref(S, key);
    }
    pe_decref(S, it);
    return r < 0 ? -1 : 0;
}

/* set_intersection(so, other) -> new set of so's type. */
static int intersection(pe_state *S, pe_set *s, pe_val other, pe_val *out) {
    if (is_self(s, other)) return set_copy(S, s, out);
    if (make_new_set(S, basetype(s), pe_undef(), out)) return -1;
    int r = pe_is_anyset(other) ? intersect_sets(S, s, PE_SET(other), PE_SET(*out))
                                : intersect_iter(S, s, other, PE_SET(*out));
    return pe_out_done(S, r, out);
}

/* set_difference_update_internal */
static int difference_update(pe_state *S, pe_set *s, pe_val other) {
    if (is_self(s, other)) {
        clear_internal(S, s);
        return 0;
    }
    int r = 0;
    if (pe_is_anyset(other)) {
        pe_val o = other;
        if ((PE_SET(other)->used >> 3) > s->used) {
            if (intersection(S, s, other, &o)) return -1;
        } else {
            pe_incref(o);
        }
        size_t pos = 0;
        pe_set_entry *e;
        while (!r && (e = next_entry(PE_SET(o), &pos))) {
            pe_set_entry c = *e;
            pe_incref(c.key);
            r = discard_entry(S, s, c.key, c.hash) < 0 ? -1 : 0;
            pe_decref(S, c.key);
        }
        pe_decref(S, o);
    } else {
        pe_val it, key;
        if (pe_iter(S, other, &it)) return -1;
        while ((r = pe_next(S, it, &key)) == 1) {
            r = discard_key(S, s, key) < 0 ? -1 : 1;
            pe_decref(S, key);
            if (r < 0) break;
        }
        pe_decref(S, it);
    }
    if (r < 0) return -1;
    if (s->fill - s->used <= s->mask / 4) return 0;
    return table_resize(S, s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

static int copy_and_difference(pe_state *S, pe_set *s, pe_val other, pe_val *out) {
    if (set_copy(S, s, out)) return -1;
    return pe_out_done(S, difference_update(S, PE_SET(*out), other), out);
}

/* set_difference(so, other) */
static int difference(pe_state *S, pe_set *s, pe_val other, pe_val *out) {
    size_t other_size;
    if (pe_is_anyset(other)) other_size = PE_SET(other)->used;
    else if (pe_is_dict(other)) other_size = PE_DICT(other)->used;
    else return copy_and_difference(S, s, other, out);
    if ((s->used >> 2) > other_size) return copy_and_difference(S, s, other, out);
    if (make_new_set(S, basetype(s), pe_undef(), out)) return -1;
    pe_set *res = PE_SET(*out);
    size_t pos = 0;
    pe_set_entry *e;
    int r = 0;
    while (!r && (e = next_entry(s, &pos))) {
        pe_set_entry c = *e;
        pe_val dummy;
        pe_incref(c.key);
        r = pe_is_dict(other) ? pe_cont_dict_get_h(S, PE_DICT(other), c.key, c.hash, &dummy)
                              : pe_cont_set_contains_h(S, PE_SET(other), c.key, c.hash);
        if (r == 0) r = add_entry(S, res, c.key, c.hash);
        else if (r > 0) r = 0;
        pe_decref(S, c.key);
    }
    return pe_out_done(S, r, out);
}

/* set_symmetric_difference_update */
static int symdiff_update(pe_state *S, pe_set *s, pe_val other) {
    if (is_self(s, other)) {
        clear_internal(S, s);
        return 0;
    }
    pe_val o;
    if (pe_is_dict(other)) {
        pe_dict *d = PE_DICT(other);
        for (size_t i = 0; i < d->nentries; i++) {
            pe_dict_entry e = d->entries[i];
            if (e.key.tag == PE_TUNDEF) continue;
            pe_incref(e.key);
            int r = discard_entry(S, s, e.key, e.hash);
            if (r == DISCARD_NOTFOUND) r = add_entry(S, s, e.key, e.hash);
            pe_decref(S, e.key);
            if (r < 0) return -1;
        }
        return 0;
    }
    if (pe_is_anyset(other)) {
        o = other;
        pe_incref(o);
    } else if (make_new_set(S, basetype(s), other, &o)) {
        return -1;
    }
    size_t pos = 0;
    pe_set_entry *e;
    int r = 0;
    while (r >= 0 && (e = next_entry(PE_SET(o), &pos))) {
        pe_set_entry c = *e;
        pe_incref(c.key);
        r = discard_entry(S, s, c.key, c.hash);
        if (r == DISCARD_NOTFOUND) r = add_entry(S, s, c.key, c.hash);
        pe_decref(S, c.key);
    }
    pe_decref(S, o);
    return r < 0 ? -1 : 0;
}

/* set_symmetric_difference: a copy of other (as s's type) updated with s. */
static int symdiff(pe_state *S, pe_set *s, pe_val other, pe_val *out) {
    if (make_new_set(S, basetype(s), other, out)) return -1;
    return pe_out_done(S, symdiff_update(S, PE_SET(*out), pe_obj_val(&s->ob)), out);
}

/* set_issubset: 1/0/-1 */
static int issubset(pe_state *S, pe_set *s, pe_val other) {
    if (!pe_is_anyset(other)) {
        pe_val tmp;
        if (intersection(S, s, other, &tmp)) return -1;
        int r = PE_SET(tmp)->used == s->used;
        pe_decref(S, tmp);
        return r;
    }
    if (s->used > PE_SET(other)->used) return 0;
    size_t pos = 0;
    pe_set_entry *e;
    while ((e = next_entry(s, &pos))) {
        pe_set_entry c = *e;
        pe_incref(c.key);
        int r = pe_cont_set_contains_h(S, PE_SET(other), c.key, c.hash);
        pe_decref(S, c.key);
        if (r <= 0) return r;
    }
    return 1;
}

static int issuperset(pe_state *S, pe_set *s, pe_val other) {
    if (pe_is_anyset(other)) return issubset(S, PE_SET(other), pe_obj_val(&s->ob));
    int r = pe_cont_find_membership(S, other, pe_obj_val(&s->ob), set_contains_slot, 0);
    return r < 0 ? -1 : !r;
}

static int isdisjoint(pe_state *S, pe_set *s, pe_val other) {
    if (is_self(s, other)) return s->used == 0;
    if (pe_is_anyset(other)) {
        pe_set *a = s, *b = PE_SET(other);
        smaller_second(&a, &b);
        size_t pos = 0;
        pe_set_entry *e;
        while ((e = next_entry(b, &pos))) {
            pe_set_entry c = *e;
            pe_incref(c.key);
            int r = pe_cont_set_contains_h(S, a, c.key, c.hash);
            pe_decref(S, c.key);
            if (r) return r < 0 ? -1 : 0;
        }
        return 1;
    }
    int r = pe_cont_find_membership(S, other, pe_obj_val(&s->ob), set_contains_slot, 1);
    return r < 0 ? -1 : !r;
}

/* ------------------------------------------------------------------ */
/* Slots                                                               */
/* ------------------------------------------------------------------ */

static void set_clear_slot(pe_state *S, pe_obj *o) { clear_internal(S, (pe_set *)o); }

static int set_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_set *s = PE_SET(v);
    const char *name = s->ob.type->name;
    bool exact = s->ob.type == &pe_type_set; /* subclasses: S({1, 2}) */
    int st = pe_repr_enter(S, &s->ob);
    if (st) return st < 0 ? -1 : pe_sb_printf(sb, "%s(...)", name);
    int r;
    if (s->used == 0) {
        r = pe_sb_printf(sb, "%s()", name);
    } else {
        r = (!exact && (pe_sb_puts(sb, name) || pe_sb_putc(sb, '('))) || pe_sb_putc(sb, '{');
        size_t pos = 0;
        pe_set_entry *e;
        for (bool first = true; !r && (e = next_entry(s, &pos)); first = false) {
            pe_val k = e->key;
            pe_incref(k);
            r = (!first && pe_sb_putn(sb, ", ", 2)) || pe_repr(S, k, sb);
            pe_decref(S, k);
        }
        if (!r) r = pe_sb_putc(sb, '}') || (!exact && pe_sb_putc(sb, ')'));
    }
    pe_repr_leave(S, &s->ob);
    return r ? -1 : 0;
}

static uint64_t shuffle_bits(uint64_t h) {
    return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

/* frozenset_hash: order-independent xor of shuffled entry hashes. */
static int frozenset_hash(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    pe_set *s = PE_SET(v);
    if (s->hash != -1) {
        *out = s->hash;
        return 0;
    }
    uint64_t hash = 0;
    for (size_t i = 0; i <= s->mask; i++) hash ^= shuffle_bits((uint64_t)s->table[i].hash);
    if ((s->mask + 1 - s->fill) & 1) hash ^= shuffle_bits(0);
    if ((s->fill - s->used) & 1) hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)s->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    s->hash = (int64_t)hash;
    *out = s->hash;
    return 0;
}

static int set_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if (!pe_is_anyset(a) || !pe_is_anyset(b)) return PE_NOTIMPL;
    pe_set *v = PE_SET(a), *w = PE_SET(b);
    int r;
    /* elements compare recursively (nested frozensets) */
    if (cont_enter_recursion(S, " in comparison")) return -1;
    switch (op) {
    case PE_EQ:
    case PE_NE:
        if (v->used != w->used) r = 0;
        else if (v->hash != -1 && w->hash != -1 && v->hash != w->hash) r = 0;
        else r = issubset(S, v, b);
        if (r >= 0 && op == PE_NE) r = !r;
        break;
    case PE_LE: r = issubset(S, v, b); break;
    case PE_GE: r = issuperset(S, v, b); break;
    case PE_LT: r = v->used >= w->used ? 0 : issubset(S, v, b); break;
    default: r = v->used <= w->used ? 0 : issuperset(S, v, b); break;
    }
    cont_leave_recursion(S);
    if (r < 0) return -1;
    *out = pe_bool(r);
    return 0;
}

static int set_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (!pe_is_anyset(a) || !pe_is_anyset(b)) return PE_NOTIMPL;
    pe_set *s = PE_SET(a);
    switch (op) {
    case PE_BO_OR:
        if (set_copy(S, s, out)) return -1;
        return a.u.o == b.u.o ? 0 : pe_out_done(S, update_internal(S, PE_SET(*out), b), out);
    case PE_BO_AND: return intersection(S, s, b, out);
    case PE_BO_SUB: return difference(S, s, b, out);
    case PE_BO_XOR: return symdiff(S, s, b, out);
    default: return PE_NOTIMPL;
    }
}

/* set_swap_bodies: exchange the tables of a and b (smalltables copied). */
static void swap_bodies(pe_set *a, pe_set *b) {
    size_t t;
    t = a->fill, a->fill = b->fill, b->fill = t;
    t = a->used, a->used = b->used, b->used = t;
    t = a->mask, a->mask = b->mask, b->mask = t;
    pe_set_entry *u = a->table == a->smalltable ? b->smalltable : a->table;
    a->table = b->table == b->smalltable ? a->smalltable : b->table;
    b->table = u;
    if (a->table == a->smalltable || b->table == b->smalltable) {
        pe_set_entry tab[PE_SET_MINSIZE];
        memcpy(tab, a->smalltable, sizeof tab);
        memcpy(a->smalltable, b->smalltable, sizeof tab);
        memcpy(b->smalltable, tab, sizeof tab);
    }
    a->hash = b->hash = -1; /* only sets are swapped into */
}

static int intersection_update(pe_state *S, pe_set *s, pe_val other) {
    pe_val tmp;
    if (intersection(S, s, other, &tmp)) return -1;
    swap_bodies(s, PE_SET(tmp));
    pe_decref(S, tmp);
    return 0;
}

int pe_cont_set_inplace(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (!pe_is_anyset(b)) return PE_NOTIMPL;
    pe_set *s = PE_SET(a);
    int r;
    switch (op) {
    case PE_BO_OR: r = update_internal(S, s, b); break;
    case PE_BO_AND: r = intersection_update(S, s, b); break;
    case PE_BO_SUB: r = difference_update(S, s, b); break;
    case PE_BO_XOR: r = symdiff_update(S, s, b); break;
    default: return PE_NOTIMPL;
    }
    if (r) return -1;
    pe_incref(a);
    *out = a;
    return 0;
}

static int set_len(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    *out = (int64_t)PE_SET(v)->used;
    return 0;
}

static int set_iter(pe_state *S, pe_val v, pe_val *out) { return pe_setiter_new(S, PE_SET(v), out); }


/* set(iterable) / frozenset(iterable); frozenset(a frozenset) is itself. */
static int set_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    const pe_type *t = (const pe_type *)callee.u.o;
    if (pe_cont_posargs(S, t->name, t->name, argc, kwnames, 0, 1)) return -1;
    if (t == &pe_type_frozenset && argc == 1 && pe_typeof(argv[0]) == &pe_type_frozenset) {
        pe_incref(argv[0]);
        *out = argv[0];
        return 0;
    }
    return make_new_set(S, t, argc ? argv[0] : pe_undef(), out);
}

/* ------------------------------------------------------------------ */
/* Methods                                                             */
/* ------------------------------------------------------------------ */

#define SET_QUAL(self, m) (is_frozen(PE_SET(self)) ? "frozenset." m : "set." m)

static int ret_none(pe_val *out) {
    *out = pe_none();
    return 0;
}

static int m_add(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                 pe_val *out) {
    if (pe_cont_onearg(S, "set.add", argc, kwnames)) return -1;
    if (pe_set_add(S, self.u.o, argv[0])) return -1;
    return ret_none(out);
}

static int m_remove(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    if (pe_cont_onearg(S, "set.remove", argc, kwnames)) return -1;
    int r = discard_key(S, PE_SET(self), argv[0]);
    if (r < 0) return -1;
    if (r == DISCARD_NOTFOUND) return pe_raise_with_arg(S, PE_EXC(KeyError), argv[0]);
    return ret_none(out);
}

static int m_discard(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    if (pe_cont_onearg(S, "set.discard", argc, kwnames)) return -1;
    if (discard_key(S, PE_SET(self), argv[0]) < 0) return -1;
    return ret_none(out);
}

/* set_pop: scans from the finger, leaving a dummy behind. */
static int m_pop(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                 pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "set.pop", argc, kwnames)) return -1;
    pe_set *s = PE_SET(self);
    if (s->used == 0) return pe_raise(S, PE_EXC(KeyError), "pop from an empty set");
    size_t i = s->finger & s->mask;
    while (!slot_active(&s->table[i])) i = i == s->mask ? 0 : i + 1;
    *out = s->table[i].key;
    s->table[i].key = pe_undef();
    s->table[i].hash = -1;
    s->used--;
    s->finger = i + 1;
    return 0;
}

static int m_clear(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                   pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "set.clear", argc, kwnames)) return -1;
    clear_internal(S, PE_SET(self));
    return ret_none(out);
}

static int m_copy(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                  pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, SET_QUAL(self, "copy"), argc, kwnames)) return -1;
    if (PE_SET(self)->ob.type == &pe_type_frozenset) {
        pe_incref(self);
        *out = self;
        return 0;
    }
    return set_copy(S, PE_SET(self), out);
}

/* union(*others): a copy updated with each other in turn. */
static int m_union(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                   pe_val *out) {
    if (pe_cont_nokw(S, SET_QUAL(self, "union"), kwnames)) return -1;
    if (set_copy(S, PE_SET(self), out)) return -1;
    for (int i = 0; i < argc; i++) {
        if (is_self(PE_SET(self), argv[i])) continue;
        if (pe_out_done(S, update_internal(S, PE_SET(*out), argv[i]), out)) return -1;
    }
    return 0;
}

static int m_intersection(pe_state *S, pe_val self, int argc, const pe_val *argv,
                          pe_obj *kwnames, pe_val *out) {
    if (pe_cont_nokw(S, SET_QUAL(self, "intersection"), kwnames)) return -1;
    if (argc == 0) return set_copy(S, PE_SET(self), out);
    pe_val result = self;
    pe_incref(result);
    for (int i = 0; i < argc; i++) {
        pe_val next;
        int r = intersection(S, PE_SET(result), argv[i], &next);
        pe_decref(S, result);
        if (r) return -1;
        result = next;
    }
    *out = result;
    return 0;
}

static int m_difference(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                        pe_val *out) {
    if (pe_cont_nokw(S, SET_QUAL(self, "difference"), kwnames)) return -1;
    if (argc == 0) return set_copy(S, PE_SET(self), out);
    if (difference(S, PE_SET(self), argv[0], out)) return -1;
    for (int i = 1; i < argc; i++)
        if (pe_out_done(S, difference_update(S, PE_SET(*out), argv[i]), out)) return -1;
    return 0;
}

static int m_symdiff(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    if (pe_cont_onearg(S, SET_QUAL(self, "symmetric_difference"), argc, kwnames)) return -1;
    return symdiff(S, PE_SET(self), argv[0], out);
}

typedef int (*set_op_fn)(pe_state *S, pe_set *s, pe_val other);

/* set.NAME(*others): fn(self, other) for each in turn; None. */
static int update_each(pe_state *S, const char *qual, pe_val self, int argc, const pe_val *argv,
                       pe_obj *kwnames, set_op_fn fn, pe_val *out) {
    if (pe_cont_nokw(S, qual, kwnames)) return -1;
    for (int i = 0; i < argc; i++)
        if (fn(S, PE_SET(self), argv[i])) return -1;
    return ret_none(out);
}

static int m_update(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    return update_each(S, "set.update", self, argc, argv, kwnames, update_internal, out);
}

static int m_intersection_update(pe_state *S, pe_val self, int argc, const pe_val *argv,
                                 pe_obj *kwnames, pe_val *out) {
    pe_val tmp;
    if (m_intersection(S, self, argc, argv, kwnames, &tmp)) return -1;
    swap_bodies(PE_SET(self), PE_SET(tmp));
    pe_decref(S, tmp);
    return ret_none(out);
}

static int m_difference_update(pe_state *S, pe_val self, int argc, const pe_val *argv,
                               pe_obj *kwnames, pe_val *out) {
    return update_each(S, "set.difference_update", self, argc, argv, kwnames, difference_update,
                       out);
}

static int m_symdiff_update(pe_state *S, pe_val self, int argc, const pe_val *argv,
                            pe_obj *kwnames, pe_val *out) {
    if (pe_cont_onearg(S, "set.symmetric_difference_update", argc, kwnames)) return -1;
    if (symdiff_update(S, PE_SET(self), argv[0])) return -1;
    return ret_none(out);
}

/* A predicate method of one argument: fn gives 1/0/-1; a bool. */
static int bool_method(pe_state *S, const char *qual, pe_val self, int argc, const pe_val *argv,
                       pe_obj *kwnames, set_op_fn fn, pe_val *out) {
    if (pe_cont_onearg(S, qual, argc, kwnames)) return -1;
    int r = fn(S, PE_SET(self), argv[0]);
    if (r < 0) return -1;
    *out = pe_bool(r);
    return 0;
}

static int m_issubset(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out) {
    return bool_method(S, SET_QUAL(self, "issubset"), self, argc, argv, kwnames, issubset, out);
}

static int m_issuperset(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                        pe_val *out) {
    return bool_method(S, SET_QUAL(self, "issuperset"), self, argc, argv, kwnames, issuperset,
                       out);
}

static int m_isdisjoint(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                        pe_val *out) {
    return bool_method(S, SET_QUAL(self, "isdisjoint"), self, argc, argv, kwnames, isdisjoint,
                       out);
}

/* The methods frozenset has; set adds the mutating ones. */
#define FROZENSET_METHODS                                                                   \
    PE_METHOD("copy", m_copy), PE_METHOD("union", m_union),                                 \
    PE_METHOD("intersection", m_intersection), PE_METHOD("difference", m_difference),       \
    PE_METHOD("symmetric_difference", m_symdiff), PE_METHOD("issubset", m_issubset),        \
    PE_METHOD("issuperset", m_issuperset), PE_METHOD("isdisjoint", m_isdisjoint)

static const pe_cfunc set_methods[] = {
    PE_METHOD("add", m_add),
    PE_METHOD("remove", m_remove),
    PE_METHOD("discard", m_discard),
    PE_METHOD("pop", m_pop),
    PE_METHOD("clear", m_clear),
    PE_METHOD("update", m_update),
    PE_METHOD("intersection_update", m_intersection_update),
    PE_METHOD("difference_update", m_difference_update),
    PE_METHOD("symmetric_difference_update", m_symdiff_update),
    FROZENSET_METHODS,
    PE_METHOD_END,
};

static const pe_cfunc frozenset_methods[] = {
    FROZENSET_METHODS,
    PE_METHOD_END,
};

/* set and frozenset differ in hash and methods only. */
#define SET_SLOTS                                                                        \
    PE_DEALLOC_CLEARED(pe_set), .clear = set_clear_slot, .repr = set_repr,               \
    .richcmp = set_richcmp, .binop = set_binop, .len = set_len, .iter = set_iter,        \
    .contains = set_contains_slot, .call = set_call

const pe_type pe_type_set = PE_TYPE("set", SET, SET_SLOTS, .methods = set_methods);

const pe_type pe_type_frozenset =
    PE_TYPE("frozenset", FROZENSET, SET_SLOTS, .hash = frozenset_hash, .methods = frozenset_methods);

/* ------------------------------------------------------------------ */
/* Entry points for the dict views (iter.c)                            */
/* ------------------------------------------------------------------ */

int pe_cont_set_intersection(pe_state *S, pe_set *s, pe_val other, pe_val *out) {
    return intersection(S, s, other, out);
}

int pe_cont_set_update_op(pe_state *S, pe_set *s, int op, pe_val other) {
    switch (op) {
    case PE_BO_OR: return update_internal(S, s, other);
    case PE_BO_SUB: return difference_update(S, s, other);
    default: return symdiff_update(S, s, other);
    }
}

/* The constant CPython's compiler makes for a display of n > 2 constants
 * ({-1, -2, 100, 7}, `for x in {...}`, `x in {...}`): frozenset(items),
 * then rebuilt from its own iteration order by merge_consts_recursive.
 * The table layout, hence iteration order, differs from adding the items
 * one by one; a set display is then set() updated from this frozenset. */
int pe_set_const_frozenset(pe_state *S, const pe_val *items, size_t n, pe_val *out) {
    pe_val t1, f1, t2;
    if (pe_tuple_pack(S, n, items, &t1)) return -1;
    int r = make_new_set(S, &pe_type_frozenset, t1, &f1);
    pe_decref(S, t1);
    if (r) return -1;
    r = pe_tuple_from_iter(S, f1, &t2);
    pe_decref(S, f1);
    if (r) return -1;
    r = make_new_set(S, &pe_type_frozenset, t2, out);
    pe_decref(S, t2);
    return r;
}
