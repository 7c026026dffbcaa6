# expect: TypeError: unsupported format string passed to list.__format__
print('{}'.format([1]))
x = '{:>5}'.format([1])
