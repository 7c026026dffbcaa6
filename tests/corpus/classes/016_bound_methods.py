# expect: ok
class A:
    def f(self, x=1):
        return ("f", x)
    def g(self):
        return self
a = A()
m = a.f
print(m(), m(5), m.__func__ is A.f, m.__self__ is a, m.__name__, m.__qualname__)
print(a.f == a.f, a.f == A().f, a.f is a.f, hash(a.f) == hash(a.f))
print(type(m).__name__, repr(m).startswith("<bound method A.f of <__main__.A object at 0x"))
print(repr(A.f).startswith("<function A.f at 0x"))
fs = [a.f, a.g]
print([f() for f in fs][0], fs[1]() is a)
a.f = lambda: "instance attr"
print(a.f())
del a.f
print(a.f(2))
class B(A):
    def f(self, x=2):
        return ("B.f", super().f(x))
print(B().f(), B.f(B()), A.f(B()))
def outside(self):
    return "outside " + type(self).__name__
A.out = outside
print(a.out(), B().out())
class C:
    @classmethod
    def cm(cls):
        return cls
print(C.cm() is C, C().cm() is C, repr(C.cm).startswith("<bound method C.cm of <class"))
print(repr(C.cm))
