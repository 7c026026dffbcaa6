# expect: ZeroDivisionError: Fraction(-1, 0)
from fractions import Fraction as F

for e in [lambda: F(0) / 0, lambda: F(-26, 3) / 0, lambda: F(5, 3) // 0, lambda: F(5, 3) % 0, lambda: divmod(F(5, 3), 0),
          lambda: F(5, 3) / F(0), lambda: F(-4, 0), lambda: F(0, 0), lambda: 1 / F(0), lambda: F(6, 4) / 0, lambda: F(0) ** -2,
          lambda: F(12, 35) / F(-21, 10), lambda: 7 / F(14, 3)]:
    try:
        print(e())
    except ZeroDivisionError as x:
        print(type(x).__name__, x)
print(F(-1, 3) / 0)
