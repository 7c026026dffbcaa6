# expect: TypeError: exit expected at most 1 argument, got 2
import sys
print("start")
sys.exit(1, 2)
