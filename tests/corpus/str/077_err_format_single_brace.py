# expect: ValueError: Single '}' encountered in format string
print('{{ok}}'.format())
x = 'a } b'.format()
