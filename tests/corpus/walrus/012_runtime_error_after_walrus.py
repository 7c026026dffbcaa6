# expect: ZeroDivisionError: division by zero
if (d := 0) == 0:
    print("d is", d)
print(10 / (e := d))
