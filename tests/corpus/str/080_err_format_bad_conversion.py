# expect: ValueError: Unknown conversion specifier x
print('{!r}'.format(1))
x = '{!x}'.format(1)
