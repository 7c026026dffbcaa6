# expect: ValueError: empty separator
print('a b'.split(' '))
x = 'a b'.split('')
