# expect: ok
# yield in every statement position
def f(items):
    for i in items:
        if i % 2:
            yield i
        else:
            try:
                yield -i
            finally:
                print("finally", i)
    while items:
        items = items[1:]
        yield len(items)
    try:
        raise KeyError(1)
    except KeyError as e:
        yield repr(e)
    else:
        yield "no"
    x = [(yield "in list")]
    print("x", x)
    d = {"k": (yield "in dict")}
    print("d", d)
    print("arg", (yield "as arg"))
    a, b = yield "unpack"
    print(a, b)
    z = 1
    z += yield "aug"
    print("z", z)
    w: int = yield "ann"
    print("w", w)
    yield 1, 2
    yield from ()
    l = lambda: (yield 10)
    print(list(l()))
    def inner():
        yield "inner"
    yield from inner()

g = f([1, 2, 3])
answers = {"in list": "xv", "in dict": "dv", "as arg": "av", "unpack": (3, 4), "aug": 5, "ann": 9}
out = []
v = next(g)
try:
    while True:
        out.append(v)
        v = g.send(answers.get(v) if isinstance(v, str) else None)
except StopIteration:
    pass
print(out)

def nested_funcs():
    def a():
        yield 1
        yield 2
    def b():
        for x in a():
            yield x * 10
    return b()
print(list(nested_funcs()))

def closure_gen(n):
    def gen():
        for i in range(n):
            yield i + n
    return gen
print(list(closure_gen(3)()))

def star(*args, **kw):
    yield args
    yield sorted(kw.items())
print(list(star(1, 2, a=3)))

def gen_default(a, b=2, *, c=3):
    yield a + b + c
print(list(gen_default(1)), list(gen_default(1, c=10)))
