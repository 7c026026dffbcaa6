# expect: ValueError: too many values to unpack (expected 2)
a, b = iter([1, 2])
print(a, b)
a, b = iter([1, 2, 3])
