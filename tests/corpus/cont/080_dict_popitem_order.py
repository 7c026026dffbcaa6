# expect: ok
d = {}
for i in range(6):
    d[i] = i * i
print(d.popitem(), d.popitem())
d['new'] = 1
print(d.popitem(), d)
while d:
    print(d.popitem(), end=' ')
print()
