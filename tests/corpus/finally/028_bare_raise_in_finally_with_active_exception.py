# expect: ok
def f():
    try:
        raise ValueError('active')
    except ValueError:
        try:
            pass
        finally:
            raise
try:
    f()
except ValueError as e:
    print('caught', e)
