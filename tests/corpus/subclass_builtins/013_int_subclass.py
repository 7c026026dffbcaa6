# expect: TypeError: unsupported operand type(s) for +: 'Flag' and 'str'
# int subclasses: arithmetic returns int, conversions, hashing, methods
class Flag(int):
    def __repr__(self):
        return "Flag(%d)" % int(self)
    def describe(self):
        return "flag %d of %d bits" % (self, self.bit_length())

a, b = Flag(5), Flag(3)
print(a, str(a), repr(a), [a, b], f"{a}", f"{a:04d}", f"{a!r}", format(b, "b"))
print(a + b, type(a + b).__name__, a - 1, a * b, a // b, a % b, a ** 2, a / 2, -a, +a, abs(-a), ~a)
print(a & b, a | b, a ^ b, a << 1, a >> 1, divmod(a, b), pow(a, 2, 3), round(a), type(round(a)).__name__)
print(a == 5, a != 5, a < b, max(a, b), sorted([a, b, 4]), sum([a, b]), type(sum([a, b])).__name__)
print(hash(a) == hash(5), {a: "x"}[5], {5: "y"}[a], 5 in {a}, a in [5])
print(int(a), type(int(a)).__name__, float(a), bool(Flag(0)), bool(a), hex(a), bin(a), oct(a), chr(Flag(65)))
print("abcdef"[a], "abcdef"[b:a], [0] * b, list(range(b)), "%x %s %r" % (a, a, a))
print(a.describe(), a.real, a.numerator, a.denominator, a.to_bytes(2, "big"), int.from_bytes(b"\x01", "big"))
print(isinstance(a, int), isinstance(a, Flag), issubclass(Flag, int), type(a) is Flag, a.__class__.__name__)
print(Flag("12"), Flag("ff", 16), Flag(3.9), Flag(), Flag(True))
x = Flag(10)
x += 1
print(x, type(x).__name__)
import math
print(math.floor(a), math.sqrt(Flag(16)), math.gcd(a, 10))

class Sized(int):
    def __new__(cls, value, unit):
        self = super().__new__(cls, value)
        self.unit = unit
        return self
    def __str__(self):
        return "%d%s" % (self, self.unit)

s = Sized(12, "px")
print(s, repr(s), s + 1, s.unit, vars(s))

class Add(int):
    def __add__(self, other):
        return "Add.__add__"
    def __radd__(self, other):
        return "Add.__radd__"
print(Add(1) + 1, 1 + Add(1), Add(1) - 1)
try:
    Flag("x")
except ValueError as e:
    print(e)
try:
    int.__new__(Flag, "zz")
except ValueError as e:
    print(e)
try:
    int.__new__(str)
except TypeError as e:
    print(e)
bad = Flag(1) + "a"
