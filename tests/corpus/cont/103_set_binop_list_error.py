# expect: TypeError: unsupported operand type(s) for &: 'set' and 'list'
s = {1}
print(s | {2})
print(s & [1])
