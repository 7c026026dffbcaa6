# expect: OverflowError: intermediate overflow in fsum
import math
print(math.fsum([1e308, -1e308]))
x = math.fsum([1e308, 1e308])
