# expect: ok
d = {0: 'int zero'}
d[0.0] = 'float zero'
d[False] = 'false'
print(d, len(d))
d2 = {1: 'a', 1.0: 'b', True: 'c'}
print(d2)
print({2**61 - 1: 'x', 0: 'y'}, hash(2**61 - 1), hash(-1), {-1: 'm1', -2: 'm2'})
