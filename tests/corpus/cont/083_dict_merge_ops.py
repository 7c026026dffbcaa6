# expect: ok
a = {'x': 1, 'y': 2}
b = {'y': 20, 'z': 30}
print(a | b, b | a, a)
a |= b
print(a)
a |= [('w', 0)]
a |= {}.items()
print(a)
