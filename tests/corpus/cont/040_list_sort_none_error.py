# expect: TypeError: '<' not supported between instances of 'NoneType' and 'int'
print(sorted([2, 1]))
print(sorted([1, None, 2]))
