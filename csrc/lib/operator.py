"""Standard operators as functions (CPython 3.11's operator module)."""

__all__ = ['abs', 'add', 'and_', 'attrgetter', 'call', 'concat', 'contains',
           'countOf', 'delitem', 'eq', 'floordiv', 'ge', 'getitem', 'gt',
           'iadd', 'iand', 'iconcat', 'ifloordiv', 'ilshift', 'imatmul',
           'imod', 'imul', 'index', 'indexOf', 'inv', 'invert', 'ior', 'ipow',
           'irshift', 'is_', 'is_not', 'isub', 'itemgetter', 'itruediv',
           'ixor', 'le', 'length_hint', 'lshift', 'lt', 'matmul',
           'methodcaller', 'mod', 'mul', 'ne', 'neg', 'not_', 'or_', 'pos',
           'pow', 'rshift', 'setitem', 'sub', 'truediv', 'truth', 'xor']

_abs = abs


def lt(a, b, /):
    return a < b


def le(a, b, /):
    return a <= b


def eq(a, b, /):
    return a == b


def ne(a, b, /):
    return a != b


def ge(a, b, /):
    return a >= b


def gt(a, b, /):
    return a > b


def not_(a, /):
    return not a


def truth(a, /):
    return True if a else False


def is_(a, b, /):
    return a is b


def is_not(a, b, /):
    return a is not b


def abs(a, /):
    return _abs(a)


def index(a, /):
    if isinstance(a, int):
        return int(a) if type(a) is not int and type(a) is not bool else a
    method = getattr(type(a), '__index__', None)
    if method is None:
        raise TypeError("'" + type(a).__name__
                        + "' object cannot be interpreted as an integer")
    return method(a)


def inv(a, /):
    return ~a


invert = inv


def neg(a, /):
    return -a


def pos(a, /):
    return +a


def add(a, b, /):
    return a + b


def iadd(a, b, /):
    a += b
    return a


def sub(a, b, /):
    return a - b


def isub(a, b, /):
    a -= b
    return a


def mul(a, b, /):
    return a * b


def imul(a, b, /):
    a *= b
    return a


def truediv(a, b, /):
    return a / b


def itruediv(a, b, /):
    a /= b
    return a


def floordiv(a, b, /):
    return a // b


def ifloordiv(a, b, /):
    a //= b
    return a


def mod(a, b, /):
    return a % b


def imod(a, b, /):
    a %= b
    return a


def pow(a, b, /):
    return a ** b


def ipow(a, b, /):
    a **= b
    return a


def lshift(a, b, /):
    return a << b


def ilshift(a, b, /):
    a <<= b
    return a


def rshift(a, b, /):
    return a >> b


def irshift(a, b, /):
    a >>= b
    return a


def and_(a, b, /):
    return a & b


def iand(a, b, /):
    a &= b
    return a


def or_(a, b, /):
    return a | b


def ior(a, b, /):
    a |= b
    return a


def xor(a, b, /):
    return a ^ b


def ixor(a, b, /):
    a ^= b
    return a


def matmul(a, b, /):
    return a @ b


def imatmul(a, b, /):
    a @= b
    return a


def _check_sequence(a):
    if not hasattr(type(a), '__getitem__') or isinstance(a, dict):
        raise TypeError("'" + type(a).__name__ + "' object can't be concatenated")


def concat(a, b, /):
    _check_sequence(a)
    return a + b


def iconcat(a, b, /):
    _check_sequence(a)
    a += b
    return a


def contains(a, b, /):
    return b in a


def countOf(a, b, /):
    n = 0
    for x in a:
        if x is b or x == b:
            n += 1
    return n


def indexOf(a, b, /):
    i = 0
    for x in a:
        if x is b or x == b:
            return i
        i += 1
    raise ValueError('sequence.index(x): x not in sequence')


def getitem(a, b, /):
    return a[b]


def setitem(a, b, c, /):
    a[b] = c


def delitem(a, b, /):
    del a[b]


def length_hint(obj, default=0, /):
    if not isinstance(default, int):
        raise TypeError("'" + type(default).__name__
                        + "' object cannot be interpreted as an integer")
    try:
        return len(obj)
    except TypeError:
        pass
    hint = getattr(type(obj), '__length_hint__', None)
    if hint is None:
        return default
    value = hint(obj)
    if value is NotImplemented:
        return default
    if not isinstance(value, int):
        raise TypeError('__length_hint__ must be an integer, not '
                        + type(value).__name__)
    if value < 0:
        raise ValueError('__length_hint__() should return >= 0')
    return value


def call(obj, /, *args, **kwargs):
    return obj(*args, **kwargs)


def _getter_repr(name, values):
    return 'operator.' + name + '(' + ', '.join([repr(v) for v in values]) + ')'


class attrgetter:
    __slots__ = ('_attrs', '_call', '_name')

    def __new__(cls, *attrs):
        if not attrs:
            raise TypeError('attrgetter expected 1 argument, got 0')
        if cls is attrgetter and len(attrs) == 1 and type(attrs[0]) is str \
                and '.' not in attrs[0]:
            cls = _attrgetter1
        return object.__new__(cls)

    def __init__(self, attr, /, *attrs):
        names = (attr,) + attrs
        for name in names:
            if not isinstance(name, str):
                raise TypeError('attribute name must be a string')
        self._attrs = names
        self._name = attr
        self._call = [tuple(name.split('.')) for name in names]

    def __call__(self, obj, /):
        if len(self._call) == 1:
            return _resolve(obj, self._call[0])
        return tuple([_resolve(obj, parts) for parts in self._call])

    def __repr__(self):
        return _getter_repr('attrgetter', self._attrs)


class _attrgetter1(attrgetter):
    """attrgetter('name'): the one-attribute case, called most (sort keys)."""
    __slots__ = ()

    def __call__(self, obj, /):
        return getattr(obj, self._name)


_attrgetter1.__name__ = 'attrgetter'
_attrgetter1.__qualname__ = 'attrgetter'


def _resolve(obj, parts):
    for name in parts:
        obj = getattr(obj, name)
    return obj


class itemgetter:
    __slots__ = ('_items', '_item')

    def __new__(cls, *items):
        if not items:
            raise TypeError('itemgetter expected 1 argument, got 0')
        if cls is itemgetter and len(items) == 1:
            cls = _itemgetter1
        return object.__new__(cls)

    def __init__(self, item, /, *items):
        self._items = (item,) + items
        self._item = item

    def __call__(self, obj, /):
        return tuple([obj[i] for i in self._items])

    def __repr__(self):
        return _getter_repr('itemgetter', self._items)


class _itemgetter1(itemgetter):
    """itemgetter(i): the one-item case, called most (sort keys)."""
    __slots__ = ()

    def __call__(self, obj, /):
        return obj[self._item]


_itemgetter1.__name__ = 'itemgetter'
_itemgetter1.__qualname__ = 'itemgetter'


class methodcaller:
    __slots__ = ('_name', '_args', '_kwargs')

    def __init__(self, name, /, *args, **kwargs):
        if not isinstance(name, str):
            raise TypeError('method name must be a string')
        self._name = name
        self._args = args
        self._kwargs = kwargs

    def __call__(self, obj, /):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        parts = [repr(self._name)]
        parts.extend([repr(a) for a in self._args])
        parts.extend([k + '=' + repr(v) for k, v in self._kwargs.items()])
        return 'operator.methodcaller(' + ', '.join(parts) + ')'


__lt__ = lt
__le__ = le
__eq__ = eq
__ne__ = ne
__ge__ = ge
__gt__ = gt
__not__ = not_
__abs__ = abs
__index__ = index
__inv__ = inv
__invert__ = invert
__neg__ = neg
__pos__ = pos
__concat__ = concat
__iconcat__ = iconcat
__contains__ = contains
__getitem__ = getitem
__setitem__ = setitem
__delitem__ = delitem
__call__ = call
__add__ = add
__iadd__ = iadd
__sub__ = sub
__isub__ = isub
__mul__ = mul
__imul__ = imul
__truediv__ = truediv
__itruediv__ = itruediv
__floordiv__ = floordiv
__ifloordiv__ = ifloordiv
__mod__ = mod
__imod__ = imod
__pow__ = pow
__ipow__ = ipow
__lshift__ = lshift
__ilshift__ = ilshift
__rshift__ = rshift
__irshift__ = irshift
__and__ = and_
__iand__ = iand
__or__ = or_
__ior__ = ior
__xor__ = xor
__ixor__ = ixor
__matmul__ = matmul
__imatmul__ = imatmul
