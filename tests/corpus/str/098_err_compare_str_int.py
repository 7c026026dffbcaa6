# expect: TypeError: '<' not supported between instances of 'str' and 'int'
print('a' < 'b')
x = 'a' < 1
