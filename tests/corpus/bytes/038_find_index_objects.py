# expect: ok
# start/end of the bytes search methods accept objects with __index__, as
# str's do (_PyEval_SliceIndex); big ints clamp; other types fail.
class I:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v

for t in (bytes, bytearray):
    s = t(b"abcbab")
    print(s.find(b"b", I(2)), s.rfind(b"b", I(0), I(4)), s.count(b"b", I(-3)))
    print(s.index(b"a", I(1)), s.rindex(b"b", None, I(5)))
    print(s.startswith(b"c", I(2)), s.endswith(b"b", I(0), I(4)))
    print(s.find(b"a", 10**30), s.find(b"a", -10**30), s.count(b"", I(2), I(4)))
    try:
        s.find(b"a", 1.5)
    except TypeError as e:
        print(e)
    try:
        s.find(b"a", I("x"))
    except TypeError as e:
        print(e)
