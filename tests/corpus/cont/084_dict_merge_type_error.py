# expect: TypeError: unsupported operand type(s) for |: 'dict' and 'list'
a = {1: 2}
print(a | {3: 4})
print(a | [(3, 4)])
