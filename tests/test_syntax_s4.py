"""Issue 13 syntax (`:=`, global/nonlocal, `match`, `with`): compile-time
errors against CPython, run at test time.

Each snippet is run as a file and with -c by CPython (the oracle) and by
pyexpr; the exit status, stdout and the SyntaxError block of stderr (the
File line, the source and caret lines when shown, the message) must match.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from _util import assert_no_crash, last_stderr_line, run_cpython, run_pyexpr


@pytest.fixture(scope="module")
def workdir():
    d = Path(tempfile.mkdtemp(prefix="pe-syntax-s4-"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


def _syntax_lines(stderr: bytes) -> list:
    lines = stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
    starts = [i for i, l in enumerate(lines) if l.startswith('  File "')]
    return lines[starts[-1]:] if starts else lines[-1:]


def _compare(workdir: Path, src: str) -> None:
    path = workdir / "case.py"
    path.write_bytes(src.encode("utf-8"))
    for args in ([str(path)], ["-c", src]):
        cpy = run_cpython(args)
        pe = run_pyexpr(args)
        assert_no_crash(pe)
        what = f"{src!r} {args[0]}\n--- CPython ---\n{cpy.describe()}\n--- pyexpr ---\n{pe.describe()}"
        assert pe.returncode == cpy.returncode, what
        assert pe.stdout == cpy.stdout, what
        if b"Traceback (most recent call last)" in cpy.stderr:
            # a run-time error: the last line (tracebacks' caret lines differ)
            assert last_stderr_line(pe.stderr) == last_stderr_line(cpy.stderr), what
        else:
            assert _syntax_lines(pe.stderr) == _syntax_lines(cpy.stderr), what


WALRUS_CASES = [
    "x := 1\n",
    "(a.b := 1)\n",
    "(a[0] := 1)\n",
    "(1 := 2)\n",
    "((a, b) := 1)\n",
    "f(a.b := 1)\n",
    "[x for x in (y := [1])]\n",
    "[x := 1 for x in z]\n",
    "[i for i in range(3) if i := 1]\n",
    "[(i := 0) for i in range(3)]\n",
    "[j for i in range(3) for j in (k := [i])]\n",
    "lambda: x := 1\n",
    "f(x=1, y := 2)\n",
    "{x := 1: 2}\n",
    "return x := 1\n",
    "[[(i := 1) for j in range(2)] for i in range(2)]\n",
    "[(y := 1) for i in range(2) for y in range(2)]\n",
    "x = y := 1\n",
    "a, b := 1, 2\n",
    "[i := 0 for i, j in range(3)]\n",
    "[False := 0 for i in range(3)]\n",
    "(True := 1)\n",
    "assert x := 1\n",
    "def f(a := 1): pass\n",
    "(lambda: x) := 1\n",
    "(f() := 1)\n",
    "a.b := 1\n",
    "f() := 1\n",
    "1 := 1\n",
    "x + 1 := 2\n",
    "(a, b) := 1\n",
    "[a, b] := 1\n",
    "lambda: a.b := 1\n",
    "y = lambda: x := 1\n",
    "print(a.b := 1)\n",
    "print(1 := 1)\n",
    "a[b.c := 1]\n",
    "{a.b := 1}\n",
    "[a.b := 1]\n",
    "if a.b := 1: pass\n",
    "[x for x in y if (a.b := 1)]\n",
    "f(**x, y := 1)\n",
    "[x for x in range(3) if (x := 1)]\n",
    "[x for x in [(z := 1) for y in r]]\n",
    "[i for j in r if (x := 1) for x in r]\n",
    "[x for x in [y for y in (z := r)]]\n",
    "[x for x in (lambda: (y := 1))()]\n",
    "a[x := 1:2]\n",
    "((x) := 1)\n",
    "*a := 1\n",
    "print((x := 1), x)\n",
    "class A:\n    [(y := 1) for i in range(2)]\n",
    "class A:\n    (y := 1)\n    print(y)\n",
    "class A:\n    global g\n    g = [(q := i) for i in range(2)]\nprint(g, q)\n",
]

SCOPE_CASES = [
    "def f():\n    [(x := 1) for _ in r]\n    global x\n",
    "def f():\n    global x\n    [(x := 1) for _ in range(2)]\n    return x\nprint(f(), x)\n",
    "def f():\n    nonlocal x\n",
    "def f(x):\n    global x\n",
    "def f(x):\n    nonlocal x\n",
    "def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x\n",
    "x = 1\nglobal x\n",
    "def f():\n    global x\n    nonlocal x\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x\n",
    "def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n",
    "def f():\n    for x in r: pass\n    global x\n",
    "def f():\n    import math\n    global math\n",
    "def f():\n    def x(): pass\n    global x\n",
    "def f():\n    del x\n    global x\n",
    "def f():\n    x: int\n    global x\n",
    "def f():\n    x: int = 1\n    global x\n",
    "def f():\n    global x\n    x: int = 1\n",
    "def f():\n    try: pass\n    except E as x: pass\n    global x\n",
    "def f():\n    (x := 1)\n    global x\n",
    "def f():\n    [x for x in r]\n    global x\n",
    "def f():\n    x += 1\n    global x\n",
    "def f():\n    global x, x\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x, y\n",
    "nonlocal x\n",
    "print(x)\nnonlocal x\n",
    "x = 1\nnonlocal x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f(a, /, b, *c, d, **e):\n    global e\n",
    "def f():\n    x = 1\n    def g():\n        x\n        x = 2\n        nonlocal x\n",
    "global x\nx: int = 1\nprint(x)\n",
]

MATCH_CASES = [
    'match x:\n    case y:\n        pass\n    case 1:\n        pass\n',
    'match x:\n    case _:\n        pass\n    case 1:\n        pass\n',
    'match x:\n    case y | 1:\n        pass\n',
    'match x:\n    case _ | 1:\n        pass\n',
    'match x:\n    case [a, a]:\n        pass\n',
    'match x:\n    case [a] | b:\n        pass\n',
    'match x:\n    case [a] | [b]:\n        pass\n',
    'match x:\n    case C(a=1, 2):\n        pass\n',
    'match x:\n    case a as _:\n        pass\n',
    'match x:\n    case [*a, *b]:\n        pass\n',
    'match x:\n    case {f(): 1}:\n        pass\n',
    'match x:\n    case {a: 1}:\n        pass\n',
    'match x:\n    case 1 + 1:\n        pass\n',
    'match x:\n    case f(x).y:\n        pass\n',
    'match x:\n    case {**a, "b": 1}:\n        pass\n',
    'match x:\n    case (y):\n        pass\n    case 2:\n        pass\n',
    'match x:\n    case -y:\n        pass\n',
    'match x:\n    case a as 1:\n        pass\n',
    'match x:\n    case {**_}:\n        pass\n',
    'match x:\n    case 1\n',
    'match x:\n    case (a | b) as c:\n        pass\n',
    'match x:\n    case y as z:\n        pass\n    case 1:\n        pass\n',
    'match x:\n    case f"{y}":\n        pass\n',
    'match 1:\n    case int(real=1, real=2):\n        pass\n',
    'match {"a": 1}:\n    case {"a": 1, "a": 2}:\n        pass\n',
    'print(1)\nmatch 1:\n    case int(1, 2):\n        pass\n',
    'print(1)\nmatch 1:\n    case 1():\n        pass\n',
    'print(1)\nmatch 1:\n    case print(x):\n        pass\n',
    'x = 5\nmatch x:\n    case [1, 2]: print("no")\n    case {"a": 1}: print("no")\n    case str(): print("no")\n    case _: print("yes")\n',
    'match x:\n    case {1: _, True: _}:\n        pass\n',
    'match x:\n    case [a, b] | [b, c]:\n        pass\n',
    'match x:\n    case {"a": a, **a}:\n        pass\n',
    'match x:\n    case a.b():\n        pass\n',
    'match x:\n  case 1:\n    pass\n  case 2: pass\n',
    'def f(x):\n    match x:\n        case [a, *_, b]:\n            return a, b\nprint(f([1, 2, 3, 4]), f((5, 6)))\n',
    'match [1, 2, 3]:\n    case [*_]:\n        print("any seq")\n',
    'match "abc":\n    case [*_]:\n        print("str is not a sequence")\n    case _:\n        print("ok")\n',
]

WITH_CASES = [
    'with a as 1:\n    pass\n',
    'with a as f():\n    pass\n',
    'with a as (b, c), d as [e, *f]:\n    pass\n',
    'with (a as b, c as d):\n    pass\n',
    'with (a as b, c as d,):\n    pass\n',
    'with (a, b) as c:\n    pass\n',
    'with a, :\n    pass\n',
    'with a as b\n    pass\n',
    'with a:\npass\n',
    'with a as b, c as d e:\n    pass\n',
    'with a as *b:\n    pass\n',
    'def f():\n    with a as x.y, b as z[0]:\n        return 1\n',
    'x = 1; with a: pass\n',
    'with a as b as c:\n    pass\n',
]


@pytest.mark.parametrize("src", WALRUS_CASES, ids=[f"w{i}" for i in range(len(WALRUS_CASES))])
def test_walrus_errors_match_cpython(workdir, src):
    _compare(workdir, src)


@pytest.mark.parametrize("src", SCOPE_CASES, ids=[f"s{i}" for i in range(len(SCOPE_CASES))])
def test_scope_errors_match_cpython(workdir, src):
    _compare(workdir, src)


@pytest.mark.parametrize("src", MATCH_CASES, ids=[f"m{i}" for i in range(len(MATCH_CASES))])
def test_match_errors_match_cpython(workdir, src):
    _compare(workdir, src)


@pytest.mark.parametrize("src", WITH_CASES, ids=[f"t{i}" for i in range(len(WITH_CASES))])
def test_with_errors_match_cpython(workdir, src):
    _compare(workdir, src)
