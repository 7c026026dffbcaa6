# expect: TypeError: unsupported operand type(s) for ** or pow(): 'int' and 'NoneType'
print(2 ** 3)
print(2 ** None)
