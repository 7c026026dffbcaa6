# expect: ValueError: 3 is not in list
l = [1, 2, 3]
print(l.index(3))
print(l.index(3, 0, 2))
