# expect: ok
b = b'hello World 123 \xe9\xff_x'
print(b.upper(), b.lower(), b.swapcase(), b.capitalize(), b.title())
print(b"they're bill's friends".title(), b'aBC dEF'.capitalize(), b'123abc'.capitalize(), b''.title())
print(bytearray(b'MiXeD').lower(), bytearray(b'x').upper(), type(bytearray(b'a').upper()))
for t in (b'', b'abc', b'ABC', b'Abc', b'123', b'abc123', b' \t\n\r\x0b\x0c', b'a b', b'\xe9', b'Hello World', b'HELLO world', b'A1', b'a_', b'\x7f'):
    print(t, t.isalpha(), t.isalnum(), t.isdigit(), t.isspace(), t.isupper(), t.islower(), t.istitle(), t.isascii())
print(bytearray(b'ABC').isupper(), bytearray(b'\x80').isascii())
