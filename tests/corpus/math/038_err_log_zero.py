# expect: ValueError: math domain error
import math
print(math.log(1))
x = math.log(0)
