# expect: ok
b = b'abracadabra'
for sub in (b'a', b'abra', b'', b'z', b'ra', 97, 122, bytearray(b'cad')):
    print(sub, b.find(sub), b.rfind(sub), b.count(sub))
    for s, e in ((1, None), (2, 8), (-4, None), (None, -3), (5, 2), (100, None), (-100, 100)):
        print(' ', s, e, b.find(sub, s, e), b.rfind(sub, s, e), b.count(sub, s, e))
print(b.index(b'c'), b.rindex(b'a'), b.index(98, 2), b.rindex(b'ab', 0, 5))
print(b''.find(b''), b''.count(b''), b'aaa'.count(b'aa'), b'aaa'.count(b''), b'abc'.find(b'', 10))
print(bytearray(b'xyzxy').find(b'y'), bytearray(b'xyzxy').rfind(121), bytearray(b'xyz').count(b'z'))
print(b.startswith(b'abr'), b.startswith(b'bra', 1), b.startswith((b'x', b'ab')), b.startswith(b''))
print(b.endswith(b'bra'), b.endswith(b'cad', 0, 7), b.endswith((b'z',)), b.endswith(b'a', 50))
print(b.startswith(bytearray(b'a')), b.startswith(b'a', -1), b.endswith(b'ab', None, -2))
print(b'abc'.startswith(b'', 3), b'abc'.startswith(b'', 4), b'abc'.endswith(b'', 2, 1))
