# expect: ok
x = y = z = rest = "unbound"
match [1, 2]:
    case [x, 3]:
        pass
    case _:
        pass
print(x)
match {"a": 1, "b": 2}:
    case {"a": y, "b": 3, **rest}:
        pass
    case _:
        pass
print(y, rest)
def alt(v):
    match v:
        case [a, b, "ab"] | [b, a, "ba"] | {"a": a, "b": b}:
            return ("alt", a, b)
        case (1, c) | (c, 1) if c > 5:
            return ("guarded", c)
        case [[p, q] | (q, p, _), *more] as whole:
            return ("nested", p, q, more, whole)
        case _:
            return "none"
for v in [[1, 2, "ab"], [1, 2, "ba"], {"a": 7, "b": 8}, (1, 9), (9, 1), (1, 2),
          [[1, 2], 3], [(1, 2, 3)], [[5, 6]], 0]:
    print(alt(v))
def guard_sees_bindings(v):
    match v:
        case [n, m] if n < m:
            return "ascending", n, m
        case [n, m]:
            return "other", n, m
print(guard_sees_bindings([1, 2]), guard_sees_bindings([2, 1]))
def cls(v):
    match v:
        case int(n) | float(n) if n > 0:
            return "positive", n
        case str(s) | [str(s)]:
            return "str", s
        case _:
            return "?"
print(cls(3), cls(2.5), cls(-1), cls("x"), cls(["y"]), cls([1]))
w = "unbound"
match (1, 2, 3):
    case (w, 2, 4) | (2, w, 3):
        pass
print(w)
match (1, (2, 3), {"k": [4, 5]}):
    case (a1, (b1, c1), {"k": [d1, *e1]}):
        print(a1, b1, c1, d1, e1)
