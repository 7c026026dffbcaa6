# expect: NameError: name 'undefined_name_here' is not defined
x = "global x"
class A:
    y = x
    x = "class x"
    z = x
    items = [i * 2 for i in range(3)]
    def method(self):
        return x
    n = len(items)
    del items
print(A.y, A.z, A().method(), A.n, hasattr(A, "items"))
class Q:
    q = __qualname__
    m = __module__
print(Q.q, Q.m)
def make():
    class Inner:
        def f(self):
            return 1
    return Inner
I = make()
print(I.__qualname__, I.f.__qualname__, I.__name__)
class Outer:
    class Nested:
        class Deep:
            pass
    def method(self):
        class InMethod:
            pass
        return InMethod
print(Outer.Nested.__qualname__, Outer.Nested.Deep.__qualname__, Outer().method().__qualname__)
class Doc:
    "docstring here"
    a = 1
print(Doc.__doc__, Doc.a)
class NoDoc:
    a = 1
    "not a docstring"
print(NoDoc.__doc__)
def fn():
    v = 10
    class K:
        w = v + 1
        def get(self):
            return v
    return K
K = fn()
print(K.w, K().get())
class Cond:
    if True:
        a = 1
    else:
        b = 2
    for i in range(3):
        pass
    try:
        c = 1 / 0
    except ZeroDivisionError:
        c = "caught"
print(Cond.a, hasattr(Cond, "b"), Cond.i, Cond.c)
class UseBeforeDef:
    del undefined_name_here
