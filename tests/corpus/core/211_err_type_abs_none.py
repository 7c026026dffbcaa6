# expect: TypeError: bad operand type for abs(): 'NoneType'
print(abs(-1))
print(abs(None))
