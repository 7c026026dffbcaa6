# expect: TypeError: 'str' object cannot be interpreted as an integer
print(list(enumerate('a', 1)))
e = enumerate('a', 'b')
