# expect: ok
import math
print(math.isclose(1, 1), math.isclose(1, 1.0000000001), math.isclose(1, 1.00000001))
print(math.isclose(0, 1e-10), math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(0.0, -0.0))
print(math.isclose(1, 1.1, rel_tol=0.1), math.isclose(1, 1.1, rel_tol=0.09))
print(math.isclose(100, 95, rel_tol=0.05), math.isclose(95, 100, rel_tol=0.05))
print(math.isclose(math.inf, math.inf), math.isclose(math.inf, -math.inf), math.isclose(math.inf, 1e308))
print(math.isclose(math.nan, math.nan), math.isclose(math.nan, 1, abs_tol=math.inf))
print(math.isclose(1, 2, abs_tol=1), math.isclose(1, 2, rel_tol=0.5, abs_tol=0))
print(math.isclose(a=1, b=1.0), math.isclose(1, b=2), math.isclose(b=3, a=3, rel_tol=0))
print(math.isclose(1e308, 1.0000000001e308), math.isclose(5e-324, 1e-323))
print(math.isclose(2 ** 70, 2 ** 70 + 1), math.isclose(True, 1.0), math.isclose(1, 0, rel_tol=1))
