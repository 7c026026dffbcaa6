# expect: ZeroDivisionError: float division by zero
print("start")
x = 2.0 / 0
