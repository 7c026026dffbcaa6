# expect: TypeError: '<' not supported between instances of 'NoneType' and 'int'
print(min(3, 1))
print(min(3, None))
