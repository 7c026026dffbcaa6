# expect: TypeError: slice indices must be integers or None or have an __index__ method
l = [1, 2, 3]
print(l[1:None])
print(l['a':])
