# expect: OverflowError: %c arg not in range(0x110000)
print('%c' % 65)
x = '%c' % 0x110000
