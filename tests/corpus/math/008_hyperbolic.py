# expect: ok
import math
for x in [0, -0.0, 0.5, -0.5, 1, -1, 2, 10, -10, 20, 700, -700, 1e-10]:
    print(x, math.sinh(x), math.cosh(x), math.tanh(x), math.asinh(x))
for x in [1, 1.5, 2, 10, 1e10, 1e300, math.inf]:
    print(x, math.acosh(x))
for x in [0, -0.0, 0.5, -0.5, 0.9, -0.99, 1e-10]:
    print(x, math.atanh(x))
print(math.sinh(math.inf), math.sinh(-math.inf), math.cosh(-math.inf), math.tanh(-math.inf))
print(math.asinh(math.inf), math.asinh(-math.inf), math.tanh(math.nan), math.acosh(math.nan))
