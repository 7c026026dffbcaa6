# expect: SyntaxError
print('never')
x = (b'\x4' + b'a')
