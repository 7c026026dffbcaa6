# expect: ok
data = [(i % 4, i) for i in range(20)]
print(sorted(data, key=lambda p: p[0]))
print(sorted(data, key=lambda p: p[0], reverse=True))
m = [3, 1.0, 1, True, 2, 2.0]
m.sort()
print(m)
m.sort(reverse=True)
print(m)
