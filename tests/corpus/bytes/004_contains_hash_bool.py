# expect: ok
b = b'hello'
print(104 in b, 0 in b, b'ell' in b, b'' in b, b'lo!' in b, bytearray(b'he') in b)
print(True in b'\x01', False in b'\x01', 255 in b'\xff')
print(b'l' in bytearray(b'hello'), 108 in bytearray(b'hello'), 7 not in b'')
print(hash(b'abc') == hash(b'abc'), hash(b'') == hash(b''), hash(b'a') == hash(bytes([97])))
d = {b'k': 1, b'': 2}
d[bytes(b'k')] += 10
print(d, d[b''], b'k' in d, {b'x', b'x', b'y'} == {b'y', b'x'})
print(bool(b''), bool(b'\x00'), bool(bytearray()), bool(bytearray(1)), not b'')
if b'x':
    print('truthy')
print(len({b'a': 1, bytes(b'a'): 2}))
