# expect: AssertionError: -7
def check(v):
    assert v >= 0, v
    return v

print(check(5))
print(check(-7))
