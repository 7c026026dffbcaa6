# expect: ok
import math
for x in [0, -0.0, 1, math.pi, -math.pi / 2, 2 * math.pi, 1e-300, 1e308, math.inf, math.nan]:
    print(x, math.degrees(x))
for d in [0, 30, 45, 90, 180, -270, 360, 1e308, 0.5, True]:
    print(d, math.radians(d))
print(math.degrees(math.radians(123.0)), math.radians(math.degrees(1.0)))
