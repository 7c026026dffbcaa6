# expect: ok
# SystemExit is an exception: caught, its code, finally, and sys.exit() = status 0
import sys
for args in ((), (0,), (5,), ("msg",), (None,), ([1, 2],), ((1, 2),), ((),), ((4,),)):
    try:
        sys.exit(*args)
    except SystemExit as e:
        print(type(e).__name__, repr(e.code), e.args)
try:
    try:
        sys.exit(2)
    finally:
        print("finally runs")
except BaseException as e:
    print("caught", type(e).__name__, isinstance(e, Exception))
def f():
    sys.exit(7)
try:
    f()
except SystemExit as e:
    print(e.code)
for bad in (lambda: sys.exit(1, 2), lambda: sys.exit(code=1)):
    try:
        bad()
    except TypeError as e:
        print(e)
print("end")
x = sys.exit()
