/*
 * dict.c - insertion-ordered hash table with CPython's compact layout.
 *
 * Layout: one pe_mem block holds the index table (2**k int64 slots: -1
 * empty, -2 dummy, else an entry number) followed by the entries array
 * (capacity USABLE_FRACTION(2**k)). An empty dict owns no block.
 *
 * Invariants (mirroring dictobject.c so mutation during iteration behaves
 * like CPython's): entries[0..nentries) are in insertion order, deleted ones
 * have key PE_TUNDEF; used = live entries; usable = entries that may still be
 * appended; a resize happens only when usable is 0 and compacts the entries
 * into a table of the smallest 2**k >= used*3 (min 8).
 */
#include "cont_internal.h"
#include "pe_class.h"

#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
#define PERTURB_SHIFT 5
#define LOG_MINSIZE 3
#define USABLE_FRACTION(n) (((n) << 1) / 3)

/* ------------------------------------------------------------------ */
/* Hashing and table allocation                                        */
/* ------------------------------------------------------------------ */

int pe_cont_hash(pe_state *S, pe_val key, int64_t *out) {
    if (key.tag == PE_TINT) {
        *out = pe_small_int_hash(key.u.i);
        return 0;
    }
    if (pe_is_str(key) && PE_STR(key)->hash != -1) {
        *out = PE_STR(key)->hash;
        return 0;
    }
    return pe_hash(S, key, out);
}

static size_t dk_size(const pe_dict *d) { return d->index ? d->mask + 1 : 1; }

static size_t block_bytes(size_t size) {
    return size * sizeof(int64_t) + USABLE_FRACTION(size) * sizeof(pe_dict_entry);
}

static void free_table(pe_state *S, int64_t *index, size_t size) {
    if (index) pe_mem_free(S, index, block_bytes(size));
}

/* Smallest 2**k >= minsize, k >= 3; 0 when impossible. */
static size_t keysize_for(size_t minsize) {
    size_t size = (size_t)1 << LOG_MINSIZE;
    while (size < minsize) {
        if (size > SIZE_MAX / 2 / sizeof(pe_dict_entry)) return 0;
        size <<= 1;
    }
    return size;
}

/* estimate_log2_keysize: a table that can hold n entries without resizing. */
static size_t estimate_keysize(size_t n) { return keysize_for((n * 3 + 1) / 2); }

/* Allocates an empty table of `size` slots into *index / *entries. */
static int alloc_table(pe_state *S, size_t size, int64_t **index, pe_dict_entry **entries) {
    if (size == 0) return pe_raise_nomem(S);
    int64_t *block = pe_mem_alloc(S, block_bytes(size));
    if (!block) return -1;
    for (size_t i = 0; i < size; i++) block[i] = DKIX_EMPTY;
    *index = block;
    *entries = (pe_dict_entry *)(block + size);
    return 0;
}

/* CPython's probe sequence over an index of mask + 1 slots:
 * `for (probe p = probe_first(hash, mask);; probe_next(&p))` visits p.i. */
typedef struct probe {
    size_t i, perturb, mask;
} probe;
static inline probe probe_first(int64_t hash, size_t mask) {
    probe p = {(size_t)hash & mask, (size_t)hash, mask};
    return p;
}
static inline void probe_next(probe *p) {
    p->perturb >>= PERTURB_SHIFT;
    p->i = (p->i * 5 + p->perturb + 1) & p->mask;
}

/* First slot of the probe sequence for hash that holds no live entry. */
static size_t find_empty_slot(const int64_t *index, size_t mask, int64_t hash) {
    probe p = probe_first(hash, mask);
    while (index[p.i] >= 0) probe_next(&p);
    return p.i;
}

/* dictresize: move the live entries, in order, into a table of newsize. */
static int dict_resize(pe_state *S, pe_dict *d, size_t newsize) {
    int64_t *index = NULL;
    pe_dict_entry *entries = NULL;
    if (alloc_table(S, newsize, &index, &entries)) return -1;
    size_t j = 0, mask = newsize - 1;
    for (size_t i = 0; i < d->nentries; i++) {
        if (d->entries[i].key.tag == PE_TUNDEF) continue;
        entries[j] = d->entries[i];
        index[find_empty_slot(index, mask, entries[j].hash)] = (int64_t)j;
        j++;
    }
    free_table(S, d->index, dk_size(d));
    d->index = index;
    d->entries = entries;
    d->mask = mask;
    d->cap = USABLE_FRACTION(newsize);
    d->nentries = j;
    d->usable = d->cap - j;
    return 0;
}

int pe_dict_new(pe_state *S, pe_val *out) {
    pe_dict *d = (pe_dict *)pe_obj_new(S, &pe_type_dict, sizeof(pe_dict));
    if (!d) return -1;
    d->used = d->nentries = d->cap = d->usable = d->mask = 0;
    d->index = NULL;
    d->entries = NULL;
    d->version = 0;
    *out = pe_obj_val(&d->ob);
    return 0;
}

/* _PyDict_NewPresized: room for n entries (only beyond 5, at most 2**17). */
int pe_dict_new_presized(pe_state *S, size_t n, pe_val *out) {
    if (pe_dict_new(S, out)) return -1;
    if (n <= USABLE_FRACTION((size_t)8)) return 0;
    size_t size = n > USABLE_FRACTION((size_t)1 << 17) ? (size_t)1 << 17 : estimate_keysize(n);
    if (dict_resize(S, PE_DICT(*out), size)) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Lookup, insert, delete                                              */
/* ------------------------------------------------------------------ */

/* Key equality after a hash match: identity, str bytes, then ==. */
static int keys_equal(pe_state *S, pe_val a, pe_val b) {
    if (pe_is(a, b)) return 1;
    if (pe_is_str(a) && pe_is_str(b)) return pe_str_eq(PE_STR(a), PE_STR(b));
    return cont_eq(S, a, b);
}

/* Entry number of key in d (DKIX_EMPTY when missing) and, when slot is not
 * NULL, the index slot that refers to it. Restarts if a comparison changed
 * the table. */
static int lookup(pe_state *S, pe_dict *d, pe_val key, int64_t hash, int64_t *ix, size_t *slot) {
restart:
    if (!d->index) {
        *ix = DKIX_EMPTY;
        return 0;
    }
    for (probe p = probe_first(hash, d->mask);; probe_next(&p)) {
        size_t i = p.i;
        int64_t e = d->index[i];
        if (e == DKIX_EMPTY) break;
        if (e >= 0) {
            pe_dict_entry *ep = &d->entries[e];
            if (ep->hash == hash) {
                pe_val k = ep->key;
                if (k.tag == key.tag && k.u.i == key.u.i) { /* `is` (same bits): no == */
                    *ix = e;
                    if (slot) *slot = i;
                    return 0;
                }
                uint64_t version = d->version;
                pe_incref(k);
                int c = keys_equal(S, k, key);
                pe_decref(S, k);
                if (c < 0) return -1;
                if (d->version != version || d->index[i] != e) goto restart;
                if (c) {
                    *ix = e;
                    if (slot) *slot = i;
                    return 0;
                }
            }
        }
    }
    *ix = DKIX_EMPTY;
    return 0;
}

/* d[key] for a str key, comparing str keys only (no Python code runs, no
 * state needed): the attribute lookups of classes and instances. Borrowed
 * value or UNDEF. */
pe_val pe_dict_get_str(pe_dict *d, pe_str *key) {
    if (!d->index) return pe_undef();
    int64_t hash = pe_str_hash(key);
    for (probe p = probe_first(hash, d->mask);; probe_next(&p)) {
        int64_t e = d->index[p.i];
        if (e == DKIX_EMPTY) break;
        if (e >= 0) {
            pe_dict_entry *ep = &d->entries[e];
            if (ep->hash == hash && pe_is_str(ep->key) &&
                (PE_STR(ep->key) == key || pe_str_eq(PE_STR(ep->key), key)))
                return ep->value;
        }
    }
    return pe_undef();
}

int pe_cont_dict_get_h(pe_state *S, pe_dict *d, pe_val key, int64_t hash, pe_val *out) {
    int64_t ix;
    if (lookup(S, d, key, hash, &ix, NULL)) return -1;
    if (ix < 0) return 0;
    *out = d->entries[ix].value;
    return 1;
}

int pe_dict_get(pe_state *S, pe_dict *d, pe_val key, pe_val *out) {
    int64_t hash;
    if (pe_cont_hash(S, key, &hash)) return -1;
    return pe_cont_dict_get_h(S, d, key, hash, out);
}

/* insertdict: set key (borrowed) to value (borrowed) with a known hash. */
static int insert_h(pe_state *S, pe_dict *d, pe_val key, int64_t hash, pe_val value) {
    int64_t ix;
    if (lookup(S, d, key, hash, &ix, NULL)) return -1;
    pe_incref(value);
    if (ix >= 0) {
        pe_val old = d->entries[ix].value;
        d->entries[ix].value = value;
        d->version++;
        pe_decref(S, old);
        return 0;
    }
    if (d->usable == 0 && dict_resize(S, d, keysize_for(d->used * 3))) {
        pe_decref(S, value);
        return -1;
    }
    pe_incref(key);
    size_t e = d->nentries;
    d->index[find_empty_slot(d->index, d->mask, hash)] = (int64_t)e;
    d->entries[e].hash = hash;
    d->entries[e].key = key;
    d->entries[e].value = value;
    d->nentries++;
    d->usable--;
    d->used++;
    d->version++;
    return 0;
}

int pe_dict_set(pe_state *S, pe_dict *d, pe_val key, pe_val value) {
    int64_t hash;
    if (pe_cont_hash(S, key, &hash)) return -1;
    return insert_h(S, d, key, hash, value);
}

/* Removes entry ix (found at index slot `slot`); releases key and value
 * into *key / *value (new references the caller must drop). */
static void remove_entry(pe_dict *d, int64_t ix, size_t slot, pe_val *key, pe_val *value) {
    pe_dict_entry *ep = &d->entries[ix];
    d->index[slot] = DKIX_DUMMY;
    *key = ep->key;
    *value = ep->value;
    ep->key = ep->value = pe_undef();
    d->used--;
    d->version++;
}

/* Pops key: 1 and *value (new reference) when present, 0 when missing. */
static int pop_h(pe_state *S, pe_dict *d, pe_val key, int64_t hash, pe_val *value) {
    int64_t ix;
    size_t slot;
    if (lookup(S, d, key, hash, &ix, &slot)) return -1;
    if (ix < 0) return 0;
    pe_val k;
    remove_entry(d, ix, slot, &k, value);
    pe_decref(S, k);
    return 1;
}

int pe_dict_del(pe_state *S, pe_dict *d, pe_val key) {
    int64_t hash;
    pe_val v;
    if (pe_cont_hash(S, key, &hash)) return -1;
    int r = pop_h(S, d, key, hash, &v);
    if (r == 1) pe_decref(S, v);
    return r;
}

int pe_dict_next(pe_dict *d, size_t *pos, pe_val *key, pe_val *value) {
    size_t i = *pos;
    while (i < d->nentries && d->entries[i].key.tag == PE_TUNDEF) i++;
    if (i >= d->nentries) return 0;
    if (key) *key = d->entries[i].key;
    if (value) *value = d->entries[i].value;
    *pos = i + 1;
    return 1;
}

/* Drops every entry and the table (dict.clear(), the clear slot). */
static void dict_clear_all(pe_state *S, pe_dict *d) {
    int64_t *index = d->index;
    pe_dict_entry *entries = d->entries;
    size_t n = d->nentries, size = dk_size(d);
    d->index = NULL;
    d->entries = NULL;
    d->used = d->nentries = d->cap = d->usable = d->mask = 0;
    d->version++;
    for (size_t i = 0; i < n; i++) {
        pe_decref(S, entries[i].key);
        pe_decref(S, entries[i].value);
    }
    free_table(S, index, size);
}

/* ------------------------------------------------------------------ */
/* Merging and copying                                                 */
/* ------------------------------------------------------------------ */

/* clone_combined_dict_keys: an exact copy of o's table (holes included)
 * into the empty dict d. */
static int clone_into(pe_state *S, pe_dict *d, const pe_dict *o) {
    size_t size = o->mask + 1;
    int64_t *index = NULL;
    pe_dict_entry *entries = NULL;
    if (alloc_table(S, size, &index, &entries)) return -1;
    memcpy(index, o->index, size * sizeof(int64_t));
    memcpy(entries, o->entries, o->nentries * sizeof(pe_dict_entry));
    for (size_t i = 0; i < o->nentries; i++) {
        pe_incref(entries[i].key);
        pe_incref(entries[i].value);
    }
    d->index = index;
    d->entries = entries;
    d->mask = o->mask;
    d->cap = o->cap;
    d->nentries = o->nentries;
    d->usable = o->usable;
    d->used = o->used;
    d->version++;
    return 0;
}

/* dict_merge(d, o, override=1) for a dict o. */
/* A merge's "d[k] = v". With dup (the ** of a call), a key d already has is
 * not set: 1 with *dup = k (a new reference). 0 set, -1 error. */
static int merge_one(pe_state *S, pe_dict *d, pe_val k, pe_val v, pe_val *dup) {
    if (dup) {
        int64_t hash, ix;
        if (pe_cont_hash(S, k, &hash) || lookup(S, d, k, hash, &ix, NULL)) return -1;
        if (ix >= 0) {
            pe_incref(*dup = k);
            return 1;
        }
    }
    return pe_dict_set(S, d, k, v);
}

static int merge_dict(pe_state *S, pe_dict *d, pe_dict *o, pe_val *dup) {
    if (o == d || o->used == 0) return 0;
    if (d->used == 0 && o->used == o->nentries &&
        (o->mask + 1 == 8 || USABLE_FRACTION((o->mask + 1) / 2) < o->used)) {
        if (d->index) dict_clear_all(S, d);
        return clone_into(S, d, o);
    }
    if (USABLE_FRACTION(dk_size(d)) < o->used &&
        dict_resize(S, d, estimate_keysize(d->used + o->used)))
        return -1;
    uint64_t version = o->version;
    for (size_t i = 0; i < o->nentries; i++) {
        pe_dict_entry e = o->entries[i];
        if (e.key.tag == PE_TUNDEF) continue;
        pe_incref(e.key);
        pe_incref(e.value);
        int r = dup ? merge_one(S, d, e.key, e.value, dup) : insert_h(S, d, e.key, e.hash, e.value);
        pe_decref(S, e.key);
        pe_decref(S, e.value);
        if (r) return r;
        if (o->version != version)
            return pe_raise(S, PE_EXC(RuntimeError), "dict mutated during update");
    }
    return 0;
}

/* PyDict_MergeFromSeq2: an iterable of 2-item iterables. */
static int merge_pairs(pe_state *S, pe_dict *d, pe_val seq) {
    pe_val it, item;
    if (pe_iter(S, seq, &it)) return -1;
    int r;
    for (size_t n = 0; (r = pe_next(S, it, &item)) == 1; n++) {
        pe_val pair;
        r = pe_is_tuple(item) || pe_is_list(item) ? (pe_incref(item), pair = item, 0)
                                                  : pe_list_from_iter(S, item, &pair);
        pe_decref(S, item);
        if (r) {
            if (pe_exc_matches(S, PE_EXC(TypeError))) {
                pe_exc_clear(S);
                pe_raise(S, PE_EXC(TypeError),
                         "cannot convert dictionary update sequence element #%zu to a sequence", n);
            }
            break;
        }
        const pe_val *pv = pe_is_tuple(pair) ? PE_TUPLE(pair)->items : PE_LIST(pair)->items;
        size_t len = pe_is_tuple(pair) ? PE_TUPLE(pair)->n : PE_LIST(pair)->n;
        if (len != 2) {
            r = pe_raise(S, PE_EXC(ValueError),
                         "dictionary update sequence element #%zu has length %zu; 2 is required",
                         n, len);
        } else {
            pe_val k = pv[0], v = pv[1];
            pe_incref(k);
            pe_incref(v);
            r = pe_dict_set(S, d, k, v);
            pe_decref(S, k);
            pe_decref(S, v);
        }
        pe_decref(S, pair);
        if (r) break;
    }
    pe_decref(S, it);
    return r < 0 ? -1 : 0;
}

/* PyDict_Merge for a non-dict mapping: an instance of a class with a keys()
 * method (collections.ChainMap, UserDict, user mappings) is merged as
 * d[k] = o[k] for k in o.keys(), as CPython's dict(o) / d.update(o). */
static int merge_keys(pe_state *S, pe_dict *d, pe_val o, pe_val keysfn, pe_val *dup) {
    pe_val keys, it, k, v;
    int r = pe_call(S, keysfn, 0, NULL, NULL, &keys);
    if (r) return -1;
    r = pe_iter(S, keys, &it);
    pe_decref(S, keys);
    if (r) return -1;
    while ((r = pe_next(S, it, &k)) == 1) {
        r = pe_getitem(S, o, k, &v);
        if (r == 0) {
            r = merge_one(S, d, k, v, dup);
            pe_decref(S, v);
        }
        pe_decref(S, k);
        if (r) break;
    }
    pe_decref(S, it);
    return r < 0 ? -1 : r;
}

int pe_dict_merge(pe_state *S, pe_dict *d, pe_val other, pe_val *dup) {
    if (pe_is_dict(other)) return merge_dict(S, d, PE_DICT(other), dup);
    if (other.tag == PE_TOBJ && pe_is_heaptype(other.u.o->type)) {
        pe_val name, keysfn;
        if (pe_str_from_cstr(S, "keys", &name)) return -1;
        int r = pe_getattr(S, other, name.u.o, &keysfn);
        pe_decref(S, name);
        if (r == 0) {
            r = merge_keys(S, d, other, keysfn, dup);
            pe_decref(S, keysfn);
            return r;
        }
        if (!pe_exc_matches(S, PE_EXC(AttributeError))) return -1;
        pe_exc_clear(S);
    }
    return merge_pairs(S, d, other);
}

int pe_dict_update(pe_state *S, pe_dict *d, pe_val other) { return pe_dict_merge(S, d, other, NULL); }

/* PyDict_Copy: a fast clone when the table is compact enough. */
int pe_dict_copy(pe_state *S, pe_dict *d, pe_val *out) {
    if (pe_dict_new(S, out)) return -1;
    if (d->used == 0) return 0;
    int r = d->used >= (d->nentries * 2) / 3 ? clone_into(S, PE_DICT(*out), d)
                                             : merge_dict(S, PE_DICT(*out), d, NULL);
    if (r) pe_decref(S, *out);
    return r;
}

/* Keyword arguments (names from kwnames, values the last nkw of argv). */
static int merge_kwargs(pe_state *S, pe_dict *d, int argc, const pe_val *argv, pe_obj *kwnames) {
    size_t nkw = cont_nkw(kwnames);
    for (size_t i = 0; i < nkw; i++)
        if (pe_dict_set(S, d, ((pe_tuple *)kwnames)->items[i], argv[(size_t)argc - nkw + i]))
            return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Slots                                                               */
/* ------------------------------------------------------------------ */

static void dict_clear_slot(pe_state *S, pe_obj *o) { dict_clear_all(S, (pe_dict *)o); }

/* Appends "k: v, ..." of the live entries (also used by the items view). */
static int repr_entries(pe_state *S, pe_dict *d, pe_sb *sb) {
    bool first = true;
    for (size_t i = 0; i < d->nentries; i++) {
        pe_dict_entry e = d->entries[i];
        if (e.key.tag == PE_TUNDEF) continue;
        if (!first && pe_sb_putn(sb, ", ", 2)) return -1;
        first = false;
        pe_incref(e.key);
        pe_incref(e.value);
        int r = pe_repr(S, e.key, sb) || pe_sb_putn(sb, ": ", 2) || pe_repr(S, e.value, sb);
        pe_decref(S, e.key);
        pe_decref(S, e.value);
        if (r) return -1;
    }
    return 0;
}

static int dict_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_dict *d = PE_DICT(v);
    int st = pe_repr_enter(S, &d->ob);
    if (st) return st < 0 ? -1 : pe_sb_puts(sb, "{...}");
    int r = pe_sb_putc(sb, '{') || repr_entries(S, d, sb) || pe_sb_putc(sb, '}');
    pe_repr_leave(S, &d->ob);
    return r ? -1 : 0;
}

/* dict_equal: same size, and every key of a maps to an equal value in b. */
static int dict_equal(pe_state *S, pe_dict *a, pe_dict *b) {
    if (a->used != b->used) return 0;
    for (size_t i = 0; i < a->nentries; i++) {
        pe_dict_entry e = a->entries[i];
        if (e.key.tag == PE_TUNDEF) continue;
        pe_val bv;
        pe_incref(e.key);
        pe_incref(e.value);
        int r = pe_cont_dict_get_h(S, b, e.key, e.hash, &bv);
        if (r == 1) {
            pe_incref(bv);
            r = cont_eq(S, e.value, bv);
            pe_decref(S, bv);
        }
        pe_decref(S, e.key);
        pe_decref(S, e.value);
        if (r <= 0) return r;
        if (i >= a->nentries) break;
    }
    return 1;
}

static int dict_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if (!pe_is_dict(a) || !pe_is_dict(b) || (op != PE_EQ && op != PE_NE)) return PE_NOTIMPL;
    if (cont_enter_recursion(S, " in comparison")) return -1;
    int r = dict_equal(S, PE_DICT(a), PE_DICT(b));
    cont_leave_recursion(S);
    if (r < 0) return -1;
    *out = pe_bool((r == 1) == (op == PE_EQ));
    return 0;
}

/* d | other: a copy of d updated with other (both dicts). */
static int dict_binop(pe_state *S, int op, pe_val a, pe_val b, pe_val *out) {
    if (op != PE_BO_OR || !pe_is_dict(a) || !pe_is_dict(b)) return PE_NOTIMPL;
    if (pe_dict_copy(S, PE_DICT(a), out)) return -1;
    if (merge_dict(S, PE_DICT(*out), PE_DICT(b), NULL)) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

int pe_cont_dict_ior(pe_state *S, pe_val a, pe_val b, pe_val *out) {
    if (pe_dict_update(S, PE_DICT(a), b)) return -1;
    pe_incref(a);
    *out = a;
    return 0;
}

static int dict_len(pe_state *S, pe_val v, int64_t *out) {
    (void)S;
    *out = (int64_t)PE_DICT(v)->used;
    return 0;
}

static int dict_iter(pe_state *S, pe_val v, pe_val *out) {
    return pe_dictiter_new(S, &pe_type_dict_keyiterator, PE_DICT(v), out);
}

static int dict_getitem(pe_state *S, pe_val v, pe_val key, pe_val *out) {
    int r = pe_dict_get(S, PE_DICT(v), key, out);
    if (r < 0) return -1;
    if (r == 0) return pe_raise_with_arg(S, PE_EXC(KeyError), key);
    pe_incref(*out);
    return 0;
}

static int dict_setitem(pe_state *S, pe_val v, pe_val key, pe_val val) {
    if (val.tag != PE_TUNDEF) return pe_dict_set(S, PE_DICT(v), key, val);
    int r = pe_dict_del(S, PE_DICT(v), key);
    if (r == 0) return pe_raise_with_arg(S, PE_EXC(KeyError), key);
    return r < 0 ? -1 : 0;
}

static int dict_contains(pe_state *S, pe_val v, pe_val x) {
    pe_val dummy;
    return pe_dict_get(S, PE_DICT(v), x, &dummy);
}

/* dict() / dict(mapping_or_pairs) / dict(..., **kw) */
static int dict_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    if (pe_cont_type_call_check(S, callee)) return -1;
    int npos = argc - (int)cont_nkw(kwnames);
    if (npos > 1) return pe_raise(S, PE_EXC(TypeError), "dict expected at most 1 argument, got %d", npos);
    if (pe_dict_new(S, out)) return -1;
    if ((npos == 1 && pe_dict_update(S, PE_DICT(*out), argv[0])) ||
        merge_kwargs(S, PE_DICT(*out), argc, argv, kwnames)) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Methods                                                             */
/* ------------------------------------------------------------------ */

/* keys() / values() / items(): a view of type t. */
/* dict.keys() / dict.values() / dict.items(): a view of the dict */
#define VIEW_METHOD(name)                                                                          \
    static int m_##name(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames, \
                        pe_val *out) {                                                             \
        (void)argv;                                                                                \
        if (pe_cont_noargs(S, "dict." #name, argc, kwnames)) return -1;                            \
        return pe_dictview_new(S, &pe_type_dict_##name, PE_DICT(self), out);                       \
    }
VIEW_METHOD(keys)
VIEW_METHOD(values)
VIEW_METHOD(items)
#undef VIEW_METHOD

static int m_get(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                 pe_val *out) {
    if (pe_cont_posargs(S, "dict.get", "get", argc, kwnames, 1, 2)) return -1;
    int r = pe_dict_get(S, PE_DICT(self), argv[0], out);
    if (r < 0) return -1;
    if (r == 0) *out = argc > 1 ? argv[1] : pe_none();
    pe_incref(*out);
    return 0;
}

static int m_pop(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                 pe_val *out) {
    if (pe_cont_posargs(S, "dict.pop", "pop", argc, kwnames, 1, 2)) return -1;
    pe_dict *d = PE_DICT(self);
    int64_t hash;
    int r = d->used == 0 ? 0 : pe_cont_hash(S, argv[0], &hash) ? -1 : pop_h(S, d, argv[0], hash, out);
    if (r != 0) return r < 0 ? -1 : 0;
    if (argc < 2) return pe_raise_with_arg(S, PE_EXC(KeyError), argv[0]);
    pe_incref(argv[1]);
    *out = argv[1];
    return 0;
}

static int m_popitem(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "dict.popitem", argc, kwnames)) return -1;
    pe_dict *d = PE_DICT(self);
    if (d->used == 0) return pe_raise(S, PE_EXC(KeyError), "popitem(): dictionary is empty");
    if (pe_tuple_new(S, 2, out)) return -1;
    size_t i = d->nentries - 1;
    while (d->entries[i].key.tag == PE_TUNDEF) i--;
    probe p = probe_first(d->entries[i].hash, d->mask);
    while (d->index[p.i] != (int64_t)i) probe_next(&p);
    pe_tuple *t = PE_TUPLE(*out);
    remove_entry(d, (int64_t)i, p.i, &t->items[0], &t->items[1]);
    d->nentries = i; /* usable is not given back: the slot is a dummy now */
    return 0;
}

static int m_setdefault(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                        pe_val *out) {
    if (pe_cont_posargs(S, "dict.setdefault", "setdefault", argc, kwnames, 1, 2)) return -1;
    pe_dict *d = PE_DICT(self);
    pe_val dflt = argc > 1 ? argv[1] : pe_none();
    int64_t hash;
    if (pe_cont_hash(S, argv[0], &hash)) return -1;
    int r = pe_cont_dict_get_h(S, d, argv[0], hash, out);
    if (r < 0) return -1;
    if (r == 0) {
        if (insert_h(S, d, argv[0], hash, dflt)) return -1;
        *out = dflt;
    }
    pe_incref(*out);
    return 0;
}

static int m_update(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    int npos = argc - (int)cont_nkw(kwnames);
    if (npos > 1)
        return pe_raise(S, PE_EXC(TypeError), "update expected at most 1 argument, got %d", npos);
    if (npos == 1 && pe_dict_update(S, PE_DICT(self), argv[0])) return -1;
    if (merge_kwargs(S, PE_DICT(self), argc, argv, kwnames)) return -1;
    *out = pe_none();
    return 0;
}

static int m_copy(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                  pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "dict.copy", argc, kwnames)) return -1;
    return pe_dict_copy(S, PE_DICT(self), out);
}

static int m_clear(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                   pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "dict.clear", argc, kwnames)) return -1;
    dict_clear_all(S, PE_DICT(self));
    *out = pe_none();
    return 0;
}

/* dict.fromkeys(iterable, value=None): works on the type or an instance. */
static int m_fromkeys(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames,
                      pe_val *out) {
    (void)self;
    if (pe_cont_posargs(S, "fromkeys", "fromkeys", argc, kwnames, 1, 2)) return -1;
    pe_val value = argc > 1 ? argv[1] : pe_none();
    pe_val src = argv[0];
    size_t hint = pe_is_dict(src) ? PE_DICT(src)->used : pe_is_anyset(src) ? PE_SET(src)->used : 0;
    if (pe_dict_new(S, out)) return -1;
    pe_dict *d = PE_DICT(*out);
    int r = hint ? dict_resize(S, d, estimate_keysize(hint)) : 0;
    pe_val it = pe_undef(), k;
    if (!r) r = pe_iter(S, src, &it);
    while (!r && (r = pe_next(S, it, &k)) == 1) {
        r = pe_dict_set(S, d, k, value);
        pe_decref(S, k);
    }
    pe_decref(S, it);
    if (r < 0) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

static const pe_cfunc dict_methods[] = {
    PE_METHOD("keys", m_keys),
    PE_METHOD("values", m_values),
    PE_METHOD("items", m_items),
    PE_METHOD("get", m_get),
    PE_METHOD("pop", m_pop),
    PE_METHOD("popitem", m_popitem),
    PE_METHOD("setdefault", m_setdefault),
    PE_METHOD("update", m_update),
    PE_METHOD("copy", m_copy),
    PE_METHOD("clear", m_clear),
    PE_METHOD("fromkeys", m_fromkeys),
    PE_METHOD_END,
};

const pe_type pe_type_dict = PE_TYPE("dict", DICT,
    PE_DEALLOC_CLEARED(pe_dict),
    .clear = dict_clear_slot,
    .repr = dict_repr,
    .richcmp = dict_richcmp,
    .binop = dict_binop,
    .len = dict_len,
    .iter = dict_iter,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .contains = dict_contains,
    .call = dict_call,
    .methods = dict_methods,
);
