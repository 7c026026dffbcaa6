# expect: ok
d = {}
d['me'] = d
print(d)
e = {'l': [d]}
d['e'] = e
print(e)
l = [d]
print(l)
