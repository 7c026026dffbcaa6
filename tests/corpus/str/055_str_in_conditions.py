# expect: ok
for s in ['', 'a', ' ', '0', 'False']:
    if s:
        print(repr(s), 'truthy')
    else:
        print(repr(s), 'falsy')
print(bool(''), bool('x'), not '', 'a' and 'b', '' or 'default')
x = 'abc'
while x:
    print(x)
    x = x[1:]
