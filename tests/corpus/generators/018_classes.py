# expect: ok
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        n = self.n
        while n > 0:
            yield n
            n -= 1
print(list(Countdown(3)), sum(Countdown(4)))
for x in Countdown(2):
    print(x)

class MyErr(Exception):
    pass

def g():
    try:
        yield 1
    except MyErr as e:
        print("caught", repr(e))
        yield 2
it = g()
next(it)
print(it.throw(MyErr, "m"))
it2 = g()
next(it2)
print(it2.throw(MyErr("inst")))

class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = kids
    def walk(self):
        yield self.v
        for k in self.kids:
            yield from k.walk()
t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(t.walk()))

class Seq:
    def __init__(self):
        self.i = 0
    def __call__(self):
        self.i += 1
        return self.i
print(list(iter(Seq(), 4)))
def gen():
    yield 1
class Holder:
    g = staticmethod(gen)
print(list(Holder.g()))
def deco(f):
    def wrapper(*a):
        return list(f(*a))
    return wrapper
@deco
def rng(n):
    yield from range(n)
print(rng(3))

class M:
    def method(self):
        yield self
m = M()
print(next(m.method()) is m, m.method().__qualname__)
