# expect: TypeError: perm expected at most 2 arguments, got 3
import math
print(math.perm(5))
x = math.perm(5, 2, 1)
