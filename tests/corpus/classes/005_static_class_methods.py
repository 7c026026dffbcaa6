# expect: ok
class M:
    factor = 3
    def __init__(self, v):
        self.v = v
    @staticmethod
    def add(a, b):
        return a + b
    @classmethod
    def make(cls, v):
        return cls(v * cls.factor)
    @classmethod
    def name(cls):
        return cls.__name__
class N(M):
    factor = 10
print(M.add(1, 2), M(0).add(3, 4))
print(M.make(2).v, N.make(2).v, type(N.make(1)).__name__)
print(M.name(), N.name(), N(5).name())
sm = staticmethod(len)
print(sm("abc"), type(sm).__name__)
print(M.__dict__["add"].__func__(5, 6) if False else M.add.__name__)
cm = M.__dict__ if False else None
print(isinstance(M.make, type(M(1).name)))
def free(x):
    return x * 2
class H:
    f = staticmethod(free)
    g = classmethod(lambda cls, y: (cls.__name__, y))
print(H.f(4), H().f(5), H.g(1), H().g(2))
