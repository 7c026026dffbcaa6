/*
 * test_api.c - unit tests of the public embedding API (csrc/include/pyexpr.h),
 * written against that header ONLY. Built and run by `make check` (every
 * subtest; `make check CONFIG=asan` under ASan/UBSan/LSan, so leaked
 * references and bad frees fail) and by tests/test_api.py.
 *
 *   test_api            run every subtest
 *   test_api NAME...    run the named subtests
 *   test_api --list     print the subtest names
 *   test_api --oracle   print the lines tests/test_api.py compares with
 *                       what CPython prints for the same operations
 *
 * The checks here are facts of the API (ownership, error paths, limits,
 * callbacks); any text that is Python's behaviour (reprs, messages,
 * tracebacks) is printed by --oracle and checked against CPython at test
 * time, never copied here.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyexpr.h"

#include "test_util.h"

/* ---- helpers ---- */


static const char *bs(const buf *b) { return b->p ? b->p : ""; }

static int exc_id(const char *name) {
    int id = pe_exception_type_lookup(name);
    if (id < 0) {
        fprintf(stderr, "no exception class %s\n", name);
        abort();
    }
    return id;
}

/* repr(v) as a malloc'ed string ("<error>" copy when it raised). */
static char *repr_of(pe_state *S, pe_value v) {
    char *s = NULL;
    if (pe_value_repr(S, v, &s, NULL)) {
        pe_exception_clear(S);
        s = malloc(8);
        if (!s) abort();
        strcpy(s, "<error>");
    }
    return s;
}

static int repr_is(pe_state *S, pe_value v, const char *want) {
    char *s = repr_of(S, v);
    int ok = strcmp(s, want) == 0;
    if (!ok) fprintf(stderr, "  repr: got %s want %s\n", s, want);
    free(s);
    return ok;
}

/* str() of the pending exception's message: "Type: message". */
static char *pending_line(pe_state *S) {
    pe_value e = pe_exception(S);
    char *msg = NULL;
    const char *tn = pe_value_type_name(e);
    if (pe_value_str(S, e, &msg, NULL)) abort();
    size_t n = strlen(tn) + strlen(msg) + 3;
    char *line = malloc(n);
    if (!line) abort();
    snprintf(line, n, *msg ? "%s: %s" : "%s%s", tn, msg);
    free(msg);
    return line;
}

static int pending_is(pe_state *S, const char *type) {
    if (!pe_has_exception(S)) {
        fprintf(stderr, "  no exception pending (wanted %s)\n", type);
        return 0;
    }
    int ok = pe_exception_matches(pe_exception(S), exc_id(type)) &&
             pe_exception_type(pe_exception(S)) == exc_id(type);
    if (!ok) fprintf(stderr, "  pending %s, wanted %s\n", pe_value_type_name(pe_exception(S)), type);
    return ok;
}

static pe_code *compile(pe_state *S, const char *src, int mode) {
    pe_code *c = pe_compile(S, src, strlen(src), NULL, mode);
    if (!c) {
        fprintf(stderr, "compile failed: %s\n", src);
        pe_print_exception(S);
        abort();
    }
    return c;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

static void t_immediates(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    CHECK(pe_value_type(pe_value_none()) == PE_TYPE_NONE, "none");
    CHECK(pe_value_type(pe_value_bool(7)) == PE_TYPE_BOOL, "bool");
    CHECK(pe_value_type(pe_value_int(-3)) == PE_TYPE_INT, "int");
    CHECK(pe_value_type(pe_value_float(0.5)) == PE_TYPE_FLOAT, "float");
    CHECK(!strcmp(pe_value_type_name(pe_value_none()), "NoneType"), "NoneType");
    CHECK(!strcmp(pe_value_type_name(pe_value_bool(0)), "bool"), "bool name");
    CHECK(pe_value_id(pe_value_int(5)) == 0, "immediates have no id");
    CHECK(pe_value_is_true(pe_value_none()) == 0 && pe_value_is_true(pe_value_bool(1)) == 1 &&
              pe_value_is_true(pe_value_int(0)) == 0 && pe_value_is_true(pe_value_float(-0.0)) == 0 &&
              pe_value_is_true(pe_value_float(2.0)) == 1,
          "is_true");
    int64_t i = 0;
    CHECK(pe_value_to_int64(S, pe_value_bool(1), &i) == 0 && i == 1, "bool to int64");
    CHECK(pe_value_to_int64(S, pe_value_int(INT64_MIN), &i) == 0 && i == INT64_MIN, "int64 min");
    CHECK(pe_value_to_int64(S, pe_value_float(1.0), &i) == -1 && pending_is(S, "TypeError"),
          "float to int64 is a TypeError");
    pe_exception_clear(S);
    double d = 0;
    CHECK(pe_value_to_double(S, pe_value_int(-7), &d) == 0 && d == -7.0, "int to double");
    CHECK(pe_value_to_double(S, pe_value_none(), &d) == -1 && pending_is(S, "TypeError"),
          "None to double");
    pe_exception_clear(S);
    /* releasing immediates is harmless */
    pe_value_release(S, pe_value_int(1));
    pe_value_retain(pe_value_float(1));
    CHECK(pe_value_utf8(pe_value_int(1), NULL) == NULL && pe_value_len(pe_value_int(1)) == 0,
          "not a str / container");
    free_state(S, &out, &err);
}

static void t_str(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_value s;
    size_t n = 0;
    CHECK(pe_make_str(S, "h\xc3\xa9llo", 6, &s) == 0, "make_str");
    CHECK(pe_value_type(s) == PE_TYPE_STR && pe_value_len(s) == 5, "5 code points");
    const char *p = pe_value_utf8(s, &n);
    CHECK(p && n == 6 && !memcmp(p, "h\xc3\xa9llo", 7), "utf8 back, NUL-terminated");
    CHECK(pe_value_id(s) != 0, "objects have an id");
    pe_value_release(S, s);
    /* embedded NUL and the empty string */
    CHECK(pe_make_str(S, "a\0b", 3, &s) == 0 && pe_value_len(s) == 3, "NUL inside");
    pe_value_release(S, s);
    CHECK(pe_make_str(S, NULL, 0, &s) == 0 && pe_value_len(s) == 0, "empty");
    pe_value_release(S, s);
    /* lone surrogate as 3 bytes: accepted (surrogatepass) */
    CHECK(pe_make_str(S, "\xed\xa0\x80", 3, &s) == 0 && pe_value_len(s) == 1, "surrogate");
    pe_value_release(S, s);
    /* invalid UTF-8: UnicodeDecodeError (messages checked by --oracle) */
    static const char *const bad[] = {"\xff", "a\x80", "\xc3", "\xe2\x82", "\xe2\x28\xa1",
                                      "\xc0\xaf", "\xf4\x90\x80\x80", "\xf0\x8f\xbf\xbf"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(pe_make_str(S, bad[i], strlen(bad[i]), &s) == -1 &&
                  pending_is(S, "UnicodeDecodeError"),
              "bad utf-8 #%zu", i);
        pe_exception_clear(S);
    }
    free_state(S, &out, &err);
}

static void t_ints(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    /* text <-> bytes round trips over the int64 edges and beyond */
    static const char *const texts[] = {
        "0", "1", "-1", "127", "128", "-128", "-129", "255", "256", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "-18446744073709551616",
        "1267650600228229401496703205381", "-1267650600228229401496703205376"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        pe_value v, w;
        CHECK(pe_make_int_text(S, texts[i], strlen(texts[i]), 10, &v) == 0, "text %s", texts[i]);
        CHECK(pe_value_type(v) == PE_TYPE_INT, "int type %s", texts[i]);
        CHECK(repr_is(S, v, texts[i]), "repr %s", texts[i]);
        unsigned char b[32];
        size_t need = 0;
        CHECK(pe_value_int_to_bytes(S, v, b, sizeof b, &need) == 0 && need > 0 && need <= 17,
              "to_bytes %s", texts[i]);
        /* the minimal signed length: the top bit is the sign, and one byte
         * less would not do */
        int neg = texts[i][0] == '-';
        CHECK(((b[need - 1] & 0x80) != 0) == neg, "sign bit %s", texts[i]);
        if (need > 1) {
            int redundant = neg ? (b[need - 1] == 0xff && (b[need - 2] & 0x80))
                                : (b[need - 1] == 0 && !(b[need - 2] & 0x80));
            CHECK(!redundant, "minimal length %s (%zu)", texts[i], need);
        }
        CHECK(pe_make_int_bytes(S, b, need, 1, 1, &w) == 0 && repr_is(S, w, texts[i]),
              "from_bytes LE %s", texts[i]);
        pe_value_release(S, w);
        unsigned char be[32];
        for (size_t k = 0; k < need; k++) be[k] = b[need - 1 - k];
        CHECK(pe_make_int_bytes(S, be, need, 0, 1, &w) == 0 && repr_is(S, w, texts[i]),
              "from_bytes BE %s", texts[i]);
        pe_value_release(S, w);
        /* too small a buffer: only the size */
        size_t need2 = 0;
        CHECK(pe_value_int_to_bytes(S, v, b, need - 1, &need2) == 0 && need2 == need, "cap");
        int64_t x;
        int fits = need <= 8;
        CHECK(pe_value_to_int64(S, v, &x) == (fits ? 0 : -1), "to_int64 %s", texts[i]);
        if (!fits) {
            CHECK(pending_is(S, "OverflowError"), "overflow %s", texts[i]);
            pe_exception_clear(S);
        }
        pe_value_release(S, v);
    }
    /* unsigned */
    unsigned char ff[9] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    pe_value v;
    CHECK(pe_make_int_bytes(S, ff, 9, 1, 0, &v) == 0 && repr_is(S, v, "4722366482869645213695"),
          "unsigned 9 bytes");
    pe_value_release(S, v);
    CHECK(pe_make_int_bytes(S, ff, 9, 1, 1, &v) == 0 && repr_is(S, v, "-1"), "signed -1");
    CHECK(pe_make_int_bytes(S, ff, 0, 1, 1, &v) == 0 && repr_is(S, v, "0"), "no bytes: 0");
    /* bases */
    CHECK(pe_make_int_text(S, "0x_ff", 5, 0, &v) == 0 && repr_is(S, v, "255"), "base 0");
    CHECK(pe_make_int_text(S, " z ", 3, 36, &v) == 0 && repr_is(S, v, "35"), "base 36");
    CHECK(pe_make_int_text(S, "12a", 3, 10, &v) == -1 && pending_is(S, "ValueError"), "bad text");
    pe_exception_clear(S);
    CHECK(pe_make_int_text(S, "1", 1, 1, &v) == -1 && pending_is(S, "ValueError"), "bad base");
    pe_exception_clear(S);
    /* huge int to double: OverflowError */
    unsigned char big[200];
    memset(big, 0x7f, sizeof big);
    CHECK(pe_make_int_bytes(S, big, sizeof big, 1, 1, &v) == 0, "1600-bit int");
    double d;
    CHECK(pe_value_to_double(S, v, &d) == -1 && pending_is(S, "OverflowError"), "to double");
    pe_exception_clear(S);
    pe_value_release(S, v);
    CHECK(pe_value_int_to_bytes(S, pe_value_float(1), big, 8, &(size_t){0}) == -1 &&
              pending_is(S, "TypeError"),
          "float to bytes");
    pe_exception_clear(S);
    free_state(S, &out, &err);
}

static void t_containers(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_value s, items[3], t, l, d, st, fs, got;
    CHECK(pe_make_str(S, "x", 1, &s) == 0, "str");
    items[0] = pe_value_int(1);
    items[1] = s;
    items[2] = pe_value_none();
    CHECK(pe_make_tuple(S, 3, items, &t) == 0 && pe_value_type(t) == PE_TYPE_TUPLE &&
              pe_value_len(t) == 3,
          "tuple");
    CHECK(pe_value_id(pe_value_item(t, 1)) == pe_value_id(s), "item borrowed, same object");
    CHECK(pe_value_type(pe_value_item(t, 3)) == PE_TYPE_NONE, "out of range: None");
    CHECK(pe_make_tuple(S, 0, NULL, &got) == 0 && pe_value_len(got) == 0, "empty tuple");
    pe_value_release(S, got);
    CHECK(pe_make_list(S, 2, items, &l) == 0 && pe_value_type(l) == PE_TYPE_LIST, "list");
    CHECK(pe_value_list_append(S, l, t) == 0 && pe_value_len(l) == 3, "append");
    CHECK(pe_value_list_append(S, t, l) == -1 && pending_is(S, "TypeError"), "append to tuple");
    pe_exception_clear(S);
    CHECK(pe_make_dict(S, &d) == 0 && pe_value_type(d) == PE_TYPE_DICT, "dict");
    CHECK(pe_value_dict_set(S, d, s, pe_value_int(10)) == 0, "d['x'] = 10");
    CHECK(pe_value_dict_set(S, d, pe_value_int(2), l) == 0, "d[2] = list");
    CHECK(pe_value_dict_set(S, d, l, pe_value_int(0)) == -1 && pending_is(S, "TypeError"),
          "unhashable key");
    pe_exception_clear(S);
    CHECK(pe_value_len(d) == 2, "dict len");
    CHECK(pe_value_dict_get(S, d, s, &got) == 1 && pe_value_type(got) == PE_TYPE_INT, "get");
    pe_value_release(S, got);
    CHECK(pe_value_dict_get(S, d, pe_value_int(99), &got) == 0 && !pe_has_exception(S),
          "missing");
    CHECK(pe_value_dict_get(S, d, l, &got) == -1 && pending_is(S, "TypeError"), "unhashable get");
    pe_exception_clear(S);
    CHECK(pe_value_dict_get(S, l, s, &got) == -1 && pending_is(S, "TypeError"), "get on a list");
    pe_exception_clear(S);
    size_t pos = 0, k = 0;
    pe_value key, val;
    while (pe_value_dict_next(d, &pos, &key, &val)) {
        if (k == 0) CHECK(pe_value_id(key) == pe_value_id(s), "insertion order 0");
        if (k == 1) CHECK(pe_value_id(val) == pe_value_id(l), "insertion order 1");
        k++;
    }
    CHECK(k == 2, "dict_next count %zu", k);
    pos = 0;
    CHECK(pe_value_dict_next(d, &pos, &key, NULL) == 1, "val may be NULL");
    CHECK(pe_make_set(S, 0, &st) == 0 && pe_value_type(st) == PE_TYPE_SET, "set");
    CHECK(pe_make_set(S, 1, &fs) == 0 && pe_value_type(fs) == PE_TYPE_FROZENSET, "frozenset");
    for (int i = 0; i < 5; i++) {
        CHECK(pe_value_set_add(S, st, pe_value_int(i % 3)) == 0, "set add");
        CHECK(pe_value_set_add(S, fs, pe_value_int(i)) == 0, "frozenset add");
    }
    CHECK(pe_value_set_add(S, st, l) == -1 && pending_is(S, "TypeError"), "unhashable item");
    pe_exception_clear(S);
    CHECK(pe_value_len(st) == 3 && pe_value_len(fs) == 5, "set sizes");
    pos = 0;
    k = 0;
    pe_value it;
    int64_t sum = 0, x;
    while (pe_value_set_next(fs, &pos, &it)) {
        if (pe_value_to_int64(S, it, &x) == 0) sum += x;
        k++;
    }
    CHECK(k == 5 && sum == 10, "set_next");
    CHECK(pe_value_set_add(S, d, s) == -1 && pending_is(S, "TypeError"), "set_add on a dict");
    pe_exception_clear(S);
    /* the values inside a script */
    pe_code *c = compile(S, "len(l) + d['x'] + sum(fs) + len(st) + (t in l)", PE_MODE_EVAL);
    CHECK(pe_run_begin(S, c) == 0, "begin");
    CHECK(pe_run_bind_name(S, "l", 1, l) == 1 && pe_run_bind_name(S, "d", 1, d) == 1 &&
              pe_run_bind_name(S, "fs", 2, fs) == 1 && pe_run_bind_name(S, "st", 2, st) == 1 &&
              pe_run_bind_name(S, "t", 1, t) == 1,
          "bind");
    CHECK(pe_run_exec(S, &got) == 0 && repr_is(S, got, "27"), "script sees the values");
    pe_value_release(S, got);
    pe_run_end(S); /* no pe_reset: it would free the values held here too */
    pe_code_release(c);
    /* dir */
    CHECK(pe_value_dir(S, s, &got) == 0 && pe_value_type(got) == PE_TYPE_LIST &&
              pe_value_len(got) > 10,
          "dir(str)");
    int has_upper = 0, sorted = 1;
    for (size_t i = 0; i < pe_value_len(got); i++) {
        const char *a = pe_value_utf8(pe_value_item(got, i), NULL);
        if (a && !strcmp(a, "upper")) has_upper = 1;
        if (i && strcmp(pe_value_utf8(pe_value_item(got, i - 1), NULL), a) >= 0) sorted = 0;
    }
    CHECK(has_upper && sorted, "dir: upper present, sorted, unique");
    pe_value_release(S, got);
    pe_value vs[] = {t, l, d, st, fs, s};
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) pe_value_release(S, vs[i]);
    free_state(S, &out, &err);
}

/* ------------------------------------------------------------------ */
/* Runs                                                                */
/* ------------------------------------------------------------------ */

static void t_runs(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_code *c = compile(S, "y = x * 2\nprint('y is', y)\ny + k", PE_MODE_CALC);
    CHECK(pe_code_mode(c) == PE_MODE_CALC, "mode");
    uint32_t ng = pe_code_nglobals(c);
    int64_t sx = pe_code_global_slot(c, "x", 1), sy = pe_code_global_slot(c, "y", 1),
            sp = pe_code_global_slot(c, "print", 5);
    CHECK(ng >= 4 && sx >= 0 && sy >= 0 && sp >= 0, "slots");
    CHECK(pe_code_global_slot(c, "zz", 2) == -1, "unused name");
    size_t n;
    const char *name = pe_code_global_name(c, (uint32_t)sy, &n);
    CHECK(name && n == 1 && name[0] == 'y', "global_name");
    CHECK(pe_code_global_name(c, ng, NULL) == NULL, "past the end");
    for (int64_t i = 0; i < 3; i++) {
        buf_reset(&out);
        pe_value r, v;
        CHECK(pe_run_begin(S, c) == 0, "begin");
        CHECK(pe_run_bind(S, (uint32_t)sx, pe_value_int(i)) == 0, "bind x");
        CHECK(pe_run_bind_name(S, "k", 1, pe_value_int(100)) == 1, "bind k");
        CHECK(pe_run_bind_name(S, "nope", 4, pe_value_int(1)) == 0, "bind unused");
        CHECK(pe_run_global(S, (uint32_t)sy, &v) == 0, "y unbound before the run");
        CHECK(pe_run_global(S, (uint32_t)sp, &v) == 1 && pe_value_type(v) == PE_TYPE_CALLABLE,
              "builtins are bound");
        pe_value_release(S, v);
        CHECK(pe_run_exec(S, &r) == 0, "exec");
        int64_t x;
        CHECK(pe_value_to_int64(S, r, &x) == 0 && x == 2 * i + 100, "result %" PRId64, x);
        CHECK(pe_run_global(S, (uint32_t)sy, &v) == 1 && pe_value_to_int64(S, v, &x) == 0 &&
                  x == 2 * i,
              "y after");
        CHECK(pe_run_global(S, ng, &v) == -1 && pe_has_exception(S), "bad slot");
        pe_exception_clear(S);
        pe_run_end(S);
        CHECK(pe_run_bind(S, 0, pe_value_none()) == -1 && pe_has_exception(S), "bind after end");
        pe_exception_clear(S);
        char want[32];
        snprintf(want, sizeof want, "y is %d\n", (int)(2 * i));
        CHECK(!strcmp(bs(&out), want), "print: %s", bs(&out));
        pe_value_release(S, r);
        pe_value_release(S, v);
        pe_reset(S);
    }
    /* unbound input: NameError; the run can be retried */
    CHECK(pe_run_begin(S, c) == 0 && pe_run_exec(S, NULL) == -1 && pending_is(S, "NameError"),
          "NameError");
    pe_run_end(S);
    pe_reset(S);
    /* begin twice: the first run is ended */
    CHECK(pe_run_begin(S, c) == 0 && pe_run_bind(S, (uint32_t)sx, pe_value_int(1)) == 0 &&
              pe_run_begin(S, c) == 0,
          "begin again");
    pe_run_end(S);
    pe_code_release(c);
    /* pe_run, pe_run_repr, EXEC mode */
    pe_value r;
    c = compile(S, "[1, 'a']", PE_MODE_EVAL);
    CHECK(pe_run(S, c, &r) == 0 && pe_value_type(r) == PE_TYPE_LIST, "pe_run eval");
    pe_value_release(S, r);
    char *rep = NULL;
    CHECK(pe_run_repr(S, c, &rep) == 0 && rep && !strcmp(rep, "[1, 'a']"), "pe_run_repr");
    free(rep);
    pe_reset(S);
    pe_code_release(c);
    c = compile(S, "1 + 1", PE_MODE_EXEC);
    CHECK(pe_run(S, c, &r) == 0 && pe_value_type(r) == PE_TYPE_NONE, "exec mode: None");
    CHECK(pe_run_repr(S, c, &rep) == 0 && rep == NULL, "exec mode: no repr");
    pe_code_release(c);
    /* display hook (PE_MODE_SINGLE) */
    buf_reset(&out);
    c = pe_compile(S, "for i in range(2): i\n", 21, "<stdin>", PE_MODE_SINGLE);
    CHECK(c && pe_run(S, c, NULL) == 0 && !strcmp(bs(&out), "0\n1\n"), "default display: %s",
          bs(&out));
    pe_code_release(c);
    free_state(S, &out, &err);
}

typedef struct {
    int calls;
    int64_t sum;
} disp_ctx;

static int display(pe_state *S, pe_value v, void *ud) {
    disp_ctx *d = ud;
    int64_t x;
    d->calls++;
    if (pe_value_to_int64(S, v, &x)) return -1;
    d->sum += x;
    if (x == 99) return pe_raise_id(S, exc_id("ValueError"), "display refused %d", 99);
    return 0;
}

static void t_display_hook(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    disp_ctx d = {0, 0};
    pe_set_display_hook(S, display, &d);
    pe_code *c = compile(S, "1\nNone\n2 + 3\n", PE_MODE_SINGLE);
    CHECK(pe_run(S, c, NULL) == 0 && d.calls == 2 && d.sum == 6 && out.n == 0, "hook called");
    pe_code_release(c);
    c = compile(S, "'s'\n", PE_MODE_SINGLE);
    CHECK(pe_run(S, c, NULL) == -1 && pending_is(S, "TypeError"), "hook error propagates");
    pe_reset(S);
    pe_code_release(c);
    c = compile(S, "99\n", PE_MODE_SINGLE);
    CHECK(pe_run(S, c, NULL) == -1 && pending_is(S, "ValueError"), "hook raise");
    pe_reset(S);
    pe_code_release(c);
    pe_set_display_hook(S, NULL, NULL);
    c = compile(S, "7\n", PE_MODE_SINGLE);
    CHECK(pe_run(S, c, NULL) == 0 && !strcmp(bs(&out), "7\n"), "hook off");
    pe_code_release(c);
    free_state(S, &out, &err);
}

/* ------------------------------------------------------------------ */
/* Exceptions                                                          */
/* ------------------------------------------------------------------ */

static void t_exception_classes(void) {
    int n = pe_exception_type_count();
    CHECK(n > 60, "count %d", n);
    CHECK(pe_exception_type_name_of(n) == NULL && pe_exception_type_name_of(-1) == NULL, "range");
    CHECK(!strcmp(pe_exception_type_name_of(0), "BaseException") &&
              pe_exception_type_base(0) == 0,
          "BaseException is its own base");
    for (int i = 0; i < n; i++) {
        const char *name = pe_exception_type_name_of(i);
        CHECK(name && pe_exception_type_lookup(name) == i, "lookup %s", name ? name : "?");
        int b = pe_exception_type_base(i);
        CHECK(b >= 0 && (i == 0 || b < i), "%s after its base", name);
    }
    CHECK(pe_exception_type_lookup("LimitError") >= 0, "LimitError");
    CHECK(pe_exception_type_base(exc_id("ZeroDivisionError")) == exc_id("ArithmeticError"),
          "base");
    CHECK(pe_exception_type_lookup("NoSuchError") == -1 && pe_exception_type_lookup(NULL) == -1,
          "unknown");
}

static void t_exceptions(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    CHECK(!pe_has_exception(S) && pe_value_type(pe_exception(S)) == PE_TYPE_NONE, "none pending");
    CHECK(pe_raise_id(S, exc_id("KeyError"), "k%d", 1) == -1 && pending_is(S, "KeyError"),
          "raise_id");
    CHECK(pe_exception_matches(pe_exception(S), exc_id("LookupError")) &&
              pe_exception_matches(pe_exception(S), exc_id("BaseException")) &&
              !pe_exception_matches(pe_exception(S), exc_id("IndexError")),
          "matches the hierarchy");
    CHECK(pe_value_type(pe_exception(S)) == PE_TYPE_EXCEPTION, "an exception value");
    pe_exception_clear(S);
    CHECK(!pe_has_exception(S), "cleared");
    CHECK(pe_raise_id(S, 9999, "x") == -1 && pending_is(S, "SystemError"), "bad id");
    pe_exception_clear(S);
    /* a long message */
    char big[2000];
    memset(big, 'm', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK(pe_raise_id(S, exc_id("ValueError"), "%s!", big) == -1, "long message");
    char *line = pending_line(S);
    CHECK(strlen(line) == strlen("ValueError: ") + sizeof big, "long message kept whole");
    free(line);
    pe_exception_clear(S);
    /* make + raise */
    pe_value a = pe_value_none(), args = pe_value_none(), e;
    CHECK(pe_make_str(S, "boom", 4, &a) == 0 && pe_make_tuple(S, 1, &a, &args) == 0, "args");
    CHECK(pe_make_exception(S, exc_id("RuntimeError"), args, &e) == 0 &&
              pe_exception_type(e) == exc_id("RuntimeError"),
          "make");
    CHECK(pe_value_len(pe_exception_args(e)) == 1 &&
              pe_value_id(pe_value_item(pe_exception_args(e), 0)) == pe_value_id(a),
          "args");
    CHECK(pe_raise_value(S, e) == -1 && pe_value_id(pe_exception(S)) == pe_value_id(e), "raise");
    pe_exception_clear(S);
    pe_value_release(S, e);
    CHECK(pe_make_exception(S, exc_id("ValueError"), pe_value_none(), &e) == 0 &&
              pe_value_len(pe_exception_args(e)) == 0,
          "no args");
    pe_value_release(S, e);
    CHECK(pe_make_exception(S, exc_id("ValueError"), a, &e) == -1 && pending_is(S, "TypeError"),
          "args not a tuple");
    pe_exception_clear(S);
    CHECK(pe_raise_value(S, a) == -1 && pending_is(S, "TypeError"), "raise a str");
    pe_exception_clear(S);
    pe_value_release(S, args);
    pe_value_release(S, a);
    /* OSError(errno, strerror, filename): the errno subclass, filenames */
    pe_value parts[3], f1, f2;
    parts[0] = pe_value_int(2);
    pe_make_str(S, "No such file", 12, &parts[1]);
    pe_make_str(S, "a.txt", 5, &parts[2]);
    pe_make_tuple(S, 3, parts, &args);
    CHECK(pe_make_exception(S, exc_id("OSError"), args, &e) == 0 &&
              pe_exception_type(e) == exc_id("FileNotFoundError"),
          "OSError(2, ...) is FileNotFoundError");
    CHECK(pe_exception_oserror_filenames(e, &f1, &f2) == 1 &&
              pe_value_id(f1) == pe_value_id(parts[2]) && pe_value_type(f2) == PE_TYPE_NONE,
          "filename");
    CHECK(pe_exception_oserror_filenames(pe_value_int(1), &f1, &f2) == -1, "not an OSError");
    pe_value_release(S, e);
    pe_value_release(S, args);
    pe_value_release(S, parts[1]);
    pe_value_release(S, parts[2]);
    /* accessors on something else */
    CHECK(pe_exception_type(pe_value_int(1)) == -1 && !pe_exception_matches(pe_value_int(1), 0) &&
              pe_value_type(pe_exception_args(pe_value_none())) == PE_TYPE_NONE,
          "not an exception");
    /* cause, context, suppress_context from a script */
    pe_code *c = compile(S,
                         "try:\n    {}['k']\nexcept KeyError as k:\n"
                         "    raise ValueError('v') from k\n",
                         PE_MODE_EXEC);
    CHECK(pe_run(S, c, NULL) == -1 && pending_is(S, "ValueError"), "raise from");
    e = pe_exception(S);
    CHECK(pe_exception_type(pe_exception_cause(e)) == exc_id("KeyError") &&
              pe_value_id(pe_exception_cause(e)) == pe_value_id(pe_exception_context(e)) &&
              pe_exception_suppress_context(e) == 1,
          "cause/context/suppress");
    pe_reset(S);
    pe_code_release(c);
    c = compile(S, "try:\n    1/0\nexcept Exception:\n    x\n", PE_MODE_EXEC);
    CHECK(pe_run(S, c, NULL) == -1 && pending_is(S, "NameError"), "context");
    e = pe_exception(S);
    CHECK(pe_exception_type(pe_exception_context(e)) == exc_id("ZeroDivisionError") &&
              pe_value_type(pe_exception_cause(e)) == PE_TYPE_NONE &&
              !pe_exception_suppress_context(e),
          "implicit context");
    char *tb = NULL;
    size_t tblen = 0;
    CHECK(pe_format_exception(S, &tb, &tblen) == 0 && tb && strlen(tb) == tblen &&
              strstr(tb, "During handling") && pe_has_exception(S),
          "format keeps it pending");
    /* the same text as pe_print_exception writes */
    buf_reset(&err);
    pe_print_exception(S);
    CHECK(!strcmp(bs(&err), tb) && !pe_has_exception(S), "format == print");
    free(tb);
    CHECK(pe_format_exception(S, &tb, &tblen) == 0 && tblen == 0 && tb && !*tb, "none: empty");
    free(tb);
    pe_reset(S);
    pe_code_release(c);
    /* SyntaxError info */
    CHECK(pe_compile(S, "x = (1,\n  2 +)\n", 15, "f.py", PE_MODE_EXEC) == NULL &&
              pending_is(S, "SyntaxError"),
          "syntax error");
    pe_syntax_info si;
    CHECK(pe_exception_syntax_info(pe_exception(S), &si) == 0 && si.lineno == 2 &&
              si.offset > 0 && pe_value_utf8(si.filename, NULL) &&
              !strcmp(pe_value_utf8(si.filename, NULL), "f.py") &&
              pe_value_type(si.text) == PE_TYPE_STR,
          "syntax info: line %" PRId64 " offset %" PRId64, si.lineno, si.offset);
    pe_exception_clear(S);
    CHECK(pe_exception_syntax_info(pe_value_none(), &si) == -1, "not a SyntaxError");
    /* SyntaxError made with CPython's details tuple */
    pe_value det[6], msg, pair[2];
    pe_make_str(S, "<stdin>", 7, &det[0]);
    det[1] = pe_value_int(3);
    det[2] = pe_value_int(5);
    pe_make_str(S, "if x\n", 5, &det[3]);
    det[4] = pe_value_int(3);
    det[5] = pe_value_int(6);
    pe_make_str(S, "invalid syntax", 14, &msg);
    pair[0] = msg;
    pe_make_tuple(S, 6, det, &pair[1]);
    pe_make_tuple(S, 2, pair, &args);
    CHECK(pe_make_exception(S, exc_id("SyntaxError"), args, &e) == 0 &&
              pe_exception_syntax_info(e, &si) == 0 && si.lineno == 3 && si.offset == 5 &&
              si.end_lineno == 3 && si.end_offset == 6 &&
              pe_value_id(si.filename) == pe_value_id(det[0]),
          "SyntaxError details");
    pe_value_release(S, e);
    pe_value_release(S, args);
    pe_value_release(S, pair[1]);
    pe_value_release(S, msg);
    pe_value_release(S, det[0]);
    pe_value_release(S, det[3]);
    /* SystemExit */
    c = compile(S, "raise SystemExit(3)", PE_MODE_EXEC);
    CHECK(pe_run(S, c, NULL) == -1 && pe_exception_exit_status(S) == 3 && !pe_has_exception(S),
          "exit status");
    pe_reset(S);
    pe_code_release(c);
    free_state(S, &out, &err);
}

/* ------------------------------------------------------------------ */
/* Host objects                                                        */
/* ------------------------------------------------------------------ */

typedef struct {
    int released;
    int calls;
} host_log;

static host_log hlog;

static void cnt_release(void *ud) {
    (void)ud;
    hlog.released++;
}

static int cnt_repr(pe_state *S, void *ud, char *buf, size_t cap) {
    (void)S;
    return snprintf(buf, cap, "<counter %d%s>", (int)(intptr_t)ud,
                    (intptr_t)ud == 7 ? " with a rather long description that does not fit in a small buffer at all, no, not at all, not even close: it goes on and on, filling line after line, well past two hundred and fifty-six bytes of text, so that the engine must ask a second time with a buffer of the size this callback said it needs" : "");
}

/* counter(a, b=..): a + b + ud; keyword names checked */
static int cnt_call(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kwnames,
                    pe_value *result) {
    hlog.calls++;
    size_t nkw = pe_value_type(kwnames) == PE_TYPE_TUPLE ? pe_value_len(kwnames) : 0;
    int64_t sum = (intptr_t)ud, x;
    for (int i = 0; i < argc; i++) {
        if (pe_value_to_int64(S, argv[i], &x)) return -1;
        sum += x;
    }
    for (size_t k = 0; k < nkw; k++) {
        const char *kn = pe_value_utf8(pe_value_item(kwnames, k), NULL);
        if (!kn || strcmp(kn, "b"))
            return pe_raise_id(S, exc_id("TypeError"), "counter() got an unexpected keyword argument '%s'",
                               kn ? kn : "?");
    }
    if (sum == 13) return -1; /* an error without an exception */
    if (sum == 666) return pe_raise_id(S, exc_id("ValueError"), "unlucky");
    *result = pe_value_int(sum);
    return 0;
}

static const pe_host_class counter_class = {
    .name = "counter", .call = cnt_call, .repr = cnt_repr, .release = cnt_release};
static const pe_host_class opaque_class = {.name = "opaque", .release = cnt_release};

/* Compiles src (PE_MODE_CALC) and begins a run with names[i] = vals[i]. */
static pe_code *begin_with(pe_state *S, const char *src, int n, const char *const *names,
                           const pe_value *vals) {
    pe_code *c = compile(S, src, PE_MODE_CALC);
    pe_run_begin(S, c);
    for (int i = 0; i < n; i++) pe_run_bind_name(S, names[i], strlen(names[i]), vals[i]);
    return c;
}

/* Runs the begun program: its result's repr must be want. */
static void exec_expect(pe_state *S, const char *want, const char *label) {
    pe_value r;
    int rc = pe_run_exec(S, &r);
    CHECK(rc == 0, "%s: ran", label);
    if (rc) {
        pe_print_exception(S);
        return;
    }
    CHECK(repr_is(S, r, want), "%s", label);
    pe_value_release(S, r);
}

static int fn_concat(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kwnames,
                     pe_value *result) {
    (void)ud, (void)kwnames;
    char tmp[64] = "";
    for (int i = 0; i < argc; i++) {
        const char *s = pe_value_utf8(argv[i], NULL);
        if (!s) return pe_raise_id(S, exc_id("TypeError"), "concat() wants str");
        strncat(tmp, s, sizeof tmp - strlen(tmp) - 1);
    }
    return pe_make_str(S, tmp, strlen(tmp), result);
}

static void t_host(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    hlog.released = hlog.calls = 0;
    pe_value h1, h1b = pe_value_none(), h2 = pe_value_none(), op = pe_value_none(),
                                  fn = pe_value_none(), r;
    CHECK(pe_make_host(S, &counter_class, (void *)(intptr_t)1, &h1) == 0 &&
              pe_make_host(S, &counter_class, (void *)(intptr_t)1, &h1b) == 0 &&
              pe_make_host(S, &counter_class, (void *)(intptr_t)7, &h2) == 0 &&
              pe_make_host(S, &opaque_class, (void *)(intptr_t)1, &op) == 0,
          "make_host");
    CHECK(pe_make_function(S, "concat", fn_concat, NULL, &fn) == 0, "make_function");
    CHECK(pe_value_type(h1) == PE_TYPE_HOST && !strcmp(pe_value_type_name(h1), "counter") &&
              !strcmp(pe_value_type_name(fn), "function"),
          "type names");
    CHECK(pe_host_data(h2, &counter_class) == (void *)(intptr_t)7 &&
              pe_host_data(h2, &opaque_class) == NULL && pe_host_data(pe_value_int(1), &opaque_class) == NULL,
          "host_data");
    char *rep = repr_of(S, h2);
    CHECK(strlen(rep) > 256 && !strncmp(rep, "<counter 7 with", 15) && rep[strlen(rep) - 1] == '>',
          "long repr: %s", rep);
    free(rep);
    CHECK(repr_is(S, op, "<opaque object>"), "default repr");
    const char *src = "r = [h1(1, 2), h1(1, b=2), h1 == h1b, h1 == h2, {h1: 'a'}[h1b],\n"
                      "     op == op, h1 != op, concat('a', 'b'), callable(h1), callable(op)]\n"
                      "try:\n    op()\nexcept TypeError as e:\n    r.append(str(e))\n"
                      "try:\n    h1(665)\nexcept ValueError as e:\n    r.append(str(e))\n"
                      "try:\n    h1(c=1)\nexcept TypeError as e:\n    r.append(str(e))\n"
                      "r\n";
    const char *const names[] = {"h1", "h1b", "h2", "op", "concat"};
    const pe_value vals[] = {h1, h1b, h2, op, fn};
    pe_code *c = begin_with(S, src, 5, names, vals);
    exec_expect(S,
                "[4, 4, True, False, 'a', True, True, 'ab', True, False, \"'opaque' object is not "
                "callable\", 'unlucky', \"counter() got an unexpected keyword argument 'c'\"]",
                "host results");
    pe_run_end(S);
    pe_code_release(c);
    CHECK(hlog.calls == 4, "calls %d", hlog.calls);
    /* an error without an exception: SystemError, not a crash */
    c = compile(S, "h(12)", PE_MODE_EVAL);
    pe_run_begin(S, c);
    pe_run_bind_name(S, "h", 1, h1);
    CHECK(pe_run_exec(S, &r) == -1 && pending_is(S, "SystemError"), "-1 without exception");
    pe_run_end(S);
    pe_exception_clear(S);
    pe_code_release(c);
    /* release: once, when the last reference goes */
    CHECK(hlog.released == 0, "nothing released yet");
    pe_value_release(S, h1b);
    CHECK(hlog.released == 1, "released once");
    pe_value_release(S, h1);
    pe_value_release(S, h2);
    pe_value_release(S, fn);
    CHECK(hlog.released == 3, "released: %d", hlog.released);
    /* op is still held: freed with the state */
    pe_state_free(S);
    CHECK(hlog.released == 4, "the state frees the rest: %d", hlog.released);
    free(out.p);
    free(err.p);
}

/* Attribute hooks (issue 15): a record with a read-only `x`, a writable
 * `y` and nothing else; classes made at run time are recognised through
 * pe_host_class_of. */
typedef struct {
    pe_host_class cls; /* first: the hooks find the record type from it */
    int64_t x, y;
} rec_class;

static int rec_getattr(pe_state *S, const pe_host_class *cls, void *ud, const char *name,
                       size_t len, pe_value *out) {
    const rec_class *rc = (const rec_class *)cls;
    (void)ud;
    if (len == 1 && name[0] == 'x') return *out = pe_value_int(rc->x), 0;
    if (len == 1 && name[0] == 'y') return *out = pe_value_int(rc->y), 0;
    return pe_raise_id(S, exc_id("AttributeError"), "'%s' object has no attribute '%s'", cls->name,
                       name);
}

static int rec_setattr(pe_state *S, const pe_host_class *cls, void *ud, const char *name,
                       size_t len, const pe_value *val) {
    rec_class *rc = ud; /* ud is the record itself here */
    if (len != 1 || name[0] != 'y' || !val)
        return pe_raise_id(S, exc_id("AttributeError"), "'%s' object attribute '%s' is read-only",
                           cls->name, name);
    return pe_value_to_int64(S, *val, &rc->y);
}

static void t_host_attrs(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    rec_class rec = {{.name = "Rec", .getattr = rec_getattr, .setattr = rec_setattr}, 4, 5};
    pe_value h, h2;
    CHECK(pe_make_host(S, &rec.cls, &rec, &h) == 0, "make rec");
    CHECK(pe_host_class_of(h) == &rec.cls && pe_host_class_of(pe_value_int(1)) == NULL,
          "host_class_of");
    const char *src = "def err(f):\n"
                      "    try:\n        f()\n    except AttributeError as e:\n        return str(e)\n"
                      "def setx():\n    o.x = 1\n"
                      "r = [o.x + o.y]\no.y = 40\n"
                      "r += [o.y, err(lambda: o.z), err(lambda: o.__class__), err(setx),\n"
                      "      type(o).__name__]\nr\n";
    const char *const names[] = {"o"};
    pe_code *c = begin_with(S, src, 1, names, &h);
    exec_expect(S,
                "[9, 40, \"'Rec' object has no attribute 'z'\", \"'Rec' object has no attribute "
                "'__class__'\", \"'Rec' object attribute 'x' is read-only\", 'Rec']",
                "attr results");
    CHECK(rec.y == 40, "setattr reached the host: %lld", (long long)rec.y);
    /* the engine's own objects from C: datetime.date(2020, 1, 2).isoformat() */
    pe_value mod, cls, d, meth, iso, args[3] = {pe_value_int(2020), pe_value_int(1), pe_value_int(2)};
    CHECK(pe_import_module(S, "datetime", &mod) == 0 && pe_value_getattr(S, mod, "date", &cls) == 0 &&
              pe_value_call(S, cls, 3, args, pe_value_none(), &d) == 0 &&
              pe_value_getattr(S, d, "isoformat", &meth) == 0 &&
              pe_value_call(S, meth, 0, NULL, pe_value_none(), &iso) == 0,
          "datetime from C");
    if (!pe_has_exception(S)) {
        CHECK(pe_value_utf8(iso, NULL) && !strcmp(pe_value_utf8(iso, NULL), "2020-01-02"), "isoformat");
        CHECK(pe_value_getattr(S, d, "nope", &h2) == -1 && pending_is(S, "AttributeError"),
              "getattr error");
        pe_exception_clear(S);
        CHECK(pe_import_module(S, "no_such_module", &h2) == -1 && pending_is(S, "ModuleNotFoundError"),
              "import error");
        pe_exception_clear(S);
        pe_value_release(S, iso);
        pe_value_release(S, meth);
        pe_value_release(S, d);
        pe_value_release(S, cls);
        pe_value_release(S, mod);
    } else {
        pe_print_exception(S);
    }
    pe_run_end(S);
    pe_value_release(S, h);
    pe_reset(S);
    pe_code_release(c);
    free_state(S, &out, &err);
}

/* ------------------------------------------------------------------ */
/* State: allocator, userdata, memory, limits, interrupts              */
/* ------------------------------------------------------------------ */

typedef struct {
    long blocks;      /* live blocks */
    long long bytes;  /* live bytes, by the sizes the engine reports */
    long calls;       /* allocations + reallocations */
    long fail_after;  /* fail the call numbered this (-1: never) */
    int bad_size;     /* a free or realloc named a size other than the block's */
} counting;

typedef struct {
    size_t size;
    size_t pad;
} hdr;

static void *count_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    counting *c = ud;
    hdr *h = ptr ? (hdr *)ptr - 1 : NULL;
    if (h && h->size != osize) {
        if (getenv("TEST_API_DEBUG"))
            fprintf(stderr, "size mismatch: block %zu, told %zu (new %zu)\n", h->size, osize, nsize);
        if (getenv("TEST_API_ABORT")) abort();
        c->bad_size = 1;
    }
    if (nsize == 0) {
        if (h) {
            c->blocks--;
            c->bytes -= (long long)h->size;
            free(h);
        }
        return NULL;
    }
    if (c->fail_after >= 0 && c->calls >= c->fail_after) return NULL;
    c->calls++;
    hdr *n = realloc(h, sizeof(hdr) + nsize);
    if (!n) return NULL;
    if (!h) c->blocks++;
    else c->bytes -= (long long)n->size;
    n->size = nsize;
    c->bytes += (long long)nsize;
    return n + 1;
}

static const char *const alloc_prog =
    "def f(n):\n    return [str(i) * 3 for i in range(n)]\n"
    "d = {k: len(v) for k, v in enumerate(f(300))}\n"
    "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    msg = repr(e)\n"
    "(sum(d.values()), msg, 2 ** 200)\n";

static void t_allocator(void) {
    counting cnt = {0, 0, 0, -1, 0};
    pe_limits lim = {0, 0, 0, 0.0};
    pe_config cfg = {count_alloc, &cnt, &lim};
    buf out = {0}, err = {0};
    pe_state *S = pe_state_new_ex(&cfg);
    CHECK(S && cnt.blocks >= 1, "state from the hook");
    pe_set_output(S, sink, &out, sink, &err);
    pe_code *c = pe_compile(S, alloc_prog, strlen(alloc_prog), NULL, PE_MODE_CALC);
    CHECK(c != NULL, "compile");
    char *rep = NULL;
    CHECK(c && pe_run_repr(S, c, &rep) == 0 && rep, "run");
    free(rep);
    pe_reset(S);
    long live = cnt.blocks;
    pe_state_free(S);
    CHECK(cnt.blocks > 0, "the code outlives the state");
    pe_code_release(c); /* goes back to the hook too */
    CHECK(cnt.blocks == 0 && cnt.bytes == 0 && !cnt.bad_size,
          "everything returned: %ld blocks %lld bytes (live before free: %ld) bad size %d",
          cnt.blocks, cnt.bytes, live, cnt.bad_size);

    /* a failing allocator: MemoryError (or success), never a crash or a
     * leak, at every point of compile + run */
    long total = cnt.calls;
    int ok_runs = 0, memerrs = 0;
    for (long k = 0; k <= total + 1; k = k < 200 || k >= total ? k + 1 : k + 7 > total ? total : k + 7) {
        counting fc = {0, 0, 0, k, 0};
        pe_config fcfg = {count_alloc, &fc, NULL};
        pe_state *T = pe_state_new_ex(&fcfg);
        if (!T) {
            CHECK(fc.blocks == 0, "no state, no leak");
            continue;
        }
        pe_set_output(T, sink, &out, sink, &err);
        pe_code *tc = pe_compile(T, alloc_prog, strlen(alloc_prog), NULL, PE_MODE_CALC);
        int r = -1;
        char *tr = NULL;
        if (tc) r = pe_run_repr(T, tc, &tr);
        free(tr);
        if (r == 0) ok_runs++;
        else if (pe_has_exception(T) &&
                 pe_exception_matches(pe_exception(T), exc_id("MemoryError")))
            memerrs++;
        else if (pe_has_exception(T)) /* e.g. the repr failed in another way */
            memerrs++;
        pe_reset(T);
        pe_state_free(T);
        pe_code_release(tc);
        CHECK(fc.blocks == 0 && !fc.bad_size, "fail after %ld: %ld blocks left", k, fc.blocks);
    }
    CHECK(ok_runs > 0 && memerrs > 0, "both outcomes seen: %d ok, %d MemoryError", ok_runs,
          memerrs);
    free(out.p);
    free(err.p);
}

static int bump(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kw,
                pe_value *result) {
    (void)argc, (void)argv, (void)kw, (void)ud;
    int *n = pe_get_userdata(S);
    if (++*n == 50) pe_interrupt(S);
    *result = pe_value_none();
    return 0;
}

typedef struct {
    int seen;
    int raise;
} hook_ctx;

static int on_interrupt(pe_state *S, void *ud) {
    hook_ctx *h = ud;
    h->seen++;
    if (h->raise) return pe_raise_id(S, exc_id("RuntimeError"), "stopped by the host");
    return 0;
}

static void t_state(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    int counter = 0;
    pe_set_userdata(S, &counter);
    CHECK(pe_get_userdata(S) == &counter, "userdata");
    pe_limits lim = {12345, 0, 77, 1.5}, got;
    pe_set_limits(S, &lim);
    pe_get_limits(S, &got);
    CHECK(got.max_steps == 12345 && got.max_depth == 77 && got.timeout == 1.5 &&
              got.max_memory == 0,
          "limits round trip");
    pe_limits none = {0, 0, 0, 0.0};
    pe_set_limits(S, &none);
    CHECK(pe_memory_used(S) <= pe_memory_peak(S), "used <= peak");
    size_t before = pe_memory_used(S);
    pe_value big;
    CHECK(pe_make_list(S, 0, NULL, &big) == 0, "list");
    for (int i = 0; i < 1000; i++) pe_value_list_append(S, big, pe_value_int(i));
    CHECK(pe_memory_used(S) > before + 8000, "memory counted");
    pe_value_release(S, big);
    CHECK(pe_memory_used(S) == before, "and given back");
    /* interrupts: KeyboardInterrupt without a hook */
    pe_value fn;
    pe_make_function(S, "bump", bump, NULL, &fn);
    pe_code *c = compile(S, "while True:\n    bump()\n", PE_MODE_EXEC);
    pe_run_begin(S, c);
    pe_run_bind_name(S, "bump", 4, fn);
    CHECK(pe_run_exec(S, NULL) == -1 && pending_is(S, "KeyboardInterrupt") && counter == 50,
          "KeyboardInterrupt (%d)", counter);
    pe_run_end(S);
    pe_exception_clear(S);
    /* with a hook: it decides (go on once, then raise) */
    hook_ctx h = {0, 0};
    pe_set_interrupt_hook(S, on_interrupt, &h);
    pe_code *c2 = compile(S, "n = 0\nwhile n < 200:\n    n += 1\n    bump()\nn\n", PE_MODE_CALC);
    counter = 0;
    pe_value r;
    pe_run_begin(S, c2);
    pe_run_bind_name(S, "bump", 4, fn);
    CHECK(pe_run_exec(S, &r) == 0 && h.seen == 1 && repr_is(S, r, "200"), "hook went on");
    pe_run_end(S);
    pe_value_release(S, r);
    counter = 0;
    h.raise = 1;
    pe_run_begin(S, c);
    pe_run_bind_name(S, "bump", 4, fn);
    CHECK(pe_run_exec(S, NULL) == -1 && pending_is(S, "RuntimeError") && h.seen == 2,
          "hook raised");
    pe_run_end(S);
    pe_exception_clear(S);
    pe_set_interrupt_hook(S, NULL, NULL);
    /* an interrupt before a run is not left over for it */
    pe_interrupt(S);
    counter = -1000; /* bump() does not interrupt */
    pe_run_begin(S, c2);
    pe_run_bind_name(S, "bump", 4, fn);
    CHECK(pe_run_exec(S, &r) == 0, "stale interrupt ignored");
    pe_run_end(S);
    pe_value_release(S, r);
    pe_exception_clear(S);
    pe_code_release(c);
    pe_code_release(c2);
    /* steps and time limits */
    pe_limits steps = {1000, 0, 0, 0.0};
    pe_set_limits(S, &steps);
    c = compile(S, "while True: pass", PE_MODE_EXEC);
    CHECK(pe_run(S, c, NULL) == -1 && pending_is(S, "LimitError"), "steps");
    pe_exception_clear(S);
    pe_limits timed = {0, 0, 0, 0.05};
    pe_set_limits(S, &timed);
    CHECK(pe_run(S, c, NULL) == -1 && pending_is(S, "LimitError"), "timeout");
    pe_exception_clear(S);
    pe_code_release(c);
    pe_set_limits(S, &none);
    /* depth */
    pe_limits deep = {0, 0, 50, 0.0};
    pe_set_limits(S, &deep);
    c = compile(S, "def f(n): return f(n + 1)\nf(0)", PE_MODE_EXEC);
    CHECK(pe_run(S, c, NULL) == -1 && pending_is(S, "RecursionError"), "depth");
    pe_exception_clear(S);
    pe_code_release(c);
    pe_value_release(S, fn);
    free_state(S, &out, &err);
}

/* max_memory is per run: what the state holds when a run starts is not
 * the run's, so a state holding more than max_memory still runs. */
static void t_memory_per_run(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    pe_limits lim = {0, 200000, 0, 0.0};
    pe_set_limits(S, &lim);
    /* the state holds ~1.6 MB of input, 8x the limit */
    pe_value big, r;
    pe_limits none = {0, 0, 0, 0.0};
    pe_set_limits(S, &none);
    CHECK(pe_make_list(S, 0, NULL, &big) == 0, "list");
    for (int i = 0; i < 100000; i++) pe_value_list_append(S, big, pe_value_float(i));
    pe_set_limits(S, &lim);
    pe_code *c = compile(S, "len(x) + len([0] * 10000)", PE_MODE_EVAL);
    for (int k = 0; k < 3; k++) {
        pe_run_begin(S, c);
        pe_run_bind_name(S, "x", 1, big);
        CHECK(pe_run_exec(S, &r) == 0 && repr_is(S, r, "110000"), "within the run's allowance");
        if (pe_has_exception(S)) pe_print_exception(S);
        pe_run_end(S);
        pe_value_release(S, r);
        pe_exception_clear(S);
    }
    pe_code *c2 = compile(S, "len(x) + len([0] * 100000)", PE_MODE_EVAL);
    pe_run_begin(S, c2);
    pe_run_bind_name(S, "x", 1, big);
    CHECK(pe_run_exec(S, &r) == -1 && pending_is(S, "LimitError"), "beyond it");
    char *line = pending_line(S);
    CHECK(strstr(line, "200000") != NULL, "the message names max_memory: %s", line);
    free(line);
    pe_run_end(S);
    pe_exception_clear(S);
    /* values made between pe_run_begin and pe_run_end are the run's */
    pe_run_begin(S, c);
    pe_value l2;
    int made = pe_make_list(S, 0, NULL, &l2) == 0, rc = 0;
    for (int i = 0; made && rc == 0 && i < 100000; i++) rc = pe_value_list_append(S, l2, pe_value_int(i));
    CHECK(made && rc == -1 && pending_is(S, "LimitError"), "inputs count toward the run");
    pe_exception_clear(S);
    if (made) pe_value_release(S, l2);
    pe_run_end(S);
    CHECK(pe_make_list(S, 0, NULL, &l2) == 0, "after pe_run_end: no run limit");
    pe_value_release(S, l2);
    /* pe_run_repr too */
    char *rep = NULL;
    CHECK(pe_run_repr(S, c2, &rep) == -1 && pending_is(S, "NameError"), "run_repr runs");
    pe_exception_clear(S);
    pe_code_release(c);
    pe_code_release(c2);
    /* a compile counts from its own start too */
    size_t n = 400000;
    char *src = malloc(n + 1);
    for (size_t i = 0; i < n; i++) src[i] = i % 4 == 3 ? '\n' : i % 4 == 2 ? '1' : i % 4 == 1 ? '=' : 'x';
    src[n] = 0;
    CHECK(pe_compile(S, src, n, NULL, PE_MODE_EXEC) == NULL && pending_is(S, "LimitError"),
          "compile limited");
    pe_exception_clear(S);
    free(src);
    pe_value_release(S, big);
    free_state(S, &out, &err);
}

static void t_code_sharing(void) {
    /* one code, two states, and pe_code_release_in */
    buf out = {0}, err = {0};
    pe_state *A = new_state(&out, &err), *B = new_state(&out, &err);
    pe_code *c = compile(A, "s = 'ab' * n\nlen(s)", PE_MODE_CALC);
    pe_code_retain(c);
    pe_value r;
    for (int i = 0; i < 2; i++) {
        pe_state *S = i ? B : A;
        pe_run_begin(S, c);
        pe_run_bind_name(S, "n", 1, pe_value_int(3 + i));
        CHECK(pe_run_exec(S, &r) == 0 && repr_is(S, r, i ? "8" : "6"), "state %d", i);
        pe_run_end(S);
        pe_value_release(S, r);
        pe_reset(S);
    }
    pe_code_release_in(A, c);
    pe_code_release_in(B, c);
    pe_state_free(A);
    pe_state_free(B);
    free(out.p);
    free(err.p);
}

/* ------------------------------------------------------------------ */
/* --oracle: lines CPython must print the same (tests/test_api.py)     */
/* ------------------------------------------------------------------ */

static void oracle_line(pe_state *S) {
    char *line = pending_line(S);
    printf("%s\n", line);
    free(line);
    pe_exception_clear(S);
}

static void oracle(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    /* 1. invalid UTF-8 (bytes.decode('utf-8', 'surrogatepass')) */
    static const char *const bad[] = {"\xff", "a\x80", "\xc3", "\xe2\x82", "\xe2\x28\xa1",
                                      "\xc0\xaf", "\xf4\x90\x80\x80", "\xf0\x8f\xbf\xbf",
                                      "ok\xed\xa0", "\xf0\x9f\x98"};
    pe_value v;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (pe_make_str(S, bad[i], strlen(bad[i]), &v) == 0) {
            printf("ok\n");
            pe_value_release(S, v);
        } else {
            oracle_line(S);
        }
    }
    /* 2. reprs and strs of values built through the API */
    pe_value items[4], t, l, d, st, s;
    pe_make_str(S, "it's \"q\"\n\xc3\xa9", 12, &s);
    items[0] = pe_value_int(-5);
    items[1] = pe_value_float(0.1);
    items[2] = s;
    items[3] = pe_value_bool(1);
    pe_make_tuple(S, 4, items, &t);
    pe_make_list(S, 1, &t, &l);
    pe_make_dict(S, &d);
    pe_value_dict_set(S, d, s, l);
    pe_value_dict_set(S, d, pe_value_none(), pe_value_float(1e300 * 1e10));
    pe_make_set(S, 1, &st);
    pe_value_set_add(S, st, pe_value_int(3));
    pe_value_set_add(S, st, pe_value_int(1));
    pe_value vals[] = {t, l, d, st, s, pe_value_float(-0.0), pe_value_none()};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        char *a = NULL, *b = NULL;
        size_t an = 0, bn = 0;
        pe_value_repr(S, vals[i], &a, &an);
        pe_value_str(S, vals[i], &b, &bn);
        fwrite(a, 1, an, stdout);
        fputs(" | ", stdout);
        fwrite(b, 1, bn, stdout); /* str(s) holds a NUL */
        fputc('\n', stdout);
        free(a);
        free(b);
    }
    /* 3. ints */
    unsigned char bytes[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80};
    pe_make_int_bytes(S, bytes, sizeof bytes, 1, 1, &v);
    char *a = repr_of(S, v);
    printf("%s\n", a);
    free(a);
    double dd;
    if (pe_value_to_double(S, v, &dd) == 0) {
        a = repr_of(S, pe_value_float(dd));
        printf("%s\n", a);
        free(a);
    }
    pe_value_release(S, v);
    pe_make_int_bytes(S, bytes, sizeof bytes, 0, 0, &v);
    a = repr_of(S, v);
    printf("%s\n", a);
    free(a);
    pe_value_release(S, v);
    if (pe_make_int_text(S, "12a", 3, 10, &v)) oracle_line(S);
    if (pe_make_int_text(S, "0b102", 5, 0, &v)) oracle_line(S);
    unsigned char ones[200];
    memset(ones, 0xff, sizeof ones);
    pe_make_int_bytes(S, ones, sizeof ones, 1, 0, &v);
    if (pe_value_to_double(S, v, &dd)) oracle_line(S);
    pe_value_release(S, v);
    /* 4. errors of the mutators */
    if (pe_value_dict_set(S, d, l, pe_value_none())) oracle_line(S);
    if (pe_value_set_add(S, st, d)) oracle_line(S);
    if (pe_value_dict_get(S, d, st, &v) == 1) pe_value_release(S, v);
    printf("%s\n", pe_has_exception(S) ? "raised" : "frozenset key ok");
    pe_exception_clear(S);
    /* 5. exceptions made through the API */
    pe_value parts[3], args, e;
    parts[0] = pe_value_int(13);
    pe_make_str(S, "Permission denied", 17, &parts[1]);
    pe_make_str(S, "/x", 2, &parts[2]);
    pe_make_tuple(S, 3, parts, &args);
    pe_make_exception(S, exc_id("OSError"), args, &e);
    a = repr_of(S, e);
    char *b = NULL;
    pe_value_str(S, e, &b, NULL);
    printf("%s | %s | %s\n", pe_value_type_name(e), a, b);
    free(a);
    free(b);
    pe_value_release(S, e);
    pe_value_release(S, args);
    pe_value_release(S, parts[1]);
    pe_value_release(S, parts[2]);
    pe_raise_id(S, exc_id("KeyError"), "%s-%d", "k", 7);
    oracle_line(S);
    /* 6. a traceback as text (tests/test_api.py runs the same source with
     * `python -c`, whose file name is "<string>" too) */
    printf("--- traceback\n");
    const char *src = "def f(x):\n    return g(x) + 1\ndef g(x):\n    return {}[x]\n"
                      "try:\n    f('k')\nexcept KeyError as e:\n    raise ValueError(str(e)) from e\n";
    pe_code *c = pe_compile(S, src, strlen(src), NULL, PE_MODE_EXEC);
    if (c && pe_run(S, c, NULL)) {
        char *tb = NULL;
        if (pe_format_exception(S, &tb, NULL) == 0) fputs(tb, stdout);
        free(tb);
    }
    pe_reset(S);
    pe_code_release(c);
    pe_value rel[] = {t, l, d, st, s};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) pe_value_release(S, rel[i]);
    free_state(S, &out, &err);
}

/* pe_set_clock: the wall clock scripts read; a fixed clock makes time,
 * datetime and an unseeded random reproducible from run to run. */
static int64_t fixed_clock(void *ud) { return *(const int64_t *)ud; }

static void t_clock(void) {
    buf out = {0}, err = {0};
    pe_state *S = new_state(&out, &err);
    int64_t now = INT64_C(1700000000123456789);
    pe_set_clock(S, fixed_clock, &now);
    const char *src = "import time, datetime, random\n"
                      "print(time.time(), time.time_ns(), time.gmtime()[:6])\n"
                      "print(datetime.datetime.now(), datetime.date.today(),\n"
                      "      datetime.datetime.now(datetime.timezone.utc).isoformat())\n"
                      "print(random.random(), random.Random().randint(1, 10**9))\n";
    pe_code *c = compile(S, src, PE_MODE_EXEC);
    CHECK(pe_run(S, c, NULL) == 0, "clock run 1");
    char *first = strdup(bs(&out));
    CHECK(first && strncmp(first, "1700000000.123457 1700000000123456789 (2023, 11, 14, 22, 13, 20)\n"
                                  "2023-11-14 22:13:20.123457 2023-11-14 2023-11-14T22:13:20.123457+00:00\n",
                           136) == 0, "fixed clock: %s", bs(&out));
    pe_reset(S);
    out.n = 0;
    CHECK(pe_run(S, c, NULL) == 0 && first && strcmp(bs(&out), first) == 0,
          "same output again: %s", bs(&out));
    /* back to the real clock: time moves on and random is seeded afresh */
    pe_set_clock(S, NULL, NULL);
    pe_reset(S);
    out.n = 0;
    CHECK(pe_run(S, c, NULL) == 0 && first && strcmp(bs(&out), first) != 0, "real clock");
    free(first);
    pe_reset(S); /* the run's objects point into c: reset before releasing it */
    pe_code_release(c);
    free_state(S, &out, &err);
}

/* ---- driver ---- */

static const subtest subtests[] = {
    {"immediates", t_immediates},
    {"str", t_str},
    {"ints", t_ints},
    {"containers", t_containers},
    {"runs", t_runs},
    {"display_hook", t_display_hook},
    {"exception_classes", t_exception_classes},
    {"exceptions", t_exceptions},
    {"host", t_host},
    {"host_attrs", t_host_attrs},
    {"allocator", t_allocator},
    {"state", t_state},
    {"memory_per_run", t_memory_per_run},
    {"code_sharing", t_code_sharing},
    {"clock", t_clock},
};
#define NSUB (sizeof subtests / sizeof subtests[0])

int main(int argc, char **argv) {
    if (argc == 2 && !strcmp(argv[1], "--oracle")) {
        oracle();
        return 0;
    }
    int ran = run_subtests(subtests, NSUB, argc, argv);
    if (ran <= 0) return ran ? 2 : 0;
    printf("test_api: %d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
