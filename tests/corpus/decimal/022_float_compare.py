# expect: ok
from decimal import *
def t(f):
    c = getcontext(); c.clear_flags()
    try:
        r = f()
    except Exception as e:
        r = type(e).__name__ + ' ' + str(e)
    print(repr(r), c.flags[FloatOperation], c.flags[InvalidOperation])
D = Decimal
t(lambda: D(1) == float('nan'))
t(lambda: D(1) < float('inf'))
t(lambda: D('nan') == 1.0)
t(lambda: D('snan') == 1.0)
t(lambda: D(1) < float('nan'))
t(lambda: 1.5 > D(1))
t(lambda: 0.1 == D(0.1))
t(lambda: D(0.1) == 0.1)
t(lambda: {D('0.5'): 1}.get(0.5))
t(lambda: D('0.5') != 0.5)
t(lambda: max(D(1), 2.5))
t(lambda: D(2) >= 2)
t(lambda: D(1) in [1.0])
t(lambda: D(1) == complex(1, 0) if False else 0)
t(lambda: D('-0') == -0.0)
t(lambda: D('1e400') > 1e308)
t(lambda: D(1).compare(1.5))
t(lambda: D(1) <= True)
print('end')
