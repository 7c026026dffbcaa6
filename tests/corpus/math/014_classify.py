# expect: ok
import math
for x in [0, -0.0, 1.5, -1e308, 5e-324, math.inf, -math.inf, math.nan, True, 2 ** 100, -7]:
    print(repr(x), math.isfinite(x), math.isinf(x), math.isnan(x))
print(math.isnan(float("nan")), math.isinf(float("-inf")), math.isfinite(1e308 * 10))
