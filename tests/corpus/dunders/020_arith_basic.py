# expect: ok
class N:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return "N(%r)" % (self.v,)
    def __add__(self, o):
        return N(self.v + (o.v if isinstance(o, N) else o))
    def __sub__(self, o):
        return N(self.v - (o.v if isinstance(o, N) else o))
    def __mul__(self, o):
        return N(self.v * (o.v if isinstance(o, N) else o))
    def __truediv__(self, o):
        return N(self.v / o)
    def __floordiv__(self, o):
        return N(self.v // o)
    def __mod__(self, o):
        return N(self.v % o)
    def __pow__(self, o, mod=None):
        return N(pow(self.v, o, mod))
    def __lshift__(self, o):
        return N(self.v << o)
    def __rshift__(self, o):
        return N(self.v >> o)
    def __and__(self, o):
        return N(self.v & o)
    def __or__(self, o):
        return N(self.v | o)
    def __xor__(self, o):
        return N(self.v ^ o)
    def __matmul__(self, o):
        return "matmul"
    def __divmod__(self, o):
        return ("dm", o)
a = N(7)
print(a + 1, a + a, a - 2, a * 3, a / 2, a // 2, a % 4, a ** 2, pow(a, 2, 5))
print(a << 1, a >> 1, a & 3, a | 8, a ^ 1, a @ a, divmod(a, 3))
