# expect: TypeError: 'value' is an invalid keyword argument for str()
print(str(object=5))
x = str(value=5)
