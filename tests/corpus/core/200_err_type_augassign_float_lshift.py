# expect: TypeError: unsupported operand type(s) for <<=: 'float' and 'int'
x = 1.5
x *= 2
print(x)
x <<= 1
