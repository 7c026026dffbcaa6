# expect: ValueError: negative shift count
n = -5
print(2 ** 100 << 5)
print(2 ** 100 << n)
