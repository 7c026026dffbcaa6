# expect: ValueError: math domain error
import math
print(math.sqrt(0.0))
x = math.sqrt(-1)
