# expect: ZeroDivisionError: division by zero
def g():
    try:
        1 / 0
    finally:
        print("cleanup")
print("start")
r = g()
