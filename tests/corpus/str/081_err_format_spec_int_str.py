# expect: ValueError: Unknown format code 'd' for object of type 'str'
print('{:d}'.format(5))
x = '{:d}'.format('5')
