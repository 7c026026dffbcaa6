# expect: OverflowError: cannot convert float infinity to integer
import math
print(math.floor(1e308))
x = math.floor(math.inf)
