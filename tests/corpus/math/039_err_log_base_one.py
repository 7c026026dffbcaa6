# expect: ZeroDivisionError: float division by zero
import math
print(math.log(10, 10))
x = math.log(10, 1)
