# expect: ValueError: tolerances must be non-negative
import math
print(math.isclose(1, 1.5, rel_tol=0.5))
x = math.isclose(1, 2, abs_tol=-1)
