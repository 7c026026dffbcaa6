"""Hypothesis-driven differential test of range slicing, indexing, equality,
hashing and membership, for every sign of step, against CPython.

Each example is ONE program holding a batch of random ranges (small bounds,
bounds near and beyond 2**63) and random slices of them (None, small,
large and huge bounds; every step sign, step 0 included). Every line prints
the slice (or the exception type and message), its length, first/last items,
equality with a range rebuilt from its attributes and the hash agreement,
and the program runs once in CPython (``sys.executable``) and once in
pyexpr; stdout must be identical.

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 60 programs).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "60"))
BATCH = 60

BIG = [2**62, 2**63 - 1, 2**63, 2**64, -(2**63), -(2**63) - 1, 10**20, -(10**20), 2**70]
bound = st.one_of(st.integers(-12, 12), st.integers(-12, 12), st.integers(-200, 200), st.sampled_from(BIG))
step = st.one_of(st.integers(-5, 5).filter(bool), st.sampled_from([2**62, -(2**62), 2**64, -(2**64)]))
sbound = st.one_of(st.none(), st.integers(-15, 15), st.sampled_from(BIG + [True, False]))
sstep = st.one_of(st.none(), st.integers(-4, 4), st.sampled_from([2**63, -(2**63), 2**70, -(2**70)]))

PRELUDE = '''
def show(r, s):
    try:
        x = r[s]
    except Exception as e:
        print(type(e).__name__, e)
        return
    n = len(x) if x.stop - x.start < 2**62 and x.start - x.stop < 2**62 else -1
    ends = (x[0], x[-1]) if x != range(0) else ()
    same = range(x.start, x.stop, x.step)
    print(x, n, ends, x == same, hash(x) == hash(same), x.start in x, x.stop in x)
'''


@st.composite
def program(draw) -> str:
    lines = [PRELUDE]
    for _ in range(BATCH):
        r = f"range({draw(bound)}, {draw(bound)}, {draw(step)})"
        fmt = lambda v: "None" if v is None else repr(v)  # noqa: E731
        s = f"slice({fmt(draw(sbound))}, {fmt(draw(sbound))}, {fmt(draw(sstep))})"
        lines.append(f"show({r}, {s})")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(program())
def test_range_slicing_matches_cpython(src):
    body = [ln for ln in src.splitlines() if ln.startswith("show(")]
    assert_batch_matches(src, labels=body, oracle_process=True, what="range slicing")
