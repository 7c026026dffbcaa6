# expect: ok
print(eval("1 + 2"), eval("  3 * 4"), eval("x + 1", {"x": 41}), eval(b"5"))
x = 10
print(eval("x * 2"), eval("[x, y]", {"x": 1}, {"y": 2}))
exec("y = x + 5")
print(y)
exec("def foo(a):\n    return a * x\n")
print(foo(3))
d = {}
exec("z = 7\ndef bar(): return z + 1", d)
print(sorted(k for k in d if not k.startswith("__")), d["z"], d["bar"]())
loc = {}
exec("w = x", {"x": 99}, loc)
print(loc)
exec("print(x)", None, {"x": "local"})
def f(a):
    b = a + 1
    print(eval("a + b"))
    print(sorted(locals()))
    return eval("a * 10")
print(f(1))
code = "for i in range(3):\n    total = total + i\n"
ns = {"total": 0}
exec(code, ns)
print(ns["total"])
class Mapping:
    def __init__(self):
        self.d = {"q": 4}
    def __getitem__(self, k):
        return self.d[k]
    def __setitem__(self, k, v):
        self.d[k] = v
m = Mapping()
exec("r = q * 2", {}, m)
print(m.d)
for bad in [("1 +", None), ("x = ", {}), (5, None), ("1", 5), ("1", {}, 5)]:
    try:
        if len(bad) == 2:
            exec(bad[0], bad[1])
        else:
            exec(*bad)
    except (SyntaxError, TypeError) as e:
        print(type(e).__name__, e)
try:
    exec("x = (", {})
except SyntaxError as e:
    print(e, "|", e.msg, e.filename, e.lineno, e.offset)
for bad in [(5,), ("1", 5), ("1 +",), ("\0",), ("1", {}, 5)]:
    try:
        eval(*bad)
    except (SyntaxError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    eval("undefined_name")
except NameError as e:
    print(e)
try:
    exec("raise ValueError('inside')")
except ValueError as e:
    print(e)
print(eval("(lambda: 1)")() + eval("sum(range(4))"))
