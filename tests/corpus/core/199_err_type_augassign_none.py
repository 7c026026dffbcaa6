# expect: TypeError: unsupported operand type(s) for +=: 'NoneType' and 'int'
x = None
print(x)
x += 1
