# expect: ok
s = {frozenset({1, 2}), frozenset()}
print({1, 2} in s, set() in s, {3} in s, frozenset({2, 1}) in s)
s.discard({1, 2})
print(s)
s.remove(set())
print(s)
print([] in [[]])
