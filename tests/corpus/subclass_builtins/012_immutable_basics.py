# expect: ok
class MyInt(int):
    pass
a = MyInt(3)
print(a, repr(a), type(a).__name__, isinstance(a, int))
print(a + 1, type(a + 1), 1 + a, type(1 + a), -a, abs(MyInt(-4)), ~a)
print(a == 3, a < 4, hash(a) == hash(3), {a: 1}[3], [10, 20, 30, 40][a])
print(int(a), type(int(a)), float(a), str(a), f"{a:>5}", f"{a}", "%d" % a, "%s" % a, format(a, 'x'))
print(a.bit_length(), a.real, type(a.real), int.__add__(a, 2), range(a))
class P(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self): return self[0]
p = P(1, 2)
print(p, p.x, len(p), p[1], list(p), p + (3,), type(p + (3,)), p == (1, 2), hash(p) == hash((1, 2)))
x, y = p
print(x, y, tuple(p), type(tuple(p)), p.count(1), p.index(2))
class S(str):
    def shout(self): return self.upper() + "!"
s = S("hey")
print(s, repr(s), s.shout(), type(s.upper()), s + "x", "x" + s, s * 2, s[1], len(s), "e" in s)
print(s == "hey", {"hey": 1}[s], {s: 2}["hey"], str(s), type(str(s)), f"{s:>6}", s.split("e"))
class F(float):
    def __repr__(self): return "F(%s)" % float.__repr__(self)
f = F(2.5)
print(f, repr(f), f * 2, type(f * 2), round(f), int(f), str(f), f"{f:.2f}")
class B(bytes): pass
b = B(b"abc")
print(b, b.decode(), b[0], len(b), b + b"d", type(b + b"d"))
class FS(frozenset): pass
fs = FS([1, 2])
print(fs, FS(), fs | {3}, type(fs | {3}), hash(fs) == hash(frozenset([1, 2])), 1 in fs, fs.copy(), type(fs.copy()))
class M(int):
    def __repr__(self): return "M!"
print(M(3), str(M(3)), [M(3)], f"{M(3)}", M(3) + 1)
class N(int):
    def __add__(self, o): return "added"
print(N(1) + 2, 2 + N(1))
a.z = 5
print(a.z, a.__dict__, a.__class__)
class Sl(int):
    __slots__ = ()
try:
    Sl(1).z = 2
except AttributeError as e:
    print(e)
try:
    class Bo(bool): pass
except TypeError as e:
    print(e)
