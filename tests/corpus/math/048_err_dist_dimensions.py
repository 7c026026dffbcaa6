# expect: ValueError: both points must have the same number of dimensions
import math
print(math.dist([1, 2], (3, 4)))
x = math.dist((1, 2), (1, 2, 3))
