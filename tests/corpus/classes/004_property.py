# expect: AttributeError: property 'z' of 'R' object has no getter
class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
    @property
    def fahrenheit(self):
        "Degrees F."
        return self._c * 9 / 5 + 32

t = Temp(100)
print(t.celsius, t.fahrenheit)
t.celsius = 0
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
del t.celsius
print(t.celsius)
print(type(Temp.celsius).__name__, Temp.fahrenheit.__doc__)
try:
    t.fahrenheit = 3
except AttributeError as e:
    print(e)
try:
    del t.fahrenheit
except AttributeError as e:
    print(e)
class P:
    x = property(lambda self: 42)
    def _get(self): return self._v
    def _set(self, v): self._v = v * 2
    y = property(_get, _set, None, "the y")
p = P()
p.y = 4
print(p.x, p.y, P.y.__doc__)
t2 = Temp(1)
t2.__dict__["celsius"] = 99
print(t2.celsius)
class R:
    z = property()
x = R().z
