# expect: ok
s = slice(1, 10, 2)
print(s, slice(5), slice(None, None, -1), slice('a', None, [1]))
print(s.start, s.stop, s.step, slice(3).start, slice(3).stop)
print(s.indices(5), slice(None).indices(3), slice(-1, -10, -2).indices(6), slice(100, -100, -3).indices(10))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1, 2) < slice(1, 3))
print([0, 1, 2, 3, 4, 5][s], 'abcdefgh'[slice(None, None, 3)], (1, 2, 3)[slice(-2, None)])
