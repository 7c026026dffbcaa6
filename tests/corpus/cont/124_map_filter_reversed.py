# expect: ok
print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a - b, [5, 6, 7], [1, 2])))
print(list(filter(None, [0, 1, '', 'x', [], [0], None])), list(filter(lambda v: v % 2, range(8))))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed('abc')), list(reversed(range(4))))
print(list(reversed({'a': 1, 'b': 2})), list(reversed({1: 2}.items())), list(reversed([])))
m = map(str, [1, 2])
print(next(m), next(m), next(m, 'done'))
