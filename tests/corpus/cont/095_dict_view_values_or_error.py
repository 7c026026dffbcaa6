# expect: TypeError: unsupported operand type(s) for |: 'dict_values' and 'set'
d = {1: 2}
print(d.keys() | {3})
print(d.values() | {3})
