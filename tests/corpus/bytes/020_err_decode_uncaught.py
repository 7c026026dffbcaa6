# expect: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte
data = b'ok\xff'
print(data[:2].decode())
text = data.decode()
