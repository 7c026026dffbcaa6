# expect: IndexError: list assignment index out of range
l = [1]
l[0] = 5
print(l)
l[1] = 6
