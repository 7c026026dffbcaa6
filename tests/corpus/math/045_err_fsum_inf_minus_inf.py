# expect: ValueError: -inf + inf in fsum
import math
print(math.fsum([math.inf, 1]))
x = math.fsum([math.inf, -math.inf])
