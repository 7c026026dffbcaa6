# expect: TypeError: isclose() missing required argument 'b' (pos 2)
import math
print(math.isclose(1, b=1))
x = math.isclose(1, a=1)
