# expect: SyntaxError
print('never')
x = b'a' 'b'
