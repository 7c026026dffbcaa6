# expect: ValueError: attempt to assign sequence of size 3 to extended slice of size 2
l = [1, 2, 3]
l[::2] = [7, 8]
print(l)
l[::2] = [1, 2, 3]
