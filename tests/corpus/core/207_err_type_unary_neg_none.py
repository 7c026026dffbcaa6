# expect: TypeError: bad operand type for unary -: 'NoneType'
x = None
print(not x)
print(-x)
