# expect: ok
from decimal import *
import decimal
print(type(Decimal(1)), Decimal.__name__, Decimal.__qualname__, Decimal.__module__, Context, type(getcontext()))
print(getcontext().flags)
print(Decimal(1) + True, sum([Decimal(1), 2]), InvalidOperation, repr(ROUND_UP))
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: Decimal(1).quantize())
t(lambda: Decimal(1).exp(1))
t(lambda: getcontext().add(1))
t(lambda: Decimal(1).__round__('a'))
t(lambda: Decimal(1, context=1))
t(lambda: Context(prec=2.5))
t(lambda: Decimal('1') ** Decimal('1e100'))
t(lambda: Decimal('0.5') ** Decimal('1e100'))
t(lambda: Decimal(10) ** Decimal('-1e10'))
t(lambda: getcontext().create_decimal([1]))
t(lambda: Decimal(5) .max(Decimal('snan')))
t(lambda: (Decimal(3).__reduce__()))
t(lambda: isinstance(Decimal(1), object))
t(lambda: Decimal('1.5').__format__('.1f'))
t(lambda: divmod(Decimal(7), 0))
t(lambda: Decimal(7) % 0)
t(lambda: Decimal(7) // 0)
t(lambda: Decimal(0) // 0)
t(lambda: Decimal('inf') % 1)
t(lambda: Decimal(1).compare_signal(Decimal('nan')))
print('end')
