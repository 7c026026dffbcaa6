# expect: TypeError: log() takes no keyword arguments
import math
print(math.log(8, 2))
x = math.log(8, base=2)
