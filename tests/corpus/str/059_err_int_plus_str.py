# expect: TypeError: unsupported operand type(s) for +: 'int' and 'str'
print('start')
x = 1 + 'a'
