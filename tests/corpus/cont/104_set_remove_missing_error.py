# expect: KeyError: 1
s = {1, 2}
s.remove(1)
print(s)
_ = s.remove(1)
