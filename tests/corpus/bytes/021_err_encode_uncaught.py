# expect: UnicodeEncodeError: 'ascii' codec can't encode character '\xe9' in position 3: ordinal not in range(128)
print('caf'.encode('ascii'))
x = 'café'.encode('ascii')
