# expect: ok
print('{!r}'.format('a'), '{!s}'.format('a'), '{!a}'.format('é'))
print('{0!r:>8}|'.format('a'))
print('{0!a:^9}|'.format('é'))
print('{!r}'.format([1, 'b']), '{!s:5}|'.format(None))
print('{!r}'.format(True), '{!r}'.format(1.0))
