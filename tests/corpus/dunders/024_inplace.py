# expect: ok
class I:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        self.v += o
        return self
    def __isub__(self, o):
        return "isub"
    def __imul__(self, o):
        return NotImplemented
    def __mul__(self, o):
        return "mul-fallback"
    def __repr__(self):
        return "I(%r)" % self.v
x = I(1)
y = x
x += 5
print(x, y, x is y)
x -= 1
print(x)
z = I(2)
z *= 3
print(z)
class J:
    def __add__(self, o):
        return "J.add"
j = J()
j += 1
print(j)
class K:
    def __ipow__(self, o):
        return "ipow"
    def __ilshift__(self, o):
        return "ilshift"
    def __iand__(self, o):
        return "iand"
    def __ior__(self, o):
        return "ior"
    def __ixor__(self, o):
        return "ixor"
    def __irshift__(self, o):
        return "irshift"
    def __imod__(self, o):
        return "imod"
    def __ifloordiv__(self, o):
        return "ifloordiv"
    def __itruediv__(self, o):
        return "itruediv"
    def __imatmul__(self, o):
        return "imatmul"
for op in range(10):
    k = K()
    if op == 0: k **= 1
    if op == 1: k <<= 1
    if op == 2: k &= 1
    if op == 3: k |= 1
    if op == 4: k ^= 1
    if op == 5: k >>= 1
    if op == 6: k %= 1
    if op == 7: k //= 1
    if op == 8: k /= 1
    if op == 9: k @= 1
    print(k)
l = [1]
class RA:
    def __radd__(self, o):
        return "radd"
n = 1
n += RA()
print(n)
