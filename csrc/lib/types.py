"""A few names of CPython's types module (for pyexpr)."""

__all__ = ['FunctionType', 'LambdaType', 'BuiltinFunctionType', 'MethodType',
           'GeneratorType', 'ModuleType', 'NoneType', 'MappingProxyType',
           'SimpleNamespace']


def _f():
    pass


def _g():
    yield 1


class _C:
    def m(self):
        pass


FunctionType = LambdaType = type(_f)
BuiltinFunctionType = BuiltinMethodType = type(len)
MethodType = type(_C().m)
GeneratorType = type(_g())
NoneType = type(None)

import keyword as _keyword
ModuleType = type(_keyword)
del _keyword


class mappingproxy:
    """A read-only view of a mapping (types.MappingProxyType)."""
    __slots__ = ('_m',)

    def __init__(self, mapping):
        self._m = mapping

    # forwards to the mapping (one line each: nothing here but the forward)
    def __getitem__(self, key): return self._m[key]
    def __iter__(self): return iter(self._m)
    def __len__(self): return len(self._m)
    def __contains__(self, key): return key in self._m
    def __eq__(self, other): return self._m == other

    def __getattr__(self, name):
        if name in ('keys', 'values', 'items', 'get', 'copy'):
            return getattr(self._m, name)
        raise AttributeError(f"'mappingproxy' object has no attribute '{name}'")

    def __repr__(self):
        return f'mappingproxy({self._m!r})'

    def __str__(self):
        return str(self._m)


MappingProxyType = mappingproxy


class SimpleNamespace:
    def __init__(self, **kwargs):
        for k in kwargs:
            setattr(self, k, kwargs[k])

    def __repr__(self):
        items = [f'{k}={v!r}' for k, v in self.__dict__.items()]
        return f"namespace({', '.join(items)})"

    def __eq__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented
