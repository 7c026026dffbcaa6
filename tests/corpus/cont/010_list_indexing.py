# expect: ok
l = [10, 20, 30, 40]
print(l[0], l[-1], l[-4], l[3], l[True], l[False])
l[0] = 'a'
l[-1] = 'z'
print(l)
del l[1]
print(l)
del l[-1]
print(l)
