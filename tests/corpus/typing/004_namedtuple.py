# expect: AttributeError: can't set attribute
from typing import NamedTuple


class P(NamedTuple):
    x: int
    y: float = 0.0

    def norm(self):
        return abs(self.x) + abs(self.y)


p = P(1)
print(p, P(1, 2), P(y=3, x=4), p.norm(), p._fields, p._asdict(), p._replace(y=5), P._make([3, 4]))
print(p == (1, 0.0), isinstance(p, tuple), P._field_defaults, len(p), p[0], p[-1], P.__annotations__, P.__match_args__)
x, y = p
print(x, y, hash(p) == hash((1, 0.0)), p + (9,), sorted([P(2), P(1, 5), P(1, 2)]), P.x.__class__.__name__ if False else '')
match P(3, 4):
    case P(x=3, y=yy):
        print('matched', yy)
Q = NamedTuple('Q', [('a', int), ('b', str)])
print(Q(1, 'x'), Q._fields, Q(a=2, b='y').b)
R = NamedTuple('R', n=int)
print(R(5), R._fields)
for call in [lambda: P(), lambda: P(1, 2, 3), lambda: P(1, z=2), lambda: P(1, x=2), lambda: p._replace(z=1), lambda: P._make([1, 2, 3])]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print(e)
p.x = 5
