# expect: ValueError: incomplete format
print('ok')
x = 'abc %' % ()
