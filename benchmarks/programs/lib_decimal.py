# decimal money computation: 20,000 invoice lines (an LCG for prices and
# quantities), each priced, discounted and taxed with quantize to cents
# (ROUND_HALF_UP), totals per category, a compound-interest schedule at
# prec 30 and the formatted report lines.
from decimal import Decimal, ROUND_HALF_UP, localcontext


def main():
    cent = Decimal('0.01')
    tax = Decimal('0.0825')
    discount = Decimal('0.97')
    totals = {}
    x = 12345
    grand = Decimal(0)
    for i in range(20000):
        x = (x * 1103515245 + 12345) % 2147483648
        price = Decimal(x % 100000) / 100
        qty = (x >> 8) % 12 + 1
        line = (price * qty * discount).quantize(cent, rounding=ROUND_HALF_UP)
        line += (line * tax).quantize(cent, rounding=ROUND_HALF_UP)
        cat = i % 7
        totals[cat] = totals.get(cat, Decimal(0)) + line
        grand += line
    with localcontext(prec=30):
        balance = Decimal('1000.00')
        rate = Decimal('0.045') / 12
        for month in range(360):
            balance = (balance * (1 + rate)).quantize(cent, rounding=ROUND_HALF_UP)
    report = ['%d: %s' % (k, format(v, ',.2f')) for k, v in sorted(totals.items())]
    return grand, balance, report


print(*main())
