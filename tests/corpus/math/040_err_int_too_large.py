# expect: OverflowError: int too large to convert to float
import math
print(math.log(10 ** 400))
x = math.sqrt(10 ** 400)
