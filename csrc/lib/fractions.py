"""Rational numbers (CPython 3.11's fractions.Fraction, for pyexpr).

There is no decimal module and no numbers ABCs: a Fraction is built from
an int, a bool, a float, a Fraction or a str; arithmetic mixes with int,
bool and float (a float operand gives a float result).
"""

import math

__all__ = ['Fraction']

_HASH_MODULUS = 2305843009213693951  # sys.hash_info.modulus (2**61 - 1)
_HASH_INF = 314159                   # sys.hash_info.inf


def _digits(s, i):
    # a run of decimal digits with single underscores between them, from
    # s[i]: (end, text without underscores) or (i, '') when none starts there
    n = len(s)
    j = i
    out = []
    while j < n and s[j].isdecimal():
        out.append(s[j])
        j += 1
        if j + 1 < n and s[j] == '_' and s[j + 1].isdecimal():
            j += 1
    return j, ''.join(out)


def _parse(text):
    # [sign] digits ['/' digits] | [sign] (digits ['.' [digits]] | '.' digits) [e [sign] digits]
    s = text.strip()
    bad = ValueError('Invalid literal for Fraction: %r' % text)
    i = 0
    sign = 1
    if s[:1] in ('+', '-'):
        sign = -1 if s[0] == '-' else 1
        i = 1
    i, num = _digits(s, i)
    if i < len(s) and s[i] == '/':
        if not num:
            raise bad
        i, den = _digits(s, i + 1)
        if not den or i != len(s):
            raise bad
        return sign * int(num), int(den)
    frac = ''
    if i < len(s) and s[i] == '.':
        i, frac = _digits(s, i + 1)
    if not num and not frac:
        raise bad
    exp = 0
    if i < len(s) and s[i] in 'eE':
        j = i + 1
        esign = 1
        if s[j:j + 1] in ('+', '-'):
            esign = -1 if s[j] == '-' else 1
            j += 1
        i, e = _digits(s, j)
        if not e:
            raise bad
        exp = esign * int(e)
    if i != len(s):
        raise bad
    n = int(num or '0') * 10 ** len(frac) + int(frac or '0')
    d = 10 ** len(frac)
    if exp >= 0:
        n *= 10 ** exp
    else:
        d *= 10 ** -exp
    return sign * n, d


def _ratio(x):
    # (numerator, denominator) of an exact operand, None for anything else
    if isinstance(x, Fraction):
        return x._numerator, x._denominator
    if isinstance(x, int):
        return int(x), 1
    return None


class Fraction:
    """This class implements rational numbers."""

    __slots__ = ('_numerator', '_denominator')

    def __new__(cls, numerator=0, denominator=None):
        self = object.__new__(cls)
        if denominator is None:
            if type(numerator) is int:
                self._numerator = numerator
                self._denominator = 1
                return self
            r = _ratio(numerator)
            if r is not None:
                n, d = r
            elif isinstance(numerator, float):
                n, d = numerator.as_integer_ratio()
            elif isinstance(numerator, str):
                n, d = _parse(numerator)
            else:
                raise TypeError('argument should be a string or a Rational instance')
        else:
            a = _ratio(numerator)
            b = _ratio(denominator)
            if a is None or b is None:
                raise TypeError('both arguments should be Rational instances')
            n = a[0] * b[1]
            d = a[1] * b[0]
        if d == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % n)
        g = math.gcd(n, d)
        if d < 0:
            g = -g
        self._numerator = n // g
        self._denominator = d // g
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError('%s.from_float() only takes floats, not %r (%s)' %
                            (cls.__name__, f, type(f).__name__))
        n, d = f.as_integer_ratio()
        return cls._make(n, d)

    @classmethod
    def _make(cls, n, d):
        # n/d already in lowest terms, d > 0
        self = object.__new__(cls)
        self._numerator = n
        self._denominator = d
        return self

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        """Closest Fraction to self with denominator at most max_denominator."""
        if max_denominator < 1:
            raise ValueError('max_denominator should be at least 1')
        if self._denominator <= max_denominator:
            return Fraction(self)
        # walk the convergents of the continued fraction of self; the
        # answer is the last convergent or the best semiconvergent after it
        p_prev, q_prev, p, q = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q_next = q_prev + a * q
            if q_next > max_denominator:
                break
            p_prev, q_prev, p, q = p, q, p_prev + a * p, q_next
            n, d = d, n - a * d
        k = (max_denominator - q_prev) // q
        semi = Fraction(p_prev + k * p, q_prev + k * q)
        conv = Fraction(p, q)
        if abs(conv - self) <= abs(semi - self):
            return conv
        return semi

    numerator = property(lambda self: self._numerator)
    denominator = property(lambda self: self._denominator)

    def __repr__(self):
        return '%s(%s, %s)' % (self.__class__.__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return '%s/%s' % (self._numerator, self._denominator)

    def __format__(self, format_spec):
        if format_spec:
            raise TypeError('unsupported format string passed to Fraction.__format__')
        return str(self)

    # arithmetic: exact with ints and Fractions, float with floats
    def _binop(self, other, exact, inexact, reflected):
        r = _ratio(other)
        if r is not None:
            a, b = (r, (self._numerator, self._denominator)) if reflected else \
                ((self._numerator, self._denominator), r)
            return exact(a[0], a[1], b[0], b[1])
        if isinstance(other, float):
            return inexact(other, float(self)) if reflected else inexact(float(self), other)
        return NotImplemented

    def __add__(self, other):
        return self._binop(other, _add, _fadd, False)

    def __radd__(self, other):
        return self._binop(other, _add, _fadd, True)

    def __sub__(self, other):
        return self._binop(other, _sub, _fsub, False)

    def __rsub__(self, other):
        return self._binop(other, _sub, _fsub, True)

    def __mul__(self, other):
        return self._binop(other, _mul, _fmul, False)

    def __rmul__(self, other):
        return self._binop(other, _mul, _fmul, True)

    def __truediv__(self, other):
        return self._binop(other, _div, _fdiv, False)

    def __rtruediv__(self, other):
        return self._binop(other, _div, _fdiv, True)

    def __floordiv__(self, other):
        return self._binop(other, _floordiv, _ffloordiv, False)

    def __rfloordiv__(self, other):
        return self._binop(other, _floordiv, _ffloordiv, True)

    def __mod__(self, other):
        return self._binop(other, _mod, _fmod, False)

    def __rmod__(self, other):
        return self._binop(other, _mod, _fmod, True)

    def __divmod__(self, other):
        return self._binop(other, _divmod, divmod, False)

    def __rdivmod__(self, other):
        return self._binop(other, _divmod, divmod, True)

    def __pow__(self, other):
        r = _ratio(other)
        if r is not None and r[1] == 1:
            power = r[0]
            if power >= 0:
                return Fraction._make(self._numerator ** power, self._denominator ** power)
            if self._numerator == 0:
                raise ZeroDivisionError('Fraction(%s, 0)' % (self._denominator ** -power))
            if self._numerator > 0:
                return Fraction._make(self._denominator ** -power, self._numerator ** -power)
            return Fraction._make((-self._denominator) ** -power,
                                  (-self._numerator) ** -power)
        if r is not None:
            return float(self) ** float(other)
        # anything else: float(self) ** other (3.11), so that float, complex
        # and the other operand's __rpow__ decide
        return float(self) ** other

    def __rpow__(self, other):
        if self._denominator == 1 and self._numerator >= 0:
            return other ** self._numerator
        r = _ratio(other)
        if r is not None:
            return Fraction._make(r[0], r[1]) ** self
        if self._denominator == 1:
            return other ** self._numerator
        return other ** float(self)

    def __pos__(self):
        return Fraction._make(self._numerator, self._denominator)

    def __neg__(self):
        return Fraction._make(-self._numerator, self._denominator)

    def __abs__(self):
        return Fraction._make(abs(self._numerator), self._denominator)

    def __int__(self):
        if self._numerator < 0:
            return -(-self._numerator // self._denominator)
        return self._numerator // self._denominator

    __trunc__ = __int__

    def __floor__(self):
        return self._numerator // self._denominator

    def __ceil__(self):
        return -(-self._numerator // self._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            floor, remainder = divmod(self._numerator, self._denominator)
            twice = remainder * 2
            if twice < self._denominator:
                return floor
            if twice > self._denominator:
                return floor + 1
            return floor + (floor & 1)  # halfway: to even
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(self):
        return self._numerator / self._denominator

    def __hash__(self):
        try:
            dinv = pow(self._denominator, -1, _HASH_MODULUS)
        except ValueError:
            h = _HASH_INF
        else:
            h = hash(hash(abs(self._numerator)) * dinv)
        result = h if self._numerator >= 0 else -h
        return -2 if result == -1 else result

    def __eq__(self, other):
        r = _ratio(other)
        if r is not None:
            return self._numerator == r[0] and self._denominator == r[1]
        if isinstance(other, float):
            if other != other or other in (math.inf, -math.inf):
                return 0.0 == other
            return self == Fraction.from_float(other)
        return NotImplemented

    def _compare(self, other, op):
        r = _ratio(other)
        if r is not None:
            return op(self._numerator * r[1], r[0] * self._denominator)
        if isinstance(other, float):
            if other != other or other in (math.inf, -math.inf):
                return op(0.0, other)
            return self._compare(Fraction.from_float(other), op)
        return NotImplemented

    def __lt__(self, other):
        return self._compare(other, _lt)

    def __gt__(self, other):
        return self._compare(other, _gt)

    def __le__(self, other):
        return self._compare(other, _le)

    def __ge__(self, other):
        return self._compare(other, _ge)

    def __bool__(self):
        return self._numerator != 0

    def __reduce__(self):
        return (self.__class__, (str(self),))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _norm(n, d):
    if d == 0:
        raise ZeroDivisionError('Fraction(%s, 0)' % n)
    g = math.gcd(n, d)
    if d < 0:
        g = -g
    return Fraction._make(n // g, d // g)


def _add(na, da, nb, db):
    return _norm(na * db + nb * da, da * db)


def _sub(na, da, nb, db):
    return _norm(na * db - nb * da, da * db)


def _mul(na, da, nb, db):
    return _norm(na * nb, da * db)


def _div(na, da, nb, db):
    # cancel the common factors of the numerators and of the denominators
    # first (Knuth): the result is in lowest terms, and a zero divisor is
    # reported as CPython does (Fraction(-1, 0) for -26/3 / 0)
    g1 = math.gcd(na, nb)
    if g1 > 1:
        na //= g1
        nb //= g1
    g2 = math.gcd(db, da)
    if g2 > 1:
        db //= g2
        da //= g2
    n = na * db
    d = nb * da
    if d == 0:
        raise ZeroDivisionError('Fraction(%s, 0)' % n)
    return Fraction._make(-n, -d) if d < 0 else Fraction._make(n, d)


def _floordiv(na, da, nb, db):
    return (na * db) // (da * nb)


def _divmod(na, da, nb, db):
    q, r = divmod(na * db, da * nb)
    return q, _norm(r, da * db)


def _mod(na, da, nb, db):
    return _norm((na * db) % (nb * da), da * db)


def _fadd(a, b):
    return a + b


def _fsub(a, b):
    return a - b


def _fmul(a, b):
    return a * b


def _fdiv(a, b):
    return a / b


def _ffloordiv(a, b):
    return a // b


def _fmod(a, b):
    return a % b


def _lt(a, b):
    return a < b


def _gt(a, b):
    return a > b


def _le(a, b):
    return a <= b


def _ge(a, b):
    return a >= b
