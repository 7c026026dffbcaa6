# expect: ValueError: chr() arg not in range(0x110000)
print(chr(0x10ffff) == '\U0010ffff')
x = chr(0x110000)
