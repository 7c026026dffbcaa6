# expect: ok
x = 5
assert x == 5
assert x > 0, "x must be positive"
assert 1 < 2 < 3
assert not None
print("all assertions passed")
