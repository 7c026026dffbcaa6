"""Hypothesis-driven differential test of special-method dispatch for the
binary, in-place, comparison and unary operators.

Each Hypothesis example is ONE program: three user classes (A, B derived
from A, and an unrelated C) get a random subset of the arithmetic,
reflected, in-place, comparison and unary dunders; each defined method
either returns a tag naming the class and the method (so the output shows
WHICH method CPython picked: reflected-first for a subclass operand that
overrides the reflected method, fallback from __iadd__ to __add__ to
__radd__, the default __ne__ inverting __eq__, identity for ==) or returns
NotImplemented.  Then ~30 random expressions over instances of the three
classes, ints, floats and strs are evaluated; each prints its repr or the
TypeError CPython raised (so the "unsupported operand type(s)" and "'<' not
supported between instances" messages are compared too).

The expected output is CPython 3.11's (this process when pytest runs on
3.11, else the oracle).  Knob: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 40).
"""

from __future__ import annotations

import builtins
import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "40"))
BATCH = 30

BINOPS = {
    "add": "+", "sub": "-", "mul": "*", "truediv": "/", "floordiv": "//", "mod": "%",
    "pow": "**", "lshift": "<<", "rshift": ">>", "and": "&", "or": "|", "xor": "^",
    "matmul": "@",
}
CMPS = {"lt": "<", "le": "<=", "eq": "==", "ne": "!=", "gt": ">", "ge": ">="}
UNARY = {"neg": "-", "pos": "+", "invert": "~"}

# the method names a class may define (binary ones take `o`)
BIN_METHODS = (
    [n for n in BINOPS]
    + ["r" + n for n in BINOPS]
    + ["i" + n for n in BINOPS]
    + list(CMPS)
)
UN_METHODS = list(UNARY) + ["abs"]

OPERANDS = ["a", "b", "c", "a2", "1", "2.5", "'s'", "True", "0"]


@st.composite
def class_body(draw, name: str) -> str:
    lines = []
    for m in BIN_METHODS:
        how = draw(st.sampled_from(["absent", "absent", "absent", "tag", "notimpl"]))
        if how == "absent":
            continue
        ret = "NotImplemented" if how == "notimpl" else f"({name!r} + '.{m}', type(o).__name__)"
        lines.append(f"    def __{m}__(self, o):\n        return {ret}\n")
    for m in UN_METHODS:
        if draw(st.booleans()):
            lines.append(f"    def __{m}__(self):\n        return {name!r} + '.{m}'\n")
    lines.append(f"    def __repr__(self):\n        return {name + '()'!r}\n")
    return "".join(lines)


@st.composite
def program_src(draw) -> str:
    src = "class A:\n" + draw(class_body("A"))
    src += "class B(A):\n" + draw(class_body("B"))
    src += "class C:\n" + draw(class_body("C"))
    src += "a, b, c, a2 = A(), B(), C(), A()\n"
    for _ in range(BATCH):
        kind = draw(st.integers(0, 3))
        x, y = draw(st.sampled_from(OPERANDS)), draw(st.sampled_from(OPERANDS))
        if kind == 0:
            expr = f"{x} {BINOPS[draw(st.sampled_from(list(BINOPS)))]} {y}"
        elif kind == 1:
            expr = f"{x} {CMPS[draw(st.sampled_from(list(CMPS)))]} {y}"
        elif kind == 2:
            op = draw(st.sampled_from(list(UNARY) + ["abs"]))
            expr = f"abs({x})" if op == "abs" else f"{UNARY[op]}{x}"
        else:
            op = BINOPS[draw(st.sampled_from(list(BINOPS)))]
            src += (
                f"t = {x}\ntry:\n    t {op}= {y}\n    print(repr(t))\n"
                "except (TypeError, ZeroDivisionError, ValueError, OverflowError) as e:\n"
                "    print(type(e).__name__, e)\n"
            )
            continue
        src += (
            f"try:\n    print(repr({expr}))\n"
            "except (TypeError, ZeroDivisionError, ValueError, OverflowError) as e:\n"
            "    print(type(e).__name__, e)\n"
        )
    return src


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(program_src())
def test_dunder_operator_batch(program: str) -> None:
    assert_batch_matches(program, namespace={"__builtins__": builtins, "__name__": "__main__"})
