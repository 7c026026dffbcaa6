# expect: ok
from decimal import *
setcontext(Context(prec=100, rounding=ROUND_FLOOR, Emax=20, Emin=-20, clamp=1, traps=[]))
c=getcontext()
r=divmod(Decimal('3E-28'), Decimal('734E-2'))
print(r, [s.__name__ for s in (Inexact, Rounded, Subnormal, Clamped) if c.flags[s]])
c.clear_flags()
print(repr(c.create_decimal('3E-28')), [s.__name__ for s in (Inexact, Rounded, Subnormal, Clamped) if c.flags[s]])
c.clear_flags()
print(repr(c.plus(Decimal(0))), repr(Decimal(5)//Decimal(7)), [s.__name__ for s in (Inexact, Rounded, Subnormal, Clamped) if c.flags[s]])
