# expect: SyntaxError
print('never')
yield 1
