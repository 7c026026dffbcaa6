# expect: ok
s = 'abcabcabc'
print(s.find('c'), s.find('c', 3), s.find('c', -2), s.find('c', 1, -3), s.find('x'))
print(s.rfind('c'), s.rfind('c', 0, 5), s.rfind('abc', 1), s.rfind(''))
print(s.index('b'), s.rindex('b'), s.index('ca', 3), s.rindex('a', 0, 4))
print('abc'.find('', 3), 'abc'.find('', 4), 'abc'.rfind('', 1, 2))
print('éàüéàü'.find('à'), 'éàüéàü'.rfind('à'), 'éàüéàü'.find('ü', 3), 'éàüéàü'.index('éà', 1))
print(s.find('a', None, None), s.find('b', 2**70), s.find('b', -2**70))
print(s.find('bc', True), s.rfind('ab', 0, 2**65))
