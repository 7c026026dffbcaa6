# expect: TypeError: '<' not supported between instances of 'int' and 'NoneType'
print(1 < 2)
print(1 < None)
