# expect: ValueError: Unknown format code 'd' for object of type 'float'
v = 3.5
print(f'{v:.1f}')
x = f'{v:d}'
