# expect: ok
d = {'name': 'Ann', 'n': 3, 'x': 2.5}
print('%(name)s has %(n)d items' % d)
print('%(x).2f %(x)5.1f| %(name)r' % d)
print('%(name)s %(name)s' % d)
print('%s' % d)
print('%(a)s' % {'a': 'x', 'b': 2})
print('%s' % [])
print('' % {}, '' % [])
