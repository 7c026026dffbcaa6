# expect: ok
print(hash(()))
print(hash((1,)), hash((1, 2)), hash((1, 2, 3)), hash((-1,)), hash((0, 0)))
print(hash((1.5, 2)), hash((True, False)), hash((2**64, -2**64)), hash(((1, 2), (3, 4))))
print(hash((1, 2)) == hash((1.0, 2.0)), hash((None, 'x')) == hash((None, 'x')))
d = {(1, 2): 'a', (1, 2, 3): 'b'}
print(d[(1, 2)], d[1, 2, 3], (1, 2) in d, (2, 1) in d)
