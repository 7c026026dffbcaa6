# expect: ok
from decimal import Decimal, getcontext, Context
import copy
class Money(Decimal):
    def __repr__(self):
        return 'Money(%s)' % str(self)
m = Money('1.50')
print(repr(m), isinstance(m, Decimal), type(m).__name__, m + 1, type(m + 1).__name__)
print(copy.copy(Decimal('1.5')), copy.deepcopy(Decimal('2.5')))
getcontext().capitals = 0
print(Decimal('1e10'), repr(Decimal('1e10')))
getcontext().capitals = 1
c = Context(prec=3, clamp=1, Emax=5)
print(c.create_decimal('1e5'), c.create_decimal('1.2e2'), c.create_decimal('9.99e5'))
prices = [Decimal('19.99'), Decimal('5.01'), Decimal('0.10')]
total = sum(prices, Decimal(0))
tax = (total * Decimal('0.0825')).quantize(Decimal('0.01'))
print(total, tax, total + tax)
print(Decimal('1') + 'a' if False else '')
try:
    Decimal(1) + 1.5
except TypeError as e:
    print(e)
try:
    Decimal(1) - 'a'
except TypeError as e:
    print(e)
