# expect: AttributeError: 'FS' object has no attribute 'add'
class Money(float):
    def __str__(self):
        return "$%.2f" % self

m = Money(2.5)
print(m, repr(m), m + 1, type(m + 1).__name__, m * 2, -m, abs(Money(-1)), round(m), round(m, 1), int(m))
print(m == 2.5, m > 2, hash(m) == hash(2.5), f"{m:.3f}", f"{m}", float(m), type(float(m)).__name__)
print(m.is_integer(), Money("1e3"), Money(), Money(3))
import math
print(math.floor(m), math.ceil(m), math.trunc(m), math.sqrt(Money(4.0)))

class Blob(bytes):
    def size(self):
        return len(self)
b = Blob(b"hi")
print(b, repr(b), b.size(), b[0], b[:1], type(b[:1]).__name__, b + b"!", b.upper(), b.decode(), b == b"hi")
print(Blob(3), Blob([65, 66]), Blob("x", "utf-8"), hash(b) == hash(b"hi"), b"h" in b, list(b))

class FS(frozenset):
    def total(self):
        return sum(self)
f = FS([1, 2, 3])
print(f, repr(f), FS(), f.total(), len(f), 2 in f, f | {9}, type(f | {9}).__name__, f & {1}, f == {1, 2, 3})
print(hash(f) == hash(frozenset([1, 2, 3])), {f: 1}[frozenset([1, 2, 3])], f.copy(), type(f.copy()).__name__)
print(f.union([4]), type(f.union([4])).__name__, sorted(f), frozenset(f), type(frozenset(f)).__name__)
try:
    FS([1], [2])
except TypeError as e:
    print(e)
try:
    class B(bool):
        pass
except TypeError as e:
    print(e)
f.add(4)
print("unreachable")
