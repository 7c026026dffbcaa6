# expect: ok
# bytes/bytearray subscripts with __index__ objects; one beyond int64 names
# the object's type in the IndexError, as CPython.
class I:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
b = b'hello'; ba = bytearray(b'hello')
print(b[I(1)], ba[I(-1)], b[I(0)])
ba[I(0)] = 72; print(ba)
del ba[I(1)]; print(ba)
for obj in (b, ba):
    for k in (I(10), I(2**70), I(-2**70), 'x', 1.5):
        try: print(obj[k])
        except Exception as e: print(type(e).__name__, e)
for k in (I(10), I(2**70), 'x'):
    try: ba[k] = 1
    except Exception as e: print(type(e).__name__, e)
    try: del ba[k]
    except Exception as e: print(type(e).__name__, e)
print(type(b).__name__, len(ba), 104 in b, b'l' in ba, list(iter(ba)), b == ba, b + ba, ba * 2, bool(b''))
