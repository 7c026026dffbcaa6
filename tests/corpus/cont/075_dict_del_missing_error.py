# expect: KeyError: 1
d = {1: 2}
del d[1]
print(d)
del d[1]
