/*
 * test_session.c - the interactive prompt's engine support, through
 * pyexpr.h only (as the CLI uses it): pe_source_is_complete, the
 * one-statement rule of pe_compile in PE_MODE_SINGLE, and pe_session_*
 * (globals that live across programs). Built and run by `make check`
 * (also CONFIG=asan: leaks and bad accesses fail).
 *
 * The expectations are facts about the prompt (does it ask for more, which
 * values do globals hold), not CPython text; the prompt's output itself is
 * compared with CPython's by tests/test_repl.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyexpr.h"

#include "test_util.h"

static size_t discard(void *ud, const char *s, size_t n) {
    (void)ud;
    (void)s;
    return n;
}

static void test_complete(pe_state *S) {
    static const struct {
        const char *src;
        int complete;
    } cases[] = {
        {"", 1},
        {"x = 1\n", 1},
        {"# only a comment\n", 1},
        {"x = )\n", 1},                      /* an error is complete: it is shown */
        {"(1,\n", 0},                        /* open bracket */
        {"(1,\n\n", 0},                      /* ... an empty line inside it too */
        {"(1,\n\n2)\n", 1},
        {"'''a\n", 0},                       /* triple-quoted string */
        {"'''a\n\nb'''\n", 1},
        {"y = 1 + \\\n", 0},                 /* backslash continuation */
        {"if True:\n", 0},                   /* header: the block is missing */
        {"if True:\n    x = 1\n", 0},        /* compound: waits for an empty line */
        {"if True:\n    x = 1\n\n", 1},
        {"for i in range(3): i\n", 0},
        {"for i in range(3): i\n\n", 1},
        {"try:\n    1\n", 0},
        {"try:\n    1\n\n", 1},              /* missing except: an error, shown */
        {"if True:\n    x = 1\nprint(2)\n", 1}, /* a second statement: an error */
        {"if 0:\n    pass\nelse:\n", 0},     /* a clause continues the statement */
        {"if True:\ny = 2\n", 1},            /* IndentationError, shown */
        {"for i in range(2):\n  x = (i +\n\n", 0},
        {"def f():\n    return 1\n", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int c = pe_source_is_complete(S, cases[i].src, strlen(cases[i].src));
        CHECK(c == cases[i].complete, "pe_source_is_complete(%s) = %d", cases[i].src, c);
        CHECK(!pe_has_exception(S), "pe_source_is_complete(%s) raised", cases[i].src);
    }
    /* a pending exception stays pending, untouched */
    pe_raise_id(S, pe_exception_type_lookup("ValueError"), "kept");
    pe_value before = pe_exception(S);
    CHECK(pe_source_is_complete(S, "(\n", 2) == 0, "incomplete with an exception pending");
    CHECK(pe_has_exception(S) && pe_value_id(pe_exception(S)) == pe_value_id(before),
          "the pending exception is kept");
    pe_exception_clear(S);
}

static void test_single_rule(pe_state *S) {
    const char *src = "if True:\n  x = 1\nprint(2)\n";
    pe_code *code = pe_compile(S, src, strlen(src), "<stdin>", PE_MODE_SINGLE);
    CHECK(!code, "second statement compiles");
    pe_value e = pe_exception(S);
    CHECK(pe_exception_type(e) == pe_exception_type_lookup("SyntaxError"), "not a SyntaxError");
    pe_syntax_info si;
    CHECK(pe_exception_syntax_info(e, &si) == 0, "no syntax info");
    CHECK(si.lineno == 3 && si.offset == 1 && si.end_offset == 6, "at %lld:%lld-%lld",
          (long long)si.lineno, (long long)si.offset, (long long)si.end_offset);
    pe_exception_clear(S);
    /* inside brackets a line at column 0 is no new statement; clauses
     * continue; in exec mode the rule does not apply */
    const char *ok[] = {"if True:\n  x = (1,\n2)\n", "if 0:\n  pass\nelse:\n  pass\n"};
    for (size_t i = 0; i < 2; i++) {
        code = pe_compile(S, ok[i], strlen(ok[i]), "<stdin>", PE_MODE_SINGLE);
        CHECK(code != NULL, "%s does not compile", ok[i]);
        pe_exception_clear(S);
        pe_code_release(code);
    }
    code = pe_compile(S, src, strlen(src), "<string>", PE_MODE_EXEC);
    CHECK(code != NULL, "exec mode applies the prompt's rule");
    pe_exception_clear(S);
    pe_code_release(code);
}

/* Compiles and runs one input in the session; returns the run's status. */
static int run(pe_state *S, pe_session *sess, const char *src) {
    pe_code *code = pe_compile(S, src, strlen(src), "<stdin>", PE_MODE_SINGLE);
    if (!code) return -2;
    int r = pe_session_run(S, sess, code, NULL);
    pe_code_release_in(S, code);
    return r;
}

static int64_t global_int(pe_state *S, pe_session *sess, const char *name) {
    pe_value v;
    int64_t i = -999;
    if (pe_session_get(S, sess, name, strlen(name), 0, &v) == 1) {
        if (pe_value_to_int64(S, v, &i)) pe_exception_clear(S);
        pe_value_release(S, v);
    }
    return i;
}

static int displayed;

static int count_display(pe_state *S, pe_value v, void *ud) {
    (void)S;
    (void)v;
    (void)ud;
    displayed++;
    return 0;
}

static void test_session(pe_state *S) {
    pe_session *sess = pe_session_new(S);
    CHECK(sess != NULL, "pe_session_new");
    if (!sess) return;
    pe_set_display_hook(S, count_display, NULL);
    /* a function reads and writes the variables of later inputs */
    CHECK(run(S, sess, "def show():\n    global seen\n    seen = total\n    return total\n") == 0,
          "def");
    CHECK(run(S, sess, "total = 7\n") == 0, "assign");
    CHECK(run(S, sess, "show()\n") == 0, "call");
    CHECK(global_int(S, sess, "seen") == 7, "seen = %lld", (long long)global_int(S, sess, "seen"));
    CHECK(displayed == 1, "displayed %d", displayed);
    /* many new globals move the slot table: functions follow */
    char big[8192];
    size_t n = 0;
    for (int i = 0; i < 300; i++) n += (size_t)snprintf(big + n, sizeof big - n, "v%d = %d; ", i, i);
    snprintf(big + n, sizeof big - n, "total = 41\n");
    CHECK(run(S, sess, big) == 0, "300 globals");
    CHECK(run(S, sess, "r = show() + v299\n") == 0, "call after growth");
    CHECK(global_int(S, sess, "r") == 340, "r = %lld", (long long)global_int(S, sess, "r"));
    /* NameError names the session's variable */
    CHECK(run(S, sess, "del total\n") == 0, "del");
    CHECK(run(S, sess, "show()\n") == -1, "NameError expected");
    CHECK(pe_exception_type(pe_exception(S)) == pe_exception_type_lookup("NameError"), "NameError");
    pe_exception_clear(S);
    /* set / get / builtins / next */
    pe_value seven = pe_value_int(7);
    CHECK(pe_session_set(S, sess, "fresh", 5, &seven) == 0, "set");
    CHECK(global_int(S, sess, "fresh") == 7, "fresh");
    CHECK(run(S, sess, "fresh2 = fresh * 6\n") == 0, "read a set global");
    CHECK(global_int(S, sess, "fresh2") == 42, "fresh2");
    CHECK(pe_session_set(S, sess, "fresh", 5, NULL) == 0, "unbind");
    pe_value v;
    CHECK(pe_session_get(S, sess, "fresh", 5, 0, &v) == 0, "unbound");
    CHECK(pe_session_get(S, sess, "len", 3, 0, &v) == 0, "len is no global");
    CHECK(pe_session_get(S, sess, "len", 3, 1, &v) == 1 && pe_value_type(v) == PE_TYPE_CALLABLE,
          "len is a builtin");
    pe_value_release(S, v);
    size_t pos = 0, count = 0, len;
    const char *name;
    int saw_show = 0, saw_fresh = 0;
    while (pe_session_next(sess, &pos, &name, &len, &v)) {
        count++;
        saw_show |= len == 4 && !memcmp(name, "show", 4) && pe_value_type(v) == PE_TYPE_CALLABLE;
        saw_fresh |= len == 5 && !memcmp(name, "fresh", 5);
    }
    CHECK(saw_show && !saw_fresh && count > 300, "next: %zu names", count);
    /* the same code twice; a shared code is refused */
    pe_code *code = pe_compile(S, "seen = seen + 1\n", 16, "<stdin>", PE_MODE_SINGLE);
    CHECK(code && pe_session_run(S, sess, code, NULL) == 0, "first run");
    CHECK(code && pe_session_run(S, sess, code, NULL) == 0, "second run of the same code");
    CHECK(global_int(S, sess, "seen") == 43, "seen = %lld", (long long)global_int(S, sess, "seen"));
    pe_code_release_in(S, code);
    code = pe_compile(S, "z = 1\n", 6, "<stdin>", PE_MODE_SINGLE);
    pe_code_retain(code); /* held elsewhere too */
    CHECK(pe_session_run(S, sess, code, NULL) == -1, "shared code runs");
    CHECK(pe_exception_type(pe_exception(S)) == pe_exception_type_lookup("ValueError"),
          "ValueError");
    pe_exception_clear(S);
    pe_code_release(code);
    pe_code_release(code);
    /* limits apply per session run */
    pe_limits lim = {.max_steps = 1000, .max_memory = 1 << 20};
    pe_set_limits(S, &lim);
    CHECK(run(S, sess, "while True: pass\n") == -1, "steps limit");
    CHECK(pe_exception_type(pe_exception(S)) == pe_exception_type_lookup("LimitError"), "LimitError");
    pe_exception_clear(S);
    CHECK(run(S, sess, "big = [0] * (1 << 22)\n") == -1, "memory limit");
    CHECK(pe_exception_type(pe_exception(S)) == pe_exception_type_lookup("LimitError"), "LimitError");
    pe_exception_clear(S);
    CHECK(run(S, sess, "small = [0] * 1000\n") == 0, "within the limits");
    pe_set_limits(S, NULL);
    CHECK(run(S, sess, "big = [0] * (1 << 22)\n") == 0, "no limits");
    pe_set_display_hook(S, NULL, NULL);
    pe_session_free(S, sess);
}

int main(void) {
    pe_state *S = pe_state_new();
    if (!S) return 1;
    pe_set_output(S, discard, NULL, discard, NULL);
    test_complete(S);
    test_single_rule(S);
    test_session(S);
    pe_state_free(S);
    printf("test_session: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
