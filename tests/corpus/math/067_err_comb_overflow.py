# expect: OverflowError: min(n - k, k) must not exceed 9223372036854775807
import math
print(math.comb(10 ** 30, 3))
x = math.comb(10 ** 30, 10 ** 25)
