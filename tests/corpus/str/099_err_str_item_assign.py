# expect: TypeError: 'str' object does not support item assignment
s = 'abc'
print(s)
s[0] = 'x'
