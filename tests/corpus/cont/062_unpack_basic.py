# expect: ok
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(a, b), c = [1, 2], 3
print(a, b, c)
x, y, z = 'abc'
print(x, y, z)
p, q = {1: 'x', 2: 'y'}
print(p, q)
m, n = range(2)
print(m, n)
[u, v] = (5, 6)
print(u, v)
for i, (j, k) in enumerate([(1, 2), (3, 4)]):
    print(i, j, k)
