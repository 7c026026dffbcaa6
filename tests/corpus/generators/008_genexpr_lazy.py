# expect: ok
log = []
def src(n):
    for i in range(n):
        log.append("src %d" % i)
        yield i

def pred(x):
    log.append("pred %d" % x)
    return x > 1

print(any(pred(x) for x in src(10)))
print(log)
log.clear()
print(all(x < 1 for x in src(10)))
print(log)

# the first iterable is evaluated at once, the rest lazily
def first():
    print("first evaluated")
    return [1, 2]
def second():
    print("second evaluated")
    return [10, 20]
g = (a + b for a in first() for b in second())
print("created")
print(next(g))
print(list(g))

try:
    g = (x for x in 5)
except TypeError as e:
    print("TypeError:", e)

g = (1 / x for x in [1, 0])
print(next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(list(g))

def inf():
    i = 0
    while True:
        yield i
        i += 1
print(next(x for x in inf() if x > 100))
evens = (x for x in inf() if x % 2 == 0)
print([next(evens) for _ in range(5)])
squares = (x * x for x in inf())
for s in squares:
    if s > 50:
        break
print(s)

print(sum(x for x in range(10 ** 5)))
print(max((len(w), w) for w in "the quick brown fox".split()))
print(min(x for x in [3, 1, 2]), sorted(x for x in [3, 1, 2]))
print(dict((k, v) for k, v in zip("abc", range(3))))
print(set(x % 3 for x in range(10)), frozenset(x for x in "aab") == frozenset("ab"))
print(",".join(str(x) for x in range(5)))
print(list(zip((x for x in "ab"), (y for y in inf()))))
print(list(map(str, (x for x in range(3)))), list(filter(None, (x % 2 for x in range(5)))))
print(list(enumerate(x for x in "xy")), list(reversed([x for x in range(3)])))
a, b, *c = (x for x in range(5))
print(a, b, c)
print(*(x for x in range(3)))
def f(*args):
    return args
print(f(*(x for x in "hi")))
print(tuple(x for x in ()), list(x for x in []))
print(sum((x for x in range(4)), 10))
it = iter(x for x in [1])
print(next(it), next(it, "end"))
nested = ((i, j) for i in range(3) if i for j in range(i))
print(list(nested))
def scope():
    n = 3
    return list(x * n for x in range(n))
print(scope())
print(list((yield_ for yield_ in range(2))))
print(3 in (x for x in inf()))
