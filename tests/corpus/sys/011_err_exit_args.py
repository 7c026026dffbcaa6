# expect: TypeError: exit expected at most 1 argument, got 2
import sys
print("start")
x = sys.exit(1, 2)
