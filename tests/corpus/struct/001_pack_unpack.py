# expect: ok
import struct
print(struct.calcsize("<bI"), struct.unpack("<bI", b"\x80\0\0\x01\0"), struct.calcsize(">bI"), struct.unpack(">bI", b"\x80\0\0\x01\0"))
print(struct.pack("<hHiIqQ", -2, 65535, -7, 2**32-1, -2**63, 2**64-1))
print(struct.unpack("<hHiIqQ", struct.pack("<hHiIqQ", -2, 65535, -7, 2**32-1, -2**63, 2**64-1)))
print(struct.pack(">d", 1.5), struct.pack("<f", 0.1), struct.unpack("<f", struct.pack("<f", 0.1)))
for v in (1.0, 0.1, 65504.0, 6e-8, 1e-10, -0.0, float("inf"), 65519.9, 0.333, 2.0**-14, 2.0**-24, 5.96e-8):
    print(v, struct.pack("<e", v), struct.unpack("<e", struct.pack("<e", v)))
print(struct.unpack("<e", b"\x00\x7e"), struct.pack("<e", float("nan")))
print(struct.pack("5s3p?c", b"hello world", b"abcdef", [1], b"z"), struct.unpack("5s3p?c", b"hello\x02ab\x01z"))
print(struct.calcsize("@bhi"), struct.calcsize("@bq"), struct.calcsize("@qb"), struct.calcsize("@c3x"), struct.calcsize("<2x"), struct.calcsize("@c0l"))
print(struct.pack("@bhi", 1, 2, 3), struct.pack("=bhi", 1, 2, 3))
s = struct.Struct("<ih")
print(s.size, s.format, s.pack(1, 2), s.unpack(b"\1\0\0\0\2\0"), list(struct.iter_unpack("<h", b"\1\0\2\0")))
b = bytearray(8)
struct.pack_into("<i", b, 2, -1); print(b, struct.unpack_from("<i", b, 2), struct.unpack_from("<h", b))
print(struct.pack("<I", True), struct.pack(b"<H", 7))
class Ix:
    def __index__(self): return 5
print(struct.pack("<b", Ix()))
tests = [("<i", 2**31), ("<B", -1), ("<I", -1), (">q", 2**63), ("<q", 2**63), (">H", 70000), ("<h", 1.5), ("<d", "x"), ("<c", b"ab"), ("<s", "a"), ("<z", 1), ("i2", 1), ("<f", 1e300), ("<e", 1e6), ("<L", 2**40), ("@l", 2**64)]
for f, v in tests:
    try:
        struct.pack(f, v)
    except (struct.error, OverflowError) as e:
        print(f, type(e).__name__, e)
for a in [("<i", b"abc"), ("<i", "abcd")]:
    try: struct.unpack(*a)
    except Exception as e: print(type(e).__name__, e)
for call in [lambda: struct.unpack_from("<i", b"abcdefgh", 6), lambda: struct.unpack_from("<i", b"abcdefgh", -10),
             lambda: list(struct.iter_unpack("<i", b"abcde")), lambda: struct.pack("<ii", 1), lambda: struct.pack("<i", 1, 2),
             lambda: struct.pack_into("<i", bytearray(2), 0, 1), lambda: struct.unpack_from("<i", b"ab")]:
    try: call()
    except Exception as e: print(type(e).__name__, e)
print(struct.error.__mro__[1].__name__, struct.error.__module__)
