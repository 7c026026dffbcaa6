"""Hypothesis-driven differential test of the ``random`` module.

Each example is ONE program: a seed (int of any size and sign, float, str,
bytes), then a generated sequence of calls on the module functions and on a
``random.Random(seed)`` instance -- random(), getrandbits, randrange/randint
(small and huge bounds, steps), choice, shuffle, sample (incl. counts=),
choices (weights, cum_weights), uniform, gauss, normalvariate, expovariate,
gammavariate, betavariate, getstate/setstate round trips -- printing repr of
every result. CPython (the oracle) and pyexpr must print the same stream.

Knob: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 40 programs).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches, run_cpython, run_pyexpr

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "40"))

seeds = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80),
    st.integers(min_value=0, max_value=2**32),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.binary(max_size=20),
)

ints = st.integers(min_value=-(10**25), max_value=10**25)
small = st.integers(min_value=-50, max_value=50)


@st.composite
def call(draw, g: str) -> str:
    kind = draw(st.integers(min_value=0, max_value=15))
    if kind == 0:
        return f"{g}.random()"
    if kind == 1:
        return f"{g}.getrandbits({draw(st.integers(min_value=0, max_value=200))})"
    if kind == 2:
        a = draw(ints)
        return f"{g}.randint({a}, {a + draw(st.integers(min_value=0, max_value=10**draw(st.integers(0, 30))))})"
    if kind == 3:
        a = draw(small)
        b = draw(small)
        s = draw(st.sampled_from([1, 2, 3, -1, -2, 7]))
        if (b - a) * s <= 0 or (b - a + s - (1 if s > 0 else -1)) // s <= 0:
            return f"{g}.randrange({max(1, abs(a))})"
        return f"{g}.randrange({a}, {b}, {s})"
    if kind == 4:
        seq = draw(st.sampled_from(["'abcdef'", "[1, 2, 3]", "range(10**12)", "(None, True)"]))
        return f"{g}.choice({seq})"
    if kind == 5:
        n = draw(st.integers(min_value=0, max_value=40))
        return f"(lambda l: ({g}.shuffle(l), l)[1])(list(range({n})))"
    if kind == 6:
        n = draw(st.integers(min_value=0, max_value=2000))
        k = draw(st.integers(min_value=0, max_value=min(n, 30)))
        return f"{g}.sample(range({n}), {k})"
    if kind == 7:
        counts = draw(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=5))
        if sum(counts) == 0:
            counts[0] = 1
        k = draw(st.integers(min_value=0, max_value=sum(counts)))
        return f"{g}.sample('abcde'[:{len(counts)}], {k}, counts={counts})"
    if kind == 8:
        k = draw(st.integers(min_value=0, max_value=10))
        w = draw(st.lists(st.integers(min_value=1, max_value=9), min_size=3, max_size=3))
        form = draw(st.integers(0, 2))
        if form == 0:
            return f"{g}.choices('xyz', k={k})"
        if form == 1:
            return f"{g}.choices('xyz', {w}, k={k})"
        return f"{g}.choices('xyz', cum_weights=[{w[0]}, {w[0] + w[1]}, {sum(w)}], k={k})"
    if kind == 9:
        return f"{g}.uniform({draw(small)}, {draw(small)})"
    if kind == 10:
        return f"{g}.gauss({draw(small)}, 2.5)"
    if kind == 11:
        return f"{g}.normalvariate()"
    if kind == 12:
        return f"{g}.expovariate({draw(st.integers(1, 9))})"
    if kind == 13:
        a = draw(st.sampled_from([0.3, 1.0, 2.5, 9.0]))
        return f"{g}.gammavariate({a}, 2.0)"
    if kind == 14:
        return f"{g}.betavariate({draw(st.integers(1, 5))}, {draw(st.integers(1, 5))})"
    return f"(lambda s: ({g}.random(), {g}.setstate(s), {g}.random()))({g}.getstate())"


@st.composite
def program(draw) -> str:
    lines = ["import random", f"random.seed({draw(seeds)!r})", f"r = random.Random({draw(seeds)!r})"]
    for _ in range(draw(st.integers(min_value=5, max_value=25))):
        g = draw(st.sampled_from(["random", "r"]))
        lines.append(f"print(repr({draw(call(g))}))")
    return "\n".join(lines) + "\n"


SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                    phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: two processes a step


@SETTINGS
@given(program())
def test_random_streams_match_cpython(src: str) -> None:
    assert_batch_matches(src, oracle_process=True)


def test_module_level_seed_42() -> None:
    src = ("import random\nrandom.seed(42)\n"
           "print([random.random() for _ in range(3)], random.randint(1, 100), random.choice('abc'))\n")
    assert run_pyexpr(["-c", src]).stdout == run_cpython(["-c", src]).stdout
