# expect: ok
import math
for x in [0, 1, -1, 2, 0.5, 10, -10, 100, 709, -745, -746, 1e-10, -0.0]:
    print("exp", x, math.exp(x), math.expm1(x))
print(math.exp(math.inf), math.exp(-math.inf), math.exp(math.nan))
print(math.expm1(math.inf), math.expm1(-math.inf), math.expm1(-1000))
for x in [1, 2, 4, 8, 1024, 0.5, 0.125, 10, 100, 1000, 1e-300, 5e-324, 1.7976931348623157e308, math.e]:
    print("log", x, math.log(x), math.log2(x), math.log10(x), math.log1p(x))
print(math.log(math.inf), math.log(math.nan), math.log2(math.inf), math.log10(math.nan))
print(math.log1p(-0.0), math.log1p(0.0), math.log1p(-0.5), math.log1p(1e-20))
print(math.log(8, 2), math.log(100, 10), math.log(1, 10), math.log(0.5, 2), math.log(9, 3))
print(math.log(2, 0.5), math.log(10, math.e), math.log(math.e))
