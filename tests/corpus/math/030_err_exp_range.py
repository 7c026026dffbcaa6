# expect: OverflowError: math range error
import math
print(math.exp(709))
x = math.exp(710)
