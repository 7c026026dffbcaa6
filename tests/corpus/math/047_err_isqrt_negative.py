# expect: ValueError: isqrt() argument must be nonnegative
import math
print(math.isqrt(0))
x = math.isqrt(-4)
