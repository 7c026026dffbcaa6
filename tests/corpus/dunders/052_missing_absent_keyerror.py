# expect: KeyError: 'k'
class D(dict):
    pass
d = D()
print(len(d))
v = d["k"]
