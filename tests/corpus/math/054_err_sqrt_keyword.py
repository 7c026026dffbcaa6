# expect: TypeError: math.sqrt() takes no keyword arguments
import math
print(math.sqrt(25))
x = math.sqrt(x=25)
