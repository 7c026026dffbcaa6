# expect: ok
import decimal
from decimal import *
print(getcontext())
print(DefaultContext)
print(BasicContext)
print(ExtendedContext)
print(Context(prec=5, rounding=ROUND_DOWN, traps=[Overflow], flags=[Inexact]))
print(Context(traps={s: s is Clamped for s in [InvalidOperation, FloatOperation, DivisionByZero, Overflow, Underflow, Subnormal, Inexact, Rounded, Clamped]}))
print(MAX_PREC, MAX_EMAX, MIN_EMIN, MIN_ETINY, HAVE_THREADS, HAVE_CONTEXTVAR)
c = Context(prec=6)
print(c.prec, c.rounding, c.Emin, c.Emax, c.capitals, c.clamp, c.Etiny(), c.Etop())
print(c.add(1, 2), c.divide(1, 7), c.multiply(Decimal('1.5'), 3), c.subtract(1, Decimal('0.0000001')))
print(c.power(2, 30), c.sqrt(2), c.create_decimal('3.14159265358979'), c.create_decimal(1.1))
print(c.to_sci_string(Decimal('1E+3')), c.to_eng_string(Decimal('1E+4')), c.abs(-3), c.minus(3), c.plus(Decimal('1.0000001')))
print(c.divide_int(10, 3), c.remainder(10, 3), c.divmod(10, 3), c.remainder_near(10, 6), c.compare(1, 2))
print(c.max(1, 2), c.min(1, 2), c.quantize(Decimal('1.23456'), Decimal('0.01')), c.normalize(Decimal('1.500')))
print(c.is_zero(0), c.is_signed(-1), c.number_class(1), c.copy_sign(1, -2), c.fma(2, 3, 4), c.exp(1), c.ln(10))
print(c.flags[Inexact], c.flags[Rounded], c.flags[InvalidOperation])
c.clear_flags()
print(c.flags[Inexact])
print(issubclass(DivisionByZero, ZeroDivisionError), issubclass(FloatOperation, TypeError), Overflow.__mro__)
print(Underflow.__mro__)
print(ConversionSyntax.__mro__[1], DivisionUndefined.__mro__)
print(decimal.Decimal.__module__, decimal.Decimal.__name__)
for k in ['prec', 'Emin', 'Emax', 'capitals', 'clamp']:
    try:
        Context(**{k: -5 if k != 'Emin' else 5})
    except ValueError as e:
        print(e)
try:
    Context(rounding='x')
except TypeError as e:
    print(e)
try:
    getcontext().prec = 'a'
except TypeError as e:
    print(e)
try:
    c.add('1', 2)
except TypeError as e:
    print(e)
try:
    Context(flags={})
except KeyError as e:
    print(repr(e))
