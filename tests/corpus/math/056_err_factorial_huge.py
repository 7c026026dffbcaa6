# expect: OverflowError: factorial() argument should not exceed 9223372036854775807
import math
print(math.factorial(20))
x = math.factorial(10 ** 20)
