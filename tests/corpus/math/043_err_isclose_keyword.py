# expect: TypeError: 'tol' is an invalid keyword argument for isclose()
import math
print(math.isclose(a=1, b=1))
x = math.isclose(1, 2, tol=1)
