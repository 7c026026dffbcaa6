# expect: ok
print(', '.join(['a', 'b', 'c']))
print(''.join(['x', 'y']), '-'.join([]), '-'.join(['solo']))
print('-'.join('abc'), '|'.join(('é', '😀')))
print(' '.join(str(i) for i in range(5)))
print('+'.join({'k1': 1, 'k2': 2}))
words = ['the', 'quick', 'brown', 'fox']
print(' '.join(w.upper() for w in words))
print('ab'.join(['1', '2', '3']))
