# expect: ok
print(divmod(7, 2))
print(divmod(-7, 2))
print(divmod(7, -2))
print(divmod(-7, -2))
print(divmod(0, 3))
print(divmod(2 ** 100, 3))
q, r = divmod(12345, 100)
print(q, r)
