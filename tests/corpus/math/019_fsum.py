# expect: ok
import math
print(math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([1e-16, 1, 1e16]), math.fsum([1, 1e16, 1e-16]))
print(math.fsum([2.0 ** 53, -0.5, -2.0 ** -54]), math.fsum([2.0 ** 53, 1.0, 2.0 ** -100]))
print(math.fsum([]), math.fsum([-0.0]), math.fsum([-0.0, -0.0]), math.fsum((1, 2, 3)))
print(math.fsum(range(10)), math.fsum([True, 2.5, 3]), math.fsum([1e308, -1e308, 1e-308]))
print(math.fsum([math.inf, 1.0, 2.0]), math.fsum([-math.inf, -1e308]), math.fsum([math.inf, math.inf]))
print(math.fsum([math.nan, 1.0]), math.fsum([1.0, math.nan, math.inf]))
print(math.fsum([1.7976931348623157e308, -1e292]), math.fsum([0.3] * 1000))
vals = []
x = 1.0
for i in range(200):
    vals.append(x)
    vals.append(-x * 0.999)
    x = x * 1.37 + 0.1
print(math.fsum(vals), math.fsum([2 ** 60, 0.5, 2 ** 60]))
