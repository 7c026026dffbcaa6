# expect: KeyError: 'during handling'
def f():
    try:
        int('x')
    except ValueError:
        print('handling')
        raise KeyError('during handling')
    finally:
        print('finally after handler')
print('start')
x = f()
