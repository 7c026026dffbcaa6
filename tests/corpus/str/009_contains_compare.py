# expect: ok
print('a' in 'abc', 'd' in 'abc', '' in 'abc', 'bc' in 'abc', 'ac' not in 'abc')
print('é' in 'café', 'fé' in 'café')
print('a' < 'b', 'a' < 'ab', 'abc' < 'abd', 'B' < 'a', 'é' > 'z')
print('\U0001f600' > '\uffff', 'abc' == 'abc', 'abc' != 'abc', 'a' == 1, 'a' != 1)
print('abc' <= 'abc', 'abc' >= 'abd', '' < 'a')
print(sorted(['b', 'a', 'é', 'Z', 'ä', '😀', '']))
print(max(['apple', 'pear', 'fig']), min('zz', 'z'))
