# expect: TypeError: both arguments should be Rational instances
from fractions import Fraction as F

for s in ['1_000', ' -1.5e2 ', '3/4', '.5', '5.', '1e-3', '-0', '2E+2', '  7/21  ', '-12.5E-1', '0.000', '+3']:
    print(repr(s), repr(F(s)), str(F(s)))
for s in ['+7/-2', '1 /2', '1__0', '_1', '1_', 'abc', '', '1.5/2', '0x10', '1/0', '.', 'e5', '1e', '--1', '1/2/3']:
    try:
        print(repr(s), repr(F(s)))
    except (ValueError, ZeroDivisionError) as e:
        print(repr(s), type(e).__name__, e)
for a in [(1.5,), (1, 2.0), ('1', 2), (None,), (float('nan'),), (float('inf'),), (F(1, 2), F(1, 3)), (True,), (3, -6), (0, 5), (-4, 6), (0.1,), (-2.5,), (1e300,), (5e-324,), (10**30, 10**20), (7, 0)]:
    try:
        print(a, repr(F(*a)))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError) as e:
        print(a, type(e).__name__, e)
x = F(6, -4)
print(x.numerator, x.denominator, x.as_integer_ratio(), F.from_float(0.1), F.from_float(3), repr(F()), F(F(2, 3)))
print(F(3.14159).limit_denominator(1000), F(1, 3).limit_denominator(2), F(10, 7).limit_denominator(1), F(2**0.5).limit_denominator(100), F(-22, 7).limit_denominator(5), F(1, 2).limit_denominator(2))
for call in (lambda: F(1, 2).limit_denominator(0), lambda: F.from_float('x')):
    try:
        call()
    except (ValueError, TypeError) as e:
        print(e)
print(F(1.0, 3))
