# expect: KeyError: 'q'
from collections import defaultdict

d = defaultdict(list)
d['a'].append(1)
d['a'].append(2)
d['b'].append(3)
print(d)
print(d.default_factory, d['zz'], len(d))
print(repr(defaultdict(int)), defaultdict(None))
i = defaultdict(int)
for ch in 'mississippi':
    i[ch] += 1
print(i, sorted(i.items()))
print(isinstance(i, dict), type(i).__name__)
s = defaultdict(set, {'x': {1}})
s['y'].add(2)
print(s)
n = defaultdict(None, a=1)
print(n, n.get('q'), 'q' in n)
c = i.copy()
print(type(c).__name__, c == i, c is i, c.default_factory)
print(defaultdict(int, [('a', 1)]) | {'b': 2})
print({'b': 2} | defaultdict(int, [('a', 1)]))
nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 3
print(dict(nested['x']), len(nested))
d.default_factory = dict
print(d['new'])
d.default_factory = None
try:
    d['missing']
except KeyError as e:
    print('KeyError', e)
print(d.pop('a'), d.setdefault('c', 5), d)
try:
    defaultdict(1)
except TypeError as e:
    print(e)
print(n['q'])
