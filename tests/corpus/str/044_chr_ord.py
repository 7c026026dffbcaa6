# expect: ok
print(chr(65), chr(233), chr(0x1f600), chr(0x10ffff) == '\U0010ffff')
print(ord('A'), ord('é'), ord('😀'), ord('\x00'))
print([chr(i) for i in range(97, 102)])
print(''.join(chr(ord(c) + 1) for c in 'HAL'))
print(repr(chr(0)), repr(chr(127)), repr(chr(0xd800)))
