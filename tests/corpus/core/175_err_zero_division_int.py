# expect: ZeroDivisionError: division by zero
a = 10
b = 0
print("before", a)
c = a / b
print("not reached")
