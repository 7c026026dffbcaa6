# expect: ok
ba = bytearray(b'hello')
ba[0] = 72
ba[-1] = ord('!')
print(ba)
ba.append(33)
ba.extend(b' world')
ba.extend([1, 2])
ba.extend(bytearray(b'ba'))
ba.extend(x for x in range(3))
ba.extend(iter(b''))
print(ba, len(ba))
print(ba.pop(), ba.pop(0), ba.pop(-2), ba)
ba.insert(0, 65)
ba.insert(100, 90)
ba.insert(-1, 89)
ba.insert(-100, 88)
print(ba)
ba.remove(ord('l'))
print(ba)
c = ba.copy()
c.reverse()
print(c, ba == c[::-1], c is not ba)
ba.clear()
print(ba, len(ba), ba.append(1), ba)
alias = bytearray(b'ab')
same = alias
alias += b'cd'
print(same, same is alias)
alias *= 2
print(same)
alias += alias[:]
print(alias)
alias *= 0
print(same, len(same))
x = bytearray(b'xyz')
x += bytearray(b'!')
x.extend(x)
print(x)
del x[0]
del x[-1]
print(x)
e = bytearray()
e.extend(b'')
e.reverse()
print(e, e.copy())
y = bytearray(b'abc')
for i, v in enumerate(y):
    if i == 0:
        y.append(100)
    print(v)
print(y)
