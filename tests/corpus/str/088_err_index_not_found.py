# expect: ValueError: substring not found
print('abc'.index('b'))
x = 'abc'.index('d')
