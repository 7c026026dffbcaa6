# expect: ok
a = 1
b = "two"
g = globals()
print(g["a"], g["b"], g["__name__"], "a" in g, "nope" in g)
def h(p, q=2):
    r = p + q
    return sorted(locals().items())
print(h(1))
print(sorted(k for k in globals() if not k.startswith("__")))
class C:
    x = 1
    y = sorted(locals())
print(C.y)
print(locals() is not None, type(globals()).__name__)
