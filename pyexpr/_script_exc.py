"""Host-side classes for exceptions whose class a script defined.

An exception raised by a script and not caught there reaches the host as an
instance of a class named like the script's (``__module__`` ``'__main__'``)
that derives from the nearest built-in exception class of the script's
class, so ``except ValueError`` in the host still catches a script's
``class CodeError(ValueError)``. The classes are made once per (name,
base) and shared; the cache is bounded.
"""

_classes: dict = {}
_MAX = 1024


def script_exception_class(name: str, base: type) -> type:
    key = (name, base)
    cls = _classes.get(key)
    if cls is None:
        if len(_classes) >= _MAX:
            _classes.clear()
        cls = type(base)(name, (base,), {"__module__": "__main__", "__qualname__": name})
        _classes[key] = cls
    return cls
