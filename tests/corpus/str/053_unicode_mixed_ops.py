# expect: ok
s = 'Grüße aus Köln 😀!'
print(len(s), s.upper(), s.lower(), s.title(), s.swapcase())
print(s.find('Köln'), s.index('😀'), s.count('ü'), s.split(' '))
print(s[::-1], s[6:9], s.replace('ö', 'oe'), s.center(25, '·'))
print(s.encode if False else 'skip', s.isprintable(), s.isascii())
print(list(s[-3:]), [ord(c) for c in s[-2:]])
