"""Shallow and deep copy operations (CPython 3.11's copy module, for the
values pyexpr has: built-in containers, instances of user classes,
subclasses of built-in types, __copy__/__deepcopy__ hooks, memo)."""

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error

_atomic = {type(None), int, float, bool, str, bytes, type, range, slice,
           type(len), type(lambda: 0), type(NotImplemented), property}


def _is_user_instance(x):
    cls = type(x)
    return hasattr(x, '__dict__') or hasattr(cls, '__slots__')


def _slot_names(cls):
    names = []
    for base in cls.__mro__:
        slots = base.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name not in ('__dict__', '__weakref__') and name not in names:
                names.append(name)
    return names


_builtin_bases = (list, dict, set, frozenset, tuple, bytearray, int, float,
                  str, bytes)


def _base_of(cls):
    for base in cls.__mro__:
        if base in _builtin_bases:
            return base
    return object


def _reconstruct(x, memo, deep):
    """A new object of x's class with (a deep copy of) x's state: what
    CPython does through __reduce_ex__(4) for instances and subclasses of
    built-in containers."""
    cls = type(x)
    if not _is_user_instance(x):
        raise TypeError("cannot pickle '" + cls.__name__ + "' object")
    base = _base_of(cls)
    if hasattr(cls, '__getnewargs__'):
        args = x.__getnewargs__()
        if deep:
            args = deepcopy(args, memo)
        y = cls.__new__(cls, *args)
    elif base in (tuple, frozenset, int, float, str, bytes):
        value = base(x)
        if deep:
            value = deepcopy(value, memo)
        y = cls.__new__(cls, value)
    else:
        y = cls.__new__(cls)
    if deep:
        memo[id(x)] = y
    if hasattr(x, '__setstate__') and hasattr(x, '__getstate__'):
        state = x.__getstate__()
        if deep:
            state = deepcopy(state, memo)
        y.__setstate__(state)
    else:
        if hasattr(x, '__dict__'):
            state = x.__dict__
            if deep:
                state = deepcopy(state, memo)
            y.__dict__.update(state)
        for name in _slot_names(cls):
            if hasattr(x, name):
                value = getattr(x, name)
                if deep:
                    value = deepcopy(value, memo)
                setattr(y, name, value)
    if base is list:
        for item in list.__iter__(x):
            y.append(deepcopy(item, memo) if deep else item)
    elif base is dict:
        for key, value in dict.items(x):
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    elif base is set:
        for item in set.__iter__(x):
            y.add(deepcopy(item, memo) if deep else item)
    return y


def copy(x):
    cls = type(x)
    if cls in _atomic or cls is tuple or cls is frozenset:
        return x
    if cls is list or cls is dict or cls is set or cls is bytearray:
        return x.copy()
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    return _reconstruct(x, None, False)


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic:
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        try:
            return memo[d]
        except KeyError:
            pass
        y = x
        for i in range(len(x)):
            if items[i] is not x[i]:
                y = tuple(items)
                break
    elif cls is set or cls is frozenset:
        y = cls([deepcopy(item, memo) for item in x])
    elif cls is bytearray:
        y = bytearray(x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct(x, memo, True)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y
