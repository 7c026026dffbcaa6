# expect: TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'
x = None
print(x)
y = x + 1
