# expect: TypeError: can only assign an iterable
l = [1, 2, 3]
l[0:1] = [5]
print(l)
l[0:1] = 5
