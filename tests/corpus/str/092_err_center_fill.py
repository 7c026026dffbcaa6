# expect: TypeError: The fill character must be exactly one character long
print('a'.center(5, '*'))
x = 'a'.center(5, '**')
