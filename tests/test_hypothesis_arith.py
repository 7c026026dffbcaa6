"""Hypothesis-driven arithmetic differential test.

Random arithmetic expressions over ints (negatives, zero, values up to
~2**200) and floats (-0.0, subnormals, huge values, inf/nan via
``float('inf')``-style calls, 0.1 ...) are built as ``ast`` trees and rendered
with ``ast.unparse`` (so the parenthesisation is the minimal, precedence-correct
one, exercising the parser's precedence rules as well).

Expected value: CPython ``eval`` in this process -> ``repr(value)``, or on an
exception ``"Type: message"`` -- when pytest runs on 3.11; on another version
each batch is evaluated by the 3.11 oracle (``_util.oracle_batch``) instead.
pyexpr: ``pyexpr -c EXPR`` -> calculator mode prints ``repr(value)`` and exits
0, or exits 1 with a traceback whose last stderr line is ``Type: message``.

Cost is bounded while generating: every sub-expression is evaluated (cached)
and a node is replaced by its first operand when it would be expensive or
out of scope -- ``int ** int`` with exponent > 64 or a result above
``LIMIT_BITS`` bits, shifts by more than 1000 bits, huge products, 3-arg
``pow`` with big operands, complex results (``(-8) ** 0.5``).  Every int
that is ever produced stays below ``LIMIT_BITS`` bits, far below CPython's
4300-digit ``int -> str`` limit.

Each Hypothesis example is a batch of 20-40 expressions; one pyexpr process
per expression is run through a thread pool (the subset has no try/except,
so one program cannot report several errors).  Shrinking is disabled (it
would re-run dozens of processes per step); instead every mismatch of the
failing batch is reported.

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 100 batches, ~3000 exprs).
"""

from __future__ import annotations

import ast
import builtins
import concurrent.futures
import functools
import math
import os
from typing import Optional

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from _util import IN_PROCESS_ORACLE, assert_no_crash, last_stderr_line, oracle_batch, run_pyexpr

LIMIT_BITS = 10_000
MAX_INT_EXP = 64
MAX_SHIFT = 1000
POW3_MAX_BITS = 512
WORKERS = max(2, min(8, 2 * (os.cpu_count() or 2)))
MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "100"))
PROC_TIMEOUT = 20.0

# --------------------------------------------------------------------------
# Oracle
# --------------------------------------------------------------------------

_EVAL_GLOBALS = {"__builtins__": builtins}


@functools.lru_cache(maxsize=200_000)
def outcome(src: str) -> tuple:
    """('ok', value) or ('err', exception) for CPython's eval of *src*."""
    try:
        return ("ok", eval(src, dict(_EVAL_GLOBALS)))
    except Exception as e:  # noqa: BLE001 - every exception is an outcome
        return ("err", e)


def expected_line(src: str) -> Optional[str]:
    """What pyexpr must print: repr(value) (None -> nothing), or 'Type: msg'."""
    kind, v = outcome(src)
    if kind == "ok":
        return None if v is None else repr(v)
    msg = str(v)
    return f"{type(v).__name__}: {msg}" if msg else type(v).__name__


def expected_outcomes(exprs) -> dict:
    """{src: (kind, expected line)}: what pyexpr must do, decided by the 3.11
    oracle - this process's eval when pytest runs on 3.11, else one oracle
    process for the whole batch (error messages differ between versions)."""
    if IN_PROCESS_ORACLE:
        return {src: (outcome(src)[0], expected_line(src)) for src in exprs}
    out = {}
    for src, r in zip(exprs, oracle_batch([{"mode": "eval", "src": src} for src in exprs])):
        if r["exc"] is None:
            out[src] = ("ok", None if r["repr"] == "None" else r["repr"])
        else:
            name, msg = r["exc"][:2]
            out[src] = ("err", f"{name}: {msg}" if msg else name)
    return out


def is_complex_outcome(src: str) -> bool:
    kind, v = outcome(src)
    return kind == "ok" and _contains_complex(v)


def _contains_complex(v) -> bool:
    if isinstance(v, complex):
        return True
    if isinstance(v, tuple):
        return any(_contains_complex(x) for x in v)
    return False


# --------------------------------------------------------------------------
# Expression generation
# --------------------------------------------------------------------------

def _src(node: ast.AST) -> str:
    return ast.unparse(node)


def _value(node: ast.AST):
    kind, v = outcome(_src(node))
    return v if kind == "ok" else None


def _int_bits(v) -> int:
    if isinstance(v, bool):
        return 1
    if isinstance(v, int):
        return v.bit_length()
    return 0


def _is_int(v) -> bool:
    return isinstance(v, int)  # bools included


def _acceptable(node: ast.AST) -> bool:
    """The node's own outcome is in scope: no complex, no oversized int."""
    src = _src(node)
    kind, v = outcome(src)
    if kind == "ok":
        if _contains_complex(v):
            return False
        if isinstance(v, tuple):
            return all(_int_bits(x) <= LIMIT_BITS for x in v)
        return _int_bits(v) <= LIMIT_BITS
    # Exceptions are fine (that is half the point) -- but nothing exotic, and
    # nothing that comes out of complex arithmetic ("complex exponentiation").
    return isinstance(v, (ArithmeticError, ValueError, TypeError)) and "complex" not in str(v)


def _pow_too_costly(base, exp) -> bool:
    if not (_is_int(base) and _is_int(exp)):
        return False  # float pow, or TypeError: cheap
    if exp < 0:
        return False  # computed in floating point
    if abs(base) <= 1:
        return exp > MAX_INT_EXP
    return exp > MAX_INT_EXP or _int_bits(base) * exp > LIMIT_BITS


def _binop_too_costly(op: ast.operator, a, b) -> bool:
    if a is None or b is None:
        return False  # an operand raised: evaluation stops early
    if isinstance(op, ast.Pow):
        return _pow_too_costly(a, b)
    if isinstance(op, ast.Mult):
        return _is_int(a) and _is_int(b) and _int_bits(a) + _int_bits(b) > LIMIT_BITS
    if isinstance(op, (ast.LShift, ast.RShift)):
        if not (_is_int(a) and _is_int(b)):
            return False
        if b > MAX_SHIFT:
            return True
        return isinstance(op, ast.LShift) and b > 0 and _int_bits(a) + b > LIMIT_BITS
    return False


BINOPS = [ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow,
          ast.LShift, ast.RShift, ast.BitAnd, ast.BitOr, ast.BitXor]
UNARYOPS = [ast.USub, ast.USub, ast.UAdd, ast.Invert, ast.Not]
CMPOPS = [ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq]


def _neg(node: ast.AST) -> ast.AST:
    return ast.UnaryOp(op=ast.USub(), operand=node)


def _int_leaf(v: int) -> ast.AST:
    c = ast.Constant(abs(v))
    return _neg(c) if v < 0 else c


def _float_leaf(v: float) -> ast.AST:
    if math.isnan(v):
        return ast.Call(ast.Name("float", ast.Load()), [ast.Constant("nan")], [])
    if math.isinf(v):
        return ast.Call(ast.Name("float", ast.Load()), [ast.Constant("inf" if v > 0 else "-inf")], [])
    c = ast.Constant(abs(v))
    return _neg(c) if math.copysign(1.0, v) < 0 else c


SPECIAL_INTS = [0, 1, -1, 2, -2, 3, 7, 10, 255, 2**31, 2**32 - 1, 2**53, 2**53 + 1,
                2**63 - 1, 2**63, -(2**63), 2**64 - 1, 2**64, 10**20, 10**30, 2**200, -(2**200)]
SPECIAL_FLOATS = [0.0, -0.0, 0.1, 0.2, 0.3, 0.5, 1.0, -1.0, 1.5, 2.5, 1e16, 1e-7, 1e22, 1e23,
                  5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123456789012345678.0,
                  9007199254740993.0, 1e308, 1e-308, 3.141592653589793, 2.0 ** 63,
                  float("inf"), float("-inf"), float("nan")]

int_leaves = st.one_of(
    st.integers(-20, 20),
    st.integers(-(2**64), 2**64),
    st.integers(-(2**200), 2**200),
    st.sampled_from(SPECIAL_INTS),
).map(_int_leaf)

float_leaves = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.sampled_from(SPECIAL_FLOATS),
).map(_float_leaf)

bool_leaves = st.sampled_from([True, False]).map(ast.Constant)

leaves = st.one_of(int_leaves, int_leaves, float_leaves, float_leaves, bool_leaves)


INT_ONLY_OPS = (ast.LShift, ast.RShift, ast.BitAnd, ast.BitOr, ast.BitXor)

# Most of the time ("strict") int-only operations get int operands, so that
# the TypeError paths are exercised but do not dominate the corpus.
strictness = st.sampled_from([True, True, True, False])


def _make_binop(t) -> ast.AST:
    op_cls, left, right, strict = t
    op = op_cls()
    if strict and isinstance(op, INT_ONLY_OPS) and not (_is_int(_value(left)) and _is_int(_value(right))):
        op = ast.Add()
    if _binop_too_costly(op, _value(left), _value(right)):
        return left
    node = ast.BinOp(left=left, op=op, right=right)
    return node if _acceptable(node) else left


def _make_unary(t) -> ast.AST:
    op_cls, operand = t
    node = ast.UnaryOp(op=op_cls(), operand=operand)
    return node if _acceptable(node) else operand


def _make_compare(t) -> ast.AST:
    ops, operands = t
    n = min(len(ops), len(operands) - 1)
    node = ast.Compare(left=operands[0], ops=[o() for o in ops[:n]], comparators=operands[1 : n + 1])
    return node if _acceptable(node) else operands[0]


def _make_boolop(t) -> ast.AST:
    op_cls, a, b = t
    node = ast.BoolOp(op=op_cls(), values=[a, b])
    return node if _acceptable(node) else a


def _make_ifexp(t) -> ast.AST:
    body, test, orelse = t
    node = ast.IfExp(test=test, body=body, orelse=orelse)
    return node if _acceptable(node) else body


def _call(name: str, args) -> ast.AST:
    return ast.Call(func=ast.Name(name, ast.Load()), args=list(args), keywords=[])


def _make_call1(t) -> ast.AST:
    name, arg = t
    node = _call(name, [arg])
    return node if _acceptable(node) else arg


def _make_round2(t) -> ast.AST:
    arg, ndigits = t
    node = _call("round", [arg, _int_leaf(ndigits)])
    return node if _acceptable(node) else arg


def _make_pow(t) -> ast.AST:
    a, b = t
    if _binop_too_costly(ast.Pow(), _value(a), _value(b)):
        return a
    node = _call("pow", [a, b])
    return node if _acceptable(node) else a


def _make_pow3(t) -> ast.AST:
    a, b, m, strict = t
    va, vb, vm = _value(a), _value(b), _value(m)
    if strict and not all(_is_int(v) for v in (va, vb, vm)):
        return a
    if all(_is_int(v) for v in (va, vb, vm)):
        if max(_int_bits(va), _int_bits(vb), _int_bits(vm)) > POW3_MAX_BITS:
            return a
    node = _call("pow", [a, b, m])
    return node if _acceptable(node) else a


def _make_minmax(t) -> ast.AST:
    name, args = t
    node = _call(name, args)
    return node if _acceptable(node) else args[0]


def _extend(children):
    two = st.tuples(children, children)
    return st.one_of(
        st.tuples(st.sampled_from(BINOPS), children, children, strictness).map(_make_binop),
        st.tuples(st.sampled_from(BINOPS), children, children, strictness).map(_make_binop),
        st.tuples(st.sampled_from(BINOPS), children, children, strictness).map(_make_binop),
        st.tuples(st.sampled_from(UNARYOPS), children).map(_make_unary),
        st.tuples(st.lists(st.sampled_from(CMPOPS), min_size=1, max_size=2),
                  st.lists(children, min_size=2, max_size=3)).map(_make_compare),
        st.tuples(st.sampled_from(["abs", "int", "float", "round"]), children).map(_make_call1),
        st.tuples(children, st.integers(-12, 12)).map(_make_round2),
        two.map(_make_pow),
        st.tuples(children, children, children, strictness).map(_make_pow3),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(children, min_size=2, max_size=3)).map(_make_minmax),
        st.tuples(st.sampled_from([ast.And, ast.Or]), children, children).map(_make_boolop),
        st.tuples(children, children, children).map(_make_ifexp),
    )


expr_nodes = st.recursive(leaves, _extend, max_leaves=10)


def _make_divmod(t) -> ast.AST:
    a, b = t
    node = _call("divmod", [a, b])
    return node if _acceptable(node) else a


# divmod returns a tuple, which the milestone only prints -- so it only
# appears at the root, never as an operand.
@st.composite
def root_nodes(draw) -> ast.AST:
    node = draw(expr_nodes)
    if draw(st.integers(0, 9)) == 0:
        node = _make_divmod((node, draw(expr_nodes)))
    return node


expressions = root_nodes().map(_src).filter(lambda s: not is_complex_outcome(s))


# --------------------------------------------------------------------------
# Running pyexpr
# --------------------------------------------------------------------------

def check_one(src: str, expected: tuple) -> Optional[str]:
    """None if pyexpr agrees with CPython on *src*, else a description.
    *expected* is (kind, line) from expected_outcomes()."""
    kind, want = expected
    res = run_pyexpr(["-c", src], timeout=PROC_TIMEOUT)
    try:
        assert_no_crash(res, f"on -c {src!r}")
    except AssertionError as e:
        return f"expr:    {src}\ncrash:   {e}"
    if kind == "ok":
        want_out = b"" if want is None else (want + "\n").encode()
        if res.returncode == 0 and res.stdout == want_out and res.stderr == b"":
            return None
        got = (
            f"rc={res.returncode} stdout={res.stdout.decode('utf-8', 'replace')!r} "
            f"stderr_last={last_stderr_line(res.stderr)!r}"
        )
    else:
        got_last = last_stderr_line(res.stderr)
        if res.returncode == 1 and res.stdout == b"" and got_last == want:
            return None
        got = f"rc={res.returncode} stdout={res.stdout.decode('utf-8', 'replace')!r} stderr_last={got_last!r}"
    return f"expr:    {src}\ncpython: {want!r}\npyexpr:  {got}"


def check_batch(exprs: list) -> None:
    expected = expected_outcomes(list(dict.fromkeys(exprs)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda src: check_one(src, expected[src]), exprs))
    mismatches = [r for r in results if r is not None]
    if mismatches:
        shown = "\n\n".join(mismatches[:25])
        more = f"\n\n... and {len(mismatches) - 25} more" if len(mismatches) > 25 else ""
        pytest.fail(
            f"{len(mismatches)} of {len(exprs)} expressions differ from CPython:\n\n{shown}{more}",
            pytrace=False,
        )


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------

SMOKE = [
    "2**-1", "-7//2", "7%-3", "-7 % 3", "1e16", "0.1+0.2", "2**63", "-2**63", "(-2)**63",
    "2**64-1", "1<<64", "-1>>1", "~0", "-(-2**63)", "10**30//7", "1/3", "5e-324",
    "1e308*10", "int(1e300)", "2**200", "pow(3, 200)", "pow(3, 200, 1000)", "pow(2, -1, 7)",
    "-0.0", "float('inf')", "float('-inf')", "float('nan')", "float('1e-7')", "1e22",
    "123456789012345678.0", "1.7976931348623157e308", "2.0**0.5", "2 ** -1074",
    "round(0.5)", "round(2.5)", "round(-1.5)", "round(2.675, 2)", "round(1234, -2)",
    "round(2.5, 0)", "round(1.5)", "divmod(7, 2)", "divmod(-7, 2)", "divmod(-7.5, 2)",
    "int(-3.9)", "int(1e20)", "int(True)", "True + True", "~True", "not 1 == 2",
    "2**3**2", "-2**2", "1 < 2 < 3", "3 > 2 > 2", "0 or 5", "3 and 0.0", "1 if 0 else 2",
    "10**400 > 1e308", "2**53 + 1 == 2.0**53", "(2**64 - 1) & -2**64", "-5 & 3", "-5 | 3",
    "-5 ^ 3", "(2**100) >> 3", "-(2**100) >> 99", "1 << 1000", "abs(-2**100)",
    "min(1, 1.0)", "max(-0.0, 0.0)", "max(float('nan'), 1)", "max(1, float('nan'))",
    # errors
    "1/0", "1.0/0", "1//0", "1%0", "1.0%0", "1.0//0", "0**-1", "0.0**-2", "divmod(1, 0)",
    "divmod(1.0, 0)", "10.0**400", "float(10**400)", "10**400 * 1.0", "10**400 / 3",
    "int(float('inf'))", "int(float('nan'))", "round(float('inf'))", "1 << -1",
    "~1.5", "1.5 << 2", "1.5 & 1", "pow(2, -1, 4)", "pow(2, 3, 0)", "pow(2.0, 3, 5)",
    "float(2**1024 - 2**970)",
]


@functools.lru_cache(maxsize=None)
def smoke_expected() -> dict:
    return expected_outcomes(SMOKE)


@pytest.mark.parametrize("src", SMOKE)
def test_smoke_expression(pyexpr_bin: str, src: str) -> None:
    assert not is_complex_outcome(src), "smoke list must avoid complex results"
    problem = check_one(src, smoke_expected()[src])
    assert problem is None, problem


def test_generator_stays_in_scope() -> None:
    """The generator itself must never yield complex values, ints beyond the
    bit limit, or exotic exceptions (CPython-only sanity check)."""
    @settings(max_examples=300, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(expressions)
    def inner(src):
        kind, v = outcome(src)
        assert not _contains_complex(v)
        if kind == "ok":
            vals = v if isinstance(v, tuple) else (v,)
            assert all(_int_bits(x) <= LIMIT_BITS for x in vals), src
            assert len(repr(v)) < 4300, src
        else:
            assert isinstance(v, (ArithmeticError, ValueError, TypeError)), (src, v)
        # the rendered source must round-trip through the parser
        assert ast.unparse(ast.parse(src, mode="eval")) == src

    inner()


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=False,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(st.lists(expressions, min_size=20, max_size=40))
@example(SMOKE)
def test_random_arithmetic_matches_cpython(pyexpr_bin: str, exprs: list) -> None:
    check_batch(exprs)
