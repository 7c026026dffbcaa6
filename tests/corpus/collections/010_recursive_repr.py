# expect: ok
from collections import deque, OrderedDict, defaultdict, ChainMap, Counter, UserList
d = deque([1])
d.append(d)
print(d, len(d))
m = deque([0], maxlen=3)
m.append(m)
print(m)
od = OrderedDict(a=1)
od['self'] = od
print(od)
dd = defaultdict(list)
dd['x'] = dd
print(dd)
cm = ChainMap({})
cm['me'] = cm
print(cm)
u = UserList([1])
u.append(u)
print(u)
outer = deque([OrderedDict(k=deque([2]))])
print(outer, [outer], (od, d))
print(repr(deque([deque([1]), deque()])))
