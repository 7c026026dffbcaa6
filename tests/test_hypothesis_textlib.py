"""Hypothesis-driven differential test of textwrap, fractions and statistics.

Each example is a batch of random calls: ``textwrap.wrap``/``dedent`` on
texts from an alphabet of letters, digits, hyphens, sentence punctuation,
quotes and every whitespace character (with random widths and options);
Fraction arithmetic, comparisons, ``round``/``hash``/``limit_denominator``
mixing ints, floats and Fractions; ``statistics`` functions over small
random int, float and Fraction data.  Every call is wrapped so an exception
prints its type and message.  The batch is ONE program; pyexpr's stdout
must equal CPython's (the oracle runs the same text).

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 25 batches).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "25"))
BATCH = 25

texts = st.text(alphabet="ab Z9-.!?'\"_\t\n\x0b\x0c\r,é", max_size=40)
WRAP_OPTS = ["", ", break_on_hyphens=False", ", break_long_words=False",
             ", fix_sentence_endings=True", ", drop_whitespace=False", ", max_lines=2",
             ", max_lines=1, placeholder='..'", ", initial_indent='> ', subsequent_indent='.'",
             ", expand_tabs=False, replace_whitespace=False", ", tabsize=3"]
wrap_call = st.builds(lambda t, w, o: f"textwrap.wrap({t!r}, {w}{o})", texts, st.integers(1, 15),
                      st.sampled_from(WRAP_OPTS))
dedent_call = st.builds(lambda t: f"textwrap.dedent({t.replace('a', ' ')!r})", texts)

fraction = st.builds(lambda n, d: f"F({n}, {d})", st.integers(-40, 40), st.integers(-12, 12).filter(bool))
number = fraction | st.integers(-9, 9).map(str) | st.sampled_from(
    ["0.5", "-1.25", "3.0", "0.1", "-0.0", "2.5e10", "F('1/3')", "F('-2.5')", "F(' 7 ')"])
binop = st.builds(lambda a, op, b: f"{a} {op} {b}", number,
                  st.sampled_from(["+", "-", "*", "/", "//", "%", "<", "<=", "==", "!=", ">="]), number)
unary = st.builds(lambda a, f: f.format(a), fraction, st.sampled_from(
    ["round({})", "round({}, 2)", "hash({})", "int({})", "float({})", "{}.limit_denominator(5)",
     "str({})", "math.floor({})", "math.ceil({})", "{} ** 2", "{} ** -3", "abs({})"]))

datum = st.integers(-50, 50).map(str) | st.sampled_from(["0.5", "2.25", "-1.5", "0.1", "1e9"]) | fraction
data = st.lists(datum, min_size=1, max_size=8).map(lambda xs: "[" + ", ".join(xs) + "]")
stat_call = st.builds(lambda f, d: f"st.{f}({d})", st.sampled_from(
    ["mean", "fmean", "median", "median_low", "median_high", "median_grouped", "mode", "multimode",
     "variance", "pvariance", "stdev", "pstdev", "quantiles", "harmonic_mean"]), data)

call = wrap_call | dedent_call | binop | unary | stat_call

HEADER = "import math\nimport textwrap\nimport statistics as st\nfrom fractions import Fraction as F\n"


def program_of(calls: list) -> str:
    body = "".join(f"try:\n    print(repr({c}))\nexcept Exception as e:\n    print(type(e).__name__, e)\n"
                   for c in calls)
    return HEADER + body


@settings(max_examples=MAX_EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(call, min_size=BATCH, max_size=BATCH))
def test_textlib_batch(calls: list) -> None:
    # negative bases to fractional powers are complex in CPython: not generated
    assert_batch_matches(program_of(calls), labels=calls)
