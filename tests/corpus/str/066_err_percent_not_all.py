# expect: TypeError: not all arguments converted during string formatting
print('%s' % 'a')
x = '%s' % ('a', 'b')
