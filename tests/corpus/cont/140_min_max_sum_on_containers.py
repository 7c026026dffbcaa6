# expect: ok
l = [4, 7, 1, 9]
print(min(l), max(l), sum(l), min((3, 2)), max({5, 8}), max({1: 'a', 9: 'b'}), sum([[1], [2]], []))
print(min([(2, 'x'), (1, 'y')]), max('abc'), sum({1: 0, 2: 0}), sum(range(10)))
