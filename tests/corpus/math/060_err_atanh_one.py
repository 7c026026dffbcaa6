# expect: ValueError: math domain error
import math
print(math.atanh(0))
x = math.atanh(1)
