# expect: TypeError: cannot unpack non-iterable NoneType object
a, *b = [1]
print(a, b)
a, *b = None
