# expect: TypeError: %d format: a real number is required, not str
print('%d' % 5)
x = '%d' % 'five'
