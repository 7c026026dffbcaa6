# expect: ok
import math
for x in [0, 1, 2, 3, 4, 9, 10, 16, 0.25, 2.0, 1e-300, 5e-324, 1e308, 1.7976931348623157e308]:
    print(x, math.sqrt(x))
print(math.sqrt(-0.0), math.sqrt(0.0))
print(math.sqrt(math.inf), math.sqrt(math.nan))
print(math.sqrt(True), math.sqrt(False))
print(math.sqrt(2 ** 1000), math.sqrt(10 ** 300))
print(math.sqrt(2 ** 64), math.sqrt(2 ** 64 - 1), math.sqrt(9007199254740993))
print(math.sqrt(123456789) ** 2)
r = math.sqrt(2)
print(r * r, r * r == 2)
