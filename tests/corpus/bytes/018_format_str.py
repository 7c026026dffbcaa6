# expect: ok
b = b'ab\x00'
print(f'{b}', f'{b!r}', f'{b!s}', f'{b!a}', f'{bytearray(b"x")}', format(b), format(b, ''), '{}'.format(b))
print('%s %r' % (b, b), str(b) == repr(b), '%a' % (bytearray(b'\xff'),))
print([b, bytearray(b'y')], (b,), {b: bytearray(b'v')}, {b'k'})
print(b'abc'.decode().upper().encode())
