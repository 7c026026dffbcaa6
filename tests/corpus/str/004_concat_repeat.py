# expect: ok
a = 'foo'
b = 'bar'
print(a + b)
print(a * 3)
print(3 * a)
print(a * 0, '|', a * -2, '|')
print(a * True, a * False, '|')
c = a
c += 'x'
c *= 2
print(c, a)
print('é' * 4)
print(('ab' + 'cd') * 2)
