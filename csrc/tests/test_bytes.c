/*
 * test_bytes.c - bytes and bytearray through the public API only
 * (pe_make_bytes, pe_value_bytes, pe_value_type/len, binding a bytes
 * input and reading a bytes result). Built and run by `make check`.
 */
#include "test_util.h"

static pe_code *compile_eval(pe_state *S, const char *src) {
    return pe_compile(S, src, strlen(src), "<test>", PE_MODE_EVAL);
}

/* Runs `src` (an expression of x) with x bound to v; the result or NULL. */
static int eval_with(pe_state *S, const char *src, pe_value x, pe_value *out) {
    pe_code *c = compile_eval(S, src);
    if (!c) return -1;
    int r = pe_run_begin(S, c);
    if (!r) r = pe_run_bind_name(S, "x", 1, x) < 0 ? -1 : 0;
    if (!r) r = pe_run_exec(S, out);
    pe_run_end(S);
    pe_code_release(c);
    return r;
}

int main(void) {
    pe_state *S = pe_state_new();
    if (!S) return 2;

    /* constructors and accessors */
    pe_value b, ba, r;
    static const unsigned char raw[] = {0, 'a', 0xff, '\n'};
    CHECK(pe_make_bytes(S, raw, sizeof raw, 0, &b) == 0, "make bytes");
    CHECK(pe_value_type(b) == PE_TYPE_BYTES, "type bytes");
    CHECK(strcmp(pe_value_type_name(b), "bytes") == 0, "name bytes");
    size_t n = 0;
    const unsigned char *p = pe_value_bytes(b, &n);
    CHECK(p && n == 4 && memcmp(p, raw, 4) == 0 && pe_value_len(b) == 4, "bytes contents");
    CHECK(pe_make_bytes(S, "xy", 2, 1, &ba) == 0 && pe_value_type(ba) == PE_TYPE_BYTEARRAY,
          "make bytearray");
    CHECK(pe_make_bytes(S, NULL, 0, 0, &r) == 0 && pe_value_bytes(r, &n) && n == 0, "empty");
    pe_value_release(S, r);
    CHECK(pe_make_bytes(S, NULL, 1, 0, &r) == -1 && pe_has_exception(S), "NULL data refused");
    pe_exception_clear(S);
    CHECK(pe_value_bytes(pe_value_int(1), &n) == NULL, "not bytes");

    /* a bytes input and a bytes result */
    CHECK(eval_with(S, "x + b'!'", b, &r) == 0 && pe_value_type(r) == PE_TYPE_BYTES, "concat");
    p = pe_value_bytes(r, &n);
    CHECK(p && n == 5 && p[4] == '!' && p[2] == 0xff, "concat contents");
    pe_value_release(S, r);
    CHECK(eval_with(S, "x.hex()", b, &r) == 0 && pe_value_type(r) == PE_TYPE_STR, "hex");
    CHECK(strcmp(pe_value_utf8(r, NULL), "0061ff0a") == 0, "hex text");
    pe_value_release(S, r);
    /* a bytearray input is shared, not copied: mutations are visible */
    CHECK(eval_with(S, "x.append(33)", ba, &r) == 0, "append");
    pe_value_release(S, r);
    p = pe_value_bytes(ba, &n);
    CHECK(p && n == 3 && p[2] == '!', "bytearray mutated in place");

    pe_value_release(S, b);
    pe_value_release(S, ba);
    pe_state_free(S);
    printf("test_bytes: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
