# expect: TypeError: unhashable type: 'list'
d = {}
d[(1,)] = 1
print(d)
d[[1]] = 2
