# expect: TypeError: can only join an iterable
print(''.join([]))
x = ''.join(5)
