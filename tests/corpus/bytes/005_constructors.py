# expect: ok
print(bytes(), bytes(0), bytes(3), bytes(True), bytes([]), bytes([0, 1, 255]), bytes((65, 66)))
print(bytes(range(3)), bytes(b'abc'), bytes(bytearray(b'xy')), bytes({7}), bytes({1: 2}))
print(bytes(x * 2 for x in range(4)), bytes(iter([9])), bytes(map(ord, 'hi')))
print(bytes('héllo', 'utf-8'), bytes('abc', 'ascii'), bytes('é', 'latin-1'), bytes('é', encoding='utf8'))
print(bytes('é', 'ascii', 'replace'), bytes('é', 'ascii', errors='ignore'), bytes(source='x', encoding='utf-8'))
print(bytearray(), bytearray(2), bytearray([1, 2]), bytearray(b'q'), bytearray('é', 'utf-8'))
print(bytearray(bytearray(b'copy')), bytearray(range(65, 70)), bytearray(True))
print(bytes([True, False]), bytes(b'a') is not None)
x = b'same'
print(bytes(x) is x, bytearray(x) is x)
