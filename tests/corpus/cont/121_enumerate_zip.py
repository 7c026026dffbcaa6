# expect: ok
print(list(enumerate('abc')), list(enumerate('abc', 10)), list(enumerate([], 5)))
print(list(enumerate(iterable=[1], start=-2)), list(enumerate((1, 2), True)))
print(list(zip()), list(zip([1, 2, 3])), list(zip([1, 2, 3], 'ab')), list(zip('ab', range(5), [True, False, None])))
for i, (a, b) in enumerate(zip('xy', [1, 2]), 1):
    print(i, a, b)
print(dict(zip('abc', range(3))), list(zip(*[(1, 2), (3, 4)])))
