# expect: TypeError: cannot unpack non-iterable int object
a, b = 'xy'
print(a, b)
a, b = 5
