# expect: ok
class A:
    x = 1
    def f(self):
        return "f1"
class B(A):
    pass
a, b = A(), B()
print(a.x, b.x, a.f(), b.f())
A.x = 2
A.f = lambda self: "f2"
print(a.x, b.x, a.f(), b.f())
B.x = 3
print(a.x, b.x)
del B.x
print(b.x)
del A.f
try:
    b.f()
except AttributeError as e:
    print(e)
A.g = staticmethod(lambda: "static")
print(a.g(), B.g())
for i in range(3):
    A.counter = i
    print(b.counter)
class P:
    @property
    def v(self):
        return 1
p = P()
print(p.v)
P.v = 10
print(p.v)
