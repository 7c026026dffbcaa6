"""Hypothesis-driven differential test of the containers (list, tuple, dict,
set, frozenset, slices, dict views, the iterator builtins).

Each Hypothesis example is ONE program: a few container variables are
created, then a batch of ~40 random statements mutates them and prints
results (method calls with random arguments, indexing and slicing with
random start/stop/step, slice assignment and deletion, augmented
assignment, set algebra and comparisons, dict updates/deletes/re-inserts,
sorted/reversed/enumerate/zip, hashes of tuples and frozensets).  Values are
small ints plus ints and floats chosen for hash collisions and table
probing (-1 and -2 share a hash, 2**61-1 hashes to 0, ...), so the
iteration order of sets and the insertion order of dicts are exercised
along with CPython's exact table behaviour.

Statements are generated against a live CPython namespace: each candidate
runs in-process on a deep copy of the state and is kept only if it does not
raise (the test is about results, not error paths, which the corpus
covers).  Every kept statement prints, so pyexpr's stdout must equal
CPython's line by line; the first differing statement is reported.

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 60 programs).
"""

from __future__ import annotations

import builtins
import contextlib
import copy
import io
import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "60"))
BATCH = 40

SPECIAL = [-1, -2, 0, 8, 16, 32, 2**61 - 1, 2**61, -(2**61), 2**64 + 3, 10**20, 0.5, -1.5, 2.0, 1e300]
elems = st.one_of(st.integers(-20, 20), st.integers(-20, 20), st.sampled_from(SPECIAL))
keys = st.one_of(st.integers(-12, 12), st.sampled_from([-1, -2, 2**61 - 1, 0.5, (1, 2), (-1,)]))
small = st.integers(-9, 9)
opt_small = st.none() | small
step = st.none() | st.integers(-4, 4).filter(bool)

LISTS = ["L0", "L1"]
DICTS = ["D0", "D1"]
SETS = ["S0", "S1"]


def lit_list(draw, max_size=6) -> str:
    return repr(draw(st.lists(elems, max_size=max_size)))


def slice_src(draw) -> str:
    fmt = lambda x: "" if x is None else str(x)  # noqa: E731
    return f"{fmt(draw(opt_small))}:{fmt(draw(opt_small))}:{fmt(draw(step))}"


@st.composite
def list_stmt(draw) -> str:
    L = draw(st.sampled_from(LISTS))
    other = draw(st.sampled_from(LISTS))
    x = draw(elems)
    k = draw(st.integers(0, 24))
    stmts = {
        0: f"{L}.append({x!r})",
        1: f"{L}.extend({lit_list(draw)})",
        2: f"{L}.insert({draw(small)}, {x!r})",
        3: f"print({L}.pop())",
        4: f"print({L}.pop({draw(small)}))",
        5: f"{L}.remove({x!r})",
        6: f"print({L}.index({x!r}), {L}.count({x!r}), {x!r} in {L})",
        7: f"{L}.sort()",
        8: f"{L}.sort(reverse=True)",
        9: f"{L}.sort(key=lambda v: (v % 3, -v), reverse={draw(st.booleans())})",
        10: f"{L}.reverse()",
        11: f"{L}[{draw(small)}] = {x!r}",
        12: f"{L}[{slice_src(draw)}] = {lit_list(draw)}",
        13: f"del {L}[{slice_src(draw)}]",
        14: f"del {L}[{draw(small)}]",
        15: f"{L} += {lit_list(draw)}",
        16: f"{L} *= {draw(st.integers(-1, 3))}",
        17: f"print({L}[{slice_src(draw)}])",
        18: f"print({L} + {other}, {L} * {draw(st.integers(-1, 3))})",
        19: f"print({L} < {other}, {L} <= {other}, {L} == {other}, {L} != {other})",
        20: f"print(sorted({L}), sorted({L}, reverse=True), list(reversed({L})))",
        21: f"print(tuple({L})[{slice_src(draw)}], hash(tuple({L})))",
        22: f"{L}[{slice_src(draw)}] = {L}",
        23: f"{L} = {L}.copy(); {L}.clear() if len({L}) > 12 else None",
        24: f"print(list(enumerate({L}, {draw(small)})), list(zip({L}, {other})))",
    }
    return stmts[k] + f"\nprint({L})\n"


@st.composite
def dict_stmt(draw) -> str:
    D = draw(st.sampled_from(DICTS))
    other = draw(st.sampled_from(DICTS))
    kk, v = draw(keys), draw(elems)
    k = draw(st.integers(0, 17))
    pairs = repr(draw(st.lists(st.tuples(keys, elems), max_size=4)))
    stmts = {
        0: f"{D}[{kk!r}] = {v!r}",
        1: f"del {D}[{kk!r}]",
        2: f"print({D}.pop({kk!r}))",
        3: f"print({D}.pop({kk!r}, None))",
        4: f"print({D}.popitem())",
        5: f"print({D}.get({kk!r}), {D}.get({kk!r}, 'd'), {kk!r} in {D})",
        6: f"print({D}.setdefault({kk!r}, {v!r}))",
        7: f"{D}.update({other})",
        8: f"{D}.update({pairs})",
        9: f"{D} |= {pairs}",
        10: f"print({D} | {other}, {D} == {other}, {D} != {other})",
        11: f"print(list({D}.items()), list({D}.values()), list(reversed({D})))",
        12: f"print({D}.keys() & {other}.keys(), {D}.keys() | set({lit_list(draw)}), {D}.keys() - {other}.keys())",
        13: f"print({D}.items() ^ {other}.items(), {D}.keys() ^ {other}.keys())",
        14: f"{D} = {D}.copy()",
        15: f"print(dict({pairs}), dict({D}, x=1))",
        16: f"print(len({D}), sorted({D}.keys(), key=repr))",
        17: f"{D}.clear() if len({D}) > 10 else None",
    }
    return stmts[k] + f"\nprint({D})\n"


@st.composite
def set_stmt(draw) -> str:
    S = draw(st.sampled_from(SETS))
    other = draw(st.sampled_from(SETS))
    x = draw(elems)
    lst = lit_list(draw, 8)
    k = draw(st.integers(0, 20))
    stmts = {
        0: f"{S}.add({x!r})",
        1: f"{S}.discard({x!r})",
        2: f"{S}.remove({x!r})",
        3: f"print({S}.pop())",
        4: f"{S} |= {other}",
        5: f"{S} &= {other}",
        6: f"{S} -= {other}",
        7: f"{S} ^= {other}",
        8: f"print({S} | {other}, {S} & {other}, {S} - {other}, {S} ^ {other})",
        9: f"print({S}.union({lst}), {S}.intersection({lst}), {S}.difference({lst}), {S}.symmetric_difference({lst}))",
        10: f"{S}.update({lst})",
        11: f"{S}.intersection_update({lst})",
        12: f"{S}.difference_update({lst})",
        13: f"{S}.symmetric_difference_update({lst})",
        14: f"print({S}.issubset({lst}), {S}.issuperset({lst}), {S}.isdisjoint({lst}))",
        15: f"print({S} < {other}, {S} <= {other}, {S} == {other}, {S} > {other}, {S} >= {other})",
        16: f"print(set({lst}), frozenset({lst}), hash(frozenset({lst})))",
        17: f"{S} = {S}.copy()",
        18: f"print(sorted({S}, key=repr), {x!r} in {S}, len({S}))",
        19: f"{S} = set({lst}) | {S}",
        20: f"{S}.clear() if len({S}) > 14 else None",
    }
    return stmts[k] + f"\nprint({S})\n"


PRELUDE = "".join(
    [
        "L0 = [3, 1, 2]\nL1 = []\n",
        "D0 = dict([(1, 10), (-1, 11), (0.5, 12)])\nD1 = {}\n",
        "S0 = set([5, -1, -2, 8])\nS1 = set()\n",
    ]
)

any_stmt = st.one_of(list_stmt(), dict_stmt(), set_stmt())

_GLOBALS = {"__builtins__": builtins}


def build_program(cands: list) -> tuple:
    """Keeps the candidates that run without raising, in order, against the
    evolving state. Returns (program, kept statements)."""
    ns = dict(_GLOBALS)
    exec(PRELUDE, ns)
    kept = []
    for stmt in cands:
        saved = copy.deepcopy({k: v for k, v in ns.items() if k != "__builtins__"})
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(stmt, "<case>", "exec"), ns)
        except Exception:  # noqa: BLE001 - raising cases are filtered out
            ns = dict(_GLOBALS)
            ns.update(saved)
            continue
        kept.append(stmt)
    return PRELUDE + "".join(kept), kept


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(any_stmt, min_size=BATCH, max_size=BATCH))
def test_container_batch(cands: list) -> None:
    program, kept = build_program(cands)
    assert_batch_matches(program, namespace=_GLOBALS)
