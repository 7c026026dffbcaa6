# expect: TypeError: unhashable type: 'bytearray'
print(hash(b'x') == hash(b'x'))
x = {bytearray(b'x'): 1}
