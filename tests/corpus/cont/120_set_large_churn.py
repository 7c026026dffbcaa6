# expect: ok
s = set()
for i in range(1000):
    s.add((i * 7919) % 10007)
for i in range(0, 1000, 3):
    s.discard((i * 7919) % 10007)
print(len(s), sorted(s)[:10], sum(s))
t = set(list(s)[:50])
print(len(t), t <= s, len(s - t), len(s & t), len(s ^ t))
