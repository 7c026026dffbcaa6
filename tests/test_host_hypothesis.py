"""Hypothesis round trips of values across the host boundary (issue 15):
every value that may cross comes back equal, with the same types all the
way down (bool stays bool, bytearray stays bytearray, -0.0 keeps its sign,
NaN stays NaN), through an input variable, through a host function's
argument and result, and through a shared container; exposed objects come
back as the same object."""
import collections
import math
import os

import pytest

pyexpr = pytest.importorskip("pyexpr")
if not hasattr(pyexpr, "expose"):
    pytest.skip("extension not built", allow_module_level=True)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

Point = collections.namedtuple("Point", "x y")

hashable = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=-2 ** 200, max_value=2 ** 200)
    | st.floats(allow_nan=False) | st.text(max_size=8) | st.binary(max_size=8),
    lambda inner: st.tuples(inner, inner) | st.frozensets(inner, max_size=3),
    max_leaves=6)

values = st.recursive(
    hashable | st.floats() | st.builds(bytearray, st.binary(max_size=8)),
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(hashable, inner, max_size=3) | st.sets(hashable, max_size=3)),
    max_leaves=12)


def same(a, b):
    """Equal, with the same types everywhere (floats compared bit for bit)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


@SETTINGS
@given(values)
def test_input_and_result_round_trip(v):
    assert same(pyexpr.eval("v", {"v": v}), v)


@SETTINGS
@given(values)
def test_host_function_round_trip(v):
    seen = []

    def f(x):
        seen.append(x)
        return x

    assert same(pyexpr.eval("f(v)", {"v": v, "f": f}), v)
    assert same(seen[0], v)


@SETTINGS
@given(st.lists(values, max_size=4), values)
def test_shared_list_written_back(items, extra):
    lst = list(items)
    pyexpr.exec("l.append(x)", {"l": pyexpr.shared(lst), "x": extra})
    assert len(lst) == len(items) + 1
    assert all(same(a, b) for a, b in zip(lst, items + [extra]))


@SETTINGS
@given(values, values)
def test_exposed_and_namedtuple_fields(a, b):
    p = Point(a, b)
    assert same(pyexpr.eval("p.x", {"p": p}), a)
    assert same(pyexpr.eval("[p.y, p]", {"p": p})[0], b)
    assert pyexpr.eval("[p.y, p]", {"p": p})[1] is p
