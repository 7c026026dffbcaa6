# expect: ok
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(a, b) = 10, 20
print(a, b)
a, b = (3, 4)
print(a, b)
x, y, z = 1, 2.5, None
print(x, y, z)
x, y, z = z, x, y
print(x, y, z)
