"""Hypothesis-driven differential test of the ``struct`` module: random
formats (byte orders, codes, counts, whitespace) packed with random values
(ints around every range boundary, floats, bytes, bools, wrong types) and
unpacked from random bytes; each example is one program run by CPython (the
oracle) and by pyexpr, whose outputs, error messages included, must agree.

Knob: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 40 programs of 40 lines).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "40"))

CODES = "xcbB?hHiIlLqQnNefdspP"
BOUNDS = [0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32769, 65535, 65536,
          2 ** 31 - 1, 2 ** 31, -2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32, 2 ** 63 - 1, 2 ** 63,
          -2 ** 63, -2 ** 63 - 1, 2 ** 64 - 1, 2 ** 64, 2 ** 70, -2 ** 70]

order = st.sampled_from(["", "@", "=", "<", ">", "!"])
item = st.tuples(st.sampled_from(["", "", "", "0", "1", "2", "3"]), st.sampled_from(CODES),
                 st.sampled_from(["", "", " "]))
fmt = st.builds(lambda o, items: o + "".join(a + b + c for a, b, c in items), order,
                st.lists(item, min_size=1, max_size=4))
value = st.one_of(st.sampled_from(BOUNDS), st.integers(-2 ** 66, 2 ** 66),
                  st.floats(allow_nan=False, allow_infinity=False, width=64), st.sampled_from([1e300, 65504.0, 65520.0, 6e-8, -0.0]),
                  st.binary(max_size=4), st.booleans(), st.none(), st.text(max_size=2))


def line(kind, f, vals, data):
    if kind == 0:
        call = f"struct.pack({f!r}, *{vals!r})"
    elif kind == 1:
        call = f"struct.unpack({f!r}, {data!r})"
    else:
        call = f"struct.calcsize({f!r})"
    return (f"try:\n    print(repr({call}))\n"
            f"except (struct.error, OverflowError, TypeError) as e:\n"
            f"    print(type(e).__name__, e)\n")


@settings(max_examples=MAX_EXAMPLES, deadline=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 2), fmt, st.lists(value, max_size=5), st.binary(max_size=24)),
                min_size=20, max_size=40))
def test_struct_matches_cpython(cases):
    prog = "import struct\n" + "".join(line(k, f, v, d) for k, f, v, d in cases)
    assert_batch_matches(prog, labels=[repr(c) for c in cases], oracle_process=True, timeout=30)
