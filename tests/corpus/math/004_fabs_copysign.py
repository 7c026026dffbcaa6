# expect: ok
import math
for x in [0, -0.0, 3, -3, 2.5, -2.5, -1e308, -5e-324, -math.inf, math.nan, True, -2 ** 80]:
    print(repr(x), math.fabs(x))
pairs = [(1, -0.0), (-1, 0.0), (3, -2), (-3.5, 7), (0.0, -1), (-0.0, 1), (math.inf, -1),
         (-math.inf, 2), (5, math.inf), (5, -math.inf), (2, math.nan), (2, -math.nan),
         (math.nan, -1), (True, -1), (2 ** 70, -1)]
for x, y in pairs:
    print(repr(x), repr(y), math.copysign(x, y))
