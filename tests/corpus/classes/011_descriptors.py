# expect: AttributeError: private _x
class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError("expected int for " + self.name[1:])
        setattr(obj, self.name, value)

class Const:
    def __init__(self, v):
        self.v = v
    def __get__(self, obj, objtype=None):
        return ("const", self.v, objtype.__name__)

class Rec:
    a = Typed()
    b = Typed()
    c = Const(3)
    def __init__(self, a, b):
        self.a = a
        self.b = b

r = Rec(1, 2)
print(r.a, r.b, r._a, r.c, Rec.c, type(Rec.a).__name__)
r.c = "shadow"
print(r.c)
try:
    r.a = "x"
except TypeError as e:
    print(e)
class Deleter:
    def __get__(self, obj, t=None):
        return "got"
    def __delete__(self, obj):
        print("delete called")
class H:
    d = Deleter()
h = H()
del h.d
print(h.d)
class Verbose:
    def __init__(self):
        self.log = []
    def __getattr__(self, name):
        return "missing:" + name
v = Verbose()
print(v.log, v.anything, getattr(v, "other"))
class Guard:
    def __setattr__(self, name, value):
        if name.startswith("_"):
            raise AttributeError("private " + name)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print("delattr", name)
        object.__delattr__(self, name)
g = Guard()
g.ok = 1
print(g.ok)
del g.ok
print(hasattr(g, "ok"))
g._x = 1
