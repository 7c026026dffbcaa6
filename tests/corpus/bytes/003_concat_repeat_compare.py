# expect: ok
a, b = b'abc', b'abd'
print(a + b, a + b'', b'' + a, a + bytearray(b'!'), bytearray(b'!') + a)
print(a * 3, 3 * a, a * 0, a * -1, b'' * 5, a * True, bytearray(b'ab') * 2, 2 * bytearray(b'x'))
print(a == b, a != b, a < b, a <= b, a > b, a >= b)
print(b'ab' < b'abc', b'abc' < b'ab', b'' < b'a', b'\xff' > b'\x00\xff')
print(a == bytearray(a), bytearray(a) == a, bytearray(b'a') < b'b', b'a' == 'a', b'a' != 'a')
print(a == 97, [97] == b'a', b'a' in [b'a'], bytearray(b'a') in [b'a'])
print(sorted([b'b', b'a', b'ab', b'', b'\xff']))
print(max(b'a', b'b'), min([bytearray(b'z'), bytearray(b'y')]))
c = a
c += b'!'
print(c, a)
c *= 2
print(c)
