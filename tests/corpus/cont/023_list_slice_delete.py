# expect: ok
l = list(range(12))
del l[2:4]
print(l)
del l[::3]
print(l)
del l[::-2]
print(l)
del l[5:1:-1]
print(l)
del l[100:]
print(l)
del l[:]
print(l, len(l))
