# expect: ok
def g():
    try:
        1 / 0
    finally:
        print('g finally')
try:
    g()
except ZeroDivisionError as e:
    print('caught', e)
print('after')
