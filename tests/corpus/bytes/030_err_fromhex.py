# expect: ValueError: non-hexadecimal number found in fromhex() arg at position 4
print(bytes.fromhex('ab cd'))
x = bytes.fromhex('ab c')
