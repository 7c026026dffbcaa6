# expect: ok
def f():
    g = ((y := x * 2) for x in range(3))
    print(list(g), y)
f()
def m(items):
    for it in items:
        match it:
            case [a, b]:
                yield a + b
            case {"k": v}:
                yield v
            case _:
                yield None
print(list(m([[1, 2], {"k": 5}, 3])))
def w():
    total = 0
    while (n := (yield total)) is not None:
        total += n
g = w()
next(g)
print(g.send(3), g.send(4))
import sys
def out():
    yield sys.maxsize > 0
print(list(out()))
print(list(b for b in b"ab"))
def gb():
    yield from b"xy"
print(list(gb()), bytes(x + 1 for x in b"ab"))
