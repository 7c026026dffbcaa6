# expect: TypeError: bad operand type for unary ~: 'float'
print(~5)
print(~5.0)
