# expect: ok
d = {}
d['a'] = 1
d['b'] = 2
d['a'] = 3
print(d, d['a'], d.get('b'), d.get('zz'), d.get('zz', 0), len(d))
del d['a']
print(d, 'a' in d, 'b' in d, 'a' not in d)
d[1] = 'one'
d[1.0] = 'float one'
d[True] = 'true one'
print(d)
d[2] = 'two'
del d[2.0]
print(d)
