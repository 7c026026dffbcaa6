# expect: ok
s = 'a\tb\nc\\d\'e\"f'
print(s)
print(len(s))
print('\x41\x42', '\101\102', '\u00e9', '\U0001F600')
print('\0' == '\x00', '\777' == '\u01ff')
print('\q\d', r'\q\d')
print('line1\
line2')
print(r'raw\n\t' + '|')
print("""triple 'single' and "double" """)
print('a' 'b' "c")
print('\a\b\f\v' == '\x07\x08\x0c\x0b')
