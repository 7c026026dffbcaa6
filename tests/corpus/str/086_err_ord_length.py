# expect: TypeError: ord() expected a character, but string of length 2 found
print(ord('a'))
x = ord('ab')
