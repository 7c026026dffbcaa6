# expect: TypeError: cannot pickle 'generator' object
import copy
from collections import namedtuple, OrderedDict, defaultdict, Counter, deque

a = [1, [2, 3], {'k': [4]}]
s = copy.copy(a)
d = copy.deepcopy(a)
a[1].append(99)
a[2]['k'].append(5)
print(a, s, d, s is a, s[1] is a[1], d[1] is a[1])
t = (1, 2, (3, 4))
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, [2])) == (1, [2]), copy.deepcopy((1, [2]))[1] is not None)
print(copy.copy({1, 2}), copy.deepcopy(frozenset({1})), copy.copy('abc'), copy.copy(5), copy.deepcopy(None), copy.copy(bytearray(b'x')))
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.tags = ['a']
    def __repr__(self):
        return f'Point({self.x}, {self.y}, {self.tags})'
p = Point(1, 2)
p2 = copy.copy(p)
p3 = copy.deepcopy(p)
p.tags.append('b')
print(p, p2, p3, p2.tags is p.tags, p3.tags is p.tags, type(p3).__name__)
class Slotted:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = [1]
s1 = Slotted()
s2 = copy.deepcopy(s1)
print(s2.a, s2.a is s1.a, hasattr(s2, 'b'))
class Hooked:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        print('copy hook')
        return Hooked(self.v)
    def __deepcopy__(self, memo):
        print('deepcopy hook', type(memo).__name__)
        return Hooked(copy.deepcopy(self.v, memo))
h = Hooked([1])
print(copy.copy(h).v, copy.deepcopy(h).v)
shared = [1, 2]
both = [shared, shared]
dc = copy.deepcopy(both)
print(dc, dc[0] is dc[1], dc[0] is shared)
rec = [1]
rec.append(rec)
rc = copy.deepcopy(rec)
print(rc[1] is rc, rc[0])
memo = {}
x = [1]
y = copy.deepcopy([x, x], memo)
print(y[0] is y[1], id(x) in memo)
P = namedtuple('P', 'x y')
np_ = P(1, [2])
print(copy.copy(np_), copy.deepcopy(np_), copy.deepcopy(np_)[1] is np_[1])
od = OrderedDict(a=[1])
od2 = copy.deepcopy(od)
print(od2, type(od2).__name__, od2['a'] is od['a'])
dd = defaultdict(list, a=[1])
print(copy.copy(dd), copy.deepcopy(dd), copy.copy(Counter('aab')), copy.deepcopy(deque([1, [2]], maxlen=3)))
class MyList(list):
    pass
ml = MyList([1, [2]])
ml.extra = 'e'
ml2 = copy.deepcopy(ml)
print(ml2, type(ml2).__name__, ml2.extra, ml2[1] is ml[1])
def f():
    pass
print(copy.copy(f) is f, copy.deepcopy(Point) is Point, copy.deepcopy(len) is len)
print(copy.Error, issubclass(copy.Error, Exception))
print(copy.deepcopy((x for x in [1])))
