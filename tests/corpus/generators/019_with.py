# expect: ok
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return t is KeyError

def g():
    with CM("a") as a:
        yield 1
        with CM("b"):
            yield 2
    yield 3

it = g()
print(next(it))
it.close()
it = g()
print(next(it), next(it))
print(it.throw(KeyError))
print(list(it))
it = g()
next(it)
try:
    it.throw(ValueError("v"))
except ValueError as e:
    print("propagated", e)
for x in g():
    if x == 2:
        break
print("done")
def h():
    with CM("c"):
        return (yield "x")
it = h()
next(it)
try:
    it.send(5)
except StopIteration as e:
    print("value", e.value)
