# expect: ValueError: math domain error
import math
print(math.pow(-8, 3))
x = math.pow(-8, 1 / 3)
