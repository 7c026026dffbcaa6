# expect: ok
import math
for x in [0, -0.0, 0.5, 1, -1, math.pi / 6, math.pi / 4, math.pi / 3, math.pi / 2, math.pi, 2, 10, -10, 1e-10]:
    print(x, math.sin(x), math.cos(x), math.tan(x))
for x in [0, -0.0, 0.5, -0.5, 1, -1, 0.1, 0.9999999999999999]:
    print(x, math.asin(x), math.acos(x), math.atan(x))
print(math.atan(math.inf), math.atan(-math.inf), math.atan(1e300), math.atan(math.nan))
print(math.sin(math.nan), math.cos(math.nan), math.asin(math.nan))
pts = [(0.0, 0.0), (-0.0, 0.0), (0.0, -0.0), (-0.0, -0.0), (1, 1), (1, -1), (-1, -1), (-1, 1),
       (0, 5), (0, -5), (5, 0), (-5, 0), (math.inf, 1), (-math.inf, 1), (1, math.inf),
       (1, -math.inf), (-1, -math.inf), (math.inf, math.inf), (math.inf, -math.inf),
       (-math.inf, -math.inf), (math.nan, 1), (1, math.nan), (1e-300, 1e300)]
for y, x in pts:
    print(repr(y), repr(x), math.atan2(y, x))
