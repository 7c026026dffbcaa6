# expect: TypeError: list indices must be integers or slices, not str
l = [1, 2]
print(l[1])
print(l['1'])
