# expect: ok
from decimal import *
D = Decimal
print(D(1).exp(), D(2).ln(), D(2).log10(), D(100).log10(), D('0.001').log10(), D(0).ln(), D(0).exp(), D('-inf').exp())
print(D(10).ln(), D('0.5').exp(), D(-1).exp(), D('1e-30').exp(), D('12.5').ln(), D(7).log10())
print(D(2).sqrt(), D('0.01').sqrt(), D('1.0').sqrt(), D(100).sqrt(), D('1E3').sqrt(), D(0).sqrt(), D('-0').sqrt())
print(D('0E3').sqrt(), D('0E-3').sqrt(), D('1E-3').sqrt(), D('0.25').sqrt(), D('inf').sqrt())
print(D(2) ** D('0.5'), D(4) ** D('0.5'), D('1.00') ** D('0.5'), D(10) ** D(-2), D(2) ** D('1.5'), D(100) ** D('1.5'))
print(D(1).logb(), D(1234).logb(), D('0.001').logb(), D(1).next_plus(), D(1).next_minus(), D(1).next_toward(0))
print(D('1.2345').remainder_near(1), D(10).remainder_near(6), D(10).remainder_near(4))
for p in [5, 40, 60]:
    with localcontext(prec=p):
        print(D(2).sqrt(), D(3).exp(), D(3).ln(), D(3).log10(), D(3) ** D('0.3'))
c = getcontext()
c.clear_flags()
D(2).ln()
print(c.flags[Inexact], c.flags[Rounded])
try:
    D(-1).ln()
except InvalidOperation as e:
    print(e)
try:
    D(0) ** 0
except InvalidOperation as e:
    print(e)
try:
    D(-2) ** D('0.5')
except InvalidOperation as e:
    print(e)
