# expect: ok
# getrecursionlimit / setrecursionlimit and their errors
import sys
print(sys.getrecursionlimit())
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(300))
def runaway(n):
    return runaway(n + 1)
try:
    runaway(0)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(True + 99)
print(sys.getrecursionlimit())
for v in (0, -5, "a", 1.5, 2**70, None):
    try:
        sys.setrecursionlimit(v)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
def nested(n):
    if n:
        return nested(n - 1)
    sys.setrecursionlimit(5)
try:
    nested(4)
except RecursionError as e:
    print(e)
try:
    sys.setrecursionlimit()
except TypeError as e:
    print(e)
try:
    sys.getrecursionlimit(1)
except TypeError as e:
    print(e)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
