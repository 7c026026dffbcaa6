# expect: ValueError: sleep length must be non-negative
# time: sleep() of a negative length is CPython's ValueError
import time
time.sleep(0.001)
print("slept")
print(time.sleep(-0.5))
