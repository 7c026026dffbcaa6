# expect: ok
a = b = c = 5
print(a, b, c)
a = 6
print(a, b, c)
x = y = 2 ** 100
x += 1
print(x - y)
