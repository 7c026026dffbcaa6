# expect: KeyError: (3, 4)
s = {(1, 2)}
s.remove((1, 2))
print(s)
_ = s.remove((3, 4))
