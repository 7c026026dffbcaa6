# expect: ok
def f():
    try:
        return 'value'
    finally:
        raise LookupError('in finally')
try:
    f()
except LookupError as e:
    print('caught', e, e.__context__)
