# expect: AttributeError: module 'math' has no attribute 'foo'
import math
print(math.pi)
x = math.foo
