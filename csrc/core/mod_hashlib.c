/*
 * mod_hashlib.c - `hashlib`: md5, sha1, sha224, sha256, sha384, sha512
 * (hash_algos.c, no OpenSSL) with CPython 3.11's surface: the
 * constructors (string=b'', *, usedforsecurity=True), new(name, data=b''),
 * hash objects of type _hashlib.HASH with update/digest/hexdigest/copy and
 * name/digest_size/block_size, algorithms_guaranteed/available (the six
 * algorithms above), CPython's messages ("Strings must be encoded before
 * hashing", "unsupported hash type foo").
 */
#include <stdio.h>
#include <strings.h>

#include "pe_internal.h"
#include "hash_algos.h"
#include "pe_module.h"
#include "cont_internal.h"


typedef struct pe_hashobj {
    pe_obj ob;
    const pe_hash_algo *algo;
    pe_hash_ctx ctx;
} pe_hashobj;

#define HASHOBJ(v) ((pe_hashobj *)(v).u.o)

static const pe_type hash_type;

/* Feeds a bytes-like value; CPython's TypeErrors for anything else. */
static int hash_feed(pe_state *S, pe_hashobj *h, pe_val data) {
    const unsigned char *p;
    size_t n;
    if (!pe_bytes_view(data, &p, &n)) {
        if (pe_is_str(data))
            return pe_raise(S, PE_EXC(TypeError), "Strings must be encoded before hashing");
        return pe_raise(S, PE_EXC(TypeError), "object supporting the buffer API required");
    }
    if (n >= 4096 && pe_work(S, n / 16)) return -1;
    pe_hash_update(h->algo, &h->ctx, p, n);
    return 0;
}

static int hash_new(pe_state *S, const pe_hash_algo *a, pe_val data, pe_val *out) {
    pe_hashobj *h = (pe_hashobj *)pe_obj_new(S, &hash_type, sizeof(pe_hashobj));
    if (!h) return -1;
    h->algo = a;
    memset(&h->ctx, 0, sizeof h->ctx);
    a->init(&h->ctx);
    *out = pe_obj_val(&h->ob);
    if (data.tag != PE_TUNDEF && hash_feed(S, h, data)) {
        pe_decref(S, *out);
        return -1;
    }
    return 0;
}

static void hash_dealloc(pe_state *S, pe_obj *o) { pe_obj_free(S, o, sizeof(pe_hashobj)); }

static int hash_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    return pe_sb_printf(sb, "<%s _hashlib.HASH object @ %p>", HASHOBJ(v)->algo->name,
                        (void *)v.u.o);
}

static int hash_update(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    if (pe_cont_onearg(S, "HASH.update", argc, kw) || hash_feed(S, HASHOBJ(self), argv[0])) return -1;
    *out = pe_none();
    return 0;
}

static int hash_digest(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "HASH.digest", argc, kw)) return -1;
    unsigned char d[64];
    pe_hash_final(HASHOBJ(self)->algo, &HASHOBJ(self)->ctx, d);
    return pe_bytes_new(S, d, HASHOBJ(self)->algo->digest_size, out);
}

static int hash_hexdigest(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                          pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "HASH.hexdigest", argc, kw)) return -1;
    static const char hex[] = "0123456789abcdef";
    unsigned char d[64];
    char t[128];
    unsigned n = HASHOBJ(self)->algo->digest_size;
    pe_hash_final(HASHOBJ(self)->algo, &HASHOBJ(self)->ctx, d);
    for (unsigned i = 0; i < n; i++) {
        t[2 * i] = hex[d[i] >> 4];
        t[2 * i + 1] = hex[d[i] & 15];
    }
    return pe_str_new(S, t, 2 * n, out);
}

static int hash_copy(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                     pe_val *out) {
    (void)argv;
    if (pe_cont_noargs(S, "HASH.copy", argc, kw)) return -1;
    if (hash_new(S, HASHOBJ(self)->algo, pe_undef(), out)) return -1;
    HASHOBJ(*out)->ctx = HASHOBJ(self)->ctx;
    return 0;
}

static int hash_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    const char *n = ((const pe_str *)name)->data;
    const pe_hash_algo *a = HASHOBJ(v)->algo;
    if (!strcmp(n, "name")) return pe_str_from_cstr(S, a->name, out);
    if (!strcmp(n, "digest_size")) *out = pe_int(a->digest_size);
    else if (!strcmp(n, "block_size")) *out = pe_int(a->block_size);
    else return PE_NOTIMPL;
    return 0;
}

static const pe_cfunc hash_methods[] = {
    PE_METHOD("copy", hash_copy),           PE_METHOD("digest", hash_digest),
    PE_METHOD("hexdigest", hash_hexdigest), PE_METHOD("update", hash_update),
    PE_METHOD_END,
};

static const pe_type hash_type = PE_TYPE("_hashlib.HASH", OTHER,
    .dealloc = hash_dealloc, .repr = hash_repr, .getattr = hash_getattr, .methods = hash_methods,
);

/* The algorithm named name (exact, then case-insensitively as OpenSSL's
 * lookup in hashlib.new), or NULL. */
static const pe_hash_algo *find_algo(const char *name, bool nocase) {
    for (const pe_hash_algo *a = pe_hash_algos; a->name; a++)
        if (nocase ? !strcasecmp(a->name, name) : !strcmp(a->name, name)) return a;
    return NULL;
}

/* md5(string=b'', *, usedforsecurity=True) and the others. */
static int hash_ctor(pe_state *S, const char *algo, int argc, const pe_val *argv, pe_obj *kw,
                     pe_val *out) {
    static const char *const names[] = {"string", "usedforsecurity"};
    char fname[32];
    snprintf(fname, sizeof fname, "openssl_%s", algo);
    pe_val slot[2];
    if (pe_args_bind(S, fname, argc, argv, kw, names, 1, 2, slot)) return -1;
    return hash_new(S, find_algo(algo, false), slot[0], out);
}

#define HASH_CTOR(nm)                                                                          \
    static int ctor_##nm(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,   \
                         pe_val *out) {                                                        \
        (void)self;                                                                            \
        return hash_ctor(S, #nm, argc, argv, kw, out);                                         \
    }
HASH_CTOR(md5)
HASH_CTOR(sha1)
HASH_CTOR(sha224)
HASH_CTOR(sha256)
HASH_CTOR(sha384)
HASH_CTOR(sha512)

/* new(name, data=b'', *, usedforsecurity=True) */
static int hashlib_new(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    (void)self;
    static const char *const names[] = {"name", "data", "string", "usedforsecurity"};
    pe_val slot[4];
    if (pe_args_bind(S, "new", argc, argv, kw, names, 2, 4, slot)) return -1;
    if (slot[0].tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError),
                        "__hash_new() missing 1 required positional argument: 'name'");
    if (!pe_is_str(slot[0])) return pe_raise(S, PE_EXC(TypeError), "name must be a string");
    if (slot[1].tag != PE_TUNDEF && slot[2].tag != PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError),
                        "argument for new() given by name ('string') and position (2)");
    const pe_hash_algo *a = find_algo(PE_STR(slot[0])->data, true);
    if (!a)
        return pe_raise(S, PE_EXC(ValueError), "unsupported hash type %s", PE_STR(slot[0])->data);
    return hash_new(S, a, slot[1].tag != PE_TUNDEF ? slot[1] : slot[2], out);
}

static const pe_cfunc hashlib_functions[] = {
    PE_METHOD("md5", ctor_md5),       PE_METHOD("new", hashlib_new),
    PE_METHOD("sha1", ctor_sha1),     PE_METHOD("sha224", ctor_sha224),
    PE_METHOD("sha256", ctor_sha256), PE_METHOD("sha384", ctor_sha384),
    PE_METHOD("sha512", ctor_sha512), PE_METHOD_END,
};

/* algorithms_guaranteed / algorithms_available: a new set of the names. */
static int algo_set(pe_state *S, pe_val *out) {
    if (pe_set_new(S, &pe_type_set, out)) return -1;
    int r = 0;
    for (const pe_hash_algo *a = pe_hash_algos; a->name && !r; a++) {
        pe_val name;
        r = pe_str_from_cstr(S, a->name, &name);
        if (!r) {
            r = pe_set_add(S, out->u.o, name);
            pe_decref(S, name);
        }
    }
    if (r) pe_decref(S, *out);
    return r;
}

int pe_mod_hashlib_init(pe_state *S, pe_val mod) {
    pe_val v;
    if (pe_module_add_functions(S, mod, hashlib_functions) || algo_set(S, &v) ||
        pe_module_set(S, mod, "algorithms_guaranteed", v) || algo_set(S, &v))
        return -1;
    return pe_module_set(S, mod, "algorithms_available", v);
}
