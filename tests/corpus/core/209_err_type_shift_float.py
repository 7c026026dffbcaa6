# expect: TypeError: unsupported operand type(s) for <<: 'float' and 'int'
print(1 << 3)
print(1.0 << 3)
