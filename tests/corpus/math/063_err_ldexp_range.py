# expect: OverflowError: math range error
import math
print(math.ldexp(0.5, 1024))
x = math.ldexp(1.0, 1024)
