# expect: ValueError: math domain error
import math
print(math.acos(1))
x = math.acos(1.0000000000000002)
