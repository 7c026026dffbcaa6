# expect: TypeError: 'Point' object does not support item assignment
# tuple subclasses: a hand-written namedtuple
class Point(tuple):
    __slots__ = ()
    _fields = ("x", "y")
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    @property
    def y(self):
        return self[1]
    def __repr__(self):
        return "Point(x=%r, y=%r)" % self
    def _replace(self, **kw):
        return Point(kw.get("x", self.x), kw.get("y", self.y))

p = Point(1, 2)
print(p, p.x, p.y, len(p), p[0], p[-1], p[:1], type(p[:1]).__name__, list(p), tuple(p), type(tuple(p)).__name__)
x, y = p
print(x, y, *p, p == (1, 2), (1, 2) == p, p != (2, 1), p < (1, 3), hash(p) == hash((1, 2)))
print(p + (3,), type(p + (3,)).__name__, p * 2, 2 in p, p.index(2), p.count(1), sorted([Point(2, 0), p]))
print({p: "a"}[(1, 2)], p._replace(y=5), isinstance(p, tuple), str(p), f"{p}", "%s-%s" % p)
print(Point.__mro__, max(p), sum(p), dict([p]), [a for a in p])
try:
    p.z = 1
except AttributeError as e:
    print(e)

class T(tuple):
    pass
t = T([3, 4])
print(t, repr(t), T(), T("ab"), t.count(3), t == (3, 4))
t.extra = 1
print(t.extra)
for bad in (lambda: T(1, 2), lambda: tuple.__new__(T, 5), lambda: tuple.__new__(5)):
    try:
        bad()
    except TypeError as e:
        print(e)
p[0] = 3
