# expect: ZeroDivisionError: integer division or modulo by zero
def g():
    x = 5
    try:
        print('g body', x)
        return 10 // (x - 5)
    finally:
        print('g finally', x)
print('start')
x = g()
