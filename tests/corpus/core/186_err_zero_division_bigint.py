# expect: ZeroDivisionError: integer division or modulo by zero
big = 2 ** 200
print(big // 3)
r = big // (big - big)
