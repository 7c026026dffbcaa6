# expect: ok
# Decimal with operands of other types: the engine's messages (sequence repetition,
# concatenation, reflected comparisons) name 'decimal.Decimal' as CPython does
from decimal import Decimal as D
from fractions import Fraction as F
vals = ['a', b'b', [1], (1,), {1: 2}, {1}, None, 1.5, F(1, 3), bytearray(b'x'), range(2), 2, True]
ops = ['+', '-', '*', '/', '//', '%', '**', 'divmod', '<', '==']
for v in vals:
    for op in ops:
        for a, b in ((D(3), v), (v, D(3))):
            try:
                if op == 'divmod': r = divmod(a, b)
                else: r = eval('a %s b' % op)
                print(op, repr(r)[:40])
            except Exception as e:
                print(op, type(e).__name__, e)
