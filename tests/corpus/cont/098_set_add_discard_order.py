# expect: ok
s = set()
for i in [5, 13, 21, 29, 37, 45]:
    s.add(i)
print(s)
s.discard(13)
s.discard(999)
s.add(53)
print(s)
for i in range(30):
    s.add(i * 3)
print(s, len(s))
s.remove(0)
print(s)
