# expect: ok
naive = 0.0
s = 0.0
c = 0.0
for i in range(100000):
    v = 0.1
    naive += v
    y = v - c
    t = s + y
    c = (t - s) - y
    s = t
print(naive, s, naive == s)
