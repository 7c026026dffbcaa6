# expect: IndexError: list index out of range
l = [1, 2, 3]
print(l[2], l[-3])
print(l[3])
