# expect: ok
# float.as_integer_ratio() (C) and what uses it: Fraction(float), Fraction.from_float, timedelta / float.
import fractions, datetime
class F(float): pass
for x in (0.0, -0.0, 1.0, 0.5, -2.75, 0.1, 1e300, 5e-324, 2.0**52 + 1, -1e-310, 3.0, 1.7976931348623157e308, F(0.625)):
    print(repr(x), x.as_integer_ratio(), fractions.Fraction(x), fractions.Fraction.from_float(x))
for x in (float("nan"), float("inf"), -float("inf")):
    for f in (lambda: x.as_integer_ratio(), lambda: fractions.Fraction(x), lambda: datetime.timedelta(1) / x):
        try:
            print(f())
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
print(datetime.timedelta(days=1) / 0.3, datetime.timedelta(seconds=7) * 0.1, datetime.timedelta(1) / 3.5)
try:
    (1.5).as_integer_ratio(2)
except TypeError as e:
    print(e)
