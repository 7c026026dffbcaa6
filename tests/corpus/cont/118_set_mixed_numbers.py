# expect: ok
s = {1, 1.0, True, 2, 2.0}
print(s, len(s))
s.discard(2.0)
print(s, 1.0 in s, 1 in s, True in s)
print({0.1 + 0.2, 0.3}, {float('inf'), -float('inf'), 0.0, -0.0})
