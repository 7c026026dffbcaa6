# expect: ok
import math
print(math.pi, math.e, math.tau)
print(math.inf, -math.inf, math.nan)
print(math.pi == 3.141592653589793, math.tau == 2 * math.pi)
print(math.inf > 1e308, math.nan == math.nan, math.nan != math.nan)
print(type(math.pi), type(math.inf), type(math.nan))
print(math.__name__)
print(math.sqrt)
print(math.floor, math.isclose, math.prod)
print(math.copysign(1.0, math.nan), math.copysign(1.0, -math.nan))
import math as m
print(m.sqrt(2), m is math, m.pi is math.pi or m.pi == math.pi)
from math import sqrt, pi
print(sqrt(16), pi)
from math import tau as TAU, e
print(TAU, e)
