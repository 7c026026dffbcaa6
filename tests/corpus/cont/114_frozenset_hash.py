# expect: ok
print(hash(frozenset()), hash(frozenset({0})), hash(frozenset({1, 2, 3})))
print(hash(frozenset(range(100))), hash(frozenset({-1, -2})), hash(frozenset({(1, 2), 3.5})))
print(hash(frozenset({1, 2})) == hash(frozenset({2, 1})), hash(frozenset([frozenset([1])])))
s = set(range(10))
s.discard(3)
print(hash(frozenset(s)) == hash(frozenset(range(10)) - {3}))
