# expect: TypeError: 'float' object cannot be interpreted as an integer
import math
print(math.factorial(5))
x = math.factorial(5.0)
