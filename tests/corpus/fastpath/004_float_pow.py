# expect: OverflowError: (34, 'Numerical result out of range')
# float ** number and number ** float: the VM's inline path must give
# libm's bits and CPython's special cases and errors (negative bases
# with fractional exponents are left out: their result is complex).
import math

xs = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.1, -2.5, 3.0, 1e-300, 1e300, 7.123456789,
      float("inf"), float("-inf"), float("nan")]
ys = [0, 1, 2, 3, -1, -2, 10, -3, 0.5, 2.0, -2.0, 1.5, 0.0, 3.0, 33, -33]
out = []
for x in xs:
    for y in ys:
        if x < 0 and y != int(y):
            continue  # a complex result (pyexpr has no complex numbers)
        try:
            r = x ** y
            out.append(repr(r))
        except Exception as e:
            out.append(type(e).__name__ + ":" + str(e))
for i in range(0, len(out), 8):
    print(" ".join(out[i:i + 8]))
acc = 0.0
for i in range(1, 2000):
    v = i * 0.37
    acc += v ** 2 + v ** 3 - v ** 0.5 + 2 ** (v / 100) + abs(-v) ** 1.25
print(repr(acc))
print(2 ** 0.5, 10 ** -2.0, (-8) ** 3.0, 0 ** 0.0, 1 ** float("nan"))
print(2.0 ** True, 2.0 ** False, 1.5 ** 2 ** 3, 2.0 ** (2 ** 70 - 2 ** 70 + 5))
print(math.isinf(2.0 ** -1e308), 1.0000001 ** (2 ** 20))
try:
    print(2.0 ** (2 ** 100))
except OverflowError as e:
    print("OverflowError", e)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
x = 2.0
x **= 3
print(x)
print(10.0 ** 400)
