# expect: ok
from math import sqrt as s, pi as PI, floor
import math


def area(r):
    return PI * r * r


def make_root(n):
    def root(x):
        return x ** (1 / n) if n != 2 else s(x)
    return root


print(area(2), s(81), floor(-2.5))
print(make_root(2)(49), make_root(3)(27.0))


def uses_module():
    import math as mm
    return mm.factorial(5) + mm.isqrt(17)


print(uses_module())


def circumference(r):
    return math.tau * r


radii = [0.5, 1.5, 2]
print([circumference(r) for r in radii], sorted(radii, key=lambda r: -area(r)))
