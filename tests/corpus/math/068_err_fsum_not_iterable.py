# expect: TypeError: 'int' object is not iterable
import math
print(math.fsum(range(4)))
x = math.fsum(5)
