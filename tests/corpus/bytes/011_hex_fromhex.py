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
