# expect: TypeError: 'in <string>' requires string as left operand, not int
print('a' in 'abc')
x = 1 in 'abc'
