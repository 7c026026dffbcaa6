# expect: TypeError: must be real number, not str
import math
print(math.sqrt(4))
x = math.sqrt('4')
