# expect: TypeError: vars expected at most 1 argument, got 2
# vars() and dir() without arguments: the calling frame's namespace
def f(a, b=2, *args, **kw):
    c = a + b
    d: int
    def inner():
        return a + c
    print(sorted(vars()), dir())
    print({k: v for k, v in vars().items() if k != "inner"})
    return inner
f(1)
def g(x):
    y = x
    def h():
        z = 1
        print(vars(), dir())
        return y + z
    return h()
g(5)
class K:
    """doc"""
    a = 1
    def m(self):
        print(dir(), sorted(vars()))
        return __class__
    print(dir())
    print(sorted(vars()))
K().m()
def gen():
    q = 1
    yield dir()
    r = 2
    yield vars()
print(list(gen()))
print([dir() for x in range(1)])
x = 10
y = "s"
def late(): pass
print([n for n in dir() if not n.startswith("__")])
print({k: v for k, v in vars().items() if not k.startswith("__") and k not in ("f", "g", "K", "gen", "late")})
def rebinding():
    v = 1
    del v
    w = [vars(), dir()]
    return w
print(rebinding())
print(vars(K)["a"], sorted(n for n in dir(K) if not n.startswith("__")))
ns = vars(1, 2)
