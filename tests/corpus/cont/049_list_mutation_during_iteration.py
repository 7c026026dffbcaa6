# expect: ok
l = [1, 2, 3, 4]
for x in l:
    if x == 2:
        l.remove(x)
    print(x, end=' ')
print(l)
m = [1, 2, 3]
out = []
for x in m:
    if len(m) < 6:
        m.append(x * 10)
    out.append(x)
print(out, m)
