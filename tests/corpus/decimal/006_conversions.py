# expect: ok
from decimal import Decimal as D
import math
print(round(D('2.5')), round(D('3.5')), round(D('-2.5')), round(D('1.2345'), 2), round(D('1234'), -2))
print(repr(round(D('1234'), -2)), repr(round(D('0.125'), 2)), type(round(D('7.7'))).__name__)
print(int(D('-1.9')), int(D('1e5')), int(D('123.456e-1')), float(D('1.1')), float(D('-inf')), float(D('1e400')))
print(D('1.5').as_integer_ratio(), D('1E3').as_integer_ratio(), D('-0.75').as_integer_ratio(), D(0).as_integer_ratio())
print(math.floor(D('-1.5')), math.ceil(D('-1.5')), math.trunc(D('-1.5')), math.floor(D('2.5')))
print(D('1E+3').adjusted(), D('0.00123').adjusted(), D(0).adjusted(), D('123.45').adjusted())
print(D('-1.25').copy_abs(), D(1).copy_negate(), D(1).copy_sign(D(-2)), D('-0').copy_sign(1))
print(D('1.00').same_quantum(D('2.00')), D(1).same_quantum(D('1.0')), D('nan').same_quantum(D('nan')))
print(D(5).fma(2, 3), D('120.00').normalize(), D(0).normalize(), D('-0.00').normalize(), D('1E+3').normalize())
print(D('1.5').to_integral_value(), D('2.5').to_integral_exact(), D('1E+3').to_integral_value(), D('-1.7').to_integral())
print(D(3).real, D(3).imag, D(3).conjugate(), D(10).radix(), D('1.0').canonical(), D(1).is_canonical())
for s in ['1', '-0', '1e-1000000', '-inf', 'snan', 'nan', '0.5']:
    d = D(s)
    print(s, d.is_nan(), d.is_snan(), d.is_qnan(), d.is_signed(), d.is_zero(), d.is_infinite(),
          d.is_finite(), d.is_subnormal(), d.is_normal(), d.number_class())
for bad in ['nan', 'inf', 'snan']:
    for name, f in (('int', int), ('round', round), ('float', float)):
        try:
            print(f(D(bad)))
        except (ValueError, OverflowError) as e:
            print(name, type(e).__name__, e)
try:
    D('inf').as_integer_ratio()
except OverflowError as e:
    print(e)
