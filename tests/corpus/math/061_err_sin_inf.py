# expect: ValueError: math domain error
import math
print(math.sin(1e308))
x = math.sin(math.inf)
