# expect: ValueError: math domain error
import math
print(math.pow(0, 0))
x = math.pow(0.0, -1)
