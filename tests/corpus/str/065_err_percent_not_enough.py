# expect: TypeError: not enough arguments for format string
print('%s %s' % ('a', 'b'))
x = '%s %s' % ('a',)
