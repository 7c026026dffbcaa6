/*
 * cache.c - the compile cache (pe_cache, pyexpr.h; design in docs/cache.md).
 *
 * Key: (source bytes, mode, filename). A seeded 64-bit hash (wyhash-style
 * multiply-fold mixing, written here) selects a chain in a power-of-two
 * bucket array; an entry matches only if hash, mode, lengths and every byte
 * of source and filename are equal, so a collision costs a comparison,
 * never a wrong program.
 *
 * Entries sit on a doubly linked LRU list: a hit moves its entry to the
 * most-recent end, eviction unlinks the least-recent end - both O(1). Bounds:
 * entry count and bytes (code->bytes + entry overhead; negative entries:
 * their copied key and message).
 *
 * Concurrency: one mutex guards the table, the list and the counters. The
 * key is hashed before taking it and compiling happens without it; a miss
 * compiles, then inserts under the lock - if another thread inserted the
 * same key meanwhile, its entry wins and our code is released. The cache
 * holds one reference per positive entry; a hit retains the code under the
 * lock, so an eviction racing with the caller only drops the cache's
 * reference. Codes and error records of evicted entries are released after
 * the lock is dropped (freeing a code is not O(1)).
 *
 * Negative entries: a compile that failed with a SyntaxError-family
 * exception (deterministic for the key) is stored as a small refcounted
 * record (type, message, filename, text line, location); a hit re-raises an
 * equivalent exception in the caller's state. MemoryError/LimitError (state
 * dependent) are never cached.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "pe_vm.h"

#define CACHE_DEFAULT_ENTRIES 1024
#define CACHE_DEFAULT_BYTES ((size_t)64 << 20)
#define CACHE_MIN_BUCKETS 64

/* ------------------------------------------------------------------ */
/* Hashing                                                             */
/* ------------------------------------------------------------------ */

static const uint64_t K0 = 0xa0761d6478bd642full, K1 = 0xe7037ed1a0b428dbull,
                      K2 = 0x8ebc6af09c88c6e3ull, K3 = 0x589965cc75374cc3ull;

/* 64x64 -> 128-bit multiply; returns the low half in *a, high in *b. */
static inline void mul128(uint64_t *a, uint64_t *b) {
#ifdef __SIZEOF_INT128__
    __extension__ unsigned __int128 r = (unsigned __int128)*a * *b;
    *a = (uint64_t)r;
    *b = (uint64_t)(r >> 64);
#else
    uint64_t ha = *a >> 32, hb = *b >> 32, la = (uint32_t)*a, lb = (uint32_t)*b;
    uint64_t rh = ha * hb, rm0 = ha * lb, rm1 = hb * la, rl = la * lb;
    uint64_t t = rl + (rm0 << 32), c = t < rl;
    uint64_t lo = t + (rm1 << 32);
    c += lo < t;
    *a = lo;
    *b = rh + (rm0 >> 32) + (rm1 >> 32) + c;
#endif
}

static inline uint64_t mix(uint64_t a, uint64_t b) {
    mul128(&a, &b);
    return a ^ b;
}

/* Byte order does not matter: hashes never leave the process. */
static inline uint64_t rd64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint64_t rd32(const unsigned char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t hash_bytes(const void *data, size_t len, uint64_t seed) {
    const unsigned char *p = data;
    uint64_t a, b;
    seed ^= mix(seed ^ K0, K1);
    if (len <= 16) {
        if (len >= 4) {
            size_t d = (len >> 3) << 2;
            a = (rd32(p) << 32) | rd32(p + d);
            b = (rd32(p + len - 4) << 32) | rd32(p + len - 4 - d);
        } else if (len > 0) {
            a = ((uint64_t)p[0] << 16) | ((uint64_t)p[len >> 1] << 8) | p[len - 1];
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        size_t i = len;
        if (i > 48) {
            uint64_t s1 = seed, s2 = seed;
            do {
                seed = mix(rd64(p) ^ K1, rd64(p + 8) ^ seed);
                s1 = mix(rd64(p + 16) ^ K2, rd64(p + 24) ^ s1);
                s2 = mix(rd64(p + 32) ^ K3, rd64(p + 40) ^ s2);
                p += 48;
                i -= 48;
            } while (i > 48);
            seed ^= s1 ^ s2;
        }
        while (i > 16) {
            seed = mix(rd64(p) ^ K1, rd64(p + 8) ^ seed);
            p += 16;
            i -= 16;
        }
        a = rd64(p + i - 16);
        b = rd64(p + i - 8);
    }
    a ^= K1;
    b ^= seed;
    mul128(&a, &b);
    return mix(a ^ K0 ^ len, b ^ K1);
}

/* ------------------------------------------------------------------ */
/* Data structures                                                     */
/* ------------------------------------------------------------------ */

/* A cached compile error; immutable after creation, shared by refcount
 * between the entry and callers re-raising it outside the lock. */
typedef struct cerr {
    atomic_uint refcount;
    const pe_type *type;
    int64_t lineno, offset, end_offset;
    bool has_filename, has_text;
    char *msg, *filename, *text, *src, *keyfn; /* all inside this allocation */
    size_t text_len;
    size_t size;
} cerr;

typedef struct centry {
    struct centry *hnext;       /* bucket chain */
    struct centry *prev, *next; /* LRU list around sentinel c->lru; next = more recent */
    uint64_t hash;
    int mode;
    size_t len, fnlen;
    const char *src, *fn; /* key bytes: owned by code or err */
    pe_code *code;        /* positive entry: one reference held by the cache */
    cerr *err;            /* negative entry: one reference held by the cache */
    size_t bytes;         /* what the entry counts against max_bytes */
} centry;

struct pe_cache {
    pthread_mutex_t lock;
    centry **buckets;
    size_t mask; /* nbuckets - 1 */
    centry lru;  /* sentinel: lru.next is the least, lru.prev the most recently used */
    size_t count, bytes, max_entries, max_bytes;
    uint64_t hits, misses;
    uint64_t seed;
    _Atomic uint64_t force_hash;
};

static void err_release(cerr *e) {
    if (e && atomic_fetch_sub_explicit(&e->refcount, 1, memory_order_acq_rel) == 1) free(e);
}

/* Frees entries of a list linked through hnext (outside the lock). */
static void free_entries(centry *e) {
    while (e) {
        centry *n = e->hnext;
        pe_code_release(e->code);
        err_release(e->err);
        free(e);
        e = n;
    }
}

static uint64_t key_hash(pe_cache *c, const char *src, size_t len, const char *fn, size_t fnlen,
                         int mode) {
    uint64_t forced = atomic_load_explicit(&c->force_hash, memory_order_relaxed);
    if (forced) return forced;
    uint64_t h = hash_bytes(src, len, c->seed ^ (uint64_t)(unsigned)mode);
    return hash_bytes(fn, fnlen, h);
}

/* ---- under the lock ---- */

static centry *find(pe_cache *c, uint64_t h, const char *src, size_t len, const char *fn,
                    size_t fnlen, int mode) {
    for (centry *e = c->buckets[h & c->mask]; e; e = e->hnext)
        if (e->hash == h && e->mode == mode && e->len == len && e->fnlen == fnlen &&
            memcmp(e->src, src, len) == 0 && memcmp(e->fn, fn, fnlen) == 0)
            return e;
    return NULL;
}

static void lru_unlink(centry *e) {
    e->prev->next = e->next;
    e->next->prev = e->prev;
}

static void lru_push_mru(pe_cache *c, centry *e) {
    e->next = &c->lru;
    e->prev = c->lru.prev;
    c->lru.prev->next = e;
    c->lru.prev = e;
}

static void bucket_unlink(pe_cache *c, centry *e) {
    centry **pp = &c->buckets[e->hash & c->mask];
    while (*pp != e) pp = &(*pp)->hnext;
    *pp = e->hnext;
}

/* Removes e from table and list; pushes it on *dead (linked by hnext). */
static void remove_entry(pe_cache *c, centry *e, centry **dead) {
    bucket_unlink(c, e);
    lru_unlink(e);
    c->count--;
    c->bytes -= e->bytes;
    e->hnext = *dead;
    *dead = e;
}

/* Evicts least recently used entries until within bounds. */
static void evict(pe_cache *c, centry **dead) {
    while (c->count && (c->count > c->max_entries || c->bytes > c->max_bytes))
        remove_entry(c, c->lru.next, dead);
}

/* Doubles the bucket array when the load factor passes 1 (best effort:
 * on allocation failure chains just get longer). */
static void maybe_grow(pe_cache *c) {
    size_t n = c->mask + 1;
    if (c->count <= n || n > SIZE_MAX / 2 / sizeof(centry *)) return;
    centry **nb = calloc(n * 2, sizeof *nb);
    if (!nb) return;
    size_t nmask = n * 2 - 1;
    for (size_t i = 0; i < n; i++) {
        centry *e = c->buckets[i];
        while (e) {
            centry *next = e->hnext;
            e->hnext = nb[e->hash & nmask];
            nb[e->hash & nmask] = e;
            e = next;
        }
    }
    free(c->buckets);
    c->buckets = nb;
    c->mask = nmask;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

pe_cache *pe_cache_new(size_t max_entries, size_t max_bytes) {
    pe_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->buckets = calloc(CACHE_MIN_BUCKETS, sizeof *c->buckets);
    if (!c->buckets || pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c->buckets);
        free(c);
        return NULL;
    }
    c->mask = CACHE_MIN_BUCKETS - 1;
    c->lru.next = c->lru.prev = &c->lru;
    c->max_entries = max_entries ? max_entries : CACHE_DEFAULT_ENTRIES;
    c->max_bytes = max_bytes ? max_bytes : CACHE_DEFAULT_BYTES;
    /* per-cache seed: chains cannot be flooded by precomputed collisions */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    c->seed = mix((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ K2,
                  (uint64_t)(uintptr_t)c ^ K3);
    atomic_init(&c->force_hash, 0);
    return c;
}

void pe_cache_free(pe_cache *c) {
    if (!c) return;
    pe_cache_clear(c);
    pthread_mutex_destroy(&c->lock);
    free(c->buckets);
    free(c);
}

void pe_cache_clear(pe_cache *c) {
    if (!c) return;
    centry *dead = NULL;
    pthread_mutex_lock(&c->lock);
    while (c->count) remove_entry(c, c->lru.next, &dead);
    c->hits = c->misses = 0;
    pthread_mutex_unlock(&c->lock);
    free_entries(dead);
}

void pe_cache_resize(pe_cache *c, size_t max_entries, size_t max_bytes) {
    if (!c) return;
    centry *dead = NULL;
    pthread_mutex_lock(&c->lock);
    c->max_entries = max_entries ? max_entries : CACHE_DEFAULT_ENTRIES;
    c->max_bytes = max_bytes ? max_bytes : CACHE_DEFAULT_BYTES;
    evict(c, &dead);
    pthread_mutex_unlock(&c->lock);
    free_entries(dead);
}

void pe_cache_stats_get(pe_cache *c, pe_cache_stats *out) {
    memset(out, 0, sizeof *out);
    if (!c) return;
    pthread_mutex_lock(&c->lock);
    out->hits = c->hits;
    out->misses = c->misses;
    out->maxsize = c->max_entries;
    out->currsize = c->count;
    out->bytes = c->bytes;
    out->maxbytes = c->max_bytes;
    pthread_mutex_unlock(&c->lock);
}

void pe_cache_debug_force_hash(pe_cache *c, uint64_t h) {
    if (c) atomic_store_explicit(&c->force_hash, h, memory_order_relaxed);
}

/* ---- negative entries ---- */

/* A copy of the pending compile error if it is cacheable: a SyntaxError
 * family instance with just (msg,) as args, no traceback, cause or
 * suggestion, and NUL-free strings (so re-raising rebuilds it exactly). */
static cerr *capture_error(pe_state *S, const char *src, size_t len, const char *fn,
                           size_t fnlen) {
    pe_val x = S->exc;
    if (x.tag != PE_TOBJ || x.u.o->type->kind != PE_K_EXC) return NULL;
    const pe_type *t = x.u.o->type;
    if (!pe_type_is_subtype(t, PE_EXC(SyntaxError))) return NULL;
    pe_exc *e = PE_EXCOBJ(x);
    if (e->ntb || e->cause.tag != PE_TUNDEF || e->suggestion.tag != PE_TUNDEF) return NULL;
    if (e->args.tag != PE_TOBJ || PE_TUPLE(e->args)->n != 1) return NULL;
    pe_val m = PE_TUPLE(e->args)->items[0];
    if (!pe_is_str(m) || strlen(PE_STR(m)->data) != PE_STR(m)->len) return NULL;
    if (e->filename.tag != PE_TUNDEF &&
        (!pe_is_str(e->filename) ||
         strlen(PE_STR(e->filename)->data) != PE_STR(e->filename)->len))
        return NULL;
    if (e->text.tag != PE_TUNDEF && !pe_is_str(e->text)) return NULL;
    size_t mlen = PE_STR(m)->len;
    size_t flen = e->filename.tag == PE_TUNDEF ? 0 : PE_STR(e->filename)->len;
    size_t tlen = e->text.tag == PE_TUNDEF ? 0 : PE_STR(e->text)->len;
    size_t size = sizeof(cerr) + mlen + 1 + flen + 1 + tlen + 1 + len + 1 + fnlen + 1;
    cerr *r = malloc(size);
    if (!r) return NULL;
    char *p = (char *)(r + 1);
#define PUT(field, s, n)      \
    do {                      \
        r->field = p;         \
        if (n) memcpy(p, s, n); \
        p[n] = 0;             \
        p += (n) + 1;         \
    } while (0)
    PUT(msg, PE_STR(m)->data, mlen);
    PUT(filename, flen ? PE_STR(e->filename)->data : "", flen);
    PUT(text, tlen ? PE_STR(e->text)->data : "", tlen);
    PUT(src, src, len);
    PUT(keyfn, fn, fnlen);
#undef PUT
    atomic_init(&r->refcount, 1);
    r->type = t;
    r->lineno = e->lineno;
    r->offset = e->offset;
    r->end_offset = e->end_offset;
    r->has_filename = e->filename.tag != PE_TUNDEF;
    r->has_text = e->text.tag != PE_TUNDEF;
    r->text_len = tlen;
    r->size = size;
    return r;
}

static void raise_cached(pe_state *S, const cerr *r) {
    pe_raise_syntax(S, r->type, r->msg, r->has_filename ? r->filename : NULL, r->lineno,
                    r->offset, r->end_offset, r->has_text ? r->text : NULL, r->text_len);
}

/* ---- lookup / insert ---- */

pe_code *pe_cache_get_timed(pe_cache *c, pe_state *S, const char *src, size_t len,
                            const char *filename, int mode, pe_profile *prof, uint64_t *clk) {
    if (!c) {
        if (prof) prof->cache = PE_PROFILE_CACHE_OFF;
        return pe_compile_timed(S, src, len, filename, mode, prof, clk);
    }
    uint64_t t0 = prof ? *clk : 0;
    if (!filename) filename = "<string>";
    if (!src) src = "";
    size_t fnlen = strlen(filename);
    uint64_t h = key_hash(c, src, len, filename, fnlen, mode);

    pthread_mutex_lock(&c->lock);
    centry *e = find(c, h, src, len, filename, fnlen, mode);
    pe_code *code = NULL;
    cerr *err = NULL;
    if (e) {
        c->hits++;
        lru_unlink(e);
        lru_push_mru(c, e);
        if ((code = e->code)) pe_code_retain(code);
        if ((err = e->err)) atomic_fetch_add_explicit(&err->refcount, 1, memory_order_relaxed);
    } else {
        c->misses++;
    }
    pthread_mutex_unlock(&c->lock);

    if (e) {
        if (prof) {
            prof->cache = PE_PROFILE_CACHE_HIT;
            prof->lex_ns = prof->parse_ns = 0;
        }
        if (err) {
            raise_cached(S, err);
            err_release(err);
        }
        if (prof) prof->compile_ns = (*clk = pe_clock_ns()) - t0;
        return code;
    }

    /* miss: compile outside the lock (hashing and the lookup are not
     * attributed to a stage; they count in total_ns) */
    if (prof) {
        prof->cache = PE_PROFILE_CACHE_MISS;
        *clk = pe_clock_ns();
    }
    code = pe_compile_timed(S, src, len, filename, mode, prof, clk);
    centry *ne = malloc(sizeof *ne);
    if (!ne) return code; /* still correct, just not cached */
    ne->hash = h;
    ne->mode = mode;
    ne->len = len;
    ne->fnlen = fnlen;
    ne->code = code;
    ne->err = NULL;
    if (code) {
        ne->src = code->source;
        ne->fn = code->filename;
        ne->bytes = code->bytes + sizeof(centry);
    } else {
        ne->err = capture_error(S, src, len, filename, fnlen);
        if (!ne->err) {
            free(ne);
            return NULL;
        }
        ne->src = ne->err->src;
        ne->fn = ne->err->keyfn;
        ne->bytes = ne->err->size + sizeof(centry);
    }

    centry *dead = NULL;
    pe_code *result = code;
    pthread_mutex_lock(&c->lock);
    centry *old = find(c, h, src, len, filename, fnlen, mode);
    if (old) {
        /* another thread inserted the same key meanwhile: its entry wins */
        lru_unlink(old);
        lru_push_mru(c, old);
        if (old->code && code) {
            result = old->code;
            pe_code_retain(result);
            ne->hnext = NULL;
            dead = ne; /* drops our reference to the code we compiled */
        } else {
            ne->code = NULL; /* keep our own result (or error) */
            ne->hnext = NULL;
            dead = ne;
        }
    } else if (ne->bytes > c->max_bytes) {
        ne->code = NULL; /* larger than the whole cache: not cached */
        ne->hnext = NULL;
        dead = ne;
    } else {
        if (code) pe_code_retain(code); /* the cache's reference */
        centry **b = &c->buckets[h & c->mask];
        ne->hnext = *b;
        *b = ne;
        lru_push_mru(c, ne);
        c->count++;
        c->bytes += ne->bytes;
        evict(c, &dead);
        maybe_grow(c);
    }
    pthread_mutex_unlock(&c->lock);
    free_entries(dead);
    return result;
}

pe_code *pe_cache_get(pe_cache *c, pe_state *S, const char *src, size_t len, const char *filename,
                      int mode) {
    pe_profile *prof = S->prof;
    if (PE_LIKELY(!prof)) return pe_cache_get_timed(c, S, src, len, filename, mode, NULL, NULL);
    uint64_t clk = pe_clock_ns();
    return pe_cache_get_timed(c, S, src, len, filename, mode, prof, &clk);
}
