/*
 * mod_binascii.c - `binascii`: a2b_base64 / b2a_base64 (the engine of the
 * `base64` module, csrc/lib/base64.py), hexlify / b2a_hex, unhexlify /
 * a2b_hex, crc32, and the exception classes Error (a ValueError) and
 * Incomplete, with CPython 3.11's results and messages.
 */
#include <stdio.h>

#include "pe_internal.h"
#include "pe_module.h"
#include "pe_vm.h"
#include "pe_class.h"
#include "cont_internal.h"


/* Raises binascii.Error(msg). */
#define bin_error(S, ...) pe_module_raise(S, "binascii", "Error", __VA_ARGS__)

/* An "ascii buffer" argument: bytes-like, or a str of ASCII only. */
static int ascii_data(pe_state *S, pe_val v, const unsigned char **p, size_t *n) {
    if (pe_bytes_view(v, p, n)) return 0;
    if (pe_is_str(pe_unbox(v))) v = pe_unbox(v);
    if (pe_is_str(v)) {
        if (!PE_STR(v)->ascii)
            return pe_raise(S, PE_EXC(ValueError),
                            "string argument should contain only ASCII characters");
        *p = (const unsigned char *)PE_STR(v)->data;
        *n = PE_STR(v)->len;
        return 0;
    }
    return pe_raise(S, PE_EXC(TypeError),
                    "argument should be bytes, buffer or ASCII string, not '%s'", pe_type_name(v));
}

/* A bytes-like argument: "a bytes-like object is required, not 'str'". */
static int binary_data(pe_state *S, pe_val v, const unsigned char **p, size_t *n) {
    if (pe_bytes_view(v, p, n)) return 0;
    return pe_raise(S, PE_EXC(TypeError), "a bytes-like object is required, not '%s'",
                    pe_type_name(v));
}

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64val(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* a2b_base64's kernel: decodes p[0..n) as CPython's binascii does. */
static int a2b_base64(pe_state *S, const unsigned char *p, size_t n, int strict, pe_val *out) {
    if (strict && n > 0 && p[0] == '=') return bin_error(S, "Leading padding not allowed");
    pe_bytes *b = pe_bytes_alloc(S, n / 4 * 3 + 3);
    if (!b) return -1;
    unsigned char *o = b->data;
    unsigned quad = 0, pads = 0, acc = 0;
    bool padding = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c == '=') {
            padding = true;
            if (quad >= 2 && quad + ++pads >= 4) {
                if (strict && i + 1 < n) {
                    bin_error(S, "Excess data after padding");
                    goto fail;
                }
                quad = 0;
                break;
            }
            continue;
        }
        int v = b64val(c);
        if (v < 0) {
            if (strict) {
                bin_error(S, "Only base64 data is allowed");
                goto fail;
            }
            continue;
        }
        if (strict && padding) {
            bin_error(S, "Discontinuous padding not allowed");
            goto fail;
        }
        pads = 0;
        acc = (acc << 6) | (unsigned)v;
        if (quad == 0) {
            quad = 1;
            continue;
        }
        /* quad 1..3: a byte is complete */
        unsigned shift = 6 - 2 * quad; /* 4, 2, 0 bits left over */
        *o++ = (unsigned char)(acc >> shift);
        acc &= (1u << shift) - 1;
        quad = (quad + 1) & 3;
    }
    if (quad == 1) {
        bin_error(S,
                  "Invalid base64-encoded string: number of data characters (%zu) cannot be 1 "
                  "more than a multiple of 4",
                  (size_t)(o - b->data) / 3 * 4 + 1);
        goto fail;
    }
    if (quad != 0) {
        bin_error(S, "Incorrect padding");
        goto fail;
    }
    {
        pe_val res = pe_obj_val(&b->ob);
        int r = pe_bytes_new(S, b->data, (size_t)(o - b->data), out);
        pe_decref(S, res);
        return r;
    }
fail:
    pe_decref(S, pe_obj_val(&b->ob));
    return -1;
}

/* b2a_base64's kernel. */
static int b2a_base64(pe_state *S, const unsigned char *p, size_t n, int newline, pe_val *out) {
    if (n > (SIZE_MAX - 8) / 4 * 3) return pe_raise_nomem(S);
    size_t m = (n + 2) / 3 * 4 + (size_t)newline;
    pe_bytes *b = pe_bytes_alloc(S, m);
    if (!b) return -1;
    unsigned char *o = b->data;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        *o++ = (unsigned char)b64chars[v >> 18];
        *o++ = (unsigned char)b64chars[(v >> 12) & 63];
        *o++ = (unsigned char)b64chars[(v >> 6) & 63];
        *o++ = (unsigned char)b64chars[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
        *o++ = (unsigned char)b64chars[v >> 18];
        *o++ = (unsigned char)b64chars[(v >> 12) & 63];
        *o++ = i + 1 < n ? (unsigned char)b64chars[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
    if (newline) *o++ = '\n';
    *out = pe_obj_val(&b->ob);
    return 0;
}

/* hexlify(data, sep=<unset>, bytes_per_sep=1): data.hex(...) as bytes. */
static int bin_hexlify_as(pe_state *S, const char *fname, int argc, const pe_val *argv,
                          pe_obj *kw, pe_val *out) {
    static const char *const names[] = {"data", "sep", "bytes_per_sep"};
    pe_val slot[3];
    const unsigned char *p;
    size_t n;
    if (pe_args_bind(S, fname, argc, argv, kw, names, 3, 3, slot)) return -1;
    if (slot[0].tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "%s() missing required argument 'data' (pos 1)",
                        fname);
    if (binary_data(S, slot[0], &p, &n)) return -1;
    const pe_cfunc *hex = NULL;
    const pe_cfunc *tab = pe_is_bytes(slot[0]) ? pe_bytes_methods : pe_bytearray_methods;
    for (; tab->name; tab++)
        if (!strcmp(tab->name, "hex")) hex = tab;
    if (!hex) return pe_raise(S, PE_EXC(SystemError), "bytes.hex missing");
    pe_val s;
    int nargs = slot[2].tag != PE_TUNDEF ? 2 : slot[1].tag != PE_TUNDEF ? 1 : 0;
    if (hex->fn(S, slot[0], nargs, slot + 1, NULL, &s)) return -1;
    int r = pe_bytes_new(S, PE_STR(s)->data, PE_STR(s)->len, out);
    pe_decref(S, s);
    return r;
}

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int bin_unhexlify_as(pe_state *S, const char *fname, int argc, const pe_val *argv,
                            pe_obj *kw, pe_val *out) {
    if (pe_cont_onearg(S, fname, argc, kw)) return -1;
    const unsigned char *p;
    size_t n;
    if (ascii_data(S, argv[0], &p, &n)) return -1;
    if (n % 2) return bin_error(S, "Odd-length string");
    pe_bytes *b = pe_bytes_alloc(S, n / 2);
    if (!b) return -1;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexval(p[i]), lo = hexval(p[i + 1]);
        if (hi < 0 || lo < 0) {
            pe_decref(S, pe_obj_val(&b->ob));
            return bin_error(S, "Non-hexadecimal digit found");
        }
        b->data[i / 2] = (unsigned char)(hi << 4 | lo);
    }
    *out = pe_obj_val(&b->ob);
    return 0;
}

/* A module function that is another's alias under its own name. */
#define BIN_ALIAS(fn, impl, name)                                                               \
    static int fn(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,          \
                  pe_val *out) {                                                               \
        (void)self;                                                                            \
        return impl(S, name, argc, argv, kw, out);                                             \
    }
BIN_ALIAS(bin_hexlify, bin_hexlify_as, "hexlify")
BIN_ALIAS(bin_b2a_hex, bin_hexlify_as, "b2a_hex")
BIN_ALIAS(bin_unhexlify, bin_unhexlify_as, "unhexlify")
BIN_ALIAS(bin_a2b_hex, bin_unhexlify_as, "a2b_hex")

/* crc32(data, crc=0, /): CRC-32 (ISO 3309, reflected 0xEDB88320). */
static int bin_crc32(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                     pe_val *out) {
    (void)self;
    if (pe_cont_posargs(S, "crc32", "crc32", argc, kw, 1, 2)) return -1;
    const unsigned char *p;
    size_t n;
    if (binary_data(S, argv[0], &p, &n)) return -1;
    uint32_t crc = 0;
    if (argc == 2) {
        pe_val v, low;
        if (pe_index_int_value(S, argv[1], &v)) return -1;
        if (pe_int_and(S, v, pe_int(0xffffffff), &low)) return -1;
        crc = (uint32_t)low.u.i;
    }
    uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    if (n >= 65536 && pe_work(S, n / 16)) return -1;
    crc = ~crc;
    for (size_t i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    *out = pe_int(~crc & 0xffffffffu);
    return 0;
}

typedef int (*b64_kernel)(pe_state *S, const unsigned char *p, size_t n, int flag, pe_val *out);

/* a2b_base64(data, /, *, strict_mode=False) (ASCII data) and
 * b2a_base64(data, /, *, newline=True) (binary data): "a2b_base64() takes
 * exactly 1 positional argument (0 given)". */
static int b64_call(pe_state *S, const char *fname, const char *flag, int argc,
                    const pe_val *argv, pe_obj *kw, b64_kernel kernel, pe_val *out) {
    const char *const names[] = {"data", flag};
    bool encode = fname[0] == 'b';
    const unsigned char *p;
    size_t n;
    pe_val slot[2];
    int nkw = kw ? (int)((pe_tuple *)kw)->n : 0;
    if (argc - nkw != 1)
        return pe_raise(S, PE_EXC(TypeError),
                        "%s() takes exactly 1 positional argument (%d given)", fname, argc - nkw);
    if (pe_args_bind(S, fname, argc, argv, kw, names, 1, 2, slot) ||
        (encode ? binary_data(S, slot[0], &p, &n) : ascii_data(S, slot[0], &p, &n)))
        return -1;
    int on = slot[1].tag == PE_TUNDEF ? encode : pe_truth(S, slot[1]);
    return on < 0 ? -1 : kernel(S, p, n, on, out);
}

static int bin_a2b_base64(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                          pe_val *out) {
    (void)self;
    return b64_call(S, "a2b_base64", "strict_mode", argc, argv, kw, a2b_base64, out);
}

static int bin_b2a_base64(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                          pe_val *out) {
    (void)self;
    return b64_call(S, "b2a_base64", "newline", argc, argv, kw, b2a_base64, out);
}

static const pe_cfunc binascii_functions[] = {
    PE_METHOD("a2b_base64", bin_a2b_base64), PE_METHOD("a2b_hex", bin_a2b_hex),
    PE_METHOD("b2a_base64", bin_b2a_base64), PE_METHOD("b2a_hex", bin_b2a_hex),
    PE_METHOD("crc32", bin_crc32),           PE_METHOD("hexlify", bin_hexlify),
    PE_METHOD("unhexlify", bin_unhexlify),   PE_METHOD_END,
};

/* class NAME(BASE) with __module__ 'binascii', set on the module. */
static int add_exc_class(pe_state *S, pe_val mod, const char *name, const pe_type *base) {
    pe_val args[3] = {pe_undef(), pe_undef(), pe_undef()}, modname, key, cls;
    pe_val basev = pe_obj_val((pe_obj *)base);
    int r = -1;
    if (pe_str_from_cstr(S, name, &args[0]) || pe_tuple_pack(S, 1, &basev, &args[1]) ||
        pe_dict_new(S, &args[2]) || pe_str_from_cstr(S, "binascii", &modname))
        goto out;
    if (pe_str_from_cstr(S, "__module__", &key)) {
        pe_decref(S, modname);
        goto out;
    }
    r = pe_dict_set(S, PE_DICT(args[2]), key, modname);
    pe_decref(S, key);
    pe_decref(S, modname);
    if (!r) r = pe_call(S, pe_obj_val((pe_obj *)&pe_type_type), 3, args, NULL, &cls);
    if (!r) r = pe_module_set(S, mod, name, cls);
out:
    for (int i = 0; i < 3; i++) pe_decref(S, args[i]);
    return r;
}

int pe_mod_binascii_init(pe_state *S, pe_val mod) {
    if (pe_module_add_functions(S, mod, binascii_functions) ||
        add_exc_class(S, mod, "Error", PE_EXC(ValueError)) ||
        add_exc_class(S, mod, "Incomplete", PE_EXC(Exception)))
        return -1;
    return 0;
}
