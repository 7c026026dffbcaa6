# expect: TypeError: math.sqrt() takes exactly one argument (2 given)
import math
print(math.sqrt(9))
x = math.sqrt(4, 9)
