# expect: ok
def f(x):
    match x:
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 1.5 | 2.5:
            return "float"
        case "hi" "!":
            return "greeting"
        case None:
            return "none"
        case True:
            return "true"
        case [a]:
            return f"one {a}"
        case [a, b, *rest]:
            return f"many {a} {b} {rest}"
        case (1, 2) | (3, 4):
            return "pairs"
        case {"k": v, **kw}:
            return f"map {v} {kw}"
        case {"x": 1}:
            return "x1"
        case int(n) if n > 100:
            return f"big {n}"
        case str() as s:
            return f"str {s!r}"
        case [] :
            return "empty"
        case _:
            return "other"
for v in [0, -1, 1.5, 2.5, "hi!", None, True, False, 1, [7], [1, 2], [1, 2, 3, 4], (1, 2), (3, 4), {"k": 1, "z": 2}, {"x": 1}, 500, 50, "s", [], (), {}, range(3), "abc", 1.0, 0.0]:
    print(repr(v), f(v))
match 1, 2:
    case a, b:
        print(a, b)
match [1, [2, 3]]:
    case [x, [y, z] as inner]:
        print(x, y, z, inner)
import math
match 3.141592653589793:
    case math.pi:
        print("pi")
match = 5
case = 6
print(match, case)
match {"a": 1, "b": 2}:
    case {"a": 1, **rest}:
        print(rest)
match 5:
    case bool(): print("bool")
    case int(x): print("int", x)
match [1, 2]:
    case list((a, b)): print("list", a, b)
match {"a": [1, {"b": 2}]}:
    case {"a": [_, {"b": q}]}: print("deep", q)
def g(p):
    match p:
        case (0, 0): return "origin"
        case (0, y) | (y, 0): return f"axis {y}"
        case _: return "else"
print(g((0, 0)), g((0, 5)), g((5, 0)), g((1, 1)))
