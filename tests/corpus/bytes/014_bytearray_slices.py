# expect: ok
b = bytearray(b'0123456789')
b[2:5] = b'ab'
print(b)
b[0:0] = b'XY'
print(b)
b[-2:] = [65, 66, 67]
print(b)
b[3:3] = bytearray(b'--')
print(b)
b[::2] = b'.' * len(b[::2])
print(b)
b[1::3] = bytes(len(b[1::3]))
print(b)
b[:] = b'fresh'
print(b)
b[1:4] = (x for x in b'QRSTU')
print(b)
b[5:1] = b'!'
print(b)
b[::-1] = b[::-1]
print(b)
b[::-2] = b'\x00' * len(b[::-2])
print(b)
del b[1:3]
print(b)
del b[::2]
print(b)
c = bytearray(range(10))
del c[::-3]
print(list(c))
del c[:]
print(c)
d = bytearray(b'abcdef')
d[1:3] = d
print(d)
d[:] = b''
print(d)
e = bytearray(b'abcdefgh')
del e[1:7:2]
print(e)
e[0:1] = []
print(e)
e[-1:] = range(97, 100)
print(e)
