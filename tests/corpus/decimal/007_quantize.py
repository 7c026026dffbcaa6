# expect: decimal.InvalidOperation: [<class 'decimal.InvalidOperation'>]
from decimal import *
R = [ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP]
for v in ['1.2345', '1.2355', '-1.2345', '-1.2355', '1.2350', '1.2250', '-1.2250', '1.2001', '1.2051', '0.0049']:
    print(v, [str(Decimal(v).quantize(Decimal('0.01'), rounding=r)) for r in R])
for v in ['2.5', '3.5', '-2.5', '0.5', '1.05']:
    print(v, [str(Decimal(v).to_integral_value(rounding=r)) for r in R])
print(Decimal('7.325').quantize(Decimal('.01'), rounding=ROUND_DOWN))
print(Decimal('7.325').quantize(Decimal('1.'), rounding=ROUND_UP))
print(Decimal('1.41421356').quantize(Decimal('1.000')), Decimal(1).quantize(5), Decimal('123').quantize(Decimal('1E+1')))
print(Decimal('inf').quantize(Decimal('inf')), Decimal('1.5').quantize(Decimal('1e-30')))
c = getcontext()
c.clear_flags()
print(Decimal('1.234').quantize(Decimal('0.1')), c.flags[Inexact], c.flags[Rounded])
try:
    Decimal(1).quantize(Decimal(1), rounding='x')
except TypeError as e:
    print(e)
try:
    Decimal(1).quantize('1')
except TypeError as e:
    print(e)
x = Decimal('1e30').quantize(Decimal('0.01'))
