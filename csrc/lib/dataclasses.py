"""Data classes (CPython 3.11's dataclasses, for pyexpr).

The generated methods are ordinary closures over the field list (pyexpr
has no exec): __init__ binds its arguments itself and raises CPython's
exact TypeErrors, naming the class's __init__ by its qualified name.
"""

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar',
           'KW_ONLY', 'MISSING', 'fields', 'asdict', 'astuple',
           'make_dataclass', 'replace', 'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


def _set_slots(obj, values):
    for name, value in zip(type(obj).__slots__, values):
        setattr(obj, name, value)


def _slots_repr(obj):
    # Field(name='x',type=...) as CPython writes it: no spaces
    return type(obj).__name__ + '(' + ','.join(
        [f'{n}={getattr(obj, n)!r}' for n in type(obj).__slots__]) + ')'


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()


class _HAS_DEFAULT_FACTORY_CLASS:
    def __repr__(self):
        return '<factory>'


_HAS_DEFAULT_FACTORY = _HAS_DEFAULT_FACTORY_CLASS()


class _FIELD_BASE:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FIELD_BASE('_FIELD')
_FIELD_CLASSVAR = _FIELD_BASE('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FIELD_BASE('_FIELD_INITVAR')

_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'
_POST_INIT_NAME = '__post_init__'


class InitVar:
    __slots__ = ('type',)

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        if isinstance(self.type, type):
            type_name = self.type.__name__
        else:
            type_name = repr(self.type)
        return f'dataclasses.InitVar[{type_name}]'

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'init', 'repr',
                 'hash', 'compare', 'metadata', 'kw_only', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare,
                 metadata, kw_only):
        _set_slots(self, (None, None, default, default_factory, init, repr, hash,
                          compare, (_EMPTY_METADATA if not metadata else
                                    mappingproxy(metadata)), kw_only, None))

    def __repr__(self):
        return _slots_repr(self)


from types import MappingProxyType as mappingproxy

_EMPTY_METADATA = mappingproxy({})


class _DataclassParams:
    __slots__ = ('init', 'repr', 'eq', 'order', 'unsafe_hash', 'frozen')

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        _set_slots(self, (init, repr, eq, order, unsafe_hash, frozen))

    def __repr__(self):
        return _slots_repr(self)


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare,
                 metadata, kw_only)


def _unhashable_type(t):
    return t in (list, dict, set, bytearray) or getattr(t, '__hash__', 0) is None


def _is_classvar(a):
    if isinstance(a, str):
        return a.startswith('ClassVar') or a.startswith('typing.ClassVar')
    return getattr(a, '_pe_special', None) == 'ClassVar'


def _is_initvar(a):
    if isinstance(a, str):
        return a.startswith('InitVar') or a.startswith('dataclasses.InitVar')
    return a is InitVar or type(a) is InitVar


def _get_field(cls, a_name, a_type, default_kw_only):
    default = getattr(cls, a_name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = a_name
    f.type = a_type
    f._field_type = _FIELD
    if _is_classvar(a_type):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(a_type):
        f._field_type = _FIELD_INITVAR
    if f._field_type is not _FIELD:
        if f.default_factory is not MISSING:
            raise TypeError(f'field {f.name} cannot have a default factory')
    if f._field_type is _FIELD or f._field_type is _FIELD_INITVAR:
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        if f.kw_only is not MISSING:
            raise TypeError(f'field {f.name} is a ClassVar but specifies kw_only')
    if f._field_type is _FIELD and _unhashable_type(f.default.__class__):
        raise ValueError(f'mutable default {type(f.default)} for field '
                         f'{f.name} is not allowed: use default_factory')
    return f


def _plural(n):
    return '' if n == 1 else 's'


def _name_list(names):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f'{quoted[0]} and {quoted[1]}'
    return ', '.join(quoted[:-1]) + ', and ' + quoted[-1]


def _bind(fname, pos, kwonly, ndefaults, args, kwargs):
    """Binds a call of fname ('Point.__init__()', whose first parameter is
    self) as CPython's frame set-up does: returns a dict of the given
    parameters; raises CPython's TypeErrors in its order."""
    npos = len(pos)
    if not kwargs and npos - ndefaults <= len(args) <= npos:
        return dict(zip(pos, args))  # the common call: positional, complete
    bound = {}
    for i in range(min(len(args), npos)):
        bound[pos[i]] = args[i]
    for k in kwargs:
        if k not in pos and k not in kwonly:
            raise TypeError(f'{fname} got an unexpected keyword argument {k!r}')
        if k in bound:
            raise TypeError(f'{fname} got multiple values for argument {k!r}')
        bound[k] = kwargs[k]
    if len(args) > npos:
        given = len(args) + 1
        kw_given = 0
        for k in kwonly:
            if k in bound:
                kw_given += 1
        if ndefaults:
            sig = f'from {npos + 1 - ndefaults} to {npos + 1}'
            plural = 's'
        else:
            sig = str(npos + 1)
            plural = _plural(npos + 1)
        if kw_given:
            extra = (f' positional argument{_plural(given)} (and {kw_given} '
                     f'keyword-only argument{_plural(kw_given)})')
        else:
            extra = ''
        was = 'was' if given == 1 and not kw_given else 'were'
        raise TypeError(f'{fname} takes {sig} positional argument{plural} '
                        f'but {given}{extra} {was} given')
    missing = [n for n in pos[:npos - ndefaults] if n not in bound]
    if missing:
        raise TypeError(f'{fname} missing {len(missing)} required positional '
                        f'argument{_plural(len(missing))}: {_name_list(missing)}')
    return bound


def _field_init_value(f, bound):
    if f.name in bound:
        return bound[f.name]
    if f.default_factory is not MISSING:
        return f.default_factory()
    return f.default


def _make_init(cls, fields, std_fields, kw_only_fields, frozen, has_post_init):
    pos = [f.name for f in std_fields]
    kwonly = [f.name for f in kw_only_fields]
    ndefaults = 0
    for f in std_fields:
        if f.default is MISSING and f.default_factory is MISSING:
            if ndefaults:
                raise TypeError(f'non-default argument {f.name!r} '
                                'follows default argument')
        else:
            ndefaults += 1
    required_kw = [f.name for f in kw_only_fields
                   if f.default is MISSING and f.default_factory is MISSING]
    qualname = cls.__qualname__
    setter = object.__setattr__
    initvars = [f.name for f in fields if f._field_type is _FIELD_INITVAR]

    # (name, init, default, factory) of the fields __init__ sets
    plan = [(f.name, f.init, f.default, f.default_factory) for f in fields
            if f._field_type is _FIELD and
            (f.init or f.default is not MISSING or f.default_factory is not MISSING)]
    store = setter if frozen else setattr

    def __init__(self, *args, **kwargs):
        bound = _bind(qualname + '.__init__()', pos, kwonly, ndefaults, args, kwargs)
        if required_kw:
            missing = [n for n in required_kw if n not in bound]
            if missing:
                raise TypeError(f'{qualname}.__init__() missing {len(missing)} required '
                                f'keyword-only argument{_plural(len(missing))}: '
                                f'{_name_list(missing)}')
        for name, init, default, factory in plan:
            if init and name in bound:
                store(self, name, bound[name])
            elif factory is not MISSING:
                store(self, name, factory())
            else:
                store(self, name, default)
        if has_post_init:
            self.__post_init__(*[_field_init_value(f, bound) for f in fields
                                 if f._field_type is _FIELD_INITVAR])

    __init__.__qualname__ = qualname + '.__init__'
    return __init__


_repr_running = set()


def _make_repr(cls, flds):
    names = [f.name for f in flds if f.repr]

    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return '...'
        _repr_running.add(key)
        try:
            parts = [f'{n}={getattr(self, n)!r}' for n in names]
            return self.__class__.__qualname__ + '(' + ', '.join(parts) + ')'
        finally:
            _repr_running.discard(key)

    __repr__.__qualname__ = cls.__qualname__ + '.__repr__'
    return __repr__


def _key(names):
    # obj -> the tuple of its fields named in names (what CPython's
    # generated methods compare and hash)
    if len(names) == 1:
        a = names[0]
        return lambda o: (getattr(o, a),)
    if len(names) == 2:
        a, b = names
        return lambda o: (getattr(o, a), getattr(o, b))
    if len(names) == 3:
        a, b, c = names
        return lambda o: (getattr(o, a), getattr(o, b), getattr(o, c))
    return lambda o: tuple([getattr(o, n) for n in names])


def _make_cmp(cls, name, names):
    key = _key(names)
    if name == '__eq__':
        def fn(self, other):
            if other.__class__ is self.__class__:
                return key(self) == key(other)
            return NotImplemented
    elif name == '__lt__':
        def fn(self, other):
            if other.__class__ is self.__class__:
                return key(self) < key(other)
            return NotImplemented
    elif name == '__le__':
        def fn(self, other):
            if other.__class__ is self.__class__:
                return key(self) <= key(other)
            return NotImplemented
    elif name == '__gt__':
        def fn(self, other):
            if other.__class__ is self.__class__:
                return key(self) > key(other)
            return NotImplemented
    else:
        def fn(self, other):
            if other.__class__ is self.__class__:
                return key(self) >= key(other)
            return NotImplemented
    fn.__name__ = name
    fn.__qualname__ = cls.__qualname__ + '.' + name
    return fn


def _make_hash(cls, names):
    key = _key(names)

    def __hash__(self):
        return hash(key(self))
    __hash__.__qualname__ = cls.__qualname__ + '.__hash__'
    return __hash__


def _make_frozen(cls, names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f'cannot assign to field {name!r}')
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f'cannot delete field {name!r}')
        super(cls, self).__delattr__(name)

    __setattr__.__qualname__ = cls.__qualname__ + '.__setattr__'
    __delattr__.__qualname__ = cls.__qualname__ + '.__delattr__'
    return __setattr__, __delattr__


def _set_new_attribute(cls, name, value):
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                   match_args, kw_only, slots):
    fields = {}
    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order,
                                           unsafe_hash, frozen))
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = getattr(b, _FIELDS, None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(b, _PARAMS).frozen:
                any_frozen_base = True

    cls_annotations = cls.__dict__.get('__annotations__', {})
    cls_fields = []
    KW_ONLY_seen = False
    for name in cls_annotations:
        type_ = cls_annotations[name]
        if type_ is KW_ONLY or (isinstance(type_, str) and
                                type_ in ('KW_ONLY', 'dataclasses.KW_ONLY')):
            if KW_ONLY_seen:
                raise TypeError(f'{name!r} is KW_ONLY, but KW_ONLY '
                                'has already been specified')
            KW_ONLY_seen = True
            kw_only = True
        else:
            cls_fields.append(_get_field(cls, name, type_, kw_only))

    for f in cls_fields:
        fields[f.name] = f
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)

    for name in cls.__dict__:
        value = cls.__dict__[name]
        if isinstance(value, Field) and name not in cls_annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a '
                            'frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a '
                            'non-frozen one')

    setattr(cls, _FIELDS, fields)

    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or
                             (class_hash is None and '__eq__' in cls.__dict__))

    if order and not eq:
        raise ValueError('eq must be true if order is true')

    all_init_fields = [f for f in fields.values()
                       if f._field_type is _FIELD or f._field_type is _FIELD_INITVAR]
    if init:
        has_post_init = hasattr(cls, _POST_INIT_NAME)
        std = [f for f in all_init_fields if f.init and not f.kw_only]
        kwo = [f for f in all_init_fields if f.init and f.kw_only]
        _set_new_attribute(cls, '__init__',
                           _make_init(cls, all_init_fields, std, kwo, frozen,
                                      has_post_init))

    field_list = [f for f in fields.values() if f._field_type is _FIELD]

    if repr:
        _set_new_attribute(cls, '__repr__', _make_repr(cls, field_list))

    cmp_names = [f.name for f in field_list if f.compare]
    if eq:
        _set_new_attribute(cls, '__eq__', _make_cmp(cls, '__eq__', cmp_names))

    if order:
        for name in ('__lt__', '__le__', '__gt__', '__ge__'):
            if _set_new_attribute(cls, name, _make_cmp(cls, name, cmp_names)):
                raise TypeError(f'Cannot overwrite attribute {name} '
                                f'in class {cls.__name__}. Consider using '
                                'functools.total_ordering')

    if frozen:
        names = tuple([f.name for f in field_list])
        sa, da = _make_frozen(cls, names)
        for name, fn in (('__setattr__', sa), ('__delattr__', da)):
            if _set_new_attribute(cls, name, fn):
                raise TypeError(f'Cannot overwrite attribute {name} '
                                f'in class {cls.__name__}')

    hash_names = [f.name for f in field_list
                  if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError(f'Cannot overwrite attribute __hash__ '
                            f'in class {cls.__name__}')
        cls.__hash__ = _make_hash(cls, hash_names)
    elif eq and frozen:
        if not has_explicit_hash:
            cls.__hash__ = _make_hash(cls, hash_names)
    elif eq:
        if not has_explicit_hash:
            cls.__hash__ = None

    if not getattr(cls, '__doc__'):
        cls.__doc__ = cls.__name__ + _signature(all_init_fields) if init else ''

    if match_args:
        _set_new_attribute(cls, '__match_args__',
                           tuple([f.name for f in std_fields_of(all_init_fields)]))

    if slots:
        raise NotImplementedError('dataclass(slots=True) is not supported '
                                  'by pyexpr')
    return cls


def _format_annotation(a):
    if getattr(a, '__module__', None) == 'typing':
        return repr(a).replace('typing.', '')
    if isinstance(a, type):
        if a.__module__ == 'builtins':
            return a.__qualname__
        return a.__module__ + '.' + a.__qualname__
    return repr(a)


def _signature(init_fields):
    # the text of inspect.signature(cls) for the generated __init__
    parts = []
    star = False
    for f in init_fields:
        if not f.init:
            continue
        if f.kw_only and not star:
            parts.append('*')
            star = True
        text = f'{f.name}: {_format_annotation(f.type)}'
        if f.default_factory is not MISSING:
            text += ' = <factory>'
        elif f.default is not MISSING:
            text += f' = {f.default!r}'
        parts.append(text)
    return '(' + ', '.join(parts) + ')'


def std_fields_of(init_fields):
    return [f for f in init_fields if f.init and not f.kw_only]


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True,
              kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash,
                              frozen, match_args, kw_only, slots)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    try:
        fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple([f for f in fields.values() if f._field_type is _FIELD])


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def _copy(obj):
    try:
        import copy
    except ImportError:
        return obj
    return copy.deepcopy(obj)


def _convert(obj, factory, named):
    # asdict (named: (name, value) pairs) / astuple, recursing into
    # dataclasses, namedtuples, lists, tuples and dicts; deep copies the rest
    if _is_dataclass_instance(obj):
        result = []
        for f in fields(obj):
            value = _convert(getattr(obj, f.name), factory, named)
            result.append((f.name, value) if named else value)
        return factory(result)
    elif isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_convert(v, factory, named) for v in obj])
    elif isinstance(obj, (list, tuple)):
        return type(obj)(_convert(v, factory, named) for v in obj)
    elif isinstance(obj, dict):
        return type(obj)((_convert(k, factory, named), _convert(v, factory, named))
                         for k, v in obj.items())
    else:
        return _copy(obj)


def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _convert(obj, dict_factory, True)


def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _convert(obj, tuple_factory, False)


def replace(obj, /, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with '
                                 'init=False, it cannot be specified with '
                                 'replace()')
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f'InitVar {f.name!r} '
                                 'must be specified with replace()')
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True,
                   repr=True, eq=True, order=False, unsafe_hash=False,
                   frozen=False, match_args=True, kw_only=False, slots=False,
                   weakref_slot=False):
    raise NotImplementedError('dataclasses.make_dataclass() is not supported by pyexpr')
