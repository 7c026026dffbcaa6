# expect: TypeError: unsupported operand type(s) for *: 'float' and 'NoneType'
print(2.5 * 2)
print(2.5 * None)
