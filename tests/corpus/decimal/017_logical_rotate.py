# expect: ok
from decimal import *
D = Decimal
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
for p in [5, 9, 28]:
    with localcontext(prec=p):
        t(lambda: D('1101').logical_and(D('1011')))
        t(lambda: D('1101').logical_or(D('1011')))
        t(lambda: D('1101').logical_xor(D('1011')))
        t(lambda: D('1101').logical_invert())
        t(lambda: D('0').logical_invert())
        t(lambda: D('12').logical_and(1))
        t(lambda: D('-1').logical_and(1))
        t(lambda: D('1.0').logical_and(1))
        t(lambda: D('123456789').rotate(2))
        t(lambda: D('123456789').rotate(-2))
        t(lambda: D('123456789').shift(2))
        t(lambda: D('123456789').shift(-2))
        t(lambda: D('123456789').shift(-20))
        t(lambda: D('1.23').rotate(1))
        t(lambda: D('-inf').rotate(1))
        t(lambda: D('1').rotate(D('1.5')))
        t(lambda: D('1').shift(30))
        t(lambda: D('nan').shift(3))
        t(lambda: getcontext().rotate(1234, 1))
        t(lambda: getcontext().logical_and(10, 11))
        t(lambda: D('1234567890123').rotate(3))
