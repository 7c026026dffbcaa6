# expect: ok
class A:
    def m(self): pass
    class In:
        pass
print(A, A.In, A.m.__qualname__, A.In.__name__)
print(str(A), repr(A.In))
print(type(A), type(A()).__qualname__)
print(object, type, super, property, staticmethod, classmethod)
def f():
    class L:
        pass
    return L
print(f())
print(repr(A()).startswith("<__main__.A object at 0x"), str(A.In()).startswith("<__main__.A.In object at 0x"))
print([A][0] is A, (A, A.In))
sm = staticmethod(f)
print(repr(sm).startswith("<staticmethod(<function f at 0x"))
print(property.__name__ if False else type(property()).__name__)
