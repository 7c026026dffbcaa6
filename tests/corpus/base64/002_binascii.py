# expect: binascii.Error: Odd-length string
# binascii: base64 (strict_mode, newline), hex (sep), crc32, the exception classes.
import binascii
tests = [
 lambda: binascii.a2b_base64('abc'), lambda: binascii.a2b_base64('abcde'), lambda: binascii.a2b_base64('ab!c', strict_mode=True), lambda: binascii.a2b_base64('ab!cd==='),
 lambda: binascii.a2b_base64('abcd=', strict_mode=True), lambda: binascii.a2b_base64('ab=c', strict_mode=True), lambda: binascii.a2b_base64('=abc', strict_mode=True), lambda: binascii.a2b_base64('abc=d'),
 lambda: binascii.a2b_base64('abcd==', strict_mode=True), lambda: binascii.a2b_base64('abcd===='), lambda: binascii.a2b_base64('YQ=', strict_mode=True), lambda: binascii.a2b_base64('Y===', strict_mode=True),
 lambda: binascii.a2b_base64('YQ==YQ=='), lambda: binascii.a2b_base64('YQ==YQ==', strict_mode=True), lambda: binascii.a2b_base64(b'YWI=\n YWI='), lambda: binascii.a2b_base64(''), lambda: binascii.a2b_base64('é'), lambda: binascii.a2b_base64(1),
 lambda: binascii.b2a_base64(b''), lambda: binascii.b2a_base64(b'x'), lambda: binascii.b2a_base64(b'xy', newline=False), lambda: binascii.b2a_base64(bytearray(b'xyz')), lambda: binascii.b2a_base64('s'),
 lambda: binascii.hexlify(b'\x01\x02\x03', '-', 2), lambda: binascii.hexlify(b'\x01\x02\x03', '-', -2), lambda: binascii.b2a_hex(b'\x01\x02\x03', b':'), lambda: binascii.hexlify(b''), lambda: binascii.hexlify(b'a', '--'), lambda: binascii.hexlify('a'),
 lambda: binascii.unhexlify('abc'), lambda: binascii.unhexlify('zz'), lambda: binascii.unhexlify('0aFf'), lambda: binascii.a2b_hex(b'0aff'), lambda: binascii.unhexlify(1), lambda: binascii.unhexlify('é'),
 lambda: binascii.crc32(b'abc'), lambda: binascii.crc32(b'abc', 5), lambda: binascii.crc32(b'a', -1), lambda: binascii.crc32(b'a', 2**40), lambda: binascii.crc32(b'a', 1.5), lambda: binascii.crc32('a'), lambda: binascii.crc32(bytes(range(256)) * 10),
 lambda: binascii.a2b_base64(), lambda: binascii.a2b_base64(b'', b''), lambda: binascii.a2b_base64(b'', foo=1),
]
for t in tests:
    try: print(repr(t()))
    except binascii.Error as e: print("Error", e)
    except (TypeError, ValueError) as e: print(type(e).__name__, e)
print(binascii.Error.__mro__, binascii.Incomplete.__mro__)
print(issubclass(binascii.Error, ValueError), isinstance(binascii.Error("x"), ValueError))
data = bytes(range(256))
for n in range(0, 40):
    e = binascii.b2a_base64(data[n * 3:n * 3 + n])
    assert binascii.a2b_base64(e) == data[n * 3:n * 3 + n]
    assert binascii.unhexlify(binascii.hexlify(data[:n])) == data[:n]
print(binascii.crc32(b"hello", binascii.crc32(b"world")))
print("now uncaught")
x = binascii.a2b_hex(b"abc")
