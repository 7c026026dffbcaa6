# expect: ok
l = [1, 2]
l.append(l)
print(l)
m = [l, [l]]
print(m)
n = []
n.append([n, [n]])
print(n)
d = {'self': None}
l2 = [d]
d['self'] = l2
print(l2, d)
print(str(l) == repr(l))
