# expect: ValueError: 'zz' is not in list
l = ['a', 'b']
print(l.index('b'))
x = l.index('zz')
