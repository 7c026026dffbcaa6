# expect: RuntimeError: wrapped
def f():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise RuntimeError('wrapped') from e
        finally:
            print('inner finally')
    finally:
        print('outer finally')
print('start')
x = f()
