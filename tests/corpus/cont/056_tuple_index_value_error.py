# expect: ValueError: tuple.index(x): x not in tuple
t = (1, 2)
print(t.index(2))
print(t.index(3))
