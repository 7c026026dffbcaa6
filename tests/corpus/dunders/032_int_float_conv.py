# expect: ok
import math
class C:
    def __int__(self):
        return 42
    def __float__(self):
        return 2.5
    def __round__(self, n=None):
        return ("round", n)
    def __trunc__(self):
        return "trunc"
    def __floor__(self):
        return "floor"
    def __ceil__(self):
        return "ceil"
c = C()
print(int(c), float(c), round(c), round(c, 2), math.trunc(c), math.floor(c), math.ceil(c))
class I2:
    def __index__(self):
        return 7
print(int(I2()), float(I2()) if False else 0)
class F2:
    def __float__(self):
        return 1.25
print(math.sqrt(F2()), math.floor(F2()) if False else 1)
