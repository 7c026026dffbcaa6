# expect: ValueError: 'v' in __slots__ conflicts with class variable
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x, hasattr(p, "y"), hasattr(p, "__dict__"))
p.y = 5
print(p.y)
del p.y
print(hasattr(p, "y"))
try:
    p.z = 3
except AttributeError as e:
    print(e)
try:
    p.y
except AttributeError as e:
    print(e)
try:
    del p.y
except AttributeError as e:
    print(e)
print(type(P.x).__name__, P.__slots__)
class Q(P):
    __slots__ = "z"
q = Q(2)
q.z = 3
q.y = 4
print(q.x, q.y, q.z)
class R(P):
    pass
r = R(9)
r.other = 1
print(r.x, r.other, r.__dict__)
class S:
    __slots__ = ("a", "__dict__")
s = S()
s.a = 1
s.b = 2
print(s.a, s.b, s.__dict__)
try:
    class Bad:
        __slots__ = (1,)
except TypeError as e:
    print(e)
class Conflict:
    __slots__ = ("v",)
    v = 1
