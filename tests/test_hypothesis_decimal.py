"""Hypothesis-driven differential test of the decimal module.

Each Hypothesis example is ONE program: a batch of statements, each of them
sets a random context (precision, rounding mode, Emax/Emin, clamp, no
traps), builds two Decimals from random strings (long and short
coefficients, small and large exponents, zeros, infinities, NaNs with
payloads) and applies one random operation (operators, context-rounded
methods, quantize, sqrt/exp/ln/log10, powers, comparisons, conversions,
str/eng strings, formatting). It prints the repr of the result and the
context's flags; errors print their type and message. The expected output
is CPython's, computed at test time.

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 25 programs).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches, cpython_batch_stdout

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "25"))
BATCH = 40

ROUNDINGS = ["ROUND_HALF_EVEN", "ROUND_HALF_UP", "ROUND_HALF_DOWN", "ROUND_UP",
             "ROUND_DOWN", "ROUND_CEILING", "ROUND_FLOOR", "ROUND_05UP"]

OPS = [
    "a + b", "a - b", "a * b", "a / b", "a // b", "a % b", "divmod(a, b)",
    "-a", "+a", "abs(a)", "a.compare(b)", "a.max(b)", "a.min(b)",
    "a.max_mag(b)", "a.min_mag(b)", "a.quantize(b)", "a.fma(b, a)",
    "a.sqrt()", "a.normalize()", "a.to_integral_value()",
    "a.to_integral_exact()", "a.same_quantum(b)", "a.copy_sign(b)",
    "a.remainder_near(b)", "a.compare_total(b)", "a.compare_total_mag(b)",
    "a.next_plus()", "a.next_minus()", "a.next_toward(b)", "a.logb()",
    "a.adjusted()", "a.number_class()", "a == b", "a < b", "a >= b",
    "hash(a) if not a.is_nan() else 0", "int(a)", "round(a, 2)", "round(a)",
    "str(a)", "a.to_eng_string()", "a.exp()", "a.ln()", "a.log10()",
    "float(a)", "a.as_integer_ratio()", "a.as_tuple()",
    "a ** 2", "a ** -1", "a ** 3", "a ** 0", "a ** Decimal('0.5')",
    "a ** Decimal('1.5')", "a ** Decimal('-0.25')",
    "Context(prec=3).create_decimal(a)", "a == 1.5", "a < 2",
    "format(a, '.3f')", "format(a, 'e')", "format(a, '.2e')", "format(a, 'g')",
    "format(a, ',.2f')", "format(a, '>12.4')", "format(a, '%')",
]

digits = st.text(alphabet="0123456789", min_size=1, max_size=30)
specials = st.sampled_from(["NaN", "-NaN", "sNaN", "Inf", "-Inf", "NaN12", "0",
                            "-0", "0E+3", "0E-5", "1", "-1", "0.5", "10"])


@st.composite
def number(draw) -> str:
    if draw(st.integers(0, 19)) == 0:
        return draw(specials)
    d = draw(digits | st.text(alphabet="0123456789", min_size=1, max_size=3))
    e = draw(st.sampled_from([0, 0, -2]) | st.integers(-6, 6) | st.integers(-40, 40))
    sign = draw(st.sampled_from(["", "-"]))
    return f"{sign}{d}E{e}"


@st.composite
def stmt(draw) -> str:
    prec = draw(st.sampled_from([1, 2, 3, 5, 9, 16, 28, 40, 100]))
    emax = draw(st.sampled_from([999999, 99, 20]))
    op = draw(st.sampled_from(OPS))
    rounding = draw(st.sampled_from(ROUNDINGS))
    if "**" in op and rounding == "ROUND_05UP":
        rounding = "ROUND_DOWN"
    if "** Decimal" in op and "HALF" not in rounding:
        # exact results of non-integer powers: CPython's directed rounding
        # depends on libmpdec's internal approximation (docs/language.md)
        rounding = "ROUND_HALF_EVEN"
    clamp = draw(st.sampled_from([0, 0, 1]))
    a, b = draw(number()), draw(number())
    return (f"setcontext(Context(prec={prec}, rounding={rounding}, Emax={emax}, "
            f"Emin={-emax}, clamp={clamp}, traps=[]))\n"
            f"a = Decimal('{a}'); b = Decimal('{b}')\n"
            f"t(lambda: {op})\n")


PRELUDE = """from decimal import *
def t(f):
    c = getcontext()
    c.clear_flags()
    try:
        r = f()
    except Exception as e:
        r = type(e).__name__ + ' ' + str(e)
    print(repr(r), [s.__name__ for s in (Inexact, Rounded, InvalidOperation,
          DivisionByZero, Overflow, Underflow, Subnormal, Clamped) if c.flags[s]])
"""


@settings(max_examples=MAX_EXAMPLES, deadline=None,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(stmt(), min_size=BATCH, max_size=BATCH))
def test_decimal_batch(stmts: list) -> None:
    program = PRELUDE + "".join(stmts) + "setcontext(DefaultContext)\n"
    first = len(PRELUDE.splitlines())
    lines = program.splitlines()
    assert_batch_matches(program, cpython_batch_stdout(program),
                         lambda n: "\n".join(lines[first + 3 * n:first + 3 * n + 3]))
