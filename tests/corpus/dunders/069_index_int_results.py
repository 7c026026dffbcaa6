# expect: ok
# __index__/__int__ results (non-int refused with CPython's message); struct.error and binascii.Error raised from C.
import struct, binascii
class A:
    def __index__(self): return 1
class B:
    def __index__(self): return 1.5
class C:
    def __int__(self): return "x"
class D:
    def __int__(self): return 0
print([10, 20][A()], int(D()), struct.pack("b", A()))
for f in (lambda: [1][B()], lambda: int(C()), lambda: struct.pack("b", 300), lambda: struct.unpack("i", b"1"),
          lambda: binascii.unhexlify("abc"), lambda: binascii.a2b_base64("a")):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
