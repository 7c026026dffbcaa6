# expect: ok
s = 'hello'
print(len(s), s[0], s[4], s[-1], s[-5])
u = 'héllo wörld'
print(len(u), u[1], u[-4], u[7])
print(len(''), len('😀😀'))
e = '😀é'
print(e[0], e[1], e[-1])
print(s[True], s[False])
