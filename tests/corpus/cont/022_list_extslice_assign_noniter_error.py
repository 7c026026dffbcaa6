# expect: TypeError: must assign iterable to extended slice
l = [1, 2, 3]
l[::2] = (0, 0)
print(l)
l[::2] = None
