# expect: ValueError: bytes must be in range(0, 256)
print(bytes([255]))
x = bytes([1, 256])
