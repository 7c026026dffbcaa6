# expect: TypeError: can't multiply sequence by non-int of type 'float'
print('ab' * 2)
x = 'ab' * 2.0
