"""Container datatypes: Counter, defaultdict, OrderedDict, deque,
namedtuple, ChainMap, UserDict, UserList, UserString (CPython 3.11's behaviour)."""

__all__ = ['ChainMap', 'Counter', 'OrderedDict', 'UserDict', 'UserList', 'UserString',
           'defaultdict', 'deque', 'namedtuple']

from keyword import iskeyword as _iskeyword


_unset = _nt_unset = object()

# ids of the objects whose repr is being built (CPython's Py_ReprEnter):
# a container met again inside its own repr prints as the marker
_repr_running = set()


def _guarded_repr(self, marker, build):
    key = id(self)
    if key in _repr_running:
        return marker
    _repr_running.add(key)
    try:
        return build(self)
    finally:
        _repr_running.discard(key)


def _is_mapping(obj):
    return isinstance(obj, (dict, ChainMap, UserDict))


def _fromkeys(cls, iterable, value=None):
    new = cls()
    for key in iterable:
        new[key] = value
    return new


def _dict_merged(self, first, second):
    if not isinstance(first, dict) or not isinstance(second, dict):
        return NotImplemented
    new = self._like(first)
    new.update(second)
    return new


def _dict_or(self, other):
    return _dict_merged(self, self, other)


def _dict_ror(self, other):
    return _dict_merged(self, other, self)


def _dict_ior(self, other):
    self.update(other)
    return self


# ---------------------------------------------------------------- defaultdict

class defaultdict(dict):
    def __init__(self, *args, **kwargs):
        factory = None
        if args:
            factory = args[0]
            args = args[1:]
            if factory is not None and not callable(factory):
                raise TypeError('first argument must be callable or None')
        dict.__init__(self, *args, **kwargs)
        self.default_factory = factory

    def __missing__(self, key):
        factory = self.default_factory
        if factory is None:
            raise KeyError(key)
        value = factory()
        self[key] = value
        return value

    def __repr__(self):
        factory = self.default_factory
        if factory is None:
            frepr = 'None'
        else:
            frepr = repr(factory)
        return 'defaultdict(' + frepr + ', ' + dict.__repr__(self) + ')'

    def copy(self):
        return self.__class__(self.default_factory, self)

    __copy__ = copy

    def _like(self, src):
        return self.__class__(self.default_factory, src)

    __or__ = _dict_or
    __ror__ = _dict_ror
    __ior__ = _dict_ior


class _views_mixin:
    """keys()/items()/values() of the mappings written here: view objects
    of the classes the class names (set after the classes exist)."""

    def keys(self):
        return self.__class__._keys_view(self)

    def items(self):
        return self.__class__._items_view(self)

    def values(self):
        return self.__class__._values_view(self)


# ---------------------------------------------------------------- OrderedDict

class OrderedDict(dict):
    # set once the view classes exist, below
    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(dict.items(self))
        dict.clear(self)
        dict.__setitem__(self, key, value)
        for k, v in rest:
            dict.__setitem__(self, k, v)

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        if last:
            return dict.popitem(self)
        key = next(iter(self))
        return (key, dict.pop(self, key))

    def __repr__(self):
        if not self:
            return self.__class__.__name__ + '()'
        return _guarded_repr(self, '...', _odict_repr)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            if not dict.__eq__(self, other):
                return False
            for a, b in zip(self, other):
                if not (a is b or a == b):
                    return False
            return True
        return dict.__eq__(self, other)

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    __hash__ = None

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    fromkeys = classmethod(_fromkeys)

    def __reversed__(self):
        return reversed(list(dict.keys(self)))

    keys = _views_mixin.keys
    items = _views_mixin.items
    values = _views_mixin.values

    def _like(self, src):
        return self.__class__(src)

    __or__ = _dict_or
    __ror__ = _dict_ror
    __ior__ = _dict_ior


def _odict_repr(od):
    return od.__class__.__name__ + '(' + repr(list(od.items())) + ')'


class _odict_view:
    def __init__(self, mapping):
        self._view = self.__class__._kind(mapping)

    def __len__(self):
        return len(self._view)

    def __iter__(self):
        return iter(self._view)

    def __reversed__(self):
        return reversed(list(self._view))

    def __contains__(self, x):
        return x in self._view

    def __repr__(self):
        return self._name + '(' + repr(list(self._view)) + ')'

    def __eq__(self, other):
        if isinstance(other, _odict_view):
            other = other._view
        return self._view == other

    __hash__ = None

    def __and__(self, other):
        return set(self._view) & set(other)

    def __or__(self, other):
        return set(self._view) | set(other)

    def __sub__(self, other):
        return set(self._view) - set(other)

    def __xor__(self, other):
        return set(self._view) ^ set(other)


class _odict_keys(_odict_view):
    _name = 'odict_keys'
    _kind = dict.keys


class _odict_items(_odict_view):
    _name = 'odict_items'
    _kind = dict.items


class _odict_values(_odict_view):
    _name = 'odict_values'
    _kind = dict.values

    def __eq__(self, other):
        return self is other


OrderedDict._keys_view = _odict_keys
OrderedDict._items_view = _odict_items
OrderedDict._values_view = _odict_values


# -------------------------------------------------------------------- Counter

def _count_elements(mapping, iterable):
    get = mapping.get
    for elem in iterable:
        mapping[elem] = get(elem, 0) + 1


def _count_of(item):
    return item[1]


def _eq(a, b):
    return a == b


def _le(a, b):
    return a <= b


def _ge(a, b):
    return a >= b


def _add(a, b):
    return a + b


def _sub(a, b):
    return a - b


def _max(a, b):
    return b if a < b else a


def _min(a, b):
    return a if a < b else b


def _counter_compare(test, negate):
    """Counter's rich comparison: test(self[e], other[e]) for every e in
    either (missing elements count 0)."""
    def compare(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        for c in (self, other):
            for e in c:
                if not test(self[e], other[e]):
                    return negate
        return not negate
    return compare


def _counter_binop(combine, negate_other):
    """Counter + - | &: combine counts of self's elements, then take the
    other's own elements (negated for -, none for &); keep positive ones."""
    def binop(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = combine(count, other[elem])
            if newcount > 0:
                result[elem] = newcount
        if negate_other is None:
            return result
        return _counter_sign(other, negate_other, result, self)
    return binop


def _counter_sign(counter, negative, result=None, skip=()):
    """Into result (a new Counter): counter's positive counts, or the
    negated negative ones, of the elements not in skip."""
    if result is None:
        result = Counter()
    for elem, count in counter.items():
        if elem in skip:
            continue
        if negative:
            if count < 0:
                result[elem] = 0 - count
        elif count > 0:
            result[elem] = count
    return result


class Counter(dict):
    def __init__(self, iterable=None, /, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        items = sorted(self.items(), key=_count_of, reverse=True)
        if n is None:
            return items
        if n < 0:
            n = 0
        return items[:n]

    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if _is_mapping(iterable):
                if self:
                    get = self.get
                    for elem, count in iterable.items():
                        self[elem] = count + get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                _count_elements(self, iterable)
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            get = self.get
            if _is_mapping(iterable):
                for elem, count in iterable.items():
                    self[elem] = get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    def __delitem__(self, elem):
        if elem in self:
            dict.__delitem__(self, elem)

    def __repr__(self):
        if not self:
            return self.__class__.__name__ + '()'
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return self.__class__.__name__ + '(' + repr(d) + ')'

    __eq__ = _counter_compare(_eq, False)
    __ne__ = _counter_compare(_eq, True)
    __le__ = _counter_compare(_le, False)
    __ge__ = _counter_compare(_ge, False)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    __hash__ = None

    __add__ = _counter_binop(_add, False)
    __sub__ = _counter_binop(_sub, True)
    __or__ = _counter_binop(_max, False)
    __and__ = _counter_binop(_min, None)

    def __pos__(self):
        return _counter_sign(self, False)

    def __neg__(self):
        return _counter_sign(self, True)

    def _keep_positive(self):
        for elem in [e for e, c in self.items() if not c > 0]:
            dict.__delitem__(self, elem)
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, other_count in other.items():
            if other_count > self[elem]:
                self[elem] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in list(self.items()):
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()


# ---------------------------------------------------------------------- deque

def _deque_index_arg(i):
    if type(i) is int or isinstance(i, int):
        return i
    if hasattr(type(i), '__index__'):
        return type(i).__index__(i)
    raise TypeError("sequence index must be integer, not '"
                    + type(i).__name__ + "'")


def _deque_args(args, kwargs):
    """deque(iterable=(), maxlen=None) bound as CPython's
    PyArg_ParseTupleAndKeywords does, with its messages."""
    n = len(args) + len(kwargs)
    if n > 2:
        raise TypeError('deque() takes at most 2 arguments (' + str(n) + ' given)')
    values = list(args) + [_unset, _unset][len(args):]
    for i, name in enumerate(('iterable', 'maxlen')):
        if name in kwargs:
            if i < len(args):
                raise TypeError("argument for deque() given by name ('" + name
                                + "') and position (" + str(i + 1) + ')')
            values[i] = kwargs.pop(name)
    for name in kwargs:
        raise TypeError("'" + name + "' is an invalid keyword argument for deque()")
    return (() if values[0] is _unset else values[0],
            None if values[1] is _unset else values[1])


def _clamp_index(i, n):
    i = _deque_index_arg(i)
    if i < 0:
        i += n
        if i < 0:
            i = 0
    return n if i > n else i


def _deque_repr(d):
    inner = repr(d._items[d._head:])
    if d._maxlen is None:
        return 'deque(' + inner + ')'
    return 'deque(' + inner + ', maxlen=' + str(d._maxlen) + ')'


def _deque_compare(test):
    def compare(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return test(self._items[self._head:], other._items[other._head:])
    return compare


class deque:
    """A list with a head offset: O(1) amortised at both ends."""

    __slots__ = ('_items', '_head', '_maxlen', '_state')

    def __init__(self, *args, **kwargs):
        iterable, maxlen = _deque_args(args, kwargs)
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._items = []
        self._head = 0
        self._maxlen = maxlen
        self._state = 0
        if iterable is not self:
            self.extend(iterable)
        else:
            self.extend(list(iterable))

    @property
    def maxlen(self):
        return self._maxlen

    def __len__(self):
        return len(self._items) - self._head

    def __bool__(self):
        return len(self._items) > self._head

    def _compact(self):
        head = self._head
        if head > 16 and head * 2 > len(self._items):
            del self._items[:head]
            self._head = 0

    def append(self, x):
        self._state += 1
        self._items.append(x)
        if self._maxlen is not None and len(self._items) - self._head > self._maxlen:
            self._items[self._head] = None
            self._head += 1
            self._compact()

    def appendleft(self, x):
        self._state += 1
        if self._maxlen is not None and len(self._items) - self._head >= self._maxlen:
            if self._maxlen == 0:
                return
            self._items.pop()
        if self._head == 0:
            grow = len(self._items) + 8
            self._items[0:0] = [None] * grow
            self._head = grow
        self._head -= 1
        self._items[self._head] = x

    def pop(self):
        if len(self._items) <= self._head:
            raise IndexError('pop from an empty deque')
        self._state += 1
        x = self._items.pop()
        if len(self._items) == self._head:
            self._items.clear()
            self._head = 0
        return x

    def popleft(self):
        head = self._head
        items = self._items
        if len(items) <= head:
            raise IndexError('pop from an empty deque')
        self._state += 1
        x = items[head]
        items[head] = None
        self._head = head + 1
        if self._head == len(items):
            items.clear()
            self._head = 0
        else:
            self._compact()
        return x

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        if self._maxlen is None:
            self._state += 1
            self._items.extend(iterable)
            return
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._state += 1
        self._items.clear()
        self._head = 0

    def copy(self):
        return deque(self, self._maxlen)

    __copy__ = copy

    def _scan(self, x, start, stop, count):
        """Compare x with the items start..stop-1 (offsets from the left):
        the number equal when count, else the first equal offset or -1."""
        state = self._state
        n = 0
        for i in range(start, stop):
            y = self._items[self._head + i]
            if y is x or y == x:
                if not count:
                    return i
                n += 1
            if state != self._state:
                raise RuntimeError('deque mutated during iteration')
        return n if count else -1

    def count(self, x):
        return self._scan(x, 0, len(self), True)

    def index(self, x, start=0, stop=None):
        n = len(self)
        start = _clamp_index(start, n)
        stop = n if stop is None else _clamp_index(stop, n)
        i = self._scan(x, start, stop, False)
        if i < 0:
            raise ValueError(repr(x) + ' is not in deque')
        return i

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        i = _clamp_index(i, len(self))
        self._state += 1
        self._items.insert(self._head + i, x)

    def remove(self, value):
        state = self._state
        items = self._items
        for i in range(self._head, len(items)):
            y = items[i]
            eq = y is value or y == value
            if state != self._state:
                raise IndexError('deque mutated during remove().')
            if eq:
                self._state += 1
                del items[i]
                return
        raise ValueError(repr(value) + ' is not in deque')

    def reverse(self):
        self._state += 1
        rest = self._items[self._head:]
        rest.reverse()
        self._items = rest
        self._head = 0

    def rotate(self, n=1):
        if type(n) is not int:
            if isinstance(n, int):
                n = int(n)
            elif not hasattr(type(n), '__index__'):
                raise TypeError("'" + type(n).__name__
                                + "' object cannot be interpreted as an integer")
            else:
                n = type(n).__index__(n)
        length = len(self)
        if length <= 1:
            return
        n = n % length
        if n == 0:
            return
        self._state += 1
        rest = self._items[self._head:]
        self._items = rest[-n:] + rest[:-n]
        self._head = 0

    def _index(self, i):
        i = _deque_index_arg(i)
        n = len(self)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError('deque index out of range')
        return self._head + i

    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError("sequence index must be integer, not 'slice'")
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        if isinstance(i, slice):
            raise TypeError("sequence index must be integer, not 'slice'")
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        if isinstance(i, slice):
            raise TypeError("sequence index must be integer, not 'slice'")
        j = self._index(i)
        self._state += 1
        del self._items[j]

    def __contains__(self, x):
        return self._scan(x, 0, len(self), False) >= 0

    def __iter__(self):
        state = self._state
        items = self._items
        i = self._head
        while True:
            if state != self._state:
                raise RuntimeError('deque mutated during iteration')
            if i >= len(self._items):
                return
            yield self._items[i]
            i += 1

    def __reversed__(self):
        state = self._state
        i = len(self._items) - 1
        while True:
            if state != self._state:
                raise RuntimeError('deque mutated during iteration')
            if i < self._head:
                return
            yield self._items[i]
            i -= 1

    def __repr__(self):
        return _guarded_repr(self, '[...]', _deque_repr)

    def __hash__(self):
        raise TypeError("unhashable type: 'collections.deque'")

    __eq__ = _deque_compare(_eq)
    __ne__ = _deque_compare(lambda a, b: a != b)
    __lt__ = _deque_compare(lambda a, b: a < b)
    __le__ = _deque_compare(_le)
    __gt__ = _deque_compare(lambda a, b: a > b)
    __ge__ = _deque_compare(_ge)

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "'
                            + type(other).__name__ + '") to deque')
        new = deque(self, self._maxlen)
        new.extend(other)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        new = deque(self, self._maxlen)
        new *= n
        return new

    __rmul__ = __mul__

    def __imul__(self, n):
        if not isinstance(n, int) and not hasattr(type(n), '__index__'):
            raise TypeError("can't multiply sequence by non-int of type '"
                            + type(n).__name__ + "'")
        rest = self._items[self._head:]
        self._state += 1
        self._items = []
        self._head = 0
        if n <= 0 or not rest:
            return self
        if self._maxlen is None:
            self._items = rest * n
            return self
        for _ in range(n):
            for x in rest:
                self.append(x)
            if len(self) == self._maxlen and len(rest) >= self._maxlen:
                break
        return self


# ----------------------------------------------------------------- namedtuple

def _plural_args(n):
    return str(n) + (' positional argument' if n == 1 else ' positional arguments')


def _missing_message(qual, missing):
    names = ["'" + m + "'" for m in missing]
    if len(names) == 1:
        text = names[0]
    elif len(names) == 2:
        text = names[0] + ' and ' + names[1]
    else:
        text = ', '.join(names[:-1]) + ', and ' + names[-1]
    n = len(missing)
    return (qual + ' missing ' + str(n) + ' required positional argument'
            + ('' if n == 1 else 's') + ': ' + text)


def _nt_bind(qual, fields, defaults, args, kwargs):
    nf = len(fields)
    values = list(args[:nf])
    values.extend([_nt_unset] * (nf - len(values)))
    for key in kwargs:
        try:
            i = fields.index(key)
        except ValueError:
            raise TypeError(qual + " got an unexpected keyword argument '"
                            + str(key) + "'") from None
        if values[i] is not _nt_unset:
            raise TypeError(qual + " got multiple values for argument '"
                            + key + "'")
        values[i] = kwargs[key]
    if len(args) > nf:
        ndef = len(defaults)
        given = len(args) + 1
        if ndef:
            takes = 'from ' + str(nf + 1 - ndef) + ' to ' + _plural_args(nf + 1)
        else:
            takes = _plural_args(nf + 1)
        raise TypeError(qual + ' takes ' + takes + ' but ' + str(given)
                        + (' was given' if given == 1 else ' were given'))
    missing = []
    first_default = nf - len(defaults)
    for i in range(nf):
        if values[i] is _nt_unset:
            if i >= first_default:
                values[i] = defaults[i - first_default]
            else:
                missing.append(fields[i])
    if missing:
        raise TypeError(_missing_message(qual, missing))
    return values




def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or _iskeyword(name)
                    or name.startswith('_') or name in seen):
                field_names[index] = '_' + str(index)
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid '
                             'identifiers: ' + repr(name))
        if _iskeyword(name):
            raise ValueError('Type names and field names cannot be a '
                             'keyword: ' + repr(name))
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: '
                             + repr(name))
        if name in seen:
            raise ValueError('Encountered duplicate field name: ' + repr(name))
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        for name, value in zip(field_names[len(field_names) - len(defaults):],
                               defaults):
            field_defaults[name] = value
    else:
        defaults = ()
    fields = tuple(field_names)
    nfields = len(fields)
    qual = typename + '.__new__()'

    def __new__(_cls, *args, **kwargs):
        if len(args) == nfields and not kwargs:
            return tuple.__new__(_cls, args)
        return tuple.__new__(_cls, _nt_bind(qual, fields, defaults, args, kwargs))

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != nfields:
            raise TypeError('Expected ' + str(nfields) + ' arguments, got '
                            + str(len(result)))
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name, value)
                             for name, value in zip(fields, self)])
        if kwds:
            raise ValueError('Got unexpected field names: ' + repr(list(kwds)))
        return result

    def __repr__(self):
        return (self.__class__.__name__ + '('
                + ', '.join([name + '=' + repr(value)
                             for name, value in zip(fields, self)]) + ')')

    def _asdict(self):
        return dict(zip(fields, self))

    def __getnewargs__(self):
        return tuple(self)

    class _NT(tuple):
        __slots__ = ()
    _NT.__new__ = __new__
    _NT._make = _make
    _NT._replace = _replace
    _NT.__repr__ = __repr__
    _NT._asdict = _asdict
    _NT.__getnewargs__ = __getnewargs__
    _NT._fields = fields
    _NT._field_defaults = field_defaults
    _NT.__match_args__ = fields
    _NT.__doc__ = typename + '(' + ', '.join(fields) + ')'
    for index, name in enumerate(fields):
        setattr(_NT, name, property(_nt_getter(index),
                                    doc='Alias for field number ' + str(index)))
    for method in (_make.__func__, _replace, __repr__, _asdict, __getnewargs__):
        method.__qualname__ = typename + '.' + method.__name__
    _NT.__name__ = typename
    _NT.__qualname__ = typename
    _NT.__module__ = '__main__' if module is None else module
    return _NT


def _nt_getter(index):
    def get(self):
        return self[index]
    return get


# ------------------------------------------------------------------- ChainMap

class _MappingView:
    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return self.__class__.__name__ + '(' + repr(self._mapping) + ')'


class KeysView(_MappingView):
    def __iter__(self):
        return iter(self._mapping)

    def __contains__(self, key):
        return key in self._mapping


class ItemsView(_MappingView):
    def __iter__(self):
        m = self._mapping
        for key in m:
            yield (key, m[key])

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value


class ValuesView(_MappingView):
    def __iter__(self):
        m = self._mapping
        for key in m:
            yield m[key]

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False


def _chainmap_repr(cm):
    return cm.__class__.__name__ + '(' + ', '.join([repr(m) for m in cm.maps]) + ')'


_views_mixin._keys_view = KeysView
_views_mixin._items_view = ItemsView
_views_mixin._values_view = ValuesView


class ChainMap(_views_mixin):
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                d[key] = None
        return iter(d)

    def __contains__(self, key):
        for m in self.maps:
            if key in m:
                return True
        return False

    def __bool__(self):
        for m in self.maps:
            if m:
                return True
        return False

    def __repr__(self):
        return _guarded_repr(self, '...', _chainmap_repr)

    def __eq__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __hash__ = None

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])


    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError('Key not found in the first mapping: '
                           + repr(key)) from None

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError('No keys found in the first mapping.') from None

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError('Key not found in the first mapping: '
                           + repr(key)) from None

    def clear(self):
        self.maps[0].clear()

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other=(), /, **kwds):
        self.maps[0].update(other, **kwds)

    def __ior__(self, other):
        self.maps[0].update(other)
        return self

    def __or__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ror__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        m = dict(other)
        for child in reversed(self.maps):
            m.update(child)
        return self.__class__(m)


# ------------------------------------------------------- UserDict, UserList

class _UserData:
    """What UserDict and UserList share: the wrapped container self.data."""

    def __len__(self):
        return len(self.data)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    __hash__ = None

    def clear(self):
        self.data.clear()


class UserDict(_UserData, _views_mixin):
    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, '__missing__'):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def __eq__(self, other):
        if isinstance(other, UserDict):
            return self.data == other.data
        if _is_mapping(other):
            return self.data == dict(other.items())
        return NotImplemented


    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def pop(self, key, *args):
        return self.data.pop(key, *args)

    def popitem(self):
        return self.data.popitem()

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other=(), /, **kwds):
        if _is_mapping(other):
            for key in other.keys():
                self[key] = other[key]
        elif hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def copy(self):
        new = self.__class__()
        new.data = self.data.copy()
        return new

    def __or__(self, other):
        if isinstance(other, UserDict):
            return self.__class__(self.data | other.data)
        if isinstance(other, dict):
            return self.__class__(self.data | other)
        return NotImplemented

    def __ior__(self, other):
        if isinstance(other, UserDict):
            self.data |= other.data
        else:
            self.data |= other
        return self

    fromkeys = classmethod(_fromkeys)


def _ul_data(other):
    return other.data if isinstance(other, UserList) else other


class UserList(_UserData):
    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            if type(initlist) == type(self.data):
                self.data[:] = initlist
            elif isinstance(initlist, UserList):
                self.data[:] = initlist.data[:]
            else:
                self.data = list(initlist)

    def __lt__(self, other):
        return self.data < _ul_data(other)

    def __le__(self, other):
        return self.data <= _ul_data(other)

    def __eq__(self, other):
        return self.data == _ul_data(other)

    def __gt__(self, other):
        return self.data > _ul_data(other)

    def __ge__(self, other):
        return self.data >= _ul_data(other)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]

    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        if isinstance(other, type(self.data)):
            return self.__class__(self.data + other)
        return self.__class__(self.data + list(other))

    def __radd__(self, other):
        if isinstance(other, UserList):
            return self.__class__(other.data + self.data)
        if isinstance(other, type(self.data)):
            return self.__class__(other + self.data)
        return self.__class__(list(other) + self.data)

    def __iadd__(self, other):
        if isinstance(other, UserList):
            self.data += other.data
        elif isinstance(other, type(self.data)):
            self.data += other
        else:
            self.data += list(other)
        return self

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self.data *= n
        return self

    def append(self, item):
        self.data.append(item)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def copy(self):
        return self.__class__(self)

    def count(self, item):
        return self.data.count(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def reverse(self):
        self.data.reverse()

    def sort(self, /, *args, **kwds):
        self.data.sort(*args, **kwds)

    def extend(self, other):
        if isinstance(other, UserList):
            self.data.extend(other.data)
        else:
            self.data.extend(other)


# ---------------------------------------------------------------------------
# UserString: a str wrapper (self.data); methods that make a string give an
# instance of the subclass, the rest give what str gives.

_MAXSIZE = 9223372036854775807
import operator as _op


def _us_data(s):
    return s.data if isinstance(s, UserString) else s


def _us_compare(op):
    """UserString.__lt__ & co: op on the wrapped strs."""
    def method(self, string):
        return op(self.data, _us_data(string))
    return method


def _us_same(name):
    """UserString.<name>(): the str method, result wrapped in the class."""
    meth = getattr(str, name)

    def method(self):
        return self.__class__(meth(self.data))
    method.__name__ = name
    method.__qualname__ = 'UserString.' + name
    return method


def _us_call(fn):
    """UserString.<name>(): fn of the wrapped str, as it is."""
    def method(self):
        return fn(self.data)
    return method


class UserString:
    def __init__(self, seq):
        if isinstance(seq, str):
            self.data = seq
        elif isinstance(seq, UserString):
            self.data = seq.data[:]
        else:
            self.data = str(seq)

    __str__ = _us_call(str)
    __repr__ = _us_call(repr)
    __int__ = _us_call(int)
    __float__ = _us_call(float)
    __hash__ = _us_call(hash)
    __len__ = _us_call(len)

    def __getnewargs__(self):
        return (self.data[:],)

    __eq__ = _us_compare(_op.eq)
    __lt__ = _us_compare(_op.lt)
    __le__ = _us_compare(_op.le)
    __gt__ = _us_compare(_op.gt)
    __ge__ = _us_compare(_op.ge)

    def __contains__(self, char):
        return _us_data(char) in self.data

    def __getitem__(self, index):
        return self.__class__(self.data[index])

    def __iter__(self):
        for i in range(len(self.data)):
            yield self[i]

    def __reversed__(self):
        for i in range(len(self.data) - 1, -1, -1):
            yield self[i]

    def __add__(self, other):
        if isinstance(other, (UserString, str)):
            return self.__class__(self.data + _us_data(other))
        return self.__class__(self.data + str(other))

    def __radd__(self, other):
        if isinstance(other, str):
            return self.__class__(other + self.data)
        return self.__class__(str(other) + self.data)

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def __mod__(self, args):
        return self.__class__(self.data % args)

    def __rmod__(self, template):
        return self.__class__(str(template) % self)

    def center(self, width, *args):
        return self.__class__(self.data.center(width, *args))

    def ljust(self, width, *args):
        return self.__class__(self.data.ljust(width, *args))

    def rjust(self, width, *args):
        return self.__class__(self.data.rjust(width, *args))

    def zfill(self, width):
        return self.__class__(self.data.zfill(width))

    def expandtabs(self, tabsize=8):
        return self.__class__(self.data.expandtabs(tabsize))

    def strip(self, chars=None):
        return self.__class__(self.data.strip(chars))

    def lstrip(self, chars=None):
        return self.__class__(self.data.lstrip(chars))

    def rstrip(self, chars=None):
        return self.__class__(self.data.rstrip(chars))

    def removeprefix(self, prefix, /):
        return self.__class__(self.data.removeprefix(_us_data(prefix)))

    def removesuffix(self, suffix, /):
        return self.__class__(self.data.removesuffix(_us_data(suffix)))

    def replace(self, old, new, maxsplit=-1):
        return self.__class__(self.data.replace(_us_data(old), _us_data(new), maxsplit))

    def translate(self, *args):
        return self.__class__(self.data.translate(*args))

    def count(self, sub, start=0, end=_MAXSIZE):
        return self.data.count(_us_data(sub), start, end)

    def find(self, sub, start=0, end=_MAXSIZE):
        return self.data.find(_us_data(sub), start, end)

    def rfind(self, sub, start=0, end=_MAXSIZE):
        return self.data.rfind(_us_data(sub), start, end)

    def index(self, sub, start=0, end=_MAXSIZE):
        return self.data.index(sub, start, end)

    def rindex(self, sub, start=0, end=_MAXSIZE):
        return self.data.rindex(sub, start, end)

    def startswith(self, prefix, start=0, end=_MAXSIZE):
        return self.data.startswith(prefix, start, end)

    def endswith(self, suffix, start=0, end=_MAXSIZE):
        return self.data.endswith(suffix, start, end)

    def encode(self, encoding='utf-8', errors='strict'):
        encoding = 'utf-8' if encoding is None else encoding
        errors = 'strict' if errors is None else errors
        return self.data.encode(encoding, errors)

    def format(self, *args, **kwds):
        return self.data.format(*args, **kwds)

    def format_map(self, mapping):
        return self.data.format_map(mapping)

    def join(self, seq):
        return self.data.join(seq)

    def partition(self, sep):
        return self.data.partition(sep)

    def rpartition(self, sep):
        return self.data.rpartition(sep)

    def split(self, sep=None, maxsplit=-1):
        return self.data.split(sep, maxsplit)

    def rsplit(self, sep=None, maxsplit=-1):
        return self.data.rsplit(sep, maxsplit)

    def splitlines(self, keepends=False):
        return self.data.splitlines(keepends)

    maketrans = str.maketrans


for _n in ('capitalize', 'casefold', 'lower', 'swapcase', 'title', 'upper'):
    setattr(UserString, _n, _us_same(_n))
for _n in ('isalpha', 'isalnum', 'isascii', 'isdecimal', 'isdigit', 'isidentifier', 'islower',
           'isnumeric', 'isprintable', 'isspace', 'istitle', 'isupper'):
    setattr(UserString, _n, _us_call(getattr(str, _n)))
del _n
