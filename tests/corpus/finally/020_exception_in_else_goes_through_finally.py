# expect: ok
def f():
    try:
        pass
    except ValueError:
        print('not here')
    else:
        raise ValueError('from else')
    finally:
        print('finally')
try:
    f()
except ValueError as e:
    print('caught', e)
