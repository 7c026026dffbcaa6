# expect: ok
s = 'hello world'
print(s.startswith('hello'), s.startswith('world'), s.startswith('world', 6))
print(s.endswith('world'), s.endswith('hello', 0, 5), s.endswith('o', 0, -6))
print(s.startswith(('a', 'h')), s.endswith(('x', 'y')), s.startswith(()))
print('abc'.startswith(''), 'abc'.startswith('', 3), 'abc'.startswith('', 4))
print('abc'.startswith('b', 1, 1), 'abc'.endswith('', 2, 1), 'abc'.startswith('abcd', 0, 10))
print('éàü'.startswith('éà'), 'éàü'.endswith('ü', -1), 'éàü'.startswith('à', 1))
print('abc'.startswith(('a', 1)))
