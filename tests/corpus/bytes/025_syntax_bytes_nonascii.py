# expect: SyntaxError
print('never')
x = b'café'
