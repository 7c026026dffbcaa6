# expect: ok
print(True + True, True * 10, False - 1, True / 2, True // 2)
print(-True, ~True, +False, ~False)
print(True ** 5, 2 ** True, 10 % True)
print(True == 1, False == 0, True == 1.0, True > False)
print(True & 3, True | 2, True ^ True)
