# expect: ok
import math
funcs = [math.sqrt, math.exp, math.floor, math.fabs]
for f in funcs:
    print(f, f(2.25))
table = {"s": math.sin, "c": math.cos}
print(table["s"](0), table["c"](0))
f = math.hypot
print(f(5, 12), f is math.hypot, math.sqrt == math.sqrt)
print(list(map(math.isqrt, [1, 4, 10, 99])), sorted([3.5, -1, 2], key=math.fabs))
def apply(fn, *args, **kw):
    return fn(*args, **kw)
print(apply(math.isclose, 1, 1.05, rel_tol=0.1), apply(math.prod, [2, 3], start=5))
print(apply(math.log, 1024, 2), apply(math.gcd, *[12, 30, 42]))
args = (3, 4)
print(math.dist(*[args, (0, 0)]), math.atan2(*args), math.pow(*args))
print([math.ceil(x / 3) for x in range(7)])
