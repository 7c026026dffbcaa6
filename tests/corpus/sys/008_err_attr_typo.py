# expect: AttributeError: module 'sys' has no attribute 'argvv'. Did you mean: 'argv'?
import sys
print(len(sys.argv) >= 1)
x = sys.argvv
