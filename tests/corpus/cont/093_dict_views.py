# expect: ok
d = {'a': 1, 'b': 2, 'c': 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
print(len(k), len(v), len(it), 'a' in k, 2 in v, ('a', 1) in it, ('a', 2) in it, 'q' in k)
d['d'] = 4
del d['a']
print(k, v, it)
print(list(k), list(v), list(it), sorted(k, reverse=True))
print(list(reversed(k)), list(reversed(v)), list(reversed(it)), list(reversed(d)))
