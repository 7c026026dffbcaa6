# expect: ok
print(set(), {3, 1, 2}, {-1, -2, 100, 7})
print(set(range(20, 0, -3)))
print(set([10, 20, 30, 40, 50, 60, 70, 80]), set([8, 16, 24, 0]), set(range(-5, 5)))
print(set([2**61 - 1, 2**61, 2**61 + 1, -2**61, 0]), set([0.5, 1.5, -2.5, 1e20, 3.0]))
print({True, 1, 1.0}, {0, False}, set([False, True, 2]), set('') , frozenset(range(3)))
