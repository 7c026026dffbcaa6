/*
 * test_opcodes.c - the opcode table (pe_vm.h) and its consumers, against
 * libpyexpr.a: the table's columns agree with each other, the compiler's
 * stack-depth flow pass sizes frames exactly, PE_CODE_BOUNDED
 * (pe_code_flags) is set exactly for the programs it promises, and a byte
 * that is no opcode is an internal error (SystemError), never a crash or a
 * SystemExit. Built and run by `make check` and tests/test_opcodes.py.
 *
 *   test_opcodes            run every subtest
 *   test_opcodes NAME...    run the named subtests
 */
#include <stdio.h>
#include <stdlib.h>

#include "pe_vm.h"

#include "test_util.h"

static pe_code *compile(pe_state *S, const char *src) {
    pe_code *c = pe_compile(S, src, strlen(src), "<string>", PE_MODE_EXEC);
    CHECK(c != NULL, "compiles: %s", src);
    return c;
}

/* Every column agrees with the others. */
static void t_table(void) {
    for (int op = 0; op < PE_OP__COUNT; op++) {
        const pe_opinfo *o = &pe_opinfo_table[op];
        CHECK(o->name && *o->name, "opcode %d has a name", op);
        bool jump = (o->flags & PE_OPF_JUMP) != 0;
        CHECK(jump == (o->kind == PE_ARGK_JUMP), "%s: JUMP flag iff jump argument", o->name);
        CHECK(!(o->flags & PE_OPF_COND) || jump, "%s: COND only on jumps", o->name);
        CHECK(!jump || (o->flags & (PE_OPF_COND | PE_OPF_NOFALL)),
              "%s: a jump is conditional or never falls through", o->name);
        CHECK(jump || o->jpushes == 0, "%s: jpushes only on jumps", o->name);
        /* a superinstruction's row is its first part's, plus PE_OPF_SUPER */
        uint32_t first, second = pe_super_parts((uint32_t)op, &first);
        CHECK(((o->flags & PE_OPF_SUPER) != 0) == (second != 0), "%s: SUPER iff two parts",
              o->name);
        if (second) {
            const pe_opinfo *a = &pe_opinfo_table[first];
            CHECK(a->pops == o->pops && a->pushes == o->pushes && a->jpushes == o->jpushes &&
                      a->kind == o->kind && (a->flags | PE_OPF_SUPER) == o->flags &&
                      !(pe_opinfo_table[second].flags & PE_OPF_SUPER),
                  "%s: the row of its first part", o->name);
        }
        /* pe_op_stack never leaves PE_SE_VAR unresolved */
        for (uint32_t arg = 0; arg < 4; arg++) {
            int pops, pushes, jpushes;
            pe_op_stack(PE_INSTR(op, arg), &pops, &pushes, &jpushes);
            CHECK(pops >= 0 && pushes >= 0 && jpushes >= 0, "%s %u: resolved stack effect",
                  o->name, arg);
        }
    }
    CHECK(!strcmp(pe_opinfo_table[PE_OP_LOAD_CONST].name, "LOAD_CONST"), "names in enum order");
    /* every name in enum order, the last included (survives new opcodes) */
#define PE_OP_NAME_STR(name, pops, pushes, jpushes, kind, flags) #name,
    static const char *const names[] = {PE_OPCODES(PE_OP_NAME_STR)};
#undef PE_OP_NAME_STR
    for (int op = 0; op < PE_OP__COUNT; op++)
        CHECK(!strcmp(pe_opinfo_table[op].name, names[op]), "name %d in enum order", op);
}

/* The flow pass: the exact maximum depth over all paths. */
static void t_stack_depth(void) {
    static const struct {
        const char *src;
        uint32_t stack;
    } cases[] = {
        {"x = 1\n", 1},
        {"x = (a, b, c)\n", 3},
        {"x = [a, [b, [c, d]]]\n", 4},
        {"a, b, c = d\n", 3},
        {"x = a if b else (c, d, e)\n", 3},
        {"x = a < b < c\n", 3},           /* [b, b, c] on the chain */
        {"for i in (1, 2):\n    x = i\n", 2},   /* iterator + item */
        {"try:\n    x = 1\nexcept E:\n    x = 2\n", 3}, /* [prev exc type] */
        {"try:\n    x = 1\nfinally:\n    x = (a, b)\n", 4}, /* [prev exc 2 3] */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pe_state *S = pe_state_new();
        pe_code *c = compile(S, cases[i].src);
        if (c) {
            CHECK(c->module->stacksize == cases[i].stack, "#%zu %s: stack %u, expected %u", i,
                  cases[i].src, c->module->stacksize, cases[i].stack);
            pe_code_release(c);
        }
        pe_state_free(S);
    }
}

/* PE_CODE_BOUNDED exactly as documented in pyexpr.h. */
static void t_bounded(void) {
    static const struct {
        const char *src;
        bool bounded;
    } cases[] = {
        {"a * b + 1\n", true},
        {"x = a if a > b else b\n", true},
        {"x = a and b or c\n", true},
        {"x = len(s) + abs(a) + max(a, b)\n", true},
        {"x = f'{a!r:>5}' + str(a)\n", true},
        {"try:\n    x = a / b\nexcept ZeroDivisionError as e:\n    x = 0\n", true},
        {"import math\nx = math.pi\n", true},       /* attributes, but no call */
        {"x = a ** b\n", false},
        {"x = a << b\n", false},
        {"x = a; x **= b\n", false},
        {"x = a; x **= 2\n", true},                /* a small constant exponent */
        {"x = a ** 2 + b ** -3 + a ** 0.5 + (a << 8)\n", true},
        {"x = a ** 65\n", false},
        {"x = a << 65\n", false},
        {"x = a << -1\n", false},
        {"x = a ** 100000\n", false},
        {"x = a ** (2 if b else c)\n", false},     /* a jump lands on the ** */
        {"x = a ** (b if c else 2)\n", false},
        {"x = a >> b\n", true},
        {"for i in a:\n    pass\n", false},
        {"while a:\n    a -= 1\n", false},
        {"x = [i for i in a]\n", false},
        {"def f():\n    pass\n", false},
        {"x = range\n", true},                      /* an unbounded builtin, not called */
        {"x = len(a) + range(3)\n", false},         /* ... and a call */
        {"import math\nx = len(math.pi)\n", false}, /* reached through a module, and a call */
        {"x = a.b(1)\n", false},                    /* a method call */
        {"x = sorted(a)\n", true},
        {"x = pow(a, b)\n", false},
        {"x = OSError(a) or IOError(b)\n", true},   /* exception types, aliases too */
        {"print(a)\n", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pe_state *S = pe_state_new();
        pe_code *c = compile(S, cases[i].src);
        if (c) {
            bool b = (pe_code_flags(c) & PE_CODE_BOUNDED) != 0;
            CHECK(b == cases[i].bounded, "#%zu %s: bounded %d, expected %d", i, cases[i].src, b,
                  cases[i].bounded);
            pe_code_release(c);
        }
        pe_state_free(S);
    }
}

/* Compiles src, replaces its first instruction by the byte op and runs it
 * in a state of its own, output to out/err; *first: the opcode replaced,
 * *syserr: SystemError pending after the run (then printed to err).
 * Returns the run's status, 2 when src does not compile. */
static int run_corrupted(const char *src, uint32_t op, buf *out, buf *err, uint32_t *first,
                         bool *syserr) {
    pe_state *S = pe_state_new();
    pe_set_output(S, sink, out, sink, err);
    pe_code *c = compile(S, src);
    int r = 2;
    if (c) {
        /* the code is private to this test: corrupt its first instruction */
        *first = PE_OPOF(c->module->code[0]);
        c->module->code[0] = PE_INSTR(op, 0);
        char *repr = NULL;
        r = pe_run_repr(S, c, &repr);
        *syserr = S->exc.tag == PE_TOBJ && S->exc.u.o->type == PE_EXC(SystemError);
        if (r) pe_print_exception(S);
        free(repr);
        pe_reset(S);
        pe_code_release(c);
    }
    pe_state_free(S);
    return r;
}

/* A byte that is no opcode, wherever it lies: SystemError, handled like
 * any exception (a try block catches it), never SystemExit or a crash. */
static void t_bad_opcode(void) {
    static const uint32_t bad[] = {PE_OP__COUNT, 0x80, 0xff};
    uint32_t first;
    bool syserr = false;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf out = {0}, err = {0};
        int r = run_corrupted("x = 1\nx = 2\n", bad[i], &out, &err, &first, &syserr);
        CHECK(r != 0, "opcode %u: the run fails", bad[i]);
        CHECK(syserr, "opcode %u: SystemError pending", bad[i]);
        char want[64];
        snprintf(want, sizeof want, "SystemError: unknown opcode %u\n", bad[i]);
        CHECK(err.p && strstr(err.p, want) != NULL, "opcode %u: message, got %s", bad[i], err.p);
        CHECK(err.p && strstr(err.p, "line 1") != NULL, "opcode %u: traceback points at line 1: %s",
              bad[i], err.p);
        free(out.p);
        free(err.p);
    }
    /* caught by `except SystemError` like any exception; the first
     * instruction of the protected body is the LOAD_INT */
    buf out = {0}, err = {0};
    int r = run_corrupted("try:\n    x = 1\nexcept SystemError as e:\n    print(e)\n", 0xfe, &out, &err,
                          &first, &syserr);
    CHECK(r == 0, "the handler catches it");
    CHECK(first == PE_OP_LOAD_INT, "body starts with LOAD_INT");
    CHECK(out.p && !strcmp(out.p, "unknown opcode 254\n"), "printed %s", out.p ? out.p : "");
    free(out.p);
    free(err.p);
}

static const subtest tests[] = {
    {"table", t_table},
    {"stack_depth", t_stack_depth},
    {"bounded", t_bounded},
    {"bad_opcode", t_bad_opcode},
};

int main(int argc, char **argv) {
    int ran = run_subtests(tests, sizeof tests / sizeof tests[0], argc, argv);
    if (ran <= 0) return ran ? 2 : 0;
    printf("test_opcodes: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
