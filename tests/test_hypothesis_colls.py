"""Hypothesis-driven differential test of collections, itertools, heapq and
bisect: random small lists (many duplicates) run through the modules'
operations (heaps, bisection, combinatorics, islice/groupby/accumulate,
Counter arithmetic, a random sequence of deque operations with maxlen);
each example is one program run by CPython (the oracle) and by pyexpr,
whose outputs, error messages included, must agree.

Knob: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 25 programs).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "25"))

small = st.lists(st.integers(-3, 6), max_size=9)
# (method, argument count): the one argument is the random value, a second 9
DEQUE_OPS = [("append", 1), ("appendleft", 1), ("pop", 0), ("popleft", 0), ("rotate", 1),
             ("extend", -1), ("extendleft", -1), ("remove", 1), ("count", 1), ("index", 1),
             ("insert", 2), ("reverse", 0), ("clear", 0), ("__getitem__", 1),
             ("__delitem__", 1), ("__contains__", 1), ("__len__", 0)]

PROGRAM = """\
import heapq, bisect, itertools, collections
from collections import Counter, deque
data = {data!r}
other = {other!r}
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
h = list(data)
heapq.heapify(h)
show('heapify', lambda: h)
h2 = []
for v in data:
    heapq.heappush(h2, v)
show('push', lambda: h2)
show('pushpop', lambda: (heapq.heappushpop(h2, {k}), h2))
show('replace', lambda: (heapq.heapreplace(h2, {k}), h2))
show('popall', lambda: [heapq.heappop(h) for _ in range(len(h))])
show('nlargest', lambda: heapq.nlargest({k}, data))
show('nsmallest', lambda: heapq.nsmallest({k}, data, key=abs))
show('merge', lambda: list(heapq.merge(sorted(data), sorted(other))))
s = sorted(data)
show('bisect', lambda: [(bisect.bisect_left(s, v), bisect.bisect_right(s, v)) for v in other])
ins = []
for v in data:
    bisect.insort(ins, v)
show('insort', lambda: ins)
show('comb', lambda: list(itertools.combinations(data[:5], {r})))
show('combr', lambda: list(itertools.combinations_with_replacement(data[:4], {r})))
show('perm', lambda: list(itertools.permutations(data[:4], {r})))
show('product', lambda: list(itertools.product(data[:3], other[:2], repeat={rep})))
show('groupby', lambda: [(k, list(g)) for k, g in itertools.groupby(data)])
show('accumulate', lambda: list(itertools.accumulate(data, initial={init})))
show('islice', lambda: list(itertools.islice(data, {a}, {b}, {c})))
show('zip_longest', lambda: list(itertools.zip_longest(data, other, fillvalue='-')))
show('pairwise', lambda: list(itertools.pairwise(data)))
show('compress', lambda: list(itertools.compress(data, other)))
show('while', lambda: (list(itertools.takewhile(lambda x: x < {k}, data)), list(itertools.dropwhile(lambda x: x < {k}, data))))
c1, c2 = Counter(data), Counter(other)
show('counter', lambda: (c1, c1.most_common({k}), c1 + c2, c1 - c2, c1 | c2, c1 & c2, -c1, c1 <= c2))
c1.subtract(other)
show('subtract', lambda: (c1, +c1))
d = deque(data, {maxlen})
for name, args in {ops!r}:
    show(name, lambda: (getattr(d, name)(*args), d))
"""


@settings(max_examples=MAX_EXAMPLES, deadline=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(data=small, other=small, k=st.integers(-1, 4), r=st.integers(0, 4),
       rep=st.integers(0, 2), init=st.sampled_from([None, 0, 10]),
       a=st.integers(0, 4), b=st.sampled_from([None, 0, 3, 8]), c=st.sampled_from([None, 1, 2, 3]),
       maxlen=st.sampled_from([None, 0, 2, 5]),
       ops=st.lists(st.tuples(st.sampled_from(DEQUE_OPS), st.integers(-3, 4)), max_size=12))
def test_collections_match_cpython(data, other, k, r, rep, init, a, b, c,
                                   maxlen, ops):
    ops = [(name, [] if n == 0 else [v] if n == 1 else [v, 9] if n == 2 else [[v, v, 0]])
           for (name, n), v in ops]
    prog = PROGRAM.format(data=data, other=other, k=k, r=r, rep=rep, init=init, a=a, b=b, c=c,
                          maxlen=maxlen, ops=ops)
    assert_batch_matches(prog, oracle_process=True, timeout=30)
