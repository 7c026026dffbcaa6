/*
 * match.c - the run-time parts of `match` statements (PEP 634): the
 * helpers behind GET_LEN, MATCH_SEQUENCE, MATCH_MAPPING, MATCH_KEYS,
 * MATCH_CLASS and MATCH_STAR_DICT (vm.c). Errors are CPython 3.11's
 * (Python/ceval.c pe_match_class / pe_match_keys).
 */
#include "pe_match.h"

#include "cont_internal.h"

/* Sequences for `case [...]` / `case (...)`: list, tuple, range (CPython:
 * collections.abc.Sequence but not str, bytes, bytearray). */
bool pe_match_is_sequence(pe_val v) {
    return pe_is_kind(v, PE_K_LIST) || pe_is_kind(v, PE_K_TUPLE) || pe_is_kind(v, PE_K_RANGE);
}

/* Mappings for `case {...}`: dict (collections.abc.Mapping). */
bool pe_match_is_mapping(pe_val v) { return pe_is_kind(v, PE_K_DICT); }

int pe_match_get_len(pe_state *S, pe_val v, pe_val *out) {
    int64_t n;
    if (pe_len(S, v, &n)) return -1;
    *out = pe_int(n);
    return 0;
}

/* MATCH_KEYS: subj[k] for every key of the tuple `keys`, as a tuple in
 * *out, or None when a key is missing. A key given twice is CPython's
 * ValueError. */
int pe_match_keys(pe_state *S, pe_val subj, pe_val keys, pe_val *out) {
    pe_tuple *kt = PE_TUPLE(keys);
    pe_val res;
    if (pe_tuple_new(S, kt->n, &res)) return -1;
    pe_tuple *rt = PE_TUPLE(res);
    for (size_t i = 0; i < kt->n; i++) rt->items[i] = pe_none();
    for (size_t i = 0; i < kt->n; i++) {
        for (size_t j = 0; j < i; j++) {
            int eq = pe_eq(S, kt->items[i], kt->items[j]);
            if (eq < 0) goto fail;
            if (eq) {
                pe_sb sb;
                pe_sb_init(&sb, S);
                if (pe_repr(S, kt->items[i], &sb)) {
                    pe_sb_free(&sb);
                    goto fail;
                }
                pe_raise(S, PE_EXC(ValueError), "mapping pattern checks duplicate key (%.*s)",
                         (int)sb.len, sb.p);
                pe_sb_free(&sb);
                goto fail;
            }
        }
        pe_val v;
        int r = pe_dict_get(S, PE_DICT(subj), kt->items[i], &v);
        if (r < 0) goto fail;
        if (r == 0) {
            pe_decref(S, res);
            *out = pe_none();
            return 0;
        }
        pe_incref(v);
        rt->items[i] = v;
    }
    *out = res;
    return 0;
fail:
    pe_decref(S, res);
    return -1;
}

/* MATCH_STAR_DICT: a new dict of subj's items whose keys are not in the
 * tuple `keys` (the **rest of a mapping pattern). */
int pe_match_star_dict(pe_state *S, pe_val subj, pe_val keys, pe_val *out) {
    if (pe_dict_copy(S, PE_DICT(subj), out)) return -1;
    pe_tuple *kt = PE_TUPLE(keys);
    for (size_t i = 0; i < kt->n; i++) {
        if (pe_dict_del(S, PE_DICT(*out), kt->items[i]) < 0) {
            pe_decref(S, *out);
            return -1;
        }
    }
    return 0;
}

/* Built-in classes whose single positional sub-pattern matches the subject
 * itself (CPython's _Py_TPFLAGS_MATCH_SELF). */
static bool match_self(const pe_type *t) {
    switch (t->kind) {
    case PE_K_BOOL: case PE_K_INT: case PE_K_FLOAT: case PE_K_STR: case PE_K_TUPLE:
    case PE_K_LIST: case PE_K_DICT: case PE_K_SET: case PE_K_FROZENSET:
        return true;
    default:
        return false;
    }
}

static const pe_static_str match_args_name = PE_STATIC_STR("__match_args__");

/* getattr(subj, name): 1 found, 0 AttributeError (no match), -1 error. */
static int match_attr(pe_state *S, pe_val subj, pe_obj *name, pe_val *out) {
    if (!pe_getattr(S, subj, name, out)) return 1;
    if (!pe_exc_matches(S, PE_EXC(AttributeError))) return -1;
    pe_exc_clear(S);
    return 0;
}

/* MATCH_CLASS npos: the tuple of the npos positional then the keyword
 * attributes of subj (names: the keyword names' tuple) when subj is an
 * instance of cls, else None. */
/* A positional sub-pattern's attribute name nm must not be among
 * names[0..n) (the keyword ones, or the positional ones before it). */
static int check_unique(pe_state *S, const pe_type *ct, pe_val nm, const pe_val *names, size_t n) {
    for (size_t j = 0; j < n; j++) {
        int eq = pe_eq(S, nm, names[j]);
        if (eq < 0) return -1;
        if (eq)
            return pe_raise(S, PE_EXC(TypeError), "%s() got multiple sub-patterns for attribute '%s'",
                            ct->name, ((pe_str *)nm.u.o)->data);
    }
    return 0;
}

int pe_match_class(pe_state *S, pe_val subj, pe_val cls, pe_val names, uint32_t npos,
                pe_val *out) {
    if (!pe_is_kind(cls, PE_K_TYPE))
        return pe_raise(S, PE_EXC(TypeError), "called match pattern must be a type");
    const pe_type *ct = (const pe_type *)cls.u.o;
    if (!pe_type_is_subtype(pe_typeof(subj), ct)) {
        *out = pe_none();
        return 0;
    }
    pe_tuple *nt = PE_TUPLE(names);
    size_t total = npos + nt->n;
    pe_val res, margs = pe_undef();
    if (pe_tuple_new(S, total, &res)) return -1;
    pe_tuple *rt = PE_TUPLE(res);
    for (size_t i = 0; i < total; i++) rt->items[i] = pe_none();
    if (npos) {
        int r = match_attr(S, cls, (pe_obj *)&match_args_name, &margs);
        if (r < 0) goto fail;
        if (r == 0) {
            if (!match_self(ct)) {
                pe_raise(S, PE_EXC(TypeError), "%s() accepts 0 positional sub-patterns (%u given)",
                         ct->name, npos);
                goto fail;
            }
            if (npos > 1) {
                pe_raise(S, PE_EXC(TypeError), "%s() accepts 1 positional sub-pattern (%u given)",
                         ct->name, npos);
                goto fail;
            }
            pe_incref(subj);
            rt->items[0] = subj;
        } else {
            if (!pe_is_kind(margs, PE_K_TUPLE)) {
                pe_raise(S, PE_EXC(TypeError), "%s.__match_args__ must be a tuple (got %s)",
                         ct->name, pe_type_name(margs));
                goto fail;
            }
            pe_tuple *ma = PE_TUPLE(margs);
            if (npos > ma->n) {
                pe_raise(S, PE_EXC(TypeError), "%s() accepts %zu positional sub-pattern%s (%u given)",
                         ct->name, ma->n, ma->n == 1 ? "" : "s", npos);
                goto fail;
            }
            for (uint32_t i = 0; i < npos; i++) {
                pe_val nm = ma->items[i];
                if (!pe_is_kind(nm, PE_K_STR)) {
                    pe_raise(S, PE_EXC(TypeError),
                             "__match_args__ elements must be strings (got %s)", pe_type_name(nm));
                    goto fail;
                }
                if (check_unique(S, ct, nm, nt->items, nt->n) ||
                    check_unique(S, ct, nm, ma->items, i))
                    goto fail;
                int r2 = match_attr(S, subj, nm.u.o, &rt->items[i]);
                if (r2 < 0) goto fail;
                if (r2 == 0) goto nomatch;
            }
        }
    }
    for (size_t j = 0; j < nt->n; j++) {
        int r2 = match_attr(S, subj, nt->items[j].u.o, &rt->items[npos + j]);
        if (r2 < 0) goto fail;
        if (r2 == 0) goto nomatch;
    }
    pe_decref(S, margs);
    *out = res;
    return 0;
nomatch:
    pe_decref(S, margs);
    pe_decref(S, res);
    *out = pe_none();
    return 0;
fail:
    pe_decref(S, margs);
    pe_decref(S, res);
    return -1;
}
