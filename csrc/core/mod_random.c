/*
 * mod_random.c - `_random`: the Mersenne Twister (MT19937) behind the
 * `random` module (csrc/lib/random.py).
 *
 * The generator is Matsumoto and Nishimura's published MT19937 with its
 * init_by_array seeding; random.py reduces every seed to the 32-bit words
 * CPython feeds init_by_array (an int's absolute value, least significant
 * word first; str/bytes with their SHA-512 appended), so a seed gives
 * CPython's stream. random() takes 53 bits from two outputs (27 + 26 bits)
 * and getrandbits(k) the top k bits of each 32-bit output, least
 * significant word first, as CPython does.
 *
 *   _random.Random()        a fresh generator (seeded from the host's
 *                           entropy by random.py)
 *   g.seed(words)           init_by_array(words); [] is [0]
 *   g.seed(None)            init_by_array of 624 words of getrandom() (of the
 *                           host's clock when it set one: pe_set_clock)
 *   g.random()              float in [0, 1)
 *   g.getrandbits(k)        int with k random bits
 *   g.randbelow(n)          0 <= int < n, CPython's _randbelow_with_getrandbits
 *                           (n an int > 0 that fits in 63 bits)
 *   g.state()               tuple of 625 ints (the 624 words and the index)
 *   g.state(t)              the inverse, with CPython's checks
 */
#include <sys/random.h>
#include <time.h>

#include "capi.h"
#include "cont_internal.h"
#include "pe_module.h"

#define MT_N 624
#define MT_M 397

typedef struct mt_state {
    pe_obj ob;
    int index;
    uint32_t mt[MT_N];
} mt_state;

#define MT(v) ((mt_state *)(v).u.o)

#define RFN(name) PE_MODFN(name)

static void mt_init_genrand(mt_state *g, uint32_t s) {
    g->mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        g->mt[i] = 1812433253u * (g->mt[i - 1] ^ (g->mt[i - 1] >> 30)) + (uint32_t)i;
    g->index = MT_N;
}

static void mt_init_by_array(mt_state *g, const uint32_t *key, size_t len) {
    mt_init_genrand(g, 19650218u);
    size_t i = 1, j = 0;
    for (size_t k = len > MT_N ? len : MT_N; k; k--) {
        g->mt[i] = (g->mt[i] ^ ((g->mt[i - 1] ^ (g->mt[i - 1] >> 30)) * 1664525u)) + key[j] +
                   (uint32_t)j;
        if (++i >= MT_N) {
            g->mt[0] = g->mt[MT_N - 1];
            i = 1;
        }
        if (++j >= len) j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        g->mt[i] = (g->mt[i] ^ ((g->mt[i - 1] ^ (g->mt[i - 1] >> 30)) * 1566083941u)) -
                   (uint32_t)i;
        if (++i >= MT_N) {
            g->mt[0] = g->mt[MT_N - 1];
            i = 1;
        }
    }
    g->mt[0] = 0x80000000u;
}

static uint32_t mt_twist_word(uint32_t a, uint32_t b, uint32_t far) {
    uint32_t y = (a & 0x80000000u) | (b & 0x7fffffffu);
    return far ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
}

static uint32_t mt_next(mt_state *g) {
    if (g->index >= MT_N) {
        int k;
        for (k = 0; k < MT_N - MT_M; k++)
            g->mt[k] = mt_twist_word(g->mt[k], g->mt[k + 1], g->mt[k + MT_M]);
        for (; k < MT_N - 1; k++)
            g->mt[k] = mt_twist_word(g->mt[k], g->mt[k + 1], g->mt[k + MT_M - MT_N]);
        g->mt[MT_N - 1] = mt_twist_word(g->mt[MT_N - 1], g->mt[0], g->mt[MT_M - 1]);
        g->index = 0;
    }
    uint32_t y = g->mt[g->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

/* ------------------------------------------------------------------ */
/* The generator type                                                  */
/* ------------------------------------------------------------------ */

static void mt_dealloc(pe_state *S, pe_obj *o) { pe_obj_free(S, o, sizeof(mt_state)); }

RFN(mt_random_m) {
    if (pe_cont_noargs(S, "Random.random", argc, kw)) return -1;
    (void)argv;
    mt_state *g = MT(self);
    uint32_t a = mt_next(g) >> 5, b = mt_next(g) >> 6;
    *out = pe_float((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
    return 0;
}

RFN(mt_getrandbits) {
    if (pe_cont_onearg(S, "Random.getrandbits", argc, kw)) return -1;
    pe_val kv;
    if (pe_index_int_value(S, argv[0], &kv)) return -1;
    if (pe_int_sign(kv) < 0)
        return pe_raise(S, PE_EXC(ValueError), "number of bits must be non-negative");
    if (kv.tag != PE_TINT || kv.u.i > INT32_MAX)
        return pe_raise(S, PE_EXC(OverflowError), "Python int too large to convert to C int");
    mt_state *g = MT(self);
    int64_t k = kv.u.i;
    if (k <= 32) {
        *out = pe_int(k == 0 ? 0 : (int64_t)(mt_next(g) >> (32 - k)));
        return 0;
    }
    size_t words = (size_t)((k - 1) / 32 + 1);
    if (pe_mem_check(S, words * 4)) return -1;
    if (pe_work(S, words)) return -1;
    unsigned char *buf = pe_mem_alloc(S, words * 4);
    if (!buf) return -1;
    for (size_t i = 0; i < words; i++, k -= 32) {
        uint32_t r = mt_next(g);
        if (k < 32) r >>= 32 - k;
        for (int b = 0; b < 4; b++) buf[i * 4 + (size_t)b] = (unsigned char)(r >> (8 * b));
    }
    pe_value r;
    int rc = pe_make_int_bytes(S, buf, words * 4, 1, 0, &r);
    pe_mem_free(S, buf, words * 4);
    if (rc) return -1;
    *out = pe_val_of(r);
    return 0;
}

/* _randbelow_with_getrandbits(n) for 0 < n < 2**63. */
RFN(mt_randbelow) {
    if (pe_cont_onearg(S, "Random.randbelow", argc, kw)) return -1;
    if (argv[0].tag != PE_TINT || argv[0].u.i <= 0)
        return pe_raise(S, PE_EXC(ValueError), "randbelow() needs an int in 1..2**63-1");
    mt_state *g = MT(self);
    uint64_t n = (uint64_t)argv[0].u.i;
    int k = 64 - __builtin_clzll(n);
    uint64_t r;
    do {
        if (k <= 32) {
            r = mt_next(g) >> (32 - k);
        } else {
            uint64_t lo = mt_next(g);
            uint64_t hi = mt_next(g) >> (64 - k);
            r = lo | (hi << 32);
        }
    } while (r >= n);
    *out = pe_int((int64_t)r);
    return 0;
}

static int mt_seed_entropy(pe_state *S, pe_val self);

/* seed(words): init_by_array(words); seed(None): from the host's entropy */
RFN(mt_seed) {
    if (pe_cont_onearg(S, "Random.seed", argc, kw)) return -1;
    *out = pe_none();
    if (argv[0].tag == PE_TNONE) return mt_seed_entropy(S, self);
    if (!pe_is_list(argv[0]))
        return pe_raise(S, PE_EXC(TypeError), "seed() needs a list of ints or None");
    pe_list *l = PE_LIST(argv[0]);
    size_t n = l->n ? l->n : 1;
    if (pe_mem_check(S, n * 4) || pe_work(S, n)) return -1;
    uint32_t *key = pe_mem_alloc(S, n * 4);
    if (!key) return -1;
    key[0] = 0;
    for (size_t i = 0; i < l->n; i++) {
        pe_val w = l->items[i];
        if (w.tag != PE_TINT || w.u.i < 0 || w.u.i > 0xffffffffLL) {
            pe_mem_free(S, key, n * 4);
            return pe_raise(S, PE_EXC(ValueError), "seed words must be ints in 0..2**32-1");
        }
        key[i] = (uint32_t)w.u.i;
    }
    mt_init_by_array(MT(self), key, n);
    pe_mem_free(S, key, n * 4);
    return 0;
}

/* seed(None): 624 words of getrandom(); a host that set a clock
 * (pe_set_clock) asked for reproducible runs: the clock's reading then. */
static int mt_seed_entropy(pe_state *S, pe_val self) {
    uint32_t key[MT_N];
    size_t got = 0;
    if (S->clock_fn) {
        uint64_t t = (uint64_t)S->clock_fn(S->clock_ud);
        key[0] = (uint32_t)t;
        key[1] = (uint32_t)(t >> 32);
        mt_init_by_array(MT(self), key, 2);
        return 0;
    }
    while (got < sizeof key) {
        ssize_t r = getrandom((char *)key + got, sizeof key - got, 0);
        if (r <= 0) break;
        got += (size_t)r;
    }
    if (got < sizeof key) {
        /* no entropy source: the time and the object's address */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        key[0] = (uint32_t)ts.tv_sec;
        key[1] = (uint32_t)ts.tv_nsec;
        key[2] = (uint32_t)(uintptr_t)self.u.o;
        got = 12;
    }
    mt_init_by_array(MT(self), key, got / 4);
    return 0;
}

static int mt_setstate(pe_state *S, pe_val self, pe_val t);

/* state(): the state as a tuple; state(t): set it */
RFN(mt_state_m) {
    if (pe_cont_posargs(S, "Random.state", "state", argc, kw, 0, 1)) return -1;
    if (argc == 1) {
        *out = pe_none();
        return mt_setstate(S, self, argv[0]);
    }
    mt_state *g = MT(self);
    pe_val t;
    if (pe_tuple_new(S, MT_N + 1, &t)) return -1;
    for (int i = 0; i < MT_N; i++) PE_TUPLE(t)->items[i] = pe_int(g->mt[i]);
    PE_TUPLE(t)->items[MT_N] = pe_int(g->index);
    *out = t;
    return 0;
}

static int mt_setstate(pe_state *S, pe_val self, pe_val t) {
    if (!pe_is_tuple(t)) return pe_raise(S, PE_EXC(TypeError), "state vector must be a tuple");
    if (PE_TUPLE(t)->n != MT_N + 1)
        return pe_raise(S, PE_EXC(ValueError), "state vector is the wrong size");
    uint32_t w[MT_N];
    for (int i = 0; i <= MT_N; i++) {
        pe_val v;
        if (pe_index_int_value(S, PE_TUPLE(t)->items[i], &v)) return -1;
        if (pe_int_sign(v) < 0 || v.tag != PE_TINT || v.u.i > 0xffffffffLL) {
            if (pe_int_sign(v) < 0)
                return pe_raise(S, PE_EXC(OverflowError),
                                "can't convert negative int to unsigned");
            return pe_raise(S, PE_EXC(OverflowError),
                            "Python int too large to convert to C unsigned long");
        }
        if (i < MT_N) w[i] = (uint32_t)v.u.i;
        else if (v.u.i > MT_N) return pe_raise(S, PE_EXC(ValueError), "invalid state");
    }
    mt_state *g = MT(self);
    memcpy(g->mt, w, sizeof w);
    g->index = (int)PE_TUPLE(t)->items[MT_N].u.i;
    return 0;
}

static const pe_cfunc mt_methods[] = {
    PE_METHOD("getrandbits", mt_getrandbits), PE_METHOD("randbelow", mt_randbelow),
    PE_METHOD("random", mt_random_m), PE_METHOD("seed", mt_seed),
    PE_METHOD("state", mt_state_m), PE_METHOD_END,
};

static const pe_type mt_type = PE_TYPE("_random.Random", OTHER,
    .dealloc = mt_dealloc, .methods = mt_methods,
);

RFN(mt_new) {
    (void)argv;
    if (pe_cont_noargs(S, "Random", argc, kw)) return -1;
    mt_state *g = (mt_state *)pe_obj_new(S, &mt_type, sizeof(mt_state));
    if (!g) return -1;
    mt_init_genrand(g, 5489u);
    *out = pe_obj_val(&g->ob);
    return 0;
}

static const pe_cfunc random_functions[] = {
    PE_METHOD("Random", mt_new),
    PE_METHOD_END,
};

int pe_mod_random_init(pe_state *S, pe_val mod) {
    return pe_module_add_functions(S, mod, random_functions);
}
