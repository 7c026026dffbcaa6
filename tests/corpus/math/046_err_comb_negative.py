# expect: ValueError: n must be a non-negative integer
import math
print(math.comb(5, 7))
x = math.comb(-5, 2)
