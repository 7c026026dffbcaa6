# expect: ok
for n in (0, 1, 127, 128, 255, 256, 65535, 2**31, 2**63 - 1, 2**63, 2**64 + 5, 10**30):
    k = max(1, (n.bit_length() + 7) // 8)
    print(n, n.to_bytes(k, 'big'), n.to_bytes(k, 'little'), n.to_bytes(k + 1, 'big', signed=True))
    print(int.from_bytes(n.to_bytes(k, 'big'), 'big') == n, int.from_bytes(n.to_bytes(k, 'little'), 'little') == n)
for n in (-1, -128, -129, -256, -2**63, -2**63 - 1, -10**25):
    k = (n + 1).bit_length() // 8 + 1
    b = n.to_bytes(k, 'big', signed=True)
    print(n, k, b, n.to_bytes(k + 2, byteorder='little', signed=True), int.from_bytes(b, 'big', signed=True) == n)
print((5).to_bytes(), (0).to_bytes(0, 'big'), (1).to_bytes(length=3, byteorder='little'), True.to_bytes(2, 'big'))
print(int.from_bytes(b''), int.from_bytes(b'\x01\x00'), int.from_bytes(b'\x01\x00', 'little'), int.from_bytes(b'\xff', signed=True))
print(int.from_bytes([1, 2, 3], 'big'), int.from_bytes(bytearray(b'\x80\x00'), 'big', signed=True), int.from_bytes((255,) * 20, 'little'))
print(int.from_bytes(b'\xff' * 9, 'big', signed=True), int.from_bytes(b'\x00' * 9 + b'\x80', 'little', signed=True))
print(int.from_bytes(bytes=b'\x02', byteorder='big'), (3).from_bytes(b'\x07', 'big'))
print((2**100).to_bytes(20, 'big').hex(), (-(2**100)).to_bytes(20, 'big', signed=True).hex())
