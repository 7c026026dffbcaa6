# expect: ok
from decimal import *
print(getcontext().prec, Decimal(1) / 7)
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / 7, getcontext() is ctx)
print(getcontext().prec, Decimal(1) / 7)
with localcontext(prec=3, rounding=ROUND_UP) as ctx:
    print(Decimal(1) / 7, ctx.rounding)
with localcontext(BasicContext) as ctx:
    print(ctx.prec, Decimal(2) / 3)
ctx = Context(prec=4)
setcontext(ctx)
print(getcontext() is ctx, Decimal(2).sqrt())
setcontext(ExtendedContext)
print(getcontext() is ExtendedContext, getcontext().prec, Decimal(1) / 0, Decimal(0) / 0)
setcontext(DefaultContext)
try:
    with localcontext() as c:
        c.prec = 2
        raise ValueError('x')
except ValueError:
    pass
print(getcontext().prec)
try:
    localcontext(foo=1)
except TypeError as e:
    print(e)
try:
    localcontext(prec=-1)
except ValueError as e:
    print(e)
getcontext().traps[Inexact] = True
try:
    Decimal(1) / 3
except Inexact as e:
    print(type(e).__name__, e)
getcontext().traps[Inexact] = False
getcontext().traps[FloatOperation] = True
print(Decimal(1) == 1.0)
try:
    Decimal(1) < 1.5
except FloatOperation as e:
    print(e)
try:
    Decimal(1.5)
    getcontext().create_decimal(1.5)
except FloatOperation as e:
    print(e)
