# expect: ValueError: not enough values to unpack (expected 3, got 2)
a, b, c = 1, 2, 3
print(a, b, c)
a, b, c = (1, 2)
