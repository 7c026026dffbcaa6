# expect: ok
d = {}
for i in range(200):
    d[(i * 37) % 211] = i
ks = list(d)
print(ks[:20], len(d))
for k in ks[::2]:
    del d[k]
d[-1] = 'new'
print(list(d)[:10], list(d)[-3:], len(d))
c = d.copy()
print(c == d, list(c)[:5] == list(d)[:5])
