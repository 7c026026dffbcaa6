# expect: AssertionError: 42
print("checking")
assert 1 > 2, 42
