# expect: ZeroDivisionError: integer division or modulo by zero
x = 100
for d in range(3, -1, -1):
    x //= d if d else 0
    print(x)
