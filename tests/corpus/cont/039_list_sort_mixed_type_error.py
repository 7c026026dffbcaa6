# expect: TypeError: '<' not supported between instances of 'str' and 'int'
l = [3, 1, 2]
l.sort()
print(l)
m = [3, 'a', 1]
_ = m.sort()
