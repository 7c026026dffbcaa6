# expect: ok
import math
for x in [0.0, -0.0, 1, -1, 0.5, 12.5, 1e300, 1e-300, 5e-324, 1.7976931348623157e308, math.inf,
          -math.inf, math.nan, 2 ** 100, True]:
    print(repr(x), math.frexp(x))
m, e = math.frexp(1234.5)
print(m, e, math.ldexp(m, e))
cases = [(1, 10), (0.75, 4), (1, -1074), (1, -1075), (1.5, -1075), (3, -1075), (1, 1023),
         (0.5, 1024), (-0.0, 100), (0.0, 10 ** 30), (math.inf, -10 ** 30), (math.nan, 5),
         (1.0, -10 ** 30), (-1.0, -10 ** 40), (2 ** 60, -70), (1, True), (5e-324, 1074)]
for x, i in cases:
    print(repr(x), i, math.ldexp(x, i))
