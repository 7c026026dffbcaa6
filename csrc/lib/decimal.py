"""Decimal fixed and floating point arithmetic (CPython 3.11's `decimal`,
its C implementation's results, reprs and messages, for pyexpr).

Written from the General Decimal Arithmetic specification and the Python
documentation. A finite number is sign * coefficient * 10**exponent with
the coefficient a (big) int; infinities and NaNs carry a kind tag.
"""

import math as _math

__all__ = [
    'Decimal', 'Context', 'DecimalTuple',
    'DefaultContext', 'BasicContext', 'ExtendedContext',
    'DecimalException', 'Clamped', 'InvalidOperation', 'DivisionByZero',
    'Inexact', 'Rounded', 'Subnormal', 'Overflow', 'Underflow',
    'FloatOperation', 'DivisionImpossible', 'InvalidContext',
    'ConversionSyntax', 'DivisionUndefined',
    'ROUND_DOWN', 'ROUND_HALF_UP', 'ROUND_HALF_EVEN', 'ROUND_CEILING',
    'ROUND_FLOOR', 'ROUND_UP', 'ROUND_HALF_DOWN', 'ROUND_05UP',
    'setcontext', 'getcontext', 'localcontext',
    'MAX_PREC', 'MAX_EMAX', 'MIN_EMIN', 'MIN_ETINY',
    'HAVE_THREADS', 'HAVE_CONTEXTVAR',
]

__version__ = '1.70'
__libmpdec_version__ = '2.5.1'

MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)
HAVE_THREADS = True
HAVE_CONTEXTVAR = True

ROUND_DOWN = 'ROUND_DOWN'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_UP = 'ROUND_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_05UP = 'ROUND_05UP'
_ROUNDINGS = (ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING,
              ROUND_FLOOR, ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP)
_ROUNDING_MSG = ('valid values for rounding are:\n'
                 '  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n'
                 '   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n'
                 '   ROUND_05UP]')

_HASH_MODULUS = 2305843009213693951   # 2**61 - 1
_HASH_INF = 314159
_HASH_10INV = pow(10, _HASH_MODULUS - 2, _HASH_MODULUS)


# ---- signals --------------------------------------------------------------

class DecimalException(ArithmeticError):
    pass


class Clamped(DecimalException):
    pass


class InvalidOperation(DecimalException):
    pass


class ConversionSyntax(InvalidOperation):
    pass


class DivisionByZero(DecimalException, ZeroDivisionError):
    pass


class DivisionImpossible(InvalidOperation):
    pass


class DivisionUndefined(InvalidOperation, ZeroDivisionError):
    pass


class Inexact(DecimalException):
    pass


class InvalidContext(InvalidOperation):
    pass


class Rounded(DecimalException):
    pass


class Subnormal(DecimalException):
    pass


class Overflow(Inexact, Rounded):
    pass


class Underflow(Inexact, Rounded, Subnormal):
    pass


class FloatOperation(DecimalException, TypeError):
    pass


# the order of Context.flags / traps as dicts (and of trap messages)
_SIGNALS = (InvalidOperation, FloatOperation, DivisionByZero, Overflow,
            Underflow, Subnormal, Inexact, Rounded, Clamped)
# the order of the lists in Context's repr
_REPR_ORDER = (Clamped, InvalidOperation, DivisionByZero, Inexact,
               FloatOperation, Overflow, Rounded, Subnormal, Underflow)
# conditions reported as InvalidOperation
_CONDITIONS = (ConversionSyntax, DivisionImpossible, DivisionUndefined,
               InvalidContext)

class DecimalTuple(tuple):
    """DecimalTuple(sign, digits, exponent): what as_tuple() returns (a
    named tuple; written out to keep collections out of the import)."""
    __slots__ = ()
    _fields = ('sign', 'digits', 'exponent')

    def __new__(cls, sign, digits, exponent):
        return tuple.__new__(cls, (sign, digits, exponent))

    sign = property(lambda self: self[0])
    digits = property(lambda self: self[1])
    exponent = property(lambda self: self[2])

    def __repr__(self):
        return 'DecimalTuple(sign=%r, digits=%r, exponent=%r)' % tuple(self)

    def _asdict(self):
        return dict(zip(self._fields, self))

    def _replace(self, **changes):
        d = self._asdict()
        for key in changes:
            if key not in d:
                raise ValueError('Got unexpected field names: %r' % [key])
        d.update(changes)
        return DecimalTuple(**d)

    def __getnewargs__(self):
        return tuple(self)


# ---- integer helpers ------------------------------------------------------

_CHUNK = 10 ** 4000


def _ndigits(c):
    # number of decimal digits of the int c >= 0 (1 for 0)
    if c < 1000000000000000000:
        return len(str(c))
    n = (c.bit_length() * 30103) // 100000   # <= floor(log10(c))
    p = 10 ** n
    while p <= c:
        p *= 10
        n += 1
    return n


def _istr(c):
    # str(c) for an int c >= 0 of any size
    if c < _CHUNK:
        return str(c)
    n = _ndigits(c)
    h = n // 2
    hi, lo = divmod(c, 10 ** h)
    s = _istr(lo)
    return _istr(hi) + '0' * (h - len(s)) + s


def _iparse(s):
    # int(s) for a str of ascii digits of any length
    if len(s) <= 4000:
        return int(s)
    h = len(s) // 2
    return _iparse(s[:-h]) * 10 ** h + _iparse(s[-h:])


def _strip_zeros(c, e, emax):
    # remove trailing zero digits of c while e < emax
    if c == 0:
        return 0, e
    while e < emax and c % 10 == 0:
        k = min(emax - e, 16)
        p = 10 ** k
        if c % p == 0:
            c //= p
            e += k
        else:
            c //= 10
            e += 1
    return c, e


def _div_round(c, drop, mode, sign):
    # c rounded to drop fewer digits: (new coefficient, inexact)
    if drop <= 0:
        return c, False
    if drop > 40 and drop > _ndigits(c):
        q = 0
        cmp = -1 if c else -2          # below half (or zero)
    else:
        p = 10 ** (drop - 1)
        q, r = divmod(c, p * 10)
        if r == 0:
            cmp = -2
        else:
            h = 5 * p
            cmp = -1 if r < h else (0 if r == h else 1)
    if cmp == -2:
        return q, False
    if mode == ROUND_HALF_EVEN:
        up = cmp > 0 or (cmp == 0 and q & 1)
    elif mode == ROUND_HALF_UP:
        up = cmp >= 0
    elif mode == ROUND_HALF_DOWN:
        up = cmp > 0
    elif mode == ROUND_DOWN:
        up = False
    elif mode == ROUND_UP:
        up = True
    elif mode == ROUND_CEILING:
        up = not sign
    elif mode == ROUND_FLOOR:
        up = bool(sign)
    else:  # ROUND_05UP
        up = q % 5 == 0
    return (q + 1 if up else q), True


# ---- the number -----------------------------------------------------------

_FIN, _INF, _QNAN, _SNAN = 0, 1, 2, 3


def _new(sign, coef, exp, kind=0):
    d = object.__new__(Decimal)
    d._sign = sign
    d._int = coef
    d._exp = exp
    d._kind = kind
    return d


def _tname(x):
    t = type(x)
    if t is Decimal:
        return 'decimal.Decimal'
    if t is Context:
        return 'decimal.Context'
    return t.__name__


def _conv(x, ctx=None):
    # an operand of arithmetic: Decimal, int (bool) or None (not supported)
    t = type(x)
    if t is Decimal:
        return x
    if t is int or isinstance(x, int):
        return _from_int(int(x))
    return None


def _conv_strict(x, ctx):
    # an operand of a Context method or of a Decimal method's argument
    d = _conv(x)
    if d is None:
        if isinstance(x, Decimal):
            return x
        raise TypeError('conversion from %s to Decimal is not supported'
                        % _tname(x))
    return d


def _from_int(v):
    if v < 0:
        return _new(1, -v, 0)
    return _new(0, v, 0)


def _from_float(f):
    if f != f:
        return _new(0, 0, 0, _QNAN)
    sign = 1 if _math.copysign(1.0, f) < 0 else 0
    if f in (_math.inf, -_math.inf):
        return _new(sign, 0, 0, _INF)
    f = abs(f)
    if f == 0.0:
        return _new(sign, 0, 0)
    m, e = _math.frexp(f)
    n = int(m * 9007199254740992.0)
    e -= 53
    while n & 1 == 0:
        n >>= 1
        e += 1
    if e >= 0:
        return _new(sign, n << e, 0)
    return _new(sign, n * 5 ** -e, e)


def _from_number(f):
    # from_float's argument: an int or a float
    if type(f) is int or isinstance(f, int):
        return _from_int(int(f))
    if isinstance(f, float):
        return _from_float(f)
    raise TypeError('argument must be int or float')


def _parse_digits(s):
    # a run of decimal digits (any script) -> ascii str, or None
    if not s:
        return None
    if s.isascii():
        return s if s.isdigit() else None
    out = []
    for ch in s:
        if not ch.isdecimal():
            return None
        out.append(str(int(ch)))
    return ''.join(out)


def _from_str(text, ctx):
    s = text.strip()
    if '_' in s:
        if s.startswith('_') or s.endswith('_'):
            return None
        s = s.replace('_', '')
    sign = 0
    if s[:1] in ('+', '-'):
        sign = 1 if s[0] == '-' else 0
        s = s[1:]
    low = s.lower()
    if low in ('inf', 'infinity'):
        return _new(sign, 0, 0, _INF)
    if low.startswith('nan') or low.startswith('snan'):
        kind = _QNAN if low[0] == 'n' else _SNAN
        rest = s[3:] if kind == _QNAN else s[4:]
        payload = 0
        if rest:
            digs = _parse_digits(rest)
            if digs is None:
                return None
            payload = _iparse(digs)
        return _new(sign, payload, 0, kind)
    exp = 0
    k = low.find('e')
    if k >= 0:
        es = s[k + 1:]
        s = s[:k]
        esign = 1
        if es[:1] in ('+', '-'):
            esign = -1 if es[0] == '-' else 1
            es = es[1:]
        ed = _parse_digits(es)
        if ed is None:
            return None
        exp = esign * _iparse(ed)
    dot = s.find('.')
    if dot >= 0:
        ip, fp = s[:dot], s[dot + 1:]
    else:
        ip, fp = s, ''
    if not ip and not fp:
        return None
    if ip:
        ip = _parse_digits(ip)
        if ip is None:
            return None
    if fp:
        fp = _parse_digits(fp)
        if fp is None:
            return None
    digs = (ip + fp).lstrip('0') or '0'
    return _new(sign, _iparse(digs), exp - len(fp))


def _in_range(d, ctx):
    # libmpdec's limits on exponents: beyond them a conversion is invalid
    if d._kind or (d._exp >= MIN_ETINY and (
            d._exp <= MAX_EMAX - 20 or d.adjusted() <= MAX_EMAX)):
        return d
    ctx._raise(InvalidOperation)
    return _new(0, 0, 0, _QNAN)


def _from_tuple(t):
    if len(t) != 3:
        raise ValueError('argument must be a sequence of length 3')
    sign, digits, exp = t
    if not (type(sign) is int and sign in (0, 1)):
        raise ValueError('sign must be an integer with the value 0 or 1')
    kind = _FIN
    if type(exp) is str:
        if exp == 'F':
            kind = _INF
        elif exp == 'n':
            kind = _QNAN
        elif exp == 'N':
            kind = _SNAN
        else:
            raise ValueError("string argument in the third position must "
                             "be 'F', 'n' or 'N'")
        exp = 0
    elif type(exp) is not int:
        raise ValueError('exponent must be an integer')
    if type(digits) is not tuple:
        digits = tuple(digits) if isinstance(digits, list) else None
        if digits is None:
            raise ValueError('coefficient must be a tuple of digits')
    coef = 0
    for dg in digits:
        if type(dg) is not int or not 0 <= dg <= 9:
            raise ValueError('coefficient must be a tuple of digits')
        coef = coef * 10 + dg
    if kind == _INF:
        coef = 0
    return _new(sign, coef, exp, kind)


def _to_int(d, mode):
    k = d._kind
    if k == _INF:
        raise OverflowError('cannot convert Infinity to integer')
    if k:
        raise ValueError('cannot convert NaN to integer')
    r = _rescale(d, 0, mode)[0]
    return -r._int if r._sign else r._int


def _is_fraction(x):
    t = type(x)
    return t.__name__ == 'Fraction' and t.__module__ == 'fractions'


def _nope(op, a, b):
    # the engine words the error as CPython does (sequence repetition,
    # concatenation, "unsupported operand type(s)" with 'decimal.Decimal')
    return NotImplemented


def _ctx(context):
    if context is None:
        return getcontext()
    if type(context) is not Context and not isinstance(context, Context):
        raise TypeError('optional argument must be a context')
    return context


def _rmode(rounding):
    if rounding is None:
        return None
    if rounding not in _ROUNDINGS:
        raise TypeError(_ROUNDING_MSG)
    return rounding


def _to_str(d, capitals, eng):
    sign = '-' if d._sign else ''
    k = d._kind
    if k == _INF:
        return sign + 'Infinity'
    if k:
        return sign + ('NaN' if k == _QNAN else 'sNaN') + (
            _istr(d._int) if d._int else '')
    digits = _istr(d._int)
    n = len(digits)
    exp = d._exp
    adj = exp + n - 1
    if exp <= 0 and adj >= -6:
        if exp == 0:
            return sign + digits
        pos = n + exp
        if pos > 0:
            return sign + digits[:pos] + '.' + digits[pos:]
        return sign + '0.' + '0' * -pos + digits
    e = 'E' if capitals else 'e'
    if not eng:
        body = digits[0] + ('.' + digits[1:] if n > 1 else '')
        return sign + body + e + ('+' if adj >= 0 else '') + str(adj)
    if d._int == 0:
        # the exponent moves up to a multiple of three; zeros show the quantum
        e3 = adj + (-adj) % 3
        z = e3 - exp
        body = '0' + ('.' + '0' * z if z else '')
        adj = e3
    else:
        e3 = adj - adj % 3
        before = adj - e3 + 1
        if n <= before:
            body = digits + '0' * (before - n)
        else:
            body = digits[:before] + '.' + digits[before:]
        adj = e3
    if adj == 0:
        return sign + body
    return sign + body + e + ('+' if adj >= 0 else '') + str(adj)


# ---- context --------------------------------------------------------------

class _SignalDict(dict):
    # Context.flags / traps: CPython's repr has no space after the colons
    def __repr__(self):
        return '{' + ', '.join('%r:%r' % kv for kv in self.items()) + '}'


def _signal_dict(arg, what):
    d = _SignalDict()
    for s in _SIGNALS:
        d[s] = False
    if arg is None:
        return d
    if isinstance(arg, dict):
        if len(arg) != len(_SIGNALS):
            raise KeyError('invalid signal dict')
        for key, v in arg.items():
            if key not in d:
                raise KeyError('invalid signal dict')
            d[key] = bool(v)
        return d
    for s in arg:
        if s not in d:
            raise KeyError('invalid signal dict')
        d[s] = True
    return d


def _set_int(ctx, attr, v, lo, hi, msg):
    if type(v) is not int and not isinstance(v, int):
        raise TypeError('an integer is required')
    if not lo <= v <= hi:
        raise ValueError(msg)
    setattr(ctx, attr, int(v))


_ATTRS = ('_prec', '_rounding', '_Emin', '_Emax', '_capitals', '_clamp')


# ---- the operations -------------------------------------------------------

def _nan_result(d, ctx):
    # the quiet NaN a NaN operand gives, its payload fitted to the context
    c = d._int
    keep = ctx._prec - ctx._clamp
    if c and _ndigits(c) > keep:
        c = c % 10 ** keep if keep > 0 else 0
    return _new(d._sign, c, 0, _QNAN)


def _nan_pair(a, b, ctx):
    # NaN propagation for two operands (None when neither is a NaN)
    ka, kb = a._kind, b._kind
    if ka < _QNAN and kb < _QNAN:
        return None
    if ka == _SNAN or kb == _SNAN:
        ctx._raise(InvalidOperation)
        return _nan_result(a if ka == _SNAN else b, ctx)
    return _nan_result(a if ka == _QNAN else b, ctx)


def _nan1(a, ctx):
    if a._kind == _SNAN:
        ctx._raise(InvalidOperation)
    return _nan_result(a, ctx)


def _invalid(ctx, cond=InvalidOperation):
    ctx._raise(cond)
    return _new(0, 0, 0, _QNAN)


def _fix(sign, coef, exp, kind, ctx, extra=()):
    """The finite number sign*coef*10**exp rounded to the context, with the
    conditions raised (extra: conditions that the operation already had)."""
    if kind:
        if extra:
            ctx._raise(*extra)
        return _new(sign, coef, exp, kind)
    prec = ctx._prec
    emin = ctx._Emin
    emax = ctx._Emax
    if coef and not extra:
        # the common case: fits the precision and the exponent range
        n = _ndigits(coef)
        if n <= prec and emin <= exp + n - 1 <= emax and (
                not ctx._clamp or exp <= emax - prec + 1):
            return _new(sign, coef, exp)
    etiny = emin - prec + 1
    etop = emax - prec + 1
    status = list(extra)
    if coef == 0:
        top = etop if ctx._clamp else emax
        if exp > top:
            exp = top
            status.append(Clamped)
        elif exp < etiny:
            exp = etiny
            status.append(Clamped)
        if status:
            ctx._raise(*status)
        return _new(sign, 0, exp)
    n = _ndigits(coef)
    adj = exp + n - 1
    if adj < emin:
        # subnormal
        status.append(Subnormal)
        if exp < etiny:
            mode = ctx._rounding
            coef, inexact = _div_round(coef, etiny - exp, mode, sign)
            exp = etiny
            if inexact:
                status.append(Underflow)
                status.append(Inexact)
                if coef == 0:
                    status.append(Clamped)
            status.append(Rounded)
        if ctx._clamp and exp > etop:
            coef *= 10 ** (exp - etop)
            exp = etop
            status.append(Clamped)
        ctx._raise(*status)
        return _new(sign, coef, exp)
    if n > prec:
        coef, inexact = _div_round(coef, n - prec, ctx._rounding, sign)
        exp += n - prec
        if coef == 10 ** prec:
            coef //= 10
            exp += 1
        if inexact:
            status.append(Inexact)
        status.append(Rounded)
        adj = exp + prec - 1
    if adj > emax:
        status.append(Overflow)
        if Inexact not in status:
            status.append(Inexact)
        if Rounded not in status:
            status.append(Rounded)
        mode = ctx._rounding
        if mode in (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP) \
                or (mode == ROUND_CEILING and not sign) \
                or (mode == ROUND_FLOOR and sign):
            ctx._raise(*status)
            return _new(sign, 0, 0, _INF)
        ctx._raise(*status)
        return _new(sign, 10 ** prec - 1, etop)
    if ctx._clamp and exp > etop:
        coef *= 10 ** (exp - etop)
        exp = etop
        status.append(Clamped)
    if status:
        ctx._raise(*status)
    return _new(sign, coef, exp)


def _cmp(a, b):
    # numeric comparison of two non-NaN numbers: -1, 0, 1
    if a._kind == _INF or b._kind == _INF:
        va = 0 if a._kind != _INF else (-1 if a._sign else 1)
        vb = 0 if b._kind != _INF else (-1 if b._sign else 1)
        if va != vb:
            return -1 if va < vb else 1
        if va:
            return 0
        # one infinite, compare its sign with the finite one
    az = a._int == 0
    bz = b._int == 0
    if az and bz:
        return 0
    if az:
        return 1 if b._sign else -1
    if bz:
        return -1 if a._sign else 1
    if a._sign != b._sign:
        return -1 if a._sign else 1
    s = -1 if a._sign else 1
    aa = a._exp + _ndigits(a._int)
    ba = b._exp + _ndigits(b._int)
    if aa != ba:
        return s if aa > ba else -s
    ca, cb = a._int, b._int
    if a._exp > b._exp:
        ca *= 10 ** (a._exp - b._exp)
    else:
        cb *= 10 ** (b._exp - a._exp)
    if ca == cb:
        return 0
    return s if ca > cb else -s


def _plus(a, ctx, op):
    # op 0: plus, 1: minus, 2: abs
    if a._kind >= _QNAN:
        return _nan1(a, ctx)
    sign = a._sign
    if op == 1:
        sign = 1 - sign
    elif op == 2:
        sign = 0
    if a._kind == _FIN and a._int == 0 and ctx._rounding != ROUND_FLOOR:
        sign = 0
    return _fix(sign, a._int, a._exp, a._kind, ctx)


def _sub(a, b, ctx):
    return _add(a, b, ctx, 1)


def _add(a, b, ctx, sub=0):
    nan = (a._kind or b._kind) and _nan_pair(a, b, ctx)
    if nan:  # a NaN result (a Decimal NaN is true)
        return nan
    bsign = b._sign ^ sub
    if a._kind == _INF or b._kind == _INF:
        if a._kind == _INF and b._kind == _INF and a._sign != bsign:
            return _invalid(ctx)
        if a._kind == _INF:
            return _new(a._sign, 0, 0, _INF)
        return _new(bsign, 0, 0, _INF)
    ac, ae, asg = a._int, a._exp, a._sign
    bc, be = b._int, b._exp
    exp = min(ae, be)
    if ac == 0 and bc == 0:
        if asg == bsign:
            sign = asg
        else:
            sign = 1 if ctx._rounding == ROUND_FLOOR else 0
        return _fix(sign, 0, exp, 0, ctx)
    if ac == 0:
        return _add_zero(bsign, bc, be, exp, ctx)
    if bc == 0:
        return _add_zero(asg, ac, ae, exp, ctx)
    # a tiny operand far below the other one's rounding position is replaced
    # by a 1 just below that position (same rounding, bounded size)
    prec = ctx._prec
    far = ae - be > prec + 1 or be - ae > prec + 1
    aadj = ae + _ndigits(ac) - 1 if far else 0
    badj = be + _ndigits(bc) - 1 if far else 0
    if aadj > badj:
        t = min(ae, aadj - prec - 1)
        if badj < t - 1:
            bc, be = 1, t - 1
    elif badj > aadj:
        t = min(be, badj - prec - 1)
        if aadj < t - 1:
            ac, ae = 1, t - 1
    if ae == be:
        exp, va, vb = ae, ac, bc
    elif ae < be:
        exp, va, vb = ae, ac, bc * 10 ** (be - ae)
    else:
        exp, va, vb = be, ac * 10 ** (ae - be), bc
    if asg:
        va = -va
    if bsign:
        vb = -vb
    v = va + vb
    if v == 0:
        return _fix(1 if ctx._rounding == ROUND_FLOOR else 0, 0, exp, 0, ctx)
    if v < 0:
        return _fix(1, -v, exp, 0, ctx)
    return _fix(0, v, exp, 0, ctx)


def _add_zero(sign, c, e, exp, ctx):
    # c*10**e + 0*10**exp (exp <= e): the digits gained by the alignment
    # are zeros, at most one of them past the precision is needed
    gap = e - exp
    n = _ndigits(c)
    if n + gap > ctx._prec:
        gap = min(gap, max(0, ctx._prec - n + 1))
    return _fix(sign, c * 10 ** gap, e - gap, 0, ctx)


def _mul(a, b, ctx):
    nan = (a._kind or b._kind) and _nan_pair(a, b, ctx)
    if nan:  # a NaN result (a Decimal NaN is true)
        return nan
    sign = a._sign ^ b._sign
    if a._kind == _INF or b._kind == _INF:
        if (a._kind == _FIN and a._int == 0) or (b._kind == _FIN and b._int == 0):
            return _invalid(ctx)
        return _new(sign, 0, 0, _INF)
    return _fix(sign, a._int * b._int, a._exp + b._exp, 0, ctx)


def _div(a, b, ctx):
    nan = (a._kind or b._kind) and _nan_pair(a, b, ctx)
    if nan:  # a NaN result (a Decimal NaN is true)
        return nan
    sign = a._sign ^ b._sign
    if a._kind == _INF:
        if b._kind == _INF:
            return _invalid(ctx)
        return _new(sign, 0, 0, _INF)
    if b._kind == _INF:
        return _fix(sign, 0, ctx._Emin - ctx._prec + 1, 0, ctx, (Clamped,))
    if b._int == 0:
        if a._int == 0:
            return _invalid(ctx, DivisionUndefined)
        ctx._raise(DivisionByZero)
        return _new(sign, 0, 0, _INF)
    ideal = a._exp - b._exp
    if a._int == 0:
        return _fix(sign, 0, ideal, 0, ctx)
    prec = ctx._prec
    na = _ndigits(a._int)
    nb = _ndigits(b._int)
    k = prec + nb - na + 1
    if k < 0:
        k = 0
    q, r = divmod(a._int * 10 ** k, b._int)
    exp = ideal - k
    if r:
        q = q * 10 + 1
        exp -= 1
    else:
        q, exp = _strip_zeros(q, exp, ideal)
    return _fix(sign, q, exp, 0, ctx)


def _divmod(a, b, ctx, want):
    # want 1: integer quotient, 2: remainder, 3: both
    nan = _nan_pair(a, b, ctx)
    if nan is not None:
        return nan, nan
    sign = a._sign ^ b._sign
    if a._kind == _INF:
        if b._kind == _INF:
            r = _invalid(ctx)
            return r, r
        r = _invalid(ctx) if want != 1 else None
        if want == 1:
            return _new(sign, 0, 0, _INF), None
        if want == 2:
            return None, r
        return _new(sign, 0, 0, _INF), r
    if b._kind == _INF:
        q = _new(sign, 0, 0)
        r = _fix(a._sign, a._int, a._exp, 0, ctx)
        return q, r
    if b._int == 0:
        if a._int == 0:
            r = _invalid(ctx, DivisionUndefined)
            return r, r
        if want == 1:
            ctx._raise(DivisionByZero)
            return _new(sign, 0, 0, _INF), None
        if want == 2:
            return None, _invalid(ctx)
        ctx._raise(DivisionByZero, InvalidOperation)
        return _new(sign, 0, 0, _INF), _new(0, 0, 0, _QNAN)
    exp = min(a._exp, b._exp)
    aadj = a.adjusted()
    badj = b.adjusted()
    if a._int and aadj - badj > ctx._prec:
        r = _invalid(ctx, DivisionImpossible)
        return r, r
    if a._int == 0 or aadj < badj - 1:
        q = 0
        rc = a._int * 10 ** (a._exp - exp)
    else:
        va = a._int * 10 ** (a._exp - exp)
        vb = b._int * 10 ** (b._exp - exp)
        q, rc = divmod(va, vb)
        if q and _ndigits(q) > ctx._prec:
            r = _invalid(ctx, DivisionImpossible)
            return r, r
    rd = _fix(a._sign, rc, exp, 0, ctx) if want & 2 else None
    qd = _fix(sign, q, 0, 0, ctx) if want & 1 else None
    return qd, rd


def _remainder_near(a, b, ctx):
    nan = _nan_pair(a, b, ctx)
    if nan is not None:
        return nan
    if a._kind == _INF:
        return _invalid(ctx)
    if b._kind == _INF:
        return _fix(a._sign, a._int, a._exp, 0, ctx)
    if b._int == 0:
        if a._int == 0:
            return _invalid(ctx, DivisionUndefined)
        return _invalid(ctx)
    exp = min(a._exp, b._exp)
    if a._int and a.adjusted() - b.adjusted() > ctx._prec:
        return _invalid(ctx, DivisionImpossible)
    va = a._int * 10 ** (a._exp - exp)
    vb = b._int * 10 ** (b._exp - exp)
    q, r = divmod(va, vb)
    if 2 * r > vb or (2 * r == vb and q & 1):
        q += 1
        r -= vb
    if q and _ndigits(q) > ctx._prec:
        return _invalid(ctx, DivisionImpossible)
    sign = a._sign
    if r < 0:
        sign = 1 - sign
        r = -r
    return _fix(sign, r, exp, 0, ctx)


def _fma(a, b, c, ctx):
    # a*b exactly, then + c with one rounding
    if a._kind or b._kind:
        if a._kind == _SNAN or b._kind == _SNAN:
            return _nan_pair(a, b, ctx)
        if c._kind == _SNAN:
            return _nan1(c, ctx)
        nan = _nan_pair(a, b, ctx)
        if nan is not None:
            return nan
        p = _mul(a, b, _EXACT_CTX(ctx))
        if p._kind == _QNAN:
            return _invalid(ctx)
    else:
        p = _new(a._sign ^ b._sign, a._int * b._int, a._exp + b._exp)
    return _add(p, c, ctx, 0)


def _EXACT_CTX(ctx):
    c = Context(prec=MAX_PREC, rounding=ctx._rounding, Emin=MIN_EMIN,
                Emax=MAX_EMAX, traps=[])
    return c


def _rescale(a, exp, mode):
    # a finite a with its exponent set to exp, rounding with mode:
    # (Decimal, the conditions Inexact and Rounded it raises)
    if a._int == 0:
        return _new(a._sign, 0, exp), []
    if a._exp >= exp:
        return _new(a._sign, a._int * 10 ** (a._exp - exp), exp), []
    c, inexact = _div_round(a._int, exp - a._exp, mode, a._sign)
    return _new(a._sign, c, exp), ([Inexact, Rounded] if inexact else [Rounded])


def _quantize(a, b, ctx, mode):
    if a._kind or b._kind:
        nan = _nan_pair(a, b, ctx)
        if nan is not None:
            return nan
        if a._kind == _INF and b._kind == _INF:
            return _new(a._sign, 0, 0, _INF)
        return _invalid(ctx)
    exp = b._exp
    prec = ctx._prec
    if exp > ctx._Emax or exp < ctx._Emin - prec + 1:
        return _invalid(ctx)
    if a._int and a._exp + _ndigits(a._int) - exp > prec:
        return _invalid(ctx)
    r, st = _rescale(a, exp, mode or ctx._rounding)
    status = []
    if r._int:
        n = _ndigits(r._int)
        if n > prec or exp + n - 1 > ctx._Emax:
            return _invalid(ctx)
        if exp + n - 1 < ctx._Emin:
            status.append(Subnormal)
    if ctx._clamp and exp > ctx._Emax - prec + 1:
        etop = ctx._Emax - prec + 1
        r = _new(r._sign, r._int * 10 ** (exp - etop), etop)
        status.insert(0, Clamped)
    if status or st:
        ctx._raise(*(status + st))
    return r


def _to_integral(a, ctx, mode, exact):
    if a._kind:
        if a._kind >= _QNAN:
            return _nan1(a, ctx)
        return a
    if a._exp >= 0:
        return a
    r, st = _rescale(a, 0, mode or ctx._rounding)
    if exact:
        ctx._raise(*st)
    return r


def _normalize(a, ctx):
    if a._kind:
        if a._kind >= _QNAN:
            return _nan1(a, ctx)
        return a
    d = _fix(a._sign, a._int, a._exp, 0, ctx)
    if d._kind or d._int == 0:
        if d._kind:
            return d
        return _new(d._sign, 0, 0)
    top = ctx._Emax - ctx._prec + 1 if ctx._clamp else ctx._Emax
    c, e = _strip_zeros(d._int, d._exp, top)
    return _new(d._sign, c, e)


def _compare(a, b, ctx, signal):
    ka, kb = a._kind, b._kind
    if ka >= _QNAN or kb >= _QNAN:
        if signal and ka != _SNAN and kb != _SNAN:
            ctx._raise(InvalidOperation)
            return _nan_result(a if ka >= _QNAN else b, ctx)
        return _nan_pair(a, b, ctx)
    return _from_int(_cmp(a, b))


def _total_key(d, mag):
    # (class rank, value for ordering) for the total order
    k = d._kind
    if k == _QNAN:
        return 3, d._int, 0
    if k == _SNAN:
        return 2, d._int, 0
    if k == _INF:
        return 1, 0, 0
    return 0, None, 0


def _compare_total(a, b, mag):
    sa = 0 if mag else a._sign
    sb = 0 if mag else b._sign
    if sa != sb:
        return _from_int(-1 if sa else 1)
    ra = _total_key(a, mag)
    rb = _total_key(b, mag)
    if ra[0] != rb[0]:
        r = -1 if ra[0] < rb[0] else 1
    elif ra[0] >= 2:
        r = 0 if ra[1] == rb[1] else (-1 if ra[1] < rb[1] else 1)
    elif ra[0] == 1:
        r = 0
    else:
        aa = a.copy_abs()
        bb = b.copy_abs()
        r = _cmp(aa, bb)
        if r == 0:
            r = 0 if a._exp == b._exp else (-1 if a._exp < b._exp else 1)
    if sa:
        r = -r
    return _from_int(r)


def _minmax(a, b, ctx, want, mag):
    ka, kb = a._kind, b._kind
    if ka >= _QNAN or kb >= _QNAN:
        if ka == _SNAN or kb == _SNAN:
            return _nan_pair(a, b, ctx)
        if ka == _QNAN and kb != _QNAN:
            return _fix(b._sign, b._int, b._exp, kb, ctx)
        if kb == _QNAN and ka != _QNAN:
            return _fix(a._sign, a._int, a._exp, ka, ctx)
        return _nan_result(a, ctx)
    if mag:
        c = _cmp(a.copy_abs(), b.copy_abs())
        if c == 0:
            c = _cmp(a, b)
    else:
        c = _cmp(a, b)
    if c == 0:
        # equal values: the total order decides (sign, then exponent)
        c = _compare_total(a, b, False)._int
        if _compare_total(a, b, False)._sign:
            c = -c
    pick = a if (c >= 0) == (want > 0) else b
    if c == 0:
        pick = a
    return _fix(pick._sign, pick._int, pick._exp, pick._kind, ctx)


def _scaleb(a, b, ctx):
    nan = _nan_pair(a, b, ctx)
    if nan is not None:
        return nan
    if b._kind == _INF or b._exp != 0:
        return _invalid(ctx)
    n = -b._int if b._sign else b._int
    lim = 2 * (ctx._Emax + ctx._prec)
    if n > lim or n < -lim:
        return _invalid(ctx)
    if a._kind == _INF:
        return a
    return _fix(a._sign, a._int, a._exp + n, 0, ctx)


def _logb(a, ctx):
    if a._kind >= _QNAN:
        return _nan1(a, ctx)
    if a._kind == _INF:
        return _new(0, 0, 0, _INF)
    if a._int == 0:
        ctx._raise(DivisionByZero)
        return _new(1, 0, 0, _INF)
    return _fix(0, 0, 0, 0, ctx) if a.adjusted() == 0 else \
        _fix(1 if a.adjusted() < 0 else 0, abs(a.adjusted()), 0, 0, ctx)


def _next(a, ctx, direction):
    if a._kind >= _QNAN:
        return _nan1(a, ctx)
    etiny = ctx._Emin - ctx._prec + 1
    big = _new(0, 10 ** ctx._prec - 1, ctx._Emax - ctx._prec + 1)
    if a._kind == _INF:
        if (a._sign == 0) == (direction > 0):
            return a
        return _new(a._sign, big._int, big._exp)
    # add or subtract a tiny amount, rounding toward the direction
    c = ctx.copy()
    c.clear_flags()
    c.traps = _signal_dict(None, 'traps')
    c._rounding = ROUND_CEILING if direction > 0 else ROUND_FLOOR
    tiny = _new(0 if direction > 0 else 1, 1, min(etiny, a._exp) - 2)
    r = _add(a, tiny, c, 0)
    if r._kind == _FIN and r._int == 0:
        r = _new(a._sign if a._int else (1 if direction < 0 else 0), 0, etiny)
    return r


# ---- square root, exp, ln, power -----------------------------------------

def _half_even_ctx(ctx):
    c = ctx.copy()
    c._rounding = ROUND_HALF_EVEN
    c.flags = ctx.flags
    c.traps = ctx.traps
    return c


def _sqrt(a, ctx):
    if a._kind >= _QNAN:
        return _nan1(a, ctx)
    if a._int == 0 and a._kind == _FIN:
        return _fix(a._sign, 0, a._exp // 2, 0, ctx)
    if a._sign:
        return _invalid(ctx)
    if a._kind == _INF:
        return a
    prec = ctx._prec
    ideal = a._exp // 2
    c, e = a._int, a._exp
    if e & 1:
        c *= 10
        e -= 1
    # c * 10**e with e even; scale so the root has at least prec+1 digits
    n = _ndigits(c)
    shift = max(0, prec + 2 - (n + 1) // 2)
    c *= 10 ** (2 * shift)
    e -= 2 * shift
    r = _math.isqrt(c)
    exp = e // 2
    if r * r != c:
        r = r * 10 + 1
        exp -= 1
    else:
        r, exp = _strip_zeros(r, exp, ideal)
    return _fix(0, r, exp, 0, _half_even_ctx(ctx))


def _inexact_result(sign, approx, err, exp, ctx, mode=None):
    """approx*10**exp is within err*10**exp of a value that is not exactly
    representable; returns the correctly rounded result or None when the
    interval does not decide it."""
    c = ctx.copy()
    c.flags = _signal_dict(None, 'flags')
    c.traps = _signal_dict(None, 'traps')
    if mode:
        c._rounding = mode
    lo = _fix(sign, (approx - err) * 10 + 1, exp - 1, 0, c)
    hi = _fix(sign, (approx + err) * 10 - 1, exp - 1, 0, c)
    if lo._kind != hi._kind or lo._int != hi._int or lo._exp != hi._exp:
        return None
    return lo


def _finish_inexact(sign, approx, err, exp, ctx, mode=None):
    if approx - err <= 0:
        return None
    r = _inexact_result(sign, approx, err, exp, ctx, mode)
    if r is None:
        return None
    # replay the rounding with the real context for the flags and traps
    c = ctx
    if mode and mode != ctx._rounding:
        c = ctx.copy()
        c._rounding = mode
        c.flags = ctx.flags
        c.traps = ctx.traps
    return _fix(sign, approx * 10 + 1, exp - 1, 0, c)


def _ln10(w):
    # ln(10) * 10**w (error < 10)
    return _ilog(10 * 10 ** w, w)


def _ilog(x, w):
    """ln(x / 10**w) * 10**w for an int x with x / 10**w in [0.1, 10],
    absolute error below 2 units."""
    # square roots bring y within 1e-12 of 1 (at most 43 of them for the
    # range above), then the atanh series; the 2**k by which the roots'
    # truncation errors grow is covered by 20 guard digits
    k = 0
    g = w + 20
    big = 10 ** g
    y = x * 10 ** (g - w)            # y / big == x / 10**w
    lim = big // 10 ** 12
    while abs(y - big) > lim:
        y = _math.isqrt(y * big)
        k += 1
    # atanh series: ln y = 2 * atanh((y-1)/(y+1))
    t = ((y - big) * big) // (y + big)
    t2 = t * t // big
    s = t
    term = t
    j = 1
    while term:
        term = term * t2 // big
        j += 2
        s += term // j
    v = 2 * s * (1 << k)
    return v // 10 ** (g - w)


def _ln(a, ctx, base10):
    if a._kind >= _QNAN:
        return _nan1(a, ctx)
    if a._kind == _FIN and a._int == 0:
        return _new(1, 0, 0, _INF)
    if a._sign:
        return _invalid(ctx)
    if a._kind == _INF:
        return a
    c, e = a._int, a._exp
    if c == 1 and e == 0:
        return _fix(0, 0, 0, 0, ctx)
    if base10:
        s = _istr(c)
        if s.strip('0') == '1' and not s.startswith('0'):
            v = e + len(s) - 1
            return _fix(1 if v < 0 else 0, abs(v), 0, 0, ctx)
    hctx = _half_even_ctx(ctx)
    prec = ctx._prec
    n = _ndigits(c)
    adj = e + n - 1
    extra = 6
    while True:
        w = prec + extra + len(str(abs(adj) + 1))
        # x = c * 10**-(n-1) in [1, 10); ln a = ln x + adj * ln 10
        x = c * 10 ** w // 10 ** (n - 1) if n - 1 <= w + n else 0
        if n - 1 > 0:
            x = (c * 10 ** w) // 10 ** (n - 1)
        else:
            x = c * 10 ** w
        lx = _ilog(x, w)
        l10 = _ln10(w)
        v = lx + adj * l10
        err = 20 + abs(adj) * 10
        if base10:
            v = v * 10 ** w // l10
            err = err + 30
        if v == 0:
            extra += 10
            continue
        sign = 1 if v < 0 else 0
        r = _finish_inexact(sign, abs(v), err, -w, hctx)
        if r is not None:
            return r
        extra += 10
        if extra > prec + 200:
            extra += 0


def _exp(a, ctx):
    if a._kind >= _QNAN:
        return _nan1(a, ctx)
    if a._kind == _INF:
        if a._sign:
            return _new(0, 0, 0)
        return a
    if a._int == 0:
        return _new(0, 1, 0)
    hctx = _half_even_ctx(ctx)
    prec = ctx._prec
    adj = a.adjusted()
    # tiny arguments: exp(a) is 1 plus or minus less than half an ulp
    if adj < -(prec + 2):
        if a._sign:
            return _fix(0, 10 ** (prec + 2) - 1, -(prec + 2), 0, hctx)
        return _fix(0, 10 ** (prec + 2) + 1, -(prec + 2), 0, hctx)
    # huge arguments overflow or underflow surely
    if adj > len(str(ctx._Emax)) + 1:
        if a._sign:
            return _fix(0, 1, ctx._Emin - prec - 5, 0, hctx)
        return _fix(0, 1, ctx._Emax + 5, 0, hctx)
    extra = 8
    while True:
        w = prec + extra + max(adj, 0)
        sc = 10 ** w
        # x = a * 10**w (fixed point)
        if a._exp >= -w:
            x = a._int * 10 ** (a._exp + w)
        else:
            x = a._int // 10 ** (-a._exp - w)
        if a._sign:
            x = -x
        l10 = _ln10(w)
        # a = m * ln10 + r with |r| <= ln10/2
        m = (x + l10 // 2) // l10
        r = x - m * l10
        err0 = abs(m) * 10 + 2
        # exp(r) by halving and squaring: r / 2**k small, Taylor series
        k = 0
        while abs(r) > sc // 1000:
            r //= 2
            k += 1
        g = w + 4 + k
        R = r * 10 ** (g - w)
        S = 10 ** g
        big = S
        s = S
        term = S
        j = 1
        while term:
            term = term * R // big // j
            s += term
            j += 1
        for _ in range(k):
            s = s * s // big
        v = s // 10 ** (g - w)
        err = (err0 + 4) * (v // sc + 2) + (1 << k)
        r2 = _finish_inexact(0, v, err, -w + m if False else -w, _shift_ctx(hctx, m))
        if r2 is not None:
            if m:
                return _fix(0, r2._int, r2._exp + m, 0, hctx,
                            (Inexact, Rounded)) if r2._kind == _FIN else r2
            return r2
        extra += 10


def _shift_ctx(ctx, m):
    # the context for rounding a value that will be scaled by 10**m later
    if not m:
        return ctx
    c = ctx.copy()
    c.flags = _signal_dict(None, 'flags')
    c.traps = _signal_dict(None, 'traps')
    c._Emin = MIN_EMIN
    c._Emax = MAX_EMAX
    return c


def _is_integer(d):
    if d._kind:
        return False
    if d._exp >= 0 or d._int == 0:
        return True
    c, e = _strip_zeros(d._int, d._exp, 0)
    return e >= 0


def _int_value(d):
    v = d._int * 10 ** d._exp if d._exp >= 0 else d._int // 10 ** -d._exp
    return -v if d._sign else v


def _pow(a, b, ctx):
    nan = _nan_pair(a, b, ctx)
    if nan is not None:
        return nan
    bint = _is_integer(b)
    if a._kind == _FIN and a._int == 0:
        if b._kind == _FIN and b._int == 0:
            return _invalid(ctx)
        neg = a._sign and bint and _int_value(b) & 1
        if b._sign:
            return _new(1 if neg else 0, 0, 0, _INF)
        return _new(1 if neg else 0, 0, 0)
    if a._sign and not bint:
        if b._kind == _INF:
            return _invalid(ctx)
        return _invalid(ctx)
    if b._kind == _INF:
        # |a| < 1, == 1 or > 1
        if a._kind == _INF:
            if b._sign:
                return _new(0, 0, 0)
            return _new(0, 0, 0, _INF)
        c = _cmp(a.copy_abs(), _new(0, 1, 0))
        if c == 0:
            return _fix(0, 10 ** (ctx._prec - 1), -(ctx._prec - 1), 0, ctx,
                        (Inexact, Rounded))
        if (c < 0) == (b._sign == 1):
            return _new(0, 0, 0, _INF)
        return _new(0, 0, 0)
    sign = a._sign if bint and _int_value(b) & 1 else 0
    if a._kind == _INF:
        if b._int == 0:
            return _new(0, 1, 0)
        if b._sign:
            return _new(sign, 0, 0)
        return _new(sign, 0, 0, _INF)
    if b._int == 0:
        return _new(0, 1, 0)
    if bint:
        return _pow_int(a, _int_value(b), sign, ctx)
    return _pow_real(a, b, ctx)


def _work_ctx(ctx, prec):
    # a scratch context: no traps, its own flags, half-even, no clamping
    c = Context(prec=prec, rounding=ROUND_HALF_EVEN, Emin=ctx._Emin,
                Emax=ctx._Emax, capitals=ctx._capitals, clamp=0, flags=[],
                traps=[])
    return c


def _pow_int(a, n, sign, ctx):
    """a ** n for an int n: binary powering at a working precision of
    prec + digits(n) + 2 with half-even rounding of each product, then one
    rounding to the context (libmpdec's results, which are not always
    correctly rounded)."""
    c, e = a._int, a._exp
    if c == 1 and e == 0:
        return _new(sign, 1, 0)
    wc = _work_ctx(ctx, ctx._prec + len(str(abs(n))) + 2)
    base = _new(0, c, e)
    if n < 0:
        wc._prec += 1
        base = _div(_new(0, 1, 0), base, wc)
        n = -n
    r = base
    bit = 1 << (n.bit_length() - 1)
    bit >>= 1
    while bit:
        r = _mul(r, r, wc)
        if n & bit:
            r = _mul(r, base, wc)
        bit >>= 1
    extra = tuple(s for s in _SIGNALS if wc.flags[s])
    if r._kind == _INF:
        return _fix(sign, 1, ctx._Emax + 10, 0, ctx, extra)
    return _fix(sign, r._int, r._exp, 0, ctx, extra)


def _pow_real(a, b, ctx):
    # a > 0, b not an integer: exp(b * ln a), correctly rounded
    if a._kind == _INF:
        return _new(0, 0, 0, _INF) if not b._sign else _new(0, 0, 0)
    prec = ctx._prec
    extra = 10
    # exact cases: a is a perfect power with b = p/q
    if a._int == 1 and a._exp == 0 or _cmp(a, _new(0, 1, 0)) == 0:
        return _fix(0, 10 ** (prec - 1), 1 - prec, 0, ctx, (Inexact, Rounded))
    ex = _pow_exact(a, b, ctx)
    if ex is not None:
        return ex
    while True:
        wc = ctx.copy()
        wc.flags = _signal_dict(None, 'flags')
        wc.traps = _signal_dict(None, 'traps')
        wc._prec = prec + extra + _ndigits(abs(b.adjusted()) + 1) + \
            max(0, b.adjusted()) + 5
        wc._Emin = MIN_EMIN
        wc._Emax = MAX_EMAX
        wc._rounding = ROUND_HALF_EVEN
        la = _ln(a, wc, False)
        y = _mul(la, b, wc)
        if y._kind == _FIN and y.adjusted() > len(str(ctx._Emax)) + 1:
            if y._sign:
                return _fix(0, 1, ctx._Emin - prec - 5, 0, ctx)
            return _fix(0, 1, ctx._Emax + 5, 0, ctx)
        r = _exp(y, wc)
        # r has about wc.prec correct digits (error a few units)
        r2 = _finish_inexact(0, r._int, 10 ** (extra - 3) if extra > 4 else 10,
                             r._exp, ctx)
        if r2 is not None:
            return r2
        extra += 15


def _pow_exact(a, b, ctx):
    # an exactly representable a**b for a non-integer b, else None
    bc, be = _strip_zeros(b._int, b._exp, 0)
    if be >= 0 or -be > 6:
        return None
    q = 10 ** -be
    p = bc
    g = _math.gcd(p, q)
    p //= g
    q //= g
    if q > 64:
        return None
    c, e = a._int, a._exp
    # need c * 10**e to be a q-th power
    while e % q:
        c *= 10
        e -= 1
    r = _iroot(c, q)
    if r is None:
        return None
    if p > 200 or _ndigits(r) * p > ctx._prec + 2:
        return None
    vc, ve = r ** p, (e // q) * p
    if b._sign:
        # 1 / vc exactly when vc is 2**i * 5**j
        k = _ndigits(vc) + ctx._prec + 2
        t, rem = divmod(10 ** k, vc)
        if rem:
            return None
        vc, ve = t, -k - ve
    vc, ve = _strip_zeros(vc, ve, 10 ** 18)
    n = _ndigits(vc)
    prec = ctx._prec
    if n < prec:
        vc *= 10 ** (prec - n)
        ve -= prec - n
    return _fix(0, vc, ve, 0, ctx, (Inexact, Rounded))


def _iroot(c, q):
    if c < 2:
        return c
    lo, hi = 1, 1 << (c.bit_length() // q + 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid ** q <= c:
            lo = mid
        else:
            hi = mid - 1
    return lo if lo ** q == c else None


def _powmod(a, b, m, ctx):
    if a._kind >= _QNAN or b._kind >= _QNAN or m._kind >= _QNAN:
        for d in (a, b, m):
            if d._kind == _SNAN:
                return _nan1(d, ctx)
        for d in (a, b, m):
            if d._kind == _QNAN:
                return _nan_result(d, ctx)
    if not (_is_integer(a) and _is_integer(b) and _is_integer(m)):
        return _invalid(ctx)
    if b._sign or m._int == 0:
        return _invalid(ctx)
    mv = abs(_int_value(m))
    if a._int == 0 and b._int == 0:
        return _invalid(ctx)
    if _ndigits(mv) > ctx._prec:
        return _invalid(ctx)
    av = _int_value(a)
    bv = _int_value(b)
    r = pow(abs(av), bv, mv)
    sign = 1 if av < 0 and bv & 1 else 0
    return _fix(sign, r, 0, 0, ctx)


# ---- methods made from the operations --------------------------------------

def _next_toward(a, b, ctx):
    nan = _nan_pair(a, b, ctx)
    if nan is not None:
        return nan
    c = _cmp(a, b)
    if c == 0:
        return _new(b._sign, a._int, a._exp, a._kind)
    r = _next(a, ctx, -1 if c > 0 else 1)
    if r._kind == _INF:
        ctx._raise(Overflow, Inexact, Rounded)
    elif r._int == 0 or r.adjusted() < ctx._Emin:
        st = [Underflow, Subnormal, Inexact, Rounded]
        if r._int == 0:
            st.append(Clamped)
        ctx._raise(*st)
    return r


def _same_quantum(a, b, ctx=None):
    if a._kind or b._kind:
        return (a._kind >= _QNAN and b._kind >= _QNAN) or (
            a._kind == _INF and b._kind == _INF)
    return a._exp == b._exp


def _logical_digits(d, ctx):
    # the digits of a logical operand padded to prec, or None (invalid)
    if d._kind or d._sign or d._exp != 0:
        return None
    s = _istr(d._int)
    if len(s) > ctx._prec or s.strip('01'):
        return None
    return s.rjust(ctx._prec, '0')


def _logical(a, b, ctx, table):
    x = _logical_digits(a, ctx)
    y = _logical_digits(b, ctx) if b is not None else '0' * ctx._prec
    if x is None or y is None:
        return _invalid(ctx)
    out = ''.join(table[int(p) * 2 + int(q)] for p, q in zip(x, y))
    return _new(0, int(out.lstrip('0') or '0'), 0)


def _shift_amount(a, b, ctx):
    # rotate/shift: the digit count b as an int, or a NaN/invalid result
    nan = _nan_pair(a, b, ctx)
    if nan is not None:
        return None, nan
    if b._kind or b._exp != 0 or b._int > ctx._prec:
        return None, _invalid(ctx)
    return (-b._int if b._sign else b._int), None


def _rotate(a, b, ctx, rotate=True):
    n, bad = _shift_amount(a, b, ctx)
    if bad is not None:
        return bad
    if a._kind == _INF:
        return a
    prec = ctx._prec
    s = _istr(a._int)[-prec:].rjust(prec, '0')
    if rotate:
        n %= prec
        s = s[n:] + s[:n]
    elif n > 0:
        s = (s + '0' * n)[-prec:]
    elif n < 0:
        s = s[:n] if -n < prec else ''
    return _new(a._sign, int(s.lstrip('0') or '0'), a._exp)


# name: f(a, ctx) -- Decimal.name(self, context=None) and Context.name(self, a)
_UNARY = {
    'exp': _exp,
    'ln': lambda a, c: _ln(a, c, False),
    'log10': lambda a, c: _ln(a, c, True),
    'logb': _logb,
    'sqrt': _sqrt,
    'normalize': _normalize,
    'next_plus': lambda a, c: _next(a, c, 1),
    'next_minus': lambda a, c: _next(a, c, -1),
    'to_eng_string': lambda a, c: _to_str(a, c._capitals, True),
    'logical_invert': lambda a, c: _logical(a, None, c, '1100'),
}
# name: f(a, b, ctx) -- Decimal.name(self, other, context=None) and
# Context.name(self, a, b)
_BINARY = {
    'compare': lambda a, b, c: _compare(a, b, c, False),
    'compare_signal': lambda a, b, c: _compare(a, b, c, True),
    'compare_total': lambda a, b, c: _compare_total(a, b, False),
    'compare_total_mag': lambda a, b, c: _compare_total(a, b, True),
    'copy_sign': lambda a, b, c: _new(b._sign, a._int, a._exp, a._kind),
    'max': lambda a, b, c: _minmax(a, b, c, 1, False),
    'min': lambda a, b, c: _minmax(a, b, c, -1, False),
    'max_mag': lambda a, b, c: _minmax(a, b, c, 1, True),
    'min_mag': lambda a, b, c: _minmax(a, b, c, -1, True),
    'scaleb': _scaleb,
    'remainder_near': _remainder_near,
    'next_toward': _next_toward,
    'same_quantum': _same_quantum,
    'logical_and': lambda a, b, c: _logical(a, b, c, '0001'),
    'logical_or': lambda a, b, c: _logical(a, b, c, '0111'),
    'logical_xor': lambda a, b, c: _logical(a, b, c, '0110'),
    'rotate': _rotate,
    'shift': lambda a, b, c: _rotate(a, b, c, False),
}
# Context.name(self, a, b) only (the operators of Decimal below)
_CTX_BINARY = {
    'add': _add,
    'subtract': _sub,
    'multiply': _mul,
    'divide': _div,
    'divide_int': lambda a, b, c: _divmod(a, b, c, 1)[0],
    'remainder': lambda a, b, c: _divmod(a, b, c, 2)[1],
    'divmod': lambda a, b, c: _divmod(a, b, c, 3),
}
# Context.name(self, a) only
_CTX_UNARY = {
    'abs': lambda a, c: _plus(a, c, 2),
    'plus': lambda a, c: _plus(a, c, 0),
    'minus': lambda a, c: _plus(a, c, 1),
    'to_sci_string': lambda a, c: _to_str(a, c._capitals, False),
    'copy_decimal': lambda a, c: a,
    'is_normal': lambda a, c: a.is_normal(c),
    'is_subnormal': lambda a, c: a.is_subnormal(c),
    'number_class': lambda a, c: a.number_class(c),
    'copy_abs': lambda a, c: a.copy_abs(),
    'copy_negate': lambda a, c: a.copy_negate(),
}
# Decimal.name(self) and Context.name(self, a): the kind tests
_TESTS = {
    'is_finite': lambda a: a._kind == _FIN,
    'is_infinite': lambda a: a._kind == _INF,
    'is_nan': lambda a: a._kind >= _QNAN,
    'is_qnan': lambda a: a._kind == _QNAN,
    'is_snan': lambda a: a._kind == _SNAN,
    'is_signed': lambda a: a._sign == 1,
    'is_zero': lambda a: a._kind == _FIN and a._int == 0,
}
# operator name, reflected name, symbol for errors, f(a, b, ctx)
_OPERATORS = (
    ('__add__', '__radd__', '+', _add),
    ('__sub__', '__rsub__', '-', _sub),
    ('__mul__', '__rmul__', '*', _mul),
    ('__truediv__', '__rtruediv__', '/', _div),
    ('__floordiv__', '__rfloordiv__', '//', _CTX_BINARY['divide_int']),
    ('__mod__', '__rmod__', '%', _CTX_BINARY['remainder']),
    ('__divmod__', '__rdivmod__', 'divmod()', _CTX_BINARY['divmod']),
    (None, '__rpow__', '** or pow()', _pow),
)


def _dec_unary(f):
    def method(self, context=None):
        return f(self, _ctx(context))
    return method


def _dec_binary(f):
    def method(self, other, context=None):
        ctx = _ctx(context)
        return f(self, _conv_strict(other, ctx), ctx)
    return method


def _dec_test(f):
    def method(self):
        return f(self)
    return method


def _dec_operator(sym, f, reflected):
    def method(self, other):
        o = _conv(other)
        if o is None:
            return _nope(sym, other, self) if reflected else _nope(sym, self, other)
        if reflected:
            return f(o, self, getcontext())
        return f(self, o, getcontext())
    return method


def _dec_sign_op(op):
    def method(self):
        return _plus(self, getcontext(), op)
    return method


def _ctx_unary(name, f, test=False):
    # Context.name(self, a): CPython's METH_O messages on a wrong count
    def method(self, *args):
        if len(args) != 1:
            raise TypeError('Context.%s() takes exactly one argument (%d given)'
                            % (name, len(args)))
        a = _conv_strict(args[0], self)
        return f(a) if test else f(a, self)
    return method


def _ctx_binary(f):
    def method(self, *args):
        if len(args) != 2:
            raise TypeError('function takes exactly 2 arguments (%d given)'
                            % len(args))
        return f(_conv_strict(args[0], self), _conv_strict(args[1], self), self)
    return method


def _decimal_methods():
    ns = {}
    for name, f in _UNARY.items():
        ns[name] = _dec_unary(f)
    for name, f in _BINARY.items():
        ns[name] = _dec_binary(f)
    for name, f in _TESTS.items():
        ns[name] = _dec_test(f)
    for name, rname, sym, f in _OPERATORS:
        if name:
            ns[name] = _dec_operator(sym, f, False)
        ns[rname] = _dec_operator(sym, f, True)
    for name, op in (('__pos__', 0), ('__neg__', 1), ('__abs__', 2)):
        ns[name] = _dec_sign_op(op)
    return ns


def _context_methods():
    ns = {}
    for table in (_UNARY, _CTX_UNARY):
        for name, f in table.items():
            ns[name] = _ctx_unary(name, f)
    for table in (_BINARY, _CTX_BINARY):
        for name, f in table.items():
            ns[name] = _ctx_binary(f)
    for name, f in _TESTS.items():
        ns[name] = _ctx_unary(name, f, True)
    return ns


# the classes come after the operations: their bodies take the generated
# methods (defined in the body, not set afterwards: setting a special method
# on an existing class is costly)

class Decimal:
    """Decimal(value="0", context=None): a decimal floating point number."""

    __slots__ = ('_sign', '_int', '_exp', '_kind')

    def __new__(cls, value='0', context=None):
        if context is not None and type(context) is not Context:
            raise TypeError('optional argument must be a context')
        t = type(value)
        if t is Decimal:
            d = value
        elif t is str:
            ctx = context if context is not None else getcontext()
            d = _from_str(value, ctx)
            if d is None:
                ctx._raise(ConversionSyntax)
                d = _new(0, 0, 0, _QNAN)
            d = _in_range(d, ctx)
        elif t is int or t is bool or isinstance(value, int):
            d = _from_int(int(value))
        elif t is float or isinstance(value, float):
            ctx = context if context is not None else getcontext()
            ctx._flag(FloatOperation)
            d = _from_float(value)
        elif t is tuple or t is list or isinstance(value, tuple):
            d = _in_range(_from_tuple(value),
                          context if context is not None else getcontext())
        elif isinstance(value, Decimal):
            d = value
        else:
            raise TypeError('conversion from %s to Decimal is not supported'
                            % _tname(value))
        if cls is Decimal:
            if t is Decimal:
                return value
            return d
        r = object.__new__(cls)
        r._sign = d._sign
        r._int = d._int
        r._exp = d._exp
        r._kind = d._kind
        return r

    @classmethod
    def from_float(cls, f):
        d = _from_number(f)
        return d if cls is Decimal else cls(d)

    # -- queries --
    def adjusted(self):
        if self._kind:
            return 0
        return self._exp + _ndigits(self._int) - 1

    def as_tuple(self):
        k = self._kind
        if k == _INF:
            return DecimalTuple(self._sign, (0,), 'F')
        if k:
            digs = tuple(int(ch) for ch in _istr(self._int)) if self._int else ()
            return DecimalTuple(self._sign, digs, 'n' if k == _QNAN else 'N')
        return DecimalTuple(self._sign, tuple(int(ch) for ch in _istr(self._int)),
                            self._exp)

    def as_integer_ratio(self):
        if self._kind == _INF:
            raise OverflowError('cannot convert Infinity to integer ratio')
        if self._kind:
            raise ValueError('cannot convert NaN to integer ratio')
        c, e = self._int, self._exp
        if c == 0:
            return 0, 1
        if e >= 0:
            n, d = c * 10 ** e, 1
        else:
            n, d = c, 10 ** -e
            g = _math.gcd(n, d)
            n //= g
            d //= g
        return (-n if self._sign else n), d

    def canonical(self):
        return self

    def is_canonical(self):
        return True

    def is_normal(self, context=None):
        if self._kind or not self._int:
            return False
        return self.adjusted() >= _ctx(context).Emin

    def is_subnormal(self, context=None):
        if self._kind or not self._int:
            return False
        return self.adjusted() < _ctx(context).Emin

    def number_class(self, context=None):
        k = self._kind
        if k == _SNAN:
            return 'sNaN'
        if k == _QNAN:
            return 'NaN'
        s = '-' if self._sign else '+'
        if k == _INF:
            return s + 'Infinity'
        if not self._int:
            return s + 'Zero'
        if self.adjusted() < _ctx(context).Emin:
            return s + 'Subnormal'
        return s + 'Normal'

    def radix(self):
        return Decimal(10)

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return Decimal(0)

    def conjugate(self):
        return self

    # -- strings --
    def __str__(self):
        return _to_str(self, getcontext().capitals, False)

    def __repr__(self):
        return "Decimal('%s')" % _to_str(self, getcontext().capitals, False)

    def to_eng_string(self, context=None):
        return _to_str(self, _ctx(context).capitals, True)

    def __format__(self, spec, override=None):
        return _format(self, spec, override)

    # -- conversions --
    def __bool__(self):
        return self._kind != _FIN or self._int != 0

    def __int__(self):
        return _to_int(self, ROUND_DOWN)

    __trunc__ = __int__

    def __float__(self):
        k = self._kind
        if k == _SNAN:
            raise ValueError('cannot convert signaling NaN to float')
        if k == _QNAN:
            return -_math.nan if self._sign else _math.nan
        if k == _INF:
            return -_math.inf if self._sign else _math.inf
        if not self._int:
            return -0.0 if self._sign else 0.0
        return float(_to_str(self, 1, False))

    def __round__(self, n=None):
        if n is not None:
            if type(n) is not int and not isinstance(n, int):
                raise TypeError('optional arg must be an integer')
            return _quantize(self, _new(0, 1, -n), getcontext(), None)
        return _to_int(self, ROUND_HALF_EVEN)

    def __floor__(self):
        return _to_int(self, ROUND_FLOOR)

    def __ceil__(self):
        return _to_int(self, ROUND_CEILING)

    def __hash__(self):
        k = self._kind
        if k == _SNAN:
            raise TypeError('Cannot hash a signaling NaN value')
        if k == _QNAN:
            return object.__hash__(self)
        if k == _INF:
            return -_HASH_INF if self._sign else _HASH_INF
        e = self._exp
        if e >= 0:
            h = pow(10, e, _HASH_MODULUS)
        else:
            h = pow(_HASH_10INV, -e, _HASH_MODULUS)
        h = self._int * h % _HASH_MODULUS
        if self._sign:
            h = -h
        return -2 if h == -1 else h

    def __reduce__(self):
        return (type(self), (str(self),))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    # -- comparisons --
    def _cmp_other(self, other, eq):
        # the pair to compare, (self, other) as Decimals, or None
        t = type(other)
        if t is Decimal:
            return self, other
        if t is int or t is bool or isinstance(other, int):
            return self, _from_int(int(other))
        if t is float or isinstance(other, float):
            ctx = getcontext()
            if eq:
                ctx._flag(FloatOperation)
            else:
                ctx._raise(FloatOperation)
            return self, _from_float(other)
        if isinstance(other, Decimal):
            return self, other
        if _is_fraction(other):
            # self * denominator against the numerator, exactly
            den = other.denominator
            return (_new(self._sign, self._int * den, self._exp, self._kind),
                    _from_int(other.numerator))
        return None

    def __eq__(self, other):
        pair = self._cmp_other(other, True)
        if pair is None:
            return NotImplemented
        a, o = pair
        if a._kind >= _QNAN or o._kind >= _QNAN:
            if a._kind == _SNAN or o._kind == _SNAN:
                getcontext()._raise(InvalidOperation)
            return False
        return _cmp(a, o) == 0

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    def _order(self, other, op):
        pair = self._cmp_other(other, False)
        if pair is None:
            return NotImplemented
        a, o = pair
        if a._kind >= _QNAN or o._kind >= _QNAN:
            getcontext()._raise(InvalidOperation)
            return None
        return _cmp(a, o)

    def __lt__(self, other):
        c = self._order(other, '<')
        if c is NotImplemented:
            return c
        return c is not None and c < 0

    def __le__(self, other):
        c = self._order(other, '<=')
        if c is NotImplemented:
            return c
        return c is not None and c <= 0

    def __gt__(self, other):
        c = self._order(other, '>')
        if c is NotImplemented:
            return c
        return c is not None and c > 0

    def __ge__(self, other):
        c = self._order(other, '>=')
        if c is NotImplemented:
            return c
        return c is not None and c >= 0

    def __pow__(self, other, modulo=None):
        o = _conv(other)
        if o is None:
            return _nope('** or pow()', self, other)
        if modulo is not None:
            m = _conv(modulo)
            if m is None:
                return _nope('** or pow()', self, other)
            return _powmod(self, o, m, getcontext())
        return _pow(self, o, getcontext())

    def quantize(self, exp=None, rounding=None, context=None):
        if exp is None:
            raise TypeError("function missing required argument 'exp' (pos 1)")
        ctx = _ctx(context)
        return _quantize(self, _conv_strict(exp, ctx), ctx, _rmode(rounding))

    def to_integral_value(self, rounding=None, context=None):
        return _to_integral(self, _ctx(context), _rmode(rounding), False)

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        return _to_integral(self, _ctx(context), _rmode(rounding), True)

    def fma(self, other, third, context=None):
        ctx = _ctx(context)
        return _fma(self, _conv_strict(other, ctx), _conv_strict(third, ctx), ctx)

    def copy_abs(self):
        return _new(0, self._int, self._exp, self._kind)

    def copy_negate(self):
        return _new(1 - self._sign, self._int, self._exp, self._kind)

    locals().update(_decimal_methods())


class Context:
    """Context(prec=None, rounding=None, Emin=None, Emax=None, capitals=None,
    clamp=None, flags=None, traps=None)"""

    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None,
                 capitals=None, clamp=None, flags=None, traps=None):
        dc = DefaultContext if '_tmpl' in _STATE else None
        base = (28, ROUND_HALF_EVEN, -999999, 999999, 1, 0) if dc is None else (
            dc._prec, dc._rounding, dc._Emin, dc._Emax, dc._capitals, dc._clamp)
        given = (prec, rounding, Emin, Emax, capitals, clamp)
        for i in range(6):
            object.__setattr__(self, _ATTRS[i], base[i])
            if given[i] is not None:
                setattr(self, _ATTRS[i][1:], given[i])
        if traps is None and dc is not None:
            self.traps = _signal_dict(dc.traps, 'traps')
        else:
            self.traps = _signal_dict(traps, 'traps')
        self.flags = _signal_dict(flags, 'flags')

    prec = property(lambda self: self._prec,
                    lambda self, v: _set_int(self, '_prec', v, 1, MAX_PREC,
                                             'valid range for prec is [1, MAX_PREC]'))
    Emin = property(lambda self: self._Emin,
                    lambda self, v: _set_int(self, '_Emin', v, MIN_EMIN, 0,
                                             'valid range for Emin is [MIN_EMIN, 0]'))
    Emax = property(lambda self: self._Emax,
                    lambda self, v: _set_int(self, '_Emax', v, 0, MAX_EMAX,
                                             'valid range for Emax is [0, MAX_EMAX]'))
    capitals = property(lambda self: self._capitals,
                        lambda self, v: _set_int(self, '_capitals', v, 0, 1,
                                                 'valid values for capitals are 0 or 1'))
    clamp = property(lambda self: self._clamp,
                     lambda self, v: _set_int(self, '_clamp', v, 0, 1,
                                              'valid values for clamp are 0 or 1'))

    @property
    def rounding(self):
        return self._rounding

    @rounding.setter
    def rounding(self, v):
        if v not in _ROUNDINGS:
            raise TypeError(_ROUNDING_MSG)
        self._rounding = v

    def Etiny(self):
        return self._Emin - self._prec + 1

    def Etop(self):
        return self._Emax - self._prec + 1

    def __repr__(self):
        fl = [s.__name__ for s in _REPR_ORDER if self.flags.get(s)]
        tr = [s.__name__ for s in _REPR_ORDER if self.traps.get(s)]
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, '
                'clamp=%d, flags=[%s], traps=[%s])'
                % (self._prec, self._rounding, self._Emin, self._Emax,
                   self._capitals, self._clamp, ', '.join(fl), ', '.join(tr)))

    def clear_flags(self):
        for s in _SIGNALS:
            self.flags[s] = False

    def clear_traps(self):
        for s in _SIGNALS:
            self.traps[s] = False

    def copy(self):
        c = Context(self._prec, self._rounding, self._Emin, self._Emax,
                    self._capitals, self._clamp, dict(self.flags),
                    dict(self.traps))
        return c

    __copy__ = copy

    def __reduce__(self):
        return (Context, (self._prec, self._rounding, self._Emin, self._Emax,
                          self._capitals, self._clamp,
                          [s for s in _SIGNALS if self.flags[s]],
                          [s for s in _SIGNALS if self.traps[s]]))

    # -- signalling --
    def _flag(self, sig):
        self.flags[sig] = True

    def _raise(self, *sigs):
        # set the flags of the conditions sigs; raise the first trapped one
        trapped = []
        seen = []
        for s in sigs:
            if s in seen:
                continue
            seen.append(s)
            base = InvalidOperation if s in _CONDITIONS else s
            self.flags[base] = True
            if self.traps[base]:
                trapped.append((s, base))
        if trapped:
            first = None
            names = []
            for base in _SIGNALS:
                for s, b in trapped:
                    if b is base:
                        if first is None:
                            first = base
                        names.append("<class 'decimal.%s'>" % s.__name__)
            raise first('[' + ', '.join(names) + ']')

    def _status(self, status):
        # raise a list of conditions accumulated by an operation
        if status:
            self._raise(*status)

    # -- conversions --
    def create_decimal(self, num='0'):
        t = type(num)
        if t is str:
            d = _from_str(num, self)
            if d is None:
                self._raise(ConversionSyntax)
                return _new(0, 0, 0, _QNAN)
            d = _in_range(d, self)
        elif t is float or isinstance(num, float):
            self._raise(FloatOperation)
            d = _from_float(num)
        else:
            d = Decimal(num)
        if d._kind >= _QNAN:
            if d._int and _ndigits(d._int) > self._prec - self._clamp:
                self._raise(ConversionSyntax)
                return _new(0, 0, 0, _QNAN)
            return d
        return _fix(d._sign, d._int, d._exp, d._kind, self)

    def create_decimal_from_float(self, f):
        d = _from_number(f)
        return _fix(d._sign, d._int, d._exp, d._kind, self)

    def _c(self, x):
        return _conv_strict(x, self)

    def power(self, a, b, modulo=None):
        if modulo is not None:
            return _powmod(self._c(a), self._c(b), self._c(modulo), self)
        return _pow(self._c(a), self._c(b), self)

    def fma(self, a, b, c):
        return _fma(self._c(a), self._c(b), self._c(c), self)

    def quantize(self, a, b):
        return _quantize(self._c(a), self._c(b), self, None)

    def to_integral_value(self, a):
        return _to_integral(self._c(a), self, None, False)

    to_integral = to_integral_value

    def to_integral_exact(self, a):
        return _to_integral(self._c(a), self, None, True)

    def canonical(self, a):
        if not isinstance(a, Decimal):
            raise TypeError('argument must be a Decimal')
        return a

    def is_canonical(self, a):
        return self.canonical(a).is_canonical()

    def radix(self):
        return Decimal(10)

    locals().update(_context_methods())



# ---- formatting -----------------------------------------------------------

def _parse_spec(spec):
    # [[fill]align][sign][z][0][width][grouping][.precision][type]
    i = 0
    n = len(spec)
    fill = ' '
    align = None
    if n >= 2 and spec[1] in '<>=^':
        fill = spec[0]
        align = spec[1]
        i = 2
    elif n >= 1 and spec[0] in '<>=^':
        align = spec[0]
        i = 1
    sign = '-'
    if i < n and spec[i] in '+- ':
        sign = spec[i]
        i += 1
    z = spec[i:i + 1] == 'z'
    i += z
    zero = spec[i:i + 1] == '0'
    i += zero
    j = i
    while i < n and spec[i].isdigit():
        i += 1
    width = int(spec[j:i]) if i > j else 0
    group = ''
    if i < n and spec[i] in ',_':
        group = spec[i]
        i += 1
    prec = None
    if i < n and spec[i] == '.':
        j = i + 1
        i = j
        while i < n and spec[i].isdigit():
            i += 1
        if i == j:
            raise ValueError('invalid format string')
        prec = int(spec[j:i])
    typ = None
    if i < n:
        typ = spec[i]
        i += 1
    if i != n or (typ is not None and typ not in 'eEfFgGn%'):
        raise ValueError('invalid format string')
    if group == '_' or (typ == 'n' and group):
        raise ValueError('invalid format string')
    if zero:
        if align is not None:
            raise ValueError('invalid format string')
        fill = '0'
        align = '='
    return fill, align, sign, z, zero, width, group, prec, typ


def _format(d, spec, override):
    if type(spec) is not str:
        raise TypeError('format arg must be str')
    fill, align, sgn, z, zero, width, group, prec, typ = _parse_spec(spec)
    ctx = getcontext()
    capitals = ctx.capitals
    if override is not None:
        capitals = override.capitals if isinstance(override, Context) else capitals
    mode = ctx.rounding
    neg = d._sign == 1
    if d._kind and zero:
        fill = ' '
        align = '>'
    if d._kind:
        body = _to_str(_new(0, d._int, d._exp, d._kind), 1, False)
        if typ == '%':
            body += '%'
    else:
        if typ is None and prec is None:
            body = _to_str(_new(0, d._int, d._exp), capitals, False)
        else:
            body = _format_num(_new(0, d._int, d._exp), typ, prec, mode,
                               capitals, d._sign)
            if typ == '%':
                body += '%'
        if z and neg and body.strip('0.%eE+-') == '' and _zeroish(body):
            neg = False
    if group:
        body = _group(body, group, width, zero, sgn, neg)
    signch = '-' if neg else ('+' if sgn == '+' else (' ' if sgn == ' ' else ''))
    if align is None:
        align = '>' if d._kind == _FIN or True else '>'
        if not zero:
            align = '>'
    total = len(signch) + len(body)
    pad = width - total
    if pad <= 0:
        return signch + body
    if align == '<':
        return signch + body + fill * pad
    if align == '>':
        return fill * pad + signch + body
    if align == '^':
        left = pad // 2
        return fill * left + signch + body + fill * (pad - left)
    return signch + fill * pad + body


def _zeroish(body):
    for ch in body:
        if ch in '123456789':
            return False
        if ch in 'eE':
            break
    return True


def _format_num(d, typ, prec, mode, capitals, sign):
    # d >= 0 finite, type e E f F g G n % or None with a precision
    if typ == '%':
        d = _new(0, d._int, d._exp + 2)
        typ = 'f'
    c, e = d._int, d._exp
    n = _ndigits(c)
    if typ in ('f', 'F'):
        if prec is not None:
            r = _rescale(_new(sign, d._int, d._exp), -prec, mode)[0]
            c, e = r._int, r._exp
        return _fixed(c, e)
    if typ in ('e', 'E'):
        ech = 'e' if typ == 'e' else 'E'
        if prec is not None:
            if c == 0:
                return _sci_digits('0' * (prec + 1), e, ech)
            c, e = _round_sig(c, e, prec + 1, mode, sign)
        return _sci(c, e, ech)
    # g, G, n, None
    if prec is not None:
        p = prec if prec else 1
        if c and _ndigits(c) > p:
            c, e = _round_sig(c, e, p, mode, sign)
        elif c == 0 and False:
            pass
    n = _ndigits(c)
    adj = e + n - 1
    if typ is None:
        # like str() with the rounded value
        ech = 'E' if capitals else 'e'
        return _to_str(_new(0, c, e), capitals, False)
    ech = 'e' if typ in ('g', 'n') else 'E'
    if e <= 0 and adj >= -6:
        return _fixed(c, e)
    return _sci(c, e, ech)


def _round_sig(c, e, p, mode, sign):
    n = _ndigits(c)
    if c == 0:
        return 0, e + n - p if False else e
    if n > p:
        c2, _ = _div_round(c, n - p, mode, sign)
        e += n - p
        if _ndigits(c2) > p:
            c2 //= 10
            e += 1
        return c2, e
    return c * 10 ** (p - n), e - (p - n)


def _fixed(c, e):
    s = _istr(c)
    if e >= 0:
        return s + '0' * e if c else '0'
    n = len(s)
    if n > -e:
        return s[:n + e] + '.' + s[n + e:]
    return '0.' + '0' * (-e - n) + s


def _sci(c, e, ech):
    return _sci_digits(_istr(c), e, ech)


def _sci_digits(s, e, ech):
    n = len(s)
    adj = e + n - 1
    body = s[0] + ('.' + s[1:] if n > 1 else '')
    return body + ech + ('+' if adj >= 0 else '-') + str(abs(adj))


def _group(body, sep, width, zero, sgn, neg):
    # insert separators in the integer part (zero padding included)
    i = 0
    while i < len(body) and body[i].isdigit():
        i += 1
    ip, rest = body[:i], body[i:]
    if not ip:
        return body
    if zero:
        signw = 1 if (neg or sgn in '+ ') else 0
        minlen = width - signw - len(rest)
        # pad with zeros until the grouped integer part fills minlen
        while True:
            g = _group_digits(ip, sep)
            if len(g) >= minlen:
                break
            ip = '0' + ip
        if len(g) > minlen and g[0] == sep:
            g = g[1:]
        return g + rest
    return _group_digits(ip, sep) + rest


def _group_digits(ip, sep):
    parts = []
    while len(ip) > 3:
        parts.append(ip[-3:])
        ip = ip[:-3]
    parts.append(ip)
    return sep.join(reversed(parts))


# ---- contexts -------------------------------------------------------------

_STATE = {}

DefaultContext = Context(prec=28, rounding=ROUND_HALF_EVEN,
                         traps=[DivisionByZero, Overflow, InvalidOperation],
                         flags=[], Emax=999999, Emin=-999999, capitals=1,
                         clamp=0)
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP,
                       traps=[DivisionByZero, Overflow, InvalidOperation,
                              Clamped, Underflow], flags=[])
ExtendedContext = Context(prec=9, rounding=ROUND_HALF_EVEN, traps=[],
                          flags=[])
_STATE['_tmpl'] = True


def getcontext():
    c = _STATE.get('cur')
    if c is None:
        c = DefaultContext.copy()
        c.clear_flags()
        _STATE['cur'] = c
    return c


def setcontext(context):
    if type(context) is not Context and not isinstance(context, Context):
        raise TypeError('argument must be a context')
    if context is DefaultContext or context is BasicContext or \
            context is ExtendedContext:
        context = context.copy()
        context.clear_flags()
    _STATE['cur'] = context


_LC_KEYS = ('prec', 'rounding', 'Emin', 'Emax', 'capitals', 'clamp', 'flags',
            'traps')


class _ContextManager:
    def __init__(self, new_context):
        self.new_context = new_context.copy()

    def __enter__(self):
        self.saved_context = getcontext()
        setcontext(self.new_context)
        return self.new_context

    def __exit__(self, t, v, tb):
        setcontext(self.saved_context)


def localcontext(ctx=None, **kwargs):
    if ctx is None:
        ctx = getcontext()
    elif type(ctx) is not Context and not isinstance(ctx, Context):
        raise TypeError('optional argument must be a context')
    m = _ContextManager(ctx)
    c = m.new_context
    for key, v in kwargs.items():
        if key not in _LC_KEYS:
            raise TypeError("'%s' is an invalid keyword argument for this "
                            "function" % key)
        if key == 'flags' or key == 'traps':
            setattr(c, key, _signal_dict(v, key))
        else:
            setattr(c, key, v)
    return m
