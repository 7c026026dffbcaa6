# expect: TypeError: can only concatenate str (not "int") to str
print('start')
x = 'a' + 1
