# expect: IndexError: index out of range
b = b'abc'
print(b[2])
x = b[3]
