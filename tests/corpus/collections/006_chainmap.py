# expect: KeyError: 'x'
from collections import ChainMap, namedtuple, UserDict, UserList
import collections

print(namedtuple('P', 'x')  , collections.Counter, collections.deque, collections.OrderedDict)
base = {'a': 1, 'b': 2}
over = {'b': 20, 'c': 30}
cm = ChainMap(over, base)
print(cm, cm['a'], cm['b'], cm['c'], len(cm), list(cm), 'a' in cm, 'z' in cm)
print(cm.get('z'), cm.get('a'), dict(cm), sorted(cm.items()), sorted(cm.values()), list(cm.keys()))
cm['d'] = 4
print(over, cm.maps)
child = cm.new_child()
child['a'] = 100
print(child['a'], cm['a'], child.parents, child)
print(cm.new_child({'q': 1}), ChainMap(), bool(ChainMap()), bool(cm))
print(cm.pop('d'), cm == {'a': 1, 'b': 20, 'c': 30}, cm.copy())
del cm['c']
print(cm)
print(cm | {'zz': 1}, ChainMap.fromkeys('ab', 0))
for bad in [lambda: cm['nope'], lambda: cm.__delitem__('a'), lambda: ChainMap().popitem(),
            lambda: cm.pop('a')]:
    try:
        bad()
    except KeyError as e:
        print('KeyError', e)
u = UserDict(a=1)
u['b'] = 2
print(u, len(u), u['a'], u.get('c', 3), list(u), isinstance(u.data, dict))
l = UserList([3, 1, 2])
l.append(0)
l.sort()
print(l, l[1], l[1:], len(l), l + [9], l == [0, 1, 2, 3])
print(ChainMap({})['x'])
