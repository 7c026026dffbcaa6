# expect: ok
import math
vals = [0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994, -2.0000000000000004,
        1e16 + 1, 4503599627370495.5, 1e300, -1e300, 5e-324, -5e-324, 123.999]
for x in vals:
    print(x, math.floor(x), math.ceil(x), math.trunc(x))
for n in [0, 7, -7, 2 ** 63, -2 ** 63 - 1, 10 ** 30, True, False]:
    print(n, math.floor(n), math.ceil(n), math.trunc(n))
print(type(math.floor(2.5)), type(math.ceil(True)), type(math.trunc(-0.0)))
print(math.floor(1.7976931348623157e308) == int(1.7976931348623157e308))
print(math.ceil(-0.5) == 0, math.floor(-(2 ** 70) + 0.5))
print(math.floor(2 ** 53 + 0.0), math.ceil(-(2 ** 53) - 0.0))
