# expect: TypeError: '<' not supported between instances of 'str' and 'int'
print([1, 2] < [1, 3])
print([1, 'a'] < [1, 2])
