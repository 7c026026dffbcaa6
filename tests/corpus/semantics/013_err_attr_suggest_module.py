# expect: AttributeError: module 'math' has no attribute 'sqr'. Did you mean: 'sqrt'?
import math

print(math.sqrt(2))
y = math.sqr(2)
