# expect: TypeError: '>=' not supported between instances of 'NoneType' and 'float'
print(None == 1.5)
print(None >= 1.5)
