# expect: ok
print([])
print([1, 2, 3])
print([1, 'a', None, True, 2.5, (1,), [2, [3]]])
print(list(), list('abc'), list(range(4)), list((1, 2)))
print(str([1, 'x']), repr(['q"', "it's"]))
