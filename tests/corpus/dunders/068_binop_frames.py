# expect: ok
# a OP b with a Python __op__ on a plain instance runs __op__ as a frame of
# the interpreter loop: NotImplemented, reflected methods, errors and
# rebinding behave as in CPython.


class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        other = o.x if isinstance(o, V) else o if isinstance(o, int) else None
        return NotImplemented if other is None else V(self.x + other)

    def __sub__(self, o):
        return V(self.x - o.x)

    def __mul__(self, k):
        return V(self.x * k)

    def __truediv__(self, k):
        return V(self.x / k)

    def __repr__(self):
        return "V(%r)" % self.x


a, b = V(1), V(2)
print(a + b, a - b, a * 3, a / 4, a + 10, (a + b) * 2 - a)
print([V(i) + V(i) for i in range(4)])


class R:
    def __radd__(self, o):
        return "R.__radd__(%r)" % (o,)


print(a + R())  # V.__add__ says NotImplemented, then R.__radd__
try:
    a + "s"
except TypeError as e:
    print(e)
try:
    a * "s" - 1
except TypeError as e:
    print(e)
except AttributeError as e:
    print("AttributeError", e)


# a subclass of the right operand's reflected method goes first
class W(V):
    def __radd__(self, o):
        return "W.__radd__"


print(a + W(5), W(5) + a)


class Fail:
    def __add__(self, o):
        raise ValueError("no add: %r" % (o,))

    def __mul__(self, o):
        return 1 / 0


for expr in (lambda: Fail() + 1, lambda: Fail() * 2):
    try:
        expr()
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)


# rebinding the operator while it runs
class Reb:
    def __add__(self, o):
        Reb.__add__ = lambda self, o: "second"
        return "first"


r = Reb()
print(r + 1, r + 1)


# always NotImplemented: the built-in part and CPython's error
class NI:
    __sub__ = __mul__ = lambda self, o: NotImplemented


try:
    NI() - NI()
except TypeError as e:
    print(e)
try:
    NI() * 3
except TypeError as e:
    print(e)
print([1, 2] * 2)


# recursion through an operator is a RecursionError
class Deep:
    __add__ = lambda self, o: self + o


try:
    Deep() + 1
except RecursionError:
    print("RecursionError")


# defaults, *args and generators take the general path
class Odd:
    def __add__(self, o, extra=5):
        return o + extra

    def __sub__(self, *args):
        return args

    def __mul__(self, o):
        yield o


print(Odd() + 1, Odd() - 2, list(Odd() * 3))

# in-place forms fall back to the binary method
v = V(1)
v += V(2)
v -= V(1)
v *= 5
print(v)
