# expect: ok
from decimal import *
from fractions import Fraction as F
def t(f):
    c = getcontext(); c.clear_flags()
    try:
        r = f()
    except Exception as e:
        r = type(e).__name__ + ' ' + str(e)
    print(repr(r), c.flags[FloatOperation], c.flags[InvalidOperation])
D = Decimal
t(lambda: D('0.5') == F(1, 2))
t(lambda: F(1, 2) == D('0.5'))
t(lambda: D(1) < F(3, 2))
t(lambda: F(3, 2) > D(1))
t(lambda: D('nan') == F(1))
t(lambda: D('nan') < F(1))
t(lambda: D('inf') > F(10**30))
t(lambda: D('0.3333') < F(1, 3))
t(lambda: D(1) + F(1, 2))
t(lambda: F(1, 2) + D(1))
t(lambda: D('1e-5') == F(1, 100000))
print('end')
