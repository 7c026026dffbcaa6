/*
 * mod_json.c - `_json`, the C helper module of `json` (csrc/lib/json.py):
 *   encode(obj, skipkeys, ensure_ascii, check_circular, allow_nan,
 *          sort_keys, indent, key_separator, item_separator, default,
 *          pymode) -> str
 *   decode(s, idx, whole, strict, object_hook, object_pairs_hook,
 *          parse_float, parse_int, parse_constant, errcls)
 *          -> value (whole) or (value, end)
 * The arguments are positional and already validated by json.py (which
 * is the only caller scripts should use); the engine is json.c.
 */
#include "json.h"
#include "pe_module.h"
#include "pe_vm.h"
#include "pe_class.h"

static int arg_error(pe_state *S, const char *fname, int want, int argc, pe_obj *kw) {
    if (kw && ((pe_tuple *)kw)->n)
        return pe_raise(S, PE_EXC(TypeError), "_json.%s() takes no keyword arguments", fname);
    if (argc != want)
        return pe_raise(S, PE_EXC(TypeError), "_json.%s() takes exactly %d arguments (%d given)",
                        fname, want, argc);
    return 0;
}

/* A str option (separator, indent): its bytes. */
static int str_opt(pe_state *S, pe_val v, const char *what, const char **p, size_t *n) {
    if (!pe_is_str(v))
        return pe_raise(S, PE_EXC(TypeError), "%s must be str, not %s", what, pe_type_name(v));
    *p = PE_STR(v)->data;
    *n = PE_STR(v)->len;
    return 0;
}

static int json_encode(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    (void)self;
    if (arg_error(S, "encode", 11, argc, kw)) return -1;
    pe_json_enc e;
    memset(&e, 0, sizeof e);
    e.S = S;
    bool *flags[] = {&e.skipkeys, &e.ensure_ascii, &e.check_circular, &e.allow_nan,
                     &e.sort_keys};
    for (int i = 0; i < 5; i++) {
        int t = pe_truth(S, argv[1 + i]);
        if (t < 0) return -1;
        *flags[i] = t;
    }
    if (argv[6].tag != PE_TNONE && str_opt(S, argv[6], "indent", &e.indent, &e.indent_len))
        return -1;
    if (str_opt(S, argv[7], "key_separator", &e.key_sep, &e.key_sep_len) ||
        str_opt(S, argv[8], "item_separator", &e.item_sep, &e.item_sep_len))
        return -1;
    e.default_fn = argv[9];
    int t = pe_truth(S, argv[10]);
    if (t < 0) return -1;
    e.pymode = t;
    return pe_json_encode(&e, argv[0], out);
}

static int json_decode(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    (void)self;
    if (arg_error(S, "decode", 10, argc, kw)) return -1;
    pe_val doc = pe_unbox(argv[0]); /* a str subclass: its text */
    if (!pe_is_str(doc))
        return pe_raise(S, PE_EXC(TypeError), "first argument must be a string, not %s",
                        pe_type_name(argv[0]));
    if (argv[1].tag != PE_TINT)
        return pe_raise_not_index(S, argv[1]);
    pe_json_dec d;
    memset(&d, 0, sizeof d);
    d.S = S;
    int whole = pe_truth(S, argv[2]), strict = pe_truth(S, argv[3]);
    if (whole < 0 || strict < 0) return -1;
    d.strict = strict;
    d.object_hook = argv[4];
    d.pairs_hook = argv[5];
    d.parse_float = argv[6];
    d.parse_int = argv[7];
    d.parse_constant = argv[8];
    d.errcls = argv[9];
    return pe_json_decode(&d, doc, argv[1].u.i, whole, out);
}

static const pe_cfunc json_functions[] = {
    PE_METHOD("decode", json_decode),
    PE_METHOD("encode", json_encode),
    PE_METHOD_END,
};

int pe_mod_json_init(pe_state *S, pe_val mod) {
    return pe_module_add_functions(S, mod, json_functions);
}
