# expect: ok
l = [1, [2], 3]
c = l.copy()
l.reverse()
print(l, c, c[1] is l[1])
c.clear()
print(c, l)
l[:] = []
print(l, [].copy(), list(reversed([1, 2, 3])))
