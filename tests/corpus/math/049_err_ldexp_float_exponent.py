# expect: TypeError: Expected an int as second argument to ldexp.
import math
print(math.ldexp(1, 3))
x = math.ldexp(1, 3.0)
