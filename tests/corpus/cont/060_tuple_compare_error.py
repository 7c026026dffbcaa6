# expect: TypeError: '<' not supported between instances of 'int' and 'str'
print((1, 2) < (1, 3))
print((1, 2) < (1, 'x'))
