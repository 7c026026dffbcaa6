# expect: ok
class MyStop(StopIteration):
    pass
class Loud(Exception):
    def __init__(self, msg):
        super().__init__(msg)
        self.msg = msg
    def __str__(self):
        return "loud: " + self.msg
def g():
    yield 1
    raise MyStop("mine")
try:
    list(g())
except RuntimeError as e:
    print(e, type(e.__cause__).__name__, e.__cause__.args)
def h():
    try:
        yield 1
    except Loud as e:
        print("caught", e, e.msg)
        yield 2
it = h()
next(it)
print(it.throw(Loud, "x"))
print(it.throw(Loud("y")) if False else "skip")
class Items(list):
    def __iter__(self):
        for x in super().__iter__():
            yield x * 10
print(sum(Items([3])), [v for v in Items([1, 2])])
class Gen:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError
        return i
print(list(x for x in Gen()))
it = h()
next(it)
x = it.throw(Loud("final"))
print(x)
