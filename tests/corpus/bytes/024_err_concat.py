# expect: TypeError: can't concat str to bytes
print(b'a' + b'b')
x = b'a' + 'b'
