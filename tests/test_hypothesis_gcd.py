"""Differential test of ``math.gcd`` / ``math.lcm`` on huge ints (Lehmer's
algorithm in csrc/core/bigint.c, ``pe_int_gcd``).

Each Hypothesis example is ONE program printing ``hex(math.gcd(a, b))`` (and
lcm, three-argument gcd, swapped and negated operands) for ~25 generated
pairs: products with a large common factor, consecutive Fibonacci numbers
(the longest Euclid chains), powers of two times odd factors, operands of
very different sizes, zeros and values around 2**64.  CPython
(``run_cpython``, the oracle) and pyexpr run the same program; stdout must be
identical.  Hex output keeps clear of the 4300-digit str() limit.

Knob: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 25 programs).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_no_crash, run_cpython, run_pyexpr

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "25"))
PROC_TIMEOUT = 60.0


def _fib(n: int) -> tuple:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return b, a


bits = st.sampled_from([1, 31, 32, 33, 63, 64, 65, 96, 128, 200, 500, 1000, 3000, 8000])
big = bits.flatmap(lambda n: st.integers(0, 2 ** n))
near64 = st.integers(-40, 40).map(lambda d: 2 ** 64 + d)
sign = st.sampled_from([1, -1])

common = st.tuples(big, big, big, sign).map(lambda t: (t[0] * (t[2] + 1), t[3] * t[1] * (t[2] + 1)))
fib = st.tuples(st.integers(60, 6000), st.integers(0, 3), big).map(
    lambda t: (_fib(t[0])[0] * (t[2] + 1), (_fib(t[0])[1] + t[1]) * (t[2] + 1)))
pow2 = st.tuples(st.integers(0, 3000), st.integers(0, 3000), big, big).map(
    lambda t: ((2 * t[2] + 1) << t[0], (2 * t[3] + 1) << t[1]))
lopsided = st.tuples(st.integers(2 ** 64, 2 ** 6000), st.one_of(near64, st.integers(1, 2 ** 130)))
pairs = st.one_of(common, fib, pow2, lopsided, st.tuples(big, big), st.tuples(near64, near64),
                  st.tuples(big, st.just(0)))


def program(ps) -> str:
    lines = ["import math", "def show(*r):", "    print(*[hex(x) for x in r])"]
    for a, b in ps:
        lines.append(f"a, b = {hex(a)}, {hex(b)}")
        lines.append("show(math.gcd(a, b), math.gcd(b, -a), math.gcd(a, b, a * 3 + b), "
                     "math.lcm(a, b), math.gcd(a * b + 1, a))")
    return "\n".join(lines) + "\n"


def check(ps) -> None:
    src = program(ps)
    want = run_cpython(["-c", src], timeout=PROC_TIMEOUT)
    assert want.returncode == 0, want.describe()
    got = run_pyexpr(["-c", src], timeout=PROC_TIMEOUT)
    assert_no_crash(got, "gcd program")
    assert got.returncode == 0, got.describe()
    exp, out = want.stdout.decode().splitlines(), got.stdout.decode().splitlines()
    for i, (e, o) in enumerate(zip(exp, out)):
        assert e == o, f"pair {i}: {ps[i]!r}\nCPython: {e[:300]}\npyexpr:  {o[:300]}"
    assert len(exp) == len(out)


@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(st.lists(pairs, min_size=25, max_size=25))
def test_gcd_programs(pyexpr_bin: str, ps) -> None:
    check(ps)


def test_gcd_fixed_cases(pyexpr_bin: str) -> None:
    f = _fib(4000)
    check([f, (f[0] * 3 ** 500, f[1] * 3 ** 500), (2 ** 64, 2 ** 63), (2 ** 64 - 1, 2 ** 32 - 1),
           (2 ** 5000 - 1, 2 ** 3000 - 1), (3 ** 4000, 0), (0, 0), (7 ** 900, 7 ** 900),
           (10 ** 900 + 1, 10 ** 30)])
