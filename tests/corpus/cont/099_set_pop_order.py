# expect: ok
s = set([7, 3, 11, 19, 2, 64, 33])
out = []
while s:
    out.append(s.pop())
print(out)
t = set(range(20))
print(t.pop(), t.pop(), t.pop(), len(t))
t.add(0)
print(t.pop(), t)
