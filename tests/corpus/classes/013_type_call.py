# expect: TypeError: type() takes 1 or 3 arguments
def init(self, v):
    self.v = v
T = type("T", (), {"x": 1, "__init__": init, "double": lambda self: self.v * 2})
t = T(21)
print(T.__name__, T.x, t.v, t.double(), type(t) is T, T.__mro__)
U = type("U", (T,), {})
print(U(2).double(), issubclass(U, T), U.__bases__)
print(type(1), type("s"), type(None), type(T), type(type))
for args in [("A", 1, {}), ("A", (), 1), (1, (), {})]:
    try:
        type(*args)
    except TypeError as e:
        print(e)
try:
    type("A", ())
except TypeError as e:
    print(e)
x = type()
