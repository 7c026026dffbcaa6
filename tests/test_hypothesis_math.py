"""Hypothesis-driven differential test of the ``math`` module.

Each Hypothesis example is ONE program: ``import math`` followed by 30-60
lines ``print(repr(math.f(args)))`` with generated arguments -- floats
(-0.0, subnormals, huge values, inf/nan spelled ``math.inf``/``math.nan``,
values near the interesting ranges of each function), ints (negative, zero,
up to ~10**400 for the functions that accept huge ints) and bools.  Only
calls that do NOT raise in CPython are kept (error cases are covered one per
file by the corpus, ``tests/corpus/lang/math_*``).  The program is run by
CPython (``sys.executable``, the oracle) and by pyexpr; stdout must agree
line by line.

Exactness.  Every line must be byte-identical.  Most of the module is
computed by pyexpr itself with CPython's algorithms (floor/ceil/trunc,
frexp/modf/ldexp/fmod/remainder, sqrt, fsum, hypot/dist, gcd/lcm/isqrt/
factorial/comb/perm, prod, isclose, log of huge ints, gamma/lgamma's
Lanczos code, ...).  The transcendental functions (sin, exp, log, pow, erf,
and gamma/lgamma through exp/pow/log/sin) return whatever the C library
returns: the default glibc build uses CPython's libm, so they agree too.  A
musl build (``make LIBC=musl``) differs from glibc in the last ulp or two
for a few percent of arguments; run it with ``PYEXPR_MATH_LIBM_ULPS=4`` to
accept such differences for those functions only.

Shrinking is disabled (each step runs two processes); every mismatching
line of the failing example is reported instead.

Also here: pyexpr-only checks of what CPython cannot be the oracle for
(``repr(math)`` is ``<module 'math' (built-in)>`` -- CPython's math may be a
shared library with a path in its repr -- and ``import os`` / ``import posix``
fail with ModuleNotFoundError).

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 100 programs, ~4500 calls),
``PYEXPR_MATH_LIBM_ULPS`` (default 0).
"""

from __future__ import annotations

import math
import os
import struct
from typing import Callable, List, Optional, Tuple

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_no_crash, run_cpython, run_pyexpr

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "100"))
LIBM_ULPS = int(os.environ.get("PYEXPR_MATH_LIBM_ULPS", "0"))
PROC_TIMEOUT = 30.0

# --------------------------------------------------------------------------
# Argument strategies
# --------------------------------------------------------------------------

SPECIAL_FLOATS = [
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 0.1, 1e-300, 5e-324, -5e-324,
    2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308,
    1e16, 2.0 ** 52 + 0.5, 4503599627370497.0, 1e308, 709.78, 710.0, -745.2,
    math.pi, math.e, math.pi / 2, 3.0, 10.0, 100.0, 171.5, -171.5, 1e-20,
    0.9999999999999999, 1.0000000000000002, math.inf, -math.inf, math.nan,
]

any_float = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(SPECIAL_FLOATS),
    st.floats(min_value=-1000, max_value=1000),
    st.floats(min_value=-2, max_value=2),
)
small_int = st.integers(min_value=-(10 ** 6), max_value=10 ** 6)
wide_int = st.one_of(small_int, st.integers(min_value=-(2 ** 200), max_value=2 ** 200))
huge_int = st.one_of(wide_int, st.integers(min_value=-(10 ** 400), max_value=10 ** 400),
                     st.integers(min_value=1, max_value=10 ** 60).map(lambda k: k * 2 ** 1100),
                     # around 2**1024: the int -> float conversion may round up and overflow
                     st.integers(min_value=2 ** 1024 - 2 ** 972, max_value=2 ** 1024 + 2 ** 972))
real = st.one_of(any_float, any_float, wide_int, st.booleans())
real_or_huge = st.one_of(any_float, huge_int, st.booleans())
index = st.one_of(small_int, wide_int, st.booleans())


def lists(elem, max_size=12):
    return st.lists(elem, min_size=0, max_size=max_size)


# --------------------------------------------------------------------------
# Calls: (function name, argument strategy, keyword strategy or None)
# --------------------------------------------------------------------------

LIBM_FUNCS = {
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "cos", "cosh",
    "erf", "erfc", "exp", "exp2", "expm1", "gamma", "lgamma", "log", "log10", "log1p",
    "log2", "pow", "sin", "sinh", "tan", "tanh",
}

ONE_REAL = [
    "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "ceil", "cos", "cosh",
    "degrees", "erf", "erfc", "exp", "exp2", "expm1", "fabs", "floor", "frexp", "gamma",
    "isfinite", "isinf", "isnan", "lgamma", "log1p", "modf", "radians", "sin", "sinh",
    "sqrt", "tan", "tanh", "trunc", "ulp",
]
TWO_REALS = ["atan2", "copysign", "fmod", "nextafter", "pow", "remainder"]
HUGE_OK = ["log", "log2", "log10"]


def _calls() -> st.SearchStrategy:
    one = st.tuples(st.sampled_from(ONE_REAL), st.tuples(real))
    two = st.tuples(st.sampled_from(TWO_REALS), st.tuples(real, real))
    logs = st.one_of(
        st.tuples(st.sampled_from(HUGE_OK), st.tuples(real_or_huge)),
        st.tuples(st.just("log"), st.tuples(real_or_huge, real_or_huge)),
    )
    ints = st.one_of(
        st.tuples(st.sampled_from(["gcd", "lcm"]), lists(index, 5).map(tuple)),
        st.tuples(st.just("isqrt"), st.tuples(st.one_of(wide_int, huge_int).map(abs))),
        st.tuples(st.just("factorial"), st.tuples(st.integers(0, 1000))),
        st.tuples(st.sampled_from(["comb", "perm"]),
                  st.tuples(st.integers(0, 1500), st.integers(0, 1600))),
        st.tuples(st.sampled_from(["comb", "perm"]),
                  st.tuples(st.integers(0, 2 ** 70), st.integers(0, 12))),
        st.tuples(st.just("perm"), st.tuples(st.integers(0, 400))),
    )
    seqs = st.one_of(
        st.tuples(st.just("fsum"), st.tuples(lists(st.one_of(any_float, small_int), 20))),
        st.tuples(st.just("fsum"), st.tuples(lists(st.floats(-1e300, 1e300), 20))),
        st.tuples(st.just("prod"), st.tuples(lists(st.one_of(
            st.integers(-1000, 1000), st.floats(-100, 100), st.booleans()), 10))),
        st.tuples(st.just("hypot"), lists(real, 8).map(tuple)),
        st.integers(0, 6).flatmap(lambda n: st.tuples(
            st.just("dist"), st.tuples(st.lists(real, min_size=n, max_size=n),
                                       st.lists(real, min_size=n, max_size=n)))),
    )
    misc = st.one_of(
        st.tuples(st.just("ldexp"), st.tuples(real, st.one_of(
            st.integers(-1200, 1200), st.booleans(), st.integers(-(10 ** 30), 10 ** 30)))),
        st.tuples(st.just("isclose"), st.tuples(real, real)),
    )
    plain = st.one_of(one, one, two, logs, ints, seqs, misc).map(lambda c: (c[0], c[1], ()))
    keyed = st.one_of(
        st.tuples(st.just("isclose"), st.tuples(any_float, any_float),
                  st.lists(st.tuples(st.sampled_from(["rel_tol", "abs_tol"]),
                                     st.floats(0, 1)), max_size=2, unique_by=lambda kv: kv[0])
                  .map(tuple)),
        st.tuples(st.just("prod"), st.tuples(lists(st.integers(-50, 50), 6)),
                  st.tuples(st.tuples(st.just("start"), st.one_of(small_int, any_float)))),
    )
    return st.one_of(plain, plain, plain, keyed)


# --------------------------------------------------------------------------
# Rendering and the oracle
# --------------------------------------------------------------------------

def src_value(v) -> str:
    """Python source for an argument value (inf/nan through the module)."""
    if isinstance(v, bool) or isinstance(v, int):
        return repr(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "math.nan"
        if math.isinf(v):
            return "math.inf" if v > 0 else "-math.inf"
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(src_value(x) for x in v) + "]"
    if isinstance(v, tuple):
        return "(" + "".join(src_value(x) + ", " for x in v) + ")"
    raise TypeError(v)


def call_src(call) -> str:
    name, args, kwargs = call
    parts = [src_value(a) for a in args] + [f"{k}={src_value(v)}" for k, v in kwargs]
    return f"math.{name}({', '.join(parts)})"


def cpython_ok(call) -> bool:
    """Does the call succeed in CPython (this process) with a printable result?"""
    name, args, kwargs = call
    try:
        r = getattr(math, name)(*args, **dict(kwargs))
        repr(r)  # the 4300-digit int->str limit
    except Exception:  # noqa: BLE001 - raising calls are left to the corpus
        return False
    return True


def program(calls) -> str:
    lines = ["import math"] + [f"print(repr({call_src(c)}))" for c in calls]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------

def _ordered(x: float) -> int:
    i = struct.unpack("<q", struct.pack("<d", x))[0]
    return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)


def ulp_distance(a: str, b: str) -> Optional[int]:
    """Distance in ulps between two float reprs, None if not both floats."""
    try:
        x, y = float(a), float(b)
    except ValueError:
        return None
    if math.isnan(x) or math.isnan(y):
        return 0 if math.isnan(x) and math.isnan(y) else None
    return abs(_ordered(x) - _ordered(y))


def compare(calls, want: List[str], got: List[str]) -> Tuple[List[str], int]:
    """(mismatch descriptions, number of accepted last-bit libm differences)."""
    problems, tolerated = [], 0
    for i, call in enumerate(calls):
        w = want[i] if i < len(want) else "<missing>"
        g = got[i] if i < len(got) else "<missing>"
        if w == g:
            continue
        d = ulp_distance(w, g) if call[0] in LIBM_FUNCS else None
        if d is not None and d <= LIBM_ULPS:
            tolerated += 1
            continue
        extra = f" ({d} ulps)" if d is not None else ""
        problems.append(f"{call_src(call)}\n    cpython: {w}\n    pyexpr:  {g}{extra}")
    return problems, tolerated


def check_program(calls) -> None:
    src = program(calls)
    exp = run_cpython(["-c", src], timeout=PROC_TIMEOUT)
    assert exp.returncode == 0, f"CPython failed on its own program:\n{exp.describe()}\n{src}"
    got = run_pyexpr(["-c", src], timeout=PROC_TIMEOUT)
    assert_no_crash(got, "on a math program")
    want_lines = exp.stdout.decode().splitlines()
    got_lines = got.stdout.decode("utf-8", "replace").splitlines()
    problems, _ = compare(calls, want_lines, got_lines)
    if got.returncode != 0:
        problems.append(f"pyexpr exited {got.returncode}:\n{got.describe()}")
    if problems:
        shown = "\n".join(problems[:30])
        more = f"\n... and {len(problems) - 30} more" if len(problems) > 30 else ""
        pytest.fail(f"{len(problems)} of {len(calls)} calls differ from CPython:\n{shown}{more}"
                    f"\n\nprogram:\n{src}", pytrace=False)


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------

batches = st.lists(_calls().filter(cpython_ok), min_size=30, max_size=60)


@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(batches)
def test_math_programs(pyexpr_bin: str, calls) -> None:
    check_program(calls)


SMOKE = [
    ("sqrt", (2,), ()), ("sqrt", (-0.0,), ()), ("floor", (-0.5,), ()), ("ceil", (10 ** 30,), ()),
    ("trunc", (-1e300,), ()), ("frexp", (5e-324,), ()), ("modf", (-math.inf,), ()),
    ("ldexp", (1.0, -1074), ()), ("ldexp", (1.0, -10 ** 30), ()), ("fmod", (-7.5, 2), ()),
    ("remainder", (5, 2), ()), ("remainder", (7, 2), ()), ("copysign", (1, -0.0), ()),
    ("fsum", ([0.1] * 10,), ()), ("fsum", ([1e-16, 1, 1e16],), ()),
    ("fsum", ([1e308, -1e308, 1e-308],), ()), ("hypot", (3, 4, 12), ()),
    ("hypot", (1e-320, 1e-320), ()), ("dist", ((1, 2, 3), [4.5, -6, 7]), ()),
    ("gcd", (2 ** 200 * 3, 2 ** 150 * 9, 6), ()), ("lcm", (2 ** 70, 3 ** 40, 0), ()),
    ("isqrt", (10 ** 300,), ()), ("isqrt", (2 ** 64 - 1,), ()), ("isqrt", (2 ** 128,), ()),
    ("factorial", (1000,), ()), ("comb", (1000, 500), ()), ("comb", (2 ** 65, 5), ()),
    ("perm", (2 ** 65, 3), ()), ("perm", (30,), ()), ("prod", (list(range(1, 30)),), ()),
    ("prod", ([1.5, 2, 3],), (("start", 2),)), ("isclose", (1, 1 + 1e-10), ()),
    ("isclose", (0.0, 1e-10), (("abs_tol", 1e-9),)), ("log", (10 ** 400,), ()),
    ("log", (2 ** 2000, 2), ()), ("log2", (2 ** 3000,), ()), ("log10", (10 ** 350,), ()),
    ("gamma", (0.5,), ()), ("gamma", (-2.5,), ()), ("gamma", (171.5,), ()),
    ("lgamma", (1e300,), ()), ("lgamma", (-0.5,), ()), ("erf", (0.5,), ()),
    ("pow", (2, 0.5), ()), ("pow", (-math.inf, -3), ()), ("atan2", (-0.0, -1), ()),
    ("ulp", (1e300,), ()), ("nextafter", (0.0, -1), ()), ("log", (2 ** 1024 - 1,), ()),
    ("log2", (2 ** 1024 - 2 ** 970,), ()), ("log10", (2 ** 1024 - 2 ** 971,), ()),
]


def test_smoke_program(pyexpr_bin: str) -> None:
    calls = [(n, tuple(a), kw) for n, a, kw in SMOKE]
    assert all(cpython_ok(c) for c in calls)
    check_program(calls)


@pytest.mark.parametrize("src, want", [
    ("import math\nprint(repr(math))", "<module 'math' (built-in)>"),
    ("import math\nprint(math)", "<module 'math' (built-in)>"),
])
def test_module_repr(pyexpr_bin: str, src: str, want: str) -> None:
    got = run_pyexpr(["-c", src], timeout=PROC_TIMEOUT)
    assert (got.returncode, got.stdout.decode().strip()) == (0, want), got.describe()


@pytest.mark.parametrize("name", ["os", "posix", "cmath"])
def test_other_modules_missing(pyexpr_bin: str, name: str) -> None:
    got = run_pyexpr(["-c", f"import {name}"], timeout=PROC_TIMEOUT)
    last = got.stderr.decode().strip().splitlines()[-1]
    assert got.returncode == 1 and last == f"ModuleNotFoundError: No module named '{name}'", \
        got.describe()


def test_generator_sanity() -> None:
    """Generated programs compile and mostly avoid raising (CPython only)."""
    @settings(max_examples=50, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(_calls(), min_size=30, max_size=30))
    def inner(calls):
        ok = [c for c in calls if cpython_ok(c)]
        compile(program(ok), "<math>", "exec")
    inner()
