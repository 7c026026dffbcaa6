# expect: ok
def f():
    try:
        print('outer body')
        raise ValueError('outer')
    finally:
        try:
            print('inner body')
            raise KeyError('inner')
        except KeyError as e:
            print('inner caught', repr(e))
        finally:
            print('inner finally')
        print('outer finally end')
try:
    f()
except ValueError as e:
    print('caught', e)
