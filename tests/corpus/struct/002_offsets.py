# expect: ok
# pack_into/unpack_from offsets: inside, past the end, negative (from the end), huge; CPython's messages.
import struct
buf = bytearray(8)
for off in (0, 4, 5, 8, 9, -1, -4, -8, -9, 2**62, -2**62, -2**63, 2**63 - 1):
    for f in (lambda: struct.pack_into("i", buf, off, 7), lambda: struct.unpack_from("i", buf, off),
              lambda: struct.unpack_from("0s", buf, off)):
        try:
            print(off, f())
        except struct.error as e:
            print(off, e)
