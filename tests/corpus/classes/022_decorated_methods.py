# expect: ok
import math
def logged(f):
    def w(*a, **k):
        r = f(*a, **k)
        print("called", f.__name__, "->", r)
        return r
    w.__name__ = f.__name__
    w.__doc__ = f.__doc__
    return w
def times(n):
    def deco(f):
        def w(*a):
            return [f(*a) for _ in range(n)]
        return w
    return deco
class Calc:
    def __init__(self, base):
        self.base = base
    @logged
    def add(self, x):
        "Adds."
        return self.base + x
    @staticmethod
    @logged
    def sq(x):
        return x * x
    @classmethod
    @logged
    def named(cls):
        return cls.__name__
    @times(2)
    def pair(self):
        return self.base
    @property
    @logged
    def root(self):
        return math.sqrt(self.base)
c = Calc(16)
print(c.add(1), Calc.sq(3), Calc.named(), c.pair(), c.root)
print(Calc.add.__name__, Calc.add.__doc__)
def add_method(cls):
    cls.extra = lambda self: "extra " + str(self.base)
    return cls
@add_method
class Plus(Calc):
    pass
print(Plus(2).extra(), Plus.named())
def singleton(cls):
    inst = cls()
    return lambda: inst
@singleton
class One:
    pass
print(One() is One())
