# expect: decimal.InvalidOperation: [<class 'decimal.DivisionUndefined'>]
from decimal import Decimal, Context, Inexact, Rounded, Overflow, InvalidOperation, DivisionByZero
c = Context(prec=3, traps=[Inexact, Rounded, Overflow, InvalidOperation, DivisionByZero])
for f in [lambda: c.add(Decimal('1.2345'), 0), lambda: c.divide(0, 0), lambda: c.divide_int(10 ** 10, 1),
          lambda: c.power(Decimal(10), 999999999), lambda: c.remainder(1, 0), lambda: c.create_decimal('x')]:
    try:
        print(f())
    except ArithmeticError as e:
        print(type(e).__name__, e)
x = c.divide(0, 0)
