"""Type hints (CPython 3.11's typing names, for pyexpr).

Annotations have no run-time effect: every name here can be imported,
subscripted and printed as CPython prints it. Generic[T] and Protocol[T]
used as bases stand for Generic and Protocol themselves (pyexpr has no
__mro_entries__).
"""

__all__ = [
    'AbstractSet', 'Annotated', 'Any', 'AnyStr', 'AsyncIterable', 'AsyncIterator',
    'Awaitable', 'ByteString', 'Callable', 'ChainMap', 'ClassVar', 'Collection',
    'Concatenate', 'Container', 'ContextManager', 'Coroutine', 'Counter',
    'DefaultDict', 'Deque', 'Dict', 'Final', 'ForwardRef', 'FrozenSet',
    'Generator', 'Generic', 'Hashable', 'ItemsView', 'Iterable', 'Iterator',
    'KeysView', 'List', 'Literal', 'LiteralString', 'Mapping', 'MappingView',
    'MutableMapping', 'MutableSequence', 'MutableSet', 'NamedTuple', 'NewType',
    'Never', 'NoReturn', 'Optional', 'OrderedDict', 'ParamSpec', 'Protocol',
    'Reversible', 'Self', 'Sequence', 'Set', 'Sized', 'SupportsAbs',
    'SupportsBytes', 'SupportsComplex', 'SupportsFloat', 'SupportsIndex',
    'SupportsInt', 'SupportsRound', 'Text', 'Tuple', 'Type', 'TypeAlias',
    'TypeGuard', 'TypeVar', 'TypedDict', 'Union', 'ValuesView',
    'TYPE_CHECKING', 'assert_never', 'assert_type', 'cast', 'final',
    'get_args', 'get_origin', 'get_type_hints', 'no_type_check', 'overload',
    'reveal_type', 'runtime_checkable',
]

TYPE_CHECKING = False
_NoneType = type(None)


def _type_repr(obj):
    if obj is ...:
        return '...'
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if type(obj).__name__ == 'function':
        return obj.__name__
    return repr(obj)


def _type_check(arg):
    if arg is None:
        return _NoneType
    return arg


def _as_tuple(params):
    if isinstance(params, tuple):
        return params
    return (params,)


class _Final:
    __slots__ = ()


class _SpecialForm(_Final):
    __slots__ = ('_name', '_pe_special')

    def __init__(self, name):
        self._name = name
        self._pe_special = name

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwds):
        raise TypeError(f'Cannot instantiate {self!r}')

    def __getitem__(self, params):
        name = self._name
        if name == 'Union':
            return _union(_as_tuple(params))
        if name == 'Optional':
            return _union((params, None))
        if name == 'Any':
            raise TypeError("type 'Any' is not subscriptable")
        if name in ('NoReturn', 'Never', 'Self', 'LiteralString', 'TypeAlias'):
            raise TypeError(f'{self} is not subscriptable')
        if name == 'Literal':
            return _GenericAlias(self, _as_tuple(params), name, 'Literal')
        if name == 'Annotated':
            params = _as_tuple(params)
            if len(params) < 2:
                raise TypeError('Annotated[...] should be used with at least '
                                'two arguments (a type and an annotation).')
            return _AnnotatedAlias(params[0], params[1:])
        if name in ('ClassVar', 'Final', 'TypeGuard'):
            return _GenericAlias(self, (_type_check(params),), name, name)
        return _GenericAlias(self, tuple([_type_check(p) for p in _as_tuple(params)]),
                             name)

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._name)


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
ClassVar = _SpecialForm('ClassVar')
Final = _SpecialForm('Final')
Union = _SpecialForm('Union')
Optional = _SpecialForm('Optional')
Literal = _SpecialForm('Literal')
TypeGuard = _SpecialForm('TypeGuard')
Concatenate = _SpecialForm('Concatenate')
Annotated = _SpecialForm('Annotated')


def _union(params):
    if not params:
        raise TypeError('Cannot take a Union of no types.')
    flat = []
    for p in params:
        p = _type_check(p)
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            for q in p.__args__:
                if q not in flat:
                    flat.append(q)
        elif p not in flat:
            flat.append(p)
    if len(flat) == 1:
        return flat[0]
    return _GenericAlias(Union, tuple(flat), 'Union')


class _GenericAlias(_Final):
    __slots__ = ('__origin__', '__args__', '_name', '_pe_special')

    def __init__(self, origin, args, name=None, special=None):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self._pe_special = special

    def __repr__(self):
        args = self.__args__
        if self.__origin__ is Union:
            if len(args) == 2 and _NoneType in args:
                other = args[1] if args[0] is _NoneType else args[0]
                return f'typing.Optional[{_type_repr(other)}]'
        if self._name == 'Callable' and len(args) == 2 and isinstance(args[0], list):
            params = '[' + ', '.join([_type_repr(a) for a in args[0]]) + ']'
            return f'typing.Callable[{params}, {_type_repr(args[1])}]'
        if self._name == 'Callable' and len(args) == 2 and args[0] is ...:
            return f'typing.Callable[..., {_type_repr(args[1])}]'
        if self._name:
            head = 'typing.' + self._name
        else:
            head = _type_repr(self.__origin__)
        if not args:
            return head + '[()]'
        return head + '[' + ', '.join([_type_repr(a) for a in args]) + ']'

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        if self.__origin__ is Union and other.__origin__ is Union:
            return set(self.__args__) == set(other.__args__)
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        if self.__origin__ is Union:
            return hash(frozenset(self.__args__))
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if self._name and self.__origin__ is not Union:
            raise TypeError(f'Type {self._name} cannot be instantiated; '
                            f'use {self.__origin__.__name__}() instead')
        return self.__origin__(*args, **kwargs)

    def __getitem__(self, params):
        raise TypeError(f'{self!r} is not a generic class')


class _AnnotatedAlias(_GenericAlias):
    __slots__ = ('__metadata__',)

    def __init__(self, origin, metadata):
        _GenericAlias.__init__(self, origin, (origin,), None, 'Annotated')
        self.__metadata__ = metadata

    def __repr__(self):
        return 'typing.Annotated[{}, {}]'.format(
            _type_repr(self.__origin__),
            ', '.join([repr(a) for a in self.__metadata__]))


class _SpecialGenericAlias(_Final):
    __slots__ = ('__origin__', '_name', '_nparams')

    def __init__(self, origin, nparams, name):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        params = _as_tuple(params)
        if self._name == 'Callable':
            if len(params) != 2:
                raise TypeError('Callable must be used as Callable[[arg, ...], result].')
            args, result = params
            if isinstance(args, list):
                args = [_type_check(a) for a in args]
            return _GenericAlias(self.__origin__, (args, _type_check(result)), 'Callable')
        if self._name != 'Tuple' and len(params) != self._nparams and self._nparams >= 0:
            n = len(params)
            raise TypeError(f"Too {'many' if n > self._nparams else 'few'} arguments "
                            f"for {self}; actual {n}, expected {self._nparams}")
        if params == ((),):
            params = ()
        return _GenericAlias(self.__origin__,
                             tuple([_type_check(p) for p in params]), self._name)

    def __call__(self, *args, **kwargs):
        raise TypeError(f'Type {self._name} cannot be instantiated; '
                        f'use {self.__origin__.__name__}() instead')

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._name)


class _ABCPlaceholder:
    # stands for a collections.abc class (pyexpr has no ABCs)
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return f"<class 'collections.abc.{self.__name__}'>"


def _alias(origin, nparams, name=None):
    if isinstance(origin, str):
        name = name or origin
        origin = _ABCPlaceholder(origin)
    return _SpecialGenericAlias(origin, nparams, name or origin.__name__.capitalize())


def _aliases(spec):
    # "Name:origin:nparams ..." -> the aliases of collections.abc classes
    out = []
    for item in spec.split():
        name, origin, n = item.split(':')
        out.append(_alias(origin, int(n), name))
    return out


List = _alias(list, 1, 'List')
Dict = _alias(dict, 2, 'Dict')
Set = _alias(set, 1, 'Set')
FrozenSet = _alias(frozenset, 1, 'FrozenSet')
Tuple = _alias(tuple, -1, 'Tuple')
Type = _alias(type, 1, 'Type')
(Callable, Hashable, Awaitable, Coroutine, AsyncIterable, AsyncIterator,
 Iterable, Iterator, Reversible, Sized, Container, Collection, AbstractSet,
 MutableSet, Mapping, MutableMapping, Sequence, MutableSequence, ByteString,
 MappingView, KeysView, ItemsView, ValuesView, Generator, ContextManager,
 Deque, DefaultDict, OrderedDict, Counter, ChainMap,) = _aliases(
    'Callable:Callable:-1 Hashable:Hashable:0 Awaitable:Awaitable:1 '
    'Coroutine:Coroutine:3 AsyncIterable:AsyncIterable:1 '
    'AsyncIterator:AsyncIterator:1 Iterable:Iterable:1 Iterator:Iterator:1 '
    'Reversible:Reversible:1 Sized:Sized:0 Container:Container:1 '
    'Collection:Collection:1 AbstractSet:Set:1 MutableSet:MutableSet:1 '
    'Mapping:Mapping:2 MutableMapping:MutableMapping:2 Sequence:Sequence:1 '
    'MutableSequence:MutableSequence:1 ByteString:ByteString:0 '
    'MappingView:MappingView:1 KeysView:KeysView:1 ItemsView:ItemsView:2 '
    'ValuesView:ValuesView:1 Generator:Generator:3 '
    'ContextManager:AbstractContextManager:1 Deque:deque:1 '
    'DefaultDict:defaultdict:2 OrderedDict:OrderedDict:2 Counter:Counter:1 '
    'ChainMap:ChainMap:2 '
)
Text = str


class TypeVar(_Final):
    __slots__ = ('__name__', '__bound__', '__constraints__', '__covariant__',
                 '__contravariant__')

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False):
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__name__ = name
        self.__bound__ = bound
        self.__constraints__ = constraints
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)

    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__


class ParamSpec(_Final):
    __slots__ = ('__name__',)

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name

    def __repr__(self):
        return '~' + self.__name__


AnyStr = TypeVar('AnyStr', bytes, str)


class ForwardRef(_Final):
    __slots__ = ('__forward_arg__',)

    def __init__(self, arg):
        if not isinstance(arg, str):
            raise TypeError(f'Forward reference must be a string -- got {arg!r}')
        self.__forward_arg__ = arg

    def __repr__(self):
        return f'ForwardRef({self.__forward_arg__!r})'

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)


class _GenericClassAlias(_GenericAlias):
    __slots__ = ()


class Generic:
    """Abstract base class for generic types."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        if cls is Generic or cls is Protocol:
            # used as a base: stands for the class itself
            return cls
        return _GenericClassAlias(cls, tuple([_type_check(p) for p in _as_tuple(params)]))


class Protocol(Generic):
    __slots__ = ()


def runtime_checkable(cls):
    return cls


SupportsInt = type('SupportsInt', (Protocol,), {'__slots__': (), '__module__': 'typing'})
SupportsFloat = type('SupportsFloat', (Protocol,), {'__slots__': (), '__module__': 'typing'})
SupportsComplex = type('SupportsComplex', (Protocol,), {'__slots__': (), '__module__': 'typing'})
SupportsBytes = type('SupportsBytes', (Protocol,), {'__slots__': (), '__module__': 'typing'})
SupportsIndex = type('SupportsIndex', (Protocol,), {'__slots__': (), '__module__': 'typing'})
SupportsAbs = type('SupportsAbs', (Protocol,), {'__slots__': (), '__module__': 'typing'})
SupportsRound = type('SupportsRound', (Protocol,), {'__slots__': (), '__module__': 'typing'})


def cast(typ, val):
    return val


def assert_type(val, typ, /):
    return val


def reveal_type(obj, /):
    import sys
    print(f'Runtime type is {type(obj).__name__!r}', file=sys.stderr)
    return obj


def assert_never(arg, /):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError(f'Expected code to be unreachable, but got: {value}')


def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        'You should not call an overloaded function. '
        'A series of @overload-decorated functions '
        'outside a stub module should always be followed '
        'by an implementation that is not @overload-ed.')


def overload(func):
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


def dataclass_transform(**kwargs):
    def decorator(cls_or_fn):
        return cls_or_fn
    return decorator


class NewType:
    def __init__(self, name, tp):
        self.__qualname__ = name
        self.__name__ = name
        self.__supertype__ = tp

    def __repr__(self):
        return f'__main__.{self.__qualname__}'

    def __call__(self, x):
        return x


def get_origin(tp):
    if isinstance(tp, (_GenericAlias, _SpecialGenericAlias)):
        if isinstance(tp, _AnnotatedAlias):
            return Annotated
        o = tp.__origin__
        return o
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()


_BUILTIN_TYPES = {
    'int': int, 'float': float, 'str': str, 'bool': bool, 'bytes': bytes,
    'bytearray': bytearray, 'list': list, 'dict': dict, 'set': set,
    'frozenset': frozenset, 'tuple': tuple, 'type': type, 'object': object,
    'range': range, 'None': None,
}


def _eval_hint(text, names):
    # evaluates a string annotation: dotted names (builtins, typing, the
    # classes of the MRO, globalns/localns) and subscriptions of them
    toks = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in '[],':
            toks.append(c)
            i += 1
        elif c.isalnum() or c == '_' or c == '.':
            j = i
            while j < n and (text[j].isalnum() or text[j] in '_.'):
                j += 1
            toks.append(text[i:j])
            i = j
        elif c in '\'"':
            j = text.find(c, i + 1)
            if j < 0:
                raise SyntaxError(f'Forward reference must be an expression -- got {text!r}')
            toks.append(ForwardRef(text[i + 1:j]))
            i = j + 1
        else:
            raise SyntaxError(f'Forward reference must be an expression -- got {text!r}')
    pos = [0]

    def atom():
        if pos[0] >= len(toks):
            raise SyntaxError(f'Forward reference must be an expression -- got {text!r}')
        t = toks[pos[0]]
        pos[0] += 1
        if isinstance(t, ForwardRef):
            return _eval_hint(t.__forward_arg__, names)
        parts = t.split('.')
        head = parts[0]
        if head in names:
            v = names[head]
        elif head in _BUILTIN_TYPES:
            v = _BUILTIN_TYPES[head]
        elif head == 'typing':
            v = _TYPING_NAMES
        elif head in _TYPING_NAMES:
            v = _TYPING_NAMES[head]
        else:
            raise NameError(f"name '{head}' is not defined")
        for attr in parts[1:]:
            v = v[attr] if v is _TYPING_NAMES else getattr(v, attr)
        if pos[0] < len(toks) and toks[pos[0]] == '[':
            pos[0] += 1
            args = [atom_or_list()]
            while toks[pos[0]] == ',':
                pos[0] += 1
                args.append(atom_or_list())
            pos[0] += 1
            v = v[args[0] if len(args) == 1 else tuple(args)]
        return v

    def atom_or_list():
        if toks[pos[0]] == '[':
            pos[0] += 1
            items = []
            while toks[pos[0]] != ']':
                items.append(atom())
                if toks[pos[0]] == ',':
                    pos[0] += 1
            pos[0] += 1
            return items
        return atom()

    v = atom()
    if pos[0] != len(toks):
        raise SyntaxError(f'Forward reference must be an expression -- got {text!r}')
    return v


def _hint(value, names):
    if isinstance(value, ForwardRef):
        value = value.__forward_arg__
    if isinstance(value, str):
        value = _eval_hint(value, names)
    return _type_check(value)


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    names = {}
    if globalns:
        names.update(globalns)
    if localns:
        names.update(localns)
    if isinstance(obj, type):
        for base in obj.__mro__:
            names.setdefault(base.__name__, base)
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            for name in ann:
                hints[name] = _hint(ann[name], names)
        return hints
    ann = getattr(obj, '__annotations__', None)
    if ann is None:
        raise TypeError(f'{obj!r} is not a module, class, method, or function.')
    for name in ann:
        hints[name] = _hint(ann[name], names)
    return hints


class TypedDict(dict):
    """A dict whose keys are declared by annotations (no run-time checks)."""


class _TupleGetter:
    # a named field of a NamedTuple: the item at index
    __slots__ = ('index',)

    def __init__(self, index):
        self.index = index

    def __get__(self, obj, owner=None):
        return self if obj is None else obj[self.index]

    def __set__(self, obj, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, obj):
        raise AttributeError("can't delete attribute")


def _namedtuple_methods(cls, fields, defaults):
    from dataclasses import _bind
    name = cls.__name__
    ndefaults = len(defaults)
    fname = name + '.__new__()'

    def __new__(_cls, *args, **kwargs):
        bound = _bind(fname, fields, (), ndefaults, args, kwargs)
        return tuple.__new__(_cls, [bound[f] if f in bound else defaults[f]
                                    for f in fields])

    def __repr__(self):
        return self.__class__.__name__ + '(' + ', '.join(
            [f'{f}={v!r}' for f, v in zip(fields, self)]) + ')'

    def _asdict(self):
        return dict(zip(fields, self))

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(f) if f in kwds else v
                             for f, v in zip(fields, self)])
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result

    def _make(cls_, iterable):
        result = tuple.__new__(cls_, iterable)
        if len(result) != len(fields):
            raise TypeError(f'Expected {len(fields)} arguments, got {len(result)}')
        return result

    __new__.__qualname__ = name + '.__new__'
    cls.__new__ = __new__
    cls.__repr__ = __repr__
    cls._asdict = _asdict
    cls._replace = _replace
    cls._make = classmethod(_make)
    cls._fields = fields
    cls._field_defaults = defaults
    cls.__match_args__ = fields
    for i, f in enumerate(fields):
        setattr(cls, f, _TupleGetter(i))


class NamedTuple(tuple):
    """Typed version of namedtuple: class P(NamedTuple): x: int; y: int = 0."""

    def __new__(cls, typename=None, fields=None, /, **kwargs):
        if cls is not NamedTuple:
            return tuple.__new__(cls)
        if fields is None:
            fields = list(kwargs.items())
        return type(typename, (NamedTuple,), {'__annotations__': dict(fields),
                                              '__module__': '__main__'})

    def __init_subclass__(cls, **kwargs):
        if NamedTuple not in cls.__bases__:
            return
        ann = cls.__dict__.get('__annotations__', {})
        fields = tuple(ann)
        defaults = {}
        for f in fields:
            if f.startswith('_'):
                raise ValueError('Field names cannot start with an underscore: %r' % f)
            if f in cls.__dict__:
                defaults[f] = cls.__dict__[f]
            elif defaults:
                raise TypeError(f'Non-default namedtuple field {f} cannot follow '
                                f'default field{"s" if len(defaults) > 1 else ""} '
                                f'{", ".join(defaults)}')
        _namedtuple_methods(cls, fields, defaults)


_TYPING_NAMES = {
    'Any': Any, 'Optional': Optional, 'Union': Union, 'List': List, 'Dict': Dict,
    'Tuple': Tuple, 'Set': Set, 'FrozenSet': FrozenSet, 'Callable': Callable,
    'Iterable': Iterable, 'Iterator': Iterator, 'Sequence': Sequence,
    'Mapping': Mapping, 'MutableMapping': MutableMapping,
    'MutableSequence': MutableSequence, 'Type': Type, 'Literal': Literal,
    'ClassVar': ClassVar, 'Final': Final, 'Generator': Generator,
    'Deque': Deque, 'DefaultDict': DefaultDict, 'Counter': Counter,
    'Collection': Collection, 'Container': Container, 'Hashable': Hashable,
    'Sized': Sized, 'AbstractSet': AbstractSet, 'NoReturn': NoReturn,
    'Text': Text, 'AnyStr': AnyStr, 'Annotated': Annotated,
}
