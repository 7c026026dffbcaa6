# expect: OverflowError: math range error
import math
print(math.lgamma(1e305))
x = math.lgamma(1.7e308)
