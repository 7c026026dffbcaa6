# expect: ok
from decimal import *
for s in ['1e999999999999999999', '1e1000000000000000000', '1e-1000000000000000000', '1e99999999999999999999999', '0e99999999999999999999', '1e-1999999999999999997', '1e-1999999999999999998']:
    try:
        d = Decimal(s)
        print(s, repr(d))
        print(d + 1)
    except Exception as e:
        print(s, type(e).__name__, e)
try:
    print(Context(prec=MAX_PREC + 1))
except Exception as e:
    print(type(e).__name__, e)
print(Context(prec=MAX_PREC).prec)
