# expect: TypeError: can't multiply sequence by non-int of type 'str'
print('ok')
x = 'ab' * 'cd'
