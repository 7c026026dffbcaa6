# expect: ok
t = (1, 2, 3, 2, 1)
print(t[0], t[-1], t[1:4], t[::-1], t[::2], t[10:], t + (4,), (0,) + t, t * 2, 2 * t, t * 0, t * -1)
print(t.count(2), t.count(9), t.index(2), t.index(2, 2), t.index(1, -1), len(t), 2 in t, 9 in t)
print(t == (1, 2, 3, 2, 1), t < (1, 2, 4), t > (1, 2), () < (0,), (1, 2) <= (1, 2))
e = ()
print(tuple(t) is t, t[:] is t, t * 1 is t, e is tuple())
