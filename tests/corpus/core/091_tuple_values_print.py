# expect: ok
t = 1, 2
print(t)
u = (3, -4.5, None, True)
print(u)
a, b, c, d = u
print(a + b, c, d)
print(divmod(7, 2), divmod(-7.0, 2))
