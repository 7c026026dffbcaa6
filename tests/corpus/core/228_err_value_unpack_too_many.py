# expect: ValueError: too many values to unpack (expected 2)
def three():
    return 1, 2, 3

a, b, c = three()
print(a, b, c)
a, b = three()
