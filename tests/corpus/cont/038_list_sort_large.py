# expect: ok
n = 1000
l = [(i * 7919) % 1009 for i in range(n)]
l.sort()
print(l[:10], l[-10:], len(l))
r = list(range(500)) + list(range(500, 0, -1)) + [3] * 50
r.sort()
print(r[:8], r[-8:], sum(r))
k = sorted(range(300), key=lambda x: (x % 10, -x))
print(k[:15])
