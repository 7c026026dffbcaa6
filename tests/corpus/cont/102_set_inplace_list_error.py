# expect: TypeError: unsupported operand type(s) for |=: 'set' and 'list'
s = {1}
s |= {2}
print(s)
s |= [3]
