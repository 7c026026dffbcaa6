# expect: ok
# Attributes of numbers and functions that ordinary programs use:
# float.real/imag/conjugate/hex/fromhex, int.bit_count/conjugate/
# as_integer_ratio (and no int.is_integer in 3.11), __defaults__ /
# __kwdefaults__ of functions, __name__ / __qualname__ of built-ins.
for x in [0.0, -0.0, 1.0, 2.5, -0.1, 1e300, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, float('inf'), float('-inf'), float('nan'), 123.456]:
    print(x.hex(), x.real, x.imag, x.conjugate(), float.fromhex(x.hex()) == x or x != x)
for s in ['0x1.8p1', ' -0X1P-1074 ', '1', 'a.b', '.8', '0x.8p+3', 'inf', '-Infinity', 'nan',
          '0x1p-1075', '0x1.fffffffffffff8p1023', '0x1p1024', '0x', '1p', 'x1', '0x1.0p',
          '1e3', '0x1p+2 ', '\t0x10\n', 'ff.ff', '1_0']:
    try:
        print(repr(s), repr(float.fromhex(s)))
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)
for n in [0, 1, -1, 5, 255, -256, 2**64 - 1, -(2**100), 3**80, True]:
    print(n, n.bit_count(), n.conjugate(), n.as_integer_ratio(), n.real, n.imag)
print(hasattr(5, 'is_integer'), (2.0).is_integer())
print('{0.real}|{0.imag}|{1.real}'.format(2.5, 7))


def f(a, b=2, *args, c, d=[1], **kw):
    return a


def g(x, y):
    return x


lam = lambda q=None, *, r=3: q
print(f.__defaults__, f.__kwdefaults__, g.__defaults__, g.__kwdefaults__)
print(lam.__defaults__, lam.__kwdefaults__)
for fn in [len, print, max, sorted, [].append, {}.get, 'x'.upper, str.upper, dict.fromkeys,
           int.from_bytes]:
    print(fn.__name__, fn.__qualname__)
import math
print(math.sqrt.__name__, math.sqrt.__qualname__)
for bad in [lambda: (1).is_integer(), lambda: float.fromhex(5)]:
    try:
        bad()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
