# expect: ok
def f():
    try:
        raise ValueError('v')
    except ValueError:
        try:
            print('inner')
        finally:
            print('inner finally')
        raise
try:
    f()
except ValueError as e:
    print('re-raised', e)
