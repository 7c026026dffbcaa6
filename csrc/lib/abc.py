"""Abstract base classes (CPython 3.11's abc, without metaclasses): ABC,
abstractmethod and the abstract property/classmethod/staticmethod forms.

pyexpr has no metaclasses, so ABC does the work of ABCMeta from
__init_subclass__ (each class's __abstractmethods__) and __new__ (the
TypeError for a class that still has abstract methods). ABCMeta exists
for imports; `metaclass=ABCMeta` is refused like any metaclass, and
virtual subclasses (register) are not supported."""

__all__ = ['ABC', 'ABCMeta', 'abstractmethod', 'abstractclassmethod', 'abstractstaticmethod',
           'abstractproperty', 'get_cache_token', 'update_abstractmethods']


def abstractmethod(funcobj):
    """Marks a method abstract: a class with one cannot be instantiated."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractclassmethod(callable):
    """Deprecated form of @classmethod @abstractmethod (a function here:
    pyexpr cannot subclass classmethod)."""
    return classmethod(abstractmethod(callable))


def abstractstaticmethod(callable):
    """Deprecated form of @staticmethod @abstractmethod."""
    return staticmethod(abstractmethod(callable))


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    """Deprecated form of @property @abstractmethod."""
    if fget is not None:
        abstractmethod(fget)
    return property(fget, fset, fdel, doc)


def _is_abstract(value):
    if getattr(value, '__isabstractmethod__', False):
        return True
    # property, classmethod and staticmethod wrap the abstract function
    for inner in ('fget', 'fset', 'fdel', '__func__'):
        if getattr(getattr(value, inner, None), '__isabstractmethod__', False):
            return True
    return False


def _lookup(cls, name):
    for klass in cls.__mro__:
        ns = vars(klass)
        if name in ns:
            return ns[name]
    return None


def update_abstractmethods(cls):
    """Recomputes cls.__abstractmethods__ (after methods were added or
    replaced); returns cls."""
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    names = set()
    for klass in cls.__mro__:
        for name, value in vars(klass).items():
            if name not in names and _is_abstract(value) and _is_abstract(_lookup(cls, name)):
                names.add(name)
    cls.__abstractmethods__ = frozenset(names)
    return cls


def ABCMeta(*args, **kwargs):
    """Present for imports; pyexpr has no metaclasses."""
    raise NotImplementedError("metaclasses (ABCMeta) are not supported by pyexpr")


def get_cache_token():
    return 0


class ABC:
    """Helper class: subclasses are abstract base classes."""
    __slots__ = ()
    __abstractmethods__ = frozenset()

    def __init_subclass__(cls, /, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.__abstractmethods__ = frozenset()
        update_abstractmethods(cls)

    def __new__(cls, /, *args, **kwargs):
        abstract = cls.__abstractmethods__
        if abstract:
            names = sorted(abstract)
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract "
                            f"method{'s' if len(names) > 1 else ''} {', '.join(names)}")
        return object.__new__(cls)

    @classmethod
    def register(cls, subclass):
        raise NotImplementedError('virtual subclasses (ABC.register) are not supported by pyexpr')
