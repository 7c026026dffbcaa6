# expect: IndexError: list assignment index out of range
l = [1]
del l[0]
print(l)
del l[0]
