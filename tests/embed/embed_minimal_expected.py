"""What embed_minimal.c prints, computed by CPython (tests/test_embedding.py
runs this file with the 3.11 oracle and compares). The C-side lines are
reproduced with print(); the programs are the C file's strings, run the way
PE_MODE_CALC runs them (statements; the last one's value when it is an
expression), tracebacks written like CPython's for code compiled from
"<string>" (the frames of this script left out)."""

import ast
import sys
import traceback

PROGRAMS = [
    "sum(i * i for i in range(10))",
    "xs = sorted({'b': 2, 'a': 1}.items())\nprint(xs)\n2 ** 100",
    "def f(n):\n    return 10 // n\nf(0)",
    "x = (1,",
    "[n for n in range(3)]",
]


def print_exc(skip_frames):
    etype, exc, tb = sys.exc_info()
    for _ in range(skip_frames):
        tb = tb.tb_next
    sys.stdout.write("".join(traceback.format_exception(etype, exc, tb)))


def run(src):
    print("--- " + src)
    try:
        tree = compile(src, "<string>", "exec", ast.PyCF_ONLY_AST)
    except SyntaxError as exc:  # a compile error has no traceback, as in CPython's CLI
        sys.stdout.write("".join(traceback.format_exception_only(type(exc), exc)))
        return
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    g = {"__name__": "__main__"}
    try:
        exec(compile(tree, "<string>", "exec"), g)
        value = eval(compile(last, "<string>", "eval"), g) if last is not None else None
    except Exception:
        print_exc(1)
        return
    if value is not None:
        print("result: " + repr(value))


print("header and library agree on the version")
for p in PROGRAMS:
    run(p)
print("done")
