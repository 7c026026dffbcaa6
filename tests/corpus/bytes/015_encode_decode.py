# expect: ok
s = 'héllo wörld €𝄞'
for enc in ('utf-8', 'UTF-8', 'utf8', 'U8', 'utf_8', 'Utf 8', 'cp65001'):
    print(enc, s.encode(enc))
print(s.encode(), s.encode(encoding='utf-8'), s.encode('utf-8', 'strict'), 'abc'.encode('ascii'))
print('é'.encode('latin-1'), 'é'.encode('latin1'), 'é'.encode('iso-8859-1'), 'é'.encode('ISO8859-1'), 'é'.encode('L1'), 'é'.encode('cp819'))
print('abc'.encode('us-ascii'), 'abc'.encode('646'), 'abc'.encode('ASCII'))
b = s.encode()
print(b.decode(), b.decode('utf-8'), b.decode(encoding='utf8'), b.decode('utf-8', 'strict'))
print(bytes(range(256)).decode('latin-1') == ''.join(map(chr, range(256))))
print(bytes(range(128)).decode('ascii') == ''.join(map(chr, range(128))))
print(bytearray(b'\xe2\x82\xac').decode(), b''.decode(), b'abc'.decode('ascii'))
for ch in ('a', 'é', '€', '𝄞', '\x00', '\x7f', '\x80', '\u07ff', '\u0800', '\uffff', '\U00010000', '\U0010ffff'):
    e = ch.encode()
    print(ascii(ch), e, len(e), e.decode() == ch)
print(str(b'abc', 'ascii'), str(b'\xc3\xa9', 'utf-8'), str(b'x', encoding='latin-1'))
