# expect: ok
print('{} {}'.format('a', 'b'))
print('{0} {1} {0}'.format('x', 'y'))
print('{1}{0}'.format(1, 2))
print('{}'.format(None), '{}'.format(True), '{}'.format(1.5), '{}'.format([1, 'a']))
print('{{}} {{{}}}'.format(7), '}}{{'.format())
print('{0}'.format(1, 2), 'no fields'.format(1, x=2))
print('{٠}'.format('arabic zero'))
