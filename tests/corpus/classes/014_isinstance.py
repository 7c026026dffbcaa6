# expect: TypeError: 'B' object is not callable
class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, (C, A)), isinstance(b, (C,)), isinstance(b, ()))
print(issubclass(B, A), issubclass(B, (C, B)), issubclass(A, B), issubclass(bool, object))
print(isinstance(1, object), isinstance(A, type), isinstance(A, object), isinstance(b, type))
print(issubclass(B, object), issubclass(type, object), isinstance(len, object))
print(callable(A), callable(b), callable(A.__init__) if False else callable(print))
class Callable:
    def __call__(self, x):
        return x + 1
print(callable(Callable()), Callable()(1))
try:
    isinstance(b, b)
except TypeError as e:
    print(e)
try:
    issubclass(b, A)
except TypeError as e:
    print(e)
print(type(b).__name__, b.__class__.__name__, type(b) == B, type(b) != A)
print(hash(b) == hash(b), b == b, b != B(), id(b) == id(b))
s = {b, b, B()}
print(len(s))
d = {A: 1, B: 2}
print(d[A], d[B])
x = b()
