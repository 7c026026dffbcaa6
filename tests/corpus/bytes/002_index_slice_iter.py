# expect: ok
b = b'hello world'
print(b[0], b[-1], b[4], b[-11], type(b[0]))
print(b[1:4], b[:5], b[6:], b[-5:], b[::2], b[::-1], b[1:-1:3], b[100:], b[5:2], b[-100:3])
print(b[True], b[False:True])
for step in (1, 2, 3, -1, -2, -4):
    for start in (None, 0, 3, -2, 50):
        print(step, start, b[start::step], b[:start:step])
print(list(b'abc'), tuple(b''), [x + 1 for x in b'\x00\xff'])
it = iter(b'xy')
print(next(it), next(it), next(it, 'done'))
print(list(enumerate(b'ab')), sorted(b'cab'), max(b'az'), min(b'az'), sum(b'\x01\x02'))
print(list(reversed(b'abc')))
ba = bytearray(b'hello')
print(ba[0], ba[-1], ba[1:3], ba[::-1], type(ba[1:3]), list(ba))
print(len(b), len(b''), len(bytearray(b'12')))
x, y, z = b'xyz'
print(x, y, z)
print(b'abc'[slice(1, None)], bytearray(b'abcdef')[slice(None, None, 2)])
