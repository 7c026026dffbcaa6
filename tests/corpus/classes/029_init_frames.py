# expect: KeyError: 'the end'
# cls(...) whose __init__ is a plain Python function runs it as a frame of
# the interpreter loop: results, errors and tracebacks as CPython's.


class A:
    def __init__(self, x):
        self.x = x


print(A(1).x, [A(i).x for i in range(3)])


class R:
    def __init__(self):
        return 5


try:
    R()
except TypeError as e:
    print(e)


class Boom:
    def __init__(self, n):
        self.n = n
        if n > 2:
            raise ValueError("too big: %d" % n)


for i in range(5):
    try:
        print(Boom(i).n)
    except ValueError as e:
        print("caught", e)


# the __init__ rebinding itself while it runs
class Re:
    def __init__(self):
        Re.__init__ = lambda self: None
        self.v = "first"


print(Re().__dict__, Re().__dict__)


# self reassigned inside __init__ does not change the result
class S:
    def __init__(self, v):
        self.v = v
        self = None


print(S(3).v)


# nested construction, recursion and super().__init__
class Tree:
    def __init__(self, depth):
        self.kids = [Tree(depth - 1) for _ in range(2)] if depth else []

    def size(self):
        return 1 + sum(k.size() for k in self.kids)


print(Tree(6).size())


class Base:
    def __init__(self, a, b):
        self.a, self.b = a, b


class Derived(Base):
    def __init__(self, a):
        super().__init__(a, a * 2)


d = Derived(4)
print(d.a, d.b, type(d).__name__)

# argument mismatches take the general path with CPython's messages
for args in [(), (1, 2)]:
    try:
        A(*args)
    except TypeError as e:
        print(e)
try:
    A(1, 2)
except TypeError as e:
    print(e)
try:
    A()
except TypeError as e:
    print(e)


# defaults, keywords, *args: still correct
class K:
    def __init__(self, a, b=2, *rest, c=3):
        self.t = (a, b, rest, c)


print(K(1).t, K(1, 5, 6, 7, c=8).t, K(a=0).t)


# a generator __init__ returns a generator: the TypeError names it
class G:
    def __init__(self):
        yield 1


try:
    G()
except TypeError as e:
    print(e)


# infinite recursion through __init__ is a RecursionError, not a crash
class Loop:
    def __init__(self):
        Loop()


try:
    Loop()
except RecursionError as e:
    print("RecursionError", e)


class Last:
    def __init__(self, v):
        if v:
            raise KeyError(v)


Last(0)
x = Last("the end")
