# expect: ok
print('a\nb\r\nc\rd'.splitlines())
print('a\nb\r\nc\r'.splitlines(True))
print('a\nb\r\nc\r'.splitlines(keepends=True))
print(''.splitlines(), '\n'.splitlines(), '\n\n'.splitlines(True))
print('x\x0by\x0cz\x1cw\x1dv\x1eu\x85t\u2028s\u2029r'.splitlines())
print('no newline'.splitlines())
print('trailing\n'.splitlines(), 'trailing\n'.split('\n'))
