# expect: ok
import math
inf, nan = math.inf, math.nan
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (7.5, 2), (-0.0, 1), (0.0, -1), (5, inf),
         (-5, -inf), (nan, 1), (1, nan), (1e308, 1e-308), (5e-324, 1), (6, 3), (-6, 3), (0.3, 0.1)]
for x, y in pairs:
    print(repr(x), repr(y), math.fmod(x, y), math.remainder(x, y), x % y if y else 0)
for x, y in [(5, 2), (7, 2), (-5, 2), (-7, 2), (2.5, 1), (3.5, 1), (1e300, 3), (10, 4), (nan, 0)]:
    print(repr(x), repr(y), math.remainder(x, y))
for x in [3.25, -3.25, 0.0, -0.0, 1e300, 5e-324, -1e-10, inf, -inf, nan, 7, -7, True]:
    print(repr(x), math.modf(x))
