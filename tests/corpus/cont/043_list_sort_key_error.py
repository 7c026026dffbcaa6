# expect: ZeroDivisionError: integer division or modulo by zero
l = [1, 2, 0, 3]
l.sort(key=lambda x: 10 // x if x else -1)
print(l)
_ = l.sort(key=lambda x: 10 // x)
