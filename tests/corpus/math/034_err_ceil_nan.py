# expect: ValueError: cannot convert float NaN to integer
import math
print(math.ceil(-0.5))
x = math.ceil(math.nan)
