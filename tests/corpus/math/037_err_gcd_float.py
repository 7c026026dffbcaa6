# expect: TypeError: 'float' object cannot be interpreted as an integer
import math
print(math.gcd(4, 6))
x = math.gcd(4, 6.0)
