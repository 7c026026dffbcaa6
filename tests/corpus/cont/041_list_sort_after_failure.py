# expect: ok
l = [5, 3, 'x', 1, 4]
try:
    l.sort()
except TypeError as e:
    print('TypeError:', e)
print(l)
m = list(range(40, 0, -1)) + [None] + list(range(20))
try:
    m.sort()
except TypeError as e:
    print('TypeError:', e)
print(m)
