# expect: ok
p = [10, 20, 30]
print('{0[1]} {0[2]}'.format(p))
print('{x[0][1]}'.format(x=[[1, 2]]))
print('{0[a]}'.format({'a': 5}))
print('{0[0]}'.format({0: 'int key'}))
print('{0[1]}'.format('ab'))
print('{d[k]:>5}|'.format(d={'k': 'v'}))
