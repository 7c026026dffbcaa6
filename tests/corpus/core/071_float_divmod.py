# expect: ok
print(divmod(7.5, 2))
print(divmod(-7.5, 2))
print(divmod(7.5, -2))
print(divmod(7, 0.5))
print(divmod(-0.0, 1.0))
print(divmod(1e20, 3.0))
a, b = divmod(10.0, 3)
print(a, b)
