# expect: ZeroDivisionError: float divmod()
print(divmod(7.5, 3))
print(divmod(7.5, 0))
