# expect: ok
l = [1, 2, 3, 2, 1, 2.0, True]
print(l.index(2), l.index(2, 2), l.index(2, -3), l.index(1, 1, 5))
print(l.count(2), l.count(1), l.count(9), l.count(True))
print(l.index(2, -100, 100), l.index(3, 2**70 - 2**70))
