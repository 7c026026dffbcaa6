# expect: ZeroDivisionError: integer modulo by zero
for i in range(3):
    try:
        print('i', i)
    finally:
        if i == 1:
            print(10 % (i - 1))
