# expect: ok
class It:
    def __iter__(self):
        return iter([65, 66])
class Idx:
    def __index__(self):
        return 2
class K(dict):
    pass
print(bytes(It()), bytearray(It()), b'-'.join(x for x in [b'a', b'b']))
ba = bytearray(b'x')
ba.extend(It())
print(ba, b'%(k)s' % K({b'k': b'v'}))
print(isinstance(b'', bytes), issubclass(bytearray, bytes), type(b'x') is bytes)
def gen():
    yield 1
    yield 2
print(bytes(gen()), bytearray(gen()))
for f in [lambda: bytes(Idx()), lambda: b'ab'[Idx()], lambda: b'ab' * Idx()]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
ba = bytearray(b'abc')
ba[Idx()] = Idx()
print(ba, ba[Idx()], Idx() in b'\x02', bytes([Idx(), 1]))
del ba[Idx()]
print(ba)
class Bad:
    def __index__(self):
        return 'x'
for f in [lambda: b'ab'[Bad()], lambda: bytes(Bad()), lambda: bytes([Bad()])]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
