# expect: TypeError: 'str' object cannot be interpreted as an integer
print('5'.zfill(3))
x = '5'.zfill('3')
