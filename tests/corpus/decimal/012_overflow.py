# expect: decimal.Overflow: [<class 'decimal.Overflow'>]
from decimal import Decimal, getcontext, Context, Overflow, ROUND_DOWN
c = Context(Emax=10, traps=[])
print(c.multiply(Decimal('1e10'), 100), c.flags[Overflow])
c = Context(Emax=10, rounding=ROUND_DOWN, traps=[], prec=3)
print(c.multiply(Decimal('1e10'), 100))
print(Decimal('1e999999999') ** 2)
