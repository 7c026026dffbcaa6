# expect: ZeroDivisionError: float division by zero
print(1.5 / 2)
x = 1.5 / 0.0
