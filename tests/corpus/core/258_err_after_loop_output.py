# expect: ZeroDivisionError: integer division or modulo by zero
for i in range(5, -1, -1):
    print(i, 100 // i)
