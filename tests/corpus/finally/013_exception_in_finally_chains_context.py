# expect: ok
def f():
    try:
        raise ValueError('first')
    finally:
        print('in finally')
        raise TypeError('second')
try:
    f()
except TypeError as e:
    print('caught', repr(e))
    print('context', repr(e.__context__))
    print('cause', e.__cause__)
