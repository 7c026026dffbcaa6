# expect: ok
import types
m = types.MappingProxyType({'a': 1, 'b': 2})
print(m, repr(m), m['a'], len(m), 'a' in m, list(m), list(m.keys()), list(m.items()), m.get('z', 0))
try:
    m['c'] = 3
except TypeError as e:
    print(e)
ns = types.SimpleNamespace(x=1, y='a')
ns.z = 3
print(ns, ns.x, ns == types.SimpleNamespace(x=1, y='a', z=3))
def f():
    pass
print(type(f) is types.FunctionType, types.NoneType, isinstance(len, types.BuiltinFunctionType))
import keyword
print(isinstance(keyword, types.ModuleType))
