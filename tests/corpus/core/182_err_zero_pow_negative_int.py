# expect: ZeroDivisionError: 0.0 cannot be raised to a negative power
print(0 ** 0, 0 ** 5)
print(0 ** -1)
