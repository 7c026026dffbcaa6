# expect: KeyError: 1
d = {1: 1}
print(d.pop(1))
print(d.pop(1))
