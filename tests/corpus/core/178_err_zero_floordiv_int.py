# expect: ZeroDivisionError: integer division or modulo by zero
print(7 // 2)
n = 0
print(7 // n)
