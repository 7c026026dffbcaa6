# expect: SyntaxError: cannot use assignment expressions with attribute
import math
print((math.pi := 3))
