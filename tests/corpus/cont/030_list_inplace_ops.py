# expect: ok
a = [1, 2]
alias = a
a += [3]
a += (4, 5)
a += 'xy'
a += range(2)
a += {9: 0}
print(a, alias is a)
a *= 2
print(a, alias is a)
a *= -1
print(a, alias)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
