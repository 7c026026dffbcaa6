"""Enumerations (CPython 3.11's enum, for pyexpr).

pyexpr has no metaclasses: an enum class is an ordinary class whose
members are made by Enum.__init_subclass__ once the class body has run,
and iter(C), len(C), x in C and repr(C) reach the class-level methods
__pe_meta_iter__/__pe_meta_len__/__pe_meta_contains__/__pe_meta_repr__
(the engine's stand-in for EnumType, see pe_class_meta_hook in class.c).
"""

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag',
           'IntFlag', 'ReprEnum', 'auto', 'unique', 'global_enum_repr',
           'STRICT', 'CONFORM', 'EJECT', 'KEEP', 'verify', 'member',
           'nonmember', 'property']

from types import FunctionType as _FunctionType, MappingProxyType
_builtin_property = property
EnumType = EnumMeta = _builtin_type = type


def _deferred(fn, swap):
    def op(self, other):
        return _AutoOp(fn, other, self) if swap else _AutoOp(fn, self, other)
    return op


class auto:
    _counter = 0

    def __init__(self, value=None):
        self.value = value
        auto._counter += 1
        self._order = auto._counter

    def __repr__(self):
        return f'auto({self.value!r})'

    # RED | GREEN in a class body: CPython has resolved the autos already;
    # here the expression waits until the members are made
    __or__ = _deferred(lambda a, b: a | b, False)
    __and__ = _deferred(lambda a, b: a & b, False)
    __xor__ = _deferred(lambda a, b: a ^ b, False)
    __ror__ = _deferred(lambda a, b: a | b, True)
    __rand__ = _deferred(lambda a, b: a & b, True)
    __rxor__ = _deferred(lambda a, b: a ^ b, True)


class _AutoOp(auto):
    def __init__(self, fn, a, b):
        self.fn = fn
        self.a = a
        self.b = b
        self.value = None

    def resolve(self):
        a = self.a.resolve() if isinstance(self.a, _AutoOp) else self.a
        b = self.b.resolve() if isinstance(self.b, _AutoOp) else self.b
        if isinstance(a, auto):
            a = a.value
        if isinstance(b, auto):
            b = b.value
        return self.fn(a, b)


_auto_null = None


class member:
    def __init__(self, value):
        self.value = value


class nonmember:
    def __init__(self, value):
        self.value = value


STRICT = 'strict'
CONFORM = 'conform'
EJECT = 'eject'
KEEP = 'keep'


def _is_dunder(name):
    return (len(name) > 4 and name[:2] == name[-2:] == '__' and
            name[2] != '_' and name[-3] != '_')


def _is_sunder(name):
    return (len(name) > 2 and name[0] == name[-1] == '_' and
            name[1] != '_' and name[-2] != '_')


def _is_private(cls_name, name):
    pattern = '_%s__' % (cls_name.lstrip('_'),)
    return (len(name) > len(pattern) and name.startswith(pattern) and
            not name.endswith('__'))


def _is_descriptor(obj):
    return (isinstance(obj, (_FunctionType, classmethod, staticmethod,
                             _builtin_property)) or
            hasattr(obj, '__get__') or hasattr(obj, '__set__') or
            hasattr(obj, '__delete__'))


def _enum_bases(cls):
    # the Enum classes of cls's MRO (cls excluded), nearest first
    return [b for b in cls.__mro__[1:] if isinstance(b, type) and
            issubclass(b, Enum) and b is not Enum]


def _data_type(cls):
    # the first non-Enum base that holds the value (int for IntEnum...)
    for b in cls.__mro__[1:]:
        if b is object or b is Enum or issubclass(b, Enum):
            continue
        if b in (int, str, float, bytes, tuple):
            return b
        if '__new__' in b.__dict__:
            return b
    return object


property = _builtin_property  # enum.property (CPython: a DynamicClassAttribute)


class Enum:
    """Create a collection of name/value pairs."""

    _member_names_ = []
    _member_map_ = {}
    _value2member_map_ = {}
    _pe_data_type_ = object

    def __init_subclass__(cls, boundary=None, **kwds):
        members = []
        ignore = cls.__dict__.get('_ignore_', [])
        if isinstance(ignore, str):
            ignore = ignore.replace(',', ' ').split()
        for name in list(cls.__dict__):
            value = cls.__dict__[name]
            if name in ignore or name == '_ignore_':
                if name != '_ignore_':
                    delattr(cls, name)
                continue
            if _is_dunder(name) or _is_sunder(name) or _is_private(cls.__name__, name):
                continue
            if isinstance(value, nonmember):
                setattr(cls, name, value.value)
                continue
            if isinstance(value, member):
                value = value.value
            elif _is_descriptor(value):
                continue
            members.append((name, value))
        for base in _enum_bases(cls):
            if base._member_names_ and members:
                raise TypeError(f'{cls!r} cannot extend {base!r}')
        if '_ignore_' in cls.__dict__:
            delattr(cls, '_ignore_')
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        cls._pe_data_type_ = _data_type(cls)
        if boundary is not None:
            cls._boundary_ = boundary
        user_new = cls.__dict__.get('__new__')
        if user_new is not None:
            if isinstance(user_new, staticmethod):
                user_new = user_new.__func__
            cls._pe_user_new_ = user_new
        cls.__new__ = Enum.__new__
        user_init = cls.__dict__.get('__init__')
        if user_init is not None:
            # Color(value) finds a member: the class call must not run the
            # members' __init__ again (CPython's EnumType.__call__ does not)
            cls._pe_member_init_ = user_init
            del cls.__init__
        last_values = []
        for name, value in members:
            if isinstance(value, _AutoOp):
                value = value.resolve()
            elif isinstance(value, auto):
                if value.value is None:
                    value.value = cls._generate_next_value_(
                        name, 1, len(cls._member_names_), last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                value = tuple([cls._generate_next_value_(
                    name, 1, len(cls._member_names_), last_values[:])
                    if isinstance(v, auto) else v for v in value])
            cls._pe_add_member_(name, value)
            last_values.append(value)
        cls._pe_finish_()
        cls.__members__ = MappingProxyType(cls._member_map_)

    @classmethod
    def _pe_add_member_(cls, name, value):
        args = value if isinstance(value, tuple) else (value,)
        data = cls._pe_data_type_
        custom_new = getattr(cls, '_pe_user_new_', None)
        if custom_new is not None:
            enum_member = custom_new(cls, *args)
        elif data is object:
            enum_member = object.__new__(cls)
        elif data is tuple:
            enum_member = tuple.__new__(cls, args)
        else:
            enum_member = data.__new__(cls, *args)
        if not hasattr(enum_member, '_value_'):
            if data is object:
                enum_member._value_ = value
            else:
                enum_member._value_ = data(*args)
        value = enum_member._value_
        enum_member._name_ = name
        enum_member.__objclass__ = cls
        init = getattr(cls, '_pe_member_init_', None)
        if init is not None:
            init(enum_member, *args)
        enum_member._sort_order_ = len(cls._member_names_)
        canonical = None
        for existing in cls._member_map_.values():
            if existing._value_ == value:
                canonical = existing
                break
        if canonical is not None:
            enum_member = canonical
        else:
            cls._pe_register_(name, enum_member)
        cls._member_map_[name] = enum_member
        try:
            if value not in cls._value2member_map_:
                cls._value2member_map_[value] = enum_member
        except TypeError:
            pass
        setattr(cls, name, enum_member)

    @classmethod
    def _pe_register_(cls, name, enum_member):
        cls._member_names_.append(name)

    @classmethod
    def _pe_finish_(cls):
        pass

    def __new__(cls, value, names=None, *, module=None, qualname=None,
                type=None, start=1, boundary=None):
        if names is not None:
            return cls._pe_create_(value, names, type, start, boundary)
        if _builtin_type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for m in cls._member_map_.values():
            if m._value_ == value:
                return m
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError(f'{value!r} is not a valid {cls.__qualname__}')
        raise TypeError(f'error in {cls.__name__}._missing_: returned '
                        f'{result!r} instead of None or a valid member')

    @classmethod
    def _pe_create_(cls, class_name, names, data_type, start, boundary):
        # the functional API: Enum('Color', 'RED GREEN'), Enum('D', [('A', 1)])
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, dict):
            items = list(names.items())
        else:
            items = []
            last = []
            for i, item in enumerate(names):
                if isinstance(item, str):
                    value = cls._generate_next_value_(item, start, i, last[:])
                    items.append((item, value))
                    last.append(value)
                else:
                    items.append((item[0], item[1]))
        ns = {'__module__': '__main__'}
        for name, value in items:
            ns[name] = value
        bases = (cls,) if data_type is None else (data_type, cls)
        return _builtin_type(class_name, bases, ns)

    @classmethod
    def _missing_(cls, value):
        return None

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @classmethod
    def __class_getitem__(cls, name):
        return cls._member_map_[name]

    @classmethod
    def __pe_meta_iter__(cls):
        return [cls._member_map_[n] for n in cls._member_names_]

    @classmethod
    def __pe_meta_len__(cls):
        return len(cls._member_names_)

    @classmethod
    def __pe_meta_contains__(cls, value):
        if not isinstance(value, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'" % (
                type(value).__qualname__, 'EnumType'))
        return isinstance(value, cls) and value._name_ in cls._member_map_

    @classmethod
    def __pe_meta_repr__(cls):
        if issubclass(cls, Flag):
            return f'<flag {cls.__name__!r}>'
        return f'<enum {cls.__name__!r}>'

    def __repr__(self):
        data = type(self)._pe_data_type_
        v_repr = repr if data is object else data.__repr__
        return '<%s.%s: %s>' % (self.__class__.__name__, self._name_,
                                v_repr(self._value_))

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__',
                'name', 'value']

    def __hash__(self):
        if type(self)._pe_data_type_ is not object:
            return hash(self._value_)  # the mixed-in type's hash, first in CPython's MRO
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""

    def __str__(self):
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __eq__(self, other):
        return type(self)._pe_data_type_.__eq__(self, other)

    def __ne__(self, other):
        return type(self)._pe_data_type_.__ne__(self, other)

    def __hash__(self):
        return hash(self._value_)


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints."""


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


def _power_of_two(n):
    return n > 0 and n & (n - 1) == 0


def _bits(n):
    # the single-bit values of n, lowest first
    out = []
    bit = 1
    while bit <= n:
        if n & bit:
            out.append(bit)
        bit <<= 1
    return out


class Flag(Enum):
    """Support for flags."""

    _boundary_ = STRICT
    _flag_mask_ = 0
    _all_bits_ = 0

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = last_value.bit_length() - 1
        except Exception:
            raise TypeError('invalid flag value %r' % last_value) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _pe_register_(cls, name, enum_member):
        # single-bit members are iterated; zero and multi-bit ones are aliases
        value = enum_member._value_
        if _power_of_two(value):
            cls._member_names_.append(name)
        cls._flag_mask_ |= value

    @classmethod
    def _pe_finish_(cls):
        mask = cls._flag_mask_
        cls._all_bits_ = 2 ** mask.bit_length() - 1 if mask else 0

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f'{value!r} is not a valid {cls.__qualname__}')
        flag_mask = cls._flag_mask_
        boundary = cls._boundary_
        neg = value < 0
        if neg:
            value = cls._all_bits_ + 1 + value
        if value < 0 or value & ~cls._all_bits_ or value & ~flag_mask:
            if boundary == STRICT:
                w = max(cls._all_bits_.bit_length(), value.bit_length())
                raise ValueError('%r invalid value %r\n    given %s\n  allowed %s' % (
                    cls, value if not neg else value - cls._all_bits_ - 1,
                    _bin(value, w), _bin(flag_mask, w)))
            if boundary == CONFORM:
                value = value & flag_mask
            elif boundary == EJECT:
                return value
        data = cls._pe_data_type_
        if data is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = data.__new__(cls, value)
        pseudo._value_ = value
        known = [cls._member_map_[n] for n in cls._member_names_
                 if cls._member_map_[n]._value_ & value == cls._member_map_[n]._value_
                 and cls._member_map_[n]._value_]
        rest = value
        for m in known:
            rest &= ~m._value_
        if value == 0:
            pseudo._name_ = None
        else:
            names = [m._name_ for m in known]
            if rest:
                names.append(hex(rest) if False else str(rest))
                pseudo._name_ = '|'.join(names) if known else None
            else:
                pseudo._name_ = '|'.join(names)
        if pseudo._name_ is not None or value == 0:
            cls._value2member_map_[value] = pseudo
        return pseudo

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r" % (
                type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter([m for m in type(self).__pe_meta_iter__()
                     if m._value_ & self._value_ == m._value_])

    def __len__(self):
        return len(_bits(self._value_)) if self._value_ >= 0 else 0

    def __repr__(self):
        cls_name = self.__class__.__name__
        data = type(self)._pe_data_type_
        v_repr = repr if data is object else data.__repr__
        if self._name_ is None:
            return '<%s: %s>' % (cls_name, v_repr(self._value_))
        return '<%s.%s: %s>' % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return '%s.%s' % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def _pe_operand_(self, other):
        # the int value of a Flag operand, None when the operation declines
        if isinstance(other, self.__class__):
            return other._value_
        if self._pe_data_type_ is not object and isinstance(other, int):
            return other
        return None

    def __or__(self, other):
        other = self._pe_operand_(other)
        return NotImplemented if other is None else self.__class__(self._value_ | other)

    def __and__(self, other):
        other = self._pe_operand_(other)
        return NotImplemented if other is None else self.__class__(self._value_ & other)

    def __xor__(self, other):
        other = self._pe_operand_(other)
        return NotImplemented if other is None else self.__class__(self._value_ ^ other)

    def __invert__(self):
        cls = self.__class__
        if cls._boundary_ in (EJECT, KEEP):
            return cls(~self._value_)
        return cls(cls._flag_mask_ ^ self._value_)

    __rand__ = __and__
    __ror__ = __or__
    __rxor__ = __xor__


def _bin(num, max_bits=None):
    ceiling = 2 ** (num).bit_length()
    if num >= 0:
        s = bin(num + ceiling).replace('1', '0', 1)
    else:
        s = bin(~num ^ (ceiling - 1) + ceiling)
    sign = s[:3]
    digits = s[3:]
    if max_bits is not None:
        if len(digits) < max_bits:
            digits = (sign[-1] * max_bits + digits)[-max_bits:]
    return '%s %s' % (sign, digits)


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Support for integer-based Flags."""


def unique(enumeration):
    duplicates = []
    for name in enumeration.__members__:
        m = enumeration.__members__[name]
        if name != m._name_:
            duplicates.append((name, m._name_))
    if duplicates:
        alias_details = ', '.join(
            ['%s -> %s' % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' %
                         (enumeration, alias_details))
    return enumeration


def verify(*checks):
    def decorator(enumeration):
        return enumeration
    return decorator


def global_enum_repr(self):
    return '%s.%s' % (self.__class__.__module__, self._name_)
