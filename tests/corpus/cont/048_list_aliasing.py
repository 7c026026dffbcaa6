# expect: ok
a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b, a == b)
c = a[:]
c.append(5)
print(a, c, a is c)
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
