# expect: ok
from dataclasses import MISSING, dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError, InitVar
@dataclass
class Point:
    x: int
    y: int = 0
p = Point(1, 2)
print(p, Point(3), p == Point(1, 2), p != Point(1, 3), p == (1, 2))
print(Point.__doc__, Point.__match_args__)
print(Point.__init__.__qualname__, Point.__repr__.__name__)
print(asdict(p), astuple(p), replace(p, y=5), is_dataclass(p), is_dataclass(Point), is_dataclass(3))
print([f.name for f in fields(p)], [f.type for f in fields(Point)])
print(Point.__hash__)
@dataclass(order=True, frozen=True)
class V:
    a: int
    b: str = 'x'
    tags: list = field(default_factory=list, compare=False, repr=False)
v = V(1)
print(v, V(1) < V(2), V(1, 'a') <= V(1, 'b'), V(2) > V(1), V(2) >= V(3), hash(v) == hash((1, 'x')))
try:
    v.a = 3
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    del v.a
except AttributeError as e:
    print(e)
print(sorted([V(3), V(1), V(2)]))
try:
    V(1) < 3
except TypeError as e:
    print(e)
@dataclass
class C:
    a: int
    b: int = field(init=False, default=9)
    c: InitVar[int] = 0
    def __post_init__(self, c):
        self.total = self.a + self.b + c
c = C(1, c=5)
print(c, c.total, [(f.name, f.type, f.init, f.default is MISSING, f.repr, f.compare, f.hash, f.kw_only, f.metadata) for f in fields(C)])
@dataclass
class Node:
    val: int
    children: list = field(default_factory=list)
n = Node(1, [Node(2), Node(3, [Node(4)])])
print(n)
print(asdict(n))
print(astuple(n))
for args, kw in [((), {}), ((1, 2, 3), {}), ((1,), {'z': 2}), ((1,), {'val': 2})]:
    try:
        Node(*args, **kw)
    except TypeError as e:
        print(e)
try:
    @dataclass
    class Bad:
        x: int = 0
        y: int
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad2:
        x: list = []
except ValueError as e:
    print(e)
try:
    @dataclass(order=True, eq=False)
    class Bad3:
        x: int
except ValueError as e:
    print(e)
for call in [lambda: field(default=1, default_factory=list), lambda: asdict(3),
             lambda: fields(3), lambda: replace(C(1), b=3), lambda: hash(p), lambda: astuple(p, 1)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
@dataclass(unsafe_hash=True)
class H:
    x: int
print(hash(H(5)) == hash((5,)))
@dataclass
class Base:
    x: int
    y: int = 1
@dataclass
class Derived(Base):
    z: int = 2
    x: int = 5
print(Derived(), Derived(1, 2, 3), [f.name for f in fields(Derived)])
@dataclass(eq=False)
class NE:
    x: int
print(NE(1) == NE(1), NE(1))
@dataclass(repr=False)
class NR:
    x: int
print(repr(NR(1)).startswith('<__main__.NR object at'))
class Holder:
    @dataclass
    class Inner:
        q: int
print(Holder.Inner(3))
@dataclass
class R:
    me: object = None
r = R()
r.me = r
print(r)
