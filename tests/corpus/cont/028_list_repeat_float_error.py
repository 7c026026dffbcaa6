# expect: TypeError: can't multiply sequence by non-int of type 'float'
a = [1]
print(a * 2)
print(a * 2.0)
