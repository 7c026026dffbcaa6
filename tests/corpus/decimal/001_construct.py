# expect: ok
from decimal import Decimal, DecimalTuple
for s in ['0', '-0', '1.50', '  12.5  ', '1_000.5', '-.5', '5.', '+1e-3', '1E+10', '1e-7',
          '123E-10', 'Inf', '-infinity', 'NaN', '-nan', 'sNaN12', 'nan123', '0E+3', '0.000001',
          '\u0661\u0662', '12345678901234567890123456789012345']:
    d = Decimal(s)
    print(repr(s), repr(d), str(d), d.to_eng_string())
print(repr(Decimal(10)), repr(Decimal(-7)), repr(Decimal(True)), repr(Decimal(10**40)))
print(repr(Decimal(0.1)), repr(Decimal(-0.0)), repr(Decimal(float('nan'))), repr(Decimal(float('-inf'))))
print(repr(Decimal(2.5)), repr(Decimal.from_float(0.25)), repr(Decimal.from_float(3)))
print(repr(Decimal((0, (1, 2, 5), -2))), repr(Decimal((1, [3], 4))), repr(Decimal((0, (), 'n'))))
print(repr(Decimal((1, (0,), 'F'))), repr(Decimal(Decimal('7.25'))))
print(Decimal('-1.25').as_tuple(), Decimal('nan').as_tuple(), Decimal('-inf').as_tuple())
t = Decimal('3.14').as_tuple()
print(t.sign, t.digits, t.exponent, isinstance(t, tuple), type(t).__name__)
print(DecimalTuple(0, (1,), 2))
print(repr(Decimal()), Decimal('1.0') == Decimal('1.00'))
for bad in [None, [1, 2], (1, 2), {}, b'1']:
    try:
        Decimal(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for bad in [(2, (1,), 1), (0, (1, 12), 1), (0, (1,), 'x'), (0, (1,), 1.5)]:
    try:
        Decimal(bad)
    except ValueError as e:
        print('ValueError', e)
try:
    Decimal('1', 5)
except TypeError as e:
    print('TypeError', e)
