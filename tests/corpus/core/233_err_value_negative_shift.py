# expect: ValueError: negative shift count
print(1 << 3, 8 >> 1)
print(8 >> -1)
