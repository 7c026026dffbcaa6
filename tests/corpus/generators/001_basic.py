# expect: ok
# yield as statement and expression, return value, exhaustion
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1

for v in count(3):
    print(v)
print(list(count(5)), tuple(count(2)), sum(count(101)))

def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received

e = echo()
print(next(e))
print(e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as s:
    print("stop", s.value, s.args)

def ret():
    yield 1
    return (1, 2)
r = ret()
print(next(r))
try:
    next(r)
except StopIteration as s:
    print(s.value, s.args, repr(s))
try:
    next(r)
except StopIteration as s:
    print("again", s.value, s.args)
print(next(r, "default"))

def noyield_return():
    return 5
    yield
g = noyield_return()
try:
    next(g)
except StopIteration as s:
    print("value", s.value)

def exc_value():
    yield
    return ValueError("x")
g = exc_value()
next(g)
try:
    next(g)
except StopIteration as s:
    print(repr(s.value), s.args)

def yielding_none():
    x = yield
    print("x is", x)
    y = yield
    print("y is", y)
g = yielding_none()
print(g.send(None))
print(g.send(7))
try:
    g.send(8)
except StopIteration:
    print("done")
print(type(g).__name__, type(count(1)) is type(g))
print(iter(g) is g)
