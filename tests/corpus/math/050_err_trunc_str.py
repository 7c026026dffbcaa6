# expect: TypeError: type str doesn't define __trunc__ method
import math
print(math.trunc(-2.5))
x = math.trunc('2.5')
