# expect: ok
l = list(range(8))
l[2:4] = ['a', 'b', 'c']
print(l)
l[1:1] = [9, 9]
print(l)
l[:] = l[::-1]
print(l)
l[5:2] = 'xy'
print(l)
l[-2:] = []
print(l)
l[100:] = [100]
print(l)
l[:0] = (-1,)
print(l)
l[1:3] = range(3)
print(l)
l[3:1000] = l
print(l)
