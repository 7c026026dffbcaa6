# expect: TypeError: prod() takes exactly 1 positional argument (2 given)
import math
print(math.prod([2, 3], start=4))
x = math.prod([2, 3], 4)
