# expect: TypeError: list indices must be integers or slices, not float
l = [1, 2]
i = 1.0
print(l[int(i)])
print(l[i])
