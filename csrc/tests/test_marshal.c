/*
 * test_marshal.c - the code serializer (marshal.c): round trips, stable
 * output, and the loader against damaged input. Built and run by
 * `make check` (under ASan/UBSan with CONFIG=asan) and tests/test_marshal.py.
 *
 *   test_marshal              every subtest, on a built-in program and every
 *                             .py file of tests/corpus/SUITE/ and csrc/lib/
 *   test_marshal FILE.py...   the round-trip and damage checks on those files
 */
#include <dirent.h>
#include <math.h>

#include "pe_marshal.h"
#include "pe_vm.h"
#include "test_util.h"

/* A program with every kind of code object and constant. */
static const char prog[] =
    "import math\n"
    "X = (1, -2, 3.5, -0.0, 10**30, -(2**70), 'h\\xe9\\u20ac\\U0001f600', b'\\x00\\xff', None,\n"
    "     True, False, ..., frozenset({1, 'a', (2, 3)}), float('inf'))\n"
    "def outer(a, /, b=2, *args, c, d=4, **kw):\n"
    "    '''doc'''\n"
    "    n = 0\n"
    "    def inner(x):\n"
    "        nonlocal n\n"
    "        n += x\n"
    "        return n\n"
    "    for i in range(3):\n"
    "        try:\n"
    "            inner(i)\n"
    "        except (ValueError, KeyError) as e:\n"
    "            raise TypeError('t') from e\n"
    "        finally:\n"
    "            pass\n"
    "    return [y * 2 for y in args if y in {1, 2, 3}], {k: v for k, v in kw.items()}, n\n"
    "class C:\n"
    "    z = 1\n"
    "    def m(self):\n"
    "        return super().__repr__\n"
    "def gen():\n"
    "    yield from range(2)\n"
    "    x = yield 5\n"
    "lam = lambda q: q + 1\n"
    "match X:\n"
    "    case (1, *rest):\n"
    "        pass\n"
    "print(outer(1, 2, 3, c=4, e=5), lam(1), list(gen()), f'{X[0]!r:>4}')\n";

static size_t discard(void *ud, const char *s, size_t n) {
    (void)ud;
    (void)s;
    return n;
}

static pe_val val_of(pe_value v) {
    pe_val x;
    memcpy(&x, &v, sizeof x);
    return x;
}

static char *disasm(pe_state *S, const pe_code *c) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_code_dump(S, c, &sb);
    char *r = strndup(sb.p ? sb.p : "", sb.len);
    pe_sb_free(&sb);
    return r;
}

/* Serialized bytes of src (NULL if it does not compile); *n their length. */
static char *serialize(pe_state *S, const char *src, size_t len, const char *fn, size_t *n) {
    pe_code *c = pe_compile(S, src, len, fn, PE_MODE_EXEC);
    if (!c) {
        pe_exc_clear(S);
        return NULL;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    char *r = NULL;
    if (pe_code_serialize(S, c, &sb) == 0) {
        r = malloc(sb.len);
        if (!r) abort();
        memcpy(r, sb.p, sb.len);
        *n = sb.len;
    }
    CHECK(r, "%s: serialize failed: %s", fn, exc_name(S));
    pe_exc_clear(S);
    pe_sb_free(&sb);
    pe_code_release(c);
    return r;
}

/* Compile, serialize, load: same disassembly, source and filename; the
 * loaded program runs with the same output; serializing it again gives the
 * same bytes. */
static void roundtrip(pe_state *S, const char *src, size_t len, const char *fn, bool run) {
    pe_code *c = pe_compile(S, src, len, fn, PE_MODE_EXEC);
    if (!c) { /* the corpus has files that are compile errors on purpose */
        pe_exc_clear(S);
        return;
    }
    pe_sb sb, sb2;
    pe_sb_init(&sb, S);
    pe_sb_init(&sb2, S);
    pe_code *back = NULL;
    CHECK(pe_code_serialize(S, c, &sb) == 0, "%s: serialize: %s", fn, exc_name(S));
    if (pe_code_deserialize(S, sb.p, sb.len, &back)) {
        char *msg = NULL;
        size_t mn = 0;
        if (pe_format_exception(S, &msg, &mn)) msg = NULL;
        CHECK(0, "%s: load: %s", fn, msg ? msg : exc_name(S));
        free(msg);
    }
    if (back) {
        char *a = disasm(S, c), *b = disasm(S, back);
        CHECK(!strcmp(a, b), "%s: disassembly differs", fn);
        free(a);
        free(b);
        CHECK(back->source_len == c->source_len && !memcmp(back->source, c->source, c->source_len),
              "%s: source differs", fn);
        CHECK(!strcmp(back->filename, c->filename) && back->flags == c->flags &&
                  back->mode == c->mode,
              "%s: header differs", fn);
        CHECK(pe_code_serialize(S, back, &sb2) == 0 && sb2.len == sb.len &&
                  !memcmp(sb.p, sb2.p, sb.len),
              "%s: reserialized bytes differ", fn);
        if (run) {
            buf o1 = {0}, o2 = {0};
            pe_set_output(S, sink, &o1, sink, &o1);
            pe_run(S, c, NULL);
            pe_print_exception(S);
            pe_reset(S);
            pe_set_output(S, sink, &o2, sink, &o2);
            pe_run(S, back, NULL);
            pe_print_exception(S);
            pe_reset(S);
            pe_set_output(S, discard, NULL, discard, NULL);
            CHECK(o1.n == o2.n && (!o1.n || !memcmp(o1.p, o2.p, o1.n)), "%s: output differs", fn);
            free(o1.p);
            free(o2.p);
        }
    }
    pe_exc_clear(S);
    pe_sb_free(&sb);
    pe_sb_free(&sb2);
    pe_code_release(back);
    pe_code_release(c);
}

/* Every prefix, and every byte replaced by a few values (all positions of a
 * short buffer, a stride through a long one): loads or raises ValueError /
 * MemoryError, never crashes (ASan). */
static void damage(pe_state *S, const char *bytes, size_t n, const char *fn) {
    unsigned char *m = malloc(n);
    if (!m) abort();
    size_t stride = n / 1000 + 1;
    int bad = 0;
    for (size_t cut = 0; cut < n; cut += stride) {
        pe_code *c = NULL;
        if (pe_code_deserialize(S, bytes, cut, &c) == 0) bad++;
        else if (strcmp(exc_name(S), "ValueError")) bad++;
        pe_code_release(c);
        pe_exc_clear(S);
    }
    CHECK(!bad, "%s: %d prefixes loaded or raised another error", fn, bad);
    static const unsigned char vals[] = {0x00, 0x01, 0x7f, 0x80, 0xff, 'c', 's', '('};
    bad = 0;
    for (size_t at = 0; at < n; at += stride)
        for (size_t k = 0; k < sizeof vals; k++) {
            memcpy(m, bytes, n);
            if (m[at] == vals[k]) continue;
            m[at] = vals[k];
            pe_code *c = NULL;
            if (pe_code_deserialize(S, m, n, &c) == 0) {
                char *d = disasm(S, c);
                free(d);
            } else if (strcmp(exc_name(S), "ValueError") && strcmp(exc_name(S), "MemoryError") &&
                       strcmp(exc_name(S), "TypeError")) {
                bad++;
            }
            pe_code_release(c);
            pe_exc_clear(S);
        }
    CHECK(!bad, "%s: %d damaged buffers raised an unexpected error", fn, bad);
    free(m);
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (!p) abort();
    *len = fread(p, 1, (size_t)n, f);
    fclose(f);
    return p;
}

static void file_checks(pe_state *S, const char *path, bool run, bool dmg) {
    size_t len, n;
    char *src = slurp(path, &len);
    CHECK(src, "cannot read %s", path);
    if (!src) return;
    roundtrip(S, src, len, path, run);
    char *b = dmg ? serialize(S, src, len, path, &n) : NULL;
    if (b) damage(S, b, n, path);
    free(b);
    free(src);
}

/* Every .py under dir (one level of suites below tests/corpus). */
static int walk(pe_state *S, const char *dir, int levels, bool run) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t l = strlen(e->d_name);
        if (l > 3 && !strcmp(e->d_name + l - 3, ".py")) {
            file_checks(S, path, run, false);
            count++;
        } else if (levels > 0) {
            count += walk(S, path, levels - 1, run);
        }
    }
    closedir(d);
    return count;
}

static void test_values(pe_state *S) {
    /* values outside code objects: a list/dict/set the hooks' users need */
    pe_code *c = pe_compile(S, "[1, 2**80, -3.25, 'x', b'y', {'k': (None, ...)}, {4}]", 53,
                            "<v>", PE_MODE_EVAL);
    CHECK(c, "compile");
    if (!c) return;
    pe_value v;
    CHECK(pe_run(S, c, &v) == 0, "run");
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_marshal_w w;
    pe_marshal_w_init(&w, S, &sb);
    CHECK(pe_marshal_write_val(&w, val_of(v)) == 0, "write_val");
    pe_marshal_r r;
    pe_marshal_r_init(&r, S, sb.p, sb.len);
    pe_val back;
    CHECK(pe_marshal_read_val(&r, &back) == 0 && r.p == r.end, "read_val");
    if (back.tag != PE_TUNDEF) {
        CHECK(pe_eq(S, val_of(v), back) == 1, "value differs");
        pe_decref(S, back);
    }
    pe_marshal_r_fini(&r);
    /* a list containing itself: too deeply nested, not a crash */
    pe_marshal_w_init(&w, S, &sb);
    pe_code *c2 = pe_compile(S, "a = []\na.append(a)\na", 21, "<cyc>", PE_MODE_CALC);
    pe_value cyc;
    if (c2 && pe_run(S, c2, &cyc) == 0) {
        CHECK(pe_marshal_write_val(&w, val_of(cyc)) == -1 && !strcmp(exc_name(S), "ValueError"),
              "cyclic list: %s", exc_name(S));
        pe_exc_clear(S);
        pe_value_release(S, cyc);
    }
    /* a code object is refused outside a program */
    static const char code_tag[] = "c";
    pe_marshal_r_init(&r, S, code_tag, 1);
    CHECK(pe_marshal_read_val(&r, &back) == -1 && !strcmp(exc_name(S), "ValueError"),
          "bare code object");
    pe_marshal_r_fini(&r);
    pe_exc_clear(S);
    pe_sb_free(&sb);
    pe_value_release(S, v);
    pe_reset(S);
    pe_code_release(c);
    pe_code_release(c2);
}

/* The same source serializes to the same bytes in two states (nothing
 * per-state leaks into the bytecode: slots, names, hashes). */
static void test_stable(void) {
    pe_state *A = pe_state_new(), *B = pe_state_new();
    pe_code *w = pe_compile(A, "import fractions\nx = 1", 22, "<warm>", PE_MODE_EXEC);
    CHECK(w && pe_run(A, w, NULL) == 0, "warm-up run"); /* A has run something, B has not */
    pe_reset(A);
    pe_code_release(w);
    size_t na = 0, nb = 0;
    char *a = serialize(A, prog, sizeof prog - 1, "<p>", &na);
    char *b = serialize(B, prog, sizeof prog - 1, "<p>", &nb);
    CHECK(a && b && na == nb && !memcmp(a, b, na), "bytes differ between states");
    free(a);
    free(b);
    pe_state_free(A);
    pe_state_free(B);
}

/* Hand-made bad inputs (n bytes) with their messages. */
typedef struct { const char *bytes; size_t n; const char *msg; } bad_case;

static void test_bad(pe_state *S) {
    static const bad_case cases[] = {
        {"", 0, "bad marshal data (not pyexpr bytecode)"},
        {"PEXD\x01", 5, "bad marshal data (not pyexpr bytecode)"},
        {"PEXC\x09", 5, "bad marshal data (unsupported format version)"},
        {"PEXC\x02\x03" "0.0", 9, "bad marshal data (written by another pyexpr version)"},
        {"PEXC\x02\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 16,
         "bad marshal data (varint too long)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pe_code *c = NULL;
        CHECK(pe_code_deserialize(S, cases[i].bytes, cases[i].n, &c) == -1, "case %zu loads", i);
        char *msg = NULL;
        size_t n = 0;
        pe_value e = pe_exception(S);
        if (pe_value_str(S, e, &msg, &n) == 0) {
            CHECK(!strcmp(msg, cases[i].msg), "case %zu: %s", i, msg);
            free(msg);
        }
        pe_exc_clear(S);
    }
}

int main(int argc, char **argv) {
    pe_state *S = pe_state_new();
    if (!S) return 1;
    pe_set_output(S, discard, NULL, discard, NULL);
    pe_limits lim = {.max_steps = 2000000, .max_memory = 256u << 20, .timeout = 10};
    pe_set_limits(S, &lim);
    if (argc > 1) {
        for (int i = 1; i < argc; i++) file_checks(S, argv[i], true, true);
    } else {
        roundtrip(S, prog, sizeof prog - 1, "<prog>", true);
        size_t n;
        char *b = serialize(S, prog, sizeof prog - 1, "<prog>", &n);
        if (b) damage(S, b, n, "<prog>");
        free(b);
        test_values(S);
        test_bad(S);
        test_stable();
        int files = walk(S, "csrc/lib", 0, false) + walk(S, "tests/corpus", 1, false);
        CHECK(files > 100, "only %d files found (run from the repository root)", files);
        file_checks(S, "csrc/lib/fractions.py", false, true);
    }
    pe_state_free(S);
    printf("test_marshal: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
