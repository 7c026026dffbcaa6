# expect: ok
d = {}
for k in 'abcdef':
    d[k] = ord(k)
del d['b']
del d['d']
d['b'] = 0
d['z'] = 1
d['a'] = 100
print(d)
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
for i in range(50):
    d[i] = i
for i in range(0, 50, 2):
    del d[i]
for i in range(0, 10):
    d[i] = -i
print(d)
