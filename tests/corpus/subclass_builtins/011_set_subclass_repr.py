# expect: ok
class S(set):
    pass
s = S([3, 1])
print(s, repr(s), S(), type(s | {1}).__name__, s == {1, 3}, hash(frozenset(s)) == hash(frozenset({1,3})))
s.clear()
print(s, len(s))
