# expect: ZeroDivisionError: integer division or modulo by zero
print(divmod(7, 3))
print(divmod(7, 0))
