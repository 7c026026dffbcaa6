# expect: ok
from decimal import *
t = Decimal('-1.25').as_tuple()
print(t, t.sign, t.digits, t.exponent, t[1], len(t), isinstance(t, tuple), type(t).__name__, type(t).__module__)
print(t._replace(sign=0), t._asdict(), DecimalTuple(0, (1,), 2), t == (1, (1, 2, 5), -2), DecimalTuple._fields)
s, d, e = t
print(s, d, e, Decimal(t), hash(t) == hash((1, (1, 2, 5), -2)))
