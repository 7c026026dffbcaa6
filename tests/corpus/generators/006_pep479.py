# expect: RuntimeError: generator raised StopIteration
def g():
    yield 1
    raise StopIteration("inner")

it = g()
print(next(it))
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)
    print(type(e.__cause__).__name__, e.__cause__.args, e.__context__ is e.__cause__)


def h():
    yield next(iter([]))
try:
    list(h())
except RuntimeError as e:
    print(e, repr(e.__cause__))

try:
    print(list(next(iter([])) for x in [1]))
except RuntimeError as e:
    print("genexpr:", e)

def sub():
    raise StopIteration
    yield
def outer():
    yield from sub()
try:
    list(outer())
except RuntimeError as e:
    print("yield from:", e)

def catches():
    try:
        yield next(iter(()))
    except StopIteration:
        yield "caught inside"
print(list(catches()))

for x in g():
    print(x)
