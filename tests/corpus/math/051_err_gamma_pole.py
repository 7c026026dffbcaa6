# expect: ValueError: math domain error
import math
print(math.gamma(1))
x = math.gamma(-2)
