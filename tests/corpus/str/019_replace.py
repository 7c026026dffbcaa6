# expect: ok
print('abcabc'.replace('b', 'X'))
print('abcabc'.replace('b', 'X', 1))
print('abc'.replace('', '-'), 'abc'.replace('', '-', 2), ''.replace('', 'a'))
print('abc'.replace('b', 'X', 0), 'abc'.replace('b', 'X', -1))
print('aaa'.replace('aa', 'b'), 'aaaa'.replace('a', ''))
print('héllo'.replace('é', 'e'), 'x😀y'.replace('😀', '<smile>'))
print('hello'.replace('xyz', 'abc'), 'hello'.replace('l', 'L', 5))
print('éé'.replace('', '.'))
