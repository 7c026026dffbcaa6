# expect: ok
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
d = {1: 2, 3: 4}
di = iter(d)
print(next(di), next(di), next(di, 'end'))
s = iter({5})
print(next(s), next(s, None))
z = zip([1, 2], [3, 4])
print(list(z), list(z))
e = enumerate('ab')
print(next(e), list(e))
