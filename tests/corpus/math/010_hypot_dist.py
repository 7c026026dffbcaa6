# expect: ok
import math
print(math.hypot(), math.hypot(-3), math.hypot(3, 4), math.hypot(3, 4, 12), math.hypot(-0.0))
print(math.hypot(1, 1), math.hypot(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(math.hypot(*range(30)), math.hypot(*[0.1] * 20))
print(math.hypot(1e300, 1e300), math.hypot(1e-300, 1e-300), math.hypot(5e-324, 5e-324))
print(math.hypot(1.7976931348623157e308, 1.0), math.hypot(1e308, 1e308, 1e308))
print(math.hypot(math.inf, math.nan), math.hypot(math.nan, -math.inf), math.hypot(math.nan, 1))
print(math.hypot(0.0, 0.0), math.hypot(True, 2 ** 60))
print(math.dist((0, 0), (3, 4)), math.dist([1], [2]), math.dist((), ()))
print(math.dist((1, 2, 3), [4.5, -6, 7]), math.dist([1.5, 2.5], (0.5, 0.5)))
print(math.dist((math.inf,), (math.inf,)), math.dist((math.inf, 1), (0, 2)))
print(math.dist(range(5), [0] * 5), math.dist((1e308, -1e308), (-1e308, 1e308)))
