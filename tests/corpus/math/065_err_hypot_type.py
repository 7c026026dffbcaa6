# expect: TypeError: must be real number, not NoneType
import math
print(math.hypot(3, 4))
x = math.hypot(3, None)
