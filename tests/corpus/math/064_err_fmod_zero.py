# expect: ValueError: math domain error
import math
print(math.fmod(5, 3))
x = math.fmod(5, 0)
