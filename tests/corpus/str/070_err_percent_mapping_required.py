# expect: TypeError: format requires a mapping
print('ok')
x = '%(a)s' % 5
