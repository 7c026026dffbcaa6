# expect: ok
s = '  Hello, World!  '
print(s.strip().lower().replace('world', 'there').title())
print('-'.join(s.split()).center(20, '*'))
print(s.strip().split(',')[1].strip().rstrip('!').upper())
print('a,b;c d'.replace(';', ',').replace(' ', ',').split(','))
