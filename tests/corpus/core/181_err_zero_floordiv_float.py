# expect: ZeroDivisionError: float floor division by zero
print(7.0 // 2)
print(7.0 // 0.0)
