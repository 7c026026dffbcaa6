# expect: ok
import math
print([math.isqrt(n) for n in range(30)])
for n in [99, 100, 101, 2 ** 32 - 1, 2 ** 32, 2 ** 52, 2 ** 62, 2 ** 63 - 1, 2 ** 64 - 1, 2 ** 64,
          2 ** 64 + 1, 2 ** 128, 2 ** 128 - 1, 10 ** 40, 10 ** 40 - 1, 10 ** 300 + 12345, True]:
    r = math.isqrt(n)
    print(n, r, r * r <= n < (r + 1) * (r + 1))
x = 3 ** 500
print(math.isqrt(x * x) == x, math.isqrt(x * x - 1) == x - 1, math.isqrt(x * x + 2 * x) == x)
