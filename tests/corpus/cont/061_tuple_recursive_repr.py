# expect: ok
l = []
t = (l, 1)
l.append(t)
print(t)
print(l)
