/*
 * A minimal embedding of pyexpr through the installed public header and
 * library alone (tests/test_embedding.py builds it with
 *   cc embed_minimal.c $(pkg-config --cflags --libs pyexpr)
 * against `make install PREFIX=<tmp>` and compares its output with what
 * embed_minimal_expected.py prints under CPython). The complete example of
 * the API is examples/embed.c; this one only uses the entry points every
 * front end needs: state, output sinks, compile, run with the result's repr,
 * traceback printing, reset.
 */
#include <pyexpr.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t write_stdout(void *ud, const char *buf, size_t n) {
    (void)ud;
    return fwrite(buf, 1, n, stdout);
}

/* Compiles and runs one program in PE_MODE_CALC; prints "result: REPR" or
 * the traceback (to stdout too, so that the order is kept). The filename is
 * "<string>": its tracebacks show no source lines, as CPython's (for other
 * names pyexpr shows the program's lines where CPython would read the named
 * file). */
static void run(pe_state *S, const char *src) {
    printf("--- %s\n", src);
    pe_code *code = pe_compile(S, src, strlen(src), "<string>", PE_MODE_CALC);
    if (code == NULL) {
        pe_print_exception(S);
        pe_reset(S);
        return;
    }
    char *repr = NULL;
    if (pe_run_repr(S, code, &repr) != 0) {
        pe_print_exception(S);
    } else if (repr != NULL) {
        printf("result: %s\n", repr);
        free(repr);
    }
    pe_reset(S);
    pe_code_release(code);
}

int main(void) {
    if (strcmp(pe_version(), PYEXPR_VERSION) != 0) {
        printf("library %s, header %s\n", pe_version(), PYEXPR_VERSION);
        return 1;
    }
    printf("header and library agree on the version\n");
    pe_state *S = pe_state_new();
    if (S == NULL) {
        return 1;
    }
    pe_set_output(S, write_stdout, NULL, write_stdout, NULL);
    run(S, "sum(i * i for i in range(10))");
    run(S, "xs = sorted({'b': 2, 'a': 1}.items())\nprint(xs)\n2 ** 100");
    run(S, "def f(n):\n    return 10 // n\nf(0)");
    run(S, "x = (1,");
    run(S, "[n for n in range(3)]");
    pe_state_free(S);
    printf("done\n");
    return 0;
}
