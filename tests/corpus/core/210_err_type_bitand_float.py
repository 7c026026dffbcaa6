# expect: TypeError: unsupported operand type(s) for &: 'int' and 'float'
print(6 & 3)
print(6 & 3.0)
