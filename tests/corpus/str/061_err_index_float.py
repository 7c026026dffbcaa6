# expect: TypeError: string indices must be integers, not 'float'
print('abc'[1])
x = 'abc'[1.5]
