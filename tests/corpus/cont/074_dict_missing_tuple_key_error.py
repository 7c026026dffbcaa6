# expect: KeyError: (3, 4)
d = {(1, 2): 1}
print(d[1, 2])
print(d[(3, 4)])
