# expect: ok
t = b'a\nb\r\nc\rd\n\ne\x0bf\x0cg'
print(t.splitlines(), t.splitlines(True), t.splitlines(keepends=True), b''.splitlines(), b'\n'.splitlines())
print(b'x\n'.splitlines(), b'x\r\n\r'.splitlines(1), bytearray(b'1\n2').splitlines())
print(b'a\tb\tc'.expandtabs(), b'a\tbc\td'.expandtabs(4), b'\t'.expandtabs(0), b'ab\n\tc'.expandtabs(3), b'x\ty'.expandtabs(tabsize=2))
table = bytes.maketrans(b'abc', b'xyz')
print(len(table), table[97:100], b'aabbcc'.translate(table), b'abcdef'.translate(None, b'ace'), b'abc'.translate(table, b'b'))
print(bytearray(b'abc').translate(table), b'hello'.translate(None), bytearray.maketrans(b'l', b'L') == bytes.maketrans(b'l', b'L'))
print(b'hello'.translate(bytes.maketrans(b'lo', b'01'), delete=b'h'))
