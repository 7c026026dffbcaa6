# expect: ValueError: list.remove(x): x not in list
l = [1, 2]
l.remove(1)
print(l)
_ = l.remove(1)
