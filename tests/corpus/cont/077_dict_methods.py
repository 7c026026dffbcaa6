# expect: ok
d = {'a': 1, 'b': 2, 'c': 3}
print(d.pop('a'), d.pop('zz', 'default'), d.pop('zz', None), d)
print(d.popitem(), d)
print(d.setdefault('b', 100), d.setdefault('n', []), d)
d['n'].append(1)
print(d)
d.update({'x': 1}, y=2)
d.update([('z', 3)])
d.update(k=4)
d.update()
print(d)
c = d.copy()
c['x'] = 'changed'
print(d['x'], c['x'], c == d)
d.clear()
print(d, len(d), c)
print({}.fromkeys([1, 2]), {}.fromkeys('ab', 0), dict.fromkeys(range(3), []))
