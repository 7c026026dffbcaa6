# expect: ok
a, *b = [1, 2, 3]
print(a, b)
*a, b = (1, 2, 3)
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
*a, = 'xyz'
print(a)
first, *rest = iter([9, 8, 7])
print(first, rest)
a, b, *c, d, e = range(10)
print(a, b, c, d, e)
