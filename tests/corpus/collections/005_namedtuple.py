# expect: TypeError: P.__new__() got multiple values for argument 'y'
from collections import namedtuple

P = namedtuple('P', ['x', 'y'])
p = P(1, 2)
print(p, p.x, p.y, p[0], p[1], len(p), tuple(p), list(p))
print(P(x=3, y=4), P(5, y=6), p == (1, 2), p == P(1, 2), hash(p) == hash((1, 2)))
print(P._fields, p._asdict(), p._replace(x=10), P._make([7, 8]), P._field_defaults)
x, y = p
print(x + y, isinstance(p, tuple), type(p).__name__, P.__name__, P.__doc__)
print(p + (3,), p * 2, p[::-1], sorted([P(2, 1), P(1, 2)]), max(P(1, 9), P(2, 0)))
Q = namedtuple('Q', 'a b c', defaults=[0, 1])
print(Q(9), Q(9, 8), Q(9, 8, 7), Q._field_defaults, Q.__doc__)
R = namedtuple('R', 'a, b', rename=True)
print(R(1, 2), R._fields)
S = namedtuple('S', ['ok', 'def', '_x', 'ok', '1y'], rename=True)
print(S._fields)
E = namedtuple('E', [])
print(E(), E._fields, len(E()))
d = {P(1, 2): 'a'}
print(d[(1, 2)], p.count(1), p.index(2))
match p:
    case P(x=1, y=yy):
        print('matched', yy)
match p:
    case P(a, b):
        print('positional', a, b)
print(P.__match_args__)

class Point(namedtuple('Point', 'x y')):
    __slots__ = ()
    @property
    def hyp(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __str__(self):
        return 'Point: x=%6.3f  y=%6.3f  hyp=%6.3f' % (self.x, self.y, self.hyp)
print(Point(3, 4), repr(Point(3, 4)), Point(3, 4).hyp)
for bad in [lambda: P(1), lambda: P(), lambda: P(1, 2, 3), lambda: P(1, z=2),
            lambda: P(1, x=2), lambda: Q(), lambda: Q(1, 2, 3, 4), lambda: E(1),
            lambda: P._make([1]), lambda: p._replace(z=1),
            lambda: namedtuple('T', 'a a'), lambda: namedtuple('T', '_a'),
            lambda: namedtuple('T', 'class'), lambda: namedtuple('1T', 'a'),
            lambda: namedtuple('T', 'a b', defaults=[1, 2, 3]),
            lambda: namedtuple('T', 'a b c')(1), lambda: setattr(p, 'x', 5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(P(1, 2, y=3))
