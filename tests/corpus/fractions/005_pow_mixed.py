# expect: ok
# Fraction ** and reflected ** with ints, Fractions, floats and other types (3.11's rules)
from fractions import Fraction as F
for a, b in [(F(1,2), 2), (F(1,2), -2), (F(1,2), F(1,2)), (F(1,2), 0.5), (2, F(1,2)), (2, F(3)), (2, F(-3)), (0.5, F(1,2)), (F(4), 'a'), ('a', F(3)), ('a', F(1,2)), (None, F(-1)), (F(1,2), None)]:
    try: print(repr(a ** b))
    except Exception as e: print(type(e).__name__, e)
