# expect: ValueError: Single '{' encountered in format string
print('ok')
x = 'a {'.format()
