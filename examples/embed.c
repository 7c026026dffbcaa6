/*
 * embed.c - embedding pyexpr in a C program: a complete example of the API
 * in pyexpr.h (guide: docs/embedding.md).
 *
 *   cc embed.c $(pkg-config --cflags --libs pyexpr) -o embed && ./embed
 *
 * It makes a state with limits, compiles a program once and runs it three
 * times with different inputs (a dict of lists, a number and a host C
 * function), reads the result and a global, then handles a failing run by
 * exception type and prints its traceback, and shows a limit at work.
 * Everything on stdout is deterministic (tests/test_embedding.py compares
 * it with what examples/embed_expected.py prints under CPython); memory
 * figures go to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pyexpr.h>

/* A host function: clamp(x, lo, hi) for ints. argv is borrowed; the result
 * is a new reference (ints need no release). Errors: raise, return -1. */
static int clamp(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kwnames,
                 pe_value *result) {
    (void)ud;
    if (argc != 3 || pe_value_type(kwnames) != PE_TYPE_NONE)
        return pe_raise_id(S, pe_exception_type_lookup("TypeError"),
                           "clamp() takes 3 positional arguments (%d given)", argc);
    int64_t x, lo, hi;
    for (int i = 0; i < 3; i++)
        if (pe_value_type(argv[i]) != PE_TYPE_INT)
            return pe_raise_id(S, pe_exception_type_lookup("TypeError"),
                               "clamp() wants ints, not %s", pe_value_type_name(argv[i]));
    if (pe_value_to_int64(S, argv[0], &x) || pe_value_to_int64(S, argv[1], &lo) ||
        pe_value_to_int64(S, argv[2], &hi))
        return -1; /* OverflowError raised */
    *result = pe_value_int(x < lo ? lo : x > hi ? hi : x);
    return 0;
}

/* Prints "label: repr(v)". */
static void show(pe_state *S, const char *label, pe_value v) {
    char *text;
    if (pe_value_repr(S, v, &text, NULL) == 0) {
        printf("%s: %s\n", label, text);
        free(text);
    } else {
        pe_exception_clear(S);
        printf("%s: <repr failed>\n", label);
    }
}

/* students = {"ada": [12, 9, 7], "bob": [5, 20, 6], "cy": [9, 9, 9]} */
static int make_students(pe_state *S, pe_value *out) {
    static const char *const names[] = {"ada", "bob", "cy"};
    static const int64_t marks[3][3] = {{12, 9, 7}, {5, 20, 6}, {9, 9, 9}};
    if (pe_make_dict(S, out)) return -1;
    for (int i = 0; i < 3; i++) {
        pe_value key, items[3], list;
        for (int j = 0; j < 3; j++) items[j] = pe_value_int(marks[i][j]);
        if (pe_make_str(S, names[i], strlen(names[i]), &key)) return -1;
        if (pe_make_list(S, 3, items, &list)) {
            pe_value_release(S, key);
            return -1;
        }
        int r = pe_value_dict_set(S, *out, key, list); /* the dict takes its own references */
        pe_value_release(S, key);
        pe_value_release(S, list);
        if (r) return -1;
    }
    return 0;
}

static const char *const PROGRAM =
    "scores = {name: clamp(sum(marks) * weight, 0, 100) for name, marks in students.items()}\n"
    "best = max(scores, key=scores.get)\n"
    "f'{best} leads with {scores[best]}'\n";

static const char *const FAILING = "def ratio(a, b):\n"
                                   "    return a / b\n"
                                   "ratio(total, count)\n";

int main(void) {
    /* 1. A state with limits (per run: steps, memory, call depth, time). */
    pe_limits limits = {.max_steps = 1000000, .max_memory = 16u << 20, .max_depth = 200,
                        .timeout = 5.0};
    pe_config config = {.alloc = NULL, .alloc_ud = NULL, .limits = &limits};
    pe_state *S = pe_state_new_ex(&config);
    if (!S) return 1;

    /* 2. Compile once (mode CALC: the value of the last expression is the
     *    result). A NULL file name is "<string>". */
    pe_code *code = pe_compile(S, PROGRAM, strlen(PROGRAM), NULL, PE_MODE_CALC);
    if (!code) {
        pe_print_exception(S); /* SyntaxError traceback to stderr */
        return 1;
    }
    printf("program uses %u global names\n", (unsigned)pe_code_nglobals(code));

    /* 3. Inputs made once, bound into every run. */
    pe_value students, clamp_fn;
    if (make_students(S, &students) || pe_make_function(S, "clamp", clamp, NULL, &clamp_fn)) {
        pe_print_exception(S);
        return 1;
    }
    int64_t scores_slot = pe_code_global_slot(code, "scores", 6);

    /* 4. Run it many times. */
    for (int64_t weight = 1; weight <= 4; weight *= 2) {
        pe_value result, scores;
        if (pe_run_begin(S, code) || pe_run_bind_name(S, "students", 8, students) < 0 ||
            pe_run_bind_name(S, "clamp", 5, clamp_fn) < 0 ||
            pe_run_bind_name(S, "weight", 6, pe_value_int(weight)) < 0 ||
            pe_run_exec(S, &result)) {
            pe_run_end(S);
            pe_print_exception(S);
            return 1;
        }
        printf("weight %d: %s\n", (int)weight, pe_value_utf8(result, NULL));
        if (scores_slot >= 0 && pe_run_global(S, (uint32_t)scores_slot, &scores) == 1) {
            show(S, "  scores", scores);
            pe_value_release(S, scores);
        }
        pe_value_release(S, result);
        pe_run_end(S);
    }

    /* 5. A host function called wrongly: the script can catch what it raised. */
    const char *guard = "try:\n    clamp('9', 0, 10)\nexcept TypeError as e:\n    msg = str(e)\nmsg\n";
    pe_code *g = pe_compile(S, guard, strlen(guard), NULL, PE_MODE_CALC);
    if (g && pe_run_begin(S, g) == 0 && pe_run_bind_name(S, "clamp", 5, clamp_fn) >= 0) {
        pe_value msg;
        if (pe_run_exec(S, &msg) == 0) {
            printf("script caught: %s\n", pe_value_utf8(msg, NULL));
            pe_value_release(S, msg);
        }
    }
    pe_run_end(S);
    pe_exception_clear(S);
    pe_code_release(g);

    /* 6. A failing run: inspect the exception by type, print its traceback. */
    pe_code *bad = pe_compile(S, FAILING, strlen(FAILING), NULL, PE_MODE_EXEC);
    if (!bad) return 1;
    pe_run_begin(S, bad);
    pe_run_bind_name(S, "total", 5, pe_value_int(10));
    pe_run_bind_name(S, "count", 5, pe_value_int(0));
    if (pe_run_exec(S, NULL) != 0) {
        pe_value e = pe_exception(S); /* borrowed */
        if (pe_exception_matches(e, pe_exception_type_lookup("ArithmeticError")))
            printf("caught %s (an ArithmeticError)\n", pe_value_type_name(e));
        char *tb;
        if (pe_format_exception(S, &tb, NULL) == 0) {
            fputs(tb, stdout);
            free(tb);
        }
        pe_exception_clear(S);
    }
    pe_run_end(S);

    /* 7. Limits: max_memory counts what one run allocates. */
    const char *hog = "x = [0] * 10**8\n";
    pe_code *h = pe_compile(S, hog, strlen(hog), NULL, PE_MODE_EXEC);
    if (h && pe_run(S, h, NULL) != 0) {
        char *text;
        if (pe_value_str(S, pe_exception(S), &text, NULL) == 0) {
            printf("%s: %s\n", pe_value_type_name(pe_exception(S)), text);
            free(text);
        }
        pe_exception_clear(S);
    }
    fprintf(stderr, "memory: %zu bytes held, %zu at peak\n", pe_memory_used(S),
            pe_memory_peak(S));

    /* 8. Clean up: our values, then reset (frees cycles: every value of the
     *    state is invalid afterwards), then the codes, then the state. */
    pe_value_release(S, students);
    pe_value_release(S, clamp_fn);
    pe_reset(S);
    pe_code_release(h);
    pe_code_release(bad);
    pe_code_release(code);
    pe_state_free(S);
    return 0;
}
