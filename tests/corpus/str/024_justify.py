# expect: ok
print('[' + 'abc'.center(9) + ']', '[' + 'abc'.center(6, '*') + ']', '[' + 'ab'.center(5, '*') + ']')
print('[' + 'abc'.ljust(6) + ']', '[' + 'abc'.rjust(6, '.') + ']', '[' + 'abc'.ljust(2) + ']')
print('[' + 'é'.center(4, 'ü') + ']', '[' + 'x'.rjust(3, '😀') + ']')
print('[' + 'abc'.center(-5) + ']', '[' + 'x'.ljust(True) + ']')
for w in range(1, 8):
    print(w, '[' + 'ab'.center(w, '-') + ']', '[' + 'abc'.center(w, '-') + ']')
