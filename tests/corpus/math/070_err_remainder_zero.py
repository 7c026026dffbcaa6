# expect: ValueError: math domain error
import math
print(math.remainder(7, 2))
x = math.remainder(7, 0)
