# expect: TypeError: unsupported format string passed to list.__format__
items = [1, 2]
print(f'{items}')
x = f'{items:>10}'
