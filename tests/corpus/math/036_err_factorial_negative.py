# expect: ValueError: factorial() not defined for negative values
import math
print(math.factorial(0))
x = math.factorial(-1)
