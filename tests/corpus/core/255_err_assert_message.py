# expect: AssertionError: x must be even
x = 3
print(x)
assert x % 2 == 0, "x must be even"
