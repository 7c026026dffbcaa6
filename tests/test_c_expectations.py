"""The C unit tests embed expected outputs; CPython decides them at test time.

`csrc/tests/test_math.c` and `csrc/tests/test_containers_progs.inc` carry
(program, expected output) pairs so the C programs can run the engine under
leak checks and memory-limit fault injection without Python. This module
extracts every embedded expectation and checks it against CPython (the
3.11 oracle, `_util.require_oracle()`) now, so an expectation can never be a stale or
hand-edited copy: the C tests then compare pyexpr with CPython's answer.
"""
import json
import os
import re
import subprocess

import pytest

from _util import oracle_exec_stdout, require_oracle

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIT = r'"(?:[^"\\\n]|\\.)*"'


def c_string(literals):
    """Value of adjacent C string literals (as written in the source)."""
    parts = re.findall(LIT, literals)
    raw = "".join(p[1:-1] for p in parts)
    return raw.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def run_cpython(src):
    p = subprocess.run([require_oracle(), "-c", src], capture_output=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    return p.stdout.decode("utf-8", "surrogateescape")


# ---- test_math.c: expect_output("what", src, want) ----

EXPECT_OUTPUT = re.compile(
    r"expect_output\(\s*(" + LIT + r")\s*,\s*((?:" + LIT + r"\s*)+),\s*((?:" + LIT + r"\s*)+)\)")


# pyexpr's own contract, not a CPython answer: CPython's repr(math) names the
# extension file it was loaded from ("<module 'math' from '.../math.so'>").
NOT_CPYTHON = {"repr"}


def math_programs():
    return [(c_string(w), c_string(s), c_string(e))
            for w, s, e in EXPECT_OUTPUT.findall(read("csrc/tests/test_math.c"))
            if c_string(w) not in NOT_CPYTHON]


@pytest.mark.parametrize("what,src,want", math_programs(), ids=lambda v: v if len(v) < 30 else None)
def test_math_program_expectations_are_cpythons(what, src, want):
    assert run_cpython(src) == want, what


def test_math_programs_found():
    assert len(math_programs()) >= 10


# ---- test_math.c: cases[] = {fn, args, nkw, kwnames, want} ----

CASE = re.compile(r"\{\s*(" + LIT + r")\s*,\s*(" + LIT + r")\s*,\s*(\d+)\s*,\s*(" + LIT +
                  r")\s*,\s*((?:" + LIT + r"\s*)+)\}")


def math_cases():
    text = read("csrc/tests/test_math.c")
    body = text[text.index("static const mcase cases[] = {"):text.index("static void test_calls")]
    return [(c_string(fn), c_string(args), int(nkw), c_string(kw), c_string(want))
            for fn, args, nkw, kw, want in CASE.findall(body)]


CASE_DRIVER = """
import json, math
def cpython_case(fn, args, nkw, kwnames):
    values = eval(args)
    pos = values[:len(values) - nkw]
    kw = dict(zip(kwnames.split(","), values[len(values) - nkw:])) if nkw else {}
    try:
        r = repr(getattr(math, fn)(*pos, **kw))
    except Exception as e:
        r = f"{type(e).__name__}: {e}"
    return r
print(json.dumps([cpython_case(*c) for c in json.loads(CASES)]))
"""


def cpython_cases(cases):
    """CPython's repr(result) or 'Type: message' of each (fn, args, nkw,
    kwnames), shortened like the C test; computed by the 3.11 oracle (the
    math module's argument-error messages differ between versions)."""
    src = "CASES = " + repr(json.dumps([c[:4] for c in cases])) + "\n" + CASE_DRIVER
    return json.loads(oracle_exec_stdout(src))


def test_math_cases_are_cpythons():
    cases = math_cases()
    assert len(cases) >= 400
    bad = []
    for (fn, args, nkw, kwnames, want), got in zip(cases, cpython_cases(cases)):
        if want.startswith("len="):
            n, _, head = want[4:].partition(":")
            ok = len(got) == int(n) and got.startswith(head)
        else:
            ok = got == want
        if not ok:
            bad.append(f"math.{fn}{args}: embedded {want!r}, CPython {got!r}")
    assert not bad, "\n".join(bad[:20])


# ---- test_containers_progs.inc: {name, src, expect} ----

PROG = re.compile(r"\{\s*(" + LIT + r")\s*,\s*((?:" + LIT + r"\s*)+),\s*((?:" + LIT + r"\s*)+)\}")


def container_programs():
    return [(c_string(n), c_string(s), c_string(e))
            for n, s, e in PROG.findall(read("csrc/tests/test_containers_progs.inc"))]


@pytest.mark.parametrize("name,src,want", container_programs(), ids=lambda v: v if len(v) < 30 else None)
def test_container_program_expectations_are_cpythons(name, src, want):
    assert run_cpython(src) == want, name


def test_container_programs_found():
    assert len(container_programs()) >= 10
