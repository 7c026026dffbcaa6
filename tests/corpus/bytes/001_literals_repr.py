# expect: ok
print(b'abc', B"abc", b'', b"")
print(b'\x00\x01\x7f\x80\xfe\xff')
print(b'\n\t\r\\ \a\b\f\v')
print(b'\101\102\0\7\77\777')
print(b'it\'s', b"say \"hi\"", b'both \' and "', b"only '", b'only "')
print(rb'\x00\n', Rb'\d', bR'\'', BR"\\", br'''a
b''')
print(b'''triple
quoted''', b"""x""")
print(b'a' b'b' B'c', b'x' rb'\y')
print(b'\q \N{x} \u1234 \U00012345')
print(b'line\
continued')
print(bytes(range(256)))
for i in range(0, 256, 16):
    print(repr(bytes(range(i, i + 16))))
print([bytes([i]) for i in (0, 9, 10, 13, 31, 32, 39, 34, 92, 126, 127, 128, 255)])
print(bytearray(b'abc'), bytearray(), bytearray(b"'"), bytearray(b'\'"'))
print(repr(b'x'), str(b'y'), ascii(b'z'), repr(bytearray(b'\xff')))
print(type(b''), type(bytearray()), type(b'').__name__)
