# expect: ok
# Objects hashed by identity as in CPython: property, staticmethod,
# classmethod and super objects too (they were unhashable), iterators,
# generators, modules, functions.
import math
objs = {'iter': iter([]), 'map': map(len, []), 'zip': zip(), 'enum': enumerate([]), 'gen': (x for x in []), 'prop': property(), 'sm': staticmethod(len), 'cm': classmethod(len), 'mod': math, 'len': len, 'super': super(int, 1), 'range_it': iter(range(3)), 'filter': filter(None, []), 'rev': reversed([]), 'dict_keys': {}.keys(), 'slice': slice(1), 'obj': object(), 'NotImpl': NotImplemented, 'Ell': ..., 'type': int, 'func': lambda: 0, 'bm': [].append, 'exc': ValueError(), 'dictiter': iter({}), 'setiter': iter(set()), 'striter': iter(''), 'tupiter': iter(())}
for k, v in objs.items():
    try:
        h = hash(v)
        print(k, 'hashable', h == hash(v), len({v, v}))
    except TypeError as e:
        print(k, e)
