# expect: ValueError: not enough values to unpack (expected 3, got 2)
x, y = 1, 2
print(x, y)
x, y, z = x, y
