# expect: ok
class CM:
    def __init__(self, n): self.n = n
    def __enter__(self): print("enter", self.n); return self
    def __exit__(self, t, v, tb):
        print("exit", self.n, t.__name__ if t else None)
        if self.n == "raise":
            raise KeyError("from exit")
def f():
    with CM("raise"):
        return 1
try:
    f()
except KeyError as e:
    print("caught", e, e.__context__)
def g():
    with CM("g1"):
        yield 1
        yield 2
it = g()
print(next(it))
it.close()
print("closed")
def h():
    with CM("h"):
        yield 1
        raise ValueError("in gen")
it = h()
next(it)
try:
    next(it)
except ValueError as e:
    print("gen raised", e)
class SM:
    @staticmethod
    def __enter__(): return "static enter"
    @classmethod
    def __exit__(cls, *a): print("classmethod exit", cls.__name__)
with SM() as v:
    print(v)
class Inherit(CM):
    pass
with Inherit("inh") as i:
    print(type(i).__name__)
def loop():
    out = []
    for i in range(3):
        with CM(i):
            try:
                if i == 1:
                    continue
                out.append(i)
            finally:
                out.append("f")
    return out
print(loop())
try:
    with CM("a") as a, CM("raise") as b:
        raise IndexError("body")
except KeyError as e:
    print("outer got", repr(e), repr(e.__context__))
