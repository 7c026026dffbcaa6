# expect: TypeError: 'int' object is not iterable
a = [1]
a += [2]
print(a)
a += 3
