# expect: TypeError: 'separator' is an invalid keyword argument for split()
print('a,b'.split(sep=','))
x = 'a,b'.split(separator=',')
