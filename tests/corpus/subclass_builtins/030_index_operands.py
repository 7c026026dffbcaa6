# expect: ok
# Integer arguments (index operands without __index__): int subclasses and bools accepted, other types refused with CPython's message.
import math, random, binascii, struct
class I(int): pass
for f in (lambda: math.gcd(I(12), 8), lambda: math.comb(I(5), True), lambda: math.isqrt(I(17)),
          lambda: list(enumerate("ab", I(3))), lambda: list(enumerate("ab", True)),
          lambda: binascii.crc32(b"x", I(5)), lambda: slice(1, 9, 2).indices(I(5)),
          lambda: slice(1, 9).indices(True), lambda: random.Random(I(3)).getrandbits(I(8)),
          lambda: math.gcd(1.5), lambda: list(enumerate("a", 1.5)), lambda: binascii.crc32(b"x", "s"),
          lambda: slice(1).indices("3"), lambda: random.Random(1).getrandbits(2.0),
          lambda: struct.pack_into("b", bytearray(2), 1.0, 1),
          lambda: chr(1.5), lambda: round(1.5, "x"), lambda: int("12", 2.0), lambda: range(1.0),
          lambda: bytes([1.0]), lambda: bytearray(b"a").append("x"), lambda: "ab"[1.0:],
          lambda: BlockingIOError(1, "x", 2.5)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
