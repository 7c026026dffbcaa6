# expect: ok
import math

def in_except():
    try:
        raise KeyError("gen's own")
    except KeyError:
        yield 1
        # the generator's handled exception survives the suspension
        try:
            raise ValueError("inside")
        except ValueError as e:
            yield repr(e.__context__)
        yield "bare"
        raise

g = in_except()
print(next(g))
try:
    raise IndexError("caller's")
except IndexError:
    print(next(g))
print(next(g))
try:
    next(g)
except KeyError as e:
    print("re-raised", repr(e))

def sees_caller():
    yield 1
    raise ValueError("from gen")

g = sees_caller()
next(g)
try:
    raise KeyError("outer")
except KeyError:
    try:
        next(g)
    except ValueError as e:
        print(repr(e), "context:", repr(e.__context__))

def no_context():
    yield 1
    raise ValueError("plain")
g = no_context()
try:
    raise KeyError("first")
except KeyError:
    next(g)
try:
    next(g)
except ValueError as e:
    print(repr(e), "context:", repr(e.__context__))

def bare_raise_in_gen():
    yield 1
    raise

g = bare_raise_in_gen()
next(g)
try:
    raise TypeError("active")
except TypeError:
    try:
        next(g)
    except TypeError as e:
        print("bare raise saw", repr(e))

def cells(n):
    acc = []
    def add(v):
        acc.append(v)
    for i in range(n):
        add(i)
        yield list(acc)
print(list(cells(3)))

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def calls():
    for i in range(5):
        yield fact(i + 10) % 1000
print(list(calls()))

def key_gen(x):
    return sum(1 for c in x if c in "aeiou")
print(sorted(["banana", "kiwi", "apple", "fig"], key=key_gen))
print(sorted(range(10), key=lambda x: next(y for y in [-x])))

def make():
    def g():
        yield from range(3)
    return g()
def use(it):
    return [v * 2 for v in it]
print(use(make()))

def ret_in_finally():
    try:
        yield 1
        return "body"
    finally:
        yield "finally"
print(list(ret_in_finally()))
g = ret_in_finally()
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("value", e.value)

def fin_yield_close():
    try:
        yield 1
    finally:
        yield 2
g = fin_yield_close()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(e)
try:
    next(g, "done")
except GeneratorExit as e:
    print("the close's GeneratorExit resumes", repr(e))

print(math.fsum(x / 10 for x in range(10)), math.prod(x for x in range(1, 6)))
print("".join(reversed("".join(c for c in "abc"))))
print(list(zip(*(range(3) for _ in range(2)))))
print({k: v for k, v in ((i, i * i) for i in range(3))})
print([x for x in (y for y in range(5)) if x % 2])
print(max((x for x in []), default="empty"), min(x for x in "zyx"))
print(list(map(lambda g: list(g), ((i for i in range(n)) for n in range(3)))))
