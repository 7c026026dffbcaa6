# expect: ok
b = b'\x00\x01\xab\xff\x10'
print(b.hex(), b''.hex(), bytearray(b'\xde\xad').hex())
for sep in (':', b'-', ' '):
    for n in (1, 2, 3, -1, -2, -3, 5, 0, 100):
        print(repr(sep), n, b.hex(sep, n))
print(b.hex(sep='_'), b.hex('|', bytes_per_sep=2))
print(bytes.fromhex('00 01ab ff'), bytes.fromhex(''), bytes.fromhex('  DEad bEEF  '), bytearray.fromhex('4142'))
print(b'x'.fromhex('41'), bytearray(b'x').fromhex('42'), type(bytearray.fromhex('')))
print(bytes.fromhex('41\t42\n43'))
for s in ('00 \xe9', 'zz \xe9', '\xe9', '0\xe9', '00\u3000', '0 1', '\t00\n\x0b\x0c\r01', '00\x1c', '0', ' 0 '):
    try:
        print(repr(s), bytes.fromhex(s))
    except ValueError as e:
        print(repr(s), e)
