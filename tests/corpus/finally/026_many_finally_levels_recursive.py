# expect: ok
def f(n):
    try:
        if n == 0:
            raise ValueError('bottom')
        return f(n - 1)
    finally:
        if n % 10 == 0:
            print('unwind', n)
try:
    f(50)
except ValueError as e:
    print('caught', e)
