# expect: ok
f = frozenset([3, 1, 2, 3])
print(f, frozenset(), frozenset(f) is f, len(f), 2 in f, f.copy() is f)
print(f | {9}, {9} | f, f & {1, 2}, f - {1}, f ^ {1, 7}, type(f | {9}) is frozenset, type({9} | f) is set)
print(f.union([4]), f.intersection([1]), f.issubset(range(5)), f.isdisjoint([5]))
d = {f: 'frozen'}
print(d[frozenset({1, 2, 3})], {frozenset({1}): 1, frozenset({2}): 2})
