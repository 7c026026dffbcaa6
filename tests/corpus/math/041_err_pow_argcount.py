# expect: TypeError: pow expected 2 arguments, got 1
import math
print(math.pow(2, 3))
x = math.pow(2)
