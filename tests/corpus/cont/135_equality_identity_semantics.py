# expect: ok
a = [1, [2, 3]]
b = [1, [2, 3]]
print(a == b, a is b, a[1] == b[1], a[1] is b[1])
t1 = (1, 2)
print(t1 == (1, 2), (1, 2) == [1, 2], {1: 2} == {1: 2}, {1} == {1})
nan = float('nan')
print([nan] == [nan], nan in [nan], (nan,) == (nan,))
