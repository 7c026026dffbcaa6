# expect: ok
def f():
    try:
        [][1]
    except IndexError as e:
        try:
            print('handler', e)
            return 'from handler'
        finally:
            print('handler finally')
    finally:
        print('outer finally')
print(f())
