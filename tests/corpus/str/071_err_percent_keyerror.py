# expect: KeyError: 'b'
print('%(a)s' % {'a': 1})
x = '%(b)s' % {'a': 1}
