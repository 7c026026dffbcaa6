# expect: KeyError: 'dictionary is empty'
from collections import OrderedDict

o = OrderedDict()
o['b'] = 1
o['a'] = 2
o['c'] = 3
print(o, repr(OrderedDict()))
o.move_to_end('b')
print(list(o))
o.move_to_end('b', last=False)
print(list(o), o)
print(o.popitem(), o.popitem(last=False), o)
o2 = OrderedDict([('x', 1), ('y', 2)])
o3 = OrderedDict([('y', 2), ('x', 1)])
print(o2 == o3, o2 != o3, o2 == dict(o3), dict(o3) == o2, o2 == o2.copy())
print(OrderedDict.fromkeys('abc', 0))
print(list(reversed(o2)), type(o2.copy()).__name__)
print(o2 | {'z': 3}, isinstance(o2, dict))
o2.update(z=9)
print(o2, o2.pop('x'), o2.setdefault('w', 0), o2)
od = OrderedDict(a=1, b=2)
print(od.items(), od.keys(), od.values(), list(reversed(od.keys())), 'a' in od.keys(), od.keys() & {'a'})
print([k for k in od.keys()], [v for v in od.values()], list(od.items()), len(od.keys()))
e = OrderedDict()
try:
    e.popitem()
except KeyError as ex:
    print('KeyError', ex)
try:
    o2.move_to_end('nope')
except KeyError as ex:
    print('KeyError', ex)
print(e.popitem(last=False))
