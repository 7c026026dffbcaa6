# expect: ok
from dataclasses import dataclass, field, fields, KW_ONLY, replace
from typing import ClassVar, List, Optional


@dataclass
class P:
    x: int
    y: int = 0
    z: int = field(default=1, kw_only=True)
    w: int = field(kw_only=True)
    count: ClassVar[int] = 0


print(P(1, w=2), P.count, [f.name for f in fields(P)], P.__match_args__)
print(P.__doc__)
def calls(cls, cases):
    for a, k in cases:
        try:
            cls(*a, **k)
        except TypeError as e:
            print(e)


calls(P, [((1, 2, 3), {}), ((1, 2, 3), {'b': 1}), ((1, 2, 3), {'x': 1}),
             ((1, 2, 3), {'w': 1}), ((1, 2, 3, 4), {'w': 1, 'z': 2}), ((), {}),
             ((), {'w': 1}), ((1,), {}), ((1,), {'q': 1, 'x': 2})])


@dataclass
class Q:
    pass


print(Q(), Q() == Q(), Q.__doc__)
try:
    Q(1)
except TypeError as e:
    print(e)


@dataclass
class R:
    a: int
    b: int
    c: int


calls(R, [((), {}), ((1, 2, 3, 4), {}), ((1, 2, 3), {'a': 4}), ((1,), {})])


@dataclass
class K:
    a: int
    _: KW_ONLY
    b: int
    c: Optional[str] = None
    items: List[int] = field(default_factory=list)


k = K(1, b=2)
print(k, K.__doc__, replace(k, c='x'))
try:
    K(1, 2)
except TypeError as e:
    print(e)


@dataclass
class S:
    name: 'str'
    n: 'int' = 3


print(S('a'), S.__doc__, S.__annotations__)
