# expect: TypeError: must be real number, not list
import math
print(math.floor(True))
x = math.floor([1.5])
