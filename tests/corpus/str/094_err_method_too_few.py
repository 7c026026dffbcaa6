# expect: TypeError: replace expected at least 2 arguments, got 1
print('a'.replace('a', 'b'))
x = 'a'.replace('a')
