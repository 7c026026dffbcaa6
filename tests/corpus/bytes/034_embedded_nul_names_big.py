# expect: ok
for f in [lambda: 'a'.encode('utf-8\x00'), lambda: 'a'.encode('utf-8', 'strict\x00'), lambda: b'a'.decode('ascii\x00'), lambda: bytes('a', 'utf-8\x00'), lambda: str(b'a', 'utf-8\x00'), lambda: 'a'.encode('utf-8', 'bo\x00gus'), lambda: bytearray('a', 'ascii', 'x\x00')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
big = b'ab' * 100000 + b'abc'
print(big.count(b'ab'), big.find(b'abc'), len(big.split(b'b')), len(big.replace(b'a', b'xy')), big.rfind(b'ba'))
