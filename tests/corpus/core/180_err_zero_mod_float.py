# expect: ZeroDivisionError: float modulo
print(7.0 % 2)
print(7.0 % 0)
