# expect: TypeError: str.upper() takes no arguments (1 given)
print('a'.upper())
x = 'a'.upper(1)
