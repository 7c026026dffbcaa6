# expect: ok
a = {1, 2, 3}
alias = a
a |= {4}
a &= {1, 2, 4, 8}
a -= {1}
a ^= {2, 16}
print(a, alias is a)
a.update([5], (6,), range(7, 9))
a.intersection_update(range(10), [4, 5, 6, 7, 8, 9])
a.difference_update([9], {8})
a.symmetric_difference_update([4, 100])
print(a)
f = frozenset({1})
g = f
f |= {2}
print(f, g, f is g)
