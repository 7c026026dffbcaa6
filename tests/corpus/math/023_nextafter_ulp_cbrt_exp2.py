# expect: ok
import math
for x, y in [(1, 2), (1, 0), (0.0, 1), (0.0, -1), (-0.0, 0.0), (1, 1), (1e308, math.inf),
             (math.inf, 0), (5e-324, 0), (math.nan, 1)]:
    print(repr(x), repr(y), math.nextafter(x, y))
for x in [1.0, 0.0, -2.5, 1e300, 5e-324, 1.7976931348623157e308, math.inf, math.nan, 3]:
    print(repr(x), math.ulp(x))
for x in [0, -0.0, 1, 8, 27, -8, 1000, 2, 0.001, math.inf, -math.inf]:
    print(repr(x), math.cbrt(x))
for x in [0, 1, 10, -1, 0.5, -1074, 1023, -1080, math.inf, -math.inf]:
    print(repr(x), math.exp2(x))
