# expect: ValueError: slice step cannot be zero
print('abc'[::1])
x = 'abc'[::0]
